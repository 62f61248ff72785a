import { dryRun } from '../../src/indexing/reindex.js';
import { writeHostileFolder } from './hostile.js';
import {
  aliasState,
  countOf,
  dropAlias,
  rawMarkupInJson,
  rng,
  runCli,
  tally,
  unsafeMarkup,
  type Outcome,
  type ReliabilityPromise,
  serveInProcess,
} from './support.js';

// Promise 5: a folder of 1,000 malformed files among markup-laden good ones. Every bad file is
// named with a reason, every good one is indexed, and no article markup reaches a page or an
// HTML field of the API unescaped.

const ALIAS = 'ireum-rel-hostile';
const BAD = 1_000;
const GOOD = 400;

interface Hit {
  id: string;
  title_html: string;
  snippets: string[];
}

/** Every HTML-carrying field of an API answer, decoded. */
function htmlFields(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return /html|snippet/i.test(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => htmlFields(v, key));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      htmlFields(v, /html|snippet/i.test(key) ? key : k),
    );
  }
  return [];
}

export const hostileArticles: ReliabilityPromise = {
  id: 5,
  name: 'Hostile articles',
  async run(ctx): Promise<Outcome> {
    const dir = await ctx.scratch('hostile-articles');
    const folder = await writeHostileFolder(dir, rng(ctx.opts.seed + 5), BAD, GOOD);
    const failures: string[] = [];
    const saw: string[] = [];

    // The CLI, as a newsroom runs it: not strict, so the good files go live.
    await dropAlias(ctx.engine.url, ALIAS);
    const cli = await runCli(['reindex', '--source', dir, '--alias', ALIAS], {
      ES_URL: ctx.engine.url,
    });
    const summary = /indexed (\d+), rejected (\d+), dropped (\d+)/.exec(cli.stdout);
    const cliRejectedLines = cli.stdout
      .split('\n')
      .filter((l) => l.startsWith('  rejected ')).length;
    saw.push(
      `ireum reindex exit ${cli.code} in ${(cli.ms / 1000).toFixed(1)}s: "${summary?.[0] ?? '(no summary)'}", ${cliRejectedLines} rejected lines printed${/\.\.\. and (\d+) more/.exec(cli.stdout) ? ` + "${/\.\.\. and (\d+) more/.exec(cli.stdout)![0]}"` : ''}`,
    );
    if (cli.code !== 0) failures.push(`reindex exited ${cli.code}: ${cli.stderr.slice(-500)}`);
    if (
      !summary ||
      Number(summary[1]) !== GOOD ||
      Number(summary[2]) !== BAD ||
      Number(summary[3]) !== 0
    ) {
      failures.push(`CLI summary does not add up to ${GOOD} indexed, ${BAD} rejected, 0 dropped`);
    }
    const state = await aliasState(ctx.engine.url, ALIAS);
    const count = state.targets[0] ? await countOf(ctx.engine.url, state.targets[0]) : -1;
    saw.push(`alias ${ALIAS} -> ${state.targets.join(',') || '(none)'} holding ${count} documents`);
    if (count !== GOOD) failures.push(`index holds ${count} documents, expected ${GOOD}`);

    // The full list of reasons: the same walk the CLI used, every rejection kept.
    const dry = await dryRun(dir);
    const badPaths = new Map(folder.bad.map((b) => [b.path, b.kind]));
    const byKind = new Map<string, Set<string>>();
    let unexplained = 0;
    for (const r of dry.rejected) {
      const kind = badPaths.get(r.path);
      if (!kind) failures.push(`good file rejected: ${r.path}: ${r.reason}`);
      if (!r.reason || r.reason.trim().length < 5) unexplained++;
      const reasonShape = r.reason
        .replace(/\d+/g, 'N')
        .replace(/"[^"]*"/g, '"…"')
        .slice(0, 60);
      if (kind) byKind.set(kind, (byKind.get(kind) ?? new Set()).add(reasonShape));
    }
    const reported = new Set(dry.rejected.map((r) => r.path));
    const missed = folder.bad.filter((b) => !reported.has(b.path));
    saw.push(
      `walk: ${dry.files} files = ${dry.parsed} parsed + ${dry.rejected.length} rejected (wrote ${GOOD} good + ${BAD} bad); ${missed.length} bad files not reported, ${unexplained} without a reason`,
    );
    for (const [kind, reasons] of byKind)
      saw.push(`  ${kind}: ${[...reasons].slice(0, 2).join(' | ')}`);
    if (dry.files !== GOOD + BAD || dry.parsed !== GOOD || dry.rejected.length !== BAD) {
      failures.push('counts do not add up');
    }
    if (missed.length > 0) failures.push(`bad files not reported, e.g. ${missed[0]!.path}`);
    if (unexplained > 0) failures.push(`${unexplained} rejections without a reason`);

    // Every page and every API answer that shows these articles.
    const served = await serveInProcess(ctx.engine.url, ALIAS);
    const base = served.base;
    const statuses: number[] = [];
    let unsafeHtml = 0;
    let unsafeJson = 0;
    let pages = 0;
    const note = (what: string, found: string[]) => {
      if (found.length > 0 && failures.length < 20) failures.push(`${what}: ${found[0]}`);
    };
    try {
      const fetchText = async (path: string) => {
        const res = await fetch(base + path, { signal: AbortSignal.timeout(20_000) });
        statuses.push(res.status);
        pages++;
        return { status: res.status, text: await res.text() };
      };
      const ids: string[] = [];
      const queries = ['zanzibarite', 'script alert', 'onerror', 'Kim Jong-un', '', 'summit'];
      for (const q of queries) {
        for (let page = 1; page <= 5; page++) {
          // Every article, not one per story: the generated good articles are near copies.
          const qs = `?q=${encodeURIComponent(q)}&dup=all&size=100&page=${page}`;
          const html = await fetchText(`/search${qs}`);
          const bad = unsafeMarkup(html.text);
          if (bad.length) unsafeHtml++;
          note(`/search${qs}`, bad);
          const api = await fetchText(`/api/search${qs}`);
          if (rawMarkupInJson(api.text)) unsafeJson++;
          const body = JSON.parse(api.text) as { hits: Hit[] };
          const inHtml = htmlFields(body).flatMap(unsafeMarkup);
          if (inHtml.length) unsafeJson++;
          note(`/api/search${qs} html fields`, inHtml);
          for (const h of body.hits) if (!ids.includes(h.id)) ids.push(h.id);
          if (body.hits.length < 100) break;
        }
      }
      // Facet pages with the hostile byline values selected.
      const facets = await fetchText('/api/search?size=1&more=dateline');
      const datelines = (JSON.parse(facets.text) as { facets: { dateline: { value: string }[] } })
        .facets.dateline;
      for (const d of datelines.slice(0, 10)) {
        const html = await fetchText(`/search?dateline=${encodeURIComponent(d.value)}`);
        const bad = unsafeMarkup(html.text);
        if (bad.length) unsafeHtml++;
        note('dateline facet page', bad);
      }
      // Every article found, as a page and as JSON, highlighted for a hostile query.
      let next = 0;
      const worker = async () => {
        while (next < ids.length) {
          const id = ids[next++]!;
          const q = encodeURIComponent('<script> zanzibarite onerror');
          const html = await fetchText(`/article/${id}?q=${q}`);
          const bad = unsafeMarkup(html.text);
          if (bad.length) unsafeHtml++;
          note(`/article/${id}`, bad);
          const api = await fetchText(`/api/articles/${id}?q=${q}`);
          if (rawMarkupInJson(api.text)) unsafeJson++;
          const inHtml = htmlFields(JSON.parse(api.text)).flatMap(unsafeMarkup);
          if (inHtml.length) unsafeJson++;
          note(`/api/articles/${id} html fields`, inHtml);
        }
      };
      await Promise.all(Array.from({ length: 6 }, worker));
      saw.push(
        `${pages} responses checked (search pages, API, facet pages, ${ids.length} articles as page and JSON); statuses ${tally(statuses)}`,
      );
      saw.push(
        `unescaped markup: ${unsafeHtml} HTML responses, ${unsafeJson} JSON responses (raw < or markup in *_html/snippet fields)`,
      );
      if (ids.length < GOOD)
        failures.push(`only ${ids.length}/${GOOD} good articles were reachable through search`);
      if (statuses.some((s) => s !== 200)) failures.push('some responses were not 200');
      if (unsafeHtml + unsafeJson > 0) failures.push('markup reached a response unescaped');
    } finally {
      await served.close();
      if (!ctx.opts.keep) await dropAlias(ctx.engine.url, ALIAS);
    }
    return {
      pass: failures.length === 0,
      tried: `a folder of ${BAD} malformed files (${[...new Set(folder.bad.map((b) => b.kind))].join(', ')}) mixed with ${GOOD} valid articles full of <script>, event handlers, javascript: links and markup in title, byline, body and captions (a quarter without a byline); ireum reindex, then every search page, facet page, article page and API answer showing them`,
      saw,
      failures,
    };
  },
};
