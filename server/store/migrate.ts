import { sql, type Kysely } from 'kysely';
import type { Engine, Store } from './database';
import { MIGRATIONS } from './migrations';

/** One migration: runs once per database, in its own transaction, in version order. */
export interface Migration {
  version: string;
  up(db: Kysely<any>, engine: Engine): Promise<void>;
}

/**
 * Versioned migrations (`server/store/migrations/NNNN-name.ts`), recorded in
 * `schema_migrations` so each runs once. On SQLite foreign keys are switched off while they
 * run (the documented way to rebuild a table) and checked before each commits.
 */
export async function migrate(store: Store): Promise<string[]> {
  const { db, engine } = store;
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`.execute(db);
  if (engine === 'postgres') {
    // Several instances may start at once: one migrates, the others wait for it.
    return db.connection().execute(async (conn) => {
      await sql`SELECT pg_advisory_lock(hashtext('egov-migrations'))`.execute(conn);
      try {
        return await runPending(conn as Kysely<any>, engine);
      } finally {
        await sql`SELECT pg_advisory_unlock(hashtext('egov-migrations'))`.execute(conn);
      }
    });
  }
  store.sqlite!.pragma('foreign_keys = OFF');
  try {
    return await runPending(db as Kysely<any>, engine);
  } finally {
    store.sqlite!.pragma('foreign_keys = ON');
  }
}

async function runPending(db: Kysely<any>, engine: Engine): Promise<string[]> {
  const done = new Set((await db.selectFrom('schema_migrations').select('version').execute()).map((row) => row.version as string));
  const applied: string[] = [];
  for (const migration of MIGRATIONS) {
    if (done.has(migration.version)) continue;
    await db.transaction().execute(async (trx) => {
      await migration.up(trx, engine);
      if (engine === 'sqlite') {
        const broken = await sql`PRAGMA foreign_key_check`.execute(trx);
        if (broken.rows.length) throw new Error(`migration ${migration.version} leaves ${broken.rows.length} broken foreign keys`);
      }
      await trx.insertInto('schema_migrations').values({ version: migration.version, applied_at: new Date().toISOString() }).execute();
    });
    applied.push(migration.version);
  }
  return applied;
}

/** Runs a file of SQL statements (separated by `;` at line ends) through Kysely. */
export async function runSqlScript(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of splitStatements(script)) await sql.raw(statement).execute(db);
}

/** Splits a script at `;` that end a line, keeping `BEGIN … END;` trigger bodies whole. */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let depth = 0;
  for (const rawLine of script.split('\n')) {
    const line = rawLine.replace(/--.*$/, '');
    if (!line.trim()) continue;
    current += line + '\n';
    if (/\bBEGIN\b/i.test(line) && /\bCREATE\s+TRIGGER\b/i.test(current)) depth += (line.match(/\bBEGIN\b/gi) ?? []).length;
    if (/\bEND\s*;\s*$/i.test(line) && depth > 0) depth -= 1;
    if (depth === 0 && /;\s*$/.test(line)) {
      statements.push(current.trim().replace(/;$/, ''));
      current = '';
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

/**
 * SQLite cannot change a table's CHECK constraints: rebuild it from `createSql` (which must
 * create `<table>_new`) and copy the columns both have. Indexes of the old table are
 * recreated from `indexSql`. Runs inside the migration's transaction, foreign keys off.
 */
export async function rebuildSqliteTable(db: Kysely<any>, table: string, createSql: string, indexSql: string[] = []): Promise<void> {
  await sql.raw(createSql).execute(db);
  const oldColumns = (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db)).rows.map((r) => r.name);
  const newColumns = new Set((await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table + '_new'})`.execute(db)).rows.map((r) => r.name));
  const shared = oldColumns.filter((c) => newColumns.has(c)).map((c) => `"${c}"`).join(', ');
  await sql.raw(`INSERT INTO "${table}_new" (${shared}) SELECT ${shared} FROM "${table}"`).execute(db);
  await sql.raw(`DROP TABLE "${table}"`).execute(db);
  await sql.raw(`ALTER TABLE "${table}_new" RENAME TO "${table}"`).execute(db);
  for (const statement of indexSql) await sql.raw(statement).execute(db);
}
