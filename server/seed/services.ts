import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema';
import { SERVICES } from './data/services';

/** Stores the seeded service definitions (SPEC §5); a later seed replaces an earlier one. */
export async function seedServices(trx: Kysely<Schema>): Promise<void> {
  // An upsert, not a replace: a replace deletes the row that stored applications refer to.
  for (const [position, service] of SERVICES.entries()) {
    await trx.insertInto('services').values({ code: service.code, position, agency_code: service.agency.code, definition: JSON.stringify(service) })
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ position: eb.ref('excluded.position'), agency_code: eb.ref('excluded.agency_code'), definition: eb.ref('excluded.definition') })))
      .execute();
  }
}
