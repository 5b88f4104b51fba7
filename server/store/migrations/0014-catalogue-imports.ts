import type { Migration } from '../migration';

/**
 * CSV imports in progress (SPEC §8): one row per steward while their import streams in, so
 * each steward runs one import at a time across every instance, and rows written by an
 * import that never finished (a crash) can be found and dropped. The import's rows wait in
 * `data_blocks` under `import_key` until it commits.
 */
export const migration: Migration = {
  version: '0014-catalogue-imports',
  async up(db) {
    await db.schema
      .createTable('catalogue_imports')
      .addColumn('steward_id', 'text', (c) => c.primaryKey())
      .addColumn('entry_id', 'text', (c) => c.notNull())
      .addColumn('import_key', 'text', (c) => c.notNull())
      // Epoch milliseconds: an import older than the longest one allowed is taken as abandoned.
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('catalogue_imports_started').on('catalogue_imports').column('started_at').execute();
  },
};
