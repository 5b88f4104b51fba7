/**
 * Several instances on one PostgreSQL (SPEC §5), printed, not asserted:
 * - POST /applications throughput with one instance and with two behind a loopback proxy;
 * - the soak: 1,000 applicants at once through the proxy to two instances, each retrying
 *   with its one Idempotency-Key until answered; one instance is killed (SIGKILL) part-way.
 *   Afterwards the database must hold exactly one application per applicant and every
 *   acknowledged one. Also run on SQLite with one instance, for comparison, where the
 *   instance is stopped with SIGTERM part-way and started again (a graceful restart).
 *
 *   node --import tsx bench/instances.bench.ts [applicants=1000] [throughputApplicants=200]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, Agent, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { startCluster, findPostgres } from '../scripts/pg-cluster.mjs';
import { freePort } from '../tests/support/reference-server.mjs';
import { openStore, type Store } from '../server/store/database';
import { seed } from '../server/seed';
import { TokenService } from '../server/tokens';
import { EXAMPLE_ANSWERS } from '../server/seed/data/services';
import { generateSm2KeyPair, signedBytes, sm2Sign, sm3Hex } from '../src/core/crypto';
import { printStats } from './support';

const SOAK = Number(process.argv[2] ?? 1000);
const THROUGHPUT = Number(process.argv[3] ?? 200);
const SECRET = 'bench-instances-secret';
const tokens = new TokenService(SECRET);

interface Applicant {
  id: string;
  token: string;
  keys: { publicKey: string; privateKey: string };
  key: string;
  body?: unknown;
}

function applicants(prefix: string, n: number): Applicant[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `${prefix}-${String(i + 1).padStart(5, '0')}`;
    return { id, token: tokens.issue(id, 3 * 3600).token, keys: generateSm2KeyPair(), key: crypto.randomUUID() };
  });
}

async function addSubjects(store: Store, list: Applicant[]): Promise<void> {
  for (let i = 0; i < list.length; i += 500) {
    await store.db.insertInto('subjects').values(list.slice(i, i + 500).map((a) => ({ id: a.id, name: '测试申请人', kind: 'citizen', agency_code: null, id_number: '33010619900101123X', mobile: '13800138000' }))).execute();
  }
}

async function startInstance(env: Record<string, string>): Promise<{ origin: string; child: ChildProcess; stop: () => Promise<void> }> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', EGOV_SECRET: SECRET, EGOV_LOG: '0', EGOV_DEMO: '1', EGOV_TRUST_PROXY: '1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error('instance exited during start-up');
    try {
      if ((await fetch(origin + '/healthz')).ok) break;
    } catch {
      /* starting */
    }
    if (i > 600) throw new Error('instance did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return { origin, child, stop };
}

/** A round-robin HTTP proxy on loopback; a backend that refuses or drops a connection is taken out, the client gets 502. */
async function startProxy(backends: string[]): Promise<{ origin: string; server: Server; errors: () => number }> {
  const live = backends.map((b) => new URL(b));
  const down = new Set<string>();
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  let next = 0;
  let errors = 0;
  const server = createServer((req, res) => {
    const candidates = live.filter((u) => !down.has(u.host));
    const target = candidates[next++ % Math.max(1, candidates.length)];
    if (!target) {
      res.writeHead(503).end();
      return;
    }
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, agent,
      headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      errors++;
      down.add(target.host);
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstream);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return { origin: `http://127.0.0.1:${port}`, server, errors: () => errors };
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (i < items.length) await work(items[i++]!);
  }));
}

const pdf = new Uint8Array(20 * 1024);
pdf.set(new TextEncoder().encode('%PDF-1.7\n'));

/** Uploads the applicant's scan, registers its key and signs what it will submit. */
async function prepare(origin: string, a: Applicant): Promise<void> {
  const auth = { Authorization: `Bearer ${a.token}` };
  const form = new FormData();
  form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'scan.pdf');
  const up = await fetch(origin + '/api/uploads', { method: 'POST', headers: auth, body: form });
  if (up.status !== 201) throw new Error('upload ' + up.status + ' ' + (await up.text()));
  const { uploadId } = (await up.json()) as { uploadId: string };
  const reg = await fetch(origin + '/api/signing-keys', { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ publicKey: a.keys.publicKey, algorithm: 'SM2-SM3' }) });
  if (reg.status !== 201) throw new Error('key ' + reg.status + ' ' + (await reg.text()));
  const { keyId } = (await reg.json()) as { keyId: string };
  const content = {
    serviceCode: 'birth-registration',
    data: EXAMPLE_ANSWERS['birth-registration'],
    materials: ['birth-medical-certificate', 'parents-hukou', 'marriage-certificate'].map((code) => ({ code, uploadId })),
  };
  const head = { signerId: a.id, signedAt: new Date().toISOString(), handwritingDigest: null };
  const bytes = signedBytes(content, head);
  a.body = { ...content, signature: { algorithm: 'SM2-SM3', keyId, publicKey: a.keys.publicKey, digest: sm3Hex(bytes), signature: sm2Sign(bytes, a.keys.privateKey, a.keys.publicKey), ...head } };
}

interface Outcome { applicationId?: string; attempts: number; ms: number }

/** Submits until answered 201/200, retrying (same Idempotency-Key) on 5xx, 429 and dropped connections. */
async function submit(origin: string, a: Applicant): Promise<Outcome> {
  const started = performance.now();
  for (let attempt = 1; attempt <= 60; attempt++) {
    try {
      const res = await fetch(origin + '/api/applications', {
        method: 'POST',
        headers: { Authorization: `Bearer ${a.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': a.key },
        body: JSON.stringify(a.body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      if (res.status === 201 || res.status === 200) return { applicationId: (JSON.parse(text) as { id: string }).id, attempts: attempt, ms: performance.now() - started };
      if (res.status < 500 && res.status !== 429 && res.status !== 409) throw new Error(`${a.id}: ${res.status} ${text}`);
    } catch (error) {
      if (error instanceof Error && /^\S+: \d{3} /.test(error.message)) throw error;
    }
    await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random())));
  }
  return { attempts: 60, ms: performance.now() - started };
}

async function throughput(label: string, origin: string, list: Applicant[], concurrency = 50): Promise<void> {
  const started = performance.now();
  const samples: number[] = [];
  await pool(list, concurrency, async (a) => {
    const outcome = await submit(origin, a);
    if (!outcome.applicationId) throw new Error('not submitted: ' + a.id);
    samples.push(outcome.ms);
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label}: ${list.length} applications in ${seconds.toFixed(1)} s = ${(list.length / seconds).toFixed(0)} per second (${concurrency} at a time)`);
  printStats(`  ${label}, latency`, samples);
}

async function countByApplicant(store: Store, prefix: string): Promise<Map<string, number>> {
  const rows = await sql<{ applicant: string; n: number }>`SELECT applicant_subject_id AS applicant, count(*) AS n FROM applications WHERE applicant_subject_id LIKE ${prefix + '-%'} GROUP BY applicant_subject_id`.execute(store.db);
  return new Map(rows.rows.map((r) => [r.applicant, Number(r.n)]));
}

// ── SQLite, one instance (for comparison) ─────────────────────────────────────────────
{
  const dir = mkdtempSync(join(tmpdir(), 'egov-instances-'));
  const file = join(dir, 'egov.sqlite');
  const store = await openStore({ sqliteFile: file });
  await seed(store);
  const list = applicants('sq', THROUGHPUT);
  const soak = applicants('sqsoak', SOAK);
  await addSubjects(store, [...list, ...soak]);
  let one = await startInstance({ EGOV_DB: file, DATABASE_URL: '' });
  try {
    await pool([...list, ...soak], 20, (a) => prepare(one.origin, a));
    await throughput('SQLite, 1 instance', one.origin, list);

    // The soak on one instance: everyone at once, each retrying with its one Idempotency-Key;
    // once a third are acknowledged the instance gets SIGTERM (a graceful restart, as a
    // deployment does it) and is started again on the same file.
    const acknowledged = new Map<string, string>();
    const origin = one.origin;
    let restartedAt: number | undefined;
    let restart: Promise<void> | undefined;
    const t = performance.now();
    const outcomes = await Promise.all(soak.map(async (a) => {
      const outcome = await submit(origin, a);
      if (outcome.applicationId) acknowledged.set(a.id, outcome.applicationId);
      if (restartedAt === undefined && acknowledged.size >= SOAK / 3) {
        restartedAt = acknowledged.size;
        restart = one.stop().then(async () => {
          one = await startInstance({ EGOV_DB: file, DATABASE_URL: '', PORT: new URL(origin).port });
        });
      }
      return outcome;
    }));
    await restart;
    const seconds = (performance.now() - t) / 1000;
    const counts = await countByApplicant(store, 'sqsoak');
    const stored = await sql<{ id: string }>`SELECT id FROM applications WHERE applicant_subject_id LIKE 'sqsoak-%'`.execute(store.db);
    const storedIds = new Set(stored.rows.map((r) => r.id));
    const lost = [...acknowledged.values()].filter((id) => !storedIds.has(id)).length;
    const duplicated = [...counts.values()].filter((n) => n > 1).length;
    const unanswered = outcomes.filter((o) => !o.applicationId).length;
    const retried = outcomes.filter((o) => o.attempts > 1).length;
    console.log(`\nsoak on SQLite: ${SOAK} applicants at once to 1 instance, stopped (SIGTERM) and started again after ${restartedAt ?? '—'} acknowledgements`);
    console.log(`  ${storedIds.size} applications created, ${lost} acknowledged but lost, ${duplicated} applicants with more than one application, ${unanswered} never answered`);
    console.log(`  ${retried} applicants retried (${outcomes.reduce((s, o) => s + o.attempts - 1, 0)} retries); ${seconds.toFixed(1)} s in all`);
    printStats('  soak on SQLite, time to an acknowledgement', outcomes.map((o) => o.ms));
    console.log(storedIds.size === SOAK && lost === 0 && duplicated === 0 ? '  ✓ one application per applicant, none lost, none duplicated' : '  ✗ the soak did not hold');
  } finally {
    await store.close();
    await one.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!findPostgres()) {
  console.log('\nPostgreSQL is not installed (apt-get install -y postgresql): the multi-instance figures need it.');
  process.exit(0);
}

const cluster = await startCluster();
const instances: Array<Awaited<ReturnType<typeof startInstance>>> = [];
let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;
try {
  const admin = await openStore({ databaseUrl: cluster.url });
  await sql`CREATE DATABASE egov_bench`.execute(admin.db);
  await admin.close();
  const url = cluster.url.replace(/\/postgres$/, '/egov_bench');
  const store = await openStore({ databaseUrl: url });
  await seed(store);
  const one = applicants('one', THROUGHPUT);
  const two = applicants('two', THROUGHPUT);
  const soak = applicants('soak', SOAK);
  await addSubjects(store, [...one, ...two, ...soak]);

  instances.push(await startInstance({ DATABASE_URL: url }), await startInstance({ DATABASE_URL: url }));
  proxy = await startProxy(instances.map((i) => i.origin));
  let t = performance.now();
  await pool([...one, ...two, ...soak], 40, (a) => prepare(proxy!.origin, a));
  console.log(`\nprepared ${one.length + two.length + soak.length} applicants (upload, key, signature) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  await throughput('PostgreSQL, 1 instance', instances[0]!.origin, one);
  await throughput('PostgreSQL, 2 instances behind the proxy', proxy.origin, two);

  // The soak: everyone at once, one instance killed once a third are acknowledged.
  const acknowledged = new Map<string, string>();
  let killedAt: number | undefined;
  t = performance.now();
  const outcomes = await Promise.all(soak.map(async (a) => {
    const outcome = await submit(proxy!.origin, a);
    if (outcome.applicationId) acknowledged.set(a.id, outcome.applicationId);
    if (killedAt === undefined && acknowledged.size >= SOAK / 3) {
      killedAt = acknowledged.size;
      instances[1]!.child.kill('SIGKILL');
    }
    return outcome;
  }));
  const seconds = (performance.now() - t) / 1000;
  const counts = await countByApplicant(store, 'soak');
  const stored = await sql<{ id: string }>`SELECT id FROM applications WHERE applicant_subject_id LIKE 'soak-%'`.execute(store.db);
  const storedIds = new Set(stored.rows.map((r) => r.id));
  const lost = [...acknowledged.values()].filter((id) => !storedIds.has(id)).length;
  const duplicated = [...counts.values()].filter((n) => n > 1).length;
  const unanswered = outcomes.filter((o) => !o.applicationId).length;
  const retried = outcomes.filter((o) => o.attempts > 1).length;
  console.log(`\nsoak: ${SOAK} applicants at once through the proxy to 2 instances, instance 2 killed (SIGKILL) after ${killedAt ?? '—'} acknowledgements`);
  console.log(`  ${acknowledged.size} acknowledged, ${storedIds.size} stored, ${lost} acknowledged but lost, ${duplicated} applicants with more than one application, ${unanswered} never answered`);
  console.log(`  ${retried} applicants retried (${outcomes.reduce((s, o) => s + o.attempts - 1, 0)} retries), ${proxy.errors()} connections dropped by the killed instance; ${seconds.toFixed(1)} s in all`);
  printStats('  soak, time to an acknowledgement (with retries)', outcomes.map((o) => o.ms));
  console.log(storedIds.size === SOAK && lost === 0 && duplicated === 0 ? '  ✓ one application per applicant, none lost, none duplicated' : '  ✗ the soak did not hold');
  await store.close();
} finally {
  proxy?.server.close();
  for (const instance of instances) await instance.stop();
  cluster.stop();
}
