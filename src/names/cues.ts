import { codePointAt, codePointBefore, isBlank, isLetter, skipBlanks } from './chars.js';

// What wire copy puts around a person, and nowhere else: a reporting verb after the name, an
// apposition saying who they are, an attribution before it, and the surname alone later on.
// Where one of these stands, words a name is otherwise not taken for may be read as one.

/**
 * Whether a reporting verb follows `i` (`I Ho said`, `Jeong Do told reporters`): what follows a
 * name in wire copy as surely as a comma, and never a capitalised short word after `I`.
 */
export function reportingVerbAt(text: string, i: number): boolean {
  return isBlank(text.charCodeAt(i)) && wordAfterIn(text, i, REPORTING_VERBS);
}

/**
 * Whether the lower-case word after the blanks at `i` is one of `words` (a dozen letters at most,
 * so no string is made of a long word).
 */
export function wordAfterIn(text: string, i: number, words: ReadonlySet<string>): boolean {
  const from = skipBlanks(text, i);
  let to = from;
  while (to < text.length && to - from < 12) {
    const c = text.charCodeAt(to);
    if (c < 0x61 || c > 0x7a) break;
    to++;
  }
  return to > from && !isLetter(text.charCodeAt(to)) && words.has(text.slice(from, to));
}

const REPORTING_VERBS = new Set([
  'said',
  'says',
  'told',
  'tells',
  'added',
  'wrote',
  'noted',
  'stressed',
  'insisted',
  'warned',
  'urged',
  'denied',
  'declined',
]);

/**
 * What only follows a person in wire copy: a reporting verb (`told reporters`), or an apposition
 * that says who they are (`, who is`, `, a teacher`, `, 45,`). Enough to read words a name is
 * otherwise not taken for (`I Ran, who`, `Ran Lee, a lawmaker`, `Hanjee Do told`).
 */
export function personCueAt(text: string, end: number, articles = true): boolean {
  return reportingVerbAt(text, end) || appositionAt(text, end, articles);
}

/** `, who `, `, 45,` and, unless `articles` is false, `, a `, `, an `, `, the ` at `end`. */
export function appositionAt(text: string, end: number, articles = true): boolean {
  if (text.charCodeAt(end) !== 0x2c) return false;
  const m = APPOSITION.exec(text.slice(end + 1, end + 8));
  return m !== null && (articles || m[1] === undefined);
}

/** Whether a reporting verb or `according to` ends right before `start` (`said Iksuk Do`). */
export function attributedAt(text: string, start: number): boolean {
  return start > 0 && ATTRIBUTION.test(text.slice(Math.max(0, start - 14), start));
}

const ATTRIBUTION = /\b(?:said|says|told|[Aa]ccording to)\s$/;

// `, who `, `, 45,` (not `, 1,200`, a count) and (group 1) `, a `, `, an `, `, the `.
const APPOSITION = /^\s(?:who\s|\d{1,3},(?!\d)|(a|an|the)\s)/;

const COURTESY_TITLES = /(?:^|[^\p{L}])(?:Mr|Ms|Mrs|Dr)\.?\s$/u;

/**
 * Whether `word` stands alone for a person somewhere in `texts`: after a courtesy title (`Mr.
 * Ju`), or as a whole word not after another capitalised word and before a reporting verb (`Ju
 * said`), or after one and before punctuation (`said Ju.`).
 */
export function calledBySurname(texts: readonly string[], word: string): boolean {
  for (const text of texts) {
    for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + 1)) {
      const end = i + word.length;
      if (isLetter(codePointBefore(text, i)) || isLetter(codePointAt(text, end))) continue;
      if (COURTESY_TITLES.test(text.slice(Math.max(0, i - 5), i))) return true;
      const before = text.slice(Math.max(0, i - 12), i);
      const afterCapital = /\p{Lu}[\p{L}'’-]*\s$/u.test(before);
      if (!afterCapital && reportingVerbAt(text, end)) return true;
      if (/\b(?:said|says|told)\s$/.test(before) && /^[.,;]/.test(text.slice(end, end + 1))) {
        return true;
      }
    }
  }
  return false;
}
