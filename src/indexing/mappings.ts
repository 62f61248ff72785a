import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The body of a create-index request: what `mappings/articles.json` holds. */
export interface IndexMapping {
  settings: Record<string, unknown>;
  mappings: Record<string, unknown>;
}

export class MappingError extends Error {
  override name = 'MappingError';
}

export function articlesMappingPath(root: string): string {
  return join(root, 'mappings', 'articles.json');
}

export function peopleMappingPath(root: string): string {
  return join(root, 'mappings', 'people.json');
}

export async function loadMapping(file: string): Promise<IndexMapping> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new MappingError(`MappingError: cannot read ${file}: ${(err as Error).message}`);
  }
  const body = parsed as Partial<IndexMapping> | null;
  if (!body || typeof body.settings !== 'object' || typeof body.mappings !== 'object') {
    throw new MappingError(`MappingError: ${file} must hold an object with settings and mappings`);
  }
  return { settings: body.settings ?? {}, mappings: body.mappings ?? {} };
}

/** A setting from either the nested (`index: { x }`) or the flat (`index.x`, `x`) spelling. */
function indexSetting(settings: Record<string, unknown>, key: string): unknown {
  const nested = settings.index as Record<string, unknown> | undefined;
  return nested?.[key] ?? settings[`index.${key}`] ?? settings[key];
}

/** The replicas and refresh interval the index should have once loaded. Pure. */
export function servingSettings(mapping: IndexMapping): {
  replicas: number;
  refreshInterval: string | null;
} {
  const replicas = Number(indexSetting(mapping.settings, 'number_of_replicas') ?? 0);
  const refresh = indexSetting(mapping.settings, 'refresh_interval');
  return {
    replicas: Number.isInteger(replicas) && replicas >= 0 ? replicas : 0,
    refreshInterval: refresh === undefined || refresh === null ? null : String(refresh),
  };
}

/** The mapping with refresh off and no replicas, for a fast bulk load. Pure; input untouched. */
export function bulkLoadMapping(mapping: IndexMapping): IndexMapping {
  const settings: Record<string, unknown> = { ...mapping.settings };
  for (const key of ['number_of_replicas', 'refresh_interval']) {
    delete settings[key];
    delete settings[`index.${key}`];
  }
  const nested = (settings.index as Record<string, unknown> | undefined) ?? {};
  settings.index = { ...nested, number_of_replicas: 0, refresh_interval: '-1' };
  return { settings, mappings: mapping.mappings };
}

/** `_meta.ireum_mapping_version` of a mapping body (0 when absent). Pure. */
export function mappingVersion(mappings: Record<string, unknown> | undefined): number {
  return metaNumber(mappings, 'ireum_mapping_version');
}

/** `_meta.ireum_names_rules` of a mapping body: the name rules its people were read by (0: older). */
export function namesRulesVersion(mappings: Record<string, unknown> | undefined): number {
  return metaNumber(mappings, 'ireum_names_rules');
}

function metaNumber(mappings: Record<string, unknown> | undefined, field: string): number {
  const meta = mappings?._meta as Record<string, unknown> | undefined;
  const v = Number(meta?.[field] ?? 0);
  return Number.isFinite(v) ? v : 0;
}
