/**
 * The CSV import's memory (SPEC §8), measured, never asserted: the server runs as its own
 * process and its resident memory (VmRSS, from /proc) is sampled every 20 ms while
 * - one steward sends a 50 MB file of tiny rows (24.9 million lines of `1`): refused at once
 *   past the row limit (413), as the issue's file;
 * - one steward imports a file at the row limit and just under the byte limit (1,000,000 rows
 *   of 49 bytes, 49 MB), checked and stored as it streams in;
 * - four stewards do each of these at the same time.
 * Files are generated as they are sent, never held. Figures: RSS before, peak during, after;
 * and the catalog's search p50/p95 while an import at the row limit runs, against the same
 * searches with the server idle, in this run (ratio).
 *
 *   node --import tsx bench/catalogue-import-memory.bench.ts   (SQLite)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CATALOGUE_LIMITS } from '../src/core/catalog-types';
import { streamedCsvBody } from '../server/testing';
import { TokenService } from '../server/tokens';
import { printStats, rssKb, startServerProcess, stats } from './support';

const dir = mkdtempSync(join(tmpdir(), 'egov-import-memory-bench-'));
const port = 20000 + Math.floor(Math.random() * 20000);
const origin = `http://127.0.0.1:${port}`;
const dbFile = join(dir, 'egov.sqlite');
const SECRET = 'catalogue-import-memory-bench-secret-0123456789';

const mb = (kb: number) => (kb / 1024).toFixed(0) + ' MB';

/** A multipart body of `header` and `lines` copies of `row`, made as it is read. */
const body = (header: string, row: string, lines: number) => ({ stream: streamedCsvBody('b3nch', header, row, lines), bytes: lines * (row.length + 1) });

async function call<T>(method: string, path: string, token?: string, json?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(origin + '/api' + path, { method, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json' }, body: json === undefined ? undefined : JSON.stringify(json) });
  return { status: res.status, body: (await res.json()) as T };
}

async function send(id: string, token: string, file: { stream: ReadableStream<Uint8Array> }) {
  const t = performance.now();
  try {
    const res = await fetch(`${origin}/api/catalog/entries/${id}/data`, {
      method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'multipart/form-data; boundary=b3nch' }, body: file.stream, duplex: 'half',
    } as RequestInit);
    const answer = (await res.json()) as { rows?: number; error?: { code: string } };
    return { status: res.status, what: answer.rows !== undefined ? `${answer.rows.toLocaleString('en')} rows` : answer.error?.code, ms: performance.now() - t };
  } catch (error) {
    // A 413 sent before the whole body: the server closes the connection, which the sender may see as a reset.
    return { status: 0, what: (error as Error).message, ms: performance.now() - t };
  }
}

/** Runs `work` while sampling the server's RSS; prints before, peak during and after. */
async function measured(label: string, pid: number, work: () => Promise<Array<{ status: number; what: string | undefined; ms: number }>>) {
  const before = rssKb(pid);
  let peak = before;
  const timer = setInterval(() => { peak = Math.max(peak, rssKb(pid)); }, 20);
  const results = await work();
  clearInterval(timer);
  peak = Math.max(peak, rssKb(pid));
  const answers = results.map((r) => `${r.status} ${r.what} in ${(r.ms / 1000).toFixed(1)} s`).join('; ');
  console.log(`${label}\n  server RSS before ${mb(before)}, peak during ${mb(peak)}, after ${mb(rssKb(pid))} — ${answers}`);
}

const child = await startServerProcess(port, { EGOV_DB: dbFile, DATABASE_URL: '', EGOV_SECRET: SECRET });
try {
  // Four stewards of one agency (each runs one import at a time).
  const db = new Database(dbFile);
  const insert = db.prepare("INSERT INTO subjects (id, name, kind, agency_code, id_number, mobile) VALUES (?, ?, 'steward', '330000-WJ', NULL, NULL)");
  for (let i = 2; i <= 4; i++) insert.run(`steward-bench-${i}`, `测评员${i}`);
  db.close();
  const tokens = new TokenService(SECRET);
  const stewards = ['steward-001', 'steward-bench-2', 'steward-bench-3', 'steward-bench-4'].map((id) => tokens.issue(id, 3600).token);
  const entries = await Promise.all(stewards.map(async (token, i) => (await call<{ id: string }>('POST', '/catalog/entries', token, {
    name: `导入内存测评目录${i + 1}`, summary: '测评', sharing: 'unconditional', open: 'open', updateFrequency: 'monthly', domain: '测评',
    fields: [{ name: 'v', label: '数值', type: 'string', sensitivity: 'none', description: '' }],
  })).body.id));
  // Warm up (module loading, the first transaction) on a small file.
  await send(entries[0]!, stewards[0]!, body('v', '1', 100));

  const TINY = 24_900_000;
  const tiny = () => body('v', '1', TINY);
  const full = () => body('v', 'x'.repeat(48), CATALOGUE_LIMITS.csvRows);
  const fullMb = (full().bytes / 1e6).toFixed(1);
  console.log(`limits: ${CATALOGUE_LIMITS.csvRows.toLocaleString('en')} rows, ${CATALOGUE_LIMITS.csvCells.toLocaleString('en')} cells, ${CATALOGUE_LIMITS.csvBytes / 1e6} MB`);
  await measured(`one import, 50 MB of tiny rows (${TINY.toLocaleString('en')} lines of "1", ${(tiny().bytes / 1e6).toFixed(1)} MB):`, child.pid!, async () => [await send(entries[0]!, stewards[0]!, tiny())]);
  await measured(`one import at the row limit (${CATALOGUE_LIMITS.csvRows.toLocaleString('en')} rows, ${fullMb} MB):`, child.pid!, async () => [await send(entries[0]!, stewards[0]!, full())]);
  await measured('four concurrent imports of 50 MB of tiny rows (four stewards):', child.pid!, () => Promise.all(stewards.map((token, i) => send(entries[i]!, token, tiny()))));
  await measured(`four concurrent imports at the row limit (${fullMb} MB each, four stewards):`, child.pid!, () => Promise.all(stewards.map((token, i) => send(entries[i]!, token, full()))));
  // The catalog's search while an import streams in, against idle: what others feel of it.
  const QUERIES = ['户籍', '人口', '企业', '养老', '交通', '医疗', '教育', '环境'];
  const searches = async (until: () => boolean, n: number) => {
    const samples: number[] = [];
    for (let i = 0; i < n || !until(); i++) {
      const t = performance.now();
      await (await fetch(`${origin}/api/catalog/items?q=${encodeURIComponent(QUERIES[i % QUERIES.length]!)}&pageSize=20`)).arrayBuffer();
      samples.push(performance.now() - t);
      if (i >= n && until()) break;
    }
    return samples;
  };
  const idle = await searches(() => true, 200);
  let importing = true;
  const during = searches(() => !importing, 200);
  await send(entries[0]!, stewards[0]!, full()).finally(() => { importing = false; });
  const busy = await during;
  printStats('catalog search, idle', idle);
  printStats('catalog search, during an import at the row limit', busy);
  console.log(`  p95 during / idle: ${(stats(busy).p95 / stats(idle).p95).toFixed(2)}×, p50: ${(stats(busy).p50 / stats(idle).p50).toFixed(2)}×`);
  console.log(`server peak since start (VmHWM): ${mb(rssKb(child.pid!, 'VmHWM'))}`);
} finally {
  child.kill();
  rmSync(dir, { recursive: true, force: true });
}
