import type { Generated } from 'kysely';

/** Tables of the catalog area (see server/store/migrations/*\/0002-catalog.sql). */
export interface CatalogTables {
  catalog_items: {
    seq: Generated<number>;
    id: string;
    name: string;
    summary: string;
    agency_code: string;
    agency_name: string;
    sharing: string;
    sharing_condition: string | null;
    legal_basis: string | null;
    open: string;
    frequency: string;
    formats: string;
    domain: string;
    tags: string;
    published_at: string;
    updated_at: string;
    deleted_at: string | null;
  };
  catalog_meta: { id: number; version: number };
  catalog_fields: { item_seq: number; position: number; name: string; label: string; type: string; description: string };
  /** SQLite only: FTS5 trigram index (rowid = seq). */
  catalog_fts: { rowid: number; name: string; body: string };
  /** SQLite only: FTS5 unigram/bigram index (rowid = seq). */
  catalog_grams: { rowid: number; name: string; body: string };
  /** PostgreSQL only: the lowered text (pg_trgm) and the gram tokens (text[]) of each entry. */
  catalog_search: { seq: number; doc: string; grams: string[] };
  // access_requests: see ./data.ts (reshaped by 0008-data).
}
