import type { Kysely } from 'kysely';
import { canonicalBytes } from '../../src/core/crypto/canonical-json';
import { SEAL_ALGORITHM, sealCertificate, type Certificate, type CertificateSeal, type SealedContent } from '../../src/core/crypto/seal';
import { sm2Sign } from '../../src/core/crypto/sm';
import type { IssuedCertificateSpec } from '../../src/core/service-definition';
import { certificatesByIds } from '../applications/store';
import { maskIdNumber } from '../auth';
import { newVerificationCode } from '../certificates/verification-code';
import { ApiProblem } from '../errors';
import type { Schema } from '../store/schema';
import { resolvePrivateKey } from '../signatures/vault';

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
  const rows = await db.selectFrom('issuer_keys').select(['key_id', 'public_key', 'private_key', 'valid_from', 'valid_to'])
    .where('agency_code', '=', agencyCode).where('published', '=', 1).where('algorithm', '=', SEAL_ALGORITHM).execute();
  const t = now.getTime();
  const current = rows
    .filter((r) => Date.parse(r.valid_from) <= t && Date.parse(r.valid_to) > t)
    .sort((a, b) => Date.parse(b.valid_from) - Date.parse(a.valid_from))[0];
  if (!current) throw new ApiProblem(500, 'NO_ISSUER_KEY', 'The agency has no issuer key in the trust list');
  // The database names the key's file in the keys directory (SPEC §5), or, in an older demo database, holds it.
  return { keyId: current.key_id, publicKey: current.public_key, privateKey: resolvePrivateKey(current.private_key) };
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
}

/**
 * Issues the certificate an approval grants, in the approval's transaction: holder the
 * applicant, issuer the agency, data taken from the answers, sealed by the agency's key.
 * With `replaces`, the applicant's earlier valid certificates of that type are revoked.
 */
export async function issueCertificate(trx: Kysely<Schema>, input: IssueInput): Promise<{ certificate: Certificate; replaced: string[] }> {
  const holder = await trx.selectFrom('subjects').select(['name', 'id_number']).where('id', '=', input.applicantId).executeTakeFirstOrThrow();
  const agency = await trx.selectFrom('agencies').select(['code', 'name']).where('code', '=', input.agencyCode).executeTakeFirstOrThrow();
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
    holder: { name: holder.name, idNumberMasked: holder.id_number ? maskIdNumber(holder.id_number) : '' },
    issuer: { code: agency.code, name: agency.name },
    issuedAt,
    validUntil: input.spec.validYears ? addYears(issuedAt, input.spec.validYears) : OPEN_ENDED,
    data,
  };
  const seal = sealCertificate(content, key);
  const id = `cert-${input.applicationId}`;

  const replaced: string[] = [];
  if (input.spec.replaces) {
    const earlier = await trx.selectFrom('certificates').select('id')
      .where('holder_subject_id', '=', input.applicantId).where('type_code', '=', input.spec.replaces).where('status', '=', 'valid').execute();
    for (const { id: old } of earlier) {
      await revoke(trx, old, 'replaced', input.agencyCode, null, input.issuedAt);
      replaced.push(old);
    }
  }
  await trx.insertInto('certificates').values({
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
    verification_code: newVerificationCode(),
  }).execute();
  const certificate = (await certificatesByIds(trx, [id], input.issuedAt)).get(id)!;
  return { certificate, replaced };
}

/**
 * Revokes a certificate: its status becomes `revoked` (so verification answers so) and the
 * revocation is recorded with its reason. Returns false when it was already revoked.
 */
export async function revoke(trx: Kysely<Schema>, certificateId: string, reason: string, agencyCode: string, subjectId: string | null, now: Date): Promise<boolean> {
  const result = await trx.updateTable('certificates').set({ status: 'revoked' })
    .where('id', '=', certificateId).where('status', '!=', 'revoked').executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await trx.insertInto('certificate_revocations').values({ certificate_id: certificateId, reason, revoked_at: now.toISOString(), agency_code: agencyCode, subject_id: subjectId }).execute();
  return true;
}

/** `POST /certificates/{id}/revocation`: only an officer of the issuing agency. */
export async function revokeByOfficer(trx: Kysely<Schema>, certificateId: string, officer: { id: string; agencyCode: string }, reason: string, now = new Date()): Promise<Certificate> {
  const row = await trx.selectFrom('certificates').selectAll().where('id', '=', certificateId).executeTakeFirst();
  if (!row) throw new ApiProblem(404, 'NOT_FOUND', 'No such certificate');
  if (row.issuer_code !== officer.agencyCode) throw new ApiProblem(403, 'FORBIDDEN', 'Only the issuing agency may revoke this certificate');
  if (!(await revoke(trx, certificateId, reason, officer.agencyCode, officer.id, now))) throw new ApiProblem(409, 'ALREADY_REVOKED', 'The certificate is already revoked');
  return (await certificatesByIds(trx, [certificateId], now)).get(certificateId)!;
}
