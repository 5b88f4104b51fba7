import { createHash, createPublicKey } from 'node:crypto';
import type Database from 'better-sqlite3';
import { isSm2PublicKey } from '../../src/core/crypto/sm';
import { isHex } from '../../src/core/crypto/hex';
import type { SignatureAlgorithm } from '../../src/core/crypto/envelope';
import { ApiProblem, problems } from '../errors';

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

interface KeyRow {
  key_id: string;
  subject_id: string;
  kind: 'local' | 'remote';
  revoked_at: string | null;
}

/**
 * Binds a browser key to a subject (Art. 31: the signature must be attributable to its
 * signer). The same key again by the same subject returns the same id (`created: false`);
 * a key already bound to someone else is refused with 409 `KEY_REGISTERED_TO_ANOTHER`.
 */
export function registerLocalKey(db: Database.Database, subjectId: string, algorithm: SignatureAlgorithm, publicKey: string): { keyId: string; created: boolean } {
  const normalised = publicKey.toLowerCase();
  const existing = db
    .prepare('SELECT key_id, subject_id, kind, revoked_at FROM signing_keys WHERE algorithm = ? AND lower(public_key) = ?')
    .get(algorithm, normalised) as KeyRow | undefined;
  if (existing) {
    if (existing.subject_id !== subjectId) {
      throw new ApiProblem(409, 'KEY_REGISTERED_TO_ANOTHER', 'This public key is registered to another subject; generate a new key');
    }
    if (existing.revoked_at) throw new ApiProblem(409, 'KEY_REVOKED', 'This key has been revoked; generate a new key');
    if (existing.kind !== 'local') throw new ApiProblem(409, 'KEY_REGISTERED_TO_ANOTHER', 'This public key is already in use');
    return { keyId: existing.key_id, created: false };
  }
  const count = (db.prepare("SELECT count(*) AS n FROM signing_keys WHERE subject_id = ? AND kind = 'local' AND revoked_at IS NULL").get(subjectId) as { n: number }).n;
  if (count >= MAX_LOCAL_KEYS_PER_SUBJECT) throw problems.conflict('Too many signing keys are registered to this subject', 'KEY_LIMIT');
  const keyId = keyIdFor(algorithm, normalised);
  db.prepare("INSERT INTO signing_keys (key_id, subject_id, algorithm, public_key, kind, private_key, created_at) VALUES (?, ?, ?, ?, 'local', NULL, ?)")
    .run(keyId, subjectId, algorithm, normalised, new Date().toISOString());
  return { keyId, created: true };
}

export interface KeySummary {
  keyId: string;
  algorithm: SignatureAlgorithm;
  publicKey: string;
  kind: 'local' | 'remote';
  createdAt: string;
}

/** A subject's active keys, newest first; never a private key. */
export function listKeys(db: Database.Database, subjectId: string): KeySummary[] {
  return (db
    .prepare('SELECT key_id, algorithm, public_key, kind, created_at FROM signing_keys WHERE subject_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, key_id')
    .all(subjectId) as Array<{ key_id: string; algorithm: SignatureAlgorithm; public_key: string; kind: 'local' | 'remote'; created_at: string }>)
    .map((row) => ({ keyId: row.key_id, algorithm: row.algorithm, publicKey: row.public_key, kind: row.kind, createdAt: row.created_at }));
}
