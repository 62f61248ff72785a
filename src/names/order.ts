import { canonicalKey, displayName, knownPerson } from './canonical.js';
import { calledBySurname } from './cues.js';
import { personPivots } from './pivot.js';
import type { PersonMention } from './types.js';

/**
 * A two-word name whose words are both surnames (`Jong Ju`: 정주, or 주종 written given name
 * first), as read in the article: what the rest of the article calls the person settles which.
 */
export interface OrderCandidate {
  key: string;
  text: string;
  first: string;
  second: string;
  alsoRead?: string;
}

/**
 * Wire copy names a person in full once and by surname after (`Ju said`, `Mr. Ju`, `said Ju.`).
 * Where a two-word name of two surnames is later called by one of its words alone, and never by
 * the other, that word is the surname: `Jong Ju … Ju said` is 주종 written given name first (the
 * article's key becomes that reading's), and `Jung Joo … Jung said` is 정주 alone (the reversed
 * reading's pivots go). Rare (a name of two surname words), so only those names pay for it.
 */
export function settleOrder(
  found: Map<string, PersonMention>,
  texts: readonly string[],
  candidates: readonly OrderCandidate[],
): { people: Map<string, PersonMention>; rekeyed: Map<string, string> } {
  const rekeyed = new Map<string, string>();
  for (const c of candidates) {
    const person = found.get(c.key);
    if (person === undefined || rekeyed.has(c.key)) continue;
    const byFirst = calledBySurname(texts, c.first);
    const bySecond = calledBySurname(texts, c.second);
    if (byFirst === bySecond) continue;
    const surnameFirst = personPivots(c.key, [c.text]);
    if (byFirst) {
      if (c.alsoRead === undefined) continue;
      const other = personPivots(canonicalKey(c.alsoRead), [c.alsoRead]);
      person.pivots = person.pivots.filter((p) => surnameFirst.includes(p) || !other.includes(p));
      continue;
    }
    const written = `${c.second} ${c.first}`;
    const key = canonicalKey(written);
    if (key === c.key || knownPerson(key) !== undefined) continue;
    const own = personPivots(key, [written]);
    const others = person.pivots.filter((p) => !surnameFirst.includes(p));
    person.pivots = [...new Set([...own, ...others])];
    person.key = key;
    person.name = displayName(key);
    rekeyed.set(c.key, key);
  }
  if (rekeyed.size === 0) return { people: found, rekeyed };
  // Rebuilt in the order people were first named; a reading that lands on a person already
  // found merges into them.
  const people = new Map<string, PersonMention>();
  for (const person of found.values()) {
    const into = people.get(person.key);
    if (into === undefined) {
      people.set(person.key, person);
      continue;
    }
    for (const v of person.variants) if (!into.variants.includes(v)) into.variants.push(v);
    for (const p of person.pivots) if (!into.pivots.includes(p)) into.pivots.push(p);
  }
  return { people, rekeyed };
}
