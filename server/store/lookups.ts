import type { Kysely } from 'kysely';
import type { Schema } from './schema';

/**
 * Small lookups one area of the server makes in another's tables. Each area keeps its
 * own routes; these are the only places where they meet.
 */

export interface RegisteredKey {
  keyId: string;
  subjectId: string;
  algorithm: 'SM2-SM3' | 'ECDSA-P256-SHA256';
  publicKey: string;
  kind: 'local' | 'remote';
}

/** The active signing key `keyId` of a subject, or undefined (unknown, another's, or revoked). */
export async function findRegisteredKey(db: Kysely<Schema>, subjectId: string, keyId: string): Promise<RegisteredKey | undefined> {
  const row = await db.selectFrom('signing_keys').select(['key_id', 'subject_id', 'algorithm', 'public_key', 'kind'])
    .where('key_id', '=', keyId).where('subject_id', '=', subjectId).where('revoked_at', 'is', null).executeTakeFirst();
  return row && { keyId: row.key_id, subjectId: row.subject_id, algorithm: row.algorithm as RegisteredKey['algorithm'], publicKey: row.public_key, kind: row.kind as RegisteredKey['kind'] };
}

/** A certificate of this holder with its type and status, or undefined when it is not theirs. */
export async function holderCertificate(db: Kysely<Schema>, holderSubjectId: string, certificateId: string): Promise<{ id: string; typeCode: string; status: string; validUntil: string } | undefined> {
  const row = await db.selectFrom('certificates').select(['id', 'type_code', 'status', 'valid_until'])
    .where('id', '=', certificateId).where('holder_subject_id', '=', holderSubjectId).executeTakeFirst();
  return row && { id: row.id, typeCode: row.type_code, status: row.status, validUntil: row.valid_until };
}

