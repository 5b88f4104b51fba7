import { canonicalBytes } from '../../src/core/crypto/canonical-json';
import { sm3Hex } from '../../src/core/crypto/sm';
import type { ApplicationStatus, HistoryAction, HistoryEvent } from '../../src/core/case-types';

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

/** The status an event leaves a case in. */
export function statusAfter(action: HistoryAction): ApplicationStatus {
  switch (action) {
    case 'resubmitted': return 'submitted';
    // Approved at a step before the last (SPEC §14): the case stays accepted, at the next step.
    case 'passed_on': return 'accepted';
    case 'certificate_issued': return 'approved';
    default: return action;
  }
}

/**
 * Every transition appends its event in the same transaction, so a history ends with the
 * event that put the case in its status. When it does not (its last events removed, which
 * leaves a chain that holds), the number of the first missing event; else null.
 */
export function missingFrom(events: ReadonlyArray<{ event: HistoryEvent }>, status: string): number | null {
  const last = events.at(-1);
  return last && statusAfter(last.event.action) === status ? null : events.length + 1;
}
