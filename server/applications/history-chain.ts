import { canonicalBytes } from '../../src/core/crypto/canonical-json';
import { sm3Hex } from '../../src/core/crypto/sm';
import type { HistoryEvent } from '../../src/core/case-types';

/**
 * A case's history is appended to, never changed (Art. 33). Each event carries the SM3 of
 * the JCS bytes of `{ prev, applicationId, seq, event }`, `prev` the hash before it (empty
 * for the first), so an event edited, removed or slipped in afterwards breaks every hash
 * after it; a case is archived only over a history whose chain holds.
 */
export function eventHash(prev: string, applicationId: string, seq: number, event: HistoryEvent): string {
  return sm3Hex(canonicalBytes({ prev, applicationId, seq, event }));
}

/** The first sequence number whose hash does not follow, or null when the chain holds. */
export function brokenAt(applicationId: string, events: Array<{ seq: number; hash: string | null; event: HistoryEvent }>): number | null {
  let prev = '';
  let expectedSeq = 1;
  for (const { seq, hash, event } of events) {
    if (seq !== expectedSeq || hash !== eventHash(prev, applicationId, seq, event)) return seq;
    prev = hash;
    expectedSeq += 1;
  }
  return null;
}
