import { expect } from 'chai';
import {
  detectNames,
  explainMatches,
  nameClauses,
  parseNameQuery,
} from '../../../src/search/nameQuery.js';

describe('search/nameQuery', () => {
  it('detects names in any case and leaves the rest as free text', () => {
    const { names, rest } = parseNameQuery('kim jong un nuclear test');
    expect(names.map((n) => n.name)).to.deep.equal(['Kim Jong-un']);
    expect(rest).to.equal('nuclear test');
  });

  it('detects Hangul, quoted and given-name-first names', () => {
    expect(detectNames('김정은 summit').map((n) => n.name)).to.deep.equal(['Kim Jong-un']);
    expect(detectNames('"Kim Jong-un" missile').map((n) => n.query)).to.deep.equal(['Kim Jong-un']);
    expect(detectNames('sung kim').map((n) => n.name)).to.deep.equal(['Sung Kim']);
    expect(parseNameQuery('"Moon Jae-in" visit').rest).to.equal('visit');
  });

  it('reads one-syllable given names, a known person first', () => {
    expect(detectNames('Kim Sung').map((n) => n.name)).to.deep.equal(['Sung Kim']);
    expect(detectNames('Seo Hoon').map((n) => n.pivots)).to.deep.equal([
      ['^ 서 훈 $', '^! 서 훈 !$'],
    ]);
    expect(detectNames('Cho Kuk said').map((n) => n.query)).to.deep.equal(['Cho Kuk']);
    expect(detectNames('kim said')).to.deep.equal([]);
  });

  it('reads a hyphenated given name before a surname as given name first', () => {
    const [d] = detectNames('Ji-sung Park scored');
    expect(d?.query).to.equal('Ji-sung Park');
    expect(d?.pivots).to.deep.equal(['^ 박 지,즤 성,승,숭 $', '^! 박 지 성,숭 !$']);
  });

  it('reads a typed hyphenated given name before a surname whole (not `jun lee`)', () => {
    for (const q of ['min-jun lee', 'Min-Jun Lee', 'hyun-woo jung']) {
      const names = detectNames(q);
      expect(
        names.map((n) => n.query),
        q,
      ).to.deep.equal([q]);
    }
    expect(detectNames('min-jun lee')[0]?.key).to.equal(detectNames('Lee Min-jun')[0]?.key);
  });

  it('reads a given name written first without a hyphen, and one name only (not `min son` too)', () => {
    for (const q of ['heung-min son', 'Heung Min Son', 'minjun kim', 'nam june paik']) {
      expect(detectNames(q), q).to.have.length(1);
    }
    expect(detectNames('heung-min son')[0]?.key).to.equal(detectNames('Son Heung-min')[0]?.key);
  });

  it("ranks the title's people by key, the same one term however the name is typed", () => {
    const titleTerms = (q: string) =>
      JSON.stringify(nameClauses(detectNames(q))).match(/"title_people_keys":"[^"]*"/g);
    const key = detectNames('Son Heung-min')[0]!.key;
    const term = `"title_people_keys":${JSON.stringify(key)}`;
    for (const q of ['heung min son', 'Son Heung-min', '손흥민']) {
      expect(titleTerms(q), q).to.deep.equal([term]);
    }
    // No phrase checks positions in titles any more.
    expect(JSON.stringify(nameClauses(detectNames('heung min son')))).to.not.contain('title.names');
  });

  it('gives the other reading of a two-surname query its wide pivots, and its usual ones to rank a little', () => {
    const [d] = detectNames('Jong Chang');
    expect(d?.pivots).to.include('^ 장 정,종 $');
    expect(d?.pivots.filter((p) => p.startsWith('^!'))).to.deep.equal(['^! 정 창,장 !$']);
    expect(d?.otherUsual).to.deep.equal(['^! 장 종 !$']);
    // Scoring only, below meeting the name as read (10): 장종 ranks above a twin that meets
    // the wide pivot only.
    const [clause] = nameClauses(detectNames('Jong Chang'));
    // One of the ways to meet the name, the best of which counts: the name as read (usual) or
    // the other order, never both added.
    const [ways] = (clause as { bool: { should: { dis_max?: { queries: object[] } }[] } }).bool
      .should;
    expect(JSON.stringify(ways!.dis_max!.queries[0])).to.contain('"boost":10');
    expect(ways!.dis_max!.queries).to.deep.include({
      constant_score: { filter: { terms: { people_readings: ['! 장 종'] } }, boost: 3 },
    });
    const rest = (clause as { bool: { should: object[] } }).bool.should.slice(1);
    expect(JSON.stringify(rest)).to.not.contain('! 장 종');
    // The other order met as most likely spelled ranks a point above meeting it as usual: the
    // person's `Kwon Jeon-ye` (전 surely) above a twin's `Kwon Jun-ye` (준, sometimes 전).
    expect(ways!.dis_max!.queries).to.deep.include({
      constant_score: { filter: { terms: { people_readings: ['+ 장 종'] } }, boost: 4 },
    });
    const [kwon] = nameClauses(detectNames('Jeon Ye Kwon'));
    expect(JSON.stringify(kwon)).to.match(
      /"people_readings":\["\+ 권 전 예"[^\]]*\]\}\},"boost":4/,
    );
    // A silent h is a surname's spelling: `Eun Koh` is read given name first, 고은 as read, and
    // 은고 ranks a little.
    const [koh] = detectNames('Eun Koh');
    expect(koh?.pivots.filter((p) => p.startsWith('^!'))).to.deep.equal(['^! 고 은 !$']);
    expect(koh?.otherUsual).to.deep.equal(['^! 은 고,거,커,코 !$']);
    expect(detectNames('Kim Jong Un')[0]?.otherUsual).to.equal(undefined);
    // A query of two surname words alone says nothing of their order, whatever closes names in
    // running text: `U Lee` (a vowel letter) and `Yang Ko` (a short surname) read both ways.
    expect(detectNames('U Lee')[0]?.otherUsual).to.deep.equal(['^! 이,리 우 !$']);
    expect(detectNames('Yang Ko')[0]?.otherUsual).to.deep.equal(['^! 고 양 !$']);
    expect(detectNames('Yang Ko budget')[0]?.otherUsual).to.equal(undefined);
    expect(detectNames('u lee, budget')[0]?.otherUsual).to.equal(undefined);
  });

  it('does not read a bare surname or an English phrase as a name', () => {
    expect(detectNames('kim')).to.deep.equal([]);
    expect(detectNames('moon landing')).to.deep.equal([]);
    expect(detectNames('park avenue')).to.deep.equal([]);
  });

  it('builds one clause per name: pivot phrases or the typed spelling must match, key and title add', () => {
    const [clause] = nameClauses(detectNames('Kim Jongun'));
    const bool = (clause as { bool: { must: { bool: { should: object[] } }[]; should: object[] } })
      .bool;
    const matches = bool.must[0]!.bool.should;
    const wide = (readings: string[]) => ({
      constant_score: { filter: { terms: { people_readings: readings } }, boost: 6 },
    });
    // Every wide pivot's readings in one clause (the joined `Jongun` also reads 존건, 존군).
    const pivotClauses = matches.filter((m) => JSON.stringify(m).includes('people_readings'));
    expect(pivotClauses).to.have.length(1);
    const readings = (
      pivotClauses[0] as { constant_score: { filter: { terms: { people_readings: string[] } } } }
    ).constant_score.filter.terms.people_readings;
    expect(readings).to.include.members([
      '김 정 은',
      '김 정 언',
      '김 정 운',
      '김 종 은',
      '김 종 언',
      '김 종 운',
    ]);
    expect(pivotClauses[0]).to.deep.equal(wide(readings));
    // The usual readings only rank, and gate the coarse key and title boosts.
    const ranking = JSON.stringify(bool.should);
    expect(ranking).to.contain('"boost":10');
    expect(ranking).to.match(/\{"terms":\{"people_readings":\[[^\]]*"! 김 정 은"/);
    expect(ranking).to.contain('{"term":{"people_keys":{"value":"kim chong on","boost":2}}}');
    // The title's people: one term on the key, no phrase (positions checked in every title).
    expect(ranking).to.contain(
      '{"constant_score":{"filter":{"term":{"title_people_keys":"kim chong on"}},"boost":8}}',
    );
    expect(ranking).to.not.contain('title.names');
    const phrase = (field: string, query: string) => ({
      constant_score: { filter: { match_phrase: { [field]: { query } } }, boost: 1 },
    });
    // A known person's listed spelling is read by extraction: no phrase is scored; the
    // highlighter gets every spelling.
    expect(matches).to.not.deep.include(phrase('captions', 'Kim Jongun'));
    expect(matches).to.not.deep.include(phrase('body', 'Kim Jong-un'));
    const [forSnippets] = nameClauses(detectNames('Kim Jongun'), { forSnippets: true });
    const all = (forSnippets as { bool: { should: object[] } }).bool.should;
    const plain = (field: string, query: string) => ({ match_phrase: { [field]: { query } } });
    expect(all).to.deep.include(plain('body', 'Kim Jong-un'));
    expect(all).to.deep.include(plain('captions', 'Kim Jongun'));
    expect(JSON.stringify(all)).to.not.contain('people_readings');
    // Spellings differing only in case or hyphens are one phrase to the text analyzer.
    expect(all).to.not.deep.include(plain('body', 'KIM JONG UN'));
  });

  it('matches an unknown name by pivot and the spelling typed, never by a guessed display form', () => {
    const [clause] = nameClauses(detectNames('Park Won-jeon'));
    const text = JSON.stringify(clause);
    expect(text).to.include('"박 원 전"');
    const bodies = [...text.matchAll(/"body":\{"query":"([^"]+)"/g)].map((m) => m[1]);
    expect(bodies).to.deep.equal(['Park Won-jeon']);
  });

  it('matches a quoted name as that spelling only', () => {
    const [d] = detectNames('"Kim Jong Un" summit');
    expect(d?.exact).to.equal(true);
    expect(nameClauses([d!])[0]).to.deep.equal({
      bool: {
        should: [
          { match_phrase: { title: { query: 'Kim Jong Un' } } },
          { match_phrase: { body: { query: 'Kim Jong Un' } } },
          { match_phrase: { captions: { query: 'Kim Jong Un' } } },
        ],
        minimum_should_match: 1,
      },
    });
    expect(detectNames('Kim Jong Un "summit"')[0]?.exact).to.equal(false);
  });

  it('explains which spellings of a hit matched', () => {
    const detected = detectNames('Gim Jeong-eun');
    const out = explainMatches(detected, ['Kim Jong Un', '김정은', 'Kim Jong-il', 'Kim Jong-un']);
    expect(out).to.deep.equal([
      {
        query: 'Gim Jeong-eun',
        canonical: 'Kim Jong-un',
        variants: ['Kim Jong Un', '김정은', 'Kim Jong-un'],
      },
    ]);
  });

  it('ranks a name met as McCune-Reischauer writes it a little, never above one met as usual', () => {
    const should = (q: string) =>
      (nameClauses(detectNames(q))[0] as { bool: { should: object[] } }).bool.should;
    // 한도근: an article's MR reading meets the query's usual one (`Han To-gun`), and its usual
    // reading the query's MR one (`Han Do-geun` for `Han To-gun`); the better of that and the
    // usual clause counts.
    const [first] = should('Han Do-geun') as { dis_max?: { queries: object[] } }[];
    const queries = first!.dis_max!.queries;
    expect(queries).to.have.length(2);
    expect(JSON.stringify(queries[0])).to.contain('"boost":10');
    expect(queries[1]).to.deep.equal({
      constant_score: { filter: { terms: { people_readings: ['m 한 도 근'] } }, boost: 1 },
    });
    const fromMr = JSON.stringify(should('Han To-gun')[0]);
    expect(fromMr).to.contain('"! 한 도 근"');
    expect(fromMr).to.contain('"m 한 도 근"');
    // An index from before the readings matches by phrase: no MR clause.
    const old = nameClauses(detectNames('Han To-gun'), { pivotPhrases: true })[0];
    expect(JSON.stringify(old)).to.not.contain('dis_max');
  });

  it('ranks a name spelled one way only above a twin spelling that might be it', () => {
    const sureClause = (q: string) =>
      JSON.stringify(nameClauses(detectNames(q))).match(/"people_readings":\["=[^\]]*\]/g);
    // 차대석 and `Cha Dae-seok` are 석 for sure; `Cha Dae-suk` is 숙 or 석, so it asks none.
    expect(sureClause('차대석')).to.deep.equal(['"people_readings":["= 차 대 석"]']);
    expect(sureClause('Cha Dae-seok')).to.deep.equal(['"people_readings":["= 차 대 석"]']);
    expect(sureClause('Cha Dae-suk')).to.equal(null);
    // The usual clause asks no sure reading: they are a subset of it.
    const usual = JSON.stringify(nameClauses(detectNames('Cha Dae-seok'))).match(
      /"people_readings":\["![^\]]*\]\}\},"boost":10\b/g,
    );
    expect(usual).to.deep.equal(['"people_readings":["! 차 대 석"]}},"boost":10']);
  });

  it('ranks a name spelled as it most likely is above a twin, and gives it the title', () => {
    const clause = (q: string) => JSON.stringify(nameClauses(detectNames(q)));
    const likelyTerms = (q: string) => clause(q).match(/"people_readings":\["\+[^\]]*\]/g);
    // `Suk` is most likely 숙, not surely: the likely clause asks 최은숙, no sure one is asked.
    expect(likelyTerms('Choi Eun-suk')).to.deep.equal(['"people_readings":["+ 최 은 숙"]']);
    expect(clause('Choi Eun-suk')).not.to.match(/"people_readings":\["=/);
    // The title's points go with the likely reading there, not with the usual one a twin's
    // `Seok` meets as well; with a sure reading, with the sure one alone.
    const titled = (q: string) =>
      JSON.stringify(nameClauses(detectNames(q))[0]!.bool!.should)
        .split('{"bool":')
        .filter((part) => part.includes('title_people_keys'))
        .map((part) => part.match(/"people_readings":\["([!+=])/)?.[1]);
    expect(titled('Choi Eun-suk')).to.deep.equal(['+']);
    expect(titled('Cha Dae-seok')).to.deep.equal(['=']);
    expect(titled('Lee Jung-ho')).to.deep.equal(['!']);
    // Neither the clause that decides the match nor the usual way asks likely or sure readings.
    const ways = JSON.stringify(
      (nameClauses(detectNames('Choi Eun-suk'))[0]!.bool!.should as object[])[0],
    );
    expect(ways)
      .to.contain('"! 최 은 숙"')
      .and.not.match(/"[+=] /);
    const deciding = nameClauses(detectNames('Choi Eun-suk'))[0]!.bool!.must as unknown[];
    expect(JSON.stringify(deciding)).not.to.match(/"[+=] /);
  });
});
