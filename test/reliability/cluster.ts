import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { flavorSpec, type Flavor } from '../../src/engine/flavors.js';
import { findJava } from '../../src/engine/java.js';
import { logTail, portFree, resolveEngine } from '../../src/engine/launcher.js';
import { latencySummary, loadLoop, searchPath, type Sample } from './load.js';
import {
  countOf,
  get,
  ROOT,
  rng,
  runCli,
  serveInProcess,
  sleep,
  tally,
  writeCorpus,
  type Outcome,
  type ReliabilityPromise,
} from './support.js';

// Promise 8: a cluster, not a node. Three engine nodes, one JVM each, on loopback form one
// cluster; the alias's index gets one replica; while readers search through Ireum (pointed at
// node 1), the node holding the primary (never node 1) is SIGKILLed. Every search must still be
// a 200, /healthz must say yellow + degraded (and green again once the replica is rebuilt on the
// third node), and the alias must still count every document.
//
// How the nodes are started: OpenSearchRunner with `-numOfNode 1` forces single-node discovery,
// node name "Node 1", the cluster name and the HTTP port over the node's opensearch.yml (the
// Elasticsearch 7 runner all of these but the discovery type), so three plain runners never
// meet. ClusterNode.java, a small shim run with the same jars, hands the runner the node's YAML
// file before it fills in its defaults, so the file wins.

const ALIAS = 'ireum-rel-cluster';
const NODES = 3;
const DOCS = 2_000;
const HEAP = '512m';
const CLIENTS = 6;
const CLIENT_TIMEOUT_MS = 15_000;
/** Searches before the kill, and after the cluster is green again. */
const STEADY_MS = 5_000;
/**
 * How long the cluster waits for a lost node before rebuilding its copies elsewhere
 * (`index.unassigned.node_left.delayed_timeout`, 1m by default): shortened so one run sees
 * green → yellow → green, and long enough that /healthz is asked well inside the yellow window.
 */
const NODE_LEFT_DELAY = '10s';
const START_TIMEOUT_MS = 180_000;

const execFileP = promisify(execFile);

interface Node {
  name: string;
  dir: string;
  httpPort: number;
  transportPort: number;
  url: string;
  log: string;
  child?: ChildProcess;
  exited: boolean;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** A free loopback TCP port, chosen by the kernel (for transport, which has no range limit). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The per-node opensearch.yml (elasticsearch.yml): everything that makes three JVMs one
 * cluster. Elasticsearch 7 calls the cluster manager "master".
 */
function nodeConfig(node: Node, all: Node[], clusterName: string, flavor: Flavor): string {
  const manager = flavor === 'opensearch' ? 'cluster_manager' : 'master';
  const list = (items: string[]) => `[${items.map((i) => `"${i}"`).join(', ')}]`;
  return [
    '# Written by test/reliability/cluster.ts (promise 8).',
    `cluster.name: ${clusterName}`,
    `node.name: ${node.name}`,
    `node.roles: [${manager}, data]`,
    'network.host: 127.0.0.1',
    `http.port: ${node.httpPort}`,
    `transport.port: ${node.transportPort}`,
    `discovery.seed_hosts: ${list(all.map((n) => `127.0.0.1:${n.transportPort}`))}`,
    `cluster.initial_${manager}_nodes: ${list(all.map((n) => n.name))}`,
    // A nearly full dev disk would otherwise leave replicas unassigned (yellow for another reason).
    'cluster.routing.allocation.disk.threshold_enabled: false',
    '',
  ].join('\n');
}

async function json<T>(url: string, init?: RequestInit, timeoutMs = 15_000): Promise<T> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  if (!res.ok)
    throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

interface Health {
  status: number;
  ms: number;
  body: { status?: string; engine?: string; cluster?: string; degraded?: boolean; reason?: string };
}

export const cluster: ReliabilityPromise = {
  id: 8,
  name: 'A cluster, not a node',
  async run(ctx): Promise<Outcome> {
    const failures: string[] = [];
    const saw: string[] = [];
    const flavor = ctx.engine.flavor;
    const spec = flavorSpec(flavor);
    const managerColumn = flavor === 'opensearch' ? 'cluster_manager' : 'master';
    const tried = `three ${spec.label} nodes (one JVM each, ${HEAP} heap, loopback, ClusterNode.java over the runner) form one cluster; ${DOCS} generated articles reindexed through node 1, the alias's index given 1 replica (node_left delay ${NODE_LEFT_DELAY}); Ireum (production app) over node 1; ${CLIENTS} clients search /search and /api/search for ${STEADY_MS / 1000} s, then the node holding the primary (moved off node 1 first if it was there) is SIGKILLed; /healthz polled until yellow, then until green again; searches go on ${STEADY_MS / 1000} s past green`;
    const t0 = Date.now();
    const since = () => ((Date.now() - t0) / 1000).toFixed(1);
    const libDir = await resolveEngine({
      root: ROOT,
      flavor,
      log: (m) => ctx.log(`[promise 8] ${m}`),
    });
    const java = await findJava({
      javaHome: process.env.JAVA_HOME,
      fallbacks: spec.javaFallbacks,
      min: spec.java.min,
      max: spec.java.max,
      label: spec.label,
    });
    const base = await ctx.scratch('cluster');
    const clusterName = `ireum-rel-cluster-${process.pid}-${Date.now().toString(36)}`;

    // Ports: HTTP where the runner accepts it (≤ 9299), away from where the launcher starts
    // looking (9201); transport anywhere the kernel says is free.
    const nodes: Node[] = [];
    const candidates = [...range(9250, 9298), ...range(9200, 9249)];
    const taken = new Set<number>();
    for (let i = 1; i <= NODES; i++) {
      let b: number | undefined;
      for (const c of candidates) {
        if (!taken.has(c) && (await portFree(c + 1))) {
          b = c;
          break;
        }
      }
      if (b === undefined) throw new Error('no free HTTP port in 9201..9299 for a cluster node');
      taken.add(b);
      let transportPort = await freePort();
      while (nodes.some((n) => n.transportPort === transportPort)) transportPort = await freePort();
      const dir = join(base, `node${i}`);
      nodes.push({
        name: `rel8-n${i}`,
        dir,
        httpPort: b + 1,
        transportPort,
        url: `http://127.0.0.1:${b + 1}`,
        log: join(dir, 'node.log'),
        exited: false,
      });
    }
    const node1 = nodes[0]!;

    // Whatever happens to this process, no JVM of ours outlives it.
    const killAll = () => {
      for (const n of nodes) if (n.child && !n.exited) n.child.kill('SIGKILL');
    };
    process.on('exit', killAll);
    let app: Awaited<ReturnType<typeof serveInProcess>> | undefined;
    try {
      // The shim: compiled once when the JDK has javac, else run in source-file mode.
      const shim = join(ROOT, 'test', 'reliability', 'ClusterNode.java');
      const javac = join(dirname(java.bin), 'javac');
      let launch: string[];
      if (java.bin !== 'java' && existsSync(javac)) {
        const classes = join(base, 'classes');
        await execFileP(javac, ['-d', classes, shim], { timeout: 120_000 });
        launch = ['-cp', `${libDir}/*:${classes}`, 'ClusterNode', spec.mainClass];
      } else {
        launch = ['-cp', `${libDir}/*`, shim, spec.mainClass];
      }

      for (const n of nodes) {
        const config = join(n.dir, 'node_1', 'config');
        await mkdir(config, { recursive: true });
        await writeFile(join(config, spec.configFile), nodeConfig(n, nodes, clusterName, flavor));
        const out = openSync(n.log, 'w');
        // Not detached: a Ctrl-C on the terminal reaches the JVMs too.
        const child = spawn(
          java.bin,
          [
            `-Xms${HEAP}`,
            `-Xmx${HEAP}`,
            ...launch,
            '-basePath',
            n.dir,
            '-numOfNode',
            '1',
            '-baseHttpPort',
            String(n.httpPort - 1),
            '-clusterName',
            clusterName,
          ],
          { cwd: n.dir, stdio: ['ignore', out, out] },
        );
        closeSync(out);
        n.child = child;
        child.on('exit', () => (n.exited = true));
        child.on('error', () => (n.exited = true));
      }
      ctx.log(
        `[promise 8] starting ${clusterName}: ${nodes.map((n) => `${n.name} http ${n.httpPort} transport ${n.transportPort} pid ${n.child!.pid}`).join('; ')}`,
      );

      // All three nodes in one cluster, each answering on its own URL.
      const deadline = Date.now() + START_TIMEOUT_MS;
      for (;;) {
        const dead = nodes.find((n) => n.exited);
        if (dead) throw new Error(`${dead.name} exited while starting:\n${logTail(dead.log)}`);
        const answers = await Promise.all(
          nodes.map((n) =>
            json<{ number_of_nodes: number; status: string; cluster_name: string }>(
              `${n.url}/_cluster/health`,
              undefined,
              3_000,
            ).catch(() => null),
          ),
        );
        if (
          answers.every((a) => a && a.number_of_nodes === NODES && a.cluster_name === clusterName)
        )
          break;
        if (Date.now() > deadline)
          throw new Error(
            `no ${NODES}-node cluster after ${START_TIMEOUT_MS / 1000} s; ${nodes[0]!.name}'s log:\n${logTail(nodes[0]!.log)}`,
          );
        await sleep(500);
      }
      const formed = since();
      const catNodes = await json<Record<string, string>[]>(
        `${node1.url}/_cat/nodes?format=json&h=name,${managerColumn}`,
      );
      const manager = catNodes.find((n) => n[managerColumn] === '*')?.name ?? '?';
      saw.push(
        `cluster ${clusterName} formed in ${formed} s: ${catNodes.length} nodes (${catNodes
          .map((n) => n.name)
          .sort()
          .join(', ')}), cluster manager ${manager}`,
      );

      // Index through node 1, then one replica and a short node_left delay on the new index.
      const corpus = await ctx.scratch('cluster-corpus');
      await writeCorpus(corpus, DOCS, ctx.opts.seed + 8);
      const indexed = await runCli(['reindex', '--source', corpus, '--alias', ALIAS], {
        ES_URL: node1.url,
      });
      if (indexed.code !== 0) throw new Error(`reindex failed: ${indexed.stderr.slice(-1000)}`);
      // The node to lose should hold the primary (the harder case: a replica is promoted while
      // searches run), and Ireum's node 1 must stay up, so a primary on node 1 is moved away.
      const index = Object.keys(await json<object>(`${node1.url}/_alias/${ALIAS}`))[0]!;
      const loaded = await json<{ prirep: string; node: string }[]>(
        `${node1.url}/_cat/shards/${index}?format=json&h=prirep,node`,
      );
      let moved = '';
      if (loaded.some((x) => x.prirep === 'p' && x.node === node1.name)) {
        await json(`${node1.url}/_cluster/reroute`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            commands: [
              { move: { index, shard: 0, from_node: node1.name, to_node: nodes[1]!.name } },
            ],
          }),
        });
        await json(
          `${node1.url}/_cluster/health/${index}?wait_for_no_relocating_shards=true&wait_for_status=green&timeout=60s`,
          undefined,
          70_000,
        );
        moved = ` (primary moved from ${node1.name} to ${nodes[1]!.name} first)`;
      }
      await json(`${node1.url}/${ALIAS}/_settings`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          index: {
            number_of_replicas: 1,
            'unassigned.node_left.delayed_timeout': NODE_LEFT_DELAY,
          },
        }),
      });
      const green = await json<{ status: string; timed_out: boolean }>(
        `${node1.url}/_cluster/health/${ALIAS}?wait_for_status=green&timeout=60s`,
        undefined,
        70_000,
      );
      if (green.status !== 'green')
        failures.push(`the index was ${green.status}, not green, before the kill`);
      const shards = await json<{ prirep: string; state: string; node: string }[]>(
        `${node1.url}/_cat/shards/${ALIAS}?format=json&h=prirep,state,node`,
      );
      const countBefore = await countOf(node1.url, ALIAS);
      saw.push(
        `reindexed ${DOCS} articles in ${(indexed.ms / 1000).toFixed(1)} s; with 1 replica the index is ${green.status}: ${shards.map((s) => `${s.prirep === 'p' ? 'primary' : 'replica'} on ${s.node} (${s.state})`).join(', ')}; ${countBefore} documents through the alias${moved}`,
      );
      if (countBefore !== DOCS)
        failures.push(`the alias counted ${countBefore}, not ${DOCS}, before the kill`);

      // The victim: the node other than node 1 (Ireum's ES_URL) holding the primary; losing it
      // must cost redundancy, not data.
      const holders = shards.filter((s) => s.node !== node1.name);
      const victimName = (holders.find((s) => s.prirep === 'p') ?? holders[0])?.node;
      const victim = nodes.find((n) => n.name === victimName);
      if (!victim)
        throw new Error(`no node besides ${node1.name} holds a copy: ${JSON.stringify(shards)}`);
      const victimRole = `${shards.find((s) => s.node === victim.name)!.prirep === 'p' ? 'primary' : 'replica'}${victim.name === manager ? ', elected cluster manager' : ''}`;

      app = await serveInProcess(node1.url, ALIAS);
      const served = app;
      const health: string[] = [];
      // Every /healthz answer between the kill and green again, e.g. `200 yellow`.
      const polled: string[] = [];
      let odd: Health | undefined;
      const healthOf = async (label: string): Promise<Health> => {
        const h = await get(`${served.base}/healthz`, 10_000);
        let body: Health['body'] = {};
        try {
          body = JSON.parse(h.text) as Health['body'];
        } catch {
          /* reported below */
        }
        if (label)
          health.push(
            `${label}: ${h.status} ${body.status ?? '?'} cluster=${body.cluster ?? '-'} degraded=${body.degraded ?? '-'} (${h.ms} ms)`,
          );
        if (!label) {
          polled.push(`${h.status} ${body.cluster ?? `engine ${body.engine ?? '?'}`}`);
          if (h.status !== 200) odd ??= { status: h.status, ms: h.ms, body };
        }
        return { status: h.status, ms: h.ms, body };
      };
      /** Polls /healthz until it reports this cluster state, or the time is up; the last answer. */
      const healthUntil = async (
        cluster: string,
        degraded: boolean,
        timeoutMs: number,
        everyMs: number,
        each?: () => Promise<void>,
      ): Promise<Health> => {
        const by = Date.now() + timeoutMs;
        let h = await healthOf('');
        while (!(h.body.cluster === cluster && h.body.degraded === degraded) && Date.now() < by) {
          await sleep(everyMs);
          h = await healthOf('');
          await each?.();
        }
        return h;
      };
      const apiTotal = async (): Promise<string> => {
        const r = await get(`${served.base}/api/search`, 15_000);
        try {
          const t = (JSON.parse(r.text) as { total: { value: number; relation: string } }).total;
          return `${r.status} ${t.relation === 'eq' ? '' : '≥'}${t.value}`;
        } catch {
          return `${r.status} (no total)`;
        }
      };
      const before = await healthOf('before the kill');
      if (
        before.status !== 200 ||
        before.body.cluster !== 'green' ||
        before.body.degraded !== false
      )
        failures.push('/healthz was not 200, cluster green, degraded false before the kill');
      const totalBefore = await apiTotal();

      const marks: Record<string, number> = {};
      const r = rng(ctx.opts.seed + 8);
      const lt0 = Date.now();
      const samples: Sample[] = await loadLoop({
        base: served.base,
        path: () => searchPath(r),
        concurrency: CLIENTS,
        durationMs: STEADY_MS,
        timeoutMs: CLIENT_TIMEOUT_MS,
        during: async (extend) => {
          await sleep(STEADY_MS);
          ctx.log(`[promise 8] SIGKILL ${victim.name} (pid ${victim.child!.pid}, ${victimRole})`);
          marks['kill'] = Date.now() - lt0;
          victim.child!.kill('SIGKILL');
          // Yellow and degraded, still 200: searches work, redundancy is gone.
          let h = await healthUntil('yellow', true, 30_000, 250);
          marks['yellow'] = Date.now() - lt0;
          await healthOf('after the kill');
          if (h.status !== 200 || h.body.cluster !== 'yellow' || h.body.degraded !== true)
            failures.push(
              `/healthz did not report 200, cluster yellow, degraded true within 30 s of the kill (last: ${h.status} ${JSON.stringify(h.body)})`,
            );
          // The copy is rebuilt on the node that had none: green again, not degraded.
          h = await healthUntil('green', false, 90_000, 500, async () => {
            if (marks['rebuild'] !== undefined) return;
            const e = await json<{ initializing_shards: number }>(
              `${node1.url}/_cluster/health/${ALIAS}`,
              undefined,
              3_000,
            ).catch(() => null);
            if (e && e.initializing_shards > 0) marks['rebuild'] = Date.now() - lt0;
          });
          marks['green'] = Date.now() - lt0;
          await healthOf('after the copy was rebuilt');
          if (h.status !== 200 || h.body.cluster !== 'green')
            failures.push(
              `/healthz did not report green again within 90 s of yellow (last: ${h.status} ${JSON.stringify(h.body)})`,
            );
          extend(STEADY_MS);
        },
      });

      const countAfter = await countOf(node1.url, ALIAS);
      const totalAfter = await apiTotal();
      const nodesAfter = await json<{ name: string }[]>(
        `${node1.url}/_cat/nodes?format=json&h=name`,
      );
      const shardsAfter = await json<{ prirep: string; state: string; node: string }[]>(
        `${node1.url}/_cat/shards/${ALIAS}?format=json&h=prirep,state,node`,
      );

      const s = (ms: number | undefined) => (ms === undefined ? '?' : (ms / 1000).toFixed(1));
      const beforeKill = samples.filter((x) => x.at + x.ms < (marks['kill'] ?? Infinity));
      const around = samples.filter(
        (x) => x.at + x.ms >= (marks['kill'] ?? Infinity) && x.at < (marks['green'] ?? Infinity),
      );
      const afterGreen = samples.filter((x) => x.at >= (marks['green'] ?? Infinity));
      const non200 = samples.filter((x) => x.status !== 200);
      const fivexx = samples.filter((x) => x.status >= 500);
      const transport = samples.filter((x) => x.status === 0);
      saw.push(
        `killed ${victim.name} (${victimRole}) at ${s(marks['kill'])} s into the load; /healthz yellow by ${s(marks['yellow'])} s; new replica initializing by ${s(marks['rebuild'])} s (delay ${NODE_LEFT_DELAY}); /healthz green again by ${s(marks['green'])} s; load ended at ${s(Math.max(0, ...samples.map((x) => x.at + x.ms)))} s`,
      );
      saw.push(
        `${samples.length} searches from ${CLIENTS} clients: before the kill ${tally(beforeKill.map((x) => x.status))}; from the kill to green ${tally(around.map((x) => x.status))}; after green ${tally(afterGreen.map((x) => x.status))}`,
      );
      saw.push(
        `latency before the kill ${latencySummary(beforeKill)}; from the kill to green ${latencySummary(around)}`,
      );
      saw.push(
        `non-200 ${non200.length}, 5xx ${fivexx.length}, transport errors/hangs ${transport.length}`,
      );
      saw.push(...health.map((h) => `/healthz ${h}`));
      saw.push(
        `/healthz polled from the kill to green: ${tally(polled)}${odd ? `; first non-200: ${odd.status} ${JSON.stringify(odd.body)} (${odd.ms} ms)` : ''}`,
      );
      saw.push(
        `after: ${nodesAfter.length} nodes (${nodesAfter
          .map((n) => n.name)
          .sort()
          .join(
            ', ',
          )}); ${shardsAfter.map((x) => `${x.prirep === 'p' ? 'primary' : 'replica'} on ${x.node} (${x.state})`).join(', ')}; alias count ${countBefore} → ${countAfter}; /api/search total ${totalBefore} → ${totalAfter}`,
      );

      if (non200.length)
        failures.push(
          `${non200.length} searches were not 200 (${tally(non200.map((x) => x.status))}), e.g. ${non200[0]!.status} ${non200[0]!.path}${non200[0]!.error ? ` ${non200[0]!.error}` : ''}`,
        );
      if (around.length === 0) failures.push('no search ran between the kill and green');
      if (afterGreen.length === 0) failures.push('no search ran after the cluster was green again');
      if (nodesAfter.length !== NODES - 1)
        failures.push(`${nodesAfter.length} nodes after the kill, not ${NODES - 1}`);
      if (countAfter !== countBefore)
        failures.push(`the alias counted ${countAfter} after the kill, ${countBefore} before`);
      if (totalAfter !== totalBefore)
        failures.push(`/api/search total changed: ${totalBefore} → ${totalAfter}`);
      for (const n of nodes)
        if (n !== victim && n.exited) failures.push(`${n.name} exited during the run`);
    } finally {
      await app?.close().catch(() => {});
      killAll();
      for (let i = 0; i < 100 && nodes.some((n) => n.child && !n.exited); i++) await sleep(100);
      process.off('exit', killAll);
      const left = nodes.filter((n) => n.child && !n.exited).map((n) => n.child!.pid);
      if (left.length) failures.push(`JVMs still alive after SIGKILL: ${left.join(', ')}`);
      if (!ctx.opts.keep) await rm(base, { recursive: true, force: true });
    }
    saw.push(
      `whole run ${since()} s; all ${NODES} JVMs killed${ctx.opts.keep ? `, folders kept in ${base}` : ', their folders removed'}`,
    );
    return { pass: failures.length === 0, tried, saw, failures };
  },
};
