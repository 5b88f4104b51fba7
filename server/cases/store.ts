import type { Kysely } from 'kysely';
import type { ApplicationStatus, CasePage } from '../../src/core/case-types';
import type { Schema } from '../store/schema';
import { idempotencyKeyReused } from '../applications/store';

/** Queries of the cases area: the officers' queue, idempotent answers, archival records. */

export interface QueueFilter {
  agencyCode: string;
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
  const { n } = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query.innerJoin('subjects as s', 's.id', 'a.applicant_subject_id')
    .select(['a.id', 'a.receipt_no', 'a.service_code', 's.name', 'a.status', 'a.submitted_at', 'a.due_at'])
    .orderBy('a.queue_key')
    .orderBy('a.id')
    .limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute();
  return {
    items: rows.map((r) => ({
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

/** The answer an earlier request with this key got, or undefined; 409 when the key came with another body. */
export async function earlierAnswer<T>(db: Kysely<Schema>, subjectId: string, key: string, hash: string): Promise<T | undefined> {
  const row = await db.selectFrom('case_request_keys').select(['request_hash', 'response']).where('subject_id', '=', subjectId).where('key', '=', key).executeTakeFirst();
  if (!row) return undefined;
  if (row.request_hash !== hash) throw idempotencyKeyReused();
  return JSON.parse(row.response) as T;
}

export async function rememberAnswer(trx: Kysely<Schema>, subjectId: string, key: string, hash: string, applicationId: string, response: unknown, now: Date): Promise<void> {
  await trx.insertInto('case_request_keys').values({ subject_id: subjectId, key, request_hash: hash, application_id: applicationId, response: JSON.stringify(response), created_at: now.toISOString() }).execute();
}

export async function archivalRecord(db: Kysely<Schema>, applicationId: string): Promise<unknown | undefined> {
  const row = await db.selectFrom('archival_records').select('record').where('application_id', '=', applicationId).executeTakeFirst();
  return row && JSON.parse(row.record);
}

/** Whether an officer of `agencyCode` handles an application that names this upload. */
export async function uploadHandledBy(db: Kysely<Schema>, uploadId: string, agencyCode: string): Promise<boolean> {
  const row = await db.selectFrom('application_uploads as u').innerJoin('applications as a', 'a.id', 'u.application_id')
    .select('a.id').where('u.upload_id', '=', uploadId).where('a.agency_code', '=', agencyCode).limit(1).executeTakeFirst();
  return Boolean(row);
}
