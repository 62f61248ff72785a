/**
 * Configuration, read once at the edge. CLI commands call `readConfig()` and pass values down;
 * nothing below `src/cli/` reads the environment.
 *
 *   const config = readConfig();                      // from process.env
 *   const url = await resolveEngineUrl(config, log);  // ES_URL, or the embedded engine
 *   const { client } = await connect(connectOptions(config, url));
 *
 * Variables:
 *   ES_URL        engine URL; when unset the embedded engine is started (or reused)
 *   ES_API_KEY    API key (wins over username/password)
 *   ES_USERNAME   basic auth user
 *   ES_PASSWORD   basic auth password
 *   IREUM_ALIAS   alias searches and reindexing use (default `articles`)
 *   PORT          web server port (default 3000)
 *   IREUM_FLAVOR  embedded engine: `opensearch` (default) or `elasticsearch7`
 *   IREUM_HEAP    embedded engine heap, e.g. `1g` (default) or `512m`
 *   JAVA_HOME     JDK tried first for the embedded engine
 *   IREUM_PEOPLE  the person registry (default `data/people.json`; a missing file is empty)
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConnectOptions } from '../engine/client.js';
import { parseFlavor, type Flavor } from '../engine/flavors.js';
import { ensureEngine } from '../engine/launcher.js';

export interface Config {
  /** Undefined means "use the embedded engine". */
  esUrl: string | undefined;
  apiKey: string | undefined;
  username: string | undefined;
  password: string | undefined;
  alias: string;
  port: number;
  /** Interface the web server listens on (HOST; 127.0.0.1, or 0.0.0.0 in a container). */
  host: string;
  /** Request log level (LOG_LEVEL): pino's levels, `silent` for none. */
  logLevel: string;
  flavor: Flavor;
  heap: string;
  javaHome: string | undefined;
  /** Project root: holds mappings/, engine/, data/ and the .ireum/ working folder. */
  root: string;
  /** The person registry file (names/registry.ts). */
  peopleFile: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Walks up from this module (dist/src/cli or src/cli) to the folder holding package.json. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const portText = value('PORT') ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`ConfigError: PORT '${portText}' is not a port number`);
  }
  const alias = value('IREUM_ALIAS') ?? 'articles';
  if (!/^[a-z0-9][a-z0-9_.-]*$/.test(alias)) {
    throw new ConfigError(
      `ConfigError: IREUM_ALIAS '${alias}' is not a valid lower-case index name`,
    );
  }
  let flavor: Flavor;
  try {
    flavor = parseFlavor(value('IREUM_FLAVOR'));
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const logLevel = (value('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(
      `ConfigError: LOG_LEVEL '${logLevel}' is not one of ${LOG_LEVELS.join(', ')}`,
    );
  }
  const heap = value('IREUM_HEAP') ?? '1g';
  if (!/^\d+[kmg]$/i.test(heap)) {
    throw new ConfigError(`ConfigError: IREUM_HEAP '${heap}' is not like 512m or 1g`);
  }
  return {
    esUrl: value('ES_URL'),
    apiKey: value('ES_API_KEY'),
    username: value('ES_USERNAME'),
    password: env.ES_PASSWORD,
    alias,
    port,
    host: value('HOST') ?? '127.0.0.1',
    logLevel,
    flavor,
    heap,
    javaHome: value('JAVA_HOME'),
    root: PROJECT_ROOT,
    peopleFile: resolve(value('IREUM_PEOPLE') ?? resolve(PROJECT_ROOT, 'data', 'people.json')),
  };
}

/** ES_URL when set; otherwise the embedded engine's URL, starting it unless one is running. */
export async function resolveEngineUrl(
  config: Config,
  log: (message: string) => void = (m) => console.error(m),
): Promise<string> {
  if (config.esUrl) return config.esUrl;
  const engine = await ensureEngine({
    root: config.root,
    flavor: config.flavor,
    heap: config.heap,
    javaHome: config.javaHome,
    log,
  });
  return engine.url;
}

/** The client options for `connect()` from the config and a resolved URL. */
export function connectOptions(config: Config, url: string): ConnectOptions {
  if (config.apiKey) return { url, apiKey: config.apiKey };
  if (config.username) return { url, username: config.username, password: config.password ?? '' };
  return { url };
}
