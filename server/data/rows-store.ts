import type { Kysely } from 'kysely';
import { lockFor, type Engine } from '../store/database';
import type { FieldSensitivity } from '../../src/core/catalog-types';
import type { Schema } from '../store/schema';

/**
 * The store of the rows behind catalog entries (SPEC §7). Rows are kept in blocks of
 * BLOCK_ROWS consecutive rows (one JSON text each), which makes seeding 200,000 rows a few
 * thousand inserts and a page one or two reads. Exact-match filters: an entry of up to
 * SCAN_LIMIT rows is scanned (a few milliseconds); a larger one gets, the first time a field
 * is filtered on, one `data_values` entry per (field, value, row), so every later filter on
 * it is one index range — on SQLite and PostgreSQL alike. Per entry, `data_sets` keeps the
 * columns with their sensitivity, the row count and the licence.
 */

/** One value of a row: text, a number, or nothing. */
export type CellValue = string | number | null;

export interface DataColumn {
  name: string;
  sensitivity: FieldSensitivity;
}

export interface DataSet {
  itemId: string;
  columns: DataColumn[];
  rowCount: number;
  licence?: { name: string; url: string };
}

export interface Licence {
  name: string;
  url: string;
}

export const BLOCK_ROWS = 100;
/** Entries up to this many rows are filtered by reading them; larger ones through `data_values`. */
export const SCAN_LIMIT = 5000;
/** Records per INSERT statement, within both engines' bound-parameter limits. */
const INSERT_BATCH = 500;
const VALUE_BATCH = 5000;

/** The text a filter compares with: numbers as JavaScript prints them. */
export function valueKey(value: CellValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'number' ? String(value) : value;
}

/**
 * Replaces the rows of an entry (seeding, and a steward's CSV import of SPEC §8). Call
 * inside a transaction: readers see the old rows or the new ones, never a mixture.
 */
export async function replaceRows(trx: Kysely<Schema>, itemId: string, columns: DataColumn[], rows: Iterable<CellValue[]>, licence: Licence | null, now = new Date()): Promise<number> {
  await trx.deleteFrom('data_values').where('item_id', '=', itemId).execute();
  await trx.deleteFrom('data_indexed').where('item_id', '=', itemId).execute();
  await trx.deleteFrom('data_blocks').where('item_id', '=', itemId).execute();
  let batch: Array<Schema['data_blocks']> = [];
  let block: CellValue[][] = [];
  let count = 0;
  const flushBlock = () => {
    batch.push({ item_id: itemId, block_no: Math.floor((count - 1) / BLOCK_ROWS), doc: JSON.stringify(block) });
    block = [];
  };
  for (const row of rows) {
    block.push(row);
    count++;
    if (block.length === BLOCK_ROWS) flushBlock();
    if (batch.length >= INSERT_BATCH) {
      await trx.insertInto('data_blocks').values(batch).execute();
      batch = [];
    }
  }
  if (block.length) flushBlock();
  if (batch.length) await trx.insertInto('data_blocks').values(batch).execute();
  await saveDataSet(trx, { itemId, columns, rowCount: count, ...(licence ? { licence } : {}) }, now);
  return count;
}

/**
 * Writes the rows of many entries that have none yet (seeding a new database): blocks of
 * every entry go out in shared multi-row inserts, and the data sets in one, so a fresh
 * database costs a few dozen statements rather than several per entry.
 */
export async function insertNewDataSets(trx: Kysely<Schema>, sets: Iterable<{ itemId: string; columns: DataColumn[]; rows: Iterable<CellValue[]>; licence: Licence | null }>, now = new Date()): Promise<number> {
  let batch: Array<Schema['data_blocks']> = [];
  const infos: Array<Schema['data_sets']> = [];
  let total = 0;
  for (const set of sets) {
    let block: CellValue[][] = [];
    let count = 0;
    for (const row of set.rows) {
      block.push(row);
      count++;
      if (block.length === BLOCK_ROWS) {
        batch.push({ item_id: set.itemId, block_no: count / BLOCK_ROWS - 1, doc: JSON.stringify(block) });
        block = [];
      }
      if (batch.length >= INSERT_BATCH) {
        await trx.insertInto('data_blocks').values(batch).execute();
        batch = [];
      }
    }
    if (block.length) batch.push({ item_id: set.itemId, block_no: Math.floor(count / BLOCK_ROWS), doc: JSON.stringify(block) });
    infos.push({ item_id: set.itemId, fields: JSON.stringify(set.columns), row_count: count, licence_name: set.licence?.name ?? null, licence_url: set.licence?.url ?? null, updated_at: now.toISOString() });
    total += count;
  }
  if (batch.length) await trx.insertInto('data_blocks').values(batch).execute();
  for (let i = 0; i < infos.length; i += INSERT_BATCH) await trx.insertInto('data_sets').values(infos.slice(i, i + INSERT_BATCH)).execute();
  return total;
}

/** Records an entry's columns, row count and licence (also for an entry without rows yet). */
export async function saveDataSet(trx: Kysely<Schema>, set: DataSet, now = new Date()): Promise<void> {
  const values = {
    item_id: set.itemId,
    fields: JSON.stringify(set.columns),
    row_count: set.rowCount,
    licence_name: set.licence?.name ?? null,
    licence_url: set.licence?.url ?? null,
    updated_at: now.toISOString(),
  };
  await trx
    .insertInto('data_sets')
    .values(values)
    .onConflict((oc) => oc.column('item_id').doUpdateSet({ fields: values.fields, row_count: values.row_count, licence_name: values.licence_name, licence_url: values.licence_url, updated_at: values.updated_at }))
    .execute();
}

function toDataSet(row: Schema['data_sets']): DataSet {
  const set: DataSet = { itemId: row.item_id, columns: JSON.parse(row.fields) as DataColumn[], rowCount: row.row_count };
  if (row.licence_name && row.licence_url) set.licence = { name: row.licence_name, url: row.licence_url };
  return set;
}

export async function findDataSet(db: Kysely<Schema>, itemId: string): Promise<DataSet | undefined> {
  const row = await db.selectFrom('data_sets').selectAll().where('item_id', '=', itemId).executeTakeFirst();
  return row && toDataSet(row);
}

/** Data information of several entries in one query (a page of search results). */
export async function findDataSets(db: Kysely<Schema>, itemIds: readonly string[]): Promise<Map<string, DataSet>> {
  const found = new Map<string, DataSet>();
  if (!itemIds.length) return found;
  const rows = await db.selectFrom('data_sets').selectAll().where('item_id', 'in', [...new Set(itemIds)]).execute();
  for (const row of rows) found.set(row.item_id, toDataSet(row));
  return found;
}

export interface RowFilter {
  col: number;
  value: string;
}

export interface RowsPage {
  total: number;
  rows: CellValue[][];
}

async function readBlocks(db: Kysely<Schema>, itemId: string, from: number, to: number): Promise<Map<number, CellValue[][]>> {
  const rows = await db.selectFrom('data_blocks').select(['block_no', 'doc']).where('item_id', '=', itemId).where('block_no', '>=', from).where('block_no', '<=', to).orderBy('block_no').execute();
  return new Map(rows.map((r) => [r.block_no, JSON.parse(r.doc) as CellValue[][]]));
}

/** The rows with these numbers, in that order. */
async function rowsByNumber(db: Kysely<Schema>, itemId: string, rowNos: readonly number[]): Promise<CellValue[][]> {
  if (!rowNos.length) return [];
  const blockNos = [...new Set(rowNos.map((n) => Math.floor(n / BLOCK_ROWS)))];
  const rows = await db.selectFrom('data_blocks').select(['block_no', 'doc']).where('item_id', '=', itemId).where('block_no', 'in', blockNos).execute();
  const blocks = new Map(rows.map((r) => [r.block_no, JSON.parse(r.doc) as CellValue[][]]));
  return rowNos.map((n) => blocks.get(Math.floor(n / BLOCK_ROWS))?.[n % BLOCK_ROWS] ?? []);
}

/** Rows of one entry that match every filter exactly, in row order, a page at a time. */
export async function pageRows(store: { db: Kysely<Schema>; engine: Engine }, set: DataSet, filters: readonly RowFilter[], offset: number, limit: number): Promise<RowsPage> {
  const { db } = store;
  if (!filters.length) {
    const total = set.rowCount;
    if (offset >= total) return { total, rows: [] };
    const end = Math.min(total, offset + limit) - 1;
    const blocks = await readBlocks(db, set.itemId, Math.floor(offset / BLOCK_ROWS), Math.floor(end / BLOCK_ROWS));
    const rows: CellValue[][] = [];
    for (let n = offset; n <= end; n++) rows.push(blocks.get(Math.floor(n / BLOCK_ROWS))?.[n % BLOCK_ROWS] ?? []);
    return { total, rows };
  }
  if (set.rowCount <= SCAN_LIMIT) {
    const blocks = await readBlocks(db, set.itemId, 0, Math.ceil(set.rowCount / BLOCK_ROWS));
    const matching: CellValue[][] = [];
    for (const block of blocks.values()) for (const row of block) if (filters.every((f) => valueKey(row[f.col] ?? null) === f.value)) matching.push(row);
    return { total: matching.length, rows: matching.slice(offset, offset + limit) };
  }
  for (const filter of filters) await ensureIndexed(store, set, filter.col);
  const [first, ...rest] = filters;
  let query = db.selectFrom('data_values').where('item_id', '=', set.itemId).where('col', '=', first!.col).where('value', '=', first!.value);
  for (const filter of rest) {
    query = query.where('row_no', 'in', (eb) =>
      eb.selectFrom('data_values as v2').select('v2.row_no').where('v2.item_id', '=', set.itemId).where('v2.col', '=', filter.col).where('v2.value', '=', filter.value),
    );
  }
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if (offset >= total) return { total, rows: [] };
  const numbers = (await query.select('row_no').orderBy('row_no').limit(limit).offset(offset).execute()).map((r) => r.row_no);
  return { total, rows: await rowsByNumber(db, set.itemId, numbers) };
}

/**
 * Builds the filter index of one field of a large entry, once: under a lock, so two
 * instances filtering at the same time build it once, and in one transaction with its
 * marker, so a half-built index is never used.
 */
async function ensureIndexed(store: { db: Kysely<Schema>; engine: Engine }, set: DataSet, col: number): Promise<void> {
  const done = await store.db.selectFrom('data_indexed').select('col').where('item_id', '=', set.itemId).where('col', '=', col).executeTakeFirst();
  if (done) return;
  await store.db.transaction().execute(async (trx) => {
    await lockFor(trx, store.engine, `data-index:${set.itemId}`);
    const again = await trx.selectFrom('data_indexed').select('col').where('item_id', '=', set.itemId).where('col', '=', col).executeTakeFirst();
    if (again) return;
    let batch: Array<Schema['data_values']> = [];
    for (let from = 0; ; from += 50) {
      const blocks = await readBlocks(trx, set.itemId, from, from + 49);
      if (!blocks.size) break;
      for (const [blockNo, rows] of blocks) {
        rows.forEach((row, i) => {
          const key = valueKey(row[col] ?? null);
          if (key !== undefined) batch.push({ item_id: set.itemId, col, value: key, row_no: blockNo * BLOCK_ROWS + i });
        });
      }
      if (batch.length >= VALUE_BATCH) {
        await trx.insertInto('data_values').values(batch).execute();
        batch = [];
      }
    }
    if (batch.length) await trx.insertInto('data_values').values(batch).execute();
    await trx.insertInto('data_indexed').values({ item_id: set.itemId, col }).execute();
  });
}

/**
 * The rows of an entry in blocks by keyset, for downloads: each block is one short query,
 * so a download holds one block in memory and no transaction open between them.
 */
export async function blockAfter(db: Kysely<Schema>, itemId: string, afterBlockNo: number): Promise<{ blockNo: number; rows: CellValue[][] } | undefined> {
  const row = await db.selectFrom('data_blocks').select(['block_no', 'doc']).where('item_id', '=', itemId).where('block_no', '>', afterBlockNo).orderBy('block_no').limit(1).executeTakeFirst();
  return row && { blockNo: row.block_no, rows: JSON.parse(row.doc) as CellValue[][] };
}

/**
 * Makes the rows written under `fromKey` (a catalogue entry's import waiting for publication,
 * SPEC §8) the rows of `itemId`, in place of its old ones and their filter index. Call inside
 * the transaction that publishes, then saveDataSet.
 */
export async function moveRows(trx: Kysely<Schema>, fromKey: string, itemId: string): Promise<void> {
  await trx.deleteFrom('data_values').where('item_id', 'in', [itemId, fromKey]).execute();
  await trx.deleteFrom('data_indexed').where('item_id', 'in', [itemId, fromKey]).execute();
  await trx.deleteFrom('data_blocks').where('item_id', '=', itemId).execute();
  await trx.updateTable('data_blocks').set({ item_id: itemId }).where('item_id', '=', fromKey).execute();
  await trx.deleteFrom('data_sets').where('item_id', '=', fromKey).execute();
}

/** Drops rows written under a key and its data information (an import that will not be published). */
export async function dropRows(trx: Kysely<Schema>, key: string): Promise<void> {
  await trx.deleteFrom('data_values').where('item_id', '=', key).execute();
  await trx.deleteFrom('data_indexed').where('item_id', '=', key).execute();
  await trx.deleteFrom('data_blocks').where('item_id', '=', key).execute();
  await trx.deleteFrom('data_sets').where('item_id', '=', key).execute();
}
