import type { Kysely } from 'kysely';
import { insertItems } from '../catalog/store';
import type { Store } from '../store/database';
import type { Schema } from '../store/schema';
import { catalogSeed, withdrawnSeedItem } from './data/catalog';

/**
 * Seeds the catalog: the 240 entries of `catalogSeed()` (SPEC §5: 200+ entries from 15+
 * agencies), and one withdrawn entry, so a stale link to it answers 404.
 */
export async function seedCatalog(trx: Kysely<Schema>, store: Store, items = catalogSeed()): Promise<void> {
  await insertItems(trx, store.engine, items);
  await insertItems(trx, store.engine, [withdrawnSeedItem()], '2026-10-01T00:00:00.000Z');
}
