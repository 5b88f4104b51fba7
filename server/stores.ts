import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Schema } from './store/schema';

/**
 * Small lookups one area of the server makes in another's tables. Each area keeps its
 * own routes; these are the only places where they meet.
 */

/**
 * The columns of the certificates and signatures areas' tables that applications and cases
 * read and write (migrations 0003, 0004), as Kysely sees them.
 */
export type SharedTables = {
  certificates: {
    id: string;
    number: string;
    type_code: string;
    type_name: string;
    holder_subject_id: string;
    holder_name: string;
    holder_id_number_masked: string;
    issuer_code: string;
    issuer_name: string;
    issued_at: string;
    valid_until: string;
    status: string;
    data: string;
    seal_key_id: string;
    seal_algorithm: string;
    seal_signature: string;
    verification_code: string;
  };
  issuer_keys: {
    key_id: string;
    agency_code: string;
    algorithm: string;
    public_key: string;
    private_key: string;
    valid_from: string;
    valid_to: string;
    published: number;
  };
  signing_keys: {
    key_id: string;
    subject_id: string;
    algorithm: string;
    public_key: string;
    kind: string;
    private_key: string | null;
    created_at: string;
    revoked_at: string | null;
  };
};

export type SharedDb = Kysely<Schema & SharedTables>;

/** The store's handle (or a transaction) with the certificates and signatures tables typed. */
export function shared(db: Kysely<Schema>): SharedDb {
  return db.withTables<SharedTables>() as unknown as SharedDb;
}

export interface RegisteredKey {
  keyId: string;
  subjectId: string;
  algorithm: 'SM2-SM3' | 'ECDSA-P256-SHA256';
  publicKey: string;
  kind: 'local' | 'remote';
}

/** The active signing key `keyId` of a subject, or undefined (unknown, another's, or revoked). */
export async function findRegisteredKey(db: Kysely<Schema>, subjectId: string, keyId: string): Promise<RegisteredKey | undefined> {
  const row = await shared(db).selectFrom('signing_keys').select(['key_id', 'subject_id', 'algorithm', 'public_key', 'kind'])
    .where('key_id', '=', keyId).where('subject_id', '=', subjectId).where('revoked_at', 'is', null).executeTakeFirst();
  return row && { keyId: row.key_id, subjectId: row.subject_id, algorithm: row.algorithm as RegisteredKey['algorithm'], publicKey: row.public_key, kind: row.kind as RegisteredKey['kind'] };
}

/** A certificate of this holder with its type and status, or undefined when it is not theirs. */
export async function holderCertificate(db: Kysely<Schema>, holderSubjectId: string, certificateId: string): Promise<{ id: string; typeCode: string; status: string; validUntil: string } | undefined> {
  const row = await shared(db).selectFrom('certificates').select(['id', 'type_code', 'status', 'valid_until'])
    .where('id', '=', certificateId).where('holder_subject_id', '=', holderSubjectId).executeTakeFirst();
  return row && { id: row.id, typeCode: row.type_code, status: row.status, validUntil: row.valid_until };
}

/** Transitional, for tests still reading through the raw SQLite handle: `findRegisteredKey` on it. */
export function registeredKey(db: Database.Database, subjectId: string, keyId: string): RegisteredKey | undefined {
  const row = db
    .prepare('SELECT key_id, subject_id, algorithm, public_key, kind FROM signing_keys WHERE key_id = ? AND subject_id = ? AND revoked_at IS NULL')
    .get(keyId, subjectId) as { key_id: string; subject_id: string; algorithm: RegisteredKey['algorithm']; public_key: string; kind: RegisteredKey['kind'] } | undefined;
  return row && { keyId: row.key_id, subjectId: row.subject_id, algorithm: row.algorithm, publicKey: row.public_key, kind: row.kind };
}
