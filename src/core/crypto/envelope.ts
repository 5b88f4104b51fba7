import { canonicalBytes } from './canonical-json';
import { decodeDerSignature, derToRaw, isLowS } from './der';
import { bytesToHex, hexToBytes, isHex } from './hex';
import { sm2Verify, sm3Hex } from './sm';

export type SignatureAlgorithm = 'SM2-SM3' | 'ECDSA-P256-SHA256';
export const SIGNATURE_ALGORITHMS: readonly SignatureAlgorithm[] = ['SM2-SM3', 'ECDSA-P256-SHA256'];

/** SPEC §4 SignatureEnvelope. */
export interface SignatureEnvelope {
  algorithm: SignatureAlgorithm;
  signerId: string;
  keyId: string;
  /** Uncompressed public key, hex `04…`. */
  publicKey: string;
  /** SM3(M) or SHA-256(M), hex. */
  digest: string;
  /** DER `SEQUENCE { r, s }`, hex. */
  signature: string;
  signedAt: string;
  handwritingDigest: string | null;
}

/** What a signature covers (SPEC §4): serialised by JCS, these bytes are M. */
export function signedContent(payload: unknown, signerId: string, signedAt: string, handwritingDigest: string | null) {
  return { payload, signerId, signedAt, handwritingDigest };
}

export function signedBytes(payload: unknown, envelope: Pick<SignatureEnvelope, 'signerId' | 'signedAt' | 'handwritingDigest'>): Uint8Array {
  return canonicalBytes(signedContent(payload, envelope.signerId, envelope.signedAt, envelope.handwritingDigest));
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource)));
}

export async function digestFor(algorithm: SignatureAlgorithm, bytes: Uint8Array): Promise<string> {
  return algorithm === 'SM2-SM3' ? sm3Hex(bytes) : sha256Hex(bytes);
}

export type EnvelopeProblem = 'malformed' | 'digest' | 'signature' | 'algorithm';

/**
 * Checks an envelope against the payload it claims to sign: shape, digest, and the
 * signature over M by the envelope's public key. Whether that key belongs to the signer
 * is the caller's question (the server checks its key registry).
 */
export async function verifyEnvelope(payload: unknown, envelope: SignatureEnvelope): Promise<{ valid: true } | { valid: false; problem: EnvelopeProblem }> {
  if (!isEnvelopeShape(envelope)) return { valid: false, problem: 'malformed' };
  if (!SIGNATURE_ALGORITHMS.includes(envelope.algorithm)) return { valid: false, problem: 'algorithm' };
  let message: Uint8Array;
  try {
    message = signedBytes(payload, envelope);
  } catch {
    return { valid: false, problem: 'malformed' };
  }
  if ((await digestFor(envelope.algorithm, message)) !== envelope.digest.toLowerCase()) return { valid: false, problem: 'digest' };
  const ok = envelope.algorithm === 'SM2-SM3'
    ? sm2Verify(message, envelope.signature, envelope.publicKey)
    : await verifyEcdsaP256(message, envelope.signature, envelope.publicKey);
  return ok ? { valid: true } : { valid: false, problem: 'signature' };
}

async function verifyEcdsaP256(message: Uint8Array, signatureDer: string, publicKey: string): Promise<boolean> {
  const raw = derToRaw(signatureDer);
  // Only the low-s twin of a signature is accepted (der.ts isLowS), so none has two encodings.
  const decoded = decodeDerSignature(signatureDer);
  if (!raw || !decoded || !isLowS(decoded.s) || publicKey.length !== 130) return false;
  try {
    const key = await crypto.subtle.importKey('raw', hexToBytes(publicKey) as BufferSource, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    return await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, raw as BufferSource, message as BufferSource);
  } catch {
    return false;
  }
}

/** The properties of a SignatureEnvelope (SPEC §4), and no others. */
export const ENVELOPE_PROPERTIES: readonly string[] = ['algorithm', 'signerId', 'keyId', 'publicKey', 'digest', 'signature', 'signedAt', 'handwritingDigest'];

/** `signedAt` as the signers write it: ISO 8601 in UTC, `2026-05-01T08:30:00Z` or with milliseconds. */
export function isUtcTimestamp(value: unknown): value is string {
  return typeof value === 'string'
    && /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?Z$/.test(value)
    && !Number.isNaN(Date.parse(value));
}

/** The envelope's shape: exactly its properties, each of its type, `signedAt` ISO 8601 UTC. */
export function isEnvelopeShape(value: unknown): value is SignatureEnvelope {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const e = value as Record<string, unknown>;
  if (Object.keys(e).some((key) => !ENVELOPE_PROPERTIES.includes(key))) return false;
  return typeof e.algorithm === 'string'
    && typeof e.signerId === 'string' && e.signerId.length > 0
    && typeof e.keyId === 'string'
    && isHex(e.publicKey) && isHex(e.digest) && isHex(e.signature)
    && isUtcTimestamp(e.signedAt)
    && (e.handwritingDigest === null || isHex(e.handwritingDigest));
}
