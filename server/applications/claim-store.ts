import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema';

/** The queries of claim and assign (SPEC §14): who holds a case, and the officers a case may be given to. */

/** Gives the case to an officer (null: to nobody). */
export async function setHolder(trx: Kysely<Schema>, applicationId: string, holderId: string | null): Promise<void> {
  await trx.updateTable('applications').set({ holder_id: holderId }).where('id', '=', applicationId).execute();
}

/** An officer of this agency by id, or undefined. */
export async function officerOfAgency(db: Kysely<Schema>, subjectId: string, agencyCode: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('subjects').select(['id', 'name']).where('id', '=', subjectId).where('kind', '=', 'officer').where('agency_code', '=', agencyCode).executeTakeFirst();
}

/** The names of these subjects, by id. */
export async function subjectNames(db: Kysely<Schema>, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('subjects').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
