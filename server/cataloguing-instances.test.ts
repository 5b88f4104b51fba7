import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogItem, CatalogPage, CatalogueEntryDetail } from '../src/core/catalog-types';
import { start } from './main';
import { startTestServer, type TestServer } from './testing';

/**
 * SPEC §8 with two instances on one PostgreSQL database: what one publishes or withdraws,
 * the other's search, facets and /data show at their next call (the truth is the database).
 */
const postgres = process.env.EGOV_TEST_DATABASE_URL;

describe.skipIf(!postgres)('cataloguing with two instances on one PostgreSQL database', () => {
  let a: TestServer;
  let b: { origin: string; stop: () => Promise<void> };
  let steward: string;
  let office: string;

  beforeAll(async () => {
    a = await startTestServer({ EGOV_SECRET: 'two-instances-cataloguing' });
    const second = await start({ ...process.env, PORT: '0', HOST: '127.0.0.1', EGOV_LOG: '0', EGOV_DEMO: '1', EGOV_SECRET: 'two-instances-cataloguing', DATABASE_URL: a.databaseUrl! });
    b = { origin: `http://127.0.0.1:${second.port}`, stop: second.stop };
    [steward, office] = await Promise.all([a.login('steward-001'), a.login('office-001')]);
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  const send = async <T>(origin: string, method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(origin + '/api' + path, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as T };
  };
  const searchOn = async (origin: string, q: string) => (await (await fetch(`${origin}/api/catalog/items?q=${encodeURIComponent(q)}`)).json()) as CatalogPage;

  it('an entry published through one instance is found, shown and served by the other at once; a withdrawal leaves both', async () => {
    const name = `跨实例测试养老床位目录 ${Date.now().toString(36)}`;
    // Warm the other instance's facet columns and match cache first, so stale memory would show.
    expect((await searchOn(b.origin, name)).items).toHaveLength(0);
    const created = await send<CatalogueEntryDetail>(a.origin, 'POST', '/catalog/entries', steward, {
      name, summary: '养老机构床位', sharing: 'unconditional', open: 'open', updateFrequency: 'monthly', formats: ['CSV'], domain: '社会保障', tags: [],
      fields: [{ name: 'jgmc', label: '机构名称', type: 'string', sensitivity: 'none', description: '' }, { name: 'cws', label: '床位数', type: 'integer', sensitivity: 'none', description: '' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const form = new FormData();
    form.append('file', new Blob(['jgmc,cws\n颐养院,120\n福寿园,80\n']), 'rows.csv');
    expect((await fetch(`${a.origin}/api/catalog/entries/${id}/data`, { method: 'POST', headers: { Authorization: `Bearer ${steward}` }, body: form })).status).toBe(200);
    expect((await send(b.origin, 'POST', `/catalog/entries/${id}/submission`, steward, {})).status).toBe(200);
    const facetsBefore = (await searchOn(b.origin, '')).facets.agency.find((f) => f.value === '330000-WJ')?.count ?? 0;
    expect((await send(a.origin, 'POST', `/catalog/entries/${id}/review`, office, { decision: 'publish', checks: { legality: true, privacy: true, security: true } })).status).toBe(200);

    expect((await searchOn(b.origin, name)).items.map((i) => i.id)).toEqual([id]);
    expect((await searchOn(b.origin, '')).facets.agency.find((f) => f.value === '330000-WJ')!.count).toBe(facetsBefore + 1);
    const item = (await (await fetch(`${b.origin}/api/catalog/items/${id}`)).json()) as CatalogItem;
    expect(item).toMatchObject({ name, rowCount: 2 });
    expect(((await (await fetch(`${b.origin}/api/data/${id}/rows`)).json()) as { total: number }).total).toBe(2);

    expect((await send(b.origin, 'POST', `/catalog/entries/${id}/withdrawal`, steward, { reason: '并入全省目录' })).status).toBe(200);
    expect((await searchOn(a.origin, name)).items).toHaveLength(0);
    expect((await fetch(`${a.origin}/api/catalog/items/${id}`)).status).toBe(404);
    expect((await searchOn(a.origin, '')).facets.agency.find((f) => f.value === '330000-WJ')!.count).toBe(facetsBefore);
  });

  it('two instances submitting the same entry at once: one succeeds, the other is told 409', async () => {
    const created = await send<CatalogueEntryDetail>(a.origin, 'POST', '/catalog/entries', steward, {
      name: '并发提交测试', summary: '并发', domain: '测试', fields: [{ name: 'a', label: '甲', type: 'string', sensitivity: 'none', description: '' }],
    });
    const id = created.body.id;
    const answers = await Promise.all([a.origin, b.origin, a.origin, b.origin].map((origin) => send(origin, 'POST', `/catalog/entries/${id}/submission`, steward, {})));
    expect(answers.map((x) => x.status).sort()).toEqual([200, 409, 409, 409]);
    const detail = await send<CatalogueEntryDetail>(b.origin, 'GET', `/catalog/entries/${id}`, steward);
    expect(detail.body.history.filter((h) => h.action === 'submitted')).toHaveLength(1);
  });
});
