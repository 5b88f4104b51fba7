/**
 * Catalog search latency with 100,000 entries (issue: p95 ≤ 30 ms is the goal; printed, not asserted).
 * Builds a temporary SQLite through the real seeding code, starts the real server on it and
 * sends 20 typical queries, with and without text and filters, over HTTP.
 *
 *   node --import tsx bench/catalog.bench.ts [entries]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../server/store/database';
import { start } from '../server/main';
import { seed } from '../server/seed';
import { seedCatalog } from '../server/seed/catalog';
import { generateCatalog } from '../server/seed/data/catalog';
import { printStats } from './support';

const COUNT = Number(process.argv[2] ?? 100_000);
const RUNS = 25;

const QUERIES: Array<[string, string, boolean?]> = [
  ['open catalog, first page', ''],
  ['sharing catalog, first page', 'scope=sharing', true],
  ['q=户籍 (2 chars)', 'q=户籍'],
  ['q=税 (1 char)', 'q=税'],
  ['q=空气质量 (trigram)', 'q=空气质量'],
  ['q=国民经济主要指标', 'q=国民经济主要指标'],
  ['q=杭州 信息 (two words)', 'q=杭州%20信息'],
  ['sharing=restricted|none (sharing)', 'scope=sharing&sharing=restricted&sharing=none', true],
  ['agency=330000-GA', 'agency=330000-GA'],
  ['frequency=realtime & open=open', 'frequency=realtime&open=open'],
  ['q=公安 & sharing=restricted (sharing)', 'scope=sharing&q=公安&sharing=restricted', true],
  ['q=统一社会信用代码 & agency=SC', 'q=统一社会信用代码&agency=330000-SC'],
  ['sort=name', 'sort=name'],
  ['page=500 (deep paging)', 'page=500'],
  ['q=数据 & sort=updated', 'q=数据&sort=updated'],
  ['q=医保 & frequency=daily|monthly', 'q=医保&frequency=daily&frequency=monthly'],
  ['q=% (punctuation)', 'q=%25'],
  ['q=浙江省 (matches every entry)', 'q=浙江省'],
  ['pageSize=100', 'pageSize=100'],
  ['q=居民身份证签发信息 (sharing)', 'scope=sharing&q=居民身份证签发信息', true],
];

const dir = mkdtempSync(join(tmpdir(), 'egov-catalog-bench-'));
const file = join(dir, 'egov.sqlite');
try {
  let t = performance.now();
  const items = generateCatalog(COUNT);
  console.log(`generated ${COUNT} entries in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  t = performance.now();
  const store = await openStore({ sqliteFile: file });
  const db = store.sqlite!;
  // The catalog part is seeded here with the large catalog; the other parts as on any first start.
  db.prepare("INSERT INTO seed_runs (name, seeded_at) VALUES ('catalog', ?)").run(new Date().toISOString());
  await seed(store);
  db.transaction(() => seedCatalog(db, items))();
  db.pragma('optimize');
  await store.close();
  console.log(`seeded SQLite in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const running = await start({ ...process.env, PORT: '0', HOST: '127.0.0.1', EGOV_DB: file, EGOV_LOG: '0', EGOV_DEMO: '1' });
  const origin = `http://127.0.0.1:${running.port}`;
  try {
    const login = await fetch(origin + '/api/auth/demo-login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ subjectId: 'staff-001' }) });
    const { token } = (await login.json()) as { token: string };
    const all: number[] = [];
    const filtered: number[] = [];
    const plain: number[] = [];
    console.log(`\n${COUNT} entries, ${RUNS} runs per query (after one warm-up), latency of GET /api/catalog/items over HTTP:`);
    for (const [label, params, auth] of QUERIES) {
      const url = `${origin}/api/catalog/items${params ? '?' + params : ''}`;
      const headers = auth ? { Authorization: `Bearer ${token}` } : undefined;
      const first = await fetch(url, { headers });
      const body = (await first.json()) as { total: number };
      if (first.status !== 200) throw new Error(`${label}: ${first.status}`);
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        samples.push(performance.now() - t0);
      }
      all.push(...samples);
      (/(sharing|agency|frequency|open)=/.test(params.replace('scope=sharing', '')) ? filtered : plain).push(...samples);
      printStats(`${label} [${body.total}]`, samples);
    }
    console.log('');
    printStats('without filters (all runs)', plain);
    printStats('with filters (all runs)', filtered);
    printStats('all 20 queries', all);
  } finally {
    await running.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
