import { Hono } from 'hono';
import { CATALOGUE_ENTRY_STATUSES, CATALOGUE_LIMITS, type CatalogueEntryStatus } from '../../src/core/catalog-types';
import { requireSubject } from '../auth';
import { addComment, commentsOf } from '../cataloguing/comments';
import { CsvImport, NotUtf8Error } from '../cataloguing/csv-import';
import { commitImport, createEntry, entryRows, getEntry, listEntriesFor, prepareImport, reviewEntry, submitEntry, updateEntry, withdrawEntry } from '../cataloguing/entries';
import { boundaryOf, MultipartError, readSingleFile } from '../cataloguing/multipart';
import type { AppEnv, Deps } from '../env';
import { ApiProblem, problems } from '../errors';
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
/** Multipart framing around the file, beyond its own size. */
const FRAMING_BYTES = 64 * 1024;

const tooLarge = () => problems.tooLarge(`A CSV file must be smaller than ${CATALOGUE_LIMITS.csvBytes / 1_000_000} MB: split the data, or ask the data office about a bulk load`);
const notUtf8 = () => problems.validation(
  [{ path: 'file', message: 'The file is not UTF-8 text (it may be GBK): in the spreadsheet choose Save as → CSV UTF-8, then import again' }],
  'The file is not UTF-8: save it as CSV UTF-8 and import it again',
);

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

  app.post('/catalog/entries/:id/data', async (c) => {
    const subject = requireSubject(c);
    // Who may import, and into which fields, is settled before any byte of the body is read.
    const state = await prepareImport(store, subject, c.req.param('id'));
    const boundary = boundaryOf(c.req.header('content-type') ?? '');
    if (!boundary) throw problems.unsupportedMediaType('Send the CSV file as multipart/form-data (one file)');
    const declared = Number(c.req.header('content-length') ?? NaN);
    if (declared > CATALOGUE_LIMITS.csvBytes + FRAMING_BYTES) throw tooLarge();
    const csv = new CsvImport(state.input.fields);
    let fileBytes = 0;
    try {
      await readSingleFile(c.req.raw.body, boundary, CATALOGUE_LIMITS.csvBytes + FRAMING_BYTES, (bytes) => {
        fileBytes += bytes.byteLength;
        if (fileBytes >= CATALOGUE_LIMITS.csvBytes) throw new MultipartError('too-large', 'too large');
        csv.push(bytes);
      });
    } catch (error) {
      if (error instanceof NotUtf8Error) throw notUtf8();
      if (error instanceof MultipartError) {
        if (error.kind === 'too-large') throw tooLarge();
        throw new ApiProblem(400, 'BAD_REQUEST', error.kind === 'malformed' ? 'The multipart body is not valid' : 'Send exactly one CSV file', [{ path: 'file', message: error.message }]);
      }
      throw error;
    }
    let outcome;
    try {
      outcome = csv.end();
    } catch (error) {
      if (error instanceof NotUtf8Error) throw notUtf8();
      throw error;
    }
    if (outcome.problems.length) {
      const n = outcome.problems.length;
      throw problems.validation(outcome.problems, n >= CATALOGUE_LIMITS.csvProblems
        ? `The file was not imported: the first ${n} problems are listed; nothing was changed`
        : `The file was not imported: ${n} problem${n === 1 ? '' : 's'} to correct; nothing was changed`);
    }
    return c.json(await commitImport(store, subject, state, outcome.rows));
  });

  app.get('/catalog/entries/:id/rows', async (c) => c.json(await entryRows(store, requireSubject(c), c.req.param('id'),
    intParam(c.req.query('page'), 1, 1, 1_000_000), intParam(c.req.query('pageSize'), DATA_PAGE_SIZE, 1, MAX_DATA_PAGE_SIZE))));

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

