import { asciiLower } from './canonical.js';
import { givenSyllableRank, northSpells, readingsOf, usualReadingsOf } from './pivot.js';
import { GIVEN_SYLLABLES } from './tables/givenSyllables.js';
import { SURNAMES } from './tables/surnames.js';

/**
 * How likely a Latin word is as a surname, and as a given-name syllable: rough odds from rank
 * (Zipf, 1 / rank), enough to say which of two readings of `A B C` (spaced, both outer words
 * surnames) a reader would take. The surname table is ordered for display and lookup, not by how
 * many people carry each name, so the population order is written here.
 */

// South Korea's surnames by number of bearers, most first (2015 census, rounded order); the
// initial-sound variants (리, 림, 류, 라, 로) share their partner's place.
const SURNAMES_BY_BEARERS = [
  '김 이/리 박 최 정 강 조 윤 장 임/림 한 오 서 신 권 황 안 송 전 홍 유/류 고 문 양 손 배 백 허',
  '남 심 노/로 하 곽 성 차 주 우 구 민 나/라 진 지 엄 채 원 천 방 공 현 함 변 염/렴 여/려 추 도 소',
  '석 선 설 마 길 연 위 표 명 기 반 왕 금 옥 육/륙 인 맹 제 모 탁 국 어 은 편 용/룡 예 경 봉 사 부',
  '태 목 형 피 두 감 빈 동 호 승 시 계 견 남궁 황보 제갈 선우',
  '복 가 음 사공 범 좌 팽 독고 서문 곡',
]
  .join(' ')
  .split(' ');

const SURNAME_RANK = new Map<string, number>();
SURNAMES_BY_BEARERS.forEach((group, rank) => {
  for (const h of group.split('/')) SURNAME_RANK.set(h, rank);
});

/** Odds of a syllable the given-syllable table does not hold: below its last entry. */
const RARE_GIVEN = 1 / (GIVEN_SYLLABLES.length + 60);
const RARE_SURNAME = 1 / (SURNAMES_BY_BEARERS.length + 20);

/**
 * Lower-case spelling -> the surnames it spells, each with the spelling's share of that surname's
 * bearers: the table lists the customary spelling first and rarer habits after it, and a few
 * spellings carry most of a surname, so the n-th is taken as 1 / n² as common (`Jong` for 정,
 * North Korea's habit and its sixth, weighs 1/36).
 */
const LATIN_SURNAMES = new Map<string, { hangul: string; share: number }[]>();
for (const s of SURNAMES) {
  s.latin.forEach((latin, i) => {
    const key = asciiLower(latin);
    const entries = s.hangul.map((hangul) => ({ hangul, share: 1 / (i + 1) ** 2 }));
    LATIN_SURNAMES.set(key, [...(LATIN_SURNAMES.get(key) ?? []), ...entries]);
  });
}

/** Odds, relative to `Kim`'s 1, that a name's surname spelled `latin` is the one borne. */
export function surnameOdds(latin: string): number {
  const entries = LATIN_SURNAMES.get(asciiLower(latin));
  if (entries === undefined) return 0;
  let best = 0;
  for (const { hangul, share } of entries) {
    const rank = SURNAME_RANK.get(hangul);
    best = Math.max(best, share * (rank === undefined ? RARE_SURNAME : 1 / (rank + 1)));
  }
  return best;
}

/** Odds, relative to the commonest's 1, that `latin` spells a syllable of a given name. */
export function givenOdds(latin: string): number {
  return bestGivenOdds(usualReadingsOf(asciiLower(latin)));
}

/** givenOdds for a name written in North Korea's habit: only the syllables it spells so. */
function northGivenOdds(latin: string): number {
  const lower = asciiLower(latin);
  return bestGivenOdds(readingsOf(lower).filter((h) => northSpells(h, lower)));
}

/** The odds of the commonest given syllable among `hangul`, RARE_GIVEN at least. */
function bestGivenOdds(hangul: readonly string[]): number {
  let best = RARE_GIVEN;
  for (const h of hangul) {
    const rank = givenSyllableRank(h);
    if (rank !== undefined) best = Math.max(best, 1 / (rank + 1));
  }
  return best;
}

/**
 * Whether `first middle last`, both outer words surnames, reads better as the given name first
 * (surname `last`) than as written (surname `first`): the middle syllable is a given one either
 * way, so the odds compare `last` as surname and `first` as given syllable with the reverse.
 * A first word spelled as only North Korea spells that surname (`Jong`, `Rim`) makes the name
 * as written a North Korean one, so `last` is read as the North writes given syllables: `Jong
 * Sun Chung` as written is 정순충, never 정순정, and given name first it is 정종선.
 */
export function givenFirstLikelier(first: string, last: string): boolean {
  const lastGiven = isNorthOnlySurname(first) ? northGivenOdds(last) : givenOdds(last);
  return surnameOdds(last) * givenOdds(first) > surnameOdds(first) * lastGiven;
}

/** A surname spelled as only North Korea's habit spells it: 정 `Jong`, 림 `Rim`. */
export function isNorthOnlySurname(latin: string): boolean {
  return NORTH_ONLY.has(asciiLower(latin));
}

const NORTH_ONLY = new Set(['jong', 'rim']);
