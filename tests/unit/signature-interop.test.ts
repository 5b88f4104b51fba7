/**
 * SPEC §4: "anyone holding the payload and the envelope can check it with any conforming
 * SM2 implementation". This test checks our envelopes with code that shares nothing with
 * sm-crypto-v2: SM3 and key generation from gm-crypto, and SM2 signing and verification
 * written here from GB/T 32918.2 (§6, §7) over native BigInt.
 *
 * gm-crypto 0.1.x exposes SM2 encryption and key generation but no signature API, so its
 * SM3 and keys are combined with the curve arithmetic below. Formats differ too: gm-crypto
 * speaks hex strings and ArrayBuffers, keys as `04‖X‖Y` hex; an SM2 signature is the pair
 * (r, s), which the envelope carries DER-encoded (GB/T 35276) while many SM2 libraries and
 * devices hand out the raw 64-byte r‖s — the tests convert between the two by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SM2, SM3 } from 'gm-crypto';
import { verifyEnvelope, type SignatureEnvelope } from '../../src/core/crypto/envelope';
import { generateSm2KeyPair } from '../../src/core/crypto/sm';
import { handwritingDigestOfTypedName, prepareSignature, signSm2Envelope } from '../../src/core/crypto/sign';
import { startTestServer, type TestServer } from '../../server/testing';

// GB/T 32918.5 recommended curve.
const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
const A = 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn;
const B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
// The constants are those of the standard (gm-crypto's source carries the same ones).
const G: Point = { x: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n, y: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n };
const USER_ID = '1234567812345678';

type Point = { x: bigint; y: bigint } | null;

const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;
function inverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return mod(oldS, m);
}
function add(p: Point, q: Point): Point {
  if (!p) return q;
  if (!q) return p;
  if (p.x === q.x && mod(p.y + q.y, P) === 0n) return null;
  const l = p.x === q.x && p.y === q.y ? mod((3n * p.x * p.x + A) * inverse(2n * p.y, P), P) : mod((q.y - p.y) * inverse(q.x - p.x, P), P);
  const x = mod(l * l - p.x - q.x, P);
  return { x, y: mod(l * (p.x - x) - p.y, P) };
}
function multiply(k: bigint, point: Point): Point {
  let result: Point = null;
  let addend = point;
  for (let e = k; e > 0n; e >>= 1n) {
    if (e & 1n) result = add(result, addend);
    addend = add(addend, addend);
  }
  return result;
}
const onCurve = (p: { x: bigint; y: bigint }) => mod(p.y * p.y - (p.x * p.x * p.x + A * p.x + B), P) === 0n;

const hex32 = (v: bigint) => v.toString(16).padStart(64, '0');
const big = (hex: string) => BigInt('0x' + hex);
const sm3 = (data: Buffer): string => SM3.digest(data, 'utf8', 'hex');

function parsePublicKey(hex: string): { x: bigint; y: bigint } {
  expect(hex).toMatch(/^04[0-9a-f]{128}$/i);
  return { x: big(hex.slice(2, 66)), y: big(hex.slice(66)) };
}

/** e = SM3(Z_A ‖ M), Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) (GB/T 32918.2 §5.5). */
function e(message: Buffer, publicKey: { x: bigint; y: bigint }): bigint {
  const id = Buffer.from(USER_ID, 'utf8');
  const entl = Buffer.from([(id.length * 8) >> 8, (id.length * 8) & 0xff]);
  const z = sm3(Buffer.concat([entl, id, ...[A, B, G!.x, G!.y, publicKey.x, publicKey.y].map((v) => Buffer.from(hex32(v), 'hex'))]));
  return big(sm3(Buffer.concat([Buffer.from(z, 'hex'), message])));
}

function independentVerify(message: Buffer, r: bigint, s: bigint, publicKeyHex: string): boolean {
  const key = parsePublicKey(publicKeyHex);
  if (!onCurve(key)) return false;
  if (r < 1n || r >= N || s < 1n || s >= N) return false;
  const t = mod(r + s, N);
  if (t === 0n) return false;
  const point = add(multiply(s, G), multiply(t, key));
  return !!point && mod(e(message, key) + point.x, N) === r;
}

function independentSign(message: Buffer, privateKeyHex: string, publicKeyHex: string): { r: bigint; s: bigint } {
  const d = big(privateKeyHex);
  const hash = e(message, parsePublicKey(publicKeyHex));
  for (;;) {
    const k = mod(big(hex32(BigInt('0x' + Buffer.from(crypto.getRandomValues(new Uint8Array(40))).toString('hex')))), N - 1n) + 1n;
    const r = mod(hash + multiply(k, G)!.x, N);
    if (r === 0n || r + k === N) continue;
    const s = mod(inverse(1n + d, N) * (k - r * d), N);
    if (s !== 0n) return { r, s };
  }
}

/** DER `SEQUENCE { INTEGER r, INTEGER s }`, written and read here rather than with the project's der.ts. */
function derDecode(hex: string): { r: bigint; s: bigint } {
  const b = Buffer.from(hex, 'hex');
  expect(b[0]).toBe(0x30);
  expect(b[1]).toBe(b.length - 2);
  let at = 2;
  const ints: bigint[] = [];
  for (let i = 0; i < 2; i++) {
    expect(b[at]).toBe(0x02);
    const length = b[at + 1]!;
    ints.push(big(b.subarray(at + 2, at + 2 + length).toString('hex')));
    at += 2 + length;
  }
  expect(at).toBe(b.length);
  return { r: ints[0]!, s: ints[1]! };
}
function derEncode(r: bigint, s: bigint): string {
  const int = (v: bigint) => {
    let h = v.toString(16);
    if (h.length % 2) h = '0' + h;
    if (parseInt(h.slice(0, 2), 16) >= 0x80) h = '00' + h;
    return '02' + (h.length / 2).toString(16).padStart(2, '0') + h;
  };
  const body = int(r) + int(s);
  return '30' + (body.length / 2).toString(16).padStart(2, '0') + body;
}

/** What a checker holding only the payload and the envelope does. */
function checkIndependently(payload: unknown, envelope: SignatureEnvelope): boolean {
  const m = Buffer.from(jcs({ payload, signerId: envelope.signerId, signedAt: envelope.signedAt, handwritingDigest: envelope.handwritingDigest }), 'utf8');
  if (sm3(m) !== envelope.digest) return false;
  const { r, s } = derDecode(envelope.signature);
  return independentVerify(m, r, s, envelope.publicKey);
}

/** RFC 8785 again, independently: sorted keys, ES number serialisation, minimal escapes. */
function jcs(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map(jcs).join(',') + ']';
  const record = value as Record<string, unknown>;
  return '{' + Object.keys(record).sort().filter((k) => record[k] !== undefined).map((k) => JSON.stringify(k) + ':' + jcs(record[k])).join(',') + '}';
}

const PAYLOAD = {
  serviceCode: 'birth-registration',
  data: { childName: '张小明', weightKg: 3.25, twins: false, note: 'line\nbreak "quoted" é 😀', order: 1e21, tiny: 1e-7 },
  materials: [{ code: 'household-register', certificateId: 'cert-hukou-001' }],
};

describe('our envelopes verify with an independent SM2 implementation (gm-crypto SM3 + GB/T 32918 here)', () => {
  it('is sound on its own: the GB/T 32905 SM3 vector, G on the curve of order n, gm-crypto keys are d·G', () => {
    expect(sm3(Buffer.from('abc'))).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(onCurve(G!)).toBe(true);
    expect(multiply(N, G)).toBeNull();
    const { publicKey, privateKey } = SM2.generateKeyPair();
    const q = multiply(big(privateKey), G)!;
    expect('04' + hex32(q.x) + hex32(q.y)).toBe(publicKey.toLowerCase());
  });

  it('an envelope made in the browser code (local signer path) checks out given only the payload', () => {
    const pair = generateSm2KeyPair();
    const { content, bytes } = prepareSignature(PAYLOAD, 'citizen-001', handwritingDigestOfTypedName('张三'));
    const envelope = signSm2Envelope(content, bytes, { keyId: 'k1', ...pair });
    expect(checkIndependently(PAYLOAD, envelope)).toBe(true);
    // …and not for another payload, nor with a flipped bit in s.
    expect(checkIndependently({ ...PAYLOAD, serviceCode: 'x' }, envelope)).toBe(false);
    const { r, s } = derDecode(envelope.signature);
    expect(independentVerify(Buffer.from(jcs({ payload: PAYLOAD, signerId: 'citizen-001', signedAt: envelope.signedAt, handwritingDigest: envelope.handwritingDigest })), r, s ^ 1n, envelope.publicKey)).toBe(false);
  });

  describe('the reference backend', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(() => server.stop());

    it('a remote-signed envelope checks out given only the payload', async () => {
      const token = await server.login('citizen-002');
      const res = await server.call<SignatureEnvelope>('POST', '/api/signatures', { token, body: { payload: PAYLOAD, handwritingDigest: null } });
      expect(res.status).toBe(200);
      expect(checkIndependently(PAYLOAD, res.body)).toBe(true);
    });
  });
});

describe('signatures made outside verify with verifyEnvelope', () => {
  it('a gm-crypto key signing with the independent code: DER accepted, raw r‖s refused', async () => {
    const { publicKey, privateKey } = SM2.generateKeyPair();
    expect(onCurve(parsePublicKey(publicKey))).toBe(true);
    const signedAt = '2026-11-27T08:00:00.000Z';
    const handwritingDigest = sm3(Buffer.from('strokes'));
    const m = Buffer.from(jcs({ payload: PAYLOAD, signerId: 'citizen-001', signedAt, handwritingDigest }), 'utf8');
    const { r, s } = independentSign(m, privateKey, publicKey);
    expect(independentVerify(m, r, s, publicKey)).toBe(true);
    const envelope: SignatureEnvelope = {
      algorithm: 'SM2-SM3',
      signerId: 'citizen-001',
      keyId: 'gm-crypto-key',
      publicKey: publicKey.toLowerCase(),
      digest: sm3(m),
      signature: derEncode(r, s),
      signedAt,
      handwritingDigest,
    };
    expect(await verifyEnvelope(PAYLOAD, envelope)).toEqual({ valid: true });
    // The raw 64-byte form some SM2 libraries and devices emit is not the envelope's format.
    expect(await verifyEnvelope(PAYLOAD, { ...envelope, signature: hex32(r) + hex32(s) })).toEqual({ valid: false, problem: 'signature' });
    // A changed payload fails at the digest.
    expect(await verifyEnvelope({ ...PAYLOAD, materials: [] }, envelope)).toEqual({ valid: false, problem: 'digest' });
  });

  it('our JCS and the independent one agree on M for awkward values', async () => {
    const { canonicalJson } = await import('../../src/core/crypto/canonical-json');
    const value = { b: [1, 'x', null, true, { z: 0.1, a: -0 }], a: '\u2028\u0007', c: 123456789012345680000 };
    expect(canonicalJson(value)).toBe(jcs(value));
  });
});

/**
 * A second, complete implementation: `sm-crypto` (jsbn big integers), the library
 * sm-crypto-v2 was rewritten from — it shares none of v2's code (v2 computes on
 * noble-curves). With `hash: true` and the default user ID it computes e = SM3(Z_A ‖ M)
 * exactly as SPEC §4 requires, and it takes DER signatures (`der: true`).
 */
describe('our envelopes and the jsbn-based sm-crypto agree both ways', () => {
  it('sm-crypto verifies our envelope from M alone, and rejects another payload', async () => {
    const { sm2: other } = await import('sm-crypto');
    const pair = generateSm2KeyPair();
    const { content, bytes } = prepareSignature(PAYLOAD, 'citizen-001', handwritingDigestOfTypedName('张三'));
    const envelope = signSm2Envelope(content, bytes, { keyId: 'k1', ...pair });
    const m = jcs({ payload: PAYLOAD, signerId: envelope.signerId, signedAt: envelope.signedAt, handwritingDigest: envelope.handwritingDigest });
    expect(other.doVerifySignature(m, envelope.signature, envelope.publicKey, { der: true, hash: true, userId: USER_ID })).toBe(true);
    const otherM = jcs({ payload: { ...PAYLOAD, serviceCode: 'x' }, signerId: envelope.signerId, signedAt: envelope.signedAt, handwritingDigest: envelope.handwritingDigest });
    expect(other.doVerifySignature(otherM, envelope.signature, envelope.publicKey, { der: true, hash: true, userId: USER_ID })).toBe(false);
  });

  it('an envelope signed by sm-crypto passes verifyEnvelope', async () => {
    const { sm2: other, sm3: otherSm3 } = await import('sm-crypto');
    const keys = other.generateKeyPairHex();
    const signedAt = '2026-11-27T08:00:00.000Z';
    const m = jcs({ payload: PAYLOAD, signerId: 'citizen-001', signedAt, handwritingDigest: null });
    const envelope: SignatureEnvelope = {
      algorithm: 'SM2-SM3',
      signerId: 'citizen-001',
      keyId: 'sm-crypto',
      publicKey: keys.publicKey,
      digest: otherSm3(m),
      signature: other.doSignature(m, keys.privateKey, { der: true, hash: true, publicKey: keys.publicKey, userId: USER_ID }),
      signedAt,
      handwritingDigest: null,
    };
    expect(await verifyEnvelope(PAYLOAD, envelope)).toEqual({ valid: true });
    expect((await verifyEnvelope({ ...PAYLOAD, extra: 1 }, envelope)).valid).toBe(false);
  });
});
