import { sql, type Kysely } from 'kysely';
import type { Engine } from '../handle';
import type { Migration } from '../migration';
import { rebuildSqliteTable } from '../migration';

/**
 * Data delivery (SPEC §7): the rows behind every catalog entry, grants made by approved
 * access requests, and the access log's hash chain (Art. 21–23, 27, 36). Access requests
 * gain `copy` (Art. 23) and may come from citizens and organisations, who have no agency.
 */
export const migration: Migration = {
  version: '0008-data',
  async up(db, engine) {
    // The rows of an entry in blocks of consecutive rows (a JSON array of rows, each an array
    // of values in field order): a page is one or two blocks, a download reads block after
    // block, and seeding 200,000 rows writes 2,000 records.
    await db.schema
      .createTable('data_blocks')
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('block_no', 'integer', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('data_blocks_pk', ['item_id', 'block_no'])
      .$call((b) => (engine === 'sqlite' ? b.modifyEnd(sql`WITHOUT ROWID`) : b))
      .execute();
    // Exact-match filters on large entries (the request-response call of Art. 23): one entry
    // per (field, value, row), built for a field the first time it is filtered on
    // (`data_indexed` says which), so a filter is one index range on either engine.
    await db.schema
      .createTable('data_values')
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('col', 'integer', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('row_no', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('data_values_pk', ['item_id', 'col', 'value', 'row_no'])
      .$call((b) => (engine === 'sqlite' ? b.modifyEnd(sql`WITHOUT ROWID`) : b))
      .execute();
    await db.schema
      .createTable('data_indexed')
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('col', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('data_indexed_pk', ['item_id', 'col'])
      .execute();
    // Per entry: the columns with their sensitivity (Art. 22), the row count and the licence.
    await db.schema
      .createTable('data_sets')
      .addColumn('item_id', 'text', (c) => c.primaryKey())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('row_count', 'integer', (c) => c.notNull())
      .addColumn('licence_name', 'text')
      .addColumn('licence_url', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('data_grants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text', (c) => c.notNull().unique())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('desensitized', 'integer', (c) => c.notNull())
      .addColumn('copy', 'integer', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('valid_until', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('data_grants_subject').on('data_grants').columns(['subject_id', 'item_id']).execute();
    // The access log (Art. 21, 36): append-only, each record chained to the one before by SM3.
    await db.schema
      .createTable('access_log')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('agency', 'text')
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('provider_agency', 'text', (c) => c.notNull())
      .addColumn('grant_id', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('route', 'text', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('rows', 'integer', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await appendOnly(db, engine, 'access_log');
    await db.schema.createIndex('access_log_provider').on('access_log').columns(['provider_agency', 'seq']).execute();
    await db.schema.createIndex('access_log_subject').on('access_log').columns(['subject_id', 'seq']).execute();
    await accessRequests(db, engine);
  },
};

/**
 * Evidence is appended, never changed (Art. 36): the database itself refuses UPDATE and
 * DELETE on the table (and TRUNCATE on PostgreSQL). Whoever can drop these triggers can
 * still edit rows; the hash chain then shows where.
 */
async function appendOnly(db: Kysely<any>, engine: Engine, table: string): Promise<void> {
  if (engine === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql.raw(`CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`).execute(db);
    }
    return;
  }
  await sql.raw(`CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${table} is append-only'; END $$`).execute(db);
  await sql.raw(`CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`).execute(db);
  await sql.raw(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`).execute(db);
}

/** Drops the append-only guard (for tests that play someone with rights over the schema). */
export async function dropAppendOnly(db: Kysely<any>, engine: Engine, table: string): Promise<void> {
  if (engine === 'sqlite') {
    for (const op of ['update', 'delete']) await sql.raw(`DROP TRIGGER IF EXISTS ${table}_no_${op}`).execute(db);
    return;
  }
  await sql.raw(`DROP TRIGGER IF EXISTS ${table}_no_change ON ${table}`).execute(db);
  await sql.raw(`DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table}`).execute(db);
}

async function accessRequests(db: Kysely<any>, engine: Engine): Promise<void> {
  if (engine === 'postgres') {
    await sql`ALTER TABLE access_requests ALTER COLUMN requester_agency DROP NOT NULL`.execute(db);
    await sql`ALTER TABLE access_requests ADD COLUMN copy integer NOT NULL DEFAULT 0 CHECK (copy IN (0, 1))`.execute(db);
    return;
  }
  await rebuildSqliteTable(db, 'access_requests', `CREATE TABLE access_requests_new (
    id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES catalog_items(id),
    item_name TEXT NOT NULL,
    requester_id TEXT NOT NULL REFERENCES subjects(id),
    requester_agency TEXT REFERENCES agencies(code),
    provider_agency TEXT NOT NULL REFERENCES agencies(code),
    purpose TEXT NOT NULL CHECK (length(purpose) > 0),
    legal_basis TEXT NOT NULL CHECK (length(legal_basis) > 0),
    fields TEXT NOT NULL DEFAULT '[]',
    desensitized INTEGER NOT NULL DEFAULT 0 CHECK (desensitized IN (0, 1)),
    copy INTEGER NOT NULL DEFAULT 0 CHECK (copy IN (0, 1)),
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    created_at TEXT NOT NULL,
    decision TEXT CHECK (decision IN ('approve', 'reject')),
    decision_reason TEXT,
    decider_id TEXT,
    decided_at TEXT,
    CHECK ((status = 'pending') = (decision IS NULL)),
    CHECK (decision IS NULL OR (decider_id IS NOT NULL AND decided_at IS NOT NULL AND decision_reason IS NOT NULL)),
    CHECK (status = 'pending' OR (status = 'approved') = (decision = 'approve'))
  )`, [
    'CREATE INDEX access_requests_requester ON access_requests (requester_id, created_at DESC)',
    'CREATE INDEX access_requests_provider ON access_requests (provider_agency, status, created_at DESC)',
    'CREATE INDEX access_requests_item ON access_requests (item_id, requester_id, status)',
  ]);
}
