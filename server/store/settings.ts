import type { Kysely } from 'kysely';
import type { Schema } from './schema';

/**
 * A value kept in the settings table (e.g. the token secret), created on first use. Two
 * instances starting at once both try to insert; the second insert does nothing and both
 * read back the one that was kept.
 */
export async function setting(db: Kysely<Schema>, key: string, create: () => string): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (row) return row.value;
  await db.insertInto('settings').values({ key, value: create() }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow()).value;
}
