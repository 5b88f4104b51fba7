import { Hono } from 'hono';
import { CATALOGUE_ENTRY_STATUSES, CATALOGUE_LIMITS, type CatalogueEntryStatus } from '../../src/core/catalog-types';
import { requireSubject } from '../auth';
import { addComment, commentsOf } from '../cataloguing/comments';
import { createEntry, entryRows, getEntry, listEntriesFor, reviewEntry, submitEntry, updateEntry, withdrawEntry } from '../cataloguing/entries';
import { importCsv } from '../cataloguing/imports';
import { singleFile } from '../cataloguing/multipart';
import type { AppEnv, Deps } from '../env';
import { problems } from '../errors';
import { intParam, readObject } from '../http';
import { rateLimit } from '../rate-limit';
import { DATA_PAGE_SIZE, MAX_DATA_PAGE_SIZE } from './data';

export const ENTRY_PAGE_SIZE = 20;
export const MAX_ENTRY_PAGE_SIZE = 100;

/**
 * The CSV import's path: it streams a body of up to 50 MB, so the app-wide body limits
 * (JSON, uploads) leave it to its own (server/app.ts).
 */
export const CATALOGUE_DATA_PATH = /\/catalog\/entries\/[^/]+\/data\/?$/;
/** CSV imports per steward and window (besides one at a time), counted in the database like the comments'. */
export const IMPORT_RATE = { limit: 60, windowMs: 10 * 60_000 };

const TOO_LARGE = `A CSV file must be smaller than ${CATALOGUE_LIMITS.csvBytes / 1_000_000} MB: split the data, or ask the data office about a bulk load`;

/** Routes of cataloguing (SPEC §8): entries, the data office's review, CSV import, withdrawal, public comments. */
export function cataloguingRoutes(deps: Deps) {
  const { store } = deps;
  const app = new Hono<AppEnv>();

  app.get('/catalog/entries', async (c) => {
    const statuses = c.req.queries('status')?.filter(Boolean) ?? [];
    const unknown = statuses.filter((s) => !(CATALOGUE_ENTRY_STATUSES as readonly string[]).includes(s));
    if (unknown.length) throw problems.badRequest('Unknown status', [{ path: 'status', message: `One of ${CATALOGUE_ENTRY_STATUSES.join(', ')}` }]);
    return c.json(await listEntriesFor(store, requireSubject(c), {
      statuses: [...new Set(statuses)] as CatalogueEntryStatus[],
      page: intParam(c.req.query('page'), 1, 1, 1_000_000),
      pageSize: intParam(c.req.query('pageSize'), ENTRY_PAGE_SIZE, 1, MAX_ENTRY_PAGE_SIZE),
    }));
  });

  app.post('/catalog/entries', async (c) => {
    const subject = requireSubject(c);
    return c.json(await createEntry(store, subject, await readObject(c)), 201);
  });

  app.get('/catalog/entries/:id', async (c) => c.json(await getEntry(store, requireSubject(c), c.req.param('id'))));

  app.put('/catalog/entries/:id', async (c) => {
    const subject = requireSubject(c);
    return c.json(await updateEntry(store, subject, c.req.param('id'), await readObject(c)));
  });

  app.post('/catalog/entries/:id/submission', async (c) => c.json(await submitEntry(store, requireSubject(c), c.req.param('id'))));

  app.post('/catalog/entries/:id/review', async (c) => {
    const subject = requireSubject(c);
    return c.json(await reviewEntry(store, subject, c.req.param('id'), await readObject(c)));
  });

  app.post('/catalog/entries/:id/withdrawal', async (c) => {
    const subject = requireSubject(c);
    return c.json(await withdrawEntry(store, subject, c.req.param('id'), await readObject(c)));
  });

  const importLimit = rateLimit({ ...IMPORT_RATE, key: (c) => 'import:' + (c.get('subject')?.id ?? '') });
  app.post('/catalog/entries/:id/data', async (c, next) => {
    requireSubject(c);
    return importLimit(c, next);
  }, async (c) => {
    const subject = requireSubject(c);
    const headers = { contentType: c.req.header('content-type') ?? '', contentLength: c.req.header('content-length') };
    return c.json(await importCsv(store, subject, c.req.param('id'), () => singleFile(c.req.raw.body, headers, CATALOGUE_LIMITS.csvBytes, TOO_LARGE)));
  });

  app.get('/catalog/entries/:id/rows', async (c) => {
    const subject = requireSubject(c);
    const unmask = [...new Set((c.req.query('unmask') ?? '').split(',').map((f) => f.trim()).filter(Boolean))];
    return c.json(await entryRows(store, subject, c.req.param('id'), {
      page: intParam(c.req.query('page'), 1, 1, 1_000_000),
      pageSize: intParam(c.req.query('pageSize'), DATA_PAGE_SIZE, 1, MAX_DATA_PAGE_SIZE),
      unmask,
    }));
  });

  app.get('/catalog/items/:id/comments', async (c) => c.json(await commentsOf(store, c.req.param('id'))));

  // Per signed-in subject, kept in the database (several instances share it).
  const commentLimit = rateLimit({ limit: 10, windowMs: 60_000, key: (c) => 'comment:' + (c.get('subject')?.id ?? '') });
  app.post('/catalog/items/:id/comments', async (c, next) => {
    requireSubject(c);
    return commentLimit(c, next);
  }, async (c) => {
    const subject = requireSubject(c);
    return c.json(await addComment(store, subject, c.req.param('id'), await readObject(c)), 201);
  });

  return app;
}

