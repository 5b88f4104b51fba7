import type { Kysely } from 'kysely';
import { canonicalBytes } from '../../src/core/crypto/canonical-json';
import { sm3Hex } from '../../src/core/crypto/sm';
import { Conflict, Malformed } from '../domain/errors';
import type { Store } from '../store/database';
import type { Schema } from '../store/schema';
import { dropKeptAnswers, inTransaction, keepAnswer, keptAnswer } from './store';

/**
 * Idempotency-Key (SPEC §3, §6), one way for every keyed POST of an application: a retry
 * with the same body is answered what the first request was answered, and is never acted on
 * twice; the same key with another body is refused. Keys belong to the signed-in subject and
 * are scoped by the request they came with, so one key sent to two requests means two things.
 * Answers are kept KEY_LIFETIME_MS.
 */

/** A request's key as the route read it: `key` undefined where the request sent none (a withdrawal may). */
export interface Keyed {
  subjectId: string;
  key: string | undefined;
  hash: string;
}

/** The hash that tells a retry (same body) from a reuse of a key (another body): SM3 of the JCS bytes. */
export function requestHash(body: unknown): string {
  try {
    return sm3Hex(canonicalBytes(body));
  } catch {
    // JCS has no form for what JSON.parse makes of e.g. 1e400 (Infinity).
    throw new Malformed('The body holds a number outside the range of IEEE 754 doubles');
  }
}

/** The key scoped by its request: `submission`, or `decision`, `resubmission`, `withdrawal` and the application's id. */
export function scoped(keyed: Keyed, ...request: string[]): Keyed {
  return { ...keyed, key: keyed.key === undefined ? undefined : [...request, keyed.key].join(':') };
}

/**
 * How long a key's answer is kept (24 hours, as Stripe keeps them): a retry within it is
 * answered as the first time; after it the key is taken as new, and kept answers are swept.
 */
export const KEY_LIFETIME_MS = 24 * 60 * 60_000;

/** The oldest a kept answer may be at `now` and still be given again. */
const keptSince = (now: Date) => new Date(now.getTime() - KEY_LIFETIME_MS).toISOString();

export function idempotencyKeyReused(): Conflict {
  return new Conflict('This Idempotency-Key was already used for a different request; use a new key for a new request', 'IDEMPOTENCY_KEY_REUSED');
}

/** The answer an earlier request with this key got, or undefined; IDEMPOTENCY_KEY_REUSED when it came with another body. */
export async function replay<T>(db: Kysely<Schema>, keyed: Keyed, now = new Date()): Promise<T | undefined> {
  if (keyed.key === undefined) return undefined;
  const kept = await keptAnswer(db, keyed.subjectId, keyed.key, keptSince(now));
  if (!kept) return undefined;
  if (kept.requestHash !== keyed.hash) throw idempotencyKeyReused();
  return kept.response as T;
}

/**
 * Does `work` once per key: in one transaction holding `lock`, a key already kept is answered
 * with its first answer; otherwise the work is done and its answer kept under the key. Two
 * identical requests racing queue on the lock, and the second finds the first's key.
 */
export async function once<T>(store: Store, lock: string, keyed: Keyed, work: (trx: Kysely<Schema>) => Promise<{ applicationId: string; answer: T }>, now = new Date()): Promise<{ answer: T; replayed: boolean }> {
  return inTransaction(store, lock, async (trx) => {
    const earlier = await replay<T>(trx, keyed, now);
    if (earlier !== undefined) return { answer: earlier, replayed: true };
    const { applicationId, answer } = await work(trx);
    // Answers past their lifetime go (this key's among them, if it was used a day ago).
    if (keyed.key !== undefined) await dropKeptAnswers(trx, keptSince(now));
    if (keyed.key !== undefined) await keepAnswer(trx, { subjectId: keyed.subjectId, key: keyed.key, requestHash: keyed.hash, applicationId, response: answer, at: now.toISOString() });
    return { answer, replayed: false };
  });
}
