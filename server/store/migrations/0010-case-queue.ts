import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * The officers' queue in one index order: `queue_key` is the due date of an accepted case,
 * and `~` + the submission time for one without (`~` sorts after every digit), so "oldest
 * due first, then the oldest not yet accepted" is read straight from an index on both engines.
 */
export const migration: Migration = {
  version: '0010-case-queue',
  async up(db) {
    await db.schema.alterTable('applications').addColumn('queue_key', 'text', (col) => col.notNull().defaultTo('~')).execute();
    await sql`UPDATE applications SET queue_key = CASE WHEN due_at IS NULL THEN '~' || submitted_at ELSE due_at END`.execute(db);
    await db.schema.dropIndex('applications_queue').execute();
    await db.schema.dropIndex('applications_agency_due').execute();
    await db.schema.createIndex('applications_queue').on('applications').columns(['agency_code', 'queue_key', 'id']).execute();
    await db.schema.createIndex('applications_queue_status').on('applications').columns(['agency_code', 'status', 'queue_key', 'id']).execute();
  },
};
