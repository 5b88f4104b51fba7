import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { canonicalBytes } from '../../src/core/crypto/canonical-json';
import type { SignatureEnvelope } from '../../src/core/crypto/envelope';
import type { Certificate } from '../../src/core/crypto/seal';
import { sm3Hex } from '../../src/core/crypto/sm';
import type { ApplicationDetail, ApplicationStatus, CaseDecision, CaseMaterial, CorrectionItem, HistoryActor, HistoryEvent } from '../../src/core/case-types';
import { brokenAt, eventHash } from '../cases/history-chain';
import { certificateById } from '../certificates/store';
import { ApiProblem } from '../errors';
import { lockFor, type Store } from '../store/database';
import type { Schema } from '../store/schema';
import type { MaterialRef } from './materials';
import { nextReceiptNo } from './receipt-number';
import { findService } from './service-store';
import { uploadsByIds } from './uploads';

export type { ApplicationStatus };

/** What `POST /applications` answers (SPEC §3). */
export interface ApplicationReceipt {
  id: string;
  receiptNo: string;
  status: ApplicationStatus;
  submittedAt: string;
}

/** An application as its applicant and the handling officers read it (SPEC §6). */
export interface ApplicationView extends ApplicationDetail {
  serviceName: string;
  serviceNameEn: string | null;
  agency: { code: string; name: string } | null;
}

export type ApplicationRow = Schema['applications'];

/** The hash that tells a retry (same body) from a reuse of a key (another body): SM3 of the JCS bytes. */
export function requestHash(body: unknown): string {
  return sm3Hex(canonicalBytes(body));
}

export function idempotencyKeyReused(): ApiProblem {
  return new ApiProblem(409, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request; use a new key for a new request');
}

function receiptOf(row: Pick<ApplicationRow, 'id' | 'receipt_no' | 'status' | 'submitted_at'>): ApplicationReceipt {
  return { id: row.id, receiptNo: row.receipt_no, status: row.status as ApplicationStatus, submittedAt: row.submitted_at };
}

/**
 * The application an earlier request with this key created: `undefined` when the key is
 * new, the receipt when the body is the same, 409 when the body differs.
 */
export async function replayed(db: Kysely<Schema>, subjectId: string, key: string, hash: string): Promise<ApplicationReceipt | undefined> {
  const row = await db.selectFrom('idempotency_keys as k').innerJoin('applications as a', 'a.id', 'k.application_id')
    .select(['k.request_hash', 'a.id', 'a.receipt_no', 'a.status', 'a.submitted_at'])
    .where('k.subject_id', '=', subjectId).where('k.key', '=', key).executeTakeFirst();
  if (!row) return undefined;
  if (row.request_hash !== hash) throw idempotencyKeyReused();
  return receiptOf(row);
}

export interface NewApplication {
  applicantId: string;
  applicantName: string;
  serviceCode: string;
  agencyCode: string;
  data: Record<string, unknown>;
  materials: MaterialRef[];
  signature: SignatureEnvelope | null;
}

/** The uploads a list of materials names. */
export function uploadIdsOf(materials: MaterialRef[]): string[] {
  return [...new Set(materials.flatMap((m) => (m.uploadId ? [m.uploadId] : [])))];
}

/** Records which uploads an application names: who may download them, and what the sweep keeps. */
export async function recordUploads(trx: Kysely<Schema>, applicationId: string, materials: MaterialRef[]): Promise<void> {
  const ids = uploadIdsOf(materials);
  if (!ids.length) return;
  await trx.insertInto('application_uploads').values(ids.map((upload_id) => ({ application_id: applicationId, upload_id })))
    .onConflict((oc) => oc.columns(['application_id', 'upload_id']).doNothing()).execute();
}

type EventRow = Schema['application_events'];

/** An event as the history shows it, from its row. */
function eventOf(row: Omit<EventRow, 'application_id' | 'seq' | 'hash'>): HistoryEvent {
  return {
    at: row.at,
    action: row.action as HistoryEvent['action'],
    actor: JSON.parse(row.actor) as HistoryActor,
    ...(row.reason !== null ? { reason: row.reason } : {}),
    ...(row.legal_basis !== null ? { legalBasis: row.legal_basis } : {}),
    ...(row.items !== null ? { items: JSON.parse(row.items) as CorrectionItem[] } : {}),
  };
}

/** Appends one event to a case's history (never updated), chained to the one before it. */
export async function appendEvent(trx: Kysely<Schema>, applicationId: string, event: HistoryEvent): Promise<void> {
  const last = await trx.selectFrom('application_events').select(['seq', 'hash']).where('application_id', '=', applicationId)
    .orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  const values = {
    at: event.at,
    action: event.action,
    actor: JSON.stringify(event.actor),
    reason: event.reason ?? null,
    legal_basis: event.legalBasis ?? null,
    items: event.items ? JSON.stringify(event.items) : null,
  };
  const hash = eventHash(last?.hash ?? '', applicationId, seq, eventOf(values));
  await trx.insertInto('application_events').values({ application_id: applicationId, seq, ...values, hash }).execute();
}

/** Whether a case's history chain holds: null, or the first event that does not follow. */
export async function historyBrokenAt(db: Kysely<Schema>, applicationId: string): Promise<number | null> {
  const rows = await db.selectFrom('application_events').selectAll().where('application_id', '=', applicationId).orderBy('seq').execute();
  return brokenAt(applicationId, rows.map((row) => ({ seq: Number(row.seq), hash: row.hash, event: eventOf(row) })));
}

/**
 * Stores an application under its idempotency key, in one transaction, with its first
 * version, its submission event and the uploads it names. Two identical requests racing:
 * the per-key lock (PostgreSQL; SQLite runs transactions one at a time) makes the second
 * find the first's key and answer its application; the (subject, key) primary key backs this up.
 */
export async function createApplication(store: Store, input: NewApplication, key: string, hash: string, now = new Date()): Promise<{ receipt: ApplicationReceipt; created: boolean }> {
  return store.db.transaction().execute(async (trx) => {
    await lockFor(trx, store.engine, `application-key:${input.applicantId}:${key}`);
    const earlier = await replayed(trx, input.applicantId, key, hash);
    if (earlier) return { receipt: earlier, created: false };
    const at = now.toISOString();
    const row = { id: randomUUID(), receipt_no: await nextReceiptNo(trx, now), status: 'submitted' as const, submitted_at: at };
    const data = JSON.stringify(input.data);
    const materials = JSON.stringify(input.materials);
    const signature = input.signature ? JSON.stringify(input.signature) : null;
    await trx.insertInto('applications').values({
      ...row,
      applicant_subject_id: input.applicantId,
      service_code: input.serviceCode,
      agency_code: input.agencyCode,
      data,
      materials,
      signature,
      version: 1,
      accepted_at: null,
      due_at: null,
      corrections: null,
      decision: null,
      certificate_id: null,
      updated_at: at,
      queue_key: '~' + at,
    }).execute();
    await trx.insertInto('application_versions').values({ application_id: row.id, version: 1, data, materials, signature, submitted_at: at }).execute();
    await appendEvent(trx, row.id, { at, action: 'submitted', actor: { kind: 'applicant', name: input.applicantName } });
    await recordUploads(trx, row.id, input.materials);
    await trx.insertInto('idempotency_keys').values({ subject_id: input.applicantId, key, request_hash: hash, application_id: row.id, created_at: at }).execute();
    return { receipt: receiptOf(row), created: true };
  });
}

/** One application by id, whoever's it is; callers decide who may see it. */
export async function applicationRow(db: Kysely<Schema>, id: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every event of these applications, in order. */
async function historyOf(db: Kysely<Schema>, ids: string[]): Promise<Map<string, HistoryEvent[]>> {
  const byId = new Map<string, HistoryEvent[]>(ids.map((id) => [id, []]));
  if (!ids.length) return byId;
  const rows = await db.selectFrom('application_events').selectAll().where('application_id', 'in', ids).orderBy('application_id').orderBy('seq').execute();
  for (const row of rows) byId.get(row.application_id)?.push(eventOf(row));
  return byId;
}

/** Certificates by id, as anyone but their holder sees them: with the seal, without the verification code. */
export async function certificatesByIds(db: Kysely<Schema>, ids: string[], now = new Date()): Promise<Map<string, Certificate>> {
  const found = new Map<string, Certificate>();
  for (const id of ids) {
    const stored = await certificateById(db, id, now);
    if (stored) found.set(id, stored.certificate);
  }
  return found;
}

/** The materials of an application with what they point at: a certificate with its seal, an upload's receipt. */
export async function caseMaterials(db: Kysely<Schema>, materials: MaterialRef[]): Promise<CaseMaterial[]> {
  const certificates = await certificatesByIds(db, [...new Set(materials.flatMap((m) => (m.certificateId ? [m.certificateId] : [])))]);
  const uploads = await uploadsByIds(db, uploadIdsOf(materials));
  return materials.map((m) => {
    const certificate = m.certificateId ? certificates.get(m.certificateId) : undefined;
    const upload = m.uploadId ? uploads.get(m.uploadId) : undefined;
    return {
      ...m,
      ...(certificate ? { certificate } : {}),
      ...(upload ? { upload: { uploadId: upload.uploadId, size: upload.size, mediaType: upload.mediaType, sm3: upload.sm3 } } : {}),
    };
  });
}

interface Names {
  applicants: Map<string, string>;
  services: Map<string, { name: string; nameEn: string | null; agency: { code: string; name: string } | null }>;
}

async function namesFor(db: Kysely<Schema>, rows: ApplicationRow[]): Promise<Names> {
  const subjectIds = [...new Set(rows.map((r) => r.applicant_subject_id))];
  const applicants = new Map<string, string>();
  if (subjectIds.length) {
    for (const s of await db.selectFrom('subjects').select(['id', 'name']).where('id', 'in', subjectIds).execute()) applicants.set(s.id, s.name);
  }
  const services: Names['services'] = new Map();
  for (const code of new Set(rows.map((r) => r.service_code))) {
    const definition = await findService(db, code);
    services.set(code, { name: definition?.name ?? code, nameEn: definition?.nameEn ?? null, agency: definition?.agency ?? null });
  }
  return { applicants, services };
}

function viewOf(row: ApplicationRow, names: Names, history: HistoryEvent[], materials: CaseMaterial[]): ApplicationView {
  const service = names.services.get(row.service_code);
  return {
    ...receiptOf(row),
    serviceCode: row.service_code,
    serviceName: service?.name ?? row.service_code,
    serviceNameEn: service?.nameEn ?? null,
    agency: service?.agency ?? null,
    applicant: { name: names.applicants.get(row.applicant_subject_id) ?? '' },
    version: Number(row.version),
    data: JSON.parse(row.data) as Record<string, unknown>,
    materials,
    signature: row.signature ? (JSON.parse(row.signature) as SignatureEnvelope) : null,
    history,
    ...(row.corrections ? { corrections: JSON.parse(row.corrections) as CorrectionItem[] } : {}),
    ...(row.decision ? { decision: JSON.parse(row.decision) as CaseDecision } : {}),
    ...(row.due_at ? { dueAt: row.due_at } : {}),
    ...(row.certificate_id ? { certificateId: row.certificate_id } : {}),
  };
}

/** The whole application as SPEC §6 reads it. */
export async function applicationView(db: Kysely<Schema>, row: ApplicationRow): Promise<ApplicationView> {
  const [names, history, materials] = await Promise.all([
    namesFor(db, [row]),
    historyOf(db, [row.id]),
    caseMaterials(db, JSON.parse(row.materials) as MaterialRef[]),
  ]);
  return viewOf(row, names, history.get(row.id) ?? [], materials);
}

/** A row of the applicant's list: the application without its answers, materials and signature. */
export type ApplicationListItem = Omit<ApplicationView, 'data' | 'materials' | 'signature'>;

/** The applicant's applications, newest first, each with its status, history, corrections and decision. */
export async function listApplications(db: Kysely<Schema>, applicantId: string, page: number, pageSize: number): Promise<{ items: ApplicationListItem[]; total: number; page: number; pageSize: number }> {
  const { n } = await db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).where('applicant_subject_id', '=', applicantId).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('applications').selectAll().where('applicant_subject_id', '=', applicantId)
    .orderBy('submitted_at', 'desc').orderBy('receipt_no', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  const [names, history] = await Promise.all([namesFor(db, rows), historyOf(db, rows.map((r) => r.id))]);
  const items = rows.map((row) => {
    const { data: _data, materials: _materials, signature: _signature, ...item } = viewOf(row, names, history.get(row.id) ?? [], []);
    return item;
  });
  return { items, total: Number(n), page, pageSize };
}

/** One application of this applicant, or undefined (unknown or someone else's). */
export async function getApplication(db: Kysely<Schema>, applicantId: string, id: string): Promise<ApplicationView | undefined> {
  const row = await applicationRow(db, id);
  if (!row || row.applicant_subject_id !== applicantId) return undefined;
  return applicationView(db, row);
}
