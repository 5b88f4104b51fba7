import { Hono, type Context } from 'hono';
import type { CatalogField, CatalogItem, DataPage } from '../../src/core/catalog-types';
import { requireSubject } from '../auth';
import { findItem } from '../catalog/store';
import { appendAccess, listAccessLog, verifyChain } from '../data/access-log';
import { maskValue } from '../data/desensitize';
import { DOWNLOAD_FORMATS, downloadStream, type DownloadFormat } from '../data/download';
import { chooseGrant, listGrants } from '../data/grants';
import { findDataSet, pageRows, type DataColumn, type DataSet, type RowFilter } from '../data/rows-store';
import { sensitivities } from '../../src/core/personal-data';
import type { AppEnv, Deps, Subject } from '../env';
import { ApiProblem, problems, type FieldProblem } from '../errors';
import { intParam } from '../http';

export const DATA_PAGE_SIZE = 20;
/** The largest page of rows one call returns; larger requests get this many (and say so). */
export const MAX_DATA_PAGE_SIZE = 200;
const MAX_FILTER_LENGTH = 200;
const MAX_ID_LENGTH = 200;

type Entry = CatalogItem & { fields: CatalogField[] };

/** The entry and its data set; an entry without rows yet has its columns and no rows. */
async function entryWithData(deps: Deps, id: string): Promise<{ item: Entry; set: DataSet }> {
  const item = id.length <= MAX_ID_LENGTH ? await findItem(deps.store.db, id) : undefined;
  if (!item) throw problems.notFound('No such catalog entry');
  const set = await findDataSet(deps.store.db, item.id);
  if (set) return { item, set };
  const kinds = sensitivities(item);
  return { item, set: { itemId: item.id, columns: item.fields.map((f, i) => ({ name: f.name, sensitivity: kinds[i]! })), rowCount: 0 } };
}

/** Data open to all (Art. 27): anyone may read it without a grant. */
const openToAll = (item: CatalogItem) => item.open === 'open';

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

function refusal(code: 'NO_GRANT' | 'GRANT_EXPIRED' | 'FIELD_NOT_GRANTED' | 'COPY_NOT_GRANTED', field?: string): ApiProblem {
  switch (code) {
    case 'NO_GRANT': return new ApiProblem(403, 'NO_GRANT', 'No grant opens this data to you: request access first');
    // Still NO_GRANT for a client (SPEC §7); the message says why.
    case 'GRANT_EXPIRED': return new ApiProblem(403, 'NO_GRANT', 'Your grant for this data has expired: request access again');
    case 'COPY_NOT_GRANTED': return new ApiProblem(403, 'COPY_NOT_GRANTED', 'Your grant does not allow taking the whole data set (Art. 23): request a copy');
    default: return new ApiProblem(403, 'FIELD_NOT_GRANTED', field ? `The field ${field} is not granted to you unmasked` : 'A field asked for is not granted to you', field ? [{ path: field, message: 'Not granted' }] : undefined);
  }
}

/** The grant a call is made under, or the 401/403 that says why there is none. */
async function grantForCall(c: Context<AppEnv>, deps: Deps, item: Entry, set: DataSet, want: { fields?: string[] | undefined; filters: string[]; copy: boolean }) {
  const staff = (s: Subject | undefined) => !!s && (s.kind === 'staff' || s.kind === 'reviewer') && !!s.agencyCode;
  // A closed entry is not in the open catalog: outside the agencies it does not exist, unless a grant names it.
  if (item.open === 'closed' && !c.get('subject') && !c.get('authProblem')) throw problems.notFound('No such catalog entry');
  const subject = requireSubject(c);
  const grants = await listGrants(deps.store.db, subject.id, item.id);
  if (item.open === 'closed' && !grants.length && !staff(subject)) throw problems.notFound('No such catalog entry');
  const choice = chooseGrant(grants, set.columns, want, new Date());
  if (!choice.ok) throw refusal(choice.code, choice.field);
  return { subject, grant: choice.grant };
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
    const page = intParam(c.req.query('page'), 1, 1, 1_000_000);
    const pageSize = intParam(c.req.query('pageSize'), DATA_PAGE_SIZE, 1, MAX_DATA_PAGE_SIZE);
    const under = openToAll(item) ? undefined : await grantForCall(c, deps, item, set, { fields, filters: filters.map((f) => f.name), copy: false });
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
    if (under) await appendAccess(store, logEntry(under.subject, item, under.grant, 'GET /data/{itemId}/rows', names, rows.length));
    const answer: DataPage = { fields: names, rows, total: result.total, page, pageSize, desensitized: masked };
    if (under) answer.grantId = under.grant.id;
    return c.json(answer);
  });

  app.get('/data/:itemId/download', async (c) => {
    const format = (c.req.query('format') ?? 'csv') as DownloadFormat;
    if (!DOWNLOAD_FORMATS.includes(format)) throw problems.badRequest('Unknown format', [{ path: 'format', message: `One of ${DOWNLOAD_FORMATS.join(', ')}` }]);
    const { item, set } = await entryWithData(deps, c.req.param('itemId'));
    const under = openToAll(item) ? undefined : await grantForCall(c, deps, item, set, { filters: [], copy: true });
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
    return c.json(await listGrants(store.db, subject.id));
  });

  app.get('/access-log', async (c) => {
    const subject = requireSubject(c);
    const page = intParam(c.req.query('page'), 1, 1, 1_000_000);
    const pageSize = intParam(c.req.query('pageSize'), DATA_PAGE_SIZE, 1, MAX_DATA_PAGE_SIZE);
    const itemId = c.req.query('itemId') || undefined;
    const reviewer = subject.kind === 'reviewer' && !!subject.agencyCode;
    const filter = reviewer ? { providerAgency: subject.agencyCode!, itemId } : { subjectId: subject.id, itemId };
    return c.json(await listAccessLog(store.db, filter, page, pageSize));
  });

  app.get('/access-log/verify', async (c) => {
    const subject = requireSubject(c);
    if (subject.kind !== 'reviewer') throw problems.forbidden('Only reviewers check the access log', 'NOT_REVIEWER');
    return c.json(await verifyChain(store.db));
  });

  return app;
}
