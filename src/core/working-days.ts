/**
 * Time limits of the service guide count working days, Monday to Friday (SPEC §4), in China
 * Standard Time (UTC+8, no daylight saving): an application accepted on a Friday with a
 * limit of 1 day is due at the end of the next Monday.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The end (23:59:59.999 in China) of the `days`-th working day after `from`, as UTC ISO 8601. */
export function addWorkingDays(from: Date, days: number): string {
  const local = new Date(from.getTime() + CHINA_OFFSET_MS);
  let day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  let left = Math.max(0, Math.trunc(days));
  while (left > 0) {
    day += DAY_MS;
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return new Date(day + DAY_MS - 1 - CHINA_OFFSET_MS).toISOString();
}

/** How many working days end after `from`'s day and by `to`'s (China time): what a suspension from `from` to `to` took off the clock. */
export function workingDaysBetween(from: Date, to: Date): number {
  const dayOf = (d: Date) => { const local = new Date(d.getTime() + CHINA_OFFSET_MS); return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()); };
  let count = 0;
  for (let day = dayOf(from) + DAY_MS; day <= dayOf(to); day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count += 1;
  }
  return count;
}
