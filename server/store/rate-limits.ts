import { sql } from 'kysely';
import type { Store } from './database';

/**
 * Counts one hit of `key` in its fixed window of `windowMs` and returns the count so far and
 * when the window ends. One upsert, atomic on both engines, so instances behind a load
 * balancer share the count (SPEC §5).
 */
export async function hitRateLimit(store: Store, key: string, windowMs: number, now = Date.now()): Promise<{ count: number; resetAt: number }> {
  const resetAt = now + windowMs;
  const row = await store.db
    .insertInto('rate_limits')
    .values({ key, reset_at: resetAt, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`CASE WHEN rate_limits.reset_at > ${now} THEN rate_limits.count + 1 ELSE 1 END`,
        reset_at: sql<number>`CASE WHEN rate_limits.reset_at > ${now} THEN rate_limits.reset_at ELSE ${resetAt} END`,
      }),
    )
    .returning(['count', 'reset_at'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), resetAt: Number(row.reset_at) };
}

/** Forgets windows that have ended (their keys start again at 1 anyway). */
export async function sweepRateLimits(store: Store, now = Date.now()): Promise<void> {
  await store.db.deleteFrom('rate_limits').where('reset_at', '<=', now).execute();
}

/**
 * Adds `amount` to the count of `key` (a window ending at `resetAt`) if the count stays within
 * `limit`, and says whether it did. One conditional upsert, atomic on both engines: two
 * instances taking the last of a quota at once cannot both have it.
 */
export async function takeQuota(store: Store, key: string, amount: number, limit: number, resetAt: number): Promise<boolean> {
  if (amount > limit) return false;
  const row = await store.db
    .insertInto('rate_limits')
    .values({ key, reset_at: resetAt, count: amount })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ count: sql<number>`rate_limits.count + ${amount}` })
        .where(sql<boolean>`rate_limits.count + ${amount} <= ${limit}`),
    )
    .returning('count')
    .executeTakeFirst();
  return row !== undefined;
}

/** The count of `key` so far (0 when it has none). */
export async function quotaUsed(store: Store, key: string): Promise<number> {
  const row = await store.db.selectFrom('rate_limits').select('count').where('key', '=', key).executeTakeFirst();
  return row ? Number(row.count) : 0;
}
