import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from './testing';
import { verifyRateLimit } from './routes/certificates';
import { sealClearVerificationCodes } from './certificates/verification-code';
import { keyLocation } from './signatures/secrets';
import { CERTIFICATE_SEEDS } from './seed/data/certificates';
import { canonicalBytes } from '../src/core/crypto/canonical-json';
import { sm2Verify } from '../src/core/crypto/sm';
import { encodeQrPayload, sealedContent, verifySeal, type Certificate, type TrustedIssuer, type VerifyResult } from '../src/core/crypto/seal';

const seed = (id: string) => CERTIFICATE_SEEDS.find((s) => s.id === id)!;
const HUKOU = seed('cert-hukou-001');

let server: TestServer;
let citizen: string;
let citizen2: string;
let org: string;
beforeAll(async () => {
  server = await startTestServer();
  [citizen, citizen2, org] = await Promise.all([server.login('citizen-001'), server.login('citizen-002'), server.login('org-001')]);
});
afterAll(() => server.stop());

describe('GET /trust/issuers', () => {
  it('lists published SM2 issuer keys, never a private key, and not the unpublished one', async () => {
    const { status, body } = await server.call<TrustedIssuer[]>('GET', '/api/trust/issuers');
    expect(status).toBe(200);
    expect(body.map((k) => k.keyId).sort()).toEqual(['GA-SEAL-2015', 'GA-SEAL-2021', 'MZ-SEAL-2015', 'SC-SEAL-2018']);
    for (const key of body) {
      expect(key.publicKey).toMatch(/^04[0-9a-f]{128}$/);
      expect(key.algorithm).toBe('SM2-SM3');
      expect(Object.keys(key).sort()).toEqual(['agency', 'algorithm', 'keyId', 'publicKey', 'validFrom', 'validTo']);
    }
    expect(body.find((k) => k.keyId === 'GA-SEAL-2021')!.agency).toEqual({ code: '330000-GA', name: '浙江省公安厅' });
    expect(JSON.stringify(body)).not.toMatch(/private/i);
  });
});

describe('GET /certificates', () => {
  it('needs sign-in', async () => {
    expect((await server.call('GET', '/api/certificates')).status).toBe(401);
    expect((await server.call('GET', '/api/certificates/lookup?type=hukou')).status).toBe(401);
    expect((await server.call('GET', '/api/certificates/cert-hukou-001')).status).toBe(401);
  });

  it("lists the subject's own certificates, sealed with the keys of the trust list", async () => {
    const { status, body } = await server.call<Certificate[]>('GET', '/api/certificates', { token: citizen });
    expect(status).toBe(200);
    expect(body.map((c) => c.type.code).sort()).toEqual(['hukou', 'id-card', 'marriage']);
    const trust = (await server.call<TrustedIssuer[]>('GET', '/api/trust/issuers')).body;
    for (const certificate of body) {
      expect(certificate.status).toBe('valid');
      expect(certificate.verificationCode).toBeUndefined();
      expect(certificate.holder).toEqual({ name: '张三', idNumberMasked: '3301**********123X' });
      const key = trust.find((k) => k.keyId === certificate.seal.keyId)!;
      // Checked with the bare primitives too: SM2 over the JCS bytes of the sealed content.
      expect(sm2Verify(canonicalBytes(sealedContent(certificate)), certificate.seal.signature, key.publicKey)).toBe(true);
      expect(verifySeal(certificate, trust).status).toBe('valid');
    }
    const hukou = body.find((c) => c.type.code === 'hukou')!;
    expect(hukou).toMatchObject({ id: 'cert-hukou-001', number: HUKOU.number, type: { name: '居民户口簿' }, issuer: { code: '330000-GA', name: '浙江省公安厅' } });
    const org1 = (await server.call<Certificate[]>('GET', '/api/certificates', { token: org })).body;
    expect(org1.map((c) => [c.type.code, c.issuer.code])).toEqual([['business-licence', '330000-SC']]);
  });

  it('reports the revoked and the expired certificate of citizen-002 as such', async () => {
    const { body } = await server.call<Certificate[]>('GET', '/api/certificates', { token: citizen2 });
    const byId = Object.fromEntries(body.map((c) => [c.id, c.status]));
    expect(byId).toEqual({ 'cert-idcard-002': 'expired', 'cert-marriage-002': 'revoked', 'cert-hukou-002': 'valid' });
  });
});

describe('GET /certificates/{id}', () => {
  it('gives the holder the verification code and the QR payload', async () => {
    const { status, body } = await server.call<Certificate>('GET', '/api/certificates/cert-hukou-001', { token: citizen });
    expect(status).toBe(200);
    expect(body.verificationCode).toBe(HUKOU.verificationCode);
    // SPEC §4: an https URL a phone camera opens, the verify page with number and code in its fragment.
    const url = new URL(body.qrPayload!);
    expect(url.origin + url.pathname).toMatch(/^http:\/\/localhost:\d+\/verify$/);
    expect(url.search).toBe('');
    expect(Object.fromEntries(new URLSearchParams(url.hash.slice(1)))).toEqual({ number: HUKOU.number, code: HUKOU.verificationCode.replace(/-/g, '') });
    expect(body.seal.keyId).toBe('GA-SEAL-2021');
  });

  it('puts the verify page of EGOV_VERIFY_URL in the QR payload, and the verify route takes that URL as well as the EGOVCERT:1: text', async () => {
    const other = await startTestServer({ EGOV_VERIFY_URL: 'https://zwfw.example.gov.cn/zj/verify' });
    try {
      const token = await other.login('citizen-001');
      const { body } = await other.call<Certificate>('GET', '/api/certificates/cert-hukou-001', { token });
      expect(body.qrPayload!.startsWith('https://zwfw.example.gov.cn/zj/verify#number=')).toBe(true);
      for (const qrPayload of [body.qrPayload!, encodeQrPayload(HUKOU.number, HUKOU.verificationCode)]) {
        const res = await other.call<VerifyResult>('POST', '/api/certificates/verify', { body: { qrPayload } });
        expect(res.status, qrPayload).toBe(200);
        expect(res.body.status).toBe('valid');
      }
      const bad = await other.call('POST', '/api/certificates/verify', { body: { qrPayload: 'https://zwfw.example.gov.cn/zj/verify#number=X' } });
      expect(bad.status).toBe(400);
    } finally {
      await other.stop();
    }
  });

  it("answers another holder's certificate exactly like an unknown id: 404", async () => {
    const other = await server.call('GET', '/api/certificates/cert-hukou-001', { token: citizen2 });
    const unknown = await server.call('GET', '/api/certificates/cert-nope', { token: citizen2 });
    expect(other.status).toBe(404);
    expect(other.body).toEqual(unknown.body);
  });
});

describe('GET /certificates/lookup (Art. 32)', () => {
  it("gives the subject's valid certificates of one type", async () => {
    const { status, body } = await server.call<Certificate[]>('GET', '/api/certificates/lookup?type=hukou', { token: citizen });
    expect(status).toBe(200);
    expect(body.map((c) => c.id)).toEqual(['cert-hukou-001']);
    expect((await server.call<Certificate[]>('GET', '/api/certificates/lookup?type=business-licence', { token: org })).body.map((c) => c.id)).toEqual(['cert-licence-001']);
    expect((await server.call<Certificate[]>('GET', '/api/certificates/lookup?type=business-licence', { token: citizen })).body).toEqual([]);
  });

  it('leaves out revoked and expired certificates', async () => {
    const marriage = await server.call<Certificate[]>('GET', '/api/certificates/lookup?type=marriage', { token: citizen2 });
    const idCard = await server.call<Certificate[]>('GET', '/api/certificates/lookup?type=id-card', { token: citizen2 });
    expect(marriage.body).toEqual([]);
    expect(idCard.body).toEqual([]);
  });

  it('needs a type', async () => {
    const { status, body } = await server.call('GET', '/api/certificates/lookup', { token: citizen });
    expect(status).toBe(400);
    expect(body.error.fields[0].path).toBe('type');
  });
});

describe('verification codes are not kept in clear', () => {
  it('the database holds no seeded code; the holder still sees theirs, and it verifies', async () => {
    const rows = JSON.stringify(await server.store.db.selectFrom('certificates').selectAll().execute());
    for (const s of CERTIFICATE_SEEDS) expect(rows).not.toContain(s.verificationCode);
    const held = await server.call<Certificate>('GET', '/api/certificates/cert-hukou-001', { token: citizen });
    expect(held.body.verificationCode).toBe(HUKOU.verificationCode);
    const verified = await server.call<VerifyResult>('POST', '/api/certificates/verify', { body: { number: HUKOU.number, verificationCode: held.body.verificationCode } });
    expect(verified.body.status).toBe('valid');
  });

  it('seals a code an older database kept in clear, and it keeps working', async () => {
    const marriage = seed('cert-marriage-001');
    // As an older database kept it until the first start after migration 0015: the code itself in the row.
    await server.store.db.updateTable('certificates').set({ verification_code: marriage.verificationCode }).where('id', '=', marriage.id).execute();
    // As the server does at start, with its keys directory (none on PostgreSQL without EGOV_KEYS_DIR).
    await sealClearVerificationCodes(server.store, keyLocation({}, false, server.databaseUrl ? undefined : server.dbFile).vault);
    const row = await server.store.db.selectFrom('certificates').selectAll().where('id', '=', marriage.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(marriage.verificationCode);
    const held = await server.call<Certificate>('GET', `/api/certificates/${marriage.id}`, { token: citizen });
    expect(held.body.verificationCode).toBe(marriage.verificationCode);
    const verified = await server.call<VerifyResult>('POST', '/api/certificates/verify', { body: { number: marriage.number, verificationCode: marriage.verificationCode } });
    expect(verified.body.status).toBe('valid');
  });
});

describe('POST /certificates/verify', () => {
  const verify = (body: unknown) => server.call<VerifyResult>('POST', '/api/certificates/verify', { body });

  it('confirms a good certificate to anyone, by number and code or by QR payload', async () => {
    const byCode = await verify({ number: HUKOU.number, verificationCode: HUKOU.verificationCode });
    expect(byCode.status).toBe(200);
    expect(byCode.body.status).toBe('valid');
    expect(byCode.body.checks).toEqual({ seal: true, notRevoked: true, withinValidity: true });
    expect(byCode.body.certificate!.number).toBe(HUKOU.number);
    expect(byCode.body.certificate!.verificationCode).toBeUndefined();
    expect(Date.parse(byCode.body.checkedAt)).not.toBeNaN();
    const byQr = await verify({ qrPayload: encodeQrPayload(HUKOU.number, HUKOU.verificationCode) });
    expect(byQr.body.status).toBe('valid');
    // Codes are forgiving of case, spaces and dashes, as people type them.
    const typed = await verify({ number: HUKOU.number.toLowerCase(), verificationCode: 'hk7d-2qxm 9pra' });
    expect(typed.body.status).toBe('valid');
  });

  it('answers a wrong code and an unknown number exactly alike', async () => {
    const wrong = await verify({ number: HUKOU.number, verificationCode: 'AAAAAAAAAAAA' });
    const unknown = await verify({ number: 'ZJHK-2019-330106-9999', verificationCode: HUKOU.verificationCode });
    const nonsense = await verify({ number: '../../etc', verificationCode: 'x' });
    for (const r of [wrong, unknown, nonsense]) {
      expect(r.status).toBe(200);
      expect(r.body.status).toBe('not_found');
      expect(r.body.certificate).toBeUndefined();
      expect(r.body.checks).toEqual({ seal: null, notRevoked: null, withinValidity: null });
    }
    const strip = (b: VerifyResult) => ({ ...b, checkedAt: '' });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect([...wrong.headers.keys()].sort()).toEqual([...unknown.headers.keys()].sort());
  });

  it('reports revoked (good seal), expired (retired key) and indeterminate (unlisted key)', async () => {
    const revoked = seed('cert-marriage-002');
    const expired = seed('cert-idcard-002');
    const unlisted = seed('cert-hukou-002');
    const r = await verify({ number: revoked.number, verificationCode: revoked.verificationCode });
    expect(r.body.status).toBe('revoked');
    expect(r.body.checks).toEqual({ seal: true, notRevoked: false, withinValidity: true });
    const e = await verify({ number: expired.number, verificationCode: expired.verificationCode });
    expect(e.body.status).toBe('expired');
    expect(e.body.checks).toEqual({ seal: true, notRevoked: true, withinValidity: false });
    const i = await verify({ number: unlisted.number, verificationCode: unlisted.verificationCode });
    expect(i.body.status).toBe('indeterminate');
    expect(i.body.checks.seal).toBeNull();
  });

  it('reports a certificate altered in the database after sealing as tampered', async () => {
    const s = seed('cert-idcard-001');
    const setData = (data: unknown) => server.store.db.updateTable('certificates').set({ data: JSON.stringify(data) }).where('id', '=', s.id).execute();
    await setData({ ...s.data, address: '浙江省宁波市海曙区' });
    try {
      const { body } = await verify({ number: s.number, verificationCode: s.verificationCode });
      expect(body.status).toBe('tampered');
      expect(body.checks.seal).toBe(false);
    } finally {
      await setData(s.data);
    }
    expect((await verify({ number: s.number, verificationCode: s.verificationCode })).body.status).toBe('valid');
  });

  it('rejects a malformed QR payload and missing fields with 400 and says which', async () => {
    for (const qrPayload of ['hello', 'EGOVCERT:1:only-number', 'EGOVCERT:2:ZJHK-2019-330106-0128:HK7D2QXM9PRA', 42, 'x'.repeat(500)]) {
      const { status, body } = await server.call('POST', '/api/certificates/verify', { body: { qrPayload } });
      expect(status).toBe(400);
      expect(body.error.fields[0].path).toBe('qrPayload');
    }
    const missing = await server.call('POST', '/api/certificates/verify', { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['number', 'verificationCode']);
    const notJson = await server.call('POST', '/api/certificates/verify', { raw: '{', headers: { 'Content-Type': 'application/json' } });
    expect(notJson.status).toBe(400);
  });
});

/** A request from another loopback address: another client, as the rate limit sees it. */
function postFrom(localAddress: string, origin: string, path: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, origin);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('rate limit of POST /certificates/verify', () => {
  it('reads its limit from the environment, ignoring nonsense', () => {
    expect(verifyRateLimit({})).toEqual({ limit: 30, windowMs: 10_000 });
    expect(verifyRateLimit({ EGOV_VERIFY_RATE_LIMIT: '5', EGOV_VERIFY_RATE_WINDOW_MS: '60000' })).toEqual({ limit: 5, windowMs: 60_000 });
    expect(verifyRateLimit({ EGOV_VERIFY_RATE_LIMIT: 'many', EGOV_VERIFY_RATE_WINDOW_MS: '-1' })).toEqual({ limit: 30, windowMs: 10_000 });
  });

  let limited: TestServer;
  beforeAll(async () => {
    // The limit is read when the routes are made; set it for this server only.
    const before = process.env.EGOV_VERIFY_RATE_LIMIT;
    process.env.EGOV_VERIFY_RATE_LIMIT = '30';
    try {
      limited = await startTestServer();
    } finally {
      if (before === undefined) delete process.env.EGOV_VERIFY_RATE_LIMIT;
      else process.env.EGOV_VERIFY_RATE_LIMIT = before;
    }
  });
  afterAll(() => limited.stop());

  it('answers 100 calls in a second from one client with 429 beyond the limit, and stays up for others', async () => {
    const body = { number: HUKOU.number, verificationCode: HUKOU.verificationCode };
    const statuses = await Promise.all(Array.from({ length: 100 }, () => limited.call('POST', '/api/certificates/verify', { body }).then((r) => r)));
    const ok = statuses.filter((r) => r.status === 200).length;
    const tooMany = statuses.filter((r) => r.status === 429);
    expect(ok).toBe(30);
    expect(tooMany.length).toBe(70);
    expect(tooMany[0]!.body.error.code).toBe('RATE_LIMITED');
    expect(Number(tooMany[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another client is served, and so are the other routes for this one.
    expect(await postFrom('127.0.0.2', limited.origin, '/api/certificates/verify', body)).toBe(200);
    expect((await limited.call('GET', '/api/trust/issuers')).status).toBe(200);
  });
});

describe('the client address of rate limits (EGOV_TRUST_PROXY, SPEC §5)', () => {
  const body = { number: HUKOU.number, verificationCode: HUKOU.verificationCode };
  const from = (server: TestServer, forwardedFor: string) => server.call('POST', '/api/certificates/verify', { body, headers: { 'X-Forwarded-For': forwardedFor } }).then((r) => r.status);
  async function serverWith(env: Record<string, string>): Promise<TestServer> {
    const before = process.env.EGOV_VERIFY_RATE_LIMIT;
    process.env.EGOV_VERIFY_RATE_LIMIT = '3';
    try {
      return await startTestServer(env);
    } finally {
      if (before === undefined) delete process.env.EGOV_VERIFY_RATE_LIMIT;
      else process.env.EGOV_VERIFY_RATE_LIMIT = before;
    }
  }

  it('ignores X-Forwarded-For by default, so a client cannot escape its limit by sending one', async () => {
    const server = await serverWith({});
    try {
      const statuses = [];
      for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']) statuses.push(await from(server, address));
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await server.stop();
    }
  });

  it('behind one trusted proxy counts the address that proxy saw, not what the client put before it', async () => {
    const server = await serverWith({ EGOV_TRUST_PROXY: '127.0.0.1' });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push(await from(server, '10.0.0.1'));
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(await from(server, '10.0.0.2')).toBe(200);
      // The client wrote 10.0.0.9 itself; the proxy appended the address it saw.
      expect(await from(server, '10.0.0.9, 10.0.0.1')).toBe(429);
    } finally {
      await server.stop();
    }
  });
});

describe('logs', () => {
  it('never hold a certificate number, a verification code or an id', async () => {
    const logged = await startTestServer({ EGOV_LOG: '1' });
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    const errors = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    try {
      const token = await logged.login('citizen-001');
      await logged.call('POST', '/api/certificates/verify', { body: { number: HUKOU.number, verificationCode: HUKOU.verificationCode } });
      await logged.call('POST', '/api/certificates/verify', { body: { qrPayload: encodeQrPayload(HUKOU.number, HUKOU.verificationCode) } });
      await logged.call('GET', '/api/certificates/cert-hukou-001', { token });
      await logged.call('GET', '/api/certificates/lookup?type=hukou', { token });
    } finally {
      spy.mockRestore();
      errors.mockRestore();
      await logged.stop();
    }
    const all = lines.join('\n');
    expect(all).toContain('/api/certificates/verify');
    for (const secret of [HUKOU.number, HUKOU.verificationCode, 'cert-hukou-001', 'type=hukou', '33010619900101123X']) expect(all).not.toContain(secret);
  });
});
