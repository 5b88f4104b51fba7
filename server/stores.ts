import type Database from 'better-sqlite3';

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
export function registeredKey(db: Database.Database, subjectId: string, keyId: string): RegisteredKey | undefined {
  const row = db
    .prepare('SELECT key_id, subject_id, algorithm, public_key, kind FROM signing_keys WHERE key_id = ? AND subject_id = ? AND revoked_at IS NULL')
    .get(keyId, subjectId) as { key_id: string; subject_id: string; algorithm: RegisteredKey['algorithm']; public_key: string; kind: RegisteredKey['kind'] } | undefined;
  return row && { keyId: row.key_id, subjectId: row.subject_id, algorithm: row.algorithm, publicKey: row.public_key, kind: row.kind };
}

/** A certificate of this holder with its type and status, or undefined when it is not theirs. */
export function holderCertificate(db: Database.Database, holderSubjectId: string, certificateId: string): { id: string; typeCode: string; status: string; validUntil: string } | undefined {
  const row = db
    .prepare('SELECT id, type_code, status, valid_until FROM certificates WHERE id = ? AND holder_subject_id = ?')
    .get(certificateId, holderSubjectId) as { id: string; type_code: string; status: string; valid_until: string } | undefined;
  return row && { id: row.id, typeCode: row.type_code, status: row.status, validUntil: row.valid_until };
}
