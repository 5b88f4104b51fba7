import { canonicalBytes, canonicalJson } from './canonical-json';
import { digestFor, isEnvelopeShape, signedContent, verifyEnvelope, type SignatureAlgorithm, type SignatureEnvelope } from './envelope';
import { isHex } from './hex';
import { isSm2PublicKey, sm2Sign, sm3Hex } from './sm';

/**
 * Making envelopes (SPEC §4), shared by every SM2 signer: the browser's local key, the
 * reference backend's remote signer and the test doubles. Verification stays in
 * `envelope.ts`; these helpers only build what it checks.
 */

/** The signed content `{ payload, signerId, signedAt, handwritingDigest }` of SPEC §4. */
export type SignedContent = ReturnType<typeof signedContent>;

/** The content to sign and its JCS bytes M, stamped now unless a time is given. */
export function prepareSignature(
  payload: unknown,
  signerId: string,
  handwritingDigest: string | null,
  signedAt: string = new Date().toISOString(),
): { content: SignedContent; bytes: Uint8Array } {
  const content = signedContent(payload, signerId, signedAt, handwritingDigest);
  return { content, bytes: canonicalBytes(content) };
}

/** Builds an SM2-SM3 envelope over M with a private key held in memory. */
export function signSm2Envelope(
  content: SignedContent,
  bytes: Uint8Array,
  key: { keyId: string; privateKey: string; publicKey: string },
): SignatureEnvelope {
  return {
    algorithm: 'SM2-SM3',
    signerId: content.signerId,
    keyId: key.keyId,
    publicKey: key.publicKey,
    digest: sm3Hex(bytes),
    signature: sm2Sign(bytes, key.privateKey, key.publicKey),
    signedAt: content.signedAt,
    handwritingDigest: content.handwritingDigest,
  };
}

/** Builds an envelope from a signature some device made over M (a UKey, WebCrypto). */
export async function envelopeFromSignature(
  algorithm: SignatureAlgorithm,
  content: SignedContent,
  bytes: Uint8Array,
  key: { keyId: string; publicKey: string },
  signatureDerHex: string,
): Promise<SignatureEnvelope> {
  return {
    algorithm,
    signerId: content.signerId,
    keyId: key.keyId,
    publicKey: key.publicKey.toLowerCase(),
    digest: await digestFor(algorithm, bytes),
    signature: signatureDerHex.toLowerCase(),
    signedAt: content.signedAt,
    handwritingDigest: content.handwritingDigest,
  };
}

export type EnvelopeCheck =
  | { ok: true; envelope: SignatureEnvelope }
  | { ok: false; problem: 'malformed' | 'digest' | 'signature' | 'algorithm' | 'signer' | 'handwriting' | 'key' };

/**
 * What a signer handed back is accepted only when it has the envelope's shape, signs this
 * payload for this signer with this handwriting digest, and verifies. A signer may stamp
 * its own `signedAt` (a remote service uses its clock); it may not change anything else.
 */
export async function checkReturnedEnvelope(
  value: unknown,
  payload: unknown,
  expected: { signerId: string; handwritingDigest: string | null; algorithms?: readonly SignatureAlgorithm[] },
): Promise<EnvelopeCheck> {
  if (!isEnvelopeShape(value)) return { ok: false, problem: 'malformed' };
  if (expected.algorithms && !expected.algorithms.includes(value.algorithm)) return { ok: false, problem: 'algorithm' };
  if (value.signerId !== expected.signerId) return { ok: false, problem: 'signer' };
  if ((value.handwritingDigest ?? null) !== expected.handwritingDigest) return { ok: false, problem: 'handwriting' };
  if (value.algorithm === 'SM2-SM3' && !isSm2PublicKey(value.publicKey)) return { ok: false, problem: 'key' };
  const result = await verifyEnvelope(payload, value);
  if (!result.valid) return { ok: false, problem: result.problem };
  // Only the envelope's own fields travel on: nothing a signer adds rides along.
  const envelope: SignatureEnvelope = {
    algorithm: value.algorithm,
    signerId: value.signerId,
    keyId: value.keyId,
    publicKey: value.publicKey,
    digest: value.digest,
    signature: value.signature,
    signedAt: value.signedAt,
    handwritingDigest: value.handwritingDigest,
  };
  return { ok: true, envelope };
}

/**
 * One point of handwriting: `x`, `y` in 0…10000 of the pad's width and height (so the
 * record does not depend on screen size or pixel density), `p` pen pressure in 0…1000,
 * `t` milliseconds since the first point of the signature.
 */
export interface HandwritingPoint {
  x: number;
  y: number;
  p: number;
  t: number;
}

/**
 * The handwriting digest bound into the signed content (SPEC §4 `handwritingDigest`).
 *
 * Drawn: SM3 of the JCS bytes of `{ "kind": "strokes", "strokes": [[[x, y, p, t], …], …], "v": 1 }`
 * with every number an integer as in `HandwritingPoint`.
 * Typed: SM3 of the JCS bytes of `{ "kind": "typed-name", "name": <the name as typed,
 * trimmed, NFKC>, "v": 1 }`; `kind` is the marker that tells the two apart.
 */
export function handwritingDigestOfStrokes(strokes: readonly (readonly HandwritingPoint[])[]): string {
  const encoded = strokes
    .filter((stroke) => stroke.length > 0)
    .map((stroke) => stroke.map((point) => [clampInt(point.x, 0, 10_000), clampInt(point.y, 0, 10_000), clampInt(point.p, 0, 1_000), clampInt(point.t, 0, Number.MAX_SAFE_INTEGER)]));
  if (!encoded.length) throw new RangeError('handwriting: no strokes');
  return sm3Hex(canonicalJson({ kind: 'strokes', strokes: encoded, v: 1 }));
}

export function handwritingDigestOfTypedName(name: string): string {
  const normalised = name.normalize('NFKC').trim();
  if (!normalised) throw new RangeError('handwriting: empty name');
  return sm3Hex(canonicalJson({ kind: 'typed-name', name: normalised, v: 1 }));
}

/** SM3 of the payload's JCS bytes: the fingerprint shown to the signer. */
export function payloadDigest(payload: unknown): string {
  return sm3Hex(canonicalBytes(payload));
}

export function isDigestHex(value: unknown): value is string {
  return isHex(value) && value.length === 64;
}

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.round(value)));
}
