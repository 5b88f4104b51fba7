import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { AccessRequest, CatalogItem, CatalogPage, CatalogQuery } from '../src/core/catalog-types';
import { searchInMemory } from '../src/core/memory-search';
import { insertItems } from './catalog/store';
import { catalogSeed, SEED_IDS } from './seed/data/catalog';
import { AGENCIES } from './seed/data/agencies';
import { startTestServer, type TestServer } from './testing';

/** Error bodies: `{ error: { code, message, fields? } }`. */
type Problem = { error: { code: string; message: string; fields: Array<{ path: string; message: string }> } };

let server: TestServer;
let staff: string;
let reviewer: string;
let citizen: string;
const SEED = catalogSeed();
const OPEN_SEED = SEED.filter((i) => i.open !== 'closed');

beforeAll(async () => {
  server = await startTestServer();
  [staff, reviewer, citizen] = await Promise.all([server.login('staff-001'), server.login('reviewer-001'), server.login('citizen-001')]);
});
afterAll(() => server.stop());

const search = (params: string, token?: string) => server.call<CatalogPage & Problem>('GET', '/api/catalog/items' + (params ? '?' + params : ''), token ? { token } : {});
const qs = (q: string) => 'q=' + encodeURIComponent(q);
const query = (partial: Partial<CatalogQuery>): CatalogQuery => ({ scope: 'open', q: '', agency: [], sharing: [], open: [], frequency: [], page: 1, pageSize: 20, sort: 'relevance', ...partial });
/** What the seed says a search should find: the same contract, evaluated in memory over the seed data. */
const expected = (partial: Partial<CatalogQuery>, items: CatalogItem[] = OPEN_SEED) => searchInMemory(items, query(partial));

describe('GET /catalog/items — scopes', () => {
  it('lists only entries whose open attribute is not closed, to anyone, without fields', async () => {
    const res = await search('pageSize=100');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(OPEN_SEED.length);
    expect(res.body.items).toHaveLength(100);
    expect(res.body.items.every((i) => i.open !== 'closed' && i.fields === undefined)).toBe(true);
    expect(res.body.facets.open.map((f) => f.value)).toEqual(['open', 'conditional']);
  });

  it('shows agency staff every entry in the sharing scope: 240 entries, 18 agencies, every class and frequency', async () => {
    const res = await search('scope=sharing', staff);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(240);
    expect(res.body.facets.agency).toHaveLength(AGENCIES.length);
    for (const facet of ['sharing', 'open', 'frequency'] as const) {
      expect(res.body.facets[facet].every((v) => v.count > 0), facet).toBe(true);
    }
    expect(res.body.facets.open.map((f) => f.value)).toEqual(['open', 'conditional', 'closed']);
    expect((await search('scope=sharing', reviewer)).status).toBe(200);
  });

  it('refuses the sharing scope without a token (401) and to citizens (403)', async () => {
    const anonymous = await search('scope=sharing');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const res = await search('scope=sharing', citizen);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('answers an unknown scope or sort with 400 naming the parameter', async () => {
    const scope = await search('scope=everything');
    expect(scope.status).toBe(400);
    expect(scope.body.error.fields[0].path).toBe('scope');
    const sort = await search('sort=random');
    expect(sort.status).toBe(400);
    expect(sort.body.error.fields[0].path).toBe('sort');
  });
});

describe('GET /catalog/items — full-text search for Chinese', () => {
  const queries = ['户籍', '税', '公安', '国民经济', '空气质量', '统一社会信用代码', '浙江省公安厅', '杭州 信息', 'gdp', 'PM2.5', '养老 名录', '人', '每日更新'];
  for (const q of queries) {
    it(`finds exactly the entries containing "${q}" (${Array.from(q).length} characters)`, async () => {
      const res = await search(`${qs(q)}&pageSize=100`);
      expect(res.status).toBe(200);
      const want = expected({ q, pageSize: 100 });
      expect(res.body.total).toBe(want.total);
      expect(want.total, 'the seed has matches').toBeGreaterThan(0);
      if (want.total <= 100) expect(new Set(res.body.items.map((i) => i.id))).toEqual(new Set(want.items.map((i) => i.id)));
    });
  }

  it('matches each listed entry on name, summary, agency, tags or field labels, and the sharing scope too', async () => {
    for (const q of ['户籍', '居民户籍登记', '公民身份号码']) {
      const res = await search(`scope=sharing&${qs(q)}&pageSize=100`, staff);
      expect(res.body.total, q).toBe(expected({ q, scope: 'sharing' }, SEED).total);
      expect(res.body.total, q).toBeGreaterThan(0);
    }
  });

  it('ranks an entry whose name holds the query first', async () => {
    const res = await search(qs('国民经济主要指标'));
    expect(res.body.items[0]!.name).toContain('国民经济主要指标');
    const short = await search(qs('税务'));
    expect(short.body.items[0]!.name).toContain('税务');
  });

  it('treats FTS and SQL syntax as plain text, never a 500', async () => {
    for (const q of ['"', '""', '*', '户籍*', 'NEAR(', 'NEAR(户籍 人口)', "'; DROP TABLE catalog_items; --", '%', '_', '%_%', 'a OR b', 'name:户籍', '-户籍', '(', '\\', '户籍 AND', '^']) {
      const res = await search(`scope=sharing&${qs(q)}&pageSize=100`, staff);
      expect(res.status, q).toBe(200);
      expect(res.body.total, q).toBe(expected({ q: q.split('\u0000').join(' ').trim(), scope: 'sharing' }, SEED).total);
    }
    // U+0000 is refused at the edge on both engines alike (400), never searched for.
    expect((await search(`scope=sharing&${qs('户籍\u0000')}`, staff)).status).toBe(400);
    // `%` occurs in field labels such as 同比增长(%); `_` occurs nowhere.
    expect((await search(qs('%'))).body.total).toBeGreaterThan(0);
    expect((await search(qs('_'))).body.total).toBe(0);
    expect((await search('')).body.total).toBe(OPEN_SEED.length);
  });

  it('treats an empty or blank query as no query', async () => {
    expect((await search('q=')).body.total).toBe(OPEN_SEED.length);
    expect((await search(qs('   '))).body.total).toBe(OPEN_SEED.length);
  });

  it('cuts a query of 500 characters to its first 200 and answers normally', async () => {
    const long = '国民经济' + 'x'.repeat(496);
    const res = await search(qs(long));
    expect(res.status).toBe(200);
    const cut = await search(qs(long.slice(0, 200)));
    expect(res.body.total).toBe(cut.body.total);
    const words = await search(qs(('国民经济 ' + '指标 ').repeat(60)));
    expect(words.status).toBe(200);
    expect(words.body.total).toBe((await search(qs('国民经济 指标'))).body.total);
  });

  it('finds HTML and script in entry names as text and returns them verbatim as JSON', async () => {
    const base = SEED.find((i) => i.id === SEED_IDS.openUnconditional)!;
    const name = '<script>alert("x")</script><img src=x onerror=alert(1)>测试条目';
    await server.store.db.transaction().execute((trx) => insertItems(trx, server.store.engine, [{ ...base, id: '330000-TJ-HTML01', name }]));
    const res = await search(qs('<script>'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.items.map((i) => i.name)).toContain(name);
    await server.store.db.updateTable('catalog_items').set({ deleted_at: '2026-11-01T00:00:00Z' }).where('id', '=', '330000-TJ-HTML01').execute();
    expect((await search(qs('<script>'))).body.total).toBe(0);
  });
});

describe('GET /catalog/items — filters and facets', () => {
  it('ORs repeated values within a facet and ANDs across facets', async () => {
    const res = await search('scope=sharing&sharing=restricted&sharing=none&pageSize=100', staff);
    expect(res.body.total).toBe(SEED.filter((i) => i.sharing !== 'unconditional').length);
    expect(res.body.items.every((i) => i.sharing === 'restricted' || i.sharing === 'none')).toBe(true);
    const both = await search('scope=sharing&sharing=restricted&sharing=none&agency=330000-GA&pageSize=100', staff);
    expect(both.body.total).toBe(SEED.filter((i) => i.sharing !== 'unconditional' && i.agency.code === '330000-GA').length);
    expect(both.body.total).toBeGreaterThanOrEqual(6);
    expect(both.body.items.every((i) => i.agency.code === '330000-GA')).toBe(true);
  });

  it('counts each facet under the other facets\u2019 filters (disjunctive faceting)', async () => {
    const params = { scope: 'sharing' as const, sharing: ['restricted'], frequency: ['daily', 'monthly'], agency: [] as string[] };
    const res = await search('scope=sharing&sharing=restricted&frequency=daily&frequency=monthly', staff);
    const want = expected(params, SEED);
    expect(res.body.total).toBe(want.total);
    for (const facet of ['agency', 'sharing', 'open', 'frequency'] as const) {
      const counts = (page: CatalogPage) => Object.fromEntries(page.facets[facet].filter((v) => v.count > 0).map((v) => [v.value, v.count]));
      expect(counts(res.body), facet).toEqual(counts(want));
    }
    // The sharing facet ignores the sharing filter: the other classes still show what selecting them would add.
    expect(res.body.facets.sharing.find((v) => v.value === 'unconditional')!.count).toBeGreaterThan(0);
  });

  it('labels facet values in Chinese and agencies by name', async () => {
    const res = await search('scope=sharing', staff);
    expect(res.body.facets.sharing.map((v) => v.label)).toEqual(['无条件共享', '受限共享', '非共享']);
    expect(res.body.facets.open.map((v) => v.label)).toEqual(['开放', '有条件开放', '不开放']);
    expect(res.body.facets.frequency.find((v) => v.value === 'semiannual')!.label).toBe('每半年');
    expect(res.body.facets.agency.find((v) => v.value === '330000-GA')!.label).toBe('浙江省公安厅');
  });

  it('lets unknown facet values match nothing, never fail', async () => {
    for (const params of ['sharing=bogus', 'agency=nowhere', 'frequency=hourly', 'open=closed', `agency=${'x'.repeat(500)}`]) {
      const res = await search(params);
      expect(res.status, params).toBe(200);
      expect(res.body.total, params).toBe(0);
      expect(res.body.items, params).toEqual([]);
    }
    const mixed = await search('sharing=bogus&sharing=restricted');
    expect(mixed.body.total).toBe(OPEN_SEED.filter((i) => i.sharing === 'restricted').length);
  });

  it('keeps a selected agency in its facet even when nothing matches, so a chip keeps its label', async () => {
    const res = await search(`agency=330000-GA&${qs('国民经济')}`);
    expect(res.body.total).toBe(0);
    expect(res.body.facets.agency.find((v) => v.value === '330000-GA')).toMatchObject({ label: '浙江省公安厅', count: 0 });
  });
});

describe('GET /catalog/items — sort and paging', () => {
  it('sorts by updated (newest first), by name, and by updated when relevance has no query', async () => {
    const updated = (await search('sort=updated&pageSize=100')).body.items.map((i) => i.updatedAt);
    expect(updated).toEqual([...updated].sort().reverse());
    const names = (await search('sort=name&pageSize=100')).body.items.map((i) => i.name);
    expect(names).toEqual([...names].sort());
    const relevance = (await search('pageSize=100')).body.items.map((i) => i.updatedAt);
    expect(relevance).toEqual(updated);
  });

  it('caps pageSize at 100 and says so; clamps negative, zero, huge and non-numeric values', async () => {
    const big = await search('pageSize=100000');
    expect(big.body.pageSize).toBe(100);
    expect(big.body.items).toHaveLength(100);
    const zero = await search('pageSize=0&page=0');
    expect(zero.body).toMatchObject({ pageSize: 1, page: 1 });
    expect(zero.body.items).toHaveLength(1);
    const negative = await search('pageSize=-20&page=-3');
    expect(negative.body).toMatchObject({ pageSize: 1, page: 1 });
    const junk = await search('pageSize=abc&page=1e999');
    expect(junk.status).toBe(200);
    expect(junk.body.pageSize).toBe(20);
    const huge = await search('page=99999999999&pageSize=20');
    const last = Math.ceil(OPEN_SEED.length / 20);
    expect(huge.body.page).toBe(last);
    expect(huge.body.items).toHaveLength(OPEN_SEED.length - (last - 1) * 20);
  });

  it('pages through every entry exactly once', async () => {
    const seen = new Set<string>();
    for (let page = 1; page <= 3; page++) {
      const res = await search(`scope=sharing&sort=name&pageSize=100&page=${page}`, staff);
      for (const item of res.body.items) seen.add(item.id);
    }
    expect(seen.size).toBe(240);
  });
});

describe('GET /catalog/items/{id}', () => {
  it('gives an open entry to anyone, with its fields', async () => {
    const res = await server.call<CatalogItem>('GET', '/api/catalog/items/' + SEED_IDS.openUnconditional);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: SEED_IDS.openUnconditional, sharing: 'unconditional', open: 'open', agency: { code: '330000-TJ' } });
    expect(res.body.fields!.length).toBeGreaterThan(2);
    expect(res.body.fields![0]).toEqual({ name: 'zbmc', label: '指标名称', type: 'string', description: expect.any(String), sensitivity: 'none' });
    expect(res.body.legalBasis).toBeUndefined();
  });

  it('shows a closed restricted entry with its legal basis and condition to staff only', async () => {
    const path = '/api/catalog/items/' + SEED_IDS.restrictedGA;
    expect((await server.call('GET', path)).status).toBe(404);
    expect((await server.call('GET', path, { token: citizen })).status).toBe(404);
    expect((await server.call('GET', path + '?scope=open', { token: staff })).status).toBe(404);
    expect((await server.call('GET', path + '?scope=sharing')).status).toBe(401);
    expect((await server.call('GET', path + '?scope=sharing', { token: citizen })).status).toBe(403);
    const res = await server.call<CatalogItem>('GET', path, { token: staff });
    expect(res.status).toBe(200);
    expect(res.body.legalBasis).toMatch(/《.+》/);
    expect(res.body.sharingCondition).toBeTruthy();
    expect((await server.call('GET', path + '?scope=sharing', { token: reviewer })).status).toBe(200);
  });

  it('answers 404 for unknown, withdrawn (a stale link) and absurd ids', async () => {
    for (const id of ['330000-XX-000000', SEED_IDS.withdrawn, 'x'.repeat(300), '%2e%2e%2f', '\'; DROP TABLE catalog_items; --']) {
      const res = await server.call('GET', '/api/catalog/items/' + encodeURIComponent(id), { token: staff });
      expect(res.status, id).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect((await search(`scope=sharing&${qs('已撤销')}`, staff)).body.total).toBe(0);
  });
});

describe('access requests (Art. 22)', () => {
  const request = (id: string, body: unknown, token?: string) =>
    server.call<AccessRequest & Problem>('POST', `/api/catalog/items/${encodeURIComponent(id)}/access-requests`, { body, ...(token ? { token } : {}) });
  const decide = (id: string, body: unknown, token?: string) =>
    server.call<AccessRequest & Problem>('POST', `/api/access-requests/${id}/decision`, { body, ...(token ? { token } : {}) });
  const valid = { purpose: '办理新生儿户口登记时核验父母户籍信息', legalBasis: '《浙江省公共数据和电子政务管理办法》第二十二条' };
  const list = (token: string, params = '') => server.call<AccessRequest[]>('GET', '/api/access-requests' + params, { token });

  it('is for agency staff only', async () => {
    expect((await request(SEED_IDS.openUnconditional, valid)).status).toBe(401);
    const res = await request(SEED_IDS.openUnconditional, valid, citizen);
    expect(res.status).toBe(403);
    // A citizen asks only for conditionally open data (SPEC §7) and sees only their own requests.
    expect((await list(citizen)).body).toEqual([]);
    expect((await server.call('GET', '/api/access-requests')).status).toBe(401);
  });

  it('approves a request for an unconditional entry at once, recording the rule as decider', async () => {
    const res = await request(SEED_IDS.openUnconditional, { ...valid, fields: ['zbmc', 'zbz'] }, staff);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      status: 'approved',
      itemId: SEED_IDS.openUnconditional,
      itemName: '国民经济主要指标',
      requesterId: 'staff-001',
      requesterAgency: { code: '330000-SJ', name: '浙江省大数据发展管理局' },
      providerAgency: { code: '330000-TJ' },
      fields: ['zbmc', 'zbz'],
      desensitized: false,
      decision: { decision: 'approve', deciderId: 'system', reason: expect.stringContaining('无条件共享') },
    });
    expect((await decide(res.body.id, { decision: 'reject', reason: 'no' }, reviewer)).status).toBe(403);
  });

  it('keeps a restricted request pending until a reviewer of the providing agency approves it; who, when and why are kept', async () => {
    const created = await request(SEED_IDS.restrictedGA, valid, staff);
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('pending');
    expect(created.body.decision).toBeUndefined();
    const id = created.body.id;

    expect((await list(staff)).body.map((r) => r.id)).toContain(id);
    const queue = await list(reviewer);
    expect(queue.status).toBe(200);
    expect(queue.body.map((r) => r.id)).toContain(id);
    expect(queue.body.every((r) => r.providerAgency.code === '330000-GA')).toBe(true);
    expect((await list(reviewer, '?status=pending')).body.every((r) => r.status === 'pending')).toBe(true);

    // Nobody else decides: not the requester, not a citizen, not anonymous.
    expect((await decide(id, { decision: 'approve', reason: 'ok' }, staff)).status).toBe(403);
    expect((await decide(id, { decision: 'approve', reason: 'ok' }, citizen)).status).toBe(403);
    expect((await decide(id, { decision: 'approve', reason: 'ok' })).status).toBe(401);

    const before = Date.now();
    const approved = await decide(id, { decision: 'approve', reason: '用途明确，符合共享条件' }, reviewer);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.decision).toMatchObject({ decision: 'approve', reason: '用途明确，符合共享条件', deciderId: 'reviewer-001' });
    expect(Date.parse(approved.body.decision!.decidedAt)).toBeGreaterThanOrEqual(before - 1000);
    const row = (await sql<Record<string, string>>`SELECT status, decider_id, decision_reason, decided_at FROM access_requests WHERE id = ${id}`.execute(server.store.db)).rows[0];
    expect(row).toMatchObject({ status: 'approved', decider_id: 'reviewer-001', decision_reason: '用途明确，符合共享条件' });

    const again = await decide(id, { decision: 'reject', reason: '改变主意' }, reviewer);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_DECIDED');
    expect((await server.call<AccessRequest>('GET', `/api/access-requests/${id}`, { token: staff })).body.status).toBe('approved');
  });

  it('needs a reason to reject, and records it', async () => {
    const { body } = await request(SEED_IDS.restrictedGA, { ...valid, purpose: '核验流动人口居住登记' }, staff);
    const noReason = await decide(body.id, { decision: 'reject' }, reviewer);
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.fields).toEqual([{ path: 'reason', message: expect.any(String) }]);
    expect((await decide(body.id, { decision: 'reject', reason: '   ' }, reviewer)).status).toBe(422);
    expect((await decide(body.id, { decision: 'maybe', reason: 'x' }, reviewer)).status).toBe(422);
    expect((await decide(body.id, { decision: 'reject', reason: 'x'.repeat(1001) }, reviewer)).status).toBe(422);
    const rejected = await decide(body.id, { decision: 'reject', reason: '申请用途与数据范围不符' }, reviewer);
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decision: { decision: 'reject', reason: '申请用途与数据范围不符', deciderId: 'reviewer-001' } });
  });

  it('gives back the waiting request when the same request is sent again; another purpose is a new request', async () => {
    const body = { ...valid, purpose: '重复提交测试', fields: ['xm', 'gmsfhm'] };
    const first = await request(SEED_IDS.restrictedGA, body, staff);
    expect(first.status).toBe(201);
    const again = await request(SEED_IDS.restrictedGA, body, staff);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const other = await request(SEED_IDS.restrictedGA, { ...body, purpose: '另一项业务的核验' }, staff);
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
    await decide(first.body.id, { decision: 'approve', reason: '' }, reviewer);
    // Once decided, the same request again is a new one.
    const after = await request(SEED_IDS.restrictedGA, body, staff);
    expect(after.status).toBe(201);
    expect(after.body.status).toBe('pending');
  });

  it('lets only one of two simultaneous decisions win', async () => {
    const { body } = await request(SEED_IDS.restrictedGA, { ...valid, purpose: '并发审核测试' }, staff);
    const [a, b] = await Promise.all([
      decide(body.id, { decision: 'approve', reason: '同意' }, reviewer),
      decide(body.id, { decision: 'reject', reason: '不同意' }, reviewer),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it('refuses non-shared data with 403 NOT_SHAREABLE unless desensitised data is asked for', async () => {
    const refused = await request(SEED_IDS.noneGA, valid, staff);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('NOT_SHAREABLE');
    expect((await request(SEED_IDS.noneGA, { ...valid, desensitized: false }, staff)).status).toBe(403);
    const accepted = await request(SEED_IDS.noneGA, { ...valid, desensitized: true }, staff);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ status: 'pending', desensitized: true });
  });

  it('lets a reviewer decide only for their own agency, and never on their own request', async () => {
    const other = await request(SEED_IDS.restrictedOther, valid, staff);
    expect(other.body.status).toBe('pending');
    const res = await decide(other.body.id, { decision: 'approve', reason: 'ok' }, reviewer);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('NOT_REVIEWER');
    expect((await list(reviewer)).body.map((r) => r.id)).not.toContain(other.body.id);
    expect((await server.call('GET', `/api/access-requests/${other.body.id}`, { token: reviewer })).status).toBe(404);

    const own = await request(SEED_IDS.restrictedGA, { ...valid, purpose: '审核人自己的申请' }, reviewer);
    expect(own.status).toBe(201);
    expect((await list(reviewer, '?role=requester')).body.map((r) => r.id)).toEqual([own.body.id]);
    const self = await decide(own.body.id, { decision: 'approve', reason: 'ok' }, reviewer);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('OWN_REQUEST');
  });

  it('shows the reviewer queue to reviewers only and checks list parameters', async () => {
    const res = await list(staff, '?role=reviewer');
    expect(res.status).toBe(403);
    expect((await list(staff, '?role=boss')).status).toBe(400);
    expect((await list(staff, '?status=lost')).status).toBe(400);
    expect((await list(staff)).body.every((r) => r.requesterId === 'staff-001')).toBe(true);
    const forItem = await list(staff, `?itemId=${SEED_IDS.noneGA}`);
    expect(forItem.body.length).toBeGreaterThan(0);
    expect(forItem.body.every((r) => r.itemId === SEED_IDS.noneGA)).toBe(true);
    expect((await list(staff, '?itemId=no-such-entry')).body).toEqual([]);
  });

  it('answers each bad body with a clear error and stores nothing', async () => {
    const count = async () => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM access_requests`.execute(server.store.db)).rows[0]!.n);
    const before = await count();
    const cases: Array<[unknown, number, string[]]> = [
      [{}, 422, ['purpose', 'legalBasis']],
      [{ purpose: '', legalBasis: '  ' }, 422, ['purpose', 'legalBasis']],
      [{ ...valid, purpose: 'x'.repeat(1001) }, 422, ['purpose']],
      [{ ...valid, legalBasis: 'x'.repeat(501) }, 422, ['legalBasis']],
      [{ ...valid, purpose: 42 }, 422, ['purpose']],
      [{ ...valid, fields: 'xm' }, 422, ['fields']],
      [{ ...valid, fields: ['xm', 'no_such_field', 7] }, 422, ['fields[1]', 'fields[2]']],
      [{ ...valid, fields: Array.from({ length: 201 }, () => 'xm') }, 422, ['fields']],
      [{ ...valid, desensitized: 'yes' }, 422, ['desensitized']],
    ];
    for (const [body, status, paths] of cases) {
      const res = await request(SEED_IDS.restrictedGA, body, staff);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(paths);
    }
    expect((await request(SEED_IDS.restrictedGA, [valid], staff)).status).toBe(400);
    const malformed = await server.call('POST', `/api/catalog/items/${SEED_IDS.restrictedGA}/access-requests`, { token: staff, raw: '{"purpose":', headers: { 'Content-Type': 'application/json' } });
    expect(malformed.status).toBe(400);
    const form = await server.call('POST', `/api/catalog/items/${SEED_IDS.restrictedGA}/access-requests`, { token: staff, raw: 'purpose=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    expect(await count()).toBe(before);
  });

  it('answers 404 for requests about unknown or withdrawn entries and unknown requests', async () => {
    expect((await request('330000-XX-000000', valid, staff)).status).toBe(404);
    expect((await request(SEED_IDS.withdrawn, valid, staff)).status).toBe(404);
    expect((await decide('no-such-request', { decision: 'approve', reason: 'ok' }, reviewer)).status).toBe(404);
    expect((await server.call('GET', '/api/access-requests/no-such-request', { token: staff })).status).toBe(404);
  });
});
