import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Schema } from './schema';

/**
 * The store layer: one Kysely handle over SQLite (embedded, the default) or PostgreSQL 15+
 * (`DATABASE_URL=postgres://…`). Every query of the server goes through it, written once for
 * both engines; the few that differ ask `engine`.
 *
 * Conventions that keep one query right on both engines: timestamps are ISO 8601 text,
 * JSON documents are text, booleans are integers 0/1, counts come back as numbers (int8 is
 * parsed), binary content is `blob` / `bytea` (a Buffer either way).
 */
export type Engine = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Schema>;
  engine: Engine;
  /** The raw SQLite handle (SQLite only): for the few places that need it, e.g. FTS5. */
  sqlite?: Database.Database;
  close(): Promise<void>;
}
