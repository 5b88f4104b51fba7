/**
 * Data delivery (SPEC §7), measured, never asserted:
 * - a fresh database's first start (seeding the rows behind every entry);
 * - `GET /data/{id}/rows` p50/p95 on the 100,000-row open entry, with and without a filter;
 * - a 100,000-row CSV download: rows/s and the server's resident memory while it streams
 *   (sampled from /proc, so the server runs as its own process);
 * - the access log: cost of one append, and `verify` over 100,000 records.
 *
 *   node --import tsx bench/data.bench.ts      (SQLite; with DATABASE_URL=postgres://… on PostgreSQL)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalBytes } from '../src/core/crypto/canonical-json';
import { sm3Hex } from '../src/core/crypto/sm';
import { AccessLogVerifier } from '../server/checkpoints/access-log';
import { appendAccess, GENESIS_HASH } from '../server/data/access-log';
import { largeEntryId, LARGE_DATA_SET } from '../server/seed/data/rows';
import { catalogSeed } from '../server/seed/data/catalog';
import { openStore } from '../server/store/database';
import { printStats } from './support';

const dir = mkdtempSync(join(tmpdir(), 'egov-data-bench-'));
const LARGE = largeEntryId(catalogSeed())!;
const port = 20000 + Math.floor(Math.random() * 20000);
const origin = `http://127.0.0.1:${port}`;

function rssKb(pid: number, key: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(key + ':'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN);
}
const mb = (kb: number) => (kb / 1024).toFixed(1) + ' MB';

async function timed(path: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(origin + path);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  return performance.now() - t;
}

const started = performance.now();
const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', EGOV_DB: join(dir, 'egov.sqlite'), EGOV_LOG: '0', EGOV_DEMO: '1' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  for (;;) {
    try {
      if ((await fetch(origin + '/healthz')).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  console.log(`engine: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`);
  console.log(`fresh database ready (migrations, seeds with ${LARGE_DATA_SET.rows.toLocaleString('en')} + every entry's rows) in ${((performance.now() - started) / 1000).toFixed(2)} s, server RSS ${mb(rssKb(child.pid!))}`);

  const stations = ['杭州市西湖区监测站', '宁波市鄞州区监测站', '温州市鹿城区监测站', '嘉兴市南湖区监测站', '湖州市吴兴区监测站'];
  for (let i = 0; i < 20; i++) await timed(`/api/data/${LARGE}/rows?page=${1 + i}`);
  const plain: number[] = [];
  for (let i = 0; i < 200; i++) plain.push(await timed(`/api/data/${LARGE}/rows?pageSize=20&page=${1 + Math.floor(Math.random() * 4999)}`));
  printStats('rows, 100,000-row entry, no filter (random page)', plain);
  const firstFilter = await timed(`/api/data/${LARGE}/rows?filter.zdmc=${encodeURIComponent(stations[0]!)}`);
  console.log(`${'rows, first filter on a field (builds its index)'.padEnd(48)} ${firstFilter.toFixed(0)} ms`);
  const filtered: number[] = [];
  for (let i = 0; i < 200; i++) filtered.push(await timed(`/api/data/${LARGE}/rows?filter.zdmc=${encodeURIComponent(stations[i % stations.length]!)}&page=${1 + (i % 20)}`));
  printStats('rows, 100,000-row entry, filter.zdmc=<station>', filtered);
  const missing: number[] = [];
  for (let i = 0; i < 100; i++) missing.push(await timed(`/api/data/${LARGE}/rows?filter.zdmc=none-${i}`));
  printStats('rows, 100,000-row entry, filter matching nothing', missing);

  for (const format of ['csv', 'json'] as const) {
    const before = rssKb(child.pid!);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssKb(child.pid!))), 10);
    const t = performance.now();
    const res = await fetch(`${origin}/api/data/${LARGE}/download?format=${format}`);
    let bytes = 0;
    for await (const chunk of res.body! as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    const seconds = (performance.now() - t) / 1000;
    clearInterval(sampler);
    console.log(`download ${format.toUpperCase()}, ${LARGE_DATA_SET.rows.toLocaleString('en')} rows: ${(LARGE_DATA_SET.rows / seconds).toFixed(0)} rows/s, ${(bytes / 1024 / 1024).toFixed(1)} MB in ${seconds.toFixed(2)} s; server RSS ${mb(before)} before, peak ${mb(peak)} (+${mb(peak - before)})`);
  }
  // A slow reader: the server reads ahead by one block only, so memory stays flat however slow the client is.
  {
    const before = rssKb(child.pid!);
    let peak = before;
    const res = await fetch(`${origin}/api/data/${LARGE}/download?format=csv`);
    const reader = res.body!.getReader();
    let bytes = 0;
    for (let i = 0; i < 40; i++) {
      const { value, done } = await reader.read();
      if (done) break;
      bytes += value.length;
      await new Promise((r) => setTimeout(r, 25));
      peak = Math.max(peak, rssKb(child.pid!));
    }
    await reader.cancel();
    console.log(`download, slow reader (1 s, then stops): read ${(bytes / 1024).toFixed(0)} KB; server RSS ${mb(before)} before, peak ${mb(peak)}`);
  }
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

// The access log in process: on a SQLite file of its own, or on the PostgreSQL database the server used.
const store = await openStore({ databaseUrl: process.env.DATABASE_URL, sqliteFile: join(dir, 'log.sqlite') });
try {
  const entry = { subjectId: 'staff-001', agency: '330000-SJ', itemId: '330000-GA-000002', providerAgency: '330000-GA', grantId: 'g-1', purpose: '核验户籍信息', route: 'GET /data/{itemId}/rows', fields: ['xm', 'gmsfhm'], rows: 20 };
  const appends: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const t = performance.now();
    await appendAccess(store, entry);
    appends.push(performance.now() - t);
  }
  printStats('access log: one append (lock, head, SM3, insert)', appends);

  // 100,000 records, chained as appendAccess chains them, written in bulk.
  const N = 100_000;
  let t = performance.now();
  const head = await store.db.selectFrom('access_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let prev = head?.hash ?? GENESIS_HASH;
  let seq = head?.seq ?? 0;
  await store.db.transaction().execute(async (trx) => {
    let batch: Array<Record<string, unknown>> = [];
    while (seq < N) {
      seq++;
      const record = { seq, at: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(), subjectId: entry.subjectId, agency: entry.agency, itemId: entry.itemId, grantId: entry.grantId, purpose: entry.purpose, route: entry.route, fields: entry.fields, rows: seq % 200, prevHash: prev };
      const hash = sm3Hex(canonicalBytes(record));
      batch.push({ seq, at: record.at, subject_id: record.subjectId, agency: record.agency, item_id: record.itemId, provider_agency: entry.providerAgency, grant_id: record.grantId, purpose: record.purpose, route: record.route, fields: JSON.stringify(record.fields), rows: record.rows, prev_hash: prev, hash });
      prev = hash;
      if (batch.length === 1000) {
        await trx.insertInto('access_log').values(batch as never).execute();
        batch = [];
      }
    }
    if (batch.length) await trx.insertInto('access_log').values(batch as never).execute();
  });
  console.log(`access log: ${N.toLocaleString('en')} records written in bulk in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    // A fresh verifier: the whole chain, as a first verification after start.
    const result = await new AccessLogVerifier(store.db, 0).verify([]);
    runs.push(performance.now() - t);
    if (!result.ok || result.length !== N) throw new Error('chain does not verify');
  }
  printStats(`access log: verify ${N.toLocaleString('en')} records`, runs);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
