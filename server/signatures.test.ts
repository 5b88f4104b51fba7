import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { startTestServer, type TestServer } from './testing';
import { MAX_LOCAL_KEYS_PER_SUBJECT } from './signatures/keys';
import { SIGNING_RATE_LIMIT } from './routes/signatures';
import { generateSm2KeyPair } from '../src/core/crypto/sm';
import { verifyEnvelope, type SignatureEnvelope } from '../src/core/crypto/envelope';
import { prepareSignature, signSm2Envelope, envelopeFromSignature } from '../src/core/crypto/sign';
import { bytesToHex } from '../src/core/crypto/hex';
import { rawToDer } from '../src/core/crypto/der';

let server: TestServer;

/** The subject's active key `keyId` as stored, or undefined. */
async function registeredKey(subjectId: string, keyId: string) {
  const row = await server.store.db.selectFrom('signing_keys').select(['subject_id', 'algorithm', 'public_key', 'kind'])
    .where('key_id', '=', keyId).where('subject_id', '=', subjectId).where('revoked_at', 'is', null).executeTakeFirst();
  return row && { subjectId: row.subject_id, algorithm: row.algorithm, publicKey: row.public_key, kind: row.kind };
}
let zhang: string;
let li: string;
beforeAll(async () => {
  server = await startTestServer();
  zhang = await server.login('citizen-001');
  li = await server.login('citizen-002');
});
afterAll(() => server.stop());

function p256Pair() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const hex = '04' + Buffer.from(jwk.x!, 'base64url').toString('hex') + Buffer.from(jwk.y!, 'base64url').toString('hex');
  return { publicKey: hex, privateKey };
}

describe('POST /api/signing-keys', () => {
  it('registers an SM2 key to the signed-in subject, idempotently', async () => {
    const { publicKey } = generateSm2KeyPair();
    const first = await server.call('POST', '/api/signing-keys', { token: zhang, body: { publicKey, algorithm: 'SM2-SM3' } });
    expect(first.status).toBe(201);
    expect(first.body.keyId).toMatch(/^sm2-[0-9a-f]{32}$/);
    const again = await server.call('POST', '/api/signing-keys', { token: zhang, body: { publicKey: publicKey.toUpperCase().replace(/^04/, '04'), algorithm: 'SM2-SM3' } });
    expect(again.status).toBe(200);
    expect(again.body.keyId).toBe(first.body.keyId);
    expect(await registeredKey('citizen-001', first.body.keyId)).toMatchObject({ subjectId: 'citizen-001', algorithm: 'SM2-SM3', publicKey, kind: 'local' });
    expect(await registeredKey('citizen-002', first.body.keyId)).toBeUndefined();
  });

  it('registers a P-256 key for ECDSA-P256-SHA256', async () => {
    const { publicKey } = p256Pair();
    const res = await server.call('POST', '/api/signing-keys', { token: zhang, body: { publicKey, algorithm: 'ECDSA-P256-SHA256' } });
    expect(res.status).toBe(201);
    expect((await registeredKey('citizen-001', res.body.keyId))?.algorithm).toBe('ECDSA-P256-SHA256');
  });

  it('refuses the same key for another subject with 409 KEY_REGISTERED_TO_ANOTHER', async () => {
    const { publicKey } = generateSm2KeyPair();
    expect((await server.call('POST', '/api/signing-keys', { token: li, body: { publicKey, algorithm: 'SM2-SM3' } })).status).toBe(201);
    const res = await server.call('POST', '/api/signing-keys', { token: zhang, body: { publicKey, algorithm: 'SM2-SM3' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('KEY_REGISTERED_TO_ANOTHER');
  });

  it('refuses a point that is not on the curve, and a key of the other curve', async () => {
    const { publicKey } = generateSm2KeyPair();
    const offCurve = publicKey.slice(0, -2) + (publicKey.endsWith('00') ? '01' : '00');
    const res = await server.call('POST', '/api/signing-keys', { token: zhang, body: { publicKey: offCurve, algorithm: 'SM2-SM3' } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_PUBLIC_KEY');
    expect(res.body.error.fields[0].path).toBe('publicKey');
    const p256 = p256Pair().publicKey;
    expect((await server.call('POST', '/api/signing-keys', { token: zhang, body: { publicKey: p256, algorithm: 'SM2-SM3' } })).status).toBe(422);
  });

  it('lists only the subject\'s own keys, public halves only', async () => {
    const { publicKey } = generateSm2KeyPair();
    const reg = await server.call('POST', '/api/signing-keys', { token: li, body: { publicKey, algorithm: 'SM2-SM3' } });
    const mine = await server.call('GET', '/api/signing-keys', { token: li });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toContainEqual(expect.objectContaining({ keyId: reg.body.keyId, publicKey, kind: 'local', algorithm: 'SM2-SM3' }));
    expect(JSON.stringify(mine.body)).not.toMatch(/private/i);
    const theirs = await server.call('GET', '/api/signing-keys', { token: zhang });
    expect(theirs.body.items.map((k: { keyId: string }) => k.keyId)).not.toContain(reg.body.keyId);
    expect((await server.call('GET', '/api/signing-keys')).status).toBe(401);
  });

  it('names each bad field, and needs a signed-in subject', async () => {
    const res = await server.call('POST', '/api/signing-keys', { token: zhang, body: { publicKey: 'abc', algorithm: 'RSA' } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['algorithm', 'publicKey']);
    const anonymous = await server.call('POST', '/api/signing-keys', { body: { publicKey: generateSm2KeyPair().publicKey, algorithm: 'SM2-SM3' } });
    expect(anonymous.status).toBe(401);
  });
});

describe('POST /api/signatures (remote signing)', () => {
  const payload = { serviceCode: 'birth-registration', data: { name: '张小明', weight: 3.2, twins: false }, materials: [] };

  it('signs for the signed-in subject with a server-held SM2 key that verifies and is registered', async () => {
    const digest = 'ab'.repeat(32);
    const res = await server.call<SignatureEnvelope>('POST', '/api/signatures', { token: zhang, body: { payload, handwritingDigest: digest } });
    expect(res.status).toBe(200);
    const envelope = res.body;
    expect(envelope).toMatchObject({ algorithm: 'SM2-SM3', signerId: 'citizen-001', handwritingDigest: digest });
    expect(await verifyEnvelope(payload, envelope)).toEqual({ valid: true });
    expect(await registeredKey('citizen-001', envelope.keyId)).toMatchObject({ kind: 'remote', publicKey: envelope.publicKey });
    // The same key next time; another subject gets another key.
    const again = await server.call<SignatureEnvelope>('POST', '/api/signatures', { token: zhang, body: { payload } });
    expect(again.body.keyId).toBe(envelope.keyId);
    expect(again.body.handwritingDigest).toBeNull();
    const other = await server.call<SignatureEnvelope>('POST', '/api/signatures', { token: li, body: { payload } });
    expect(other.body.keyId).not.toBe(envelope.keyId);
    expect(await registeredKey('citizen-001', other.body.keyId)).toBeUndefined();
  });

  it('makes an envelope that no longer verifies once the payload changes', async () => {
    const res = await server.call<SignatureEnvelope>('POST', '/api/signatures', { token: zhang, body: { payload } });
    const changed = { ...payload, data: { ...payload.data, weight: 3.3 } };
    expect(await verifyEnvelope(changed, res.body)).toEqual({ valid: false, problem: 'digest' });
  });

  it('keeps the private key sealed at rest', async () => {
    await server.call('POST', '/api/signatures', { token: zhang, body: { payload } });
    const row = await server.store.db.selectFrom('signing_keys').select('private_key').where('subject_id', '=', 'citizen-001').where('kind', '=', 'remote').executeTakeFirstOrThrow() as { private_key: string };
    expect(row.private_key).toMatch(/^v1\./);
    expect(row.private_key).not.toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs any JSON value, null included', async () => {
    for (const value of [null, 'text', 42, [1, { b: 2, a: 1 }]]) {
      const res = await server.call<SignatureEnvelope>('POST', '/api/signatures', { token: zhang, body: { payload: value } });
      expect(res.status).toBe(200);
      expect(await verifyEnvelope(value, res.body)).toEqual({ valid: true });
    }
  });

  it('refuses a missing payload, a malformed handwriting digest and an anonymous caller', async () => {
    const missing = await server.call('POST', '/api/signatures', { token: zhang, body: { handwritingDigest: null } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0].path).toBe('payload');
    const badDigest = await server.call('POST', '/api/signatures', { token: zhang, body: { payload, handwritingDigest: 'xyz' } });
    expect(badDigest.status).toBe(400);
    expect(badDigest.body.error.fields[0].path).toBe('handwritingDigest');
    expect((await server.call('POST', '/api/signatures', { body: { payload } })).status).toBe(401);
  });
});

describe('envelopes signed by registered browser keys', () => {
  it('an SM2 browser envelope and an ECDSA one verify, and their keys resolve to the signer only', async () => {
    const pair = generateSm2KeyPair();
    const { body } = await server.call('POST', '/api/signing-keys', { token: li, body: { publicKey: pair.publicKey, algorithm: 'SM2-SM3' } });
    const { content, bytes } = prepareSignature({ a: 1 }, 'citizen-002', null);
    const sm2 = signSm2Envelope(content, bytes, { keyId: body.keyId, ...pair });
    expect(await verifyEnvelope({ a: 1 }, sm2)).toEqual({ valid: true });
    expect((await registeredKey(sm2.signerId, sm2.keyId))?.publicKey).toBe(sm2.publicKey);

    const p256 = p256Pair();
    const reg = await server.call('POST', '/api/signing-keys', { token: li, body: { publicKey: p256.publicKey, algorithm: 'ECDSA-P256-SHA256' } });
    const raw = nodeSign('sha256', bytes, { key: p256.privateKey, dsaEncoding: 'ieee-p1363' });
    const ecdsa = await envelopeFromSignature('ECDSA-P256-SHA256', content, bytes, { keyId: reg.body.keyId, publicKey: p256.publicKey }, rawToDer(new Uint8Array(raw)));
    expect(await verifyEnvelope({ a: 1 }, ecdsa)).toEqual({ valid: true });
    expect(bytesToHex(bytes)).toBeTruthy();
  });
});

describe('limits and lifecycle', () => {
  it('makes one server-held key per subject even when the first requests race', async () => {
    const token = await server.login('staff-001');
    const answers = await Promise.all(Array.from({ length: 6 }, () => server.call<SignatureEnvelope>('POST', '/api/signatures', { token, body: { payload: { n: 1 } } })));
    expect(new Set(answers.map((a) => a.body.keyId)).size).toBe(1);
    const keys = (await server.call('GET', '/api/signing-keys', { token })).body.items.filter((k: { kind: string }) => k.kind === 'remote');
    expect(keys).toHaveLength(1);
  });

  it('refuses to re-register a revoked key with 409 KEY_REVOKED', async () => {
    const { publicKey } = generateSm2KeyPair();
    const reg = await server.call('POST', '/api/signing-keys', { token: zhang, body: { publicKey, algorithm: 'SM2-SM3' } });
    await server.store.db.updateTable('signing_keys').set({ revoked_at: new Date().toISOString() }).where('key_id', '=', reg.body.keyId).execute();
    expect(await registeredKey('citizen-001', reg.body.keyId)).toBeUndefined();
    const again = await server.call('POST', '/api/signing-keys', { token: zhang, body: { publicKey, algorithm: 'SM2-SM3' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('KEY_REVOKED');
  });

  it('caps the browser keys one subject may hold', async () => {
    const token = await server.login('reviewer-001');
    let last = 0;
    for (let i = 0; i < MAX_LOCAL_KEYS_PER_SUBJECT + 1; i++) {
      last = (await server.call('POST', '/api/signing-keys', { token, body: { publicKey: generateSm2KeyPair().publicKey, algorithm: 'SM2-SM3' } })).status;
      if (i < MAX_LOCAL_KEYS_PER_SUBJECT) expect(last).toBe(201);
    }
    expect(last).toBe(409);
  });

  it('rate-limits signing per subject with 429 and Retry-After', async () => {
    const token = await server.login('org-001');
    let limited: { status: number; headers: Headers; body: { error: { code: string } } } | undefined;
    for (let i = 0; i < SIGNING_RATE_LIMIT + 10 && !limited; i++) {
      const res = await server.call('POST', '/api/signatures', { token, body: { payload: i } });
      if (res.status === 429) limited = res;
    }
    expect(limited?.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another subject is not affected.
    expect((await server.call('POST', '/api/signatures', { token: li, body: { payload: 1 } })).status).toBe(200);
  });
});
