import { readFile, rename, writeFile } from 'node:fs/promises';
import {
  applyRegistry,
  EMPTY_REGISTRY,
  parseRegistry,
  printRegistry,
  RegistryError,
  type Registry,
} from '../names/registry.js';
import type { IndexMapping } from '../indexing/mappings.js';

// The person registry file: read (a missing file is an empty registry), applied to name
// reading before any command runs, and written back by `ireum people add|merge|ignore`.

export async function readRegistryFile(file: string): Promise<Registry> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_REGISTRY;
    throw new RegistryError(`RegistryError: cannot read ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new RegistryError(`RegistryError: ${file} is not JSON: ${(err as Error).message}`);
  }
  return parseRegistry(json, file);
}

/** Written next to the file and renamed over it, so a crash never leaves half a registry. */
export async function writeRegistryFile(file: string, registry: Registry): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, printRegistry(registry));
  await rename(tmp, file);
}

/** Reads the registry and makes name reading follow it; returns what it read. */
export async function loadRegistry(file: string): Promise<Registry> {
  const registry = await readRegistryFile(file);
  // Nothing to undo and nothing to add: keep start-up from rebuilding the name tables.
  if (registry.people.length > 0 || registry.ignore.length > 0 || loaded !== EMPTY_REGISTRY) {
    applyRegistry(registry);
  }
  loaded = registry;
  return registry;
}

let loaded: Registry = EMPTY_REGISTRY;

/**
 * The mapping the index is written with: the registry in force goes into its _meta, so a later
 * `ireum index` can tell what the index was tagged with and tag again only what changed.
 */
export function withRegistry(mapping: IndexMapping): IndexMapping {
  const meta = (mapping.mappings._meta as Record<string, unknown> | undefined) ?? {};
  return {
    settings: mapping.settings,
    mappings: { ...mapping.mappings, _meta: { ...meta, ireum_registry: loaded } },
  };
}
