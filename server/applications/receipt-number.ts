import { sql, type Kysely } from 'kysely';
import type { Schema } from '../store/schema';

/** The calendar day in China Standard Time (UTC+8, no daylight saving), as YYYYMMDD. */
export function chinaDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * The next receipt number, `ZJ-YYYYMMDD-NNNNNN`: the province, the day of submission and
 * a daily sequence, easy to read out on the phone. Call inside the transaction that
 * stores the application, so two submissions never share one (the upsert takes the row's
 * lock on PostgreSQL until the transaction ends).
 */
export async function nextReceiptNo(trx: Kysely<Schema>, now: Date): Promise<string> {
  const day = chinaDay(now);
  const row = await trx.insertInto('receipt_sequences').values({ day, last: 1 })
    .onConflict((oc) => oc.column('day').doUpdateSet({ last: sql<number>`receipt_sequences.last + 1` }))
    .returning('last').executeTakeFirstOrThrow();
  return `ZJ-${day}-${String(row.last).padStart(6, '0')}`;
}
