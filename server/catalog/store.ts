import type Database from 'better-sqlite3';
import type { CatalogField, CatalogItem } from '../../src/core/catalog-types';

/** Rows of `catalog_items` and how they become CatalogItems. */

export interface ItemRow {
  seq: number;
  id: string;
  name: string;
  summary: string;
  agency_code: string;
  agency_name: string;
  sharing: CatalogItem['sharing'];
  sharing_condition: string | null;
  legal_basis: string | null;
  open: CatalogItem['open'];
  frequency: CatalogItem['updateFrequency'];
  formats: string;
  domain: string;
  tags: string;
  published_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export const ITEM_COLUMNS = 'seq, id, name, summary, agency_code, agency_name, sharing, sharing_condition, legal_basis, open, frequency, formats, domain, tags, published_at, updated_at, deleted_at';

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
export function gramToken(term: string): string {
  const chars = Array.from(term.toLowerCase());
  return chars.length === 1 ? gramOf(chars[0]!) : bigramOf(chars[0]!, chars[1]!);
}

/** Inserts entries with their fields into the table and both search indexes. Call inside a transaction. */
export function insertItems(db: Database.Database, items: Iterable<CatalogItem>, deletedAt: string | null = null): number {
  const insertItem = db.prepare(
    `INSERT INTO catalog_items (id, name, summary, agency_code, agency_name, sharing, sharing_condition, legal_basis, open, frequency, formats, domain, tags, published_at, updated_at, deleted_at)
     VALUES (@id, @name, @summary, @agencyCode, @agencyName, @sharing, @sharingCondition, @legalBasis, @open, @frequency, @formats, @domain, @tags, @publishedAt, @updatedAt, @deletedAt)`,
  );
  const insertField = db.prepare('INSERT INTO catalog_fields (item_seq, position, name, label, type, description) VALUES (?, ?, ?, ?, ?, ?)');
  const insertFts = db.prepare('INSERT INTO catalog_fts (rowid, name, body) VALUES (?, ?, ?)');
  const insertGrams = db.prepare('INSERT INTO catalog_grams (rowid, name, body) VALUES (?, ?, ?)');
  let count = 0;
  for (const item of items) {
    const { lastInsertRowid } = insertItem.run({
      id: item.id,
      name: item.name,
      summary: item.summary,
      agencyCode: item.agency.code,
      agencyName: item.agency.name,
      sharing: item.sharing,
      sharingCondition: item.sharingCondition ?? null,
      legalBasis: item.legalBasis ?? null,
      open: item.open,
      frequency: item.updateFrequency,
      formats: JSON.stringify(item.formats),
      domain: item.domain,
      tags: JSON.stringify(item.tags),
      publishedAt: item.publishedAt,
      updatedAt: item.updatedAt,
      deletedAt,
    });
    const seq = Number(lastInsertRowid);
    (item.fields ?? []).forEach((f, i) => insertField.run(seq, i, f.name, f.label, f.type, f.description));
    const text = searchText(item);
    insertFts.run(seq, text.name, text.body);
    insertGrams.run(seq, grams(text.name), grams(text.body));
    count++;
  }
  return count;
}

/** A live entry (not withdrawn) by id, with its fields. */
export function findItem(db: Database.Database, id: string): (CatalogItem & { fields: CatalogField[] }) | undefined {
  const row = db.prepare(`SELECT ${ITEM_COLUMNS} FROM catalog_items WHERE id = ? AND deleted_at IS NULL`).get(id) as ItemRow | undefined;
  if (!row) return undefined;
  const fields = db.prepare('SELECT name, label, type, description FROM catalog_fields WHERE item_seq = ? ORDER BY position').all(row.seq) as CatalogField[];
  return rowToItem(row, fields) as CatalogItem & { fields: CatalogField[] };
}
