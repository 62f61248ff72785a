import express, { Router, type Response } from 'express';
import {
  BatchInputError,
  MAX_BATCH_NAMES,
  MAX_BATCH_NAME_CHARS,
  readBatchBody,
  resolveName,
  type PeopleService,
} from '../search/peopleBatch.js';
import { parseSearchParams } from '../search/params.js';
import { isPersonKey, type PersonFacts } from '../search/personPage.js';
import { MAX_SUGGEST_CHARS } from '../search/suggestPeople.js';
import type { SearchService } from '../search/service.js';
import { toApiJson, type SearchHit } from '../search/transformResponse.js';
import { renderPage } from './render.js';

/**
 * Largest body the route reads: MAX_BATCH_NAMES names of MAX_BATCH_NAME_CHARS characters, each
 * written as a six-byte `\uXXXX` escape at worst, and the punctuation around them.
 */
export const MAX_BATCH_BODY_BYTES = MAX_BATCH_NAMES * (MAX_BATCH_NAME_CHARS * 6 + 8) + 64;

/**
 * `POST /api/people/batch` with `{"names": [...]}`: for each name its key, display form and the
 * number of articles naming that person, in input order (see search/peopleBatch.ts for which
 * inputs count as names). The body is read as text whatever its content type and parsed here,
 * so every kind of bad body gets a 400 that says what is wrong. Without a people service (an app
 * built without one) the route answers 503.
 */
export function peopleRoutes(people: PeopleService | undefined, search: SearchService): Router {
  const router = Router();

  /** The facts and the newest articles, or null when no article names the person. */
  async function page(key: string): Promise<(PersonFacts & { recent: SearchHit[] }) | null> {
    const facts = (await people?.person?.(key)) ?? null;
    if (facts === null) return null;
    const params = parseSearchParams({ person: facts.display, sort: 'newest', size: '10' });
    return { ...facts, recent: toApiJson(await search.search(params)).hits };
  }

  const notFound = (res: Response, what: string) =>
    res.status(404).json({ error: `No article names ${what}.` });

  const unavailable = (res: Response): boolean => {
    if (people?.person !== undefined) return false;
    res.set('Retry-After', '10');
    res.status(503).json({ error: 'people pages are not available on this server' });
    return true;
  };

  router.get('/api/people', async (req, res) => {
    const name = typeof req.query['name'] === 'string' ? req.query['name'].trim() : '';
    if (name === '' || name.length > MAX_BATCH_NAME_CHARS) {
      res.status(400).json({
        error: `Give ?name= a name of 1 to ${MAX_BATCH_NAME_CHARS} characters, in any spelling or in Hangul.`,
      });
      return;
    }
    if (unavailable(res)) return;
    const { key } = resolveName(name);
    const found = key === '' ? null : await page(key);
    if (found === null) notFound(res, `anyone called "${name}"`);
    else res.json(found);
  });

  router.get('/api/suggest', async (req, res) => {
    const q = typeof req.query['q'] === 'string' ? req.query['q'] : undefined;
    if (q === undefined || q.length > MAX_SUGGEST_CHARS) {
      res
        .status(400)
        .json({ error: `Give ?q= the start of a name, at most ${MAX_SUGGEST_CHARS} characters.` });
      return;
    }
    if (people?.suggest === undefined) {
      res.set('Retry-After', '10');
      res.status(503).json({ error: 'name suggestions are not available on this server' });
      return;
    }
    res.json({ suggestions: await people.suggest(q) });
  });

  router.get('/api/people/:key', async (req, res) => {
    const key = String(req.params['key']);
    if (unavailable(res)) return;
    const found = isPersonKey(key) ? await page(key) : null;
    if (found === null) notFound(res, `the person with key "${key}"`);
    else res.json(found);
  });

  router.get('/people/:key', async (req, res, next) => {
    const key = String(req.params['key']);
    const found = isPersonKey(key) && people?.person ? await page(key) : null;
    if (found === null) {
      next();
      return;
    }
    renderPage(res, 200, 'person', {
      title: found.display,
      person: found,
      timeline: timeline(found.histogram),
    });
  });
  const body = express.text({ type: () => true, limit: MAX_BATCH_BODY_BYTES });

  router.post('/api/people/batch', body, async (req, res) => {
    const text: unknown = req.body;
    let parsed: unknown;
    try {
      // A byte-order mark some editors and tools write first is not part of the JSON.
      parsed = JSON.parse(typeof text === 'string' ? text.replace(/^\ufeff/, '') : '');
    } catch {
      res.status(400).json({ error: 'The body is not JSON: send {"names": ["Kim Jong-un", …]}.' });
      return;
    }
    let names: string[];
    try {
      names = readBatchBody(parsed);
    } catch (e) {
      if (!(e instanceof BatchInputError)) throw e;
      res.status(400).json({ error: e.message });
      return;
    }
    if (people === undefined) {
      res.set('Retry-After', '10');
      res.status(503).json({ error: 'name counts are not available on this server' });
      return;
    }
    // An engine that cannot answer becomes a 503 with Retry-After in the app's error handler.
    res.json({ results: await people.countPeople(names) });
  });

  return router;
}

/** Bars of the timeline picture: one per year from the first to the last, empty years kept. */
export function timeline(histogram: readonly { key: string; count: number }[]): {
  width: number;
  height: number;
  bars: { x: number; y: number; w: number; h: number; year: string; count: number }[];
} {
  const years = histogram.map((b) => Number(b.key)).filter(Number.isFinite);
  if (years.length === 0) return { width: 0, height: 0, bars: [] };
  const first = Math.min(...years);
  const last = Math.max(...years);
  const counts = new Map(histogram.map((b) => [Number(b.key), b.count]));
  const max = Math.max(1, ...counts.values());
  const width = 600;
  const height = 80;
  const slot = width / (last - first + 1);
  const bars = [];
  for (let year = first; year <= last; year++) {
    const count = counts.get(year) ?? 0;
    const h = count === 0 ? 0 : Math.max(2, Math.round((count / max) * height));
    bars.push({
      x: Math.round((year - first) * slot * 10) / 10,
      y: height - h,
      w: Math.max(1, Math.round((slot - 2) * 10) / 10),
      h,
      year: String(year),
      count,
    });
  }
  return { width, height, bars };
}
