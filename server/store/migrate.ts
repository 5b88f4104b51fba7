import { sql, type Kysely } from 'kysely';
import type { Engine, Store } from './handle';
import { MIGRATIONS } from './migrations';


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
