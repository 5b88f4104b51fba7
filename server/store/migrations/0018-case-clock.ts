import type { Migration } from '../migration';

/**
 * The clock of a case (SPEC §14; 行政许可法 Art. 42, 45): when it was stopped (null while it
 * runs), and each suspension, resumption and extension with its reason, legal basis, days and
 * the due date it left — appended, never updated.
 */
export const migration: Migration = {
  version: '0018-case-clock',
  async up(db) {
    await db.schema.alterTable('applications').addColumn('suspended_at', 'text').execute();
    await db.schema.createTable('case_clock')
      .addColumn('application_id', 'text', (col) => col.notNull().references('applications.id'))
      .addColumn('seq', 'integer', (col) => col.notNull())
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('at', 'text', (col) => col.notNull())
      .addColumn('officer_name', 'text', (col) => col.notNull())
      .addColumn('reason', 'text')
      .addColumn('legal_basis', 'text')
      .addColumn('kind', 'text')
      .addColumn('days', 'integer')
      .addColumn('due_at', 'text')
      .addPrimaryKeyConstraint('case_clock_pk', ['application_id', 'seq'])
      .execute();
  },
};
