import { sql, type Kysely } from 'kysely';
import type { ApplicationDetail, ApplicationStatus, CorrectionItem, HistoryActor, HistoryEvent } from '../../src/core/case-types';
import { lockFor, type Store } from '../store/database';
import type { Schema } from '../store/schema';
import { brokenAt, eventHash } from './history-chain';

/**
 * Every query that writes an application and its case, and the rows they write: the
 * application itself, each version the applicant signed, the uploads it names, its history
 * (appended, SM3-chained), the answers kept under an Idempotency-Key, the sealed archival
 * record. The transaction a change runs in is opened here too (`inTransaction`).
 */

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

export function receiptOf(row: Pick<ApplicationRow, 'id' | 'receipt_no' | 'status' | 'submitted_at'>): ApplicationReceipt {
  return { id: row.id, receiptNo: row.receipt_no, status: row.status as ApplicationStatus, submittedAt: row.submitted_at };
}

/**
 * Runs `work` in one transaction that holds the named lock until it ends (PostgreSQL; SQLite
 * runs transactions one at a time): the only way a change to an application is written.
 */
export async function inTransaction<T>(store: Store, lock: string, work: (trx: Kysely<Schema>) => Promise<T>): Promise<T> {
  return store.db.transaction().execute(async (trx) => {
    await lockFor(trx, store.engine, lock);
    return work(trx);
  });
}

/** One application by id, whoever's it is; callers decide who may see it. */
export async function applicationRow(db: Kysely<Schema>, id: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The next number of the day's receipt sequence; inside the transaction that stores the application (the upsert locks the row on PostgreSQL). */
export async function nextInSequence(trx: Kysely<Schema>, day: string): Promise<number> {
  const row = await trx.insertInto('receipt_sequences').values({ day, last: 1 })
    .onConflict((oc) => oc.column('day').doUpdateSet({ last: sql<number>`receipt_sequences.last + 1` }))
    .returning('last').executeTakeFirstOrThrow();
  return Number(row.last);
}

/** A first submission's row. */
export async function insertApplication(trx: Kysely<Schema>, row: Omit<ApplicationRow, 'accepted_at' | 'due_at' | 'corrections' | 'decision' | 'certificate_id' | 'step' | 'holder_id' | 'suspended_at'>): Promise<void> {
  await trx.insertInto('applications').values({ ...row, accepted_at: null, due_at: null, corrections: null, decision: null, certificate_id: null, step: 1, holder_id: null, suspended_at: null }).execute();
}

/**
 * Changes an application from the status and version it was read in; false when someone else
 * moved it first (0 rows), with the status it has now.
 */
export async function moveApplication(trx: Kysely<Schema>, row: Pick<ApplicationRow, 'id' | 'status' | 'version'>, changes: Partial<ApplicationRow>): Promise<{ moved: true } | { moved: false; status: string }> {
  const result = await trx.updateTable('applications').set(changes)
    .where('id', '=', row.id).where('status', '=', row.status).where('version', '=', row.version).executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return { moved: true };
  return { moved: false, status: (await applicationRow(trx, row.id))?.status ?? row.status };
}

/** Records the certificate an approval issued. */
export async function setCertificate(trx: Kysely<Schema>, applicationId: string, certificateId: string): Promise<void> {
  await trx.updateTable('applications').set({ certificate_id: certificateId }).where('id', '=', applicationId).execute();
}

/** One version as the applicant signed it (never updated). */
export async function insertVersion(trx: Kysely<Schema>, version: Schema['application_versions']): Promise<void> {
  await trx.insertInto('application_versions').values(version).execute();
}

/** Records which uploads an application names: who may download them, and what the sweep keeps. */
export async function recordUploads(trx: Kysely<Schema>, applicationId: string, uploadIds: string[]): Promise<void> {
  if (!uploadIds.length) return;
  await trx.insertInto('application_uploads').values(uploadIds.map((upload_id) => ({ application_id: applicationId, upload_id })))
    .onConflict((oc) => oc.columns(['application_id', 'upload_id']).doNothing()).execute();
}

/** Whether an officer of `agencyCode` handles an application that names this upload. */
export async function uploadHandledBy(db: Kysely<Schema>, uploadId: string, agencyCode: string): Promise<boolean> {
  const row = await db.selectFrom('application_uploads as u').innerJoin('applications as a', 'a.id', 'u.application_id')
    .select('a.id').where('u.upload_id', '=', uploadId).where('a.agency_code', '=', agencyCode).limit(1).executeTakeFirst();
  return Boolean(row);
}

type EventRow = Schema['application_events'];

/** An event as the history shows it, from its row. */
export function eventOf(row: Omit<EventRow, 'application_id' | 'seq' | 'hash'>): HistoryEvent {
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

export type ChainedEvent = { seq: number; hash: string | null; event: HistoryEvent };

/** The histories of these cases in order, each event with its number and hash. */
export async function historyChains(db: Kysely<Schema>, applicationIds: string[]): Promise<Map<string, ChainedEvent[]>> {
  const byId = new Map<string, ChainedEvent[]>(applicationIds.map((id) => [id, []]));
  if (!applicationIds.length) return byId;
  const rows = await db.selectFrom('application_events').selectAll().where('application_id', 'in', applicationIds).orderBy('application_id').orderBy('seq').execute();
  for (const row of rows) byId.get(row.application_id)?.push({ seq: Number(row.seq), hash: row.hash, event: eventOf(row) });
  return byId;
}

/** Every case's last event: its number and hash, by application id. */
export async function caseHeads(db: Kysely<Schema>): Promise<Map<string, { length: number; head: string | null }>> {
  const rows = await db
    .selectFrom('application_events as e')
    .innerJoin(
      (eb) => eb.selectFrom('application_events').select(['application_id', (x) => x.fn.max('seq').as('last')]).groupBy('application_id').as('m'),
      (join) => join.onRef('m.application_id', '=', 'e.application_id').onRef('m.last', '=', 'e.seq'),
    )
    .select(['e.application_id', 'e.seq', 'e.hash'])
    .execute();
  return new Map(rows.map((row) => [row.application_id, { length: Number(row.seq), head: row.hash }]));
}

/** A case's history in order, each event with its number and hash. */
export async function historyChain(db: Kysely<Schema>, applicationId: string): Promise<ChainedEvent[]> {
  return (await historyChains(db, [applicationId])).get(applicationId)!;
}

/** Whether a case's history chain holds: null, or the first event that does not follow. */
export async function historyBrokenAt(db: Kysely<Schema>, applicationId: string): Promise<number | null> {
  return brokenAt(applicationId, await historyChain(db, applicationId));
}

/** What a keyed request was first answered: the hash of its body and the answer. */
export interface KeptAnswer {
  requestHash: string;
  response: unknown;
}

/** The answer kept under a subject's Idempotency-Key (as scoped by the request it was sent with) since `since`, or undefined. */
export async function keptAnswer(db: Kysely<Schema>, subjectId: string, key: string, since: string): Promise<KeptAnswer | undefined> {
  const row = await db.selectFrom('request_keys').select(['request_hash', 'response'])
    .where('subject_id', '=', subjectId).where('key', '=', key).where('created_at', '>=', since).executeTakeFirst();
  return row && { requestHash: row.request_hash, response: JSON.parse(row.response) as unknown };
}

/** Drops the answers kept before `before` (an ISO time). */
export async function dropKeptAnswers(trx: Kysely<Schema>, before: string): Promise<void> {
  await trx.deleteFrom('request_keys').where('created_at', '<', before).execute();
}

/** Keeps the answer of a keyed request, in the transaction that acted on it. */
export async function keepAnswer(trx: Kysely<Schema>, kept: { subjectId: string; key: string; requestHash: string; applicationId: string; response: unknown; at: string }): Promise<void> {
  await trx.insertInto('request_keys').values({
    subject_id: kept.subjectId,
    key: kept.key,
    request_hash: kept.requestHash,
    application_id: kept.applicationId,
    response: JSON.stringify(kept.response),
    created_at: kept.at,
  }).execute();
}

/** The agency's code and name (its code again when it is unknown). */
export async function agencyOf(db: Kysely<Schema>, code: string): Promise<{ code: string; name: string }> {
  const row = await db.selectFrom('agencies').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
  return row ?? { code, name: code };
}

export async function insertArchivalRecord(trx: Kysely<Schema>, applicationId: string, record: unknown, sealedAt: string): Promise<void> {
  await trx.insertInto('archival_records').values({ application_id: applicationId, record: JSON.stringify(record), sealed_at: sealedAt }).execute();
}

export async function archivalRecord(db: Kysely<Schema>, applicationId: string): Promise<unknown | undefined> {
  const row = await db.selectFrom('archival_records').select('record').where('application_id', '=', applicationId).executeTakeFirst();
  return row && JSON.parse(row.record);
}
