import type Database from 'better-sqlite3';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Engine, Store } from '../store/database';
import type { Schema } from '../store/schema';
import type { CatalogField, CatalogItem } from '../../src/core/catalog-types';

/** Rows of `catalog_items` and how they become CatalogItems. */

/** A row of `catalog_items` as read, its coded columns narrowed to the values the table allows. */
export type ItemRow = Omit<Selectable<Schema['catalog_items']>, 'sharing' | 'open' | 'frequency'> & {
  sharing: CatalogItem['sharing'];
  open: CatalogItem['open'];
  frequency: CatalogItem['updateFrequency'];
};

export function rowToItem(row: ItemRow, fields?: CatalogField[]): CatalogItem {
  const item: CatalogItem = {
    id: row.id,
    name: row.name,
    summary: row.summary,
    agency: { code: row.agency_code, name: row.agency_name },
    sharing: row.sharing,
    open: row.open,
    updateFrequency: row.frequency,
    formats: JSON.parse(row.formats) as string[],
    domain: row.domain,
    tags: JSON.parse(row.tags) as string[],
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
  };
  if (row.sharing_condition) item.sharingCondition = row.sharing_condition;
  if (row.legal_basis) item.legalBasis = row.legal_basis;
  if (fields) item.fields = fields;
  return item;
}

/** Text the search indexes hold: `name`, and `body` = summary, agency, tags and field labels. */
export function searchText(item: CatalogItem): { name: string; body: string } {
  return {
    name: item.name,
    body: [item.summary, item.agency.name, item.tags.join(' '), (item.fields ?? []).map((f) => f.label).join(' ')].join('\n'),
  };
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const SPACE = /^\s$/u;

export function isWordChar(ch: string): boolean {
  return WORD_CHAR.test(ch);
}

/**
 * The token of one character in the gram index. Letters and digits stand for themselves;
 * punctuation and symbols (which the tokenizer would drop) are spelt as a private-use mark
 * and their code point, so `%` and `_` can be searched for like any other character.
 */
function gramOf(ch: string): string {
  return WORD_CHAR.test(ch) ? ch : '\uE000' + ch.codePointAt(0)!.toString(16);
}

/** Token of two adjacent characters: themselves when both are letters or digits, else a spelt form. */
function bigramOf(a: string, b: string): string {
  return WORD_CHAR.test(a) && WORD_CHAR.test(b) ? a + b : '\uE001' + a.codePointAt(0)!.toString(16) + '\uE002' + b.codePointAt(0)!.toString(16);
}

/**
 * Unigram and bigram tokens of a text, for the one- and two-character index (see
 * 0002-catalog.sql): 空气质量 → 空 空气 气 气质 质 质量 量. No bigram spans whitespace.
 */
export function grams(text: string): string {
  const chars = Array.from(text.toLowerCase());
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (SPACE.test(ch)) continue;
    out.push(gramOf(ch));
    const next = chars[i + 1];
    if (next !== undefined && !SPACE.test(next)) out.push(bigramOf(ch, next));
  }
  return out.join(' ');
}

/** The gram-index token for a query term of one or two characters (no whitespace). */
function gramToken(term: string): string {
  const chars = Array.from(term.toLowerCase());
  return chars.length === 1 ? gramOf(chars[0]!) : bigramOf(chars[0]!, chars[1]!);
}

/** Rows inserted per statement: well below either engine's limit on bound parameters. */
const CHUNK = 400;

/**
 * Inserts entries with their fields into the table and the search indexes of the engine
 * (FTS5 tables on SQLite, `catalog_search` on PostgreSQL). Call inside a transaction.
 */
export async function insertItems(trx: Kysely<Schema>, engine: Engine, items: Iterable<CatalogItem>, deletedAt: string | null = null): Promise<number> {
  const all = [...items];
  for (let start = 0; start < all.length; start += CHUNK) {
    const chunk = all.slice(start, start + CHUNK);
    const inserted = await trx
      .insertInto('catalog_items')
      .values(chunk.map((item) => ({ id: item.id, ...itemColumns(item), deleted_at: deletedAt })))
      .returning(['seq', 'id'])
      .execute();
    const seqOf = new Map(inserted.map((row) => [row.id, Number(row.seq)]));
    await insertFields(trx, chunk.flatMap((item) => fieldRows(seqOf.get(item.id)!, item.fields ?? [])));
    await insertSearchTexts(trx, engine, chunk.map((item) => ({ seq: seqOf.get(item.id)!, ...searchText(item) })));
  }
  return all.length;
}

/** The catalog_items columns of an entry, other than its id and deletion. */
function itemColumns(item: CatalogItem) {
  return {
    name: item.name,
    summary: item.summary,
    agency_code: item.agency.code,
    agency_name: item.agency.name,
    sharing: item.sharing,
    sharing_condition: item.sharingCondition ?? null,
    legal_basis: item.legalBasis ?? null,
    open: item.open,
    frequency: item.updateFrequency,
    formats: JSON.stringify(item.formats),
    domain: item.domain,
    tags: JSON.stringify(item.tags),
    published_at: item.publishedAt,
    updated_at: item.updatedAt,
  };
}

function fieldRows(seq: number, fields: CatalogField[]) {
  return fields.map((f, i) => ({ item_seq: seq, position: i, name: f.name, label: f.label, type: f.type, description: f.description }));
}

async function insertFields(trx: Kysely<Schema>, fields: ReturnType<typeof fieldRows>): Promise<void> {
  for (let f = 0; f < fields.length; f += CHUNK) await trx.insertInto('catalog_fields').values(fields.slice(f, f + CHUNK)).execute();
}

/** An entry's texts into the engine's search index (FTS5 and grams on SQLite, catalog_search on PostgreSQL). */
async function insertSearchTexts(trx: Kysely<Schema>, engine: Engine, texts: Array<{ seq: number; name: string; body: string }>): Promise<void> {
  if (!texts.length) return;
  if (engine === 'sqlite') {
    await trx.insertInto('catalog_fts').values(texts.map((t) => ({ rowid: t.seq, name: t.name, body: t.body }))).execute();
    await trx.insertInto('catalog_grams').values(texts.map((t) => ({ rowid: t.seq, name: grams(t.name), body: grams(t.body) }))).execute();
  } else {
    await trx.insertInto('catalog_search').values(texts.map((t) => ({ seq: t.seq, doc: searchDoc(t), grams: gramSet(t) }))).execute();
  }
}

/** PostgreSQL: the lowered text where terms of three or more characters are found by substring. */
function searchDoc(text: { name: string; body: string }): string {
  return (text.name + '\n' + text.body).toLowerCase();
}

/** PostgreSQL: the distinct gram tokens of name and body (the tokens catalog_grams holds). */
function gramSet(text: { name: string; body: string }): string[] {
  return [...new Set((grams(text.name) + ' ' + grams(text.body)).split(' ').filter(Boolean))];
}

/** `%`, `_` and `\` as themselves in a LIKE pattern. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => '\\' + ch);
}

/**
 * The seqs of entries holding every term (the user's words, at most a few): terms of three
 * or more characters as substrings (FTS5 trigram / pg_trgm), shorter ones as gram tokens.
 * Each returned list must be intersected; on PostgreSQL one query does both.
 */
export async function textMatches(store: Store, terms: string[]): Promise<number[][]> {
  const long = terms.filter((t) => Array.from(t).length >= 3);
  const short = terms.filter((t) => Array.from(t).length < 3).map(gramToken);
  if (!long.length && !short.length) return [];
  if (store.engine === 'sqlite') {
    const db = store.sqlite!;
    // User text only ever reaches FTS5 inside a double-quoted string with its quotes doubled,
    // so `"`, `*`, `NEAR(`, `AND`, `-`… are text.
    const phrase = (t: string) => '"' + t.replace(/"/g, '""') + '"';
    const lists: number[][] = [];
    if (long.length) lists.push(pluck(db, 'SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH ?', long.map(phrase).join(' AND ')));
    if (short.length) lists.push(pluck(db, 'SELECT rowid FROM catalog_grams WHERE catalog_grams MATCH ?', short.map(phrase).join(' AND ')));
    return lists;
  }
  // A short word found in most entries is looked for in `doc` instead: the same answer (a
  // word of one or two characters holds no whitespace, so its gram is in the name or body
  // exactly when the word is in `doc`), and a scan comparing one string per row costs a
  // quarter of one comparing each row's array of grams, where the index cannot help anyway.
  const common = await commonGrams(store);
  const shortTerms = terms.filter((t) => Array.from(t).length < 3);
  const broad = shortTerms.filter((t) => (common.get(gramToken(t)) ?? 0) > BROAD_SHARE);
  const narrow = shortTerms.filter((t) => !broad.includes(t)).map(gramToken);
  // The seqs come back as one comma-separated text, not a row each (a query may match every entry).
  let query = store.db.selectFrom('catalog_search').select(sql<string | null>`string_agg(seq::text, ',')`.as('seqs'));
  for (const term of [...long, ...broad]) query = query.where(sql<boolean>`doc LIKE ${'%' + likeLiteral(term.toLowerCase()) + '%'}`);
  if (narrow.length) query = query.where(sql<boolean>`grams @> ${narrow}::text[]`);
  const { seqs } = await query.executeTakeFirstOrThrow();
  return [seqs ? seqs.split(',').map(Number) : []];
}

/** A gram in more than this share of the entries is "broad" (PostgreSQL's statistics say so). */
const BROAD_SHARE = 0.2;
const STATS_TTL_MS = 5 * 60_000;
const gramStats = new WeakMap<Store, { at: number; shares: Promise<Map<string, number>> }>();

/**
 * PostgreSQL: the most common grams and the share of entries holding each, from the
 * planner's statistics of `catalog_search.grams` (kept by ANALYZE / autovacuum), read at most
 * every five minutes. Empty until the table has been analysed.
 */
function commonGrams(store: Store): Promise<Map<string, number>> {
  const cached = gramStats.get(store);
  if (cached && Date.now() - cached.at < STATS_TTL_MS) return cached.shares;
  const shares = sql<{ elems: string[] | null; freqs: number[] | null }>`
      SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
      FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'catalog_search' AND attname = 'grams'`
    .execute(store.db)
    .then(({ rows }) => {
      const { elems, freqs } = rows[0] ?? { elems: null, freqs: null };
      return new Map((elems ?? []).map((gram, i) => [gram, Number(freqs?.[i] ?? 0)]));
    })
    .catch(() => new Map<string, number>());
  gramStats.set(store, { at: Date.now(), shares });
  return shares;
}

// FTS5 reads go straight to the SQLite handle: a statement prepared once and plucked into
// numbers, not an object per matching row (a query may match every entry).
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function pluck(db: Database.Database, text: string, ...args: unknown[]): number[] {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = db.prepare(text).pluck()));
  return statement.all(...args) as number[];
}

/** A live entry (not withdrawn) by id, with its fields. */
export async function findItem(db: Kysely<Schema>, id: string): Promise<(CatalogItem & { fields: CatalogField[] }) | undefined> {
  const row = await db.selectFrom('catalog_items').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) return undefined;
  const fields = await db.selectFrom('catalog_fields').select(['name', 'label', 'type', 'description']).where('item_seq', '=', row.seq).orderBy('position').execute();
  return rowToItem(row as ItemRow, fields) as CatalogItem & { fields: CatalogField[] };
}

/** Entries by seq, in the order given (withdrawn ones are skipped). */
export async function itemsBySeq(db: Kysely<Schema>, seqs: number[]): Promise<CatalogItem[]> {
  if (!seqs.length) return [];
  const rows = await db.selectFrom('catalog_items').selectAll().where('seq', 'in', seqs).execute();
  const bySeq = new Map(rows.map((row) => [row.seq, row as ItemRow]));
  return seqs.map((seq) => bySeq.get(seq)).filter((row): row is ItemRow => !!row).map((row) => rowToItem(row));
}

/**
 * Puts a published catalogue entry (SPEC §8) into the catalog, or replaces the version there:
 * the row keeps its seq, its fields and search texts are written anew, and it is live again
 * if it had been withdrawn. The triggers on catalog_items move `catalog_meta.version`, so every
 * instance's facet columns and match cache reload at their next search. Call inside a transaction.
 */
export async function putItem(trx: Kysely<Schema>, engine: Engine, item: CatalogItem & { fields: CatalogField[] }): Promise<void> {
  const existing = await trx.selectFrom('catalog_items').select('seq').where('id', '=', item.id).executeTakeFirst();
  if (!existing) {
    await insertItems(trx, engine, [item]);
    return;
  }
  const seq = Number(existing.seq);
  await trx.updateTable('catalog_items').set({ ...itemColumns(item), deleted_at: null }).where('seq', '=', seq).execute();
  await trx.deleteFrom('catalog_fields').where('item_seq', '=', seq).execute();
  await insertFields(trx, fieldRows(seq, item.fields));
  if (engine === 'sqlite') {
    await trx.deleteFrom('catalog_fts').where('rowid', '=', seq).execute();
    await trx.deleteFrom('catalog_grams').where('rowid', '=', seq).execute();
  } else {
    await trx.deleteFrom('catalog_search').where('seq', '=', seq).execute();
  }
  await insertSearchTexts(trx, engine, [{ seq, ...searchText(item) }]);
}

/** Withdraws an entry: it keeps its row (access requests and grants name it) but leaves search, facets and `/data`. */
export async function withdrawItem(trx: Kysely<Schema>, id: string, at: string): Promise<void> {
  await trx.updateTable('catalog_items').set({ deleted_at: at }).where('id', '=', id).where('deleted_at', 'is', null).execute();
}

/** An agency's code and name (the name is the code when the agency is unknown). */
export async function findAgency(db: Kysely<Schema>, code: string): Promise<{ code: string; name: string }> {
  const row = await db.selectFrom('agencies').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
  return row ?? { code, name: code };
}

/** Every agency's name by its code. */
export async function agencyNames(db: Kysely<Schema>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('agencies').select(['code', 'name']).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The catalog's version: moved by triggers on every change to `catalog_items`. */
export async function catalogVersion(db: Kysely<Schema>): Promise<number> {
  const meta = await db.selectFrom('catalog_meta').select('version').where('id', '=', 1).executeTakeFirst();
  return meta ? Number(meta.version) : 0;
}

/** The facet attributes of every live entry, by seq: `[seq, agency, sharing, open, frequency, name, updatedAt]`. */
export async function facetRows(db: Kysely<Schema>) {
  return (await db
    .selectFrom('catalog_items')
    .select(['seq', 'agency_code', 'sharing', 'open', 'frequency', 'name', 'updated_at'])
    .where('deleted_at', 'is', null)
    .orderBy('seq')
    .execute()).map((r) => [r.seq, r.agency_code, r.sharing, r.open, r.frequency, r.name, r.updated_at] as const);
}
