import type { estypes } from '@elastic/elasticsearch';
import { jamoOf } from '../names/hangul.js';

// Name autocomplete over the people index (`<alias>-people`): Latin prefixes in any spelling the
// index holds (`kim jo`, `Mun Jae`, `moon j`) through the search_as_you_type field `names`, and
// Hangul prefixes, an unfinished last syllable included (`김ㅈ`), through `jamo`: every Hangul
// form decomposed into its letters, matched as a prefix. Most-mentioned first. Pure.

export const MAX_SUGGESTIONS = 10;
export const MAX_SUGGEST_CHARS = 100;

export interface Suggestion {
  key: string;
  display: string;
  hangul: string[];
  /** Articles naming the person. */
  count: number;
}

const INITIALS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const MEDIALS = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';
const FINALS = ['', ...'ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ'];

/** Hangul syllables as their letters (김정 -> ㄱㅣㅁㅈㅓㅇ); other characters dropped. */
export function jamo(text: string): string {
  let out = '';
  for (const ch of text) {
    const j = jamoOf(ch);
    if (j !== null) {
      out += INITIALS[j.initial]! + MEDIALS[j.medial]! + FINALS[j.final]!;
    } else if (/[\u3131-\u318e]/.test(ch)) {
      out += ch;
    }
  }
  return out;
}

/** The suggest query, or null when the text has nothing to match. */
export function buildSuggestPeopleRequest(q: string): estypes.SearchRequest | null {
  const text = q.trim().replace(/\s+/g, ' ');
  if (text === '') return null;
  const hangul = /[\u3131-\u318e\uac00-\ud7a3]/.test(text);
  const query: estypes.QueryDslQueryContainer = hangul
    ? { prefix: { jamo: { value: jamo(text) } } }
    : {
        multi_match: {
          query: text,
          type: 'bool_prefix',
          fields: ['names', 'names._2gram', 'names._3gram'],
          operator: 'and',
        },
      };
  return {
    size: MAX_SUGGESTIONS,
    query,
    sort: [{ articles: 'desc' }, { key: 'asc' }],
    _source: ['key', 'display', 'hangul', 'articles'],
  };
}

export function transformSuggestPeople(
  response: estypes.SearchResponse<{
    key?: string;
    display?: string;
    hangul?: string[];
    articles?: number;
  }>,
): Suggestion[] {
  return response.hits.hits.map((h) => ({
    key: h._source?.key ?? h._id ?? '',
    display: h._source?.display ?? '',
    hangul: h._source?.hangul ?? [],
    count: h._source?.articles ?? 0,
  }));
}
