import type { Migration } from '../migration';

/**
 * Claim and assign (SPEC §14): the officer who holds a case (claimed it, or was assigned it),
 * who alone decides it while they hold it; none until someone claims it. The queue of one
 * officer (`filter=mine`) and of nobody (`filter=unassigned`) is read by the index.
 */
export const migration: Migration = {
  version: '0017-case-holders',
  async up(db) {
    await db.schema.alterTable('applications').addColumn('holder_id', 'text', (col) => col.references('subjects.id')).execute();
    await db.schema.createIndex('applications_holder_queue').on('applications').columns(['agency_code', 'holder_id', 'queue_key']).execute();
  },
};
