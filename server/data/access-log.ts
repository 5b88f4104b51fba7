import type { Kysely } from 'kysely';
import { createHash, getHashes } from 'node:crypto';
import type { AccessLogPage, AccessLogRecord, AccessLogVerification } from '../../src/core/catalog-types';
import { sm3Hex } from '../../src/core/crypto/sm';
import { lockFor, type Engine } from '../store/database';
import type { Schema } from '../store/schema';

/**
 * The access log (Art. 21, 36): every call on /data under a grant appends one record,
 * chained to the record before by SM3 over its RFC 8785 bytes (as X-Road's message log and
 * certificate-transparency logs do), so a record changed or removed in the database breaks
 * the chain at that place. Records are only ever inserted.
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

function toRecord(row: Omit<Schema['access_log'], 'provider_agency'>): AccessLogRecord {
  return {
    seq: row.seq,
    at: row.at,
    subjectId: row.subject_id,
    agency: row.agency,
    itemId: row.item_id,
    grantId: row.grant_id,
    purpose: row.purpose,
    route: row.route,
    fields: JSON.parse(row.fields) as string[],
    rows: row.rows,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Appends one record. The head is read and the record written under one lock
 * (`lockFor(…, 'access-log')`), so concurrent writers — on one instance or several behind a
 * load balancer — never fork the chain.
 */
export async function appendAccess(store: { db: Kysely<Schema>; engine: Engine }, entry: AccessEntry, now = new Date()): Promise<AccessLogRecord> {
  return store.db.transaction().execute(async (trx) => {
    await lockFor(trx, store.engine, 'access-log');
    const head = await trx.selectFrom('access_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
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
    const record: AccessLogRecord = { ...unhashed, hash: recordHash(unhashed) };
    await trx
      .insertInto('access_log')
      .values({
        seq: record.seq,
        at: record.at,
        subject_id: record.subjectId,
        agency: record.agency,
        item_id: record.itemId,
        provider_agency: entry.providerAgency,
        grant_id: record.grantId,
        purpose: record.purpose,
        route: record.route,
        fields: JSON.stringify(record.fields),
        rows: record.rows,
        prev_hash: record.prevHash,
        hash: record.hash,
      })
      .execute();
    return record;
  });
}

export interface AccessLogFilter {
  /** A reviewer: the calls on their agency's entries. */
  providerAgency?: string;
  /** Anyone else: their own calls. */
  subjectId?: string;
  itemId?: string | undefined;
}

export async function listAccessLog(db: Kysely<Schema>, filter: AccessLogFilter, page: number, pageSize: number): Promise<AccessLogPage> {
  let query = db.selectFrom('access_log');
  if (filter.providerAgency !== undefined) query = query.where('provider_agency', '=', filter.providerAgency);
  if (filter.subjectId !== undefined) query = query.where('subject_id', '=', filter.subjectId);
  if (filter.itemId) query = query.where('item_id', '=', filter.itemId);
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await query.selectAll().orderBy('seq', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { items: rows.map(toRecord), total, page, pageSize };
}

const VERIFY_BATCH = 5000;

/**
 * Recomputes the chain in order and names the first record whose hash, link to the record
 * before, or sequence number does not hold (an edited record fails its hash; a removed one
 * breaks the link and the numbering of the record after it; one moved to another agency's
 * list no longer names its entry's agency). `head` is the hash of the last
 * record that holds; `length` the number of records.
 */
export async function verifyChain(db: Kysely<Schema>): Promise<AccessLogVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let length = 0;
  for (;;) {
    const rows = await db
      .selectFrom('access_log as l')
      .leftJoin('catalog_items as c', 'c.id', 'l.item_id')
      .select(['l.seq', 'l.at', 'l.subject_id', 'l.agency', 'l.item_id', 'l.grant_id', 'l.purpose', 'l.route', 'l.fields', 'l.rows', 'l.prev_hash', 'l.hash', 'l.provider_agency', 'c.agency_code'])
      .where('l.seq', '>=', expectedSeq)
      .orderBy('l.seq')
      .limit(VERIFY_BATCH)
      .execute();
    if (!rows.length) break;
    for (const row of rows) {
      const record = toRecord(row);
      const { hash, ...unhashed } = record;
      // The providing agency is kept beside the record to list a reviewer's calls; it must be the entry's.
      const misfiled = row.agency_code !== null && row.agency_code !== row.provider_agency;
      if (record.seq !== expectedSeq || record.prevHash !== prevHash || recordHash(unhashed) !== hash || misfiled) {
        const total = Number((await db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
        return { ok: false, length: total, head: prevHash, brokenAt: record.seq };
      }
      prevHash = hash;
      expectedSeq++;
      length++;
    }
  }
  return { ok: true, length, head: prevHash };
}
