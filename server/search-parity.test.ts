import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { CatalogPage } from '../src/core/catalog-types';
import { insertItems } from './catalog/store';
import { generateCatalog } from './seed/data/catalog';
import { startTestServer, type TestServer } from './testing';

/**
 * Catalog search gives the same answers on SQLite (FTS5 trigram + gram indexes) and on
 * PostgreSQL (pg_trgm + gram arrays): the same entries in the same order, the same totals
 * and facet counts, for Chinese words of one, two and more characters, several words,
 * punctuation, filters, sorts and pages. Runs where PostgreSQL is available
 * (`EGOV_TEST_DATABASE_URL`, set by `npm test` for its PostgreSQL run).
 */
const postgres = process.env.EGOV_TEST_DATABASE_URL;

describe.skipIf(!postgres)('catalog search: SQLite and PostgreSQL answer alike', () => {
  let sqlite: TestServer;
  let pg: TestServer;
  const tokens = new Map<TestServer, string>();

  beforeAll(async () => {
    [sqlite, pg] = await Promise.all([startTestServer({}, { engine: 'sqlite' }), startTestServer()]);
    expect(sqlite.engine).toBe('sqlite');
    expect(pg.engine).toBe('postgres');
    // 3,000 entries in all (the seeded 240 are the first of the same generated catalogue), so
    // matches run into the hundreds and relevance has ties to break.
    const more = generateCatalog(3000).slice(240);
    for (const server of [sqlite, pg]) {
      await server.store.db.transaction().execute((trx) => insertItems(trx, server.store.engine, more));
      tokens.set(server, await server.login('staff-001'));
    }
    // Statistics, so that words found in most entries take PostgreSQL's other path (doc LIKE).
    await sql`ANALYZE catalog_search`.execute(pg.store.db);
    const { rows } = await sql<{ n: number }>`SELECT cardinality(most_common_elems::text::text[]) AS n FROM pg_stats WHERE tablename = 'catalog_search' AND attname = 'grams'`.execute(pg.store.db);
    expect(Number(rows[0]?.n)).toBeGreaterThan(0);
    // Some of the short words below are among them, so both of PostgreSQL's paths are compared.
    const broad = await sql<{ gram: string }>`SELECT u.gram FROM pg_stats, unnest(most_common_elems::text::text[], most_common_elem_freqs) AS u(gram, share)
      WHERE tablename = 'catalog_search' AND attname = 'grams' AND u.gram IS NOT NULL AND u.share > 0.2`.execute(pg.store.db);
    expect(broad.rows.map((r) => r.gram)).toEqual(expect.arrayContaining(['省', '数据']));
  }, 120_000);
  afterAll(async () => {
    await Promise.all([sqlite?.stop(), pg?.stop()]);
  });

  const QUERIES = [
    // one, two and more characters
    'q=人', 'q=税', 'q=省', 'q=户籍', 'q=公安', 'q=数据', 'q=信息&sort=relevance&page=3',
    'q=国民经济', 'q=空气质量', 'q=统一社会信用代码', 'q=浙江省公安厅', 'q=每日更新', 'q=居民身份证签发信息',
    // several words, mixed lengths
    'q=杭州 信息', 'q=养老 名录', 'q=数据 统计 年', 'q=公安 户籍 人口', 'q=医保 浙江省',
    // Latin letters, digits and punctuation (as text, never syntax)
    'q=gdp', 'q=GDP', 'q=PM2.5', 'q=%', 'q=_', 'q=%_%', 'q="', 'q=户籍*', 'q=NEAR(户籍 人口)', 'q=a OR b', 'q=(', 'q=\\',
    // filters and facets
    'agency=330000-GA', 'agency=330000-GA&agency=330000-SC&q=数据', 'sharing=restricted&sharing=none', 'open=conditional&q=公安',
    'frequency=realtime&open=open', 'q=医保&frequency=daily&frequency=monthly', 'agency=no-such-agency', 'sharing=unknown',
    // sorts and pages
    'sort=name', 'sort=updated', 'sort=name&q=数据&page=2', 'sort=updated&q=户籍', 'page=40&pageSize=50', 'page=9999', 'pageSize=100&q=浙江省',
  ];

  for (const params of QUERIES) {
    for (const scope of ['open', 'sharing'] as const) {
      it(`${scope}: ${params}`, async () => {
        const search = async (server: TestServer) => {
          const query = params.split('&').map((p) => { const [k, v = ''] = p.split('='); return `${k}=${encodeURIComponent(v)}`; }).join('&');
          const res = await server.call<CatalogPage>('GET', `/api/catalog/items?scope=${scope}&${query}`, { token: tokens.get(server) });
          expect(res.status).toBe(200);
          return res.body;
        };
        const [a, b] = await Promise.all([search(sqlite), search(pg)]);
        expect(b.total).toBe(a.total);
        expect(b.items.map((i) => i.id)).toEqual(a.items.map((i) => i.id));
        expect(b).toEqual(a);
      });
    }
  }

  it('has matches for the word queries (the comparison is not between two empty answers)', async () => {
    for (const q of ['人', '户籍', '国民经济', '杭州 信息', 'PM2.5', '%']) {
      const res = await pg.call<CatalogPage>('GET', `/api/catalog/items?q=${encodeURIComponent(q)}`);
      expect(res.body.total, q).toBeGreaterThan(0);
    }
  });
});
