import { http, HttpResponse, delay, type HttpHandler } from 'msw';
import { catalogSeed, SEED_IDS } from '../../server/seed/data/catalog';
import { generateRows, largeEntryId, rowCountFor } from '../../server/seed/data/rows';
import type { CellValue } from '../../server/data/rows-store';
import { sensitivities } from '../../src/core/personal-data';
import { maskValue } from '../../server/data/desensitize';
import type { AccessLogRecord, CatalogItem, Grant } from '../../src/core/catalog-types';
import { apiError, storySubject } from './session';

/**
 * The data of SPEC §7 as the reference backend answers it, in memory, from the same pure
 * generators (server/data): rows with field sensitivity and masking, downloads, grants, the
 * access log and its check. Stories choose faults with `setDataMockFaults`.
 */

const LICENCE = { name: '浙江省公共数据开放许可协议', url: 'https://data.zjzwfw.gov.cn/licence' };
const SEED = catalogSeed();
const LARGE = largeEntryId(SEED);

/** An entry as `GET /catalog/items/{id}` answers it since §7: sensitivity, rowCount, licence. */
function withData(item: CatalogItem): CatalogItem {
  const kinds = sensitivities({ open: item.open, fields: item.fields ?? [] });
  return {
    ...item,
    fields: (item.fields ?? []).map((f, i) => ({ ...f, sensitivity: kinds[i] ?? 'none' })),
    rowCount: item.id === LARGE ? 100_000 : rowCountFor(item.id),
    ...(item.open !== 'closed' ? { licence: LICENCE } : {}),
  };
}

const ITEMS = new Map(SEED.map((item) => [item.id, withData(item)]));

/** A non-shared entry of 浙江省公安厅 with names and ID numbers: staff-001 holds a desensitised grant for it. */
export const MASKED_ITEM_ID = SEED.find((i) => i.sharing === 'none' && i.open === 'closed' && i.agency.code === '330000-GA' && !(Object.values(SEED_IDS) as string[]).includes(i.id))!.id;
/** A closed entry (shared unconditionally among agencies) whose grant allows a copy. */
export const COPY_ITEM_ID = SEED_IDS.closedItem;

let grants: Grant[] = [];
let log: AccessLogRecord[] = [];
let faults: { rows?: 'error' | 'empty' | 'slow'; brokenAt?: number } = {};

const zeros = '0'.repeat(64);
/** Not SM3: the stories only need a chain that looks like one; the backend's is checked in its own tests. */
const fakeHash = (text: string) => {
  let out = '';
  for (let i = 0; out.length < 64; i++) {
    let h = 0x811c9dc5 ^ i;
    for (let j = 0; j < text.length; j++) h = Math.imul(h ^ text.charCodeAt(j), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
};

function append(record: Omit<AccessLogRecord, 'seq' | 'prevHash' | 'hash'>): void {
  const prevHash = log.at(-1)?.hash ?? zeros;
  const seq = log.length + 1;
  const body = { ...record, seq, prevHash };
  log.push({ ...body, hash: fakeHash(JSON.stringify(body)) });
}

/** Back to the seed: staff-001's two grants and 25 logged calls on 浙江省公安厅's entries. */
export function resetDataMocks(): void {
  faults = {};
  // As the backend makes them: the requested fields, or every field when none were named.
  const all = (id: string) => (ITEMS.get(id)!.fields ?? []).map((f) => f.name);
  grants = [
    {
      id: 'GR-000001', itemId: COPY_ITEM_ID, itemName: ITEMS.get(COPY_ITEM_ID)!.name, requestId: 'AR-000090', subjectId: 'staff-001',
      fields: all(COPY_ITEM_ID), desensitized: false, copy: true, purpose: '统计各部门政务云资源使用情况', validUntil: new Date(Date.UTC(2027, 10, 20)).toISOString(),
    },
    {
      id: 'GR-000002', itemId: MASKED_ITEM_ID, itemName: ITEMS.get(MASKED_ITEM_ID)!.name, requestId: 'AR-000091', subjectId: 'staff-001',
      fields: all(MASKED_ITEM_ID), desensitized: true, copy: false, purpose: '开展社会治安综合治理统计分析', validUntil: new Date(Date.UTC(2027, 4, 31)).toISOString(),
    },
    // The grant of the approved request among the catalog mocks' (AR-000002): shown in "my requests".
    {
      id: 'GR-000003', itemId: SEED_IDS.unconditionalGA, itemName: ITEMS.get(SEED_IDS.unconditionalGA)!.name, requestId: 'AR-000002', subjectId: 'staff-001',
      fields: all(SEED_IDS.unconditionalGA), desensitized: false, copy: false, purpose: '开展“一件事”联办，核验申请人信息', validUntil: new Date(Date.UTC(2027, 10, 20)).toISOString(),
    },
  ];
  log = [];
  for (let i = 0; i < 25; i++) {
    append({
      at: new Date(Date.UTC(2026, 10, 21, 1, i * 7)).toISOString(), subjectId: 'staff-001', agency: '330000-SJ', itemId: MASKED_ITEM_ID, grantId: 'GR-000002',
      purpose: '开展社会治安综合治理统计分析', route: `GET /data/${MASKED_ITEM_ID}/rows`, fields: [], rows: 10,
    });
  }
}
resetDataMocks();

/** Faults for the error, empty and loading stories, and a broken chain. */
export function setDataMockFaults(next: typeof faults): void {
  faults = { ...next };
}

function rowsOf(item: CatalogItem, limit: number): CellValue[][] {
  const out: CellValue[][] = [];
  for (const row of generateRows({ id: item.id, open: item.open, fields: item.fields ?? [] }, Math.min(limit, item.rowCount ?? 0))) out.push(row);
  return out;
}

/** Who may read an entry's rows, and how (SPEC §7). */
function allowed(request: Request, item: CatalogItem): { grant?: Grant } | Response {
  if (item.open === 'open') return {};
  const subject = storySubject(request);
  if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
  const grant = grants.find((g) => g.itemId === item.id && g.subjectId === subject.id && Date.parse(g.validUntil) > Date.now());
  return grant ? { grant } : apiError(403, 'NO_GRANT', 'No valid grant for this entry');
}

export const dataHandlers: HttpHandler[] = [
  // The entry with its §7 additions.
  http.get('*/api/catalog/items/:id', ({ request, params }) => {
    const item = ITEMS.get(String(params.id));
    const subject = storySubject(request);
    const staff = subject && (subject.kind === 'staff' || subject.kind === 'reviewer');
    if (!item || (item.open === 'closed' && !staff)) return apiError(404, 'NOT_FOUND', 'No such catalog entry');
    return HttpResponse.json(item);
  }),

  http.get('*/api/data/:id/rows', async ({ request, params }) => {
    const item = ITEMS.get(String(params.id));
    if (!item) return apiError(404, 'NOT_FOUND', 'No such catalog entry');
    if (faults.rows === 'slow') await delay('infinite');
    if (faults.rows === 'error') return apiError(503, 'SERVER_ERROR', 'Injected failure');
    const access = allowed(request, item);
    if (access instanceof Response) return access;
    const { grant } = access;
    const url = new URL(request.url);
    const fieldsDef = item.fields ?? [];
    const permitted = grant?.fields.length ? grant.fields : fieldsDef.map((f) => f.name);
    const asked = (url.searchParams.get('fields') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (asked.some((f) => !permitted.includes(f))) return apiError(403, 'FIELD_NOT_GRANTED', 'A field is outside the grant');
    const columns = asked.length ? asked : permitted;
    const masked = (name: string) => !!grant?.desensitized && (fieldsDef.find((f) => f.name === name)?.sensitivity ?? 'none') !== 'none';
    const filters: Array<[number, string]> = [];
    for (const [key, value] of url.searchParams) {
      if (!key.startsWith('filter.')) continue;
      const name = key.slice('filter.'.length);
      const index = fieldsDef.findIndex((f) => f.name === name);
      if (index < 0) return apiError(400, 'BAD_REQUEST', 'Unknown field ' + name);
      if (!permitted.includes(name) || masked(name)) return apiError(403, 'FIELD_NOT_GRANTED', 'A filter on a field outside the grant or masked');
      filters.push([index, value]);
    }
    const pageSize = Math.min(100, Math.max(1, Number(url.searchParams.get('pageSize')) || 20));
    const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
    let all = faults.rows === 'empty' ? [] : rowsOf(item, filters.length ? 5_000 : page * pageSize);
    if (filters.length) all = all.filter((row) => filters.every(([i, v]) => String(row[i] ?? '') === v));
    const total = faults.rows === 'empty' ? 0 : filters.length ? all.length : (item.rowCount ?? all.length);
    const slice = all.slice((page - 1) * pageSize, page * pageSize);
    const rows = slice.map((row) => Object.fromEntries(columns.map((name) => {
      const index = fieldsDef.findIndex((f) => f.name === name);
      const value = row[index] ?? null;
      return [name, masked(name) ? maskValue(fieldsDef[index]!.sensitivity ?? 'none', value) : value];
    })));
    if (grant) {
      const subject = storySubject(request)!;
      append({ at: new Date().toISOString(), subjectId: subject.id, agency: subject.agencyCode, itemId: item.id, grantId: grant.id, purpose: grant.purpose, route: `GET /data/${item.id}/rows`, fields: columns, rows: rows.length });
    }
    return HttpResponse.json({ fields: columns, rows, total, page, pageSize, desensitized: !!grant?.desensitized, ...(grant ? { grantId: grant.id } : {}) });
  }),

  http.get('*/api/data/:id/download', ({ request, params }) => {
    const item = ITEMS.get(String(params.id));
    if (!item) return apiError(404, 'NOT_FOUND', 'No such catalog entry');
    const format = new URL(request.url).searchParams.get('format');
    if (format !== 'csv' && format !== 'json') return apiError(400, 'BAD_REQUEST', 'format must be csv or json');
    const access = allowed(request, item);
    if (access instanceof Response) return access;
    if (access.grant && !access.grant.copy) return apiError(403, 'COPY_NOT_GRANTED', 'The grant does not include a copy');
    const fieldsDef = item.fields ?? [];
    const rows = rowsOf(item, 5_000);
    const disposition = `attachment; filename="${item.id}.${format}"`;
    if (format === 'json') {
      return HttpResponse.json(rows.map((row) => Object.fromEntries(fieldsDef.map((f, i) => [f.name, row[i] ?? null]))), { headers: { 'Content-Disposition': disposition } });
    }
    const cell = (v: CellValue) => {
      const text = v === null ? '' : String(v);
      const safe = /^[=+\-@]/.test(text) ? "'" + text : text;
      return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    };
    const csv = '\ufeff' + [fieldsDef.map((f) => f.name).join(','), ...rows.map((row) => row.map(cell).join(','))].join('\r\n');
    return new HttpResponse(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': disposition } });
  }),

  http.get('*/api/grants', ({ request }) => {
    const subject = storySubject(request);
    if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    return HttpResponse.json(grants.filter((g) => g.subjectId === subject.id));
  }),

  http.get('*/api/access-log', ({ request }) => {
    const subject = storySubject(request);
    if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    const url = new URL(request.url);
    const itemId = url.searchParams.get('itemId');
    const mine = log.filter((r) => (subject.kind === 'reviewer' ? ITEMS.get(r.itemId)?.agency.code === subject.agencyCode : r.subjectId === subject.id) && (!itemId || r.itemId === itemId));
    const pageSize = Math.min(100, Math.max(1, Number(url.searchParams.get('pageSize')) || 20));
    const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
    return HttpResponse.json({ items: mine.slice((page - 1) * pageSize, page * pageSize), total: mine.length, page, pageSize });
  }),

  http.get('*/api/access-log/verify', ({ request }) => {
    const subject = storySubject(request);
    if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    if (subject.kind !== 'reviewer') return apiError(403, 'FORBIDDEN', 'Reviewers only');
    const head = log.at(-1)?.hash ?? zeros;
    return HttpResponse.json(faults.brokenAt ? { ok: false, length: log.length, head, brokenAt: faults.brokenAt } : { ok: true, length: log.length, head });
  }),
];
