import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate';
import type { Schema } from './schema';
import type { Engine, Store } from './handle';

export type { Engine, Store } from './handle';

/** Opens the store (server/store/handle.ts) over SQLite or PostgreSQL and brings its schema up to date. */

export interface StoreOptions {
  /** `postgres://…` selects PostgreSQL; otherwise the SQLite file (or `:memory:`). */
  databaseUrl?: string;
  sqliteFile?: string;
}

// int8 (COUNT(*), bigint columns) as a JS number: every count and sequence here is far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));
// numeric as a number too (AVG, SUM over integers).
pg.types.setTypeParser(1700, (value) => Number(value));

export async function openStore(options: StoreOptions): Promise<Store> {
  const url = options.databaseUrl?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must be a postgres:// (or postgresql://) URL; leave it unset to use SQLite at EGOV_DB');
    let where: string;
    try {
      const u = new URL(url);
      // Named in errors without the user and password.
      where = `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
    } catch {
      throw new Error('DATABASE_URL is not a valid URL');
    }
    // No JIT: it compiles for a query that scans many rows (a search word found in every entry)
    // and costs more than it saves on queries this short.
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.EGOV_PG_POOL ?? 10), options: '-c jit=off', connectionTimeoutMillis: 10_000 });
    // An idle connection the server ends (a restart, a dropped test database, an administrator)
    // is an 'error' on the pool; without a listener it would end the process. The pool has
    // already discarded that client and opens a new one on the next query.
    pool.on('error', () => {});
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    const store: Store = { db, engine: 'postgres', close: () => db.destroy() };
    try {
      await sql`SELECT 1`.execute(db);
    } catch (error) {
      await db.destroy().catch(() => undefined);
      const reason = (error as { code?: string }).code ?? (error as Error).message;
      throw new Error(`DATABASE_URL: cannot open the PostgreSQL database at ${where} (${reason})`);
    }
    await migrate(store);
    return store;
  }
  const file = options.sqliteFile ?? './data/egov.sqlite';
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  const store: Store = {
    db,
    engine: 'sqlite',
    sqlite,
    close: async () => {
      await db.destroy();
    },
  };
  await migrate(store);
  return store;
}

/**
 * Serialises writers of one named resource (a hash chain's head, a counter) until the
 * transaction ends. SQLite already serialises every transaction of the process (one
 * connection behind a mutex); PostgreSQL takes a transaction-scoped advisory lock, which
 * also holds across several backend instances.
 */
export async function lockFor(trx: Kysely<Schema>, engine: Engine, name: string): Promise<void> {
  if (engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}
