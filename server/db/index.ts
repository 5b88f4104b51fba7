import type Database from 'better-sqlite3';

/**
 * A value kept in the settings table (e.g. the token secret), created on first use.
 * Transitional: the SQLite-only reader of the code not yet on the store layer (server/store).
 */
export function setting(db: Database.Database, key: string, create: () => string): string {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (row) return row.value;
  const value = create();
  db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(key, value);
  return (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string }).value;
}
