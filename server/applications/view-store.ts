import type { Kysely } from 'kysely';
import type { SignatureEnvelope } from '../../src/core/crypto/envelope';
import type { Certificate } from '../../src/core/crypto/seal';
import { stepsShown } from '../../src/core/case-decisions';
import type { ServiceDefinition } from '../../src/core/service-definition';
import type { ApplicationStatus, CaseDecision, CaseMaterial, CasePage, CorrectionItem } from '../../src/core/case-types';
import { certificateById } from '../certificates/store';
import type { Schema } from '../store/schema';
import { uploadIdsOf, type MaterialRef } from './materials';
import { brokenAt, missingFrom } from './history-chain';
import { findService } from './service-store';
import { historyChains, receiptOf, type ApplicationRow, type ApplicationView, type ChainedEvent } from './store';
import { subjectNames } from './claim-store';
import { clockEvents } from './clock-store';
import { stepsTaken } from './step-store';
import { uploadsByIds } from './upload-store';

/**
 * Reads of an application as people see it (SPEC §6): the applicant's list and detail, the
 * officers' queue and case, each with its history, its materials and the names it shows.
 */

/** Every event of these applications, in order, with its number and hash. */
const historyOf = historyChains;
const NO_HISTORY: ChainedEvent[] = [];

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
  services: Map<string, { name: string; nameEn: string | null; agency: { code: string; name: string } | null; steps?: ServiceDefinition['steps'] }>;
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
    services.set(code, { name: definition?.name ?? code, nameEn: definition?.nameEn ?? null, agency: definition?.agency ?? null, steps: definition?.steps });
  }
  return { applicants, services };
}

function viewOf(row: ApplicationRow, names: Names, chain: readonly ChainedEvent[], materials: CaseMaterial[]): ApplicationView {
  const history = chain.map((c) => c.event);
  // Where the hash chain breaks, or the first event missing from its end (the chain then holds).
  const broken = brokenAt(row.id, [...chain]) ?? missingFrom(chain, row.status);
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
    ...(broken !== null ? { historyBroken: { at: broken } } : {}),
  };
}

/** The whole application as SPEC §6 reads it. */
export async function applicationView(db: Kysely<Schema>, row: ApplicationRow): Promise<ApplicationView> {
  const [names, history, materials, taken, holders, clock] = await Promise.all([
    namesFor(db, [row]),
    historyOf(db, [row.id]),
    caseMaterials(db, JSON.parse(row.materials) as MaterialRef[]),
    stepsTaken(db, [row.id]),
    subjectNames(db, [row.holder_id]),
    clockEvents(db, [row.id]),
  ]);
  return {
    ...viewOf(row, names, history.get(row.id) ?? NO_HISTORY, materials),
    ...stepsShown(names.services.get(row.service_code), Number(row.step), taken.get(row.id) ?? []),
    ...holderOf(row.holder_id, holders),
    ...(clock.get(row.id)?.length ? { clock: clock.get(row.id) } : {}),
    ...(row.suspended_at ? { suspended: true } : {}),
  };
}

/** Who holds a case, as it shows them (SPEC §14). */
function holderOf(holderId: string | null, names: Map<string, string>): { holder?: { id: string; name: string } } {
  return holderId ? { holder: { id: holderId, name: names.get(holderId) ?? '' } } : {};
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
    const { data: _data, materials: _materials, signature: _signature, ...item } = viewOf(row, names, history.get(row.id) ?? NO_HISTORY, []);
    return item;
  });
  return { items, total: Number(n), page, pageSize };
}

export interface QueueFilter {
  agencyCode: string;
  /** SPEC §14: the cases this officer holds, or those nobody holds. */
  holder?: { officerId: string } | 'unassigned';
  statuses: ApplicationStatus[];
  services: string[];
  page: number;
  pageSize: number;
}
/** One agency's cases, oldest due first; cases not yet accepted (no due date) after them, oldest submitted first. */
export async function listCases(db: Kysely<Schema>, filter: QueueFilter): Promise<CasePage> {
  let query = db.selectFrom('applications as a').where('a.agency_code', '=', filter.agencyCode);
  if (filter.statuses.length) query = query.where('a.status', 'in', filter.statuses);
  if (filter.services.length) query = query.where('a.service_code', 'in', filter.services);
  if (filter.holder === 'unassigned') query = query.where('a.holder_id', 'is', null);
  else if (filter.holder) query = query.where('a.holder_id', '=', filter.holder.officerId);
  const { n } = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query.innerJoin('subjects as s', 's.id', 'a.applicant_subject_id')
    .select(['a.id', 'a.receipt_no', 'a.service_code', 's.name', 'a.status', 'a.submitted_at', 'a.due_at', 'a.step', 'a.holder_id'])
    .orderBy('a.queue_key')
    .orderBy('a.id')
    .limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute();
  const services = new Map<string, ServiceDefinition | undefined>();
  for (const code of new Set(rows.map((r) => r.service_code))) services.set(code, await findService(db, code));
  const holders = await subjectNames(db, rows.map((r) => r.holder_id));
  return {
    items: rows.map((r) => ({
      step: stepsShown(services.get(r.service_code), Number(r.step), []).step,
      ...holderOf(r.holder_id, holders),
      id: r.id,
      receiptNo: r.receipt_no,
      serviceCode: r.service_code,
      applicant: { name: r.name },
      status: r.status as ApplicationStatus,
      submittedAt: r.submitted_at,
      ...(r.due_at ? { dueAt: r.due_at } : {}),
    })),
    total: Number(n),
    page: filter.page,
    pageSize: filter.pageSize,
  };
}
