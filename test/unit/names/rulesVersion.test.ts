import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { CONVENTIONS, generateCohort, hashSeed, renderArticle } from '../../../bench/namegen.js';
import { articleTexts } from '../../../src/articles/document.js';
import { parseArticleOrThrow } from '../../../src/articles/parse.js';
import { canonicalKey, displayName } from '../../../src/names/canonical.js';
import { extractPeople, findNames } from '../../../src/names/extract.js';
import { personPivots, pivotsReadings } from '../../../src/names/pivot.js';
import { NAMES_RULES_FINGERPRINT, NAMES_RULES_VERSION } from '../../../src/names/rules.js';
import { SURNAMES } from '../../../src/names/tables/surnames.js';
import { HANGUL_COMMON_NOUNS } from '../../../src/names/tables/hangulWords.js';
import { KNOWN_PEOPLE } from '../../../src/names/tables/known.js';

// An index keeps the people its articles were read with, and `ireum index` rebuilds one built
// under older rules only if NAMES_RULES_VERSION says so. This reads a broad probe set and
// fingerprints everything the rules give: a change that moves any of it fails here until the
// version is bumped and the fingerprint set.

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join(dir, f));
}

function probe(): string {
  const hash = createHash('sha256');
  const add = (value: unknown) => hash.update(`${JSON.stringify(value)}\n`);
  const known = new Set(KNOWN_PEOPLE.flatMap((p) => p.hangul ?? []));
  const cohort = generateCohort(120, 7, 30, known);
  for (const person of [...cohort.people, ...cohort.distractors]) {
    for (const convention of CONVENTIONS) {
      const spelling = person.spellings[convention];
      // The query path, any case, and the key, display and pivots of the spelling itself.
      add([
        spelling,
        findNames(spelling, { anyCase: true }),
        findNames(spelling.toLowerCase(), { anyCase: true }),
      ]);
      const key = canonicalKey(spelling);
      // The readings too: what a pivot stores and matches by term (sure readings rank).
      const pivots = personPivots(key, [spelling]);
      add([key, displayName(key), pivots, pivotsReadings(pivots)]);
      const text = renderArticle({ person, convention, seed: hashSeed(7, person.id, convention) });
      add(extractPeople(text.split('\n')));
    }
  }
  // Near twins of the known people in Hangul (the last syllable's vowel moved on): whether
  // they are keyed as the known person or apart.
  for (const person of KNOWN_PEOPLE) {
    for (const h of person.hangul ?? []) {
      const last = h.charCodeAt(h.length - 1);
      const twin = `${h.slice(0, -1)}${String.fromCharCode(((last - 0xac00 + 28) % 11172) + 0xac00)}`;
      add([twin, canonicalKey(twin), displayName(canonicalKey(twin))]);
    }
  }
  // Korean prose: common nouns that read like names, and names before a title or a role.
  for (const noun of HANGUL_COMMON_NOUNS) add(extractPeople([`${noun} 관련 논의가 이어졌다.`]));
  for (const role of ['씨', '농민은', '교사는', '연구원은', '작가는', '수위가', '대통령은']) {
    add(extractPeople([`주정 ${role} 말했다.`, `김소전 ${role} 말했다.`]));
    // A rarer given syllable where a title or an age says a person is named; verbs that read
    // like names (a quoting ending, a verbal noun before an auxiliary).
    add(extractPeople([`김열난(28) ${role} 말했다.`, `이난향 ${role} 말했다.`, `정난 ${role}`]));
  }
  add(
    extractPeople(['더 들어야 한다고 밝혔다.', '문제를 제기해 왔다.', '이를 강조해 온 김은해 씨.']),
  );
  add(extractPeople(['김은해 주무관은 말했다.', '김은해 본부장은 말했다.']));
  // Shapes read only where the context names a person, typed alone and in running text; and a
  // known person's spelling no rule reads (the key alone says who).
  const shapes = ['So Park', 'Do Kim', 'Ye Joo', 'Oh No', 'Sam Woo Ham', 'Dan Woo Kim', 'In Gong'];
  // A surname Chinese names share, and one syllable pinyin may or may not spell.
  shapes.push(
    'Wang Jong',
    'Wang Jun',
    'Ma Ho',
    'Ma Kai',
    'Sun Ho',
    'Gong Li',
    'Yu Chol',
    'In Chan-ho',
    'Ganghwa Do',
    'YONGSAN PARK',
    'Chung Hi',
    'I Sangbeom',
    'O Seongseo',
    'JAEGEON JUNG',
    'Ch\u2019oe Ryong-hae',
    'Seung\u2010gyu Lee',
  );
  for (const shape of [...shapes, 'Wan Seong Kim', 'Rhee Syng-man', '김열난', '이난향']) {
    add([shape, findNames(shape, { anyCase: true })]);
    for (const after of [
      ' said.',
      ', 45, said.',
      ', a nurse, said.',
      ', 1,200 people',
      ' met them.',
    ]) {
      add(extractPeople([`${shape}${after}`]));
    }
  }
  // Every surname spelling of the table, written surname first and given name first.
  for (const surname of SURNAMES.flatMap((x) => x.latin)) {
    add([surname, extractPeople([`${surname} Jae-min said.`, `Min-ho ${surname}, 41, said.`])]);
  }
  for (const path of [...files('data/sample'), ...files('test/fixtures/names/articles')]) {
    add(extractPeople(articleTexts(parseArticleOrThrow(readFileSync(path), path))));
  }
  return hash.digest('hex').slice(0, 16);
}

describe('names/rules version', function () {
  this.timeout(60_000);
  it(`has the fingerprint of what rules version ${NAMES_RULES_VERSION} gives`, () => {
    const now = probe();
    expect(
      now,
      `the name rules give other results: bump NAMES_RULES_VERSION in src/names/rules.ts (indices built before are then rebuilt by \`ireum index\`), regenerate mappings/articles.json (npx ireum names --write-mapping mappings/articles.json) and set NAMES_RULES_FINGERPRINT to '${now}'`,
    ).to.equal(NAMES_RULES_FINGERPRINT);
  });
});
