import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * Cataloguing (SPEC §8, Art. 16, 22, 24–26): the entries agencies write, every version of
 * each, the append-only history of what was done to them, and the public's comments.
 * The published version of an entry also lives in `catalog_items` (with its search rows),
 * so search, facets and `/data` read one table whatever its origin.
 */
export const migration: Migration = {
  version: '0012-cataloguing',
  async up(db) {
    await db.schema
      .createTable('catalogue_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('agency_code', 'text', (c) => c.notNull().references('agencies.code'))
      .addColumn('status', 'text', (c) => c.notNull().check(statusIn('status', ['draft', 'submitted', 'published', 'returned', 'withdrawn'])))
      // The working version; `published_version` the one in catalog_items (null when none).
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('published_version', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text')
      // JSON ReviewChecks of the latest review, and the reason of the latest return or withdrawal.
      .addColumn('checks', 'text')
      .addColumn('reason', 'text')
      .execute();
    await db.schema.createIndex('catalogue_entries_agency').on('catalogue_entries').columns(['agency_code', 'updated_at']).execute();
    await db.schema.createIndex('catalogue_entries_status').on('catalogue_entries').columns(['status', 'updated_at']).execute();

    // Every version as saved: a published version is never overwritten (a change makes the next one).
    await db.schema
      .createTable('catalogue_versions')
      .addColumn('entry_id', 'text', (c) => c.notNull().references('catalogue_entries.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull().check(statusIn('state', ['draft', 'submitted', 'published', 'returned', 'withdrawn', 'superseded'])))
      // JSON CatalogueEntryInput.
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text')
      // Rows imported for this version and waiting (in data_blocks under a staging key) for its publication.
      .addColumn('imported_rows', 'integer')
      .addPrimaryKeyConstraint('catalogue_versions_pk', ['entry_id', 'version'])
      .execute();

    // Append-only evidence (Art. 26): one row per act, never updated or removed.
    await db.schema
      .createTable('catalogue_history')
      .addColumn('entry_id', 'text', (c) => c.notNull().references('catalogue_entries.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('actor_role', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text')
      // JSON: the checks of a review, the rows of an import.
      .addColumn('detail', 'text')
      .addPrimaryKeyConstraint('catalogue_history_pk', ['entry_id', 'seq'])
      .execute();
    await db.schema.createIndex('catalogue_history_actor').on('catalogue_history').columns(['actor_id', 'entry_id']).execute();

    // Public comments on open entries (Art. 24) and the providing agency's answers.
    await db.schema
      .createTable('catalogue_comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('reply_to', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('author_name', 'text', (c) => c.notNull())
      .addColumn('agency_code', 'text')
      .addColumn('agency_name', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('catalogue_comments_item').on('catalogue_comments').columns(['item_id', 'at']).execute();
    await db.schema.createIndex('catalogue_comments_author').on('catalogue_comments').columns(['author_id', 'at']).execute();
  },
};

function statusIn(column: string, values: string[]) {
  return sql`${sql.ref(column)} IN (${sql.join(values.map((v) => sql.lit(v)))})`;
}
