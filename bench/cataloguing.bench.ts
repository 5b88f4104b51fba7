/**
 * Cataloguing (SPEC §8), measured, never asserted:
 * - CSV import of a 100,000-row data set: rows/s, and the server's resident memory before and
 *   its peak (VmHWM, from /proc: the server runs as its own process) — the file is streamed in
 *   and checked as it arrives;
 * - the same file with one bad line at the very end (everything checked, nothing kept);
 * - publishing an entry until it is found by search: the review call, then searching until the
 *   entry is in the answer (ms), on a warm server whose search caches must notice the change.
 *
 *   node --import tsx bench/cataloguing.bench.ts   (SQLite; with DATABASE_URL=postgres://… on PostgreSQL)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printStats, rssKb, startServerProcess } from './support';

const ROWS = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'egov-cataloguing-bench-'));
const port = 20000 + Math.floor(Math.random() * 20000);
const origin = `http://127.0.0.1:${port}`;

const mb = (kb: number) => (kb / 1024).toFixed(1) + ' MB';

const FIELDS = [
  { name: 'jgmc', label: '机构名称', type: 'string', sensitivity: 'none', description: '' },
  { name: 'jgdm', label: '机构代码', type: 'code', sensitivity: 'none', description: '' },
  { name: 'szqx', label: '所在区县', type: 'string', sensitivity: 'none', description: '' },
  { name: 'clrq', label: '成立日期', type: 'date', sensitivity: 'none', description: '' },
  { name: 'gxsj', label: '更新时间', type: 'datetime', sensitivity: 'none', description: '' },
  { name: 'cws', label: '床位数', type: 'integer', sensitivity: 'none', description: '' },
  { name: 'pf', label: '评分', type: 'decimal', sensitivity: 'none', description: '' },
  { name: 'bz', label: '备注', type: 'string', sensitivity: 'none', description: '' },
];
const DISTRICTS = ['西湖区', '上城区', '拱墅区', '滨江区', '鄞州区', '海曙区', '鹿城区', '南湖区', '吴兴区', '越城区'];

function csv(rows: number, badLast = false): Uint8Array<ArrayBuffer> {
  const lines = ['\ufeff' + FIELDS.map((f) => f.name).join(',')];
  for (let i = 0; i < rows; i++) {
    const d = DISTRICTS[i % DISTRICTS.length]!;
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((i % 12) + 1).padStart(2, '0');
    const date = badLast && i === rows - 1 ? '2020-02-30' : `20${String(10 + (i % 15))}-${month}-${day}`;
    lines.push(`${d}第${i + 1}养老服务中心,ZJ${String(i).padStart(8, '0')},${d},${date},2026-10-${day}T08:30:00+08:00,${20 + (i % 480)},${((i % 50) / 10).toFixed(1)},"含""日间照料"", 居家上门"`);
  }
  return new TextEncoder().encode(lines.join('\r\n') + '\r\n') as Uint8Array<ArrayBuffer>;
}

async function call<T>(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(origin + '/api' + path, { method, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}
async function login(id: string): Promise<string> {
  return (await call<{ token: string }>('POST', '/auth/demo-login', undefined, { subjectId: id })).body.token;
}
async function upload(id: string, token: string, bytes: Uint8Array<ArrayBuffer>) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'text/csv' }), 'rows.csv');
  const t = performance.now();
  const res = await fetch(`${origin}/api/catalog/entries/${id}/data`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  const body = (await res.json()) as { rows?: number; error?: { fields?: unknown[] } };
  return { ms: performance.now() - t, status: res.status, body };
}

const child = await startServerProcess(port, { EGOV_DB: join(dir, 'egov.sqlite') });
try {
  console.log(`engine: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`);
  const [steward, office] = await Promise.all([login('steward-001'), login('office-001')]);
  const entry = (name: string) => call<{ id: string }>('POST', '/catalog/entries', steward, {
    name, summary: '全省养老服务机构', sharing: 'unconditional', open: 'open', updateFrequency: 'monthly', formats: ['CSV'], domain: '社会保障', tags: [], fields: FIELDS,
  });

  const bytes = csv(ROWS);
  const { body: { id } } = await entry('养老服务机构名录（导入测评）');
  // Warm up (module loading, the first transaction) on a small file.
  await upload(id, steward, csv(100));
  const before = rssKb(child.pid!);
  const ok = await upload(id, steward, bytes);
  if (ok.status !== 200 || ok.body.rows !== ROWS) throw new Error(`import failed: ${ok.status} ${JSON.stringify(ok.body).slice(0, 300)}`);
  console.log(`import of ${ROWS.toLocaleString('en')} rows (${(bytes.byteLength / 1e6).toFixed(1)} MB CSV, ${FIELDS.length} fields): ${(ok.ms / 1000).toFixed(2)} s = ${Math.round(ROWS / (ok.ms / 1000)).toLocaleString('en')} rows/s`);
  console.log(`server RSS before ${mb(before)}, peak (VmHWM) after ${mb(rssKb(child.pid!, 'VmHWM'))}, now ${mb(rssKb(child.pid!))}`);
  const bad = await upload(id, steward, csv(ROWS, true));
  console.log(`the same file with a bad date on its last line: ${bad.status} in ${(bad.ms / 1000).toFixed(2)} s (${(bad.body.error?.fields ?? []).length} problem), nothing kept`);

  const samples: number[] = [];
  const reviews: number[] = [];
  for (let i = 0; i < 10; i++) {
    const name = `发布测评目录${i}号 ${Date.now().toString(36)}`;
    const created = await entry(name);
    await call('POST', `/catalog/entries/${created.body.id}/submission`, steward, {});
    // A search before, so the server's caches hold the catalog as it was.
    await call('GET', `/catalog/items?q=${encodeURIComponent(name)}`);
    const t = performance.now();
    const reviewed = await call('POST', `/catalog/entries/${created.body.id}/review`, office, { decision: 'publish', checks: { legality: true, privacy: true, security: true } });
    if (reviewed.status !== 200) throw new Error('publish failed ' + reviewed.status);
    reviews.push(performance.now() - t);
    for (;;) {
      const found = await call<{ items: Array<{ id: string }> }>('GET', `/catalog/items?q=${encodeURIComponent(name)}`);
      if (found.body.items.some((item) => item.id === created.body.id)) break;
    }
    samples.push(performance.now() - t);
  }
  printStats('publish (review call)', reviews);
  printStats('publish until found by search', samples);
} finally {
  child.kill();
  rmSync(dir, { recursive: true, force: true });
}
