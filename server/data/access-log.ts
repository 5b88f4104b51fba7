import { createHash, getHashes } from 'node:crypto';
import type { AccessLogPage, AccessLogRecord } from '../../src/core/catalog-types';
import { sm3Hex } from '../../src/core/crypto/sm';
import type { Store } from '../store/database';
import { appendRecord, recordsPage, type AccessLogFilter } from './access-log-store';

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

// Verifying the chain, incrementally and against signed checkpoints: server/checkpoints/access-log.ts.
