import { createHash, createPublicKey } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema';
import { isSm2PublicKey } from '../../src/core/crypto/sm';
import { isHex } from '../../src/core/crypto/hex';
import type { SignatureAlgorithm } from '../../src/core/crypto/envelope';
import { Conflict, FieldChecks, Invalid } from '../domain/errors';
import { countLocalKeys, insertLocalKey, keyByPublicKey } from './store';

export { listKeys, type KeySummary } from './store';

/** How many browser keys one subject may hold at once (each browser or profile has one per algorithm). */
export const MAX_LOCAL_KEYS_PER_SUBJECT = 50;

export const KEY_ALGORITHMS: readonly SignatureAlgorithm[] = ['SM2-SM3', 'ECDSA-P256-SHA256'];

/** A key id that follows from the key itself, so registering the same key again is idempotent. */
export function keyIdFor(algorithm: SignatureAlgorithm, publicKey: string): string {
  const prefix = algorithm === 'SM2-SM3' ? 'sm2-' : 'p256-';
  return prefix + createHash('sha256').update(algorithm + ':' + publicKey.toLowerCase()).digest('hex').slice(0, 32);
}

/** True when the hex point `04‖X‖Y` lies on the curve of the algorithm (and is not the point at infinity). */
export function isPublicKeyFor(algorithm: SignatureAlgorithm, publicKey: string): boolean {
  if (typeof publicKey !== 'string' || publicKey.length !== 130 || !publicKey.startsWith('04') || !isHex(publicKey)) return false;
  if (algorithm === 'SM2-SM3') return isSm2PublicKey(publicKey.toLowerCase());
  try {
    // OpenSSL refuses a point that is not on P-256.
    const x = Buffer.from(publicKey.slice(2, 66), 'hex').toString('base64url');
    const y = Buffer.from(publicKey.slice(66), 'hex').toString('base64url');
    createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y }, format: 'jwk' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Binds a browser key to a subject (Art. 31: the signature must be attributable to its
 * signer). The same key again by the same subject returns the same id (`created: false`);
 * a key already bound to someone else is refused (`KEY_REGISTERED_TO_ANOTHER`, a conflict).
 * Two registrations of one key at once (on any instances): the unique index keeps one row,
 * the other insert does nothing and is answered from the row that was kept.
 */
export async function registerLocalKey(db: Kysely<Schema>, subjectId: string, algorithm: SignatureAlgorithm, publicKey: string): Promise<{ keyId: string; created: boolean }> {
  const normalised = publicKey.toLowerCase();
  const answerFrom = async (): Promise<{ keyId: string; created: boolean } | undefined> => {
    const existing = await keyByPublicKey(db, algorithm, normalised);
    if (!existing) return undefined;
    if (existing.subjectId !== subjectId) {
      throw new Conflict('This public key is registered to another subject; generate a new key', 'KEY_REGISTERED_TO_ANOTHER');
    }
    if (existing.revoked) throw new Conflict('This key has been revoked; generate a new key', 'KEY_REVOKED');
    if (existing.kind !== 'local') throw new Conflict('This public key is already in use', 'KEY_REGISTERED_TO_ANOTHER');
    return { keyId: existing.keyId, created: false };
  };
  const known = await answerFrom();
  if (known) return known;
  if ((await countLocalKeys(db, subjectId)) >= MAX_LOCAL_KEYS_PER_SUBJECT) throw new Conflict('Too many signing keys are registered to this subject', 'KEY_LIMIT');
  const keyId = keyIdFor(algorithm, normalised);
  if (await insertLocalKey(db, { keyId, subjectId, algorithm, publicKey: normalised, createdAt: new Date().toISOString() })) return { keyId, created: true };
  const kept = await answerFrom();
  if (!kept) throw new Conflict('This key could not be registered; try again', 'KEY_CONFLICT');
  return kept;
}

/**
 * The body of `POST /signing-keys`: a known algorithm and an uncompressed point on its curve
 * (malformed fields first, all together; then a point off the curve is invalid).
 */
export function readKeyRegistration(body: Record<string, unknown>): { algorithm: SignatureAlgorithm; publicKey: string } {
  const checks = new FieldChecks();
  const algorithm = body.algorithm;
  const publicKey = body.publicKey;
  if (typeof algorithm !== 'string' || !KEY_ALGORITHMS.includes(algorithm as SignatureAlgorithm)) {
    checks.add('algorithm', 'Must be one of ' + KEY_ALGORITHMS.join(', '));
  }
  if (typeof publicKey !== 'string' || !/^04[0-9a-fA-F]{128}$/.test(publicKey)) {
    checks.add('publicKey', 'Must be an uncompressed point, hex 04 followed by 128 hex digits');
  }
  checks.throwIfAny('malformed');
  if (!isPublicKeyFor(algorithm as SignatureAlgorithm, publicKey as string)) {
    throw new Invalid([{ path: 'publicKey', message: 'Not a point on the curve' }], 'The public key is not a point on the curve of ' + String(algorithm), 'INVALID_PUBLIC_KEY');
  }
  return { algorithm: algorithm as SignatureAlgorithm, publicKey: publicKey as string };
}
