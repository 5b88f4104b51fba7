import type { Kysely } from 'kysely';
import type { AccessLogRecord } from '../../src/core/catalog-types';
import { lockFor, type Store } from '../store/database';
import type { Schema } from '../store/schema';

/** The store of the access log (server/data/access-log.ts): records are only ever inserted. */

export interface AccessLogFilter {
  /** A reviewer: the calls on their agency's entries. */
  providerAgency?: string;
  /** Anyone else: their own calls. */
  subjectId?: string;
  itemId?: string | undefined;
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
 * Appends the record `make` builds from the current head (the last record, if any). The
 * head is read and the record written under one lock (`lockFor(…, 'access-log')`), so
 * concurrent writers — on one instance or several behind a load balancer — never fork the chain.
 */
export async function appendRecord(store: Pick<Store, 'db' | 'engine'>, providerAgency: string, make: (head: { seq: number; hash: string } | undefined) => AccessLogRecord): Promise<AccessLogRecord> {
  return store.db.transaction().execute(async (trx) => {
    await lockFor(trx, store.engine, 'access-log');
    const head = await trx.selectFrom('access_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const record = make(head);
    await trx
      .insertInto('access_log')
      .values({
        seq: record.seq,
        at: record.at,
        subject_id: record.subjectId,
        agency: record.agency,
        item_id: record.itemId,
        provider_agency: providerAgency,
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

/** One page of the records a filter selects, newest first, and how many it selects. */
export async function recordsPage(db: Kysely<Schema>, filter: AccessLogFilter, offset: number, limit: number): Promise<{ items: AccessLogRecord[]; total: number }> {
  let query = db.selectFrom('access_log');
  if (filter.providerAgency !== undefined) query = query.where('provider_agency', '=', filter.providerAgency);
  if (filter.subjectId !== undefined) query = query.where('subject_id', '=', filter.subjectId);
  if (filter.itemId) query = query.where('item_id', '=', filter.itemId);
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await query.selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute();
  return { items: rows.map(toRecord), total };
}

/**
 * Up to `limit` records from `seq` on, in order, each with the providing agency kept beside
 * it and the agency its entry has now (null when the entry is gone).
 */
export async function recordsFrom(db: Kysely<Schema>, seq: number, limit: number): Promise<Array<{ record: AccessLogRecord; providerAgency: string; entryAgency: string | null }>> {
  const rows = await db
    .selectFrom('access_log as l')
    .leftJoin('catalog_items as c', 'c.id', 'l.item_id')
    .select(['l.seq', 'l.at', 'l.subject_id', 'l.agency', 'l.item_id', 'l.grant_id', 'l.purpose', 'l.route', 'l.fields', 'l.rows', 'l.prev_hash', 'l.hash', 'l.provider_agency', 'c.agency_code'])
    .where('l.seq', '>=', seq)
    .orderBy('l.seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ record: toRecord(row), providerAgency: row.provider_agency, entryAgency: row.agency_code }));
}

/** How many records the log holds: all, or those on one agency's entries. */
export async function countRecords(db: Kysely<Schema>, providerAgency?: string): Promise<number> {
  let query = db.selectFrom('access_log');
  if (providerAgency !== undefined) query = query.where('provider_agency', '=', providerAgency);
  return Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

/** The last record's number and hash (the highest seq), or undefined when the log is empty. */
export async function lastRecord(db: Kysely<Schema>): Promise<{ seq: number; hash: string } | undefined> {
  const row = await db.selectFrom('access_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row && { seq: Number(row.seq), hash: row.hash };
}

/** The hash of record `seq`, or undefined when there is none. */
export async function hashAt(db: Kysely<Schema>, seq: number): Promise<string | undefined> {
  return (await db.selectFrom('access_log').select('hash').where('seq', '=', seq).executeTakeFirst())?.hash;
}
