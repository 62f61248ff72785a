import type { KnownPerson } from './tables/known.js';
import { keyOfKorean, setExtraPeople } from './canonical.js';
import { ignoreForm, setExtraSpellings } from './extract.js';
import { clearPersonPivots } from './pivot.js';

/**
 * The person registry (`data/people.json`): what the user decides about names, on top of the
 * rules. Pure: reading and writing the file is the CLI's.
 *
 *   { "people": [ { "display": "Ban Ki-moon", "hangul": ["반기문"],
 *                   "spellings": ["Pan Gi-mun"] } ],
 *     "ignore": ["Han Solo", "Park Avenue"] }
 *
 * - A person: every spelling (and the display and Hangul) is that one person, shown as
 *   `display`. Merges spellings the rules keep apart, fixes a display form or a Hangul.
 * - `ignore`: strings that are never a person, compared without case, hyphens or spacing.
 */
export interface RegistryPerson {
  display: string;
  hangul?: string[];
  spellings?: string[];
}

export interface Registry {
  people: RegistryPerson[];
  ignore: string[];
}

export class RegistryError extends Error {
  override name = 'RegistryError';
}

export const EMPTY_REGISTRY: Registry = { people: [], ignore: [] };

function strings(v: unknown, where: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === '')) {
    throw new RegistryError(`${where} must be a list of non-empty strings`);
  }
  return (v as string[]).map((x) => x.trim());
}

/** Checks the parsed JSON of a registry file; `file` names it in errors. */
export function parseRegistry(json: unknown, file: string): Registry {
  const fail = (why: string) => new RegistryError(`RegistryError: ${file}: ${why}`);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw fail('must hold an object with "people" and "ignore"');
  }
  const o = json as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (k !== 'people' && k !== 'ignore') throw fail(`unknown field "${k}"`);
  }
  if (o.people !== undefined && !Array.isArray(o.people)) throw fail('"people" must be a list');
  const people = ((o.people as unknown[] | undefined) ?? []).map((p, i) => {
    const where = `people[${i}]`;
    if (p === null || typeof p !== 'object') throw fail(`${where} must be an object`);
    const r = p as Record<string, unknown>;
    if (typeof r.display !== 'string' || r.display.trim() === '') {
      throw fail(`${where}.display must be a non-empty string`);
    }
    try {
      const hangul = strings(r.hangul, `${where}.hangul`);
      if (hangul.some((h) => !/^[가-힣]+( [가-힣]+)?$/.test(h))) {
        throw new RegistryError(`${where}.hangul must be Hangul syllables`);
      }
      const person: RegistryPerson = { display: r.display.trim() };
      if (hangul.length > 0) person.hangul = hangul;
      const spellings = strings(r.spellings, `${where}.spellings`);
      if (spellings.length > 0) person.spellings = spellings;
      return person;
    } catch (err) {
      throw fail((err as Error).message);
    }
  });
  let ignore: string[];
  try {
    ignore = strings(o.ignore, '"ignore"');
  } catch (err) {
    throw fail((err as Error).message);
  }
  return { people, ignore };
}

/** The known-people entry a registry person becomes, keyed by its first Korean-shaped form. */
function asKnown(p: RegistryPerson): KnownPerson {
  const forms = [p.display, ...(p.spellings ?? []), ...(p.hangul ?? [])];
  const keyFrom = forms.find((f) => keyOfKorean(f) !== null);
  const aliases = [...(p.spellings ?? [])];
  if (keyFrom === undefined) return { display: p.display, aliases, foreign: true };
  return {
    display: p.display,
    aliases,
    ...(p.hangul ? { hangul: p.hangul } : {}),
    ...(keyFrom !== p.display ? { keyFrom } : {}),
  };
}

/** Makes extraction, keys and display follow `registry` from now on (replacing any before). */
export function applyRegistry(registry: Registry): void {
  setExtraPeople(registry.people.map(asKnown));
  const spellings = registry.people.flatMap((p) => [p.display, ...(p.spellings ?? [])]);
  setExtraSpellings(spellings, registry.ignore);
  clearPersonPivots();
}

/**
 * Strings whose reading may differ between two registries: every display, spelling, Hangul and
 * ignored string of an entry that was added, removed or changed. Documents naming one of them
 * are the ones `ireum index` tags again.
 */
export function registryChanges(before: Registry, after: Registry): string[] {
  const entry = (p: RegistryPerson) => JSON.stringify(p);
  const had = new Set(before.people.map(entry));
  const has = new Set(after.people.map(entry));
  const out = new Set<string>();
  const forms = (p: RegistryPerson) => [p.display, ...(p.spellings ?? []), ...(p.hangul ?? [])];
  for (const p of before.people) if (!has.has(entry(p))) forms(p).forEach((f) => out.add(f));
  for (const p of after.people) if (!had.has(entry(p))) forms(p).forEach((f) => out.add(f));
  const ignoredBefore = new Set(before.ignore.map(ignoreForm));
  const ignoredAfter = new Set(after.ignore.map(ignoreForm));
  for (const s of before.ignore) if (!ignoredAfter.has(ignoreForm(s))) out.add(s);
  for (const s of after.ignore) if (!ignoredBefore.has(ignoreForm(s))) out.add(s);
  return [...out];
}

/** Edits for `ireum people add|merge|ignore`: each returns a new registry. */
export function addPerson(
  registry: Registry,
  display: string,
  opts: { hangul?: string[]; spellings?: string[] } = {},
): Registry {
  const people = registry.people.filter((p) => p.display !== display);
  const old = registry.people.find((p) => p.display === display);
  const hangul = [...new Set([...(old?.hangul ?? []), ...(opts.hangul ?? [])])];
  const spellings = [...new Set([...(old?.spellings ?? []), ...(opts.spellings ?? [])])];
  const person: RegistryPerson = { display };
  if (hangul.length > 0) person.hangul = hangul;
  if (spellings.length > 0) person.spellings = spellings;
  return { ...registry, people: [...people, person] };
}

/** `merge A B C`: B and C are spellings of A (A is added when missing). */
export function mergeSpellings(registry: Registry, display: string, others: string[]): Registry {
  const hangul = others.filter((o) => /^[가-힣 ]+$/.test(o));
  const spellings = others.filter((o) => !/^[가-힣 ]+$/.test(o) && o !== display);
  // A spelling merged into one person leaves any other entry it was in.
  const taken = new Set(spellings);
  const people = registry.people.map((p) =>
    p.display === display || !p.spellings
      ? p
      : { ...p, spellings: p.spellings.filter((s) => !taken.has(s)) },
  );
  return addPerson({ ...registry, people }, display, { hangul, spellings });
}

export function ignoreName(registry: Registry, text: string): Registry {
  const form = ignoreForm(text);
  if (registry.ignore.some((s) => ignoreForm(s) === form)) return registry;
  return { ...registry, ignore: [...registry.ignore, text] };
}

/** The registry as its file holds it (stable order, two-space JSON). */
export function printRegistry(registry: Registry): string {
  const people = [...registry.people].sort((a, b) => a.display.localeCompare(b.display));
  return `${JSON.stringify({ people, ignore: registry.ignore }, null, 2)}\n`;
}
