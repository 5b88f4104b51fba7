import type { Kysely } from 'kysely';
import { canonicalBytes } from '../../src/core/crypto/canonical-json';
import { SEAL_ALGORITHM, sealCertificate, type Certificate, type CertificateSeal, type SealedContent } from '../../src/core/crypto/seal';
import { sm2Sign } from '../../src/core/crypto/sm';
import { maskIdNumber } from '../../src/core/validation/cn-formats';
import type { IssuedCertificateSpec } from '../../src/core/service-definition';
import { mayRevoke } from '../access';
import { keptVerificationCode, newVerificationCode } from '../certificates/verification-code';
import { Broken, Conflict, Forbidden, NotFound } from '../domain/errors';
import type { Subject } from '../env';
import type { Store } from '../store/database';
import type { Schema } from '../store/schema';
import { resolvePrivateKey, type KeyVault } from '../signatures/vault';
import { certificateIssuer, holderAndIssuer, insertCertificate, markRevoked, publishedIssuerKeys, validCertificatesOfType } from './issuing-store';
import { inTransaction } from './store';
import { certificatesByIds } from './view-store';

/**
 * Certificates an agency issues and revokes (Art. 31), and the seal of its archival records
 * (Art. 33): always with the agency's current key of the trust list, so what it seals
 * verifies publicly with `/trust/issuers` and any GB/T 32918 implementation.
 */

/** Certificates without an end of validity run to this day (as the seeded ones). */
const OPEN_ENDED = '2099-12-31T23:59:59+08:00';

export interface SealingKey {
  keyId: string;
  publicKey: string;
  privateKey: string;
}

/** The agency's published issuer key valid now, the newest of them. */
export async function agencySealingKey(db: Kysely<Schema>, agencyCode: string, now: Date): Promise<SealingKey> {
  const t = now.getTime();
  const current = (await publishedIssuerKeys(db, agencyCode))
    .filter((r) => Date.parse(r.validFrom) <= t && Date.parse(r.validTo) > t)
    .sort((a, b) => Date.parse(b.validFrom) - Date.parse(a.validFrom))[0];
  if (!current) throw new Broken('The agency has no issuer key in the trust list', 'NO_ISSUER_KEY');
  // The database names the key's file in the keys directory (SPEC §5), or, in an older demo database, holds it.
  return { keyId: current.keyId, publicKey: current.publicKey, privateKey: resolvePrivateKey(current.privateKey) };
}

/** The seal of any record: SM2 (default user ID, DER, hex) over its JCS bytes. */
export function sealRecord(record: unknown, key: SealingKey): CertificateSeal {
  return { keyId: key.keyId, algorithm: SEAL_ALGORITHM, signature: sm2Sign(canonicalBytes(record), key.privateKey, key.publicKey) };
}

/** The value a JSON pointer (RFC 6901) names in the answers. */
export function pointerValue(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let value: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function addYears(iso: string, years: number): string {
  const date = new Date(iso);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString();
}

export interface IssueInput {
  spec: IssuedCertificateSpec;
  applicationId: string;
  receiptNo: string;
  applicantId: string;
  agencyCode: string;
  data: Record<string, unknown>;
  issuedAt: Date;
  /** The keys directory, where the secret that seals verification codes is (none: the database keeps it). */
  vault: KeyVault | undefined;
}

/**
 * Issues the certificate an approval grants, in the approval's transaction: holder the
 * applicant, issuer the agency, data taken from the answers, sealed by the agency's key.
 * With `replaces`, the applicant's earlier valid certificates of that type are revoked.
 */
export async function issueCertificate(trx: Kysely<Schema>, input: IssueInput): Promise<{ certificate: Certificate; replaced: string[] }> {
  const { holder, agency } = await holderAndIssuer(trx, input.applicantId, input.agencyCode);
  const key = await agencySealingKey(trx, input.agencyCode, input.issuedAt);
  const issuedAt = input.issuedAt.toISOString();
  const data: Record<string, unknown> = {};
  for (const [field, pointer] of Object.entries(input.spec.data)) {
    const value = pointerValue(input.data, pointer);
    if (value !== undefined) data[field] = value;
  }
  // The certificate number carries the agency and the receipt number: unique, and traceable to the case.
  const number = `ZJ${input.agencyCode.split('-').pop()}-${input.receiptNo.replace(/^ZJ-/, '')}`;
  const content: SealedContent = {
    number,
    type: { code: input.spec.type.code, name: input.spec.type.name },
    holder: { name: holder.name, idNumberMasked: holder.idNumber ? maskIdNumber(holder.idNumber) : '' },
    issuer: { code: agency.code, name: agency.name },
    issuedAt,
    validUntil: input.spec.validYears ? addYears(issuedAt, input.spec.validYears) : OPEN_ENDED,
    data,
  };
  const seal = sealCertificate(content, key);
  const id = `cert-${input.applicationId}`;

  const replaced: string[] = [];
  if (input.spec.replaces) {
    for (const old of await validCertificatesOfType(trx, input.applicantId, input.spec.replaces)) {
      await markRevoked(trx, { certificateId: old, reason: 'replaced', agencyCode: input.agencyCode, subjectId: null, at: issuedAt });
      replaced.push(old);
    }
  }
  await insertCertificate(trx, {
    id,
    number,
    type_code: content.type.code,
    type_name: content.type.name,
    holder_subject_id: input.applicantId,
    holder_name: content.holder.name,
    holder_id_number_masked: content.holder.idNumberMasked,
    issuer_code: agency.code,
    issuer_name: agency.name,
    issued_at: issuedAt,
    valid_until: content.validUntil,
    status: 'valid',
    data: JSON.stringify(data),
    seal_key_id: seal.keyId,
    seal_algorithm: seal.algorithm,
    seal_signature: seal.signature,
    ...(await keptVerificationCode(trx, newVerificationCode(), input.vault)),
  });
  const certificate = (await certificatesByIds(trx, [id], input.issuedAt)).get(id)!;
  return { certificate, replaced };
}

/**
 * `POST /certificates/{id}/revocation`: only an officer of the issuing agency, in one
 * transaction; its status becomes `revoked` (so verification answers so) and the revocation
 * is recorded with its reason.
 */
export async function revokeByOfficer(store: Store, certificateId: string, officer: Subject, reason: string, now = new Date()): Promise<Certificate> {
  return inTransaction(store, 'certificate:' + certificateId, async (trx) => {
    const certificate = await certificateIssuer(trx, certificateId);
    if (!certificate) throw new NotFound('No such certificate');
    if (!mayRevoke(officer, certificate)) throw new Forbidden('Only the issuing agency may revoke this certificate');
    const revoked = await markRevoked(trx, { certificateId, reason, agencyCode: officer.agencyCode!, subjectId: officer.id, at: now.toISOString() });
    if (!revoked) throw new Conflict('The certificate is already revoked', 'ALREADY_REVOKED');
    return (await certificatesByIds(trx, [certificateId], now)).get(certificateId)!;
  });
}
