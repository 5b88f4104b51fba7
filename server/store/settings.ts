import type { Kysely } from 'kysely';
import type { Schema } from './schema';

/**
 * A value kept in the settings table (e.g. the token secret), created on first use. Two
 * instances starting at once both try to insert; the second insert does nothing and both
 * read back the one that was kept.
 */
export async function setting(db: Kysely<Schema>, key: string, create: () => string): Promise<string> {
  const kept = await readSetting(db, key);
  if (kept !== undefined) return kept;
  await db.insertInto('settings').values({ key, value: create() }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow()).value;
}

/** A value of the settings table, or undefined. */
export async function readSetting(db: Kysely<Schema>, key: string): Promise<string | undefined> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

/** Whether any of these settings is kept. */
export async function hasAnySetting(db: Kysely<Schema>, keys: string[]): Promise<boolean> {
  return !!(await db.selectFrom('settings').select('key').where('key', 'in', keys).executeTakeFirst());
}

export async function deleteSetting(db: Kysely<Schema>, key: string): Promise<void> {
  await db.deleteFrom('settings').where('key', '=', key).execute();
}
