import type Database from 'better-sqlite3';
import type { CatalogField, CatalogItem } from '../../src/services/catalog-types';

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

/**
 * Every character its own token, for the one- and two-character index (see 0002-catalog.sql).
 * Spaces and punctuation become a private-use barrier token (the tokenizer would drop them),
 * so two characters either side of a space or a comma are not taken for a two-character word.
 */
export function spreadChars(text: string): string {
  return Array.from(text.toLowerCase(), (ch) => (/^[\p{L}\p{N}]$/u.test(ch) ? ch : '\uE000')).join(' ');
}

/** Inserts entries with their fields into the table and both search indexes. Call inside a transaction. */
export function insertItems(db: Database.Database, items: Iterable<CatalogItem>, deletedAt: string | null = null): number {
  const insertItem = db.prepare(
    `INSERT INTO catalog_items (id, name, summary, agency_code, agency_name, sharing, sharing_condition, legal_basis, open, frequency, formats, domain, tags, published_at, updated_at, deleted_at)
     VALUES (@id, @name, @summary, @agencyCode, @agencyName, @sharing, @sharingCondition, @legalBasis, @open, @frequency, @formats, @domain, @tags, @publishedAt, @updatedAt, @deletedAt)`,
  );
  const insertField = db.prepare('INSERT INTO catalog_fields (item_seq, position, name, label, type, description) VALUES (?, ?, ?, ?, ?, ?)');
  const insertFts = db.prepare('INSERT INTO catalog_fts (rowid, name, body) VALUES (?, ?, ?)');
  const insertChars = db.prepare('INSERT INTO catalog_chars (rowid, name, body) VALUES (?, ?, ?)');
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
    insertChars.run(seq, spreadChars(text.name), spreadChars(text.body));
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
