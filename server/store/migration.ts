import { sql, type Kysely } from 'kysely';
import type { Engine } from './handle';

/**
 * What a migration (server/store/migrations) may use: its own shape and a few tools for
 * SQL scripts and SQLite table rebuilds. Migrations are frozen once released, so they take
 * nothing from the rest of the server, whose code moves on.
 */

/** One migration: runs once per database, in its own transaction, in version order. */
export interface Migration {
  version: string;
  up(db: Kysely<any>, engine: Engine): Promise<void>;
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
