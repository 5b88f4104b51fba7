import { createHash, getHashes } from 'node:crypto';
import type { AccessLogPage, AccessLogRecord, AccessLogVerification } from '../../src/core/catalog-types';
import { sm3Hex } from '../../src/core/crypto/sm';
import type { Store } from '../store/database';
import { appendRecord, countRecords, recordsFrom, recordsPage, type AccessLogFilter } from './access-log-store';

/**
 * The access log (Art. 21, 36): every call on /data under a grant appends one record,
 * chained to the record before by SM3 over its RFC 8785 bytes (as X-Road's message log and
 * certificate-transparency logs do), so a record changed or removed in the database breaks
 * the chain at that place. Records are only ever inserted (./access-log-store.ts keeps them).
 */

export const GENESIS_HASH = '0'.repeat(64);

export type AccessEntry = Omit<AccessLogRecord, 'seq' | 'at' | 'prevHash' | 'hash'> & { providerAgency: string };

/** SM3 (GB/T 32905) through OpenSSL where Node has it (twice as fast), else the project's own. */
const sm3 = getHashes().includes('sm3') ? (bytes: Uint8Array) => createHash('sm3').update(bytes).digest('hex') : sm3Hex;

/**
 * The RFC 8785 (JCS) bytes of the record without `hash`. Its members are strings, integers,
 * null and a list of strings, for which JCS is JSON.stringify with the members in code-unit
 * order — written out here so verifying 100,000 records does not sort keys 100,000 times
 * (a unit test holds it equal to the general canonicalBytes).
 */
export function recordBytes(record: Omit<AccessLogRecord, 'hash'>): Uint8Array {
  const { agency, at, fields, grantId, itemId, prevHash, purpose, route, rows, seq, subjectId } = record;
  return encoder.encode(JSON.stringify({ agency, at, fields, grantId, itemId, prevHash, purpose, route, rows, seq, subjectId }));
}
const encoder = new TextEncoder();

/** SM3 hex of the JCS bytes of the record without `hash`. */
export function recordHash(record: Omit<AccessLogRecord, 'hash'>): string {
  return sm3(recordBytes(record));
}

/**
 * Appends one record. The head is read and the record written under one lock
 * (`lockFor(…, 'access-log')`), so concurrent writers — on one instance or several behind a
 * load balancer — never fork the chain.
 */
export async function appendAccess(store: Pick<Store, 'db' | 'engine'>, entry: AccessEntry, now = new Date()): Promise<AccessLogRecord> {
  return appendRecord(store, entry.providerAgency, (head) => {
    const unhashed: Omit<AccessLogRecord, 'hash'> = {
      seq: (head?.seq ?? 0) + 1,
      at: now.toISOString(),
      subjectId: entry.subjectId,
      agency: entry.agency,
      itemId: entry.itemId,
      grantId: entry.grantId,
      purpose: entry.purpose,
      route: entry.route,
      fields: [...entry.fields],
      rows: entry.rows,
      prevHash: head?.hash ?? GENESIS_HASH,
    };
    return { ...unhashed, hash: recordHash(unhashed) };
  });
}

export async function listAccessLog(db: Store['db'], filter: AccessLogFilter, page: number, pageSize: number): Promise<AccessLogPage> {
  const { items, total } = await recordsPage(db, filter, (page - 1) * pageSize, pageSize);
  return { items, total, page, pageSize };
}

const VERIFY_BATCH = 5000;

/**
 * Recomputes the chain in order and names the first record whose hash, link to the record
 * before, or sequence number does not hold (an edited record fails its hash; a removed one
 * breaks the link and the numbering of the record after it; one moved to another agency's
 * list no longer names its entry's agency). `head` is the hash of the last
 * record that holds; `length` the number of records.
 */
export async function verifyChain(db: Store['db']): Promise<AccessLogVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let length = 0;
  for (;;) {
    const rows = await recordsFrom(db, expectedSeq, VERIFY_BATCH);
    if (!rows.length) break;
    for (const { record, providerAgency, entryAgency } of rows) {
      const { hash, ...unhashed } = record;
      // The providing agency is kept beside the record to list a reviewer's calls; it must be the entry's.
      const misfiled = entryAgency !== null && entryAgency !== providerAgency;
      if (record.seq !== expectedSeq || record.prevHash !== prevHash || recordHash(unhashed) !== hash || misfiled) {
        return { ok: false, length: await countRecords(db), head: prevHash, brokenAt: record.seq };
      }
      prevHash = hash;
      expectedSeq++;
      length++;
    }
  }
  return { ok: true, length, head: prevHash };
}
