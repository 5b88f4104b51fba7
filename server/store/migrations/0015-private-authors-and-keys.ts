import type { Migration } from '../migration';

/**
 * What is kept about people no longer than needed or shown more than they chose (issue #31):
 * a public comment keeps whether its author chose to show their full name (`show_name`, 0 for
 * every comment before: shown with the surname only); kept Idempotency-Key answers are swept
 * by age, so `created_at` is indexed.
 */
export const migration: Migration = {
  version: '0015-private-authors-and-keys',
  async up(db) {
    await db.schema.alterTable('catalogue_comments').addColumn('show_name', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.createIndex('request_keys_created').on('request_keys').column('created_at').execute();
  },
};
