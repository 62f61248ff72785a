import { alsoFrom } from '../search/copies.js';
import { Router, type Request, type RequestHandler } from 'express';
import { parseSearchParams, ParamError, PAGE_SIZES, type SearchParams } from '../search/params.js';
import type { SearchService } from '../search/service.js';
import { FACET_NAMES } from '../search/params.js';
import { histogramChart } from './histogramSvg.js';
import { FACET_LABELS, Links, chips, formatCount, formatTotal, pagination } from './links.js';
import { renderPage } from './render.js';

/** The HTML face: the search page and the article page, both plain GET forms and links. */
export function pageRoutes(search: SearchService): Router {
  const router = Router();

  const searchPage: RequestHandler = async (req, res) => {
    let params: SearchParams;
    try {
      params = parseSearchParams(req.query);
    } catch (e) {
      if (!(e instanceof ParamError)) throw e;
      // The form comes back with what was typed, and the problem named above it.
      renderPage(res, 400, 'search', {
        title: 'Check the search',
        ...searchLocals(null, null),
        rawQ: typeof req.query['q'] === 'string' ? req.query['q'] : '',
        paramError: e,
      });
      return;
    }
    const results = await search.search(params);
    renderPage(res, 200, 'search', {
      title: params.q === '' ? 'Search' : `${params.q} – Search`,
      ...searchLocals(params, results),
      rawQ: params.q,
      paramError: null,
      // Only the bare landing page takes focus; on a results page focus stays where the user put
      // it (app.js returns it to the control that reloaded the page).
      autofocusQuery: Object.keys(req.query).length === 0,
    });
  };
  router.get('/', searchPage);
  router.get('/search', searchPage);

  router.get('/article/:id', async (req, res, next) => {
    const params = lenientParams(req);
    const article = await search.getArticle(String(req.params['id']), params.q);
    if (article === null) {
      next();
      return;
    }
    renderPage(res, 200, 'article', {
      title: article.title,
      article,
      q: params.q,
      backHref: new Links(params).current(),
    });
  });

  router.get('/opensearch.xml', (req, res) => {
    const host = req.get('host') ?? '';
    if (!HOST.test(host)) {
      res.status(400).type('text').send('Bad Host header\n');
      return;
    }
    res
      .type('application/opensearchdescription+xml; charset=utf-8')
      .send(openSearchDescription(`${req.protocol}://${host}`));
  });

  return router;
}

/** A host name, IPv4 or bracketed IPv6 address, with an optional port: nothing to escape. */
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The OpenSearch description browsers use to offer Ireum as a search engine
 * (https://github.com/dewitt/opensearch). `base` is this site's origin as the request reached it.
 */
export function openSearchDescription(base: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/" xmlns:moz="http://www.mozilla.org/2006/browser/search/">
  <ShortName>Ireum</ShortName>
  <Description>News search that knows Korean names</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Image width="16" height="16" type="image/svg+xml">${base}/static/favicon.svg</Image>
  <Url type="text/html" method="get" template="${base}/search?q={searchTerms}"/>
  <Url type="application/opensearchdescription+xml" rel="self" template="${base}/opensearch.xml"/>
  <moz:SearchForm>${base}/</moz:SearchForm>
</OpenSearchDescription>
`;
}

/** An article page keeps the search it came from; a damaged one is simply dropped. */
function lenientParams(req: Request): SearchParams {
  try {
    return parseSearchParams(req.query);
  } catch {
    return parseSearchParams({});
  }
}

function searchLocals(
  params: SearchParams | null,
  results: Awaited<ReturnType<SearchService['search']>> | null,
) {
  const p = params ?? parseSearchParams({});
  const links = new Links(p);
  return {
    params: p,
    results,
    links,
    chips: chips(p, links),
    // Collapsed results page through stories, not articles.
    pagination: results ? pagination(p, results.stories ?? results.total.value, links) : null,
    alsoFrom,
    histogram: results ? histogramChart(results.histogram, results.histogramInterval, links) : null,
    facetNames: FACET_NAMES,
    facetLabels: FACET_LABELS,
    pageSizes: PAGE_SIZES,
    formatCount,
    formatTotal,
  };
}
