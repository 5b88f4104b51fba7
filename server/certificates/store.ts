import type Database from 'better-sqlite3';
import type { Certificate, CertificateStatus, TrustedIssuer } from '../../src/core/crypto/seal';
import { encodeQrPayload } from '../../src/core/crypto/seal';

/** Reads of the certificates area's tables. */

interface CertificateRow {
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
  status: CertificateStatus;
  data: string;
  seal_key_id: string;
  seal_algorithm: string;
  seal_signature: string;
  verification_code: string;
}

export interface StoredCertificate {
  certificate: Certificate;
  holderSubjectId: string;
  verificationCode: string;
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
    verificationCode: row.verification_code,
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

/** The holder's view: with the verification code and QR payload to hand on. */
export function withHolderSecrets(stored: StoredCertificate): Certificate {
  return {
    ...stored.certificate,
    verificationCode: stored.verificationCode,
    qrPayload: encodeQrPayload(stored.certificate.number, stored.verificationCode),
  };
}

export function certificatesOf(db: Database.Database, holderSubjectId: string, now = new Date(), typeCode?: string): StoredCertificate[] {
  const rows = (typeCode
    ? db.prepare('SELECT * FROM certificates WHERE holder_subject_id = ? AND type_code = ? ORDER BY issued_at DESC, id').all(holderSubjectId, typeCode)
    : db.prepare('SELECT * FROM certificates WHERE holder_subject_id = ? ORDER BY issued_at DESC, id').all(holderSubjectId)) as CertificateRow[];
  return rows.map((row) => toStored(row, now));
}

export function certificateById(db: Database.Database, id: string, now = new Date()): StoredCertificate | undefined {
  const row = db.prepare('SELECT * FROM certificates WHERE id = ?').get(id) as CertificateRow | undefined;
  return row && toStored(row, now);
}

export function certificateByNumber(db: Database.Database, number: string, now = new Date()): StoredCertificate | undefined {
  const row = db.prepare('SELECT * FROM certificates WHERE number = ?').get(number) as CertificateRow | undefined;
  return row && toStored(row, now);
}

interface IssuerKeyRow {
  key_id: string;
  agency_code: string;
  agency_name: string;
  algorithm: string;
  public_key: string;
  valid_from: string;
  valid_to: string;
}

/** The published issuer keys: `GET /trust/issuers`. Never a private key. */
export function trustList(db: Database.Database): TrustedIssuer[] {
  const rows = db
    .prepare(`SELECT k.key_id, k.agency_code, a.name AS agency_name, k.algorithm, k.public_key, k.valid_from, k.valid_to
              FROM issuer_keys k JOIN agencies a ON a.code = k.agency_code
              WHERE k.published = 1 ORDER BY k.agency_code, k.valid_from, k.key_id`)
    .all() as IssuerKeyRow[];
  return rows.map((row) => ({
    keyId: row.key_id,
    agency: { code: row.agency_code, name: row.agency_name },
    algorithm: row.algorithm,
    publicKey: row.public_key,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  }));
}
