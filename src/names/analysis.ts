import {
  APOSTROPHE_CLASS,
  HANGUL_SURNAME_SPLIT_PATTERN,
  POSSESSIVE_PATTERN,
  TOKEN_ALIASES,
  asciiLower,
} from './canonical.js';
import { hangulTable } from './hangul.js';
import { NAMES_RULES_VERSION } from './rules.js';
import { FOLD_RULES, foldLetters } from './tables/fold.js';
import { SURNAMES } from './tables/surnames.js';

/**
 * The engine side of the names module: analysis components generated from the same tables the
 * TypeScript functions use, so `ireum_name_key` yields `engineToken(name)` for any name.
 *
 * - `ireum_name_key` (whole-name fields `names`, `people.name`): keyword tokenizer; Hangul
 *   surname split off and every syllable romanized; surname spellings normalised at the start;
 *   separators dropped in the given name; letters folded. `Kim Jong-un`, `KIM JONG UN`,
 *   `Kim Jongun`, `Gim Jeong-eun`, `김정은` -> one token `kim chonkon`.
 * - `ireum_name` (`title.names`, `body.names`, `captions.names`): standard tokenizer, one token
 *   per syllable (Hangul too), each folded, surname spellings normalised, no stopwords; a
 *   `match_phrase` for `Kim Jong Un` matches `Kim Jong-un`, `Gim Jeong Eun` and `김정은`.
 *
 * Only components Elasticsearch 7.10+ and OpenSearch all ship: mapping and pattern_replace char
 * filters, keyword/standard tokenizers, lowercase, asciifolding, pattern_replace.
 */
export interface NameAnalysis {
  char_filter: Record<string, unknown>;
  filter: Record<string, unknown>;
  analyzer: Record<string, unknown>;
}

/** Prefixes of every component this module owns in the mapping (others are left alone). */
export const OWNED_PREFIXES = ['ireum_name', 'ireum_hangul', 'ireum_fold_', 'ireum_surname_'];

export const KEY_ANALYZER = 'ireum_name_key';
export const TOKEN_ANALYZER = 'ireum_name';
/**
 * Reads `^ 김 정,종 은,운 $` (names/pivot.ts): one position per blank-separated part, every
 * comma-separated member stacked at it, so a `match_phrase` with such a string matches when each
 * position shares a member.
 */
export const PIVOT_ANALYZER = 'ireum_name_pivot';
/** Gap between two values of `people_pivot`, so no phrase runs from one name into the next. */
const PIVOT_GAP = 100;

function surnameRules(): { key: string; variants: string[] }[] {
  const byKey = new Map<string, Set<string>>();
  for (const s of SURNAMES) {
    for (const latin of s.latin) {
      const v = asciiLower(latin).replace(/[^a-z]/g, '');
      // Spellings that fold to the key by themselves need no rule.
      if (foldLetters(v) === foldLetters(s.key)) continue;
      let set = byKey.get(s.key);
      if (!set) byKey.set(s.key, (set = new Set()));
      set.add(v);
    }
  }
  return [...byKey].map(([key, set]) => ({
    key,
    variants: [...set].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)),
  }));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function nameAnalysis(): NameAnalysis {
  const char_filter: Record<string, unknown> = {
    ireum_name_possessive: {
      type: 'pattern_replace',
      pattern: POSSESSIVE_PATTERN,
      replacement: '',
    },
    ireum_name_apostrophes: { type: 'pattern_replace', pattern: APOSTROPHE_CLASS, replacement: '' },
    // Inside running text only apostrophes within a word go (Ch'ŏl), so `Kim's` stays possessive.
    ireum_name_inner_apostrophes: {
      type: 'pattern_replace',
      pattern: `(?<=[A-Za-z])${APOSTROPHE_CLASS}(?=[A-Za-z\u014c\u014d\u016c\u016d]{2})`,
      replacement: '',
    },
    ireum_hangul_surname: {
      type: 'pattern_replace',
      pattern: HANGUL_SURNAME_SPLIT_PATTERN,
      replacement: '$1 ',
    },
    ireum_hangul_syllables: { type: 'pattern_replace', pattern: '([가-힣])', replacement: '$1 ' },
    ireum_hangul: {
      type: 'mapping',
      mappings: hangulTable().map(([h, r]) => `${h}=>${r}`),
    },
  };

  const filter: Record<string, unknown> = {
    ireum_name_separators: { type: 'pattern_replace', pattern: '[^a-z]+', replacement: ' ' },
    ireum_name_trim: { type: 'pattern_replace', pattern: '^ +| +$', replacement: '' },
    ireum_name_possessive_token: {
      type: 'pattern_replace',
      pattern: "['\u2019]s?$",
      replacement: '',
    },
    ireum_name_mark_surname: { type: 'pattern_replace', pattern: '^([a-z]+) ', replacement: '$1_' },
    ireum_name_join: { type: 'pattern_replace', pattern: ' ', replacement: '' },
    ireum_name_unmark: { type: 'pattern_replace', pattern: '_', replacement: ' ' },
  };
  const keyFilters = ['lowercase', 'asciifolding', 'ireum_name_separators', 'ireum_name_trim'];
  const tokenFilters = ['lowercase', 'asciifolding', 'ireum_name_possessive_token'];

  for (const { key, variants } of surnameRules()) {
    const alts = variants.map(escapeRe).join('|');
    filter[`ireum_surname_${key}`] = {
      type: 'pattern_replace',
      pattern: `^(?:${alts})(?= )`,
      replacement: key,
    };
    filter[`ireum_surname_token_${key}`] = {
      type: 'pattern_replace',
      pattern: `^(?:${alts})$`,
      replacement: key,
    };
    keyFilters.push(`ireum_surname_${key}`);
    tokenFilters.push(`ireum_surname_token_${key}`);
  }
  keyFilters.push('ireum_name_mark_surname', 'ireum_name_join');
  for (const rule of FOLD_RULES) {
    filter[`ireum_fold_${rule.id}`] = {
      type: 'pattern_replace',
      pattern: rule.pattern,
      replacement: rule.replacement,
    };
    keyFilters.push(`ireum_fold_${rule.id}`);
    tokenFilters.push(`ireum_fold_${rule.id}`);
  }
  keyFilters.push('ireum_name_unmark');
  let n = 0;
  for (const [from, to] of [...TOKEN_ALIASES].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const id = `ireum_name_alias_${++n}`;
    filter[id] = { type: 'pattern_replace', pattern: `^${escapeRe(from)}$`, replacement: to };
    keyFilters.push(id);
  }

  filter.ireum_name_pivot_members = {
    type: 'pattern_capture',
    preserve_original: false,
    patterns: ['([^,]+)'],
  };
  const analyzer: Record<string, unknown> = {
    [PIVOT_ANALYZER]: {
      type: 'custom',
      tokenizer: 'whitespace',
      filter: ['ireum_name_pivot_members'],
    },
    [KEY_ANALYZER]: {
      type: 'custom',
      char_filter: [
        'ireum_name_possessive',
        'ireum_name_apostrophes',
        'ireum_hangul_surname',
        'ireum_hangul',
      ],
      tokenizer: 'keyword',
      filter: keyFilters,
    },
    [TOKEN_ANALYZER]: {
      type: 'custom',
      char_filter: ['ireum_name_inner_apostrophes', 'ireum_hangul_syllables', 'ireum_hangul'],
      tokenizer: 'standard',
      filter: tokenFilters,
    },
  };
  return { char_filter, filter, analyzer };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * The mapping with this module's analysis components replaced and the whole-name fields pointed
 * at the key analyzer; everything else is kept as it was.
 */
export function applyNameAnalysis(mapping: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(mapping) as { [k: string]: Json };
  const settings = (out.settings ??= {}) as { [k: string]: Json };
  const analysis = (settings.analysis ??= {}) as { [k: string]: Json };
  const generated = nameAnalysis() as unknown as Record<string, Record<string, Json>>;
  for (const section of ['char_filter', 'filter', 'analyzer'] as const) {
    const current = (analysis[section] ?? {}) as { [k: string]: Json };
    const kept: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(current)) {
      if (!OWNED_PREFIXES.some((p) => k.startsWith(p))) kept[k] = v;
    }
    analysis[section] = { ...kept, ...generated[section] };
  }
  const props = ((out.mappings as { [k: string]: Json }).properties ?? {}) as {
    [k: string]: { [k: string]: Json };
  };
  if (props.names) props.names = { type: 'text', analyzer: KEY_ANALYZER };
  props.people_pivot = {
    type: 'text',
    analyzer: PIVOT_ANALYZER,
    index_options: 'positions',
    norms: false,
    position_increment_gap: PIVOT_GAP,
  };
  // Only ever matched by term: no doc values, no norms, no frequencies.
  props.people_readings = { type: 'keyword', doc_values: false, index_options: 'docs' };
  const people = props.people as { fields?: { [k: string]: Json } } | undefined;
  if (people?.fields) people.fields.name = { type: 'text', analyzer: KEY_ANALYZER };
  // The people an index holds are read by the rules of its build: `ireum index` compares.
  const mappings = out.mappings as { [k: string]: Json };
  mappings._meta = {
    ...((mappings._meta ?? {}) as object),
    ireum_names_rules: NAMES_RULES_VERSION,
  };
  return out;
}

/**
 * JSON printed the way prettier prints it, to keep diffs small: an object or array goes on one
 * line when it fits or when `original` already had it on one line; an object `original` wrote
 * expanded stays expanded.
 */
export function printJson(value: unknown, width = 100, original = ''): string {
  const expanded = new Set([...original.matchAll(/"([^"]+)": \{\n/g)].map((m) => m[1]!));
  return `${print(value as Json, 0, 0, '', { width, expanded, original })}\n`;
}

interface PrintContext {
  width: number;
  expanded: ReadonlySet<string>;
  original: string;
}

function print(v: Json, indent: number, prefix: number, key: string, ctx: PrintContext): string {
  const flat = inline(v);
  if (v === null || typeof v !== 'object') return flat;
  const keepExpanded = !Array.isArray(v) && ctx.expanded.has(key);
  if (
    !keepExpanded &&
    (flat.length + indent + prefix <= ctx.width || ctx.original.includes(flat))
  ) {
    return flat;
  }
  const pad = ' '.repeat(indent + 2);
  const close = ' '.repeat(indent);
  if (Array.isArray(v)) {
    return `[\n${v.map((x) => pad + print(x, indent + 2, 1, '', ctx)).join(',\n')}\n${close}]`;
  }
  const entries = Object.entries(v).map(([k, x]) => {
    const head = `${JSON.stringify(k)}: `;
    return pad + head + print(x, indent + 2, head.length, k, ctx);
  });
  return `{\n${entries.join(',\n')}\n${close}}`;
}

function inline(v: Json): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
  const e = Object.entries(v);
  return e.length === 0
    ? '{}'
    : `{ ${e.map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')} }`;
}
