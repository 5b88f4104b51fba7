import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLogPage, AccessLogVerification, AccessRequest, CatalogItem, CatalogPage, DataPage, Grant } from '../src/core/catalog-types';
import { isCnId } from '../src/core/validation/cn-formats';
import { openDownloads } from './data/download';
import { generateRows, largeEntryId, LARGE_DATA_SET } from './seed/data/rows';
import { replaceRows } from './data/rows-store';
import { dropAppendOnly } from './store/migrations/0008-data';
import { catalogSeed, SEED_IDS } from './seed/data/catalog';
import { startTestServer, type TestServer } from './testing';

/** Error bodies: `{ error: { code, message, fields? } }`. */
type Problem = { error: { code: string; message: string; fields?: Array<{ path: string; message: string }> } };

let server: TestServer;
let staff: string;
let reviewer: string;
let citizen: string;
let org: string;
const SEED = catalogSeed();
const LARGE = largeEntryId(SEED)!;
const entry = (id: string) => SEED.find((i) => i.id === id)!;

beforeAll(async () => {
  server = await startTestServer();
  [staff, reviewer, citizen, org] = await Promise.all([server.login('staff-001'), server.login('reviewer-001'), server.login('citizen-001'), server.login('org-001')]);
});
afterAll(() => server.stop());

const rows = (id: string, params = '', token?: string) =>
  server.call<DataPage & Problem>('GET', `/api/data/${encodeURIComponent(id)}/rows${params ? '?' + params : ''}`, token ? { token } : {});
const request = (id: string, body: unknown, token: string) =>
  server.call<AccessRequest & Problem>('POST', `/api/catalog/items/${encodeURIComponent(id)}/access-requests`, { body, token });
const decide = (id: string, body: unknown, token = reviewer) => server.call<AccessRequest & Problem>('POST', `/api/access-requests/${id}/decision`, { body, token });
const grants = (token: string) => server.call<Grant[]>('GET', '/api/grants', { token });
const basis = { legalBasis: '《浙江省公共数据和电子政务管理办法》第二十二条' };
const q = (v: string) => encodeURIComponent(v);

describe('data behind the catalog entries', () => {
  it('every entry carries its row count, open entries a licence, every field a sensitivity', async () => {
    const page = await server.call<CatalogPage>('GET', '/api/catalog/items?scope=sharing&pageSize=100', { token: staff });
    expect(page.status).toBe(200);
    for (const item of page.body.items) {
      expect(item.rowCount).toBeGreaterThanOrEqual(20);
      if (item.open === 'closed') expect(item.licence).toBeUndefined();
      else expect(item.licence).toMatchObject({ name: expect.stringContaining('CC BY 4.0'), url: 'https://creativecommons.org/licenses/by/4.0/' });
    }
    const detail = await server.call<CatalogItem>('GET', `/api/catalog/items/${SEED_IDS.restrictedGA}`, { token: staff });
    expect(detail.body.fields!.map((f) => [f.name, f.sensitivity])).toEqual([
      ['xm', 'name'], ['xb', 'other-personal'], ['gmsfhm', 'id-number'], ['csrq', 'other-personal'], ['hjdz', 'address'], ['hzxm', 'name'], ['yhzgx', 'other-personal'],
    ]);
    const large = await server.call<CatalogItem>('GET', `/api/catalog/items/${LARGE}`);
    expect(large.body.rowCount).toBe(LARGE_DATA_SET.rows);
    expect(large.body.fields!.every((f) => f.sensitivity === 'none')).toBe(true);
  });
});

describe('GET /data/{id}/rows — data open to all', () => {
  it('answers anyone a page of rows matching the fields, without a grant and without a log record', async () => {
    const res = await rows(SEED_IDS.openUnconditional, 'pageSize=5&page=2');
    expect(res.status).toBe(200);
    const item = entry(SEED_IDS.openUnconditional);
    expect(res.body).toMatchObject({ fields: item.fields!.map((f) => f.name), total: expect.any(Number), page: 2, pageSize: 5, desensitized: false });
    expect(res.body.grantId).toBeUndefined();
    expect(res.body.rows).toHaveLength(5);
    const expected = [...generateRows(item as never, 10)].slice(5);
    expect(res.body.rows.map((r) => item.fields!.map((f) => r[f.name]))).toEqual(expected);
  });

  it('chooses columns and filters exactly, on the 100,000-row entry too', async () => {
    const station = '杭州市西湖区监测站';
    const res = await rows(LARGE, `fields=jcsj,aqi&filter.zdmc=${q(station)}&pageSize=50`);
    expect(res.status).toBe(200);
    expect(res.body.fields).toEqual(['jcsj', 'aqi']);
    expect(Object.keys(res.body.rows[0]!)).toEqual(['jcsj', 'aqi']);
    let expected = 0;
    for (const row of generateRows(entry(LARGE) as never, LARGE_DATA_SET.rows)) if (row[0] === station) expected++;
    expect(res.body.total).toBe(expected);
    expect(res.body.rows).toHaveLength(50);
    // Two filters narrow it; a number matches as the API prints it.
    const aqi = res.body.rows[0]!.aqi as number;
    const both = await rows(LARGE, `filter.zdmc=${q(station)}&filter.aqi=${aqi}`);
    expect(both.body.total).toBeGreaterThanOrEqual(1);
    expect(both.body.rows.every((r) => r.zdmc === station && r.aqi === aqi)).toBe(true);
    // The last page is short, beyond it empty.
    const lastPage = Math.ceil(expected / 50);
    expect((await rows(LARGE, `filter.zdmc=${q(station)}&pageSize=50&page=${lastPage}`)).body.rows).toHaveLength(expected - (lastPage - 1) * 50);
    expect((await rows(LARGE, `filter.zdmc=${q(station)}&pageSize=50&page=${lastPage + 1}`)).body.rows).toHaveLength(0);
  });

  it('caps the page size and says the size used (pageSize 10^9)', async () => {
    const res = await rows(LARGE, 'pageSize=1000000000');
    expect(res.status).toBe(200);
    expect(res.body.pageSize).toBe(200);
    expect(res.body.rows).toHaveLength(200);
    expect(res.body.total).toBe(LARGE_DATA_SET.rows);
  });

  it('refuses unknown fields in columns and filters (400), and takes SQL-looking values as text', async () => {
    const unknown = await rows(SEED_IDS.openUnconditional, 'fields=zbmc,nosuch');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields![0]!.path).toBe('fields');
    const filter = await rows(SEED_IDS.openUnconditional, 'filter.nosuch=1');
    expect(filter.status).toBe(400);
    expect(filter.body.error.fields![0]!.path).toBe('filter.nosuch');
    for (const value of ["' OR '1'='1", '1; DROP TABLE data_blocks; --', '%', '_', '*']) {
      for (const id of [SEED_IDS.openUnconditional, LARGE]) {
        const res = await rows(id, `filter.${id === LARGE ? 'zdmc' : 'zbmc'}=${q(value)}`);
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(0);
      }
    }
    expect((await rows(LARGE, 'pageSize=1')).body.total).toBe(LARGE_DATA_SET.rows);
    expect((await rows('330000-XX-000000')).status).toBe(404);
    expect((await rows(SEED_IDS.withdrawn)).status).toBe(404);
  });
});

describe('grants and request-response sharing (Art. 22–23)', () => {
  let restrictedGrant: Grant;

  it('no rows of a closed entry without a grant: 404 outside the agencies (as in the open catalog), 403 NO_GRANT for staff', async () => {
    expect((await rows(SEED_IDS.restrictedGA)).status).toBe(404);
    expect((await rows(SEED_IDS.restrictedGA, '', citizen)).status).toBe(404);
    expect((await rows(SEED_IDS.conditionalOpen)).status).toBe(401);
    const res = await rows(SEED_IDS.restrictedGA, '', staff);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('NO_GRANT');
  });

  it('an approval makes a grant of the requested fields, valid a year; the call returns only those columns', async () => {
    const created = await request(SEED_IDS.restrictedGA, { purpose: '办理新生儿户口登记时核验父母户籍信息', ...basis, fields: ['xm', 'gmsfhm', 'hjdz'] }, staff);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', copy: false });
    const decided = await decide(created.body.id, { decision: 'approve', reason: '符合共享条件', allowCopy: true });
    expect(decided.status).toBe(200);
    expect(decided.body.grantId).toEqual(expect.any(String));
    const list = await grants(staff);
    restrictedGrant = list.body.find((g) => g.requestId === created.body.id)!;
    expect(restrictedGrant).toMatchObject({ itemId: SEED_IDS.restrictedGA, itemName: '居民户籍登记信息', subjectId: 'staff-001', fields: ['xm', 'gmsfhm', 'hjdz'], desensitized: false, copy: false, purpose: '办理新生儿户口登记时核验父母户籍信息' });
    const year = Date.parse(restrictedGrant.validUntil) - Date.now();
    expect(year).toBeGreaterThan(364 * 86_400_000);
    expect(year).toBeLessThanOrEqual(365 * 86_400_000);

    const page = await rows(SEED_IDS.restrictedGA, 'pageSize=3', staff);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ fields: ['xm', 'gmsfhm', 'hjdz'], desensitized: false, grantId: restrictedGrant.id });
    expect(page.body.rows.every((r) => isCnId(r.gmsfhm))).toBe(true);
    // The request-response call: exact match on an ID number.
    const one = await rows(SEED_IDS.restrictedGA, `filter.gmsfhm=${page.body.rows[1]!.gmsfhm}`, staff);
    expect(one.body.total).toBe(1);
    expect(one.body.rows[0]).toEqual(page.body.rows[1]);
  });

  it('refuses a column outside the grant and a filter on one (403 FIELD_NOT_GRANTED)', async () => {
    const column = await rows(SEED_IDS.restrictedGA, 'fields=xm,csrq', staff);
    expect(column.status).toBe(403);
    expect(column.body.error.code).toBe('FIELD_NOT_GRANTED');
    const filter = await rows(SEED_IDS.restrictedGA, 'filter.csrq=1990-01-01', staff);
    expect(filter.status).toBe(403);
    expect(filter.body.error.code).toBe('FIELD_NOT_GRANTED');
  });

  it('without copy a grant answers request-response calls (Art. 23): a filter, or a sample of the first page; never page after page', async () => {
    // 200 rows in two calls, as before, is refused: the first page is a sample of 10, the second needs a filter.
    const sample = await rows(SEED_IDS.restrictedGA, 'pageSize=100', staff);
    expect(sample.status).toBe(200);
    expect(sample.body).toMatchObject({ page: 1, pageSize: 10, grantId: restrictedGrant.id });
    expect(sample.body.rows).toHaveLength(10);
    const next = await rows(SEED_IDS.restrictedGA, 'page=2&pageSize=100', staff);
    expect(next.status).toBe(403);
    expect(next.body.error).toMatchObject({ code: 'FILTER_REQUIRED', message: expect.stringContaining('Art. 23') });
    // With a filter every page of the answer may be read.
    const id = sample.body.rows[0]!.gmsfhm as string;
    const filtered = await rows(SEED_IDS.restrictedGA, `filter.gmsfhm=${id}&page=1&pageSize=100`, staff);
    expect(filtered.status).toBe(200);
    expect(filtered.body.total).toBe(1);
  });

  it('a grant is its holder\'s only: another subject gets NO_GRANT', async () => {
    const res = await rows(SEED_IDS.restrictedGA, '', reviewer);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('NO_GRANT');
    expect((await grants(reviewer)).body.some((g) => g.id === restrictedGrant.id)).toBe(false);
  });

  it('no download without copy (the reviewer allowed it, but it was not requested)', async () => {
    const res = await server.call<Problem>('GET', `/api/data/${SEED_IDS.restrictedGA}/download?format=csv`, { token: staff });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('COPY_NOT_GRANTED');
  });

  it('nothing after validUntil: an expired grant answers NO_GRANT', async () => {
    await server.store.db.updateTable('data_grants').set({ valid_until: '2020-01-01T00:00:00.000Z' }).where('id', '=', restrictedGrant.id).execute();
    const res = await rows(SEED_IDS.restrictedGA, '', staff);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'NO_GRANT', message: expect.stringContaining('expired') });
    await server.store.db.updateTable('data_grants').set({ valid_until: restrictedGrant.validUntil }).where('id', '=', restrictedGrant.id).execute();
  });

  it('a decision may end the grant earlier, never later than a year', async () => {
    const created = await request(SEED_IDS.restrictedGA, { purpose: '核验流动人口居住登记', ...basis }, staff);
    for (const validUntil of ['2020-01-01', '2999-01-01', 'tomorrow']) {
      const bad = await decide(created.body.id, { decision: 'approve', reason: 'ok', validUntil });
      expect(bad.status).toBe(422);
      expect(bad.body.error.fields![0]!.path).toBe('validUntil');
    }
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect((await decide(created.body.id, { decision: 'approve', reason: 'ok', validUntil: until })).status).toBe(200);
    const grant = (await grants(staff)).body.find((g) => g.requestId === created.body.id)!;
    expect(grant.validUntil).toBe(until + 'T00:00:00.000Z');
    expect(grant.fields).toEqual(entry(SEED_IDS.restrictedGA).fields!.map((f) => f.name));
  });

  it('a request with copy waits for a reviewer even on an unconditional entry; copy needs allowCopy', async () => {
    const plain = await request(SEED_IDS.unconditionalGA, { purpose: '派出所名录核对', ...basis }, staff);
    expect(plain.body).toMatchObject({ status: 'approved', copy: false, grantId: expect.any(String) });
    const copyNotAllowed = await request(SEED_IDS.unconditionalGA, { purpose: '派出所名录整库比对', ...basis, copy: true }, staff);
    expect(copyNotAllowed.body).toMatchObject({ status: 'pending', copy: true });
    await decide(copyNotAllowed.body.id, { decision: 'approve', reason: '仅限查询' });
    const grant = (await grants(staff)).body.find((g) => g.requestId === copyNotAllowed.body.id)!;
    expect(grant.copy).toBe(false);
  });
});

describe('desensitised grants of non-shared data (Art. 22)', () => {
  let grant: Grant;

  it('are masked in every answer; a filter on a masked field is refused, on another allowed', async () => {
    expect((await request(SEED_IDS.noneGA, { purpose: '治安形势分析', ...basis }, staff)).body.error.code).toBe('NOT_SHAREABLE');
    const created = await request(SEED_IDS.noneGA, { purpose: '治安形势分析', ...basis, desensitized: true, copy: true }, staff);
    expect(created.body.status).toBe('pending');
    await decide(created.body.id, { decision: 'approve', reason: '脱敏后提供', allowCopy: true });
    grant = (await grants(staff)).body.find((g) => g.requestId === created.body.id)!;
    expect(grant).toMatchObject({ desensitized: true, copy: true });

    const page = await rows(SEED_IDS.noneGA, 'pageSize=20', staff);
    expect(page.status).toBe(200);
    expect(page.body.desensitized).toBe(true);
    const item = entry(SEED_IDS.noneGA);
    const real = [...generateRows(item as never, 20)];
    const at = (name: string) => item.fields!.findIndex((f) => f.name === name);
    page.body.rows.forEach((r, i) => {
      const name = String(real[i]![at('xm')]);
      expect(r.xm).toBe(name.slice(0, /^(欧阳|司马|诸葛|上官|慕容)/.test(name) && name.length > 2 ? 2 : 1) + '*'.repeat(name.length - (/^(欧阳|司马|诸葛|上官|慕容)/.test(name) && name.length > 2 ? 2 : 1)));
      const id = String(real[i]![at('gmsfhm')]);
      expect(r.gmsfhm).toBe(id.slice(0, 4) + '**********' + id.slice(-4));
      expect(r.csrq).toBe('***');
      expect(r.clrq).toBe(real[i]![at('clrq')]);
    });
    const masked = await rows(SEED_IDS.noneGA, `filter.gmsfhm=${real[0]![at('gmsfhm')]}`, staff);
    expect(masked.status).toBe(403);
    expect(masked.body.error.code).toBe('FIELD_NOT_GRANTED');
    const open = await rows(SEED_IDS.noneGA, `filter.clrq=${real[0]![at('clrq')]}`, staff);
    expect(open.status).toBe(200);
    expect(open.body.total).toBeGreaterThanOrEqual(1);
  });

  it('and in the download, which a grant with copy allows', async () => {
    const res = await fetch(`${server.origin}/api/data/${SEED_IDS.noneGA}/download?format=csv`, { headers: { Authorization: `Bearer ${staff}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${SEED_IDS.noneGA}.csv"`);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith('\ufeffxm,xb,gmsfhm,')).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    const count = (await server.call<CatalogItem>('GET', `/api/catalog/items/${SEED_IDS.noneGA}`, { token: staff })).body.rowCount!;
    expect(lines).toHaveLength(count + 1);
    expect(lines.slice(1).every((l) => /^[\p{Script=Han}]{1,2}\*+,\*\*\*,\d{4}\*{10}[\dX]{4},\*\*\*,/u.test(l))).toBe(true);
  });
});

describe('conditionally open data: citizens and organisations request, reviewers decide', () => {
  it('a citizen has no rows without a grant, asks, and reads once a reviewer approves', async () => {
    const id = SEED_IDS.noneGAConditional;
    expect((await rows(id, '', citizen)).body.error.code).toBe('NO_GRANT');
    const created = await request(id, { purpose: '研究本地道路交通安全状况', ...basis, desensitized: true }, citizen);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'pending', requesterId: 'citizen-001', requesterAgency: { code: '', name: '张三' } });
    expect((await server.call<AccessRequest[]>('GET', '/api/access-requests', { token: citizen })).body.map((r) => r.id)).toContain(created.body.id);
    expect((await server.call<AccessRequest[]>('GET', '/api/access-requests', { token: reviewer })).body.map((r) => r.id)).toContain(created.body.id);
    await decide(created.body.id, { decision: 'approve', reason: '同意开放' });
    const page = await rows(id, '', citizen);
    expect(page.status).toBe(200);
    expect(page.body.desensitized).toBe(true);
  });

  it('an organisation may ask too; nobody outside agencies asks for closed or fully open entries', async () => {
    const res = await request(SEED_IDS.conditionalOpen, { purpose: '企业环境信用评价', ...basis }, org);
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('pending');
    expect((await request(SEED_IDS.restrictedGA, { purpose: 'x', ...basis }, citizen)).status).toBe(404);
    const open = await request(SEED_IDS.openUnconditional, { purpose: 'x', ...basis }, citizen);
    expect(open.status).toBe(403);
    expect(open.body.error.code).toBe('NOT_REQUESTABLE');
  });
});

describe('GET /data/{id}/download', () => {
  it('streams data open to all as CSV with a BOM and as a JSON array', async () => {
    const item = entry(SEED_IDS.openUnconditional);
    const csv = await fetch(`${server.origin}/api/data/${item.id}/download?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="330000-TJ-000001\.csv"$/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const json = await server.call<Array<Record<string, unknown>>>('GET', `/api/data/${item.id}/download?format=json`);
    expect(json.headers.get('content-disposition')).toContain('.json');
    const first = [...generateRows(item as never, 1)][0]!;
    expect(json.body[0]).toEqual(Object.fromEntries(item.fields!.map((f, i) => [f.name, first[i]])));
    const total = (await rows(item.id)).body.total;
    expect(json.body).toHaveLength(total);
    expect(new TextDecoder().decode(bytes).trimEnd().split('\r\n')).toHaveLength(total + 1);
  });

  it('refuses an unknown format (400), and without a grant with copy', async () => {
    const bad = await server.call<Problem>('GET', `/api/data/${SEED_IDS.openUnconditional}/download?format=xlsx`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields![0]!.path).toBe('format');
    expect((await server.call<Problem>('GET', `/api/data/${SEED_IDS.restrictedGA}/download`, { token: reviewer })).body.error.code).toBe('NO_GRANT');
  });

  it('neutralises CSV cells starting with = + - @', async () => {
    const id = SEED_IDS.openUnconditional;
    const item = entry(id);
    const cols = item.fields!.map((f) => ({ name: f.name, sensitivity: 'none' as const }));
    const evil = ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '正常'];
    await server.store.db.transaction().execute((trx) => replaceRows(trx, id, cols, evil.map((v) => [v, 1, v, '2026-01-01', -1.5]), null));
    const text = await (await fetch(`${server.origin}/api/data/${id}/download?format=csv`)).text();
    const lines = text.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines.slice(1)).toEqual([
      `"'=HYPERLINK(""http://x"",""y"")",1,"'=HYPERLINK(""http://x"",""y"")",2026-01-01,-1.5`,
      "'+1,1,'+1,2026-01-01,-1.5",
      "'-2+3,1,'-2+3,2026-01-01,-1.5",
      "'@SUM(A1),1,'@SUM(A1),2026-01-01,-1.5",
      '正常,1,正常,2026-01-01,-1.5',
    ]);
    // Restore the seeded rows for the tests after this one.
    await server.store.db.transaction().execute((trx) => replaceRows(trx, id, cols, generateRows(item as never, 192), { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' }));
  });

  it('a client that stops reading half-way frees the server', async () => {
    const before = openDownloads();
    const controller = new AbortController();
    const res = await fetch(`${server.origin}/api/data/${LARGE}/download?format=csv`, { signal: controller.signal });
    const reader = res.body!.getReader();
    let received = 0;
    while (received < 64 * 1024) received += (await reader.read()).value!.length;
    expect(openDownloads()).toBe(before + 1);
    controller.abort();
    await reader.cancel().catch(() => undefined);
    const deadline = Date.now() + 5000;
    while (openDownloads() > before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(openDownloads()).toBe(before);
    // And it still answers.
    expect((await rows(LARGE, 'pageSize=1')).status).toBe(200);
  });

  it('the whole 100,000-row set arrives in order', async () => {
    const res = await fetch(`${server.origin}/api/data/${LARGE}/download?format=csv`);
    const text = await res.text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(LARGE_DATA_SET.rows + 1);
    expect(openDownloads()).toBe(0);
  });
});

describe('the access log (Art. 21, 36)', () => {
  it('records every call under a grant, with the fields and row count, for the caller and the provider\'s reviewer', async () => {
    const before = (await server.call<AccessLogPage>('GET', '/api/access-log?pageSize=1', { token: staff })).body.total;
    const page = await rows(SEED_IDS.restrictedGA, 'fields=xm&pageSize=7', staff);
    expect(page.status).toBe(200);
    const mine = await server.call<AccessLogPage>('GET', '/api/access-log?pageSize=5', { token: staff });
    expect(mine.body.total).toBe(before + 1);
    expect(mine.body.items[0]).toMatchObject({
      subjectId: 'staff-001', agency: '330000-SJ', itemId: SEED_IDS.restrictedGA, grantId: page.body.grantId,
      purpose: '办理新生儿户口登记时核验父母户籍信息', route: 'GET /data/{itemId}/rows', fields: ['xm'], rows: 7,
      prevHash: expect.stringMatching(/^[0-9a-f]{64}$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const theirs = await server.call<AccessLogPage>('GET', `/api/access-log?itemId=${SEED_IDS.restrictedGA}`, { token: reviewer });
    expect(theirs.body.items[0]!.seq).toBe(mine.body.items[0]!.seq);
    // Calls on data open to all are not made under a grant: no record.
    await rows(SEED_IDS.openUnconditional, '', staff);
    expect((await server.call<AccessLogPage>('GET', '/api/access-log?pageSize=1', { token: staff })).body.total).toBe(before + 1);
    // A citizen sees only their own calls.
    const citizens = await server.call<AccessLogPage>('GET', '/api/access-log', { token: citizen });
    expect(citizens.body.items.every((r) => r.subjectId === 'citizen-001')).toBe(true);
    expect((await server.call('GET', '/api/access-log')).status).toBe(401);
  });

  it('concurrent calls never fork the chain; verify recomputes it (reviewers only)', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => rows(SEED_IDS.restrictedGA, `fields=xm&pageSize=${(i % 5) + 1}`, staff)));
    expect((await server.call<Problem>('GET', '/api/access-log/verify', { token: staff })).status).toBe(403);
    const res = await server.call<AccessLogVerification>('GET', '/api/access-log/verify', { token: reviewer });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    const count = await server.store.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(res.body.length).toBe(Number(count.n));
    const head = await server.store.db.selectFrom('access_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(res.body.head).toBe(head.hash);
    expect(res.body.brokenAt).toBeUndefined();
  });

  it('cannot be changed or emptied through the database without first removing its guard', async () => {
    const db = server.store.db;
    await expect(db.updateTable('access_log').set({ rows: 0 }).where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('access_log').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    expect((await server.call<AccessLogVerification>('GET', '/api/access-log/verify', { token: reviewer })).body.ok).toBe(true);
    // From here on, someone with rights over the schema: the chain is what remains.
    await dropAppendOnly(db, server.store.engine, 'access_log');
  });

  it('names the first record changed in the database', async () => {
    const db = server.store.db;
    const target = await db.selectFrom('access_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
    await db.updateTable('access_log').set({ rows: target.rows + 1000 }).where('seq', '=', 3).execute();
    const res = await server.call<AccessLogVerification>('GET', '/api/access-log/verify', { token: reviewer });
    expect(res.body).toMatchObject({ ok: false, brokenAt: 3 });
    await db.updateTable('access_log').set({ rows: target.rows }).where('seq', '=', 3).execute();
    expect((await server.call<AccessLogVerification>('GET', '/api/access-log/verify', { token: reviewer })).body.ok).toBe(true);
  });

  it('names a record moved out of the providing agency\'s list', async () => {
    const db = server.store.db;
    await db.updateTable('access_log').set({ provider_agency: '330000-SJ' }).where('seq', '=', 4).execute();
    expect((await server.call<AccessLogVerification>('GET', '/api/access-log/verify', { token: reviewer })).body).toMatchObject({ ok: false, brokenAt: 4 });
    await db.updateTable('access_log').set({ provider_agency: '330000-GA' }).where('seq', '=', 4).execute();
  });

  it('names the record after one deleted from the database', async () => {
    await server.store.db.deleteFrom('access_log').where('seq', '=', 5).execute();
    const res = await server.call<AccessLogVerification>('GET', '/api/access-log/verify', { token: reviewer });
    expect(res.body).toMatchObject({ ok: false, brokenAt: 6 });
  });
});

describe('the daily bound of a grant without copy (Art. 23)', () => {
  it('reads at most 1,000 rows a day (429 DAILY_LIMIT until midnight in Hangzhou); another grant, and data open to all, are not counted', async () => {
    const id = SEED_IDS.restrictedGA;
    const created = await request(id, { purpose: '按性别统计户籍人口', ...basis, fields: ['xb'] }, staff);
    expect((await decide(created.body.id, { decision: 'approve', reason: 'ok' })).status).toBe(200);
    const first = await rows(id, 'fields=xb&pageSize=1', staff);
    expect(first.status).toBe(200);
    const filter = `fields=xb&filter.xb=${q(String(first.body.rows[0]!.xb))}&pageSize=200`;
    let read = first.body.rows.length;
    let last = await rows(id, filter, staff);
    const calls = Math.ceil(1000 / Math.max(1, Math.min(200, last.body.total))) + 2;
    for (let i = 0; i < calls && last.status === 200; i++) {
      expect(last.body.grantId).toBe(first.body.grantId);
      read += last.body.rows.length;
      last = await rows(id, filter, staff);
    }
    expect(last.status).toBe(429);
    expect(last.body.error).toMatchObject({ code: 'DAILY_LIMIT', message: expect.stringContaining('1,000') });
    expect(read).toBeLessThanOrEqual(1000);
    expect(read).toBeGreaterThan(800);
    const now = Date.now();
    const hangzhou = new Date(now + 8 * 3_600_000);
    const midnight = Date.UTC(hangzhou.getUTCFullYear(), hangzhou.getUTCMonth(), hangzhou.getUTCDate() + 1) - 8 * 3_600_000;
    expect(Math.abs(Number(last.headers.get('retry-after')) - Math.ceil((midnight - now) / 1000))).toBeLessThanOrEqual(5);
    expect((await rows(id, 'fields=xm&pageSize=1', staff)).status).toBe(200);
    expect((await rows(SEED_IDS.openUnconditional, 'pageSize=200', staff)).status).toBe(200);
  });
});
