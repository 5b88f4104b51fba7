import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccessLogVerification } from '../src/core/catalog-types';
import { canonicalBytes } from '../src/core/crypto/canonical-json';
import { appendEvent, insertApplication } from './applications/store';
import { AccessLogVerifier } from './checkpoints/access-log';
import { checkpointVerifies, type Checkpoint, type CheckpointKey } from './checkpoints/checkpoint';
import { checkpointsOf } from './checkpoints/service';
import { appendAccess, recordHash } from './data/access-log';
import { recordsFrom } from './data/access-log-store';
import { start } from './main';
import { SEED_IDS } from './seed/data/catalog';
import { EXAMPLE_ANSWERS } from './seed/data/services';
import { dropAppendOnly } from './store/migrations/0008-data';
import { opensslHasSm2, opensslVerifies } from './test-openssl';
import { startTestServer, type TestServer } from './testing';

/**
 * Checkpoints of the chains, over HTTP on SQLite and PostgreSQL:
 * signed, kept in the keys directory, published; a chain cut short or recomputed after a
 * change is broken; verification is incremental and rate-limited; a case whose last event
 * was removed is not sealed.
 */

type Verification = AccessLogVerification & { error?: { code: string } };
interface CheckpointAnswer { key: CheckpointKey; latest: Checkpoint[]; chain: string; items: Checkpoint[]; total: number; page: number; pageSize: number }

/** A server with a keys directory of its own (on PostgreSQL too), kept after it stops so another instance can take it over. */
async function serverWithKeys(env: Record<string, string> = {}) {
  const keys = join(mkdtempSync(join(tmpdir(), 'egov-checkpoint-keys-')), 'keys');
  const server = await startTestServer({ EGOV_KEYS_DIR: keys, ...env });
  return { server, keys, reviewer: await server.login('reviewer-001') };
}

/** Runs `test` on a server with a keys directory of its own, then stops it and removes the directory. */
async function withServer(test: (running: Awaited<ReturnType<typeof serverWithKeys>>) => Promise<void>, env: Record<string, string> = {}): Promise<void> {
  const running = await serverWithKeys(env);
  try {
    await test(running);
  } finally {
    await running.server.stop();
    rmSync(join(running.keys, '..'), { recursive: true, force: true });
  }
}

/** `n` records of calls by staff-001 on an entry of 330000-GA (or of another agency), appended as /data appends them. */
async function calls(server: TestServer, n: number, itemId: string = SEED_IDS.restrictedGA, providerAgency = '330000-GA') {
  for (let i = 0; i < n; i++) {
    await appendAccess(server.store, { subjectId: 'staff-001', agency: '330000-SJ', itemId, providerAgency, grantId: 'g-test', purpose: '核验户籍信息', route: 'GET /data/{itemId}/rows', fields: ['xm'], rows: i });
  }
}

const verify = (server: TestServer, token: string) => server.call<Verification>('GET', '/api/access-log/verify', { token });

describe('GET /checkpoints and the incremental verification', () => {
  let server: TestServer;
  let keys: string;
  let reviewer: string;
  beforeAll(async () => ({ server, keys, reviewer } = await serverWithKeys({ EGOV_VERIFY_SWEEP: '3' })));
  afterAll(async () => {
    await server.stop();
    rmSync(join(keys, '..'), { recursive: true, force: true });
  });
  // Each test may call verify often; the limit has a test of its own.
  beforeEach(() => server.store.db.deleteFrom('rate_limits').execute());

  it('publishes signed checkpoints that the project\'s SM2 and OpenSSL verify, kept as files in the keys directory', async () => {
    await calls(server, 5);
    const verified = await verify(server, reviewer);
    expect(verified.body).toMatchObject({ ok: true, length: 5 });
    const answer = (await server.call<CheckpointAnswer>('GET', '/api/checkpoints')).body;
    const checkpoint = answer.latest.find((c) => c.chain === 'access-log')!;
    expect(checkpoint).toEqual({ chain: 'access-log', length: 5, head: verified.body.head, at: expect.any(String), keyId: answer.key.keyId, signature: expect.stringMatching(/^[0-9a-f]+$/) });
    expect(answer).toMatchObject({ chain: 'access-log', items: [checkpoint], total: 1, page: 1 });
    expect(checkpointVerifies(checkpoint, answer.key.publicKey)).toBe(true);
    expect(checkpointVerifies({ ...checkpoint, length: 4 }, answer.key.publicKey)).toBe(false);
    const { signature, ...signed } = checkpoint;
    if (opensslHasSm2()) expect(opensslVerifies(answer.key.publicKey, signature, canonicalBytes(signed))).toBe(true);
    // Outside the database: a file of its own, the owner's only, beside the signing key.
    const file = join(keys, 'checkpoint.access-log.000000000001.json');
    expect(readdirSync(keys).filter((name) => name.startsWith('checkpoint.access-log.'))).toEqual(['checkpoint.access-log.000000000001.json']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).checkpoint).toEqual(checkpoint);
    expect(statSync(join(keys, 'checkpoint-signing.key')).mode & 0o777).toBe(0o600);
    // Nothing personal is published.
    expect(JSON.stringify(answer)).not.toMatch(/staff-001|330000-SJ|核验/);
    expect((await server.call('GET', '/api/checkpoints?chain=nothing')).status).toBe(400);
  });

  it('a checkpoint kept from before is still listed, and the chain extends it, after more calls', async () => {
    const before = (await server.call<CheckpointAnswer>('GET', '/api/checkpoints')).body.latest.find((c) => c.chain === 'access-log')!;
    await calls(server, 4);
    expect((await verify(server, reviewer)).body).toMatchObject({ ok: true, length: before.length + 4 });
    const after = (await server.call<CheckpointAnswer>('GET', '/api/checkpoints?pageSize=1&page=2')).body;
    expect(after.latest.find((c) => c.chain === 'access-log')!.length).toBe(before.length + 4);
    expect(after.items).toEqual([before]);
    expect(after.total).toBe(2);
    const atBefore = await server.store.db.selectFrom('access_log').select('hash').where('seq', '=', before.length).executeTakeFirstOrThrow();
    expect(atBefore.hash).toBe(before.head);
    expect(checkpointVerifies(before, after.key.publicKey)).toBe(true);
  });

  it('reads only the records after the last one verified (and a bounded sweep), with the same answer as a whole verification', async () => {
    await verify(server, reviewer);
    const verifier = checkpointsOf(server.store)!.accessLog;
    await calls(server, 6);
    const read = verifier.recordsRead;
    const next = await verify(server, reviewer);
    // The 6 new records, and at most EGOV_VERIFY_SWEEP = 3 of those verified before.
    expect(verifier.recordsRead - read).toBeGreaterThanOrEqual(6);
    expect(verifier.recordsRead - read).toBeLessThanOrEqual(6 + 3);
    const whole = await new AccessLogVerifier(server.store.db, 0).verify([]);
    expect(next.body).toMatchObject({ ok: true, length: whole.length, head: whole.head });
    expect(whole.length).toBe(15);
  });

  it('shows each reviewer their own agency\'s part of the log and whether the whole chain holds', async () => {
    const other = '330000-TJ';
    await calls(server, 2, SEED_IDS.openUnconditional, other);
    const res = await verify(server, reviewer);
    const total = await server.store.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const ours = await server.store.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).where('provider_agency', '=', '330000-GA').executeTakeFirstOrThrow();
    expect(res.body).toMatchObject({ ok: true, length: Number(total.n), agencyLength: Number(ours.n) });
    expect(res.body.agencyLength).toBe(res.body.length - 2);
  });

  it('still finds an edit inside the part verified before: the sweep reaches it within ⌈length / sweep⌉ calls', async () => {
    const db = server.store.db;
    await verify(server, reviewer);
    const length = (await verify(server, reviewer)).body.length;
    await dropAppendOnly(db, server.store.engine, 'access_log');
    const target = await db.selectFrom('access_log').select('rows').where('seq', '=', 2).executeTakeFirstOrThrow();
    await db.updateTable('access_log').set({ rows: target.rows + 1000 }).where('seq', '=', 2).execute();
    const answers: Verification[] = [];
    for (let i = 0; i < Math.ceil(length / 3) + 1 && !answers.at(-1)?.brokenAt; i++) answers.push((await verify(server, reviewer)).body);
    expect(answers.at(-1)).toMatchObject({ ok: false, brokenAt: 2, reason: 'altered' });
    await db.updateTable('access_log').set({ rows: target.rows }).where('seq', '=', 2).execute();
    expect((await verify(server, reviewer)).body.ok).toBe(true);
  });

  it('is limited to ten calls a minute per subject (429 with Retry-After)', async () => {
    for (let i = 0; i < 10; i++) expect((await verify(server, reviewer)).status).toBe(200);
    const limited = await verify(server, reviewer);
    expect(limited.status).toBe(429);
    expect(limited.body.error!.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another subject has their own allowance.
    expect((await verify(server, await server.login('staff-001'))).status).toBe(403);
  });

  describe('a case whose last event is removed before its approval', () => {
    const officer = () => server.login('officer-001');
    async function acceptedCase(): Promise<string> {
      const data = { ...EXAMPLE_ANSWERS['birth-registration'] };
      const materials = [{ code: 'parents-hukou', certificateId: 'cert-hukou-001' }, { code: 'marriage-certificate', certificateId: 'cert-marriage-001' }];
      const id = crypto.randomUUID();
      const at = new Date().toISOString();
      // Submitted as POST /applications stores it (its checks are not what is tested here).
      await server.store.db.transaction().execute(async (trx) => {
        await insertApplication(trx, {
          id, applicant_subject_id: 'citizen-001', service_code: 'birth-registration', agency_code: '330000-GA', data: JSON.stringify(data), materials: JSON.stringify(materials),
          signature: null, receipt_no: 'ZJ-CHECKPOINT-' + id.slice(0, 8), status: 'submitted', version: 1, submitted_at: at, updated_at: at, queue_key: '~' + at,
        });
        await appendEvent(trx, id, { at, action: 'submitted', actor: { kind: 'applicant', name: '张三' } });
      });
      const accepted = await server.call('POST', `/api/cases/${id}/decisions`, { token: await officer(), body: { action: 'accept' }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
      expect(accepted.status).toBe(200);
      return id;
    }
    const approve = async (id: string) => server.call<{ error?: { code: string; message: string } }>('POST', `/api/cases/${id}/decisions`, { token: await officer(), body: { action: 'approve' }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    const removeLastEvent = (id: string) => server.store.db.deleteFrom('application_events').where('application_id', '=', id).where('seq', '=', 2).execute();

    it('is not sealed: HISTORY_BROKEN, no certificate, no archival record; the checkpoint finds it truncated', async () => {
      const id = await acceptedCase();
      const checkpoints = checkpointsOf(server.store)!;
      await checkpoints.checkpoint();
      expect(checkpoints.caseHead(id)).toMatchObject({ length: 2 });
      const latest = (await server.call<CheckpointAnswer>('GET', '/api/checkpoints?chain=case-history')).body;
      expect(latest.items[0]).toMatchObject({ chain: 'case-history', length: expect.any(Number) });
      expect(checkpointVerifies(latest.items[0]!, latest.key.publicKey)).toBe(true);

      // Someone with database access removes the acceptance: what remains still follows its chain.
      await removeLastEvent(id);
      const refused = await approve(id);
      expect(refused.status).toBe(409);
      expect(refused.body.error!.code).toBe('HISTORY_BROKEN');
      const row = await server.store.db.selectFrom('applications').select(['status', 'certificate_id']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'accepted', certificate_id: null });
      expect(await server.store.db.selectFrom('archival_records').select('application_id').where('application_id', '=', id).executeTakeFirst()).toBeUndefined();
      // The history is reported broken: in the case as the officer reads it, and by the checkpoint, which keeps its old head.
      expect((await server.call('GET', `/api/cases/${id}`, { token: await officer() })).body.historyBroken).toEqual({ at: 2 });
      await checkpoints.checkpoint();
      expect(checkpoints.brokenCases).toContainEqual({ applicationId: id, brokenAt: 2, reason: 'truncated' });
      expect(checkpoints.caseHead(id)).toMatchObject({ length: 2 });
    });

    it('is not sealed either when no checkpoint has seen it: the history no longer ends with the acceptance', async () => {
      const id = await acceptedCase();
      await removeLastEvent(id);
      const refused = await approve(id);
      expect(refused.status).toBe(409);
      expect(refused.body.error!.code).toBe('HISTORY_BROKEN');
      expect(refused.body.error!.message).toMatch(/does not end with the event/);
    });

    it('an untouched case is approved and sealed as before', async () => {
      const id = await acceptedCase();
      expect((await approve(id)).status).toBe(200);
      expect(await server.store.db.selectFrom('archival_records').select('application_id').where('application_id', '=', id).executeTakeFirst()).toBeDefined();
    });
  });
});

/** Another instance on the same database and keys directory; `stop` ends it. */
async function secondInstance(server: TestServer, keys: string) {
  const running = await start({
    ...process.env, PORT: '0', HOST: '127.0.0.1', EGOV_LOG: '0', EGOV_DEMO: '1', EGOV_KEYS_DIR: keys,
    EGOV_DB: server.dbFile, DATABASE_URL: server.databaseUrl ?? '',
  });
  const origin = `http://127.0.0.1:${running.port}`;
  const login = await fetch(origin + '/api/auth/demo-login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ subjectId: 'reviewer-001' }) });
  const token = ((await login.json()) as { token: string }).token;
  const verifyThere = async () => (await fetch(origin + '/api/access-log/verify', { headers: { Authorization: `Bearer ${token}` } })).json() as Promise<Verification>;
  return { verify: verifyThere, stop: () => running.stop() };
}

describe('checkpoints made on their own', () => {
  it('every EGOV_CHECKPOINT_SECONDS after appends, without a verification', () => withServer(async ({ server }) => {
    await calls(server, 3);
    const latest = async () => (await server.call<CheckpointAnswer>('GET', '/api/checkpoints')).body.latest.find((c) => c.chain === 'access-log');
    for (let i = 0; i < 50 && !(await latest()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await latest()).toMatchObject({ length: 3 });
  }, { EGOV_CHECKPOINT_SECONDS: '0.2' }));

  it('at a clean stop, for the chains that grew since', () => withServer(async ({ server, keys, reviewer }) => {
    await calls(server, 3);
    expect((await verify(server, reviewer)).body).toMatchObject({ ok: true, length: 3 });
    await calls(server, 2);
    await server.stop();
    const files = readdirSync(keys).filter((name) => name.startsWith('checkpoint.access-log.')).sort();
    expect(files).toHaveLength(2);
    expect(JSON.parse(readFileSync(join(keys, files[1]!), 'utf8')).checkpoint).toMatchObject({ length: 5 });
  }));
});

describe('instances sharing one keys directory', () => {
  it('share one numbering of checkpoints, each extending the one before', () => withServer(async ({ server, keys, reviewer }) => {
    await calls(server, 3);
    expect((await verify(server, reviewer)).body).toMatchObject({ ok: true, length: 3 });
    const other = await secondInstance(server, keys);
    try {
      await calls(server, 2);
      expect(await other.verify()).toMatchObject({ ok: true, length: 5 });
      await calls(server, 2);
      // This instance has not seen checkpoint 2 being written: it reads it, and writes the 3rd.
      expect((await verify(server, reviewer)).body).toMatchObject({ ok: true, length: 7 });
    } finally {
      await other.stop();
    }
    const answer = (await server.call<CheckpointAnswer>('GET', '/api/checkpoints')).body;
    expect(answer.items.map((c) => c.length)).toEqual([7, 5, 3]);
    expect(readdirSync(keys).filter((name) => name.startsWith('checkpoint.access-log.')).sort()).toEqual([1, 2, 3].map((n) => `checkpoint.access-log.00000000000${n}.json`));
  }));
});

describe('a chain cut short or recomputed is broken', () => {
  it('records deleted from the end: truncated, on this instance and on one started afterwards with the same keys directory', () => withServer(async ({ server, keys, reviewer }) => {
    await calls(server, 8);
    expect((await verify(server, reviewer)).body).toMatchObject({ ok: true, length: 8 });
    await dropAppendOnly(server.store.db, server.store.engine, 'access_log');
    await server.store.db.deleteFrom('access_log').where('seq', '>', 5).execute();
    // The three records are gone without a trace in what remains: it is only shorter.
    expect((await new AccessLogVerifier(server.store.db, 0).verify([])).ok).toBe(true);
    expect((await verify(server, reviewer)).body).toMatchObject({ ok: false, brokenAt: 6, reason: 'truncated' });
    // A new instance remembers nothing of it, but reads the checkpoint from the keys directory.
    const later = await secondInstance(server, keys);
    try {
      expect(await later.verify()).toMatchObject({ ok: false, length: 5, brokenAt: 6, reason: 'truncated' });
    } finally {
      await later.stop();
    }
  }));

  it('a record rewritten and every hash after it recomputed: rewritten', () => withServer(async ({ server, reviewer }) => {
    await calls(server, 6);
    expect((await verify(server, reviewer)).body).toMatchObject({ ok: true, length: 6 });
    await calls(server, 3);
    expect((await verify(server, reviewer)).body).toMatchObject({ ok: true, length: 9 });
    const db = server.store.db;
    await dropAppendOnly(db, server.store.engine, 'access_log');
    // Record 8 says fewer rows were taken; 8 and 9 are hashed again, so the chain holds in itself.
    let prevHash = (await db.selectFrom('access_log').select('hash').where('seq', '=', 7).executeTakeFirstOrThrow()).hash;
    for (const seq of [8, 9]) {
      const { record } = (await recordsFrom(db, seq, 1))[0]!;
      const { hash: _old, ...unhashed } = { ...record, rows: seq === 8 ? 0 : record.rows, prevHash };
      const hash = recordHash(unhashed);
      await db.updateTable('access_log').set({ rows: unhashed.rows, prev_hash: prevHash, hash }).where('seq', '=', seq).execute();
      prevHash = hash;
    }
    expect((await new AccessLogVerifier(db, 0).verify([])).ok).toBe(true);
    const res = await verify(server, reviewer);
    // The earliest checkpoint (length 6) still holds: the change is after it, at or before 9.
    expect(res.body).toMatchObject({ ok: false, brokenAt: 9, reason: 'rewritten' });
  }));
});
