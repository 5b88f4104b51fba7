import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start } from './main';
import { insertItems } from './catalog/store';
import { generateCatalog, SEED_IDS } from './seed/data/catalog';
import { EXAMPLE_ANSWERS } from './seed/data/services';
import { startTestServer, type TestServer } from './testing';
import type { AccessLogVerification, CatalogPage } from '../src/core/catalog-types';
import { generateSm2KeyPair, signedBytes, sm2Sign, sm3Hex } from '../src/core/crypto';

/**
 * Two instances of the backend on one PostgreSQL database (SPEC §5): what must hold across
 * instances is kept in the database. (The full-size check, 1,000 applicants with one instance
 * killed, is bench/instances.bench.ts.)
 */
const postgres = process.env.EGOV_TEST_DATABASE_URL;
const VERIFY_LIMIT = 6;

describe.skipIf(!postgres)('two instances on one PostgreSQL database', () => {
  let a: TestServer;
  let b: { origin: string; stop: () => Promise<void> };
  let zhang: string;

  beforeAll(async () => {
    // Read when the routes are made: a small verification limit, so it is reached quickly.
    process.env.EGOV_VERIFY_RATE_LIMIT = String(VERIFY_LIMIT);
    process.env.EGOV_VERIFY_RATE_WINDOW_MS = '60000';
    a = await startTestServer({ EGOV_SECRET: 'two-instances' });
    const second = await start({ ...process.env, PORT: '0', HOST: '127.0.0.1', EGOV_LOG: '0', EGOV_DEMO: '1', EGOV_SECRET: 'two-instances', DATABASE_URL: a.databaseUrl! });
    b = { origin: `http://127.0.0.1:${second.port}`, stop: second.stop };
    zhang = await a.login('citizen-001');
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  const post = (origin: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(origin + path, { method: 'POST', headers: { Authorization: `Bearer ${zhang}`, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) })
      .then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, any> }));

  it('accepts a token issued by the other instance (sessions are stateless)', async () => {
    const me = await fetch(b.origin + '/api/auth/me', { headers: { Authorization: `Bearer ${zhang}` } });
    expect(me.status).toBe(200);
  });

  it('stores one application per Idempotency-Key when the same submission reaches both instances at once', async () => {
    const keys = generateSm2KeyPair();
    const { body: { keyId } } = await post(a.origin, '/api/signing-keys', { publicKey: keys.publicKey, algorithm: 'SM2-SM3' });
    const form = new FormData();
    form.append('file', new Blob([new TextEncoder().encode('%PDF-1.7\n' + 'x'.repeat(2000))], { type: 'application/pdf' }), 'scan.pdf');
    const { uploadId } = (await (await fetch(a.origin + '/api/uploads', { method: 'POST', headers: { Authorization: `Bearer ${zhang}` }, body: form })).json()) as { uploadId: string };
    const content = {
      serviceCode: 'birth-registration',
      data: EXAMPLE_ANSWERS['birth-registration'],
      materials: [
        { code: 'birth-medical-certificate', uploadId },
        { code: 'parents-hukou', certificateId: 'cert-hukou-001' },
        { code: 'marriage-certificate', certificateId: 'cert-marriage-001' },
      ],
    };
    const before = await countApplications();
    const attempts = Array.from({ length: 15 }, () => {
      const head = { signerId: 'citizen-001', signedAt: new Date().toISOString(), handwritingDigest: null };
      const bytes = signedBytes(content, head);
      const signature = { algorithm: 'SM2-SM3', keyId, publicKey: keys.publicKey, digest: sm3Hex(bytes), signature: sm2Sign(bytes, keys.privateKey, keys.publicKey), ...head };
      const key = crypto.randomUUID();
      return Promise.all([a.origin, b.origin].map((origin) => post(origin, '/api/applications', { ...content, signature }, { 'Idempotency-Key': key })));
    });
    const answers = await Promise.all(attempts);
    for (const [first, second] of answers) {
      expect([first!.status, second!.status]).toEqual([201, 201]);
      expect(second!.body.id).toBe(first!.body.id);
      expect(second!.body.receiptNo).toBe(first!.body.receiptNo);
    }
    expect(new Set(answers.map(([first]) => first!.body.receiptNo)).size).toBe(15);
    expect(await countApplications()).toBe(before + 15);
  });

  it('counts a rate limit once across both instances', async () => {
    const verify = (origin: string) => post(origin, '/api/certificates/verify', { number: 'ZJ-NOSUCH-0000', verificationCode: 'ABCD-EFGH-JKLM' });
    const statuses: number[] = [];
    for (let i = 0; i < VERIFY_LIMIT + 2; i++) statuses.push((await verify(i % 2 ? b.origin : a.origin)).status);
    expect(statuses.slice(0, VERIFY_LIMIT).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(VERIFY_LIMIT)).toEqual([429, 429]);
  });

  it('makes one server-held signing key when both instances sign first at once', async () => {
    const li = await a.login('citizen-002');
    const sign = (origin: string) => fetch(origin + '/api/signatures', { method: 'POST', headers: { Authorization: `Bearer ${li}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ payload: { n: 1 } }) }).then((r) => r.json() as Promise<{ keyId: string }>);
    const [x, y] = await Promise.all([sign(a.origin), sign(b.origin)]);
    expect(y.keyId).toBe(x.keyId);
  });

  it('shows a catalog entry added through one instance in the other’s next search', async () => {
    const search = (origin: string) => fetch(origin + '/api/catalog/items?q=' + encodeURIComponent('跨实例可见')).then((r) => r.json() as Promise<CatalogPage>);
    expect((await search(b.origin)).total).toBe(0);
    const base = generateCatalog(1)[0]!;
    await a.store.db.transaction().execute((trx) => insertItems(trx, a.store.engine, [{ ...base, id: '330000-TJ-CROSS1', name: '跨实例可见的条目', open: 'open' }]));
    expect((await search(b.origin)).items.map((i) => i.id)).toEqual(['330000-TJ-CROSS1']);
  });

  it('appends the access log from both instances at once without forking its chain', async () => {
    const [staff, reviewer] = await Promise.all([a.login('staff-001'), a.login('reviewer-001')]);
    const asStaff = { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/json' };
    // A restricted entry (not open to all), so every call is made under a grant and logged.
    const request = (await (await fetch(a.origin + `/api/catalog/items/${SEED_IDS.restrictedGA}/access-requests`, {
      method: 'POST', headers: asStaff, body: JSON.stringify({ purpose: '跨实例访问记录核对', legalBasis: '《浙江省公共数据和电子政务管理办法》第二十二条' }),
    })).json()) as { id: string };
    const decided = await fetch(b.origin + `/api/access-requests/${request.id}/decision`, {
      method: 'POST', headers: { Authorization: `Bearer ${reviewer}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ decision: 'approve', reason: '用途明确' }),
    });
    expect((await decided.json()).status).toBe('approved');
    // First pages only: a grant without a copy pages no further unfiltered (Art. 23, FILTER_REQUIRED).
    const calls = await Promise.all(Array.from({ length: 20 }, (_, i) => fetch((i % 2 ? b.origin : a.origin) + `/api/data/${SEED_IDS.restrictedGA}/rows?page=1&pageSize=${1 + (i % 10)}`, { headers: asStaff })));
    expect(calls.map((r) => r.status)).toEqual(Array(20).fill(200));
    const verify = (await (await fetch(b.origin + '/api/access-log/verify', { headers: { Authorization: `Bearer ${reviewer}` } })).json()) as AccessLogVerification;
    const count = await a.store.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(verify).toMatchObject({ ok: true, length: Number(count.n) });
    expect(Number(count.n)).toBeGreaterThanOrEqual(20);
  });

  async function countApplications(): Promise<number> {
    const row = await a.store.db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
});
