import { sql } from 'kysely';
import type { Migration } from '../migration';
import { rebuildSqliteTable } from '../migration';

/** Officers (SPEC §6), data stewards and the data office (§8) sign in too. */
export const SUBJECT_KINDS = ['citizen', 'organisation', 'staff', 'reviewer', 'officer', 'steward', 'data-office'] as const;

export const migration: Migration = {
  version: '0006-subject-kinds',
  async up(db, engine) {
    const check = SUBJECT_KINDS.map((k) => `'${k}'`).join(', ');
    if (engine === 'sqlite') {
      await rebuildSqliteTable(db, 'subjects', `CREATE TABLE subjects_new (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN (${check})),
        agency_code TEXT REFERENCES agencies(code),
        id_number TEXT,
        mobile TEXT
      )`);
    } else {
      await db.schema.alterTable('subjects').dropConstraint('subjects_kind_check').ifExists().execute();
      await db.schema.alterTable('subjects').addCheckConstraint('subjects_kind_check', sql.raw(`kind IN (${check})`)).execute();
    }
  },
};
