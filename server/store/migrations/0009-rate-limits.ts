import type { Migration } from '../migration';

/**
 * Rate-limit windows in the database (SPEC §5): every instance behind a load balancer
 * counts in the same row, so a limit holds across instances. One row per key: the count of
 * the current fixed window and when it ends (epoch milliseconds).
 */
export const migration: Migration = {
  version: '0009-rate-limits',
  async up(db) {
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('reset_at', 'bigint', (col) => col.notNull())
      .addColumn('count', 'integer', (col) => col.notNull())
      .execute();
    await db.schema.createIndex('rate_limits_reset').on('rate_limits').column('reset_at').execute();
  },
};
