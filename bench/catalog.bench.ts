/**
 * Catalog search latency with 100,000 entries on SQLite and on PostgreSQL, side by side
 * (issue: p95 ≤ 30 ms is the goal; printed, not asserted). Builds each database through the
 * real seeding code (PostgreSQL in a throw-away cluster, when installed), starts the real
 * server on it and sends 20 typical queries, with and without text and filters, over HTTP;
 * the two engines' totals are printed together, so a difference shows.
 *
 *   node --import tsx bench/catalog.bench.ts [entries]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore, type Store } from '../server/store/database';
import { start } from '../server/main';
import { seed } from '../server/seed';
import { insertItems } from '../server/catalog/store';
import { generateCatalog, withdrawnSeedItem } from '../server/seed/data/catalog';
import { findPostgres, startCluster } from '../scripts/pg-cluster.mjs';
import { stats } from './support';

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

/** Seeds a new database with the large catalogue in place of the seeded 240 entries. */
async function build(store: Store, items: ReturnType<typeof generateCatalog>): Promise<void> {
  await store.db.insertInto('seed_runs').values({ name: 'catalog', seeded_at: new Date().toISOString() }).execute();
  await seed(store);
  await store.db.transaction().execute(async (trx) => {
    await insertItems(trx, store.engine, items);
    await insertItems(trx, store.engine, [withdrawnSeedItem()], '2026-10-01T00:00:00.000Z');
  });
  if (store.engine === 'sqlite') store.sqlite!.pragma('optimize');
  else await sql`ANALYZE`.execute(store.db);
}

type Figures = Map<string, { total: number; first: number; samples: number[] }>;

async function measure(env: Record<string, string>): Promise<Figures> {
  const running = await start({ ...process.env, PORT: '0', HOST: '127.0.0.1', EGOV_LOG: '0', EGOV_DEMO: '1', ...env });
  const origin = `http://127.0.0.1:${running.port}`;
  const figures: Figures = new Map();
  try {
    const login = await fetch(origin + '/api/auth/demo-login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ subjectId: 'staff-001' }) });
    const { token } = (await login.json()) as { token: string };
    for (const [label, params, auth] of QUERIES) {
      const url = `${origin}/api/catalog/items${params ? '?' + params : ''}`;
      const headers = auth ? { Authorization: `Bearer ${token}` } : undefined;
      const t0 = performance.now();
      const first = await fetch(url, { headers });
      const body = (await first.json()) as { total: number };
      const firstMs = performance.now() - t0;
      if (first.status !== 200) throw new Error(`${label}: ${first.status}`);
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        samples.push(performance.now() - t0);
      }
      figures.set(label, { total: body.total, first: firstMs, samples });
    }
  } finally {
    await running.stop();
  }
  return figures;
}

const dir = mkdtempSync(join(tmpdir(), 'egov-catalog-bench-'));
const file = join(dir, 'egov.sqlite');
const engines: Array<[string, Figures]> = [];
let t = performance.now();
const items = generateCatalog(COUNT);
console.log(`generated ${COUNT} entries in ${((performance.now() - t) / 1000).toFixed(1)} s`);
try {
  t = performance.now();
  const store = await openStore({ sqliteFile: file });
  await build(store, items);
  await store.close();
  console.log(`seeded SQLite in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  engines.push(['SQLite', await measure({ EGOV_DB: file, DATABASE_URL: '' })]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (findPostgres()) {
  const cluster = await startCluster();
  try {
    const admin = await openStore({ databaseUrl: cluster.url });
    await sql`CREATE DATABASE egov_catalog_bench`.execute(admin.db);
    await admin.close();
    const url = cluster.url.replace(/\/postgres$/, '/egov_catalog_bench');
    t = performance.now();
    const store = await openStore({ databaseUrl: url });
    await build(store, items);
    await store.close();
    console.log(`seeded PostgreSQL in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    engines.push(['PostgreSQL', await measure({ DATABASE_URL: url })]);
  } finally {
    cluster.stop();
  }
} else {
  console.log('PostgreSQL is not installed (apt-get install -y postgresql): SQLite figures only.');
}

const cell = (samples: number[]) => {
  const s = stats(samples);
  return `${s.p50.toFixed(1).padStart(6)} ${s.p95.toFixed(1).padStart(6)}`;
};
console.log(`\n${COUNT} entries, latency of GET /api/catalog/items over HTTP in ms: the first request of each query
(its words new to the server's match cache, where they have any), then p50 and p95 of ${RUNS} more:`);
console.log(`${''.padEnd(44)}${engines.map(([name]) => `${name.padStart(13)}  first    p50    p95`).join('')}`);
const groups: Record<string, Array<number[]>> = {};
for (const [label, params] of QUERIES) {
  const kind = /(sharing|agency|frequency|open)=/.test(params.replace('scope=sharing', '')) ? 'with filters' : 'without filters';
  console.log(label.padEnd(44) + engines.map(([, f]) => `${String(f.get(label)!.total).padStart(13)} ${f.get(label)!.first.toFixed(1).padStart(6)} ${cell(f.get(label)!.samples)}`).join(''));
  for (const [name, f] of engines) {
    (groups[`${kind}|${name}`] ??= []).push(f.get(label)!.samples);
    (groups[`all 20 queries|${name}`] ??= []).push(f.get(label)!.samples);
    (groups[`first requests|${name}`] ??= []).push([f.get(label)!.first]);
  }
}
console.log('');
for (const kind of ['without filters', 'with filters', 'all 20 queries', 'first requests']) {
  console.log(kind.padEnd(44) + engines.map(([name]) => `${''.padStart(13)} ${''.padStart(6)} ${cell(groups[`${kind}|${name}`]!.flat())}`).join(''));
}
const mismatched = QUERIES.filter(([label]) => new Set(engines.map(([, f]) => f.get(label)!.total)).size > 1).map(([label]) => label);
if (engines.length > 1) console.log(mismatched.length ? `totals differ between the engines for: ${mismatched.join('; ')}` : 'every query found the same number of entries on both engines');
