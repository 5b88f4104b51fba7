import type { Kysely, Selectable } from 'kysely';
import type { Schema } from '../store/schema';
import type { Certificate, CertificateStatus, TrustedIssuer } from '../../src/core/crypto/seal';
import { qrVerifyUrl } from '../../src/core/crypto/seal';

/** Reads of the certificates area's tables. */

/** A row of `certificates` as read, its status narrowed to the values the table allows. */
type CertificateRow = Omit<Selectable<Schema['certificates']>, 'status'> & { status: CertificateStatus };

export interface StoredCertificate {
  certificate: Certificate;
  holderSubjectId: string;
  /** The verification code as kept: sealed (server/certificates/verification-code.ts). */
  sealedCode: string;
  /** The hash verification compares against. */
  codeHash: string | null;
}

/** A recorded `valid` whose validity has ended is reported `expired`; `revoked` stays. */
export function effectiveStatus(recorded: CertificateStatus, validUntil: string, now: Date): CertificateStatus {
  if (recorded === 'revoked') return 'revoked';
  if (recorded === 'expired' || Date.parse(validUntil) <= now.getTime()) return 'expired';
  return 'valid';
}

function toStored(row: CertificateRow, now: Date): StoredCertificate {
  return {
    holderSubjectId: row.holder_subject_id,
    sealedCode: row.verification_code,
    codeHash: row.verification_code_hash,
    certificate: {
      id: row.id,
      number: row.number,
      type: { code: row.type_code, name: row.type_name },
      holder: { name: row.holder_name, idNumberMasked: row.holder_id_number_masked },
      issuer: { code: row.issuer_code, name: row.issuer_name },
      issuedAt: row.issued_at,
      validUntil: row.valid_until,
      status: effectiveStatus(row.status, row.valid_until, now),
      data: JSON.parse(row.data) as Record<string, unknown>,
      seal: { keyId: row.seal_key_id, algorithm: row.seal_algorithm, signature: row.seal_signature },
    },
  };
}

/** The holder's view: with the verification code and the QR payload (the verify page's URL, SPEC §4) to hand on. */
export function withHolderSecrets(stored: StoredCertificate, verificationCode: string, verifyPage = 'http://localhost:8787/verify'): Certificate {
  return {
    ...stored.certificate,
    verificationCode,
    qrPayload: qrVerifyUrl(verifyPage, stored.certificate.number, verificationCode),
  };
}

export async function certificatesOf(db: Kysely<Schema>, holderSubjectId: string, now = new Date(), typeCode?: string): Promise<StoredCertificate[]> {
  let query = db.selectFrom('certificates').selectAll().where('holder_subject_id', '=', holderSubjectId);
  if (typeCode) query = query.where('type_code', '=', typeCode);
  const rows = await query.orderBy('issued_at', 'desc').orderBy('id').execute();
  return rows.map((row) => toStored(row as CertificateRow, now));
}

export async function certificateById(db: Kysely<Schema>, id: string, now = new Date()): Promise<StoredCertificate | undefined> {
  const row = await db.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toStored(row as CertificateRow, now);
}

export async function certificateByNumber(db: Kysely<Schema>, number: string, now = new Date()): Promise<StoredCertificate | undefined> {
  const row = await db.selectFrom('certificates').selectAll().where('number', '=', number).executeTakeFirst();
  return row && toStored(row as CertificateRow, now);
}

/** Certificates whose code is kept as a value (sealed or, in an older database, in clear). */
export async function clearVerificationCodes(db: Kysely<Schema>): Promise<Array<{ id: string; code: string }>> {
  const rows = await db.selectFrom('certificates').select(['id', 'verification_code']).where('verification_code', 'not like', 'v1:%').execute();
  return rows.map((row) => ({ id: row.id, code: row.verification_code }));
}

/** Keeps a certificate's code sealed, with its hash, in place of what was there. */
export async function keepVerificationCode(db: Kysely<Schema>, id: string, kept: { sealed: string; hash: string }): Promise<void> {
  await db.updateTable('certificates').set({ verification_code: kept.sealed, verification_code_hash: kept.hash }).where('id', '=', id).execute();
}

/** The published issuer keys: `GET /trust/issuers`. Never a private key. */
export async function trustList(db: Kysely<Schema>): Promise<TrustedIssuer[]> {
  const rows = await db
    .selectFrom('issuer_keys as k')
    .innerJoin('agencies as a', 'a.code', 'k.agency_code')
    .select(['k.key_id', 'k.agency_code', 'a.name as agency_name', 'k.algorithm', 'k.public_key', 'k.valid_from', 'k.valid_to'])
    .where('k.published', '=', 1)
    .orderBy('k.agency_code')
    .orderBy('k.valid_from')
    .orderBy('k.key_id')
    .execute();
  return rows.map((row) => ({
    keyId: row.key_id,
    agency: { code: row.agency_code, name: row.agency_name },
    algorithm: row.algorithm,
    publicKey: row.public_key,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  }));
}
