import { createHash, createPublicKey } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../store/schema';
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

/**
 * Binds a browser key to a subject (Art. 31: the signature must be attributable to its
 * signer). The same key again by the same subject returns the same id (`created: false`);
 * a key already bound to someone else is refused with 409 `KEY_REGISTERED_TO_ANOTHER`.
 * Two registrations of one key at once (on any instances): the unique index keeps one row,
 * the other insert does nothing and is answered from the row that was kept.
 */
export async function registerLocalKey(db: Kysely<Schema>, subjectId: string, algorithm: SignatureAlgorithm, publicKey: string): Promise<{ keyId: string; created: boolean }> {
  const normalised = publicKey.toLowerCase();
  const answerFrom = async (): Promise<{ keyId: string; created: boolean } | undefined> => {
    const existing = await db
      .selectFrom('signing_keys')
      .select(['key_id', 'subject_id', 'kind', 'revoked_at'])
      .where('algorithm', '=', algorithm)
      .where(sql<string>`lower(public_key)`, '=', normalised)
      .executeTakeFirst();
    if (!existing) return undefined;
    if (existing.subject_id !== subjectId) {
      throw new ApiProblem(409, 'KEY_REGISTERED_TO_ANOTHER', 'This public key is registered to another subject; generate a new key');
    }
    if (existing.revoked_at) throw new ApiProblem(409, 'KEY_REVOKED', 'This key has been revoked; generate a new key');
    if (existing.kind !== 'local') throw new ApiProblem(409, 'KEY_REGISTERED_TO_ANOTHER', 'This public key is already in use');
    return { keyId: existing.key_id, created: false };
  };
  const known = await answerFrom();
  if (known) return known;
  const { n } = await db
    .selectFrom('signing_keys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('subject_id', '=', subjectId)
    .where('kind', '=', 'local')
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(n) >= MAX_LOCAL_KEYS_PER_SUBJECT) throw problems.conflict('Too many signing keys are registered to this subject', 'KEY_LIMIT');
  const keyId = keyIdFor(algorithm, normalised);
  const inserted = await db
    .insertInto('signing_keys')
    .values({ key_id: keyId, subject_id: subjectId, algorithm, public_key: normalised, kind: 'local', private_key: null, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return { keyId, created: true };
  const kept = await answerFrom();
  if (!kept) throw problems.conflict('This key could not be registered; try again', 'KEY_CONFLICT');
  return kept;
}

export interface KeySummary {
  keyId: string;
  algorithm: SignatureAlgorithm;
  publicKey: string;
  kind: 'local' | 'remote';
  createdAt: string;
}

/** A subject's active keys, newest first; never a private key. */
export async function listKeys(db: Kysely<Schema>, subjectId: string): Promise<KeySummary[]> {
  const rows = await db
    .selectFrom('signing_keys')
    .select(['key_id', 'algorithm', 'public_key', 'kind', 'created_at'])
    .where('subject_id', '=', subjectId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('key_id')
    .execute();
  return rows.map((row) => ({ keyId: row.key_id, algorithm: row.algorithm as SignatureAlgorithm, publicKey: row.public_key, kind: row.kind as 'local' | 'remote', createdAt: row.created_at }));
}
