import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema';

/** An agency's code and name (the name is the code when the agency is unknown). */
export async function findAgency(db: Kysely<Schema>, code: string): Promise<{ code: string; name: string }> {
  const row = await db.selectFrom('agencies').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
  return row ?? { code, name: code };
}
