import type { Kysely } from 'kysely';
import type { Subject, SubjectKind } from '../env';
import type { Schema } from './schema';

/** The subject with this id, as routes see it, or undefined. */
export async function loadSubject(db: Kysely<Schema>, id: string): Promise<Subject | undefined> {
  const row = await db.selectFrom('subjects').select(['id', 'name', 'kind', 'agency_code', 'id_number']).where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, name: row.name, kind: row.kind as SubjectKind, agencyCode: row.agency_code, idNumber: row.id_number };
}
