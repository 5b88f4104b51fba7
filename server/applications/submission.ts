import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CorrectionItem } from '../../src/core/case-types';
import type { SignatureEnvelope } from '../../src/core/crypto/envelope';
import type { EgovLocale } from '../../src/core/locale';
import type { ServiceDefinition } from '../../src/core/service-definition';
import { isApplicantOf } from '../access';
import { FieldChecks, Forbidden, Invalid } from '../domain/errors';
import type { Subject } from '../env';
import type { Store } from '../store/database';
import type { Schema } from '../store/schema';
import { once, replay, scoped, type Keyed } from './idempotency';
import { checkMaterials, readMaterials, uploadIdsOf, type MaterialRef } from './materials';
import { nextReceiptNo } from './receipt-number';
import { allowedMove, unchangedProblems } from './rules';
import { findService, serviceNotFound } from './service-store';
import { checkSignature } from './signature';
import { appendEvent, applicationRow, insertApplication, insertVersion, receiptOf, recordUploads, type ApplicationReceipt, type ApplicationRow, type ApplicationView } from './store';
import { current, move, noSuchApplication, serviceOfCase } from './transitions';
import { validateServiceData } from './validate-data';

/**
 * Submitting an application (SPEC §3, §6; Art. 30–32): the one path a first submission and a
 * resubmission after a correction request share. The body is read for its shape; a retry of a
 * request already acted on is answered at once; the answers are checked against the service,
 * the materials against the applicant's certificates and uploads, the signature against the
 * exact payload; then, in one transaction, the version is written with the uploads it names
 * and its history event, and the answer kept under the Idempotency-Key.
 */

/** A submission's body, read for its shape. */
interface Submission {
  serviceCode: string;
  data: Record<string, unknown>;
  materials: MaterialRef[];
  /** `materials` as sent: what the signature covers. */
  signedMaterials: unknown;
  signature: unknown;
}

/** Where a version goes: a new application of a service, or the next version of an application awaiting correction. */
type Target = { first: true; service: ServiceDefinition } | { first: false; service: ServiceDefinition; row: ApplicationRow };

function readSubmission(body: Record<string, unknown>, first: boolean): Submission {
  const checks = new FieldChecks();
  const { data, materials: signedMaterials, signature, ...rest } = body;
  // A resubmission stays with its application's service: it names none.
  const serviceCode = first ? rest.serviceCode : undefined;
  if (first) delete rest.serviceCode;
  if (first && (typeof serviceCode !== 'string' || !serviceCode || serviceCode.length > 100)) checks.add('serviceCode', 'serviceCode must be a service code');
  if (!data || typeof data !== 'object' || Array.isArray(data)) checks.add('data', 'data must be an object');
  const { problems: materialShape, materials } = readMaterials(signedMaterials);
  for (const p of materialShape) checks.add(p.path, p.message);
  for (const name of Object.keys(rest)) checks.add(name, 'Unknown property');
  checks.throwIfAny();
  return { serviceCode: serviceCode as string, data: data as Record<string, unknown>, materials, signedMaterials, signature };
}

/** The service of a first submission, for an applicant of a kind it serves. */
async function newApplication(db: Kysely<Schema>, applicant: Subject, serviceCode: string): Promise<Target> {
  const service = await findService(db, serviceCode);
  if (!service) throw serviceNotFound();
  const kinds: string[] = service.applicantKinds ?? ['citizen', 'organisation'];
  if (!kinds.includes(applicant.kind)) throw new Forbidden(`This service is for ${kinds.join(' or ')} applicants`, 'APPLICANT_NOT_ALLOWED');
  return { first: true, service };
}

/** The applicant's own application, in a status that takes a resubmission. */
async function awaitingCorrection(db: Kysely<Schema>, applicant: Subject, applicationId: string): Promise<Target> {
  const row = await applicationRow(db, applicationId);
  if (!row || !isApplicantOf(applicant, { applicantId: row.applicant_subject_id })) throw noSuchApplication();
  allowedMove(row.status, { by: 'applicant', action: 'resubmit' });
  return { first: false, service: await serviceOfCase(db, row), row };
}

/**
 * The checks every version passes, in this order, each refused as Invalid: the answers, the
 * materials (MATERIAL_INVALID), on a resubmission that only what the correction request named
 * changed, and the signature over the payload of this version (SIGNATURE_INVALID).
 */
async function checkSubmission(db: Kysely<Schema>, target: Target, applicant: Subject, submission: Submission, version: number, locale: EgovLocale, now: Date): Promise<SignatureEnvelope | null> {
  const { service } = target;
  const invalid = validateServiceData(service, submission.data, locale, now, applicant);
  if (invalid.length) throw new Invalid(invalid, 'Some answers are not valid');
  const materialProblems = await checkMaterials(db, service, applicant.id, submission.materials, now);
  if (materialProblems.length) throw new Invalid(materialProblems, 'Some materials are missing or cannot be used', 'MATERIAL_INVALID');
  if (!target.first) {
    const { row } = target;
    const corrections = row.corrections ? (JSON.parse(row.corrections) as CorrectionItem[]) : [];
    const changed = unchangedProblems(corrections, { data: JSON.parse(row.data), materials: JSON.parse(row.materials) }, submission);
    if (changed.length) throw new Invalid(changed, 'Only the answers and materials named in the correction request may change');
  }
  // A resubmission's payload carries the application and its new version, so an earlier signature cannot be replayed.
  const payload = { serviceCode: service.code, data: submission.data, materials: submission.signedMaterials, ...(target.first ? {} : { applicationId: target.row.id, version }) };
  return checkSignature(db, service, applicant.id, payload, submission.signature, now.getTime());
}

async function submitVersion<T>(store: Store, applicant: Subject, body: Record<string, unknown>, keyed: Keyed, locale: EgovLocale, now: Date, applicationId: string | undefined): Promise<{ answer: T; replayed: boolean }> {
  const first = applicationId === undefined;
  const submission = readSubmission(body, first);
  // A retry of a request already acted on is answered at once; a reused key with another body is refused.
  const key = first ? scoped(keyed, 'submission') : scoped(keyed, 'resubmission', applicationId);
  const earlier = await replay<T>(store.db, key, now);
  if (earlier !== undefined) return { answer: earlier, replayed: true };

  const target = first ? await newApplication(store.db, applicant, submission.serviceCode) : await awaitingCorrection(store.db, applicant, applicationId);
  const version = target.first ? 1 : Number(target.row.version) + 1;
  const envelope = await checkSubmission(store.db, target, applicant, submission, version, locale, now);

  // Two identical first submissions racing queue on their key; two changes of one case on the case.
  const lock = target.first ? `application-key:${applicant.id}:${keyed.key}` : 'case:' + target.row.id;
  return once(store, lock, key, async (trx) => {
    const at = now.toISOString();
    const written = {
      data: JSON.stringify(submission.data),
      materials: JSON.stringify(submission.materials),
      signature: envelope ? JSON.stringify(envelope) : null,
    };
    let id: string;
    if (target.first) {
      id = randomUUID();
      await insertApplication(trx, {
        id,
        receipt_no: await nextReceiptNo(trx, now),
        status: 'submitted',
        applicant_subject_id: applicant.id,
        service_code: target.service.code,
        agency_code: target.service.agency.code,
        ...written,
        version,
        submitted_at: at,
        updated_at: at,
        queue_key: '~' + at,
      });
    } else {
      id = target.row.id;
      const what = { by: 'applicant', action: 'resubmit' } as const;
      await move(trx, target.row, { status: allowedMove(target.row.status, what), version, ...written, corrections: null, updated_at: at }, what);
    }
    await insertVersion(trx, { application_id: id, version, ...written, submitted_at: at });
    await recordUploads(trx, id, uploadIdsOf(submission.materials));
    await appendEvent(trx, id, { at, action: target.first ? 'submitted' : 'resubmitted', actor: { kind: 'applicant', name: applicant.name } });
    const answer = target.first ? receiptOf((await applicationRow(trx, id))!) : await current(trx, id);
    return { applicationId: id, answer: answer as T };
  }, now);
}

/** `POST /applications`: a new application, answered with its receipt. */
export function submit(store: Store, applicant: Subject, body: Record<string, unknown>, keyed: Keyed, locale: EgovLocale, now = new Date()): Promise<{ answer: ApplicationReceipt; replayed: boolean }> {
  return submitVersion<ApplicationReceipt>(store, applicant, body, keyed, locale, now, undefined);
}

/** `POST /applications/{id}/resubmissions`: the next version of an application awaiting correction, checked exactly like a first submission. */
export function resubmit(store: Store, applicant: Subject, applicationId: string, body: Record<string, unknown>, keyed: Keyed, locale: EgovLocale, now = new Date()): Promise<{ answer: ApplicationView; replayed: boolean }> {
  return submitVersion<ApplicationView>(store, applicant, body, keyed, locale, now, applicationId);
}
