import { sql } from 'kysely';
import type { Migration } from '../migration';

/**
 * Steps and four eyes (SPEC §14): the step each case is at (1 until a service declares more),
 * the roles officers hold in their agency (handler, reviewer, approver), and who took which
 * step of a case with what decision — appended, never updated — so one officer cannot take
 * two steps of the same case.
 */
export const migration: Migration = {
  version: '0016-case-steps',
  async up(db) {
    await db.schema.alterTable('applications').addColumn('step', 'integer', (col) => col.notNull().defaultTo(1)).execute();
    await db.schema.createTable('officer_roles')
      .addColumn('subject_id', 'text', (col) => col.notNull().references('subjects.id'))
      .addColumn('agency_code', 'text', (col) => col.notNull())
      .addColumn('role', 'text', (col) => col.notNull().check(sql`role IN ('handler', 'reviewer', 'approver')`))
      .addPrimaryKeyConstraint('officer_roles_pk', ['subject_id', 'agency_code', 'role'])
      .execute();
    await db.schema.createTable('case_steps')
      .addColumn('application_id', 'text', (col) => col.notNull().references('applications.id'))
      .addColumn('seq', 'integer', (col) => col.notNull())
      .addColumn('step', 'integer', (col) => col.notNull())
      .addColumn('officer_id', 'text', (col) => col.notNull().references('subjects.id'))
      .addColumn('officer_name', 'text', (col) => col.notNull())
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('case_steps_pk', ['application_id', 'seq'])
      .execute();
  },
};
