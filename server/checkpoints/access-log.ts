import type { Kysely } from 'kysely';
import type { AccessLogVerification } from '../../src/core/catalog-types';
import { GENESIS_HASH, recordHash } from '../data/access-log';
import { countRecords, hashAt, lastRecord, recordsFrom } from '../data/access-log-store';
import type { Schema } from '../store/schema';
import { extendsCheckpoint, type Checkpoint } from './checkpoint';

/** Records read and hashed per batch; the event loop is given back between batches. */
export const VERIFY_BATCH = 1000;

type Reason = NonNullable<AccessLogVerification['reason']>;

/** Where a walk over the chain stopped: the last record that holds, or the first that does not. */
type Walk = { broken: false; length: number; head: string } | { broken: true; brokenAt: number; head: string };

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Verifies the access log (SPEC §7) incrementally, per instance. It remembers the last
 * record it verified (`seq`, `hash`); the next call checks that record still has its hash
 * and that the chain is not shorter than it or than the latest signed checkpoint (nor has
 * another hash at the checkpoint's length), then recomputes only the records after it. An
 * edit inside the part already verified that keeps its stored hash is found by the sweep:
 * each call also recomputes the next `sweep` records of that part, in order, wrapping round
 * (a chain no longer than `sweep` is recomputed whole every time; a longer one within
 * ⌈length / sweep⌉ calls). Work goes by batches of `VERIFY_BATCH` with the event loop given
 * back between them.
 */
export class AccessLogVerifier {
  /** Records read from the store since start (what the sweep and the new records cost). */
  recordsRead = 0;
  private verified: { length: number; head: string } | undefined;
  private sweep = { next: 1, prevHash: GENESIS_HASH };

  constructor(private readonly db: Kysely<Schema>, private readonly sweepSize: number) {}

  /** The verified part, when the last verification found the chain whole. */
  get verifiedHead(): { length: number; head: string } | undefined {
    return this.verified;
  }

  /** Verifies against the checkpoints given (oldest first); the caller runs one at a time. */
  async verify(checkpoints: readonly Checkpoint[]): Promise<AccessLogVerification> {
    const last = await lastRecord(this.db);
    const lastSeq = last?.seq ?? 0;
    const broken = async (brokenAt: number, head: string, reason: Reason): Promise<AccessLogVerification> =>
      ({ ok: false, length: await countRecords(this.db), head, brokenAt, reason });

    // Anchors: the latest checkpoint, and what this instance verified last.
    for (const anchor of [checkpoints.at(-1), this.verified]) {
      if (!anchor) continue;
      const hashAtAnchor = anchor.length <= lastSeq ? await hashAt(this.db, anchor.length) : undefined;
      // A record missing inside the chain is a gap the walk names; only an end cut off is a truncation.
      if (anchor.length <= lastSeq && hashAtAnchor === undefined) continue;
      const why = extendsCheckpoint(anchor, { length: lastSeq, hashAtAnchor });
      if (why === 'truncated') return broken(lastSeq + 1, last?.hash ?? GENESIS_HASH, why);
      if (why === 'rewritten') {
        const at = await this.firstRewritten(checkpoints, anchor);
        return broken(at.brokenAt, at.head, why);
      }
    }

    const from = this.verified ? this.verified.length + 1 : 1;
    if (from > 1 && this.sweepSize > 0) {
      const start = this.sweep.next > from - 1 ? { next: 1, prevHash: GENESIS_HASH } : this.sweep;
      const swept = await this.walk(start.next, start.prevHash, Math.min(from - 1, start.next + this.sweepSize - 1));
      if (swept.broken) return broken(swept.brokenAt, swept.head, 'altered');
      this.sweep = swept.length >= from - 1 ? { next: 1, prevHash: GENESIS_HASH } : { next: swept.length + 1, prevHash: swept.head };
    }
    const walked = await this.walk(from, this.verified?.head ?? GENESIS_HASH, lastSeq);
    if (walked.broken) return broken(walked.brokenAt, walked.head, 'altered');
    if (walked.length < lastSeq) return broken(walked.length + 1, walked.head, 'altered');
    this.verified = walked.length ? { length: walked.length, head: walked.head } : undefined;
    return { ok: true, length: walked.length, head: walked.head };
  }

  /**
   * Recomputes records `from`…`to` in order from `prevHash`: the first record whose number,
   * link, hash or agency does not hold, or the last one (an empty range is `from - 1`).
   */
  private async walk(from: number, prevHash: string, to: number): Promise<Walk> {
    let expected = from;
    let head = prevHash;
    while (expected <= to) {
      const limit = Math.min(VERIFY_BATCH, to - expected + 1);
      const batch = await recordsFrom(this.db, expected, limit);
      this.recordsRead += batch.length;
      if (!batch.length) break;
      for (const { record, providerAgency, entryAgency } of batch) {
        const { hash, ...unhashed } = record;
        // The providing agency is kept beside the record to list a reviewer's calls; it must be the entry's.
        const misfiled = entryAgency !== null && entryAgency !== providerAgency;
        if (record.seq !== expected || record.prevHash !== head || recordHash(unhashed) !== hash || misfiled) return { broken: true, brokenAt: record.seq, head };
        head = hash;
        expected++;
      }
      if (batch.length < limit) break;
      await nextTick();
    }
    return { broken: false, length: expected - 1, head };
  }

  /**
   * The length of the earliest checkpoint whose record no longer has the hash signed for
   * it (checkpoints only grow, so once one differs every later one does): the change lies
   * at or before it, after the checkpoint before it.
   */
  private async firstRewritten(checkpoints: readonly Checkpoint[], anchor: { length: number }): Promise<{ brokenAt: number; head: string }> {
    let low = 0;
    let high = checkpoints.length - 1;
    let first = checkpoints.length;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const checkpoint = checkpoints[middle]!;
      if ((await hashAt(this.db, checkpoint.length)) !== checkpoint.head) {
        first = middle;
        high = middle - 1;
      } else {
        low = middle + 1;
      }
    }
    const before = checkpoints[first - 1];
    const brokenAt = Math.min(checkpoints[first]?.length ?? anchor.length, anchor.length);
    // The last record known to hold: the one signed by the checkpoint before (when it is before the break).
    return { brokenAt, head: before && before.length < brokenAt ? before.head : GENESIS_HASH };
  }
}

/** A reviewer's share of the log: the records on their agency's entries. */
export function agencyLength(db: Kysely<Schema>, agencyCode: string): Promise<number> {
  return countRecords(db, agencyCode);
}
