import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema';

/** The next number of a case's appended-only rows (its steps taken, its clock), inside the transaction that holds the case's lock. */
export async function nextSeq(trx: Kysely<Schema>, table: 'case_steps' | 'case_clock', applicationId: string): Promise<number> {
  const last = await trx.selectFrom(table).select('seq').where('application_id', '=', applicationId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return Number(last?.seq ?? 0) + 1;
}
