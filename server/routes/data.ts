import { Hono, type Context } from 'hono';
import type { CatalogField, CatalogItem, DataPage } from '../../src/core/catalog-types';
import { accessLogScope, isOpenToAll, maySeeClosedEntry, mayVerifyAccessLog } from '../access';
import { requireSubject } from '../auth';
import { findItem } from '../catalog/store';
import { appendAccess, listAccessLog } from '../data/access-log';
import { maskValue } from '../data/desensitize';
import { DOWNLOAD_FORMATS, downloadStream, type DownloadFormat } from '../data/download';
import { chooseGrant, DAILY_ROWS, SAMPLE_ROWS, grantAsNow, requestResponsePage, shanghaiDay } from '../data/grants';
import { listGrants, sharingOf } from '../data/grants-store';
import { columnsOf, currentColumns } from '../data/info';
import { findDataSet, pageRows, type DataColumn, type DataSet, type RowFilter } from '../data/rows-store';
import type { AppEnv, Deps, Subject } from '../env';
import { ApiProblem, problems, type FieldProblem } from '../errors';
import { intParam } from '../http';
import { quotaUsed, takeQuota } from '../store/rate-limits';
import { clientAddress, rateLimit } from '../rate-limit';
import { instanceCheckpoints } from './checkpoints';

export const DATA_PAGE_SIZE = 20;
/** The largest page of rows one call returns; larger requests get this many (and say so). */
export const MAX_DATA_PAGE_SIZE = 200;
const MAX_FILTER_LENGTH = 200;
/** `GET /access-log/verify` calls a subject may make a minute. */
export const VERIFY_PER_MINUTE = 10;
const MAX_ID_LENGTH = 200;

type Entry = CatalogItem & { fields: CatalogField[] };

/** The entry and its data set; an entry without rows yet has its columns and no rows. */
async function entryWithData(deps: Deps, id: string): Promise<{ item: Entry; set: DataSet }> {
  const item = id.length <= MAX_ID_LENGTH ? await findItem(deps.store.db, id) : undefined;
  if (!item) throw problems.notFound('No such catalog entry');
  const set = await findDataSet(deps.store.db, item.id);
  // Masking follows the entry as it is now, on every call (Art. 22).
  if (set) return { item, set: { ...set, columns: currentColumns(item, set.columns) } };
  return { item, set: { itemId: item.id, columns: columnsOf(item), rowCount: 0 } };
}

/** `fields=a,b` (the columns asked for, in that order) and `filter.<field>=value` (AND-ed); 400 for fields the entry does not have. */
function readSelection(c: Context<AppEnv>, columns: readonly DataColumn[]) {
  const known = new Map(columns.map((col, i) => [col.name, i]));
  const problemsFound: FieldProblem[] = [];
  const fieldsParam = c.req.query('fields');
  let fields: string[] | undefined;
  if (fieldsParam !== undefined && fieldsParam.trim() !== '') {
    fields = [...new Set(fieldsParam.split(',').map((f) => f.trim()).filter(Boolean))];
    for (const f of fields) if (!known.has(f)) problemsFound.push({ path: 'fields', message: `Not a field of this entry: ${f.slice(0, 64)}` });
  }
  const filters: Array<RowFilter & { name: string }> = [];
  const query = c.req.queries();
  for (const [key, values] of Object.entries(query)) {
    if (!key.startsWith('filter.')) continue;
    const name = key.slice('filter.'.length);
    const col = known.get(name);
    if (col === undefined) {
      problemsFound.push({ path: key.slice(0, 80), message: 'Not a field of this entry' });
      continue;
    }
    if (values.length !== 1) problemsFound.push({ path: key, message: 'One value per field' });
    else if (Array.from(values[0]!).length > MAX_FILTER_LENGTH) problemsFound.push({ path: key, message: `At most ${MAX_FILTER_LENGTH} characters` });
    else filters.push({ name, col, value: values[0]! });
  }
  if (problemsFound.length) throw problems.badRequest('The request is not valid', problemsFound.slice(0, 20));
  return { fields, filters };
}

function refusal(code: 'NO_GRANT' | 'GRANT_EXPIRED' | 'FIELD_NOT_GRANTED' | 'COPY_NOT_GRANTED' | 'FILTER_REQUIRED', field?: string): ApiProblem {
  switch (code) {
    case 'FILTER_REQUIRED': return new ApiProblem(403, 'FILTER_REQUIRED', `Your grant is for request-response calls (Art. 23), not a copy: name what you ask about with filter.<field>; without a filter only the first ${SAMPLE_ROWS} rows are answered`);
    case 'NO_GRANT': return new ApiProblem(403, 'NO_GRANT', 'No grant opens this data to you: request access first');
    // Still NO_GRANT for a client (SPEC §7); the message says why.
    case 'GRANT_EXPIRED': return new ApiProblem(403, 'NO_GRANT', 'Your grant for this data has expired: request access again');
    case 'COPY_NOT_GRANTED': return new ApiProblem(403, 'COPY_NOT_GRANTED', 'Your grant does not allow taking the whole data set (Art. 23): request a copy');
    default: return new ApiProblem(403, 'FIELD_NOT_GRANTED', field ? `The field ${field} is not granted to you unmasked` : 'A field asked for is not granted to you', field ? [{ path: field, message: 'Not granted' }] : undefined);
  }
}

/** The grant a call is made under, or the 401/403 that says why there is none. */
async function grantForCall(c: Context<AppEnv>, deps: Deps, item: Entry, set: DataSet, want: { fields?: string[] | undefined; filters: string[]; copy: boolean }) {
  // A closed entry is not in the open catalog: outside the agencies it does not exist, unless a grant names it.
  if (item.open === 'closed' && !c.get('subject') && !c.get('authProblem')) throw problems.notFound('No such catalog entry');
  const subject = requireSubject(c);
  const grants = (await listGrants(deps.store.db, subject.id, item.id)).map((g) => grantAsNow(g, item));
  if (item.open === 'closed' && !maySeeClosedEntry(subject, grants.length > 0)) throw problems.notFound('No such catalog entry');
  const choice = chooseGrant(grants, set.columns, want, new Date());
  if (!choice.ok) throw refusal(choice.code, choice.field);
  return { subject, grant: choice.grant };
}

/**
 * Counts the rows a call under a grant without copy answers against its day's DAILY_ROWS
 * (Art. 23), in the database so every instance shares the count; 429 `DAILY_LIMIT` until
 * midnight in Hangzhou when they would not fit.
 */
async function countDailyRows(deps: Deps, grantId: string, rows: number, now = new Date()): Promise<void> {
  const { day, endsAt } = shanghaiDay(now);
  const key = `grant-rows:${grantId}:${day}`;
  if (await takeQuota(deps.store, key, rows, DAILY_ROWS, endsAt)) return;
  const left = Math.max(0, DAILY_ROWS - (await quotaUsed(deps.store, key)));
  const retryAfter = Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000));
  throw new ApiProblem(429, 'DAILY_LIMIT',
    `A grant without copy reads at most ${DAILY_ROWS.toLocaleString('en-US')} rows a day (Art. 23: request-response, not a copy); ${left.toLocaleString('en-US')} remain today: ask for fewer rows, or again after midnight (Asia/Shanghai)`,
    undefined, { 'Retry-After': String(retryAfter) });
}

function logEntry(subject: Subject, item: Entry, grant: { id: string; purpose: string }, route: string, fields: string[], rows: number) {
  return { subjectId: subject.id, agency: subject.agencyCode, itemId: item.id, providerAgency: item.agency.code, grantId: grant.id, purpose: grant.purpose, route, fields, rows };
}

/** Routes of data delivery (SPEC §7): rows, downloads, grants and the access log (Art. 21–23, 27, 36). */
export function dataRoutes(deps: Deps) {
  const { store } = deps;
  const app = new Hono<AppEnv>();

  app.get('/data/:itemId/rows', async (c) => {
    const { item, set } = await entryWithData(deps, c.req.param('itemId'));
    const { fields, filters } = readSelection(c, set.columns);
    let page = intParam(c.req.query('page'), 1, 1, 1_000_000);
    let pageSize = intParam(c.req.query('pageSize'), DATA_PAGE_SIZE, 1, MAX_DATA_PAGE_SIZE);
    const under = isOpenToAll(item) ? undefined : await grantForCall(c, deps, item, set, { fields, filters: filters.map((f) => f.name), copy: false });
    if (under) {
      const shape = requestResponsePage(under.grant, filters.length, page, pageSize);
      if ('refusal' in shape) throw refusal(shape.refusal);
      ({ page, pageSize } = shape);
    }
    const allowed = under ? set.columns.filter((col) => under.grant.fields.includes(col.name)) : set.columns;
    const chosen = fields ? fields.map((name) => allowed.find((col) => col.name === name)!) : allowed;
    const index = new Map(set.columns.map((col, i) => [col.name, i]));
    const masked = !!under?.grant.desensitized;
    const result = await pageRows(store, set, filters, (page - 1) * pageSize, pageSize);
    const rows = result.rows.map((row) => {
      const record: Record<string, string | number | null> = {};
      for (const col of chosen) {
        const value = row[index.get(col.name)!] ?? null;
        record[col.name] = masked ? maskValue(col.sensitivity, value) : value;
      }
      return record;
    });
    const names = chosen.map((col) => col.name);
    if (under && !under.grant.copy) await countDailyRows(deps, under.grant.id, rows.length);
    if (under) await appendAccess(store, logEntry(under.subject, item, under.grant, 'GET /data/{itemId}/rows', names, rows.length));
    const answer: DataPage = { fields: names, rows, total: result.total, page, pageSize, desensitized: masked };
    if (under) answer.grantId = under.grant.id;
    return c.json(answer);
  });

  app.get('/data/:itemId/download', async (c) => {
    const format = (c.req.query('format') ?? 'csv') as DownloadFormat;
    if (!DOWNLOAD_FORMATS.includes(format)) throw problems.badRequest('Unknown format', [{ path: 'format', message: `One of ${DOWNLOAD_FORMATS.join(', ')}` }]);
    const { item, set } = await entryWithData(deps, c.req.param('itemId'));
    const under = isOpenToAll(item) ? undefined : await grantForCall(c, deps, item, set, { filters: [], copy: true });
    const allowed = under ? set.columns.filter((col) => under.grant.fields.includes(col.name)) : set.columns;
    const index = new Map(set.columns.map((col, i) => [col.name, i]));
    const masked = !!under?.grant.desensitized;
    const names = allowed.map((col) => col.name);
    // The record is written before the data leaves: evidence of the copy even if the client goes away.
    if (under) await appendAccess(store, logEntry(under.subject, item, under.grant, 'GET /data/{itemId}/download', names, set.rowCount));
    const stream = downloadStream(store.db, {
      itemId: item.id,
      format,
      columns: allowed.map((col) => ({ name: col.name, index: index.get(col.name)! })),
      ...(masked ? { transform: (i: number, value: string | number | null) => maskValue(set.columns[i]!.sensitivity, value) } : {}),
    });
    const file = `${item.id.replace(/[^\w.-]/g, '_')}.${format}`;
    return new Response(stream, {
      status: 200,
      headers: {
        'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${file}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });

  app.get('/grants', async (c) => {
    const subject = requireSubject(c);
    const grants = await listGrants(store.db, subject.id);
    // As the calls are answered: masked when the entry is non-shared now.
    const sharing = await sharingOf(store.db, grants.map((g) => g.itemId));
    return c.json(grants.map((g) => {
      const now = sharing.get(g.itemId) as CatalogItem['sharing'] | undefined;
      return now ? grantAsNow(g, { sharing: now }) : g;
    }));
  });

  app.get('/access-log', async (c) => {
    const subject = requireSubject(c);
    const page = intParam(c.req.query('page'), 1, 1, 1_000_000);
    const pageSize = intParam(c.req.query('pageSize'), DATA_PAGE_SIZE, 1, MAX_DATA_PAGE_SIZE);
    const itemId = c.req.query('itemId') || undefined;
    return c.json(await listAccessLog(store.db, { ...accessLogScope(subject), itemId }, page, pageSize));
  });

  // Verifying reads the chain: ten a minute per subject (or address), across instances.
  const verifyLimit = rateLimit({ limit: VERIFY_PER_MINUTE, windowMs: 60_000, key: (c) => 'access-log-verify:' + (c.get('subject')?.id ?? 'ip:' + clientAddress(c)) });
  app.get('/access-log/verify', verifyLimit, async (c) => {
    const subject = requireSubject(c);
    if (!mayVerifyAccessLog(subject)) throw problems.forbidden('Only reviewers check the access log', 'NOT_REVIEWER');
    // Incremental, against the signed checkpoints (server/checkpoints); with the reviewer's own agency's share.
    return c.json(await instanceCheckpoints(deps).verifyAccessLog(subject.agencyCode ?? undefined));
  });

  return app;
}
