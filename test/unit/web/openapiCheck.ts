// Helpers to hold the app against its OpenAPI document: the routes Express has registered,
// the documented operation and response of each, and a small JSON Schema checker for the
// keywords the document uses. The checker treats objects as closed: a property the schema does
// not name is reported, so a field added to a response without documenting it fails a test.

import type { Express } from 'express';

type Schema = Record<string, unknown>;

export interface RouteEntry {
  method: string;
  /** In OpenAPI form: `/api/articles/{id}`. */
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  slash?: boolean;
  name?: string;
}

/** Express path -> OpenAPI path; refuses syntax this test does not know how to translate. */
function openApiPath(path: string): string {
  if (/[*?(){}]/.test(path)) throw new Error(`teach the route walk this path syntax: ${path}`);
  return path.replace(/:(\w+)/g, '{$1}');
}

/** Every method+path the app routes, found by walking its router and the routers mounted on it. */
export function registeredRoutes(app: Express): RouteEntry[] {
  const walk = (stack: Layer[]): RouteEntry[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const paths = ([] as string[]).concat(layer.route.path);
        const methods = Object.keys(layer.route.methods).filter((m) => m !== '_all');
        return paths.flatMap((p) => methods.map((method) => ({ method, path: openApiPath(p) })));
      }
      if (layer.handle?.stack) {
        // A router mounted under a prefix would need the prefix added; none is today.
        if (layer.slash !== true) throw new Error('a router is mounted under a path prefix');
        return walk(layer.handle.stack);
      }
      return [];
    });
  return walk((app.router as unknown as { stack: Layer[] }).stack);
}

export function operation(doc: Schema, path: string, method: string): Schema {
  const paths = doc['paths'] as Record<string, Record<string, Schema>>;
  const op = paths[path]?.[method];
  if (op === undefined) throw new Error(`${method.toUpperCase()} ${path} is not documented`);
  return op;
}

/** The documented JSON schema of a response, failing the test when the status is undocumented. */
export function responseSchema(doc: Schema, path: string, status: number, method = 'get'): Schema {
  const responses = operation(doc, path, method)['responses'] as Record<string, Schema>;
  const response = responses[String(status)];
  if (response === undefined) throw new Error(`${path} does not document a ${status}`);
  const content = response['content'] as Record<string, { schema: Schema }> | undefined;
  const schema = content?.['application/json']?.schema;
  if (schema === undefined) throw new Error(`${path} ${status} documents no JSON body`);
  return schema;
}

export interface SchemaCheck {
  /** The document `$ref`s point into (`#/components/schemas/...`). */
  root: Schema;
}

/** Every way `value` departs from `schema`, as `path: problem` lines; empty when it conforms. */
export function schemaErrors(
  value: unknown,
  schema: Schema,
  check: SchemaCheck,
  at = '$',
): string[] {
  if (typeof schema['$ref'] === 'string') {
    return schemaErrors(value, resolveRef(check.root, schema['$ref']), check, at);
  }
  const errors: string[] = [];
  const fail = (problem: string) => errors.push(`${at}: ${problem}`);
  if (schema['type'] !== undefined) {
    const types = ([] as unknown[]).concat(schema['type']) as string[];
    if (!types.some((t) => hasType(value, t))) {
      fail(`expected ${types.join(' or ')}, got ${JSON.stringify(value)?.slice(0, 80)}`);
      return errors;
    }
  }
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(value)) {
    fail(`${JSON.stringify(value)} is not one of ${JSON.stringify(schema['enum'])}`);
  }
  if ('const' in schema && schema['const'] !== value) {
    fail(`expected ${JSON.stringify(schema['const'])}`);
  }
  if (typeof value === 'string') {
    if (typeof schema['maxLength'] === 'number' && value.length > schema['maxLength']) {
      fail(`longer than ${schema['maxLength']}`);
    }
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) {
      fail(`does not match ${schema['pattern']}`);
    }
    if (schema['format'] === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
      fail(`${JSON.stringify(value)} is not a date`);
    }
  }
  if (typeof value === 'number') {
    if (typeof schema['minimum'] === 'number' && value < schema['minimum']) fail('too small');
    if (typeof schema['maximum'] === 'number' && value > schema['maximum']) fail('too large');
  }
  if (Array.isArray(value)) {
    if (typeof schema['maxItems'] === 'number' && value.length > schema['maxItems']) {
      fail(`more than ${schema['maxItems']} items`);
    }
    const items = schema['items'] as Schema | undefined;
    if (items)
      value.forEach((v, i) => errors.push(...schemaErrors(v, items, check, `${at}[${i}]`)));
  }
  if (isObject(value)) {
    const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
    for (const name of (schema['required'] ?? []) as string[]) {
      if (!(name in value)) fail(`missing ${name}`);
    }
    for (const [name, v] of Object.entries(value)) {
      const sub = properties[name];
      if (sub === undefined) {
        if (schema['properties'] !== undefined) fail(`${name} is not documented`);
        continue;
      }
      errors.push(...schemaErrors(v, sub, check, `${at}.${name}`));
    }
  }
  return errors;
}

/** The schema a local `$ref` (`#/a/b`) names; throws when it names nothing. */
export function resolveRef(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are used: ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    node = isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  if (!isObject(node)) throw new Error(`$ref ${ref} names nothing`);
  return node;
}

/** Every `$ref` anywhere in `node`. */
export function allRefs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(allRefs);
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === '$ref' && typeof v === 'string' ? [v] : allRefs(v),
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      return typeof value === type;
  }
}
