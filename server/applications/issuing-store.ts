import type { Kysely } from 'kysely';
import { SEAL_ALGORITHM } from '../../src/core/crypto/seal';
import type { Schema } from '../store/schema';

/** Every query of issuing and revoking certificates: the agency's keys, the holder, the certificate rows, revocations. */

export interface IssuerKeyRow {
  keyId: string;
  publicKey: string;
  privateKey: string;
  validFrom: string;
  validTo: string;
}

/** The agency's published SM2 issuer keys (the private key as the database names or holds it). */
export async function publishedIssuerKeys(db: Kysely<Schema>, agencyCode: string): Promise<IssuerKeyRow[]> {
  const rows = await db.selectFrom('issuer_keys').select(['key_id', 'public_key', 'private_key', 'valid_from', 'valid_to'])
    .where('agency_code', '=', agencyCode).where('published', '=', 1).where('algorithm', '=', SEAL_ALGORITHM).execute();
  return rows.map((r) => ({ keyId: r.key_id, publicKey: r.public_key, privateKey: r.private_key, validFrom: r.valid_from, validTo: r.valid_to }));
}

/** The holder's name and ID number, and the issuing agency's name. */
export async function holderAndIssuer(trx: Kysely<Schema>, holderId: string, agencyCode: string): Promise<{ holder: { name: string; idNumber: string | null }; agency: { code: string; name: string } }> {
  const holder = await trx.selectFrom('subjects').select(['name', 'id_number']).where('id', '=', holderId).executeTakeFirstOrThrow();
  const agency = await trx.selectFrom('agencies').select(['code', 'name']).where('code', '=', agencyCode).executeTakeFirstOrThrow();
  return { holder: { name: holder.name, idNumber: holder.id_number }, agency };
}

/** The holder's valid certificates of a type: what a new one of the type it `replaces` revokes. */
export async function validCertificatesOfType(trx: Kysely<Schema>, holderId: string, typeCode: string): Promise<string[]> {
  const rows = await trx.selectFrom('certificates').select('id')
    .where('holder_subject_id', '=', holderId).where('type_code', '=', typeCode).where('status', '=', 'valid').execute();
  return rows.map((r) => r.id);
}

export async function insertCertificate(trx: Kysely<Schema>, row: Schema['certificates']): Promise<void> {
  await trx.insertInto('certificates').values(row).execute();
}

/** The issuer of a certificate, or undefined when there is no such certificate. */
export async function certificateIssuer(db: Kysely<Schema>, certificateId: string): Promise<{ issuerCode: string } | undefined> {
  const row = await db.selectFrom('certificates').select('issuer_code').where('id', '=', certificateId).executeTakeFirst();
  return row && { issuerCode: row.issuer_code };
}

/**
 * Marks a certificate revoked (so verification answers so) and records the revocation with its
 * reason; false when it was already revoked.
 */
export async function markRevoked(trx: Kysely<Schema>, revocation: { certificateId: string; reason: string; agencyCode: string; subjectId: string | null; at: string }): Promise<boolean> {
  const result = await trx.updateTable('certificates').set({ status: 'revoked' })
    .where('id', '=', revocation.certificateId).where('status', '!=', 'revoked').executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await trx.insertInto('certificate_revocations').values({
    certificate_id: revocation.certificateId,
    reason: revocation.reason,
    revoked_at: revocation.at,
    agency_code: revocation.agencyCode,
    subject_id: revocation.subjectId,
  }).execute();
  return true;
}
