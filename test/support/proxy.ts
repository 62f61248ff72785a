import { createConnection, createServer, type Server, type Socket } from 'node:net';

// A loopback TCP proxy in front of the engine: it keeps the engine's address stable across a
// restart (the launcher may pick another port), and it can be taken down and brought back on the
// same port, which to the client behind it is an engine that went away and came back. A refused
// upstream closes the client's socket at once, as a refused port would.

export interface PausableProxy {
  url: string;
  /** Where new connections go, e.g. after the engine restarted on another port. */
  setTarget(url: string): void;
  /** Refuses connections and cuts the open ones, as a stopped engine would. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function pausableProxy(target: string): Promise<PausableProxy> {
  let { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const make = (): Server =>
    createServer((client) => {
      const upstream = createConnection({ host: hostname, port: Number(port) });
      sockets.add(client).add(upstream);
      const end = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
      client.pipe(upstream);
      upstream.pipe(client);
    });
  let server: Server | undefined = make();
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const own = (server.address() as { port: number }).port;
  const down = async () => {
    if (!server) return;
    const s = server;
    server = undefined;
    for (const sock of sockets) sock.destroy();
    sockets.clear();
    await new Promise((resolve) => s.close(resolve));
  };
  return {
    url: `http://127.0.0.1:${own}`,
    setTarget(url) {
      ({ hostname, port } = new URL(url));
    },
    down,
    async up() {
      if (server) return;
      server = make();
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(own, '127.0.0.1', () => resolve());
      });
    },
    close: down,
  };
}
