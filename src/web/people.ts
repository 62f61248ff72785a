import express, { Router } from 'express';
import {
  BatchInputError,
  MAX_BATCH_NAMES,
  MAX_BATCH_NAME_CHARS,
  readBatchBody,
  type PeopleService,
} from '../search/peopleBatch.js';

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
export function peopleRoutes(people: PeopleService | undefined): Router {
  const router = Router();
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
