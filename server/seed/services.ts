import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema';
import { SERVICES } from './data/services';
import { upsertServices } from './store';

/** Stores the seeded service definitions (SPEC §5); a later seed replaces an earlier one. */
export async function seedServices(trx: Kysely<Schema>): Promise<void> {
  await upsertServices(trx, SERVICES);
}
