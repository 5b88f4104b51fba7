import type { Migration } from '../migration';

/**
 * Decision letters (决定书, SPEC §14): each decided case's letter, sealed by the agency's
 * issuer key once, when it is first asked for, and kept as sealed so it reads the same every
 * time.
 */
export const migration: Migration = {
  version: '0019-decision-letters',
  async up(db) {
    await db.schema.createTable('decision_letters')
      .addColumn('application_id', 'text', (col) => col.primaryKey().references('applications.id'))
      .addColumn('letter', 'text', (col) => col.notNull())
      .addColumn('sealed_at', 'text', (col) => col.notNull())
      .execute();
  },
};
