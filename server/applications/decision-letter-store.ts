import type { Kysely } from 'kysely';
import type { DecisionLetter } from '../../src/core/case-types';
import type { Schema } from '../store/schema';

/** The queries of decision letters (SPEC §14): kept once sealed. */

export async function storedLetter(db: Kysely<Schema>, applicationId: string): Promise<DecisionLetter | undefined> {
  const row = await db.selectFrom('decision_letters').select('letter').where('application_id', '=', applicationId).executeTakeFirst();
  return row && (JSON.parse(row.letter) as DecisionLetter);
}

export async function insertLetter(trx: Kysely<Schema>, applicationId: string, letter: DecisionLetter, sealedAt: string): Promise<void> {
  await trx.insertInto('decision_letters').values({ application_id: applicationId, letter: JSON.stringify(letter), sealed_at: sealedAt }).execute();
}
