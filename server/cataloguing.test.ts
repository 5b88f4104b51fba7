import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessLogPage, CatalogItem, CatalogPage, CatalogueComment, CatalogueCommentList, CatalogueEntryDetail, CatalogueEntryPage, DataPage } from '../src/core/catalog-types';
import { startTestServer, type TestServer } from './testing';
import { TokenService } from './tokens';

const SECRET = 'cataloguing-test';

/** SPEC §8 over HTTP: entries, their rules, the review, CSV import, withdrawal, comments. */

type Problem = { error: { code: string; message: string; fields?: Array<{ path: string; message: string }> } };
type Answer = CatalogueEntryDetail & Problem;

let server: TestServer;
let steward: string;
let office: string;
let otherSteward: string;
let citizen: string;
let staff: string;

beforeAll(async () => {
  server = await startTestServer({ EGOV_SECRET: SECRET });
  // A steward of another agency, for the 403s (not a demo subject: its token is issued here).
  await server.store.db.insertInto('subjects').values({ id: 'steward-test-ga', name: '测试员', kind: 'steward', agency_code: '330000-GA', id_number: null, mobile: null }).execute();
  otherSteward = new TokenService(SECRET).issue('steward-test-ga', 3600).token;
  [steward, office, citizen, staff] = await Promise.all(['steward-001', 'office-001', 'citizen-001', 'staff-001'].map((id) => server.login(id)));
});
afterAll(() => server?.stop());

let counter = 0;
/** A complete, valid open entry with a unique name (so search finds exactly it). */
function openEntry(extra: Record<string, unknown> = {}) {
  counter++;
  return {
    name: `测试养老机构床位${counter}号目录 zq${Date.now().toString(36)}${counter}`,
    summary: '全省养老机构的名称、成立日期、床位数和评分。',
    sharing: 'unconditional',
    open: 'open',
    updateFrequency: 'monthly',
    formats: ['CSV', 'JSON'],
    domain: '社会保障',
    tags: ['养老'],
    fields: [
      { name: 'jgmc', label: '机构名称', type: 'string', sensitivity: 'none', description: '养老机构的名称' },
      { name: 'clrq', label: '成立日期', type: 'date', sensitivity: 'none', description: '' },
      { name: 'cws', label: '床位数', type: 'integer', sensitivity: 'none', description: '' },
      { name: 'pf', label: '评分', type: 'decimal', sensitivity: 'none', description: '' },
    ],
    ...extra,
  };
}

const PERSONAL_FIELDS = [
  { name: 'xm', label: '姓名', type: 'string', sensitivity: 'name', description: '' },
  { name: 'csrq', label: '出生日期', type: 'date', sensitivity: 'other-personal', description: '' },
  { name: 'sfzh', label: '公民身份号码', type: 'string', sensitivity: 'id-number', description: '' },
];

const create = (body: unknown, token = steward) => server.call<Answer>('POST', '/api/catalog/entries', { body, token });
const put = (id: string, body: unknown, token = steward) => server.call<Answer>('PUT', `/api/catalog/entries/${id}`, { body, token });
const get = (id: string, token = steward) => server.call<Answer>('GET', `/api/catalog/entries/${id}`, { token });
const submit = (id: string, token = steward) => server.call<Answer>('POST', `/api/catalog/entries/${id}/submission`, { body: {}, token });
const review = (id: string, body: unknown, token = office) => server.call<Answer>('POST', `/api/catalog/entries/${id}/review`, { body, token });
const withdraw = (id: string, body: unknown, token = steward) => server.call<Answer>('POST', `/api/catalog/entries/${id}/withdrawal`, { body, token });
const ALL_CHECKS = { legality: true, privacy: true, security: true };
const publish = (id: string) => review(id, { decision: 'publish', checks: ALL_CHECKS });
const search = (q: string, scope = 'open') => server.call<CatalogPage>('GET', `/api/catalog/items?scope=${scope}&q=${encodeURIComponent(q)}`, scope === 'sharing' ? { token: staff } : {});

async function importCsv(id: string, content: string | Uint8Array<ArrayBuffer>, token = steward, name = 'data.csv') {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? new TextEncoder().encode(content) : content], { type: 'text/csv' }), name);
  const response = await fetch(`${server.origin}/api/catalog/entries/${id}/data`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: (await response.json()) as { rows: number } & Problem };
}

const paths = (answer: { body: Problem }) => (answer.body.error?.fields ?? []).map((f) => f.path);

async function draft(extra: Record<string, unknown> = {}): Promise<CatalogueEntryDetail> {
  const created = await create(openEntry(extra));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

const CSV = 'jgmc,clrq,cws,pf\r\n杭州市西湖区颐养院,2015-03-01,120,4.5\r\n宁波市海曙区福寿园,2018-11-20,80,3.75\r\n';

describe('catalogue entries: the rules of SPEC §8', () => {
  it('a steward drafts an entry of their agency', async () => {
    const created = await create(openEntry());
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^330000-WJ-E\d{6}$/);
    expect(created.body).toMatchObject({ status: 'draft', version: 1, agency: { code: '330000-WJ' }, rowCount: 0, importedRows: null });
    expect(created.body.history).toEqual([expect.objectContaining({ action: 'created', actor: '吴九', actorRole: 'steward', version: 1 })]);
    expect(created.body.versions).toHaveLength(1);
    expect(created.body.versions[0]).toMatchObject({ version: 1, state: 'draft', name: created.body.name });
  });

  it('takes a resource code the steward chooses, once; refuses a malformed or taken one', async () => {
    const code = `330000-WJ-T${Date.now().toString(36).toUpperCase()}`;
    const chosen = await create(openEntry({ id: code }));
    expect(chosen.status).toBe(201);
    expect(chosen.body.id).toBe(code);
    expect((await create(openEntry({ id: code }))).status).toBe(409);
    expect((await create(openEntry({ id: '330000-WJ-000060' }))).body.error.code).toBe('ID_TAKEN');
    expect(paths(await create(openEntry({ id: 'a b@c' })))).toEqual(['id']);
  });

  it('refuses a resource code of another agency, naming id', async () => {
    const answer = await create(openEntry({ id: `330000-GA-T${Date.now().toString(36).toUpperCase()}` }));
    expect(answer.status).toBe(422);
    expect(paths(answer)).toEqual(['id']);
    expect(paths(await create(openEntry({ id: `330000-WJX-T${Date.now().toString(36).toUpperCase()}` })))).toEqual(['id']);
  });

  it('refuses a restricted entry without a sharing condition or legal basis (Art. 22)', async () => {
    const answer = await create(openEntry({ sharing: 'restricted', open: 'closed' }));
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(answer)).toEqual(expect.arrayContaining(['sharingCondition', 'legalBasis']));
    const none = await create(openEntry({ sharing: 'none', open: 'closed', sharingCondition: '涉及个人隐私' }));
    expect(paths(none)).toEqual(['legalBasis']);
    const ok = await create(openEntry({ sharing: 'none', open: 'closed', sharingCondition: '涉及个人隐私', legalBasis: '《中华人民共和国个人信息保护法》第十三条' }));
    expect(ok.status).toBe(201);
  });

  it('refuses opening an entry with an id-number field, naming the field', async () => {
    const body = openEntry({ fields: [openEntry().fields[0], ...PERSONAL_FIELDS] });
    const answer = await create(body);
    expect(answer.status).toBe(422);
    expect(paths(answer)).toEqual(expect.arrayContaining(['open', 'fields[1].sensitivity', 'fields[2].sensitivity', 'fields[3].sensitivity']));
    expect(answer.body.error.fields!.find((f) => f.path === 'fields[3].sensitivity')!.message).toContain('公民身份号码');
    // Closed, the same fields are fine; conditional is refused as open is.
    expect((await create({ ...body, open: 'closed' })).status).toBe(201);
    expect((await create({ ...body, open: 'conditional' })).status).toBe(422);
  });

  it('takes the sensitivity of a field from its label when none is given, and never lets an ID number pass as not personal', async () => {
    const base = openEntry().fields[0];
    const silent = await create(openEntry({ fields: [base, { name: 'sfzh', label: '公民身份号码', type: 'string', description: '' }] }));
    expect(silent.status).toBe(422);
    expect(paths(silent)).toEqual(['open', 'fields[1].sensitivity']);
    const denied = await create(openEntry({ open: 'closed', fields: [base, { name: 'sfzh', label: '身份证号', type: 'string', sensitivity: 'none', description: '' }] }));
    expect(paths(denied)).toEqual(['fields[1].sensitivity']);
    const inferred = await create(openEntry({ open: 'closed', fields: [base, { name: 'lxdh', label: '联系电话', type: 'string', description: '' }] }));
    expect(inferred.body.fields.map((f) => f.sensitivity)).toEqual(['none', 'phone']);
  });

  it('refuses duplicate field names and names that are not identifiers', async () => {
    const fields = openEntry().fields;
    const dup = await create(openEntry({ fields: [fields[0], { ...fields[1], name: 'JGMC' }] }));
    expect(dup.status).toBe(422);
    expect(paths(dup)).toEqual(['fields[1].name']);
    const bad = await create(openEntry({ fields: [{ ...fields[0], name: '机构 名称' }, { ...fields[1], name: '1abc' }] }));
    expect(paths(bad)).toEqual(['fields[0].name', 'fields[1].name']);
  });

  it('refuses values outside the code lists of §4 and over-long texts', async () => {
    const answer = await create(openEntry({ updateFrequency: 'sometimes', sharing: 'maybe', open: 'public' }));
    expect(answer.status).toBe(422);
    expect(paths(answer)).toEqual(expect.arrayContaining(['updateFrequency', 'sharing', 'open']));
    expect(paths(await create(openEntry({ name: '名'.repeat(201) })))).toEqual(['name']);
    expect(paths(await create(openEntry({ name: '  ' })))).toEqual(['name']);
    const many = Array.from({ length: 201 }, (_, i) => ({ name: `f${i}`, label: `字段${i}`, type: 'string', sensitivity: 'none', description: '' }));
    expect(paths(await create(openEntry({ fields: many })))).toEqual(['fields']);
    expect(paths(await create(openEntry({ fields: [{ name: 'a', label: '甲', type: 'blob', sensitivity: 'secret' }] })))).toEqual(['fields[0].type', 'fields[0].sensitivity']);
  });

  it('a refused edit changes nothing: the saved version stays as it was', async () => {
    const entry = await draft();
    const refused = await put(entry.id, { ...openEntry(), name: entry.name, sharing: 'restricted' });
    expect(refused.status).toBe(422);
    const after = await get(entry.id);
    expect(after.body).toMatchObject({ sharing: 'unconditional', updatedAt: entry.updatedAt, version: 1 });
    expect(after.body.history).toHaveLength(1);
  });

  it('answers 400 for a body that is not a JSON object, 401 without sign-in', async () => {
    expect((await server.call('POST', '/api/catalog/entries', { raw: '[1,2]', headers: { 'Content-Type': 'application/json' }, token: steward })).status).toBe(400);
    expect((await server.call('POST', '/api/catalog/entries', { body: openEntry() })).status).toBe(401);
  });
});

describe('who may do what', () => {
  it('only stewards create; a steward of another agency, a citizen or the data office may not edit', async () => {
    expect((await create(openEntry(), citizen)).status).toBe(403);
    expect((await create(openEntry(), office)).status).toBe(403);
    const entry = await draft();
    expect((await put(entry.id, openEntry(), otherSteward)).status).toBe(403);
    expect((await put(entry.id, openEntry(), citizen)).status).toBe(403);
    expect((await put(entry.id, openEntry(), office)).status).toBe(403);
    expect((await get(entry.id, otherSteward)).status).toBe(403);
    expect((await get(entry.id, citizen)).status).toBe(403);
    expect((await submit(entry.id, otherSteward)).status).toBe(403);
    expect((await withdraw(entry.id, { reason: '重复' }, otherSteward)).status).toBe(403);
    expect((await importCsv(entry.id, CSV, otherSteward)).status).toBe(403);
    expect((await get(entry.id, office)).status).toBe(200);
    expect((await get('330000-WJ-E999999')).status).toBe(404);
  });

  it('a review by a steward is refused (403)', async () => {
    const entry = await draft();
    expect((await submit(entry.id)).status).toBe(200);
    const answer = await review(entry.id, { decision: 'publish', checks: ALL_CHECKS }, steward);
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('NOT_DATA_OFFICE');
    expect((await get(entry.id)).body.status).toBe('submitted');
  });

  it('a data-office subject of another agency than the data office is no data office (403)', async () => {
    await server.store.db.insertInto('subjects').values({ id: 'office-test-ga', name: '测试办', kind: 'data-office', agency_code: '330000-GA', id_number: null, mobile: null }).execute();
    const elsewhere = new TokenService(SECRET).issue('office-test-ga', 3600).token;
    const entry = await draft();
    await submit(entry.id);
    const answer = await review(entry.id, { decision: 'publish', checks: ALL_CHECKS }, elsewhere);
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('NOT_DATA_OFFICE');
    expect((await get(entry.id, elsewhere)).status).toBe(403);
    expect((await get(entry.id)).body.status).toBe('submitted');
  });

  it('lists: a steward sees their agency, the data office every submitted entry, others nothing', async () => {
    const mine = await draft();
    const other = await create(openEntry(), otherSteward);
    expect(other.status).toBe(201);
    const list = await server.call<CatalogueEntryPage>('GET', '/api/catalog/entries?pageSize=100', { token: steward });
    expect(list.status).toBe(200);
    expect(list.body.items.every((e) => e.agency.code === '330000-WJ')).toBe(true);
    expect(list.body.items.some((e) => e.id === mine.id)).toBe(true);
    expect(list.body.items[0]).not.toHaveProperty('history');
    await submit(other.body.id, otherSteward);
    const queue = await server.call<CatalogueEntryPage>('GET', '/api/catalog/entries?status=submitted&pageSize=100', { token: office });
    expect(queue.body.items.some((e) => e.id === other.body.id)).toBe(true);
    expect(queue.body.items.every((e) => e.status === 'submitted')).toBe(true);
    const officeAll = await server.call<CatalogueEntryPage>('GET', '/api/catalog/entries?pageSize=100', { token: office });
    expect(officeAll.body.items.some((e) => e.id === mine.id)).toBe(false);
    expect((await server.call('GET', '/api/catalog/entries', { token: citizen })).status).toBe(403);
    expect((await server.call('GET', '/api/catalog/entries?status=lost', { token: steward })).status).toBe(400);
    const capped = await server.call<CatalogueEntryPage>('GET', '/api/catalog/entries?pageSize=5000', { token: steward });
    expect(capped.body.pageSize).toBe(100);
  });
});

describe('the lifecycle', () => {
  it('draft → submitted → returned (with reason) → corrected → submitted → published: found by search at once, its rows in /data', async () => {
    const entry = await draft();
    expect((await importCsv(entry.id, CSV)).body).toEqual({ rows: 2 });
    expect((await submit(entry.id)).body.status).toBe('submitted');
    // Submitted: not editable, not yet public.
    expect((await put(entry.id, openEntry())).status).toBe(409);
    expect((await server.call('GET', `/api/catalog/items/${entry.id}`)).status).toBe(404);
    const noReason = await review(entry.id, { decision: 'return', checks: { legality: true, privacy: false, security: false } });
    expect(noReason.status).toBe(422);
    expect(paths(noReason)).toEqual(['reason']);
    const returned = await review(entry.id, { decision: 'return', reason: '摘要请写明统计口径', checks: { legality: true, privacy: false, security: false } });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', reason: '摘要请写明统计口径', checks: { legality: true, privacy: false, security: false } });
    const fixed = await put(entry.id, { ...openEntry(), name: entry.name, summary: '全省养老机构（含民办）的名称、成立日期、床位数和评分，按月统计。' });
    expect(fixed.body.status).toBe('returned');
    expect(fixed.body.importedRows).toBe(2);
    expect((await submit(entry.id)).body.status).toBe('submitted');
    const unchecked = await review(entry.id, { decision: 'publish', checks: { legality: true, privacy: false, security: true } });
    expect(unchecked.status).toBe(422);
    expect(paths(unchecked)).toEqual(['checks.privacy']);
    const published = await publish(entry.id);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedVersion: 1, rowCount: 2, importedRows: null, checks: ALL_CHECKS });
    expect((await server.call<DataPage>('GET', `/api/catalog/entries/${entry.id}/rows`, { token: steward })).body.total).toBe(2);
    expect(published.body.history.map((h) => h.action)).toEqual(['created', 'data-imported', 'submitted', 'returned', 'updated', 'submitted', 'published']);
    expect(published.body.history.find((h) => h.action === 'returned')).toMatchObject({ actor: '郑十', actorRole: 'data-office', reason: '摘要请写明统计口径' });

    const found = await search(entry.name);
    expect(found.body.items.map((i) => i.id)).toContain(entry.id);
    const item = await server.call<CatalogItem>('GET', `/api/catalog/items/${entry.id}`);
    expect(item.status).toBe(200);
    expect(item.body).toMatchObject({ name: entry.name, sharing: 'unconditional', open: 'open', rowCount: 2, agency: { code: '330000-WJ' } });
    expect(item.body.licence?.url).toContain('creativecommons');
    expect(item.body.fields!.map((f) => [f.name, f.sensitivity])).toEqual([['jgmc', 'none'], ['clrq', 'none'], ['cws', 'none'], ['pf', 'none']]);
    const rows = await server.call<DataPage>('GET', `/api/data/${entry.id}/rows`);
    expect(rows.body.rows).toEqual([
      { jgmc: '杭州市西湖区颐养院', clrq: '2015-03-01', cws: 120, pf: 4.5 },
      { jgmc: '宁波市海曙区福寿园', clrq: '2018-11-20', cws: 80, pf: 3.75 },
    ]);
    const download = await fetch(`${server.origin}/api/data/${entry.id}/download?format=csv`);
    expect(download.status).toBe(200);
    expect(await download.text()).toContain('杭州市西湖区颐养院,2015-03-01,120,4.5');
  });

  it('the data office sees the rows of a submitted entry (Art. 26) masked, a field unmasked on asking, every read logged; its stewards see them in clear; nobody else does', async () => {
    const entry = await draft({ sharing: 'none', open: 'closed', sharingCondition: '个人信息', legalBasis: '《中华人民共和国个人信息保护法》', fields: PERSONAL_FIELDS });
    const rowsOf = (token: string, query = '') => server.call<DataPage & Problem>('GET', `/api/catalog/entries/${entry.id}/rows${query}`, { token });
    const officeLog = async () => (await server.call<AccessLogPage>('GET', '/api/access-log?pageSize=5', { token: office })).body;
    // Not under review yet: the office has nothing to look at.
    const early = await rowsOf(office);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('NOT_UNDER_REVIEW');
    await importCsv(entry.id, 'xm,csrq,sfzh\n张三,1990-01-01,330106199001011234\n李四,1991-02-02,330106199102021235\n');
    await submit(entry.id);
    const before = (await officeLog()).total;
    const masked = await rowsOf(office, '?pageSize=1&page=2');
    expect(masked.status).toBe(200);
    expect(masked.body).toMatchObject({ fields: ['xm', 'csrq', 'sfzh'], total: 2, page: 2, pageSize: 1, desensitized: true, rows: [{ xm: '李*', csrq: '***', sfzh: '3301**********1235' }] });
    const unmasked = await rowsOf(office, '?unmask=xm,sfzh');
    expect(unmasked.body).toMatchObject({ desensitized: true, rows: [{ xm: '张三', csrq: '***', sfzh: '330106199001011234' }, { xm: '李四', csrq: '***', sfzh: '330106199102021235' }] });
    expect((await rowsOf(office, '?unmask=xm,nosuch')).status).toBe(400);
    // Every read by the office is in the access log: the reviewer, Art. 26, the fields shown unmasked.
    const log = await officeLog();
    expect(log.total).toBe(before + 2);
    const route = 'GET /catalog/entries/{id}/rows';
    expect(log.items[0]).toMatchObject({ subjectId: 'office-001', agency: '330000-SJ', itemId: entry.id, purpose: 'Art. 26 review', route, fields: ['xm', 'sfzh'], rows: 2 });
    expect(log.items[1]).toMatchObject({ subjectId: 'office-001', itemId: entry.id, purpose: 'Art. 26 review', route, fields: [], rows: 1 });
    // The agency's own stewards see their data in clear, unlogged.
    const own = await rowsOf(steward);
    expect(own.body).toMatchObject({ total: 2, desensitized: false, rows: [{ xm: '张三', csrq: '1990-01-01', sfzh: '330106199001011234' }, { xm: '李四' }] });
    expect((await officeLog()).total).toBe(before + 2);
    expect((await rowsOf(otherSteward)).status).toBe(403);
    expect((await rowsOf(staff)).status).toBe(403);
    expect((await server.call('GET', `/api/catalog/entries/${entry.id}/rows`)).status).toBe(401);
    // Not in /data until published.
    expect((await server.call('GET', `/api/data/${entry.id}/rows`, { token: staff })).status).toBe(404);
    // Once decided, the review is over.
    await publish(entry.id);
    expect((await rowsOf(office)).body.error.code).toBe('NOT_UNDER_REVIEW');
    expect((await rowsOf(steward)).body.total).toBe(2);
  });

  it('a plain grant answers masked rows once its entry is reclassified non-shared, and a field newly personal is masked (Art. 22)', async () => {
    await server.store.db.insertInto('subjects').values({ id: 'reviewer-test-wj', name: '审核员', kind: 'reviewer', agency_code: '330000-WJ', id_number: null, mobile: null }).execute();
    const wjReviewer = new TokenService(SECRET).issue('reviewer-test-wj', 3600).token;
    const note = { name: 'bz', label: '备注', type: 'string', sensitivity: 'none', description: '' };
    const restricted = { sharing: 'restricted', open: 'closed', sharingCondition: '仅限卫生健康业务协同', legalBasis: '《浙江省公共数据和电子政务管理办法》第二十二条', fields: [note, ...PERSONAL_FIELDS] };
    const entry = await draft(restricted);
    expect((await importCsv(entry.id, 'bz,xm,csrq,sfzh\n已核验,张三,1990-01-01,330106199001011234\n')).body.rows).toBe(1);
    await submit(entry.id);
    expect((await publish(entry.id)).status).toBe(200);
    const asked = await server.call<{ id: string }>('POST', `/api/catalog/items/${entry.id}/access-requests`, { token: staff, body: { purpose: '核验出生信息', legalBasis: '履职需要' } });
    expect(asked.status).toBe(201);
    expect((await server.call('POST', `/api/access-requests/${asked.body.id}/decision`, { token: wjReviewer, body: { decision: 'approve', reason: '同意' } })).status).toBe(200);
    const call = (query: string) => server.call<DataPage & Problem>('GET', `/api/data/${entry.id}/rows?${query}`, { token: staff });
    expect((await call('filter.sfzh=330106199001011234')).body).toMatchObject({ desensitized: false, rows: [{ bz: '已核验', xm: '张三', csrq: '1990-01-01', sfzh: '330106199001011234' }] });

    // Reclassified: non-shared now, and the note holds personal data.
    const reclassified = { ...openEntry(), ...restricted, name: entry.name, sharing: 'none', sharingCondition: '含个人信息，仅可脱敏后提供', fields: [{ ...note, sensitivity: 'other-personal' }, ...PERSONAL_FIELDS] };
    expect((await put(entry.id, reclassified)).status).toBe(200);
    await submit(entry.id);
    expect((await publish(entry.id)).status).toBe(200);
    const after = await call('pageSize=1');
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ desensitized: true, rows: [{ bz: '***', xm: '张*', csrq: '***', sfzh: '3301**********1234' }] });
    const grants = await server.call<Array<{ itemId: string; desensitized: boolean }>>('GET', '/api/grants', { token: staff });
    expect(grants.body.find((g) => g.itemId === entry.id)?.desensitized).toBe(true);
    // A masked field can no longer be matched.
    expect((await call('filter.sfzh=330106199001011234')).body.error.code).toBe('FIELD_NOT_GRANTED');
  });

  it('a closed restricted entry is published in the sharing scope only', async () => {
    const entry = await draft({ sharing: 'restricted', open: 'closed', sharingCondition: '仅限民政业务协同', legalBasis: '《浙江省公共数据和电子政务管理办法》第二十二条', fields: [openEntry().fields[0], ...PERSONAL_FIELDS] });
    await submit(entry.id);
    expect((await publish(entry.id)).status).toBe(200);
    expect((await search(entry.name)).body.items.map((i) => i.id)).not.toContain(entry.id);
    expect((await search(entry.name, 'sharing')).body.items.map((i) => i.id)).toContain(entry.id);
    const item = await server.call<CatalogItem>('GET', `/api/catalog/items/${entry.id}?scope=sharing`, { token: staff });
    expect(item.body.fields!.map((f) => f.sensitivity)).toEqual(['none', 'name', 'other-personal', 'id-number']);
  });

  it('editing a published entry starts a new version; the published one stays visible until the new one is published', async () => {
    const entry = await draft();
    await importCsv(entry.id, CSV);
    await submit(entry.id);
    await publish(entry.id);
    const renamed = `${entry.name}（修订）`;
    const edited = await put(entry.id, { ...openEntry(), name: renamed });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'draft', version: 2, publishedVersion: 1, name: renamed });
    expect(edited.body.versions.map((v) => [v.version, v.state, v.name])).toEqual([[1, 'published', entry.name], [2, 'draft', renamed]]);
    // Still the published version in the catalog, with its rows.
    const visible = await server.call<CatalogItem>('GET', `/api/catalog/items/${entry.id}`);
    expect(visible.body).toMatchObject({ name: entry.name, rowCount: 2 });
    await submit(entry.id);
    expect((await server.call<CatalogItem>('GET', `/api/catalog/items/${entry.id}`)).body.name).toBe(entry.name);
    const published = await publish(entry.id);
    expect(published.body).toMatchObject({ status: 'published', version: 2, publishedVersion: 2, rowCount: 2 });
    expect(published.body.versions.map((v) => v.state)).toEqual(['superseded', 'published']);
    expect((await server.call<CatalogItem>('GET', `/api/catalog/items/${entry.id}`)).body.name).toBe(renamed);
    expect((await search(renamed)).body.items.map((i) => i.id)).toContain(entry.id);
    // The same resource code: one entry in the catalog, not two.
    expect((await search(entry.name)).body.items.filter((i) => i.id === entry.id)).toHaveLength(1);
  });

  it('a new version with other fields must bring its data again', async () => {
    const entry = await draft();
    await importCsv(entry.id, CSV);
    await submit(entry.id);
    await publish(entry.id);
    const fields = [...openEntry().fields, { name: 'dz', label: '所在区县', type: 'string', sensitivity: 'none', description: '' }];
    await put(entry.id, { ...openEntry(), name: entry.name, fields });
    const refused = await submit(entry.id);
    expect(refused.status).toBe(422);
    expect(paths(refused)).toEqual(['data']);
    expect((await importCsv(entry.id, 'jgmc,clrq,cws,pf,dz\r\n颐养院,2015-03-01,120,4.5,西湖区\r\n')).body.rows).toBe(1);
    await submit(entry.id);
    await publish(entry.id);
    expect((await server.call<DataPage>('GET', `/api/data/${entry.id}/rows`)).body.rows).toEqual([{ jgmc: '颐养院', clrq: '2015-03-01', cws: 120, pf: 4.5, dz: '西湖区' }]);
  });

  it('withdrawal needs a reason and takes the entry out of search, facets and /data', async () => {
    const entry = await draft();
    await importCsv(entry.id, CSV);
    await submit(entry.id);
    await publish(entry.id);
    const facetsBefore = (await search('')).body.facets.agency.find((a) => a.value === '330000-WJ')!.count;
    expect(paths(await withdraw(entry.id, {}))).toEqual(['reason']);
    const withdrawn = await withdraw(entry.id, { reason: '数据已并入全省养老服务目录' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', reason: '数据已并入全省养老服务目录' });
    expect(withdrawn.body.publishedVersion).toBeUndefined();
    expect((await search(entry.name)).body.items.map((i) => i.id)).not.toContain(entry.id);
    expect((await search('')).body.facets.agency.find((a) => a.value === '330000-WJ')?.count ?? 0).toBe(facetsBefore - 1);
    expect((await server.call('GET', `/api/catalog/items/${entry.id}`)).status).toBe(404);
    expect((await server.call('GET', `/api/data/${entry.id}/rows`)).status).toBe(404);
    expect((await withdraw(entry.id, { reason: '再次' })).status).toBe(409);
  });

  it('two submissions at once: one wins, the other is told (409)', async () => {
    const entry = await draft();
    const answers = await Promise.all([submit(entry.id), submit(entry.id), submit(entry.id)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    expect((await get(entry.id)).body.history.filter((h) => h.action === 'submitted')).toHaveLength(1);
  });

  it('two reviews at once publish once', async () => {
    const entry = await draft();
    await submit(entry.id);
    const answers = await Promise.all([publish(entry.id), publish(entry.id)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
  });

  it('submission needs a summary, a domain and fields', async () => {
    const entry = await draft({ summary: '', domain: '', fields: [] });
    const refused = await submit(entry.id);
    expect(refused.status).toBe(422);
    expect(paths(refused)).toEqual(expect.arrayContaining(['summary', 'fields', 'domain']));
  });
});

describe('CSV import', () => {
  it('takes UTF-8 with a BOM or without, header in any order; cells starting = + - @ stay text and downloads stay formula-safe', async () => {
    const entry = await draft();
    expect((await importCsv(entry.id, '\ufeff' + CSV)).body.rows).toBe(2);
    const formula = 'pf,cws,clrq,jgmc\n4,10,2020-01-01,"=HYPERLINK(""http://x.example/"",""点我"")"\n-1.5,-3,2020-01-02,@SUM(A1)\n+1,+2,2020-01-03,"-2+3"\n';
    const imported = await importCsv(entry.id, formula);
    expect(imported.body.rows).toBe(3);
    await submit(entry.id);
    await publish(entry.id);
    const rows = (await server.call<DataPage>('GET', `/api/data/${entry.id}/rows`)).body.rows;
    expect(rows.map((r) => r.jgmc)).toEqual(['=HYPERLINK("http://x.example/","点我")', '@SUM(A1)', '-2+3']);
    expect(rows.map((r) => r.pf)).toEqual([4, -1.5, 1]);
    const csv = await (await fetch(`${server.origin}/api/data/${entry.id}/download?format=csv`)).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://x.example/"",""点我"")"`);
    expect(csv).toContain("'@SUM(A1)");
    expect(csv).not.toMatch(/(^|\n|,)[=@]/);
  });

  it('names the missing and extra columns of a wrong header', async () => {
    const entry = await draft();
    const answer = await importCsv(entry.id, 'jgmc,clrq,cwsl,pf,bz\r\n颐养院,2015-03-01,120,4.5,无\r\n');
    expect(answer.status).toBe(422);
    expect(paths(answer)).toEqual(['header']);
    expect(answer.body.error.fields![0]!.message).toContain('missing cws');
    expect(answer.body.error.fields![0]!.message).toContain('cwsl, bz');
  });

  it('reports a bad date on line 17 by line and label, and keeps nothing (all or nothing)', async () => {
    const entry = await draft({ sharing: 'none', open: 'closed', sharingCondition: '个人信息', legalBasis: '《中华人民共和国个人信息保护法》', fields: PERSONAL_FIELDS });
    const good = (i: number) => `张${i},1990-01-${String((i % 28) + 1).padStart(2, '0')},33010619900101${String(1000 + i)}`;
    expect((await importCsv(entry.id, 'xm,csrq,sfzh\n' + Array.from({ length: 5 }, (_, i) => good(i)).join('\n'))).body.rows).toBe(5);
    const lines = Array.from({ length: 30 }, (_, i) => (i === 15 ? '李四,1990-02-30,330106199001011234' : good(i)));
    const answer = await importCsv(entry.id, 'xm,csrq,sfzh\n' + lines.join('\n') + '\n');
    expect(answer.status).toBe(422);
    expect(answer.body.error.fields).toEqual([{ path: 'line 17 / 出生日期', message: expect.stringContaining('1990-02-30') }]);
    // The earlier import stands.
    expect((await get(entry.id)).body.importedRows).toBe(5);
  });

  it('reports at most 100 problems, a wrong number of cells, numbers that are not', async () => {
    const entry = await draft();
    const lines = Array.from({ length: 300 }, () => '院,2015-03-01,很多,4.5');
    const answer = await importCsv(entry.id, 'jgmc,clrq,cws,pf\n' + lines.join('\n') + '\n院,2015\n');
    expect(answer.status).toBe(422);
    expect(answer.body.error.fields).toHaveLength(100);
    expect(answer.body.error.fields![0]).toEqual({ path: 'line 2 / 床位数', message: expect.stringContaining('很多') });
    const short = await importCsv(entry.id, 'jgmc,clrq,cws,pf\n院,2015-03-01\n院,2015-03-01,1,1.5.5\n');
    expect(answer.body.error.message).toContain('100');
    expect(short.body.error.fields).toEqual([
      { path: 'line 2', message: expect.stringContaining('4') },
      { path: 'line 3 / 评分', message: expect.any(String) },
    ]);
  });

  it('quoted cells hold commas, quotes and line breaks; lines are counted as written', async () => {
    const entry = await draft();
    const answer = await importCsv(entry.id, 'jgmc,clrq,cws,pf\r\n"西湖区, ""颐养""\r\n院",2015-03-01,1,1\r\n院,2015-13-01,1,1\r\n');
    expect(paths(answer)).toEqual(['line 4 / 成立日期']);
    expect((await importCsv(entry.id, 'jgmc,clrq,cws,pf\r\n"西湖区, ""颐养""\r\n院",2015-03-01,1,1\r\n,,,\r\n')).body.rows).toBe(2);
  });

  it('refuses GBK bytes with a clear "not UTF-8" error', async () => {
    const entry = await draft();
    const gbk = new Uint8Array([...new TextEncoder().encode('jgmc,clrq,cws,pf\r\n'), 0xd1, 0xc3, 0xd1, 0xf8, 0xd4, 0xba, ...new TextEncoder().encode(',2015-03-01,1,1\r\n')]);
    const answer = await importCsv(entry.id, gbk);
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toContain('not UTF-8');
    expect(paths(answer)).toEqual(['file']);
  });

  it('refuses 50 MB with 413 before reading it, and an empty file or a body with no file with a clear error', async () => {
    const entry = await draft();
    const big = await importCsv(entry.id, new Uint8Array(50_000_000));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(paths(await importCsv(entry.id, ''))).toEqual(['file']);
    const noFile = new FormData();
    noFile.append('note', 'no file');
    const response = await fetch(`${server.origin}/api/catalog/entries/${entry.id}/data`, { method: 'POST', headers: { Authorization: `Bearer ${steward}` }, body: noFile });
    expect(response.status).toBe(400);
    const json = await fetch(`${server.origin}/api/catalog/entries/${entry.id}/data`, { method: 'POST', headers: { Authorization: `Bearer ${steward}`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
  });

  it('checks date-times and codes, and takes an empty cell as no value', async () => {
    const entry = await draft({ fields: [
      { name: 'dm', label: '机构代码', type: 'code', sensitivity: 'none', description: '' },
      { name: 'sj', label: '更新时间', type: 'datetime', sensitivity: 'none', description: '' },
      { name: 'sl', label: '数量', type: 'integer', sensitivity: 'none', description: '' },
    ] });
    const bad = await importCsv(entry.id, 'dm,sj,sl\nA-01,2026-10-01T08:30:00+08:00,1\nA 01,2026-10-01T25:00,1.5\n');
    expect(bad.body.error.fields).toEqual([
      { path: 'line 3 / 机构代码', message: expect.any(String) },
      { path: 'line 3 / 更新时间', message: expect.stringContaining('ISO 8601') },
      { path: 'line 3 / 数量', message: expect.any(String) },
    ]);
    expect((await importCsv(entry.id, 'dm,sj,sl\nA-01,2026-10-01 08:30,\n,,7\n')).body.rows).toBe(2);
    await submit(entry.id);
    await publish(entry.id);
    expect((await server.call<DataPage>('GET', `/api/data/${entry.id}/rows`)).body.rows).toEqual([{ dm: 'A-01', sj: '2026-10-01 08:30', sl: null }, { dm: null, sj: null, sl: 7 }]);
  });

  it('stops a body without Content-Length at 50 MB while it streams (413), and the entry is unchanged', async () => {
    const entry = await draft();
    await importCsv(entry.id, CSV);
    const boundary = 'egovboundary7MA4YWxkTrZu0gW';
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\njgmc,clrq,cws,pf\r\n`);
    const line = new TextEncoder().encode('院,2015-03-01,1,1\r\n'.repeat(50_000));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(head);
        if (sent > 60_000_000) return controller.close();
        sent += line.byteLength;
        controller.enqueue(line);
      },
    });
    const response = await fetch(`${server.origin}/api/catalog/entries/${entry.id}/data`, {
      method: 'POST', headers: { Authorization: `Bearer ${steward}`, 'Content-Type': `multipart/form-data; boundary=${boundary}` }, body, duplex: 'half',
    } as RequestInit).catch((error: unknown) => error as Error);
    if (response instanceof Response) {
      expect(response.status).toBe(413);
      expect(((await response.json()) as Problem).error.code).toBe('PAYLOAD_TOO_LARGE');
    }
    // Either way (an answer, or the connection closed on a client still sending), nothing changed.
    expect((await get(entry.id)).body.importedRows).toBe(2);
  });

  it('is refused while the entry is under review (409)', async () => {
    const entry = await draft();
    await submit(entry.id);
    expect((await importCsv(entry.id, CSV)).status).toBe(409);
  });

  it('a changed field list drops rows imported for the old one', async () => {
    const entry = await draft();
    await importCsv(entry.id, CSV);
    const changed = await put(entry.id, { ...openEntry(), fields: openEntry().fields.slice(0, 2) });
    expect(changed.body.importedRows).toBeNull();
  });
});

describe('public comments', () => {
  let itemId: string;
  beforeAll(async () => {
    const entry = await draft();
    await submit(entry.id);
    await publish(entry.id);
    itemId = entry.id;
  });
  const comments = (id = itemId) => server.call<CatalogueCommentList & Problem>('GET', `/api/catalog/items/${id}/comments`);
  const comment = (body: unknown, token?: string, id = itemId) => server.call<CatalogueComment & Problem>('POST', `/api/catalog/items/${id}/comments`, { body, ...(token ? { token } : {}) });

  it('anyone reads; a signed-in person writes; the steward of the providing agency answers, marked as the agency', async () => {
    expect((await comment({ text: '建议增加护理等级' })).status).toBe(401);
    const asked = await comment({ text: '  建议增加护理等级字段  ' }, citizen);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ itemId, text: '建议增加护理等级字段', author: '张*' });
    expect(asked.body.agency).toBeUndefined();
    expect(JSON.stringify(asked.body)).not.toContain('citizen-001');
    expect((await comment({ text: '我也想知道', replyTo: asked.body.id }, citizen)).status).toBe(403);
    expect((await comment({ text: '我们来回答', replyTo: asked.body.id }, otherSteward)).status).toBe(403);
    const answered = await comment({ text: '下一版本将增加护理等级。', replyTo: asked.body.id }, steward);
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ replyTo: asked.body.id, author: '吴*', agency: { code: '330000-WJ', name: expect.any(String) } });
    const later = await comment({ text: '第二条意见' }, staff);
    const list = await comments();
    expect(list.status).toBe(200);
    expect(list.body.items.map((c) => c.id)).toEqual([asked.body.id, answered.body.id, later.body.id]);
    expect(JSON.stringify(list.body)).not.toMatch(/citizen-001|staff-001|3301\d{14}/);
    expect(paths(await comment({ text: '回复', replyTo: 'nope' }, steward))).toEqual(['replyTo']);
  });

  it('shows an author\'s surname only (张*), unless they chose to show their full name', async () => {
    const li = await server.login('citizen-002');
    const masked = await comment({ text: '不署全名' }, li);
    expect(masked.body.author).toBe('李*');
    const named = await comment({ text: '署全名', showName: true }, li);
    expect(named.status).toBe(201);
    expect(named.body.author).toBe('李四');
    expect(paths(await comment({ text: '是否署名', showName: 'yes' }, li))).toEqual(['showName']);
    const listed = (await comments()).body.items;
    expect(listed.find((c) => c.id === masked.body.id)!.author).toBe('李*');
    expect(listed.find((c) => c.id === named.body.id)!.author).toBe('李四');
    expect(JSON.stringify(listed.filter((c) => c.id !== named.body.id))).not.toMatch(/张三|李四|吴九/);
    // Kept as written: the mask is put on the way out.
    const stored = await server.store.db.selectFrom('catalogue_comments').select(['author_name', 'show_name']).where('id', '=', masked.body.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ author_name: '李四', show_name: 0 });
  });

  it('a comment of 20,000 characters is refused clearly; markup is kept as text', async () => {
    const long = await comment({ text: '长'.repeat(20_000) }, citizen);
    expect(long.status).toBe(422);
    expect(long.body.error.fields).toEqual([{ path: 'text', message: expect.stringContaining('2000') }]);
    expect(paths(await comment({ text: '   ' }, citizen))).toEqual(['text']);
    expect(paths(await comment({ text: 42 }, citizen))).toEqual(['text']);
    const markup = '<img src=x onerror="alert(1)"><b>粗体</b>';
    const kept = await comment({ text: markup }, citizen);
    expect(kept.body.text).toBe(markup);
    expect((await comments()).body.items.find((c) => c.id === kept.body.id)!.text).toBe(markup);
  });

  it('limits how fast one person comments (429), per person', async () => {
    const org = await server.login('org-001');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await comment({ text: `第${i + 1}条` }, org)).status);
    expect(statuses.slice(0, 10).every((st) => st === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect((await comment({ text: '另一个人' }, staff)).status).toBe(201);
  });

  it('closed entries and unknown ones have no comments (404)', async () => {
    const closed = await draft({ open: 'closed' });
    await submit(closed.id);
    await publish(closed.id);
    expect((await comments(closed.id)).status).toBe(404);
    expect((await comment({ text: '意见' }, citizen, closed.id)).status).toBe(404);
    expect((await comments('no-such-entry')).status).toBe(404);
  });

  it('comments on seeded open entries too', async () => {
    const open = (await search('')).body.items.find((i) => i.open === 'open')!;
    expect((await comment({ text: '数据很有用' }, citizen, open.id)).status).toBe(201);
  });
});

describe('seeded entries', () => {
  it('the steward finds a draft, a submitted and a returned entry, and the agency\'s catalog entries as published ones; the office finds the submitted one', async () => {
    const list = await server.call<CatalogueEntryPage>('GET', '/api/catalog/entries?status=draft&status=submitted&status=returned&pageSize=100', { token: steward });
    const byId = new Map(list.body.items.map((e) => [e.id, e]));
    expect(byId.get('330000-WJ-E000001')?.status).toBe('draft');
    expect(byId.get('330000-WJ-E000002')?.status).toBe('submitted');
    expect(byId.get('330000-WJ-E000003')).toMatchObject({ status: 'returned', reason: expect.any(String) });
    const published = await server.call<CatalogueEntryPage>('GET', '/api/catalog/entries?status=published&pageSize=100', { token: steward });
    const sharing = await server.call<CatalogPage>('GET', '/api/catalog/items?scope=sharing&agency=330000-WJ&pageSize=100', { token: staff });
    expect(published.body.total).toBeGreaterThanOrEqual(sharing.body.total);
    const seededItem = sharing.body.items[0]!;
    const entry = await get(seededItem.id);
    expect(entry.body).toMatchObject({ status: 'published', publishedVersion: 1, name: seededItem.name, rowCount: seededItem.rowCount });
    expect(entry.body.fields.every((f) => typeof f.sensitivity === 'string')).toBe(true);
    const queue = await server.call<CatalogueEntryPage>('GET', '/api/catalog/entries?status=submitted&pageSize=100', { token: office });
    expect(queue.body.items.map((e) => e.id)).toContain('330000-WJ-E000002');
  });

  it('a seeded open entry of the agency has comments, one answered by the agency', async () => {
    const open = (await server.call<CatalogPage>('GET', '/api/catalog/items?agency=330000-WJ&open=open&pageSize=100')).body.items;
    const lists = await Promise.all(open.map((i) => server.call<CatalogueCommentList>('GET', `/api/catalog/items/${i.id}/comments`)));
    const withAnswer = lists.find((l) => l.body.items.some((c) => c.agency));
    expect(withAnswer).toBeDefined();
    const [question, answer] = withAnswer!.body.items;
    // Seeded before authors chose: the surname only.
    expect(answer).toMatchObject({ replyTo: question!.id, author: '吴*', agency: { code: '330000-WJ' } });
    expect(question!.author).toMatch(/^.\*$/);
  });
});
