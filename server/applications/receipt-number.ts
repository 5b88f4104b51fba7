import type Database from 'better-sqlite3';

/** The calendar day in China Standard Time (UTC+8, no daylight saving), as YYYYMMDD. */
export function chinaDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * The next receipt number, `ZJ-YYYYMMDD-NNNNNN`: the province, the day of submission and
 * a daily sequence, easy to read out on the phone. Call inside the transaction that
 * stores the application, so two submissions never share one.
 */
export function nextReceiptNo(db: Database.Database, now: Date): string {
  const day = chinaDay(now);
  const row = db.prepare('INSERT INTO receipt_sequences (day, last) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last').get(day) as { last: number };
  return `ZJ-${day}-${String(row.last).padStart(6, '0')}`;
}
