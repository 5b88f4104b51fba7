import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema';
import { nextInSequence } from './store';

/** The calendar day in China Standard Time (UTC+8, no daylight saving), as YYYYMMDD. */
export function chinaDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * The next receipt number, `ZJ-YYYYMMDD-NNNNNN`: the province, the day of submission and
 * a daily sequence, easy to read out on the phone. Call inside the transaction that
 * stores the application, so two submissions never share one.
 */
export async function nextReceiptNo(trx: Kysely<Schema>, now: Date): Promise<string> {
  const day = chinaDay(now);
  return `ZJ-${day}-${String(await nextInSequence(trx, day)).padStart(6, '0')}`;
}
