import type { Kysely } from 'kysely';
import type { ClockEvent, SuspensionKind } from '../../src/core/case-types';
import type { Schema } from '../store/schema';
import { nextSeq } from './sequence-store';

/** The queries of a case's clock (SPEC §14): its changes, appended, and the due date and stop they leave on the case. */

/** Every change of these cases' clocks, in order. */
export async function clockEvents(db: Kysely<Schema>, applicationIds: string[]): Promise<Map<string, ClockEvent[]>> {
  const byId = new Map<string, ClockEvent[]>(applicationIds.map((id) => [id, []]));
  if (!applicationIds.length) return byId;
  const rows = await db.selectFrom('case_clock').selectAll().where('application_id', 'in', applicationIds).orderBy('application_id').orderBy('seq').execute();
  for (const r of rows) {
    byId.get(r.application_id)?.push({
      action: r.action as ClockEvent['action'],
      at: r.at,
      officer: { name: r.officer_name },
      ...(r.reason !== null ? { reason: r.reason } : {}),
      ...(r.legal_basis !== null ? { legalBasis: r.legal_basis } : {}),
      ...(r.kind !== null ? { kind: r.kind as SuspensionKind } : {}),
      ...(r.days !== null ? { days: Number(r.days) } : {}),
      ...(r.due_at !== null ? { dueAt: r.due_at } : {}),
    });
  }
  return byId;
}

/** Appends a change of the clock and sets what it leaves on the case (its due date, when it was stopped), in one transaction. */
export async function recordClock(trx: Kysely<Schema>, applicationId: string, event: ClockEvent, on: { due_at: string | null; suspended_at: string | null }): Promise<void> {
  await trx.insertInto('case_clock').values({
    application_id: applicationId,
    seq: await nextSeq(trx, 'case_clock', applicationId),
    action: event.action,
    at: event.at,
    officer_name: event.officer.name,
    reason: event.reason ?? null,
    legal_basis: event.legalBasis ?? null,
    kind: event.kind ?? null,
    days: event.days ?? null,
    due_at: event.dueAt ?? null,
  }).execute();
  await trx.updateTable('applications').set({ due_at: on.due_at, suspended_at: on.suspended_at, ...(on.due_at ? { queue_key: on.due_at } : {}) }).where('id', '=', applicationId).execute();
}

/** Whether the case's time limit was extended already. */
export async function wasExtended(db: Kysely<Schema>, applicationId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('case_clock').select('seq').where('application_id', '=', applicationId).where('action', '=', 'extended').limit(1).executeTakeFirst());
}
