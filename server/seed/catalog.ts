import type Database from 'better-sqlite3';
import { insertItems } from '../catalog/store';
import { catalogSeed, withdrawnSeedItem } from './data/catalog';

/**
 * Seeds the catalog: the 240 entries of `catalogSeed()` (SPEC §5: 200+ entries from 15+
 * agencies), and one withdrawn entry, so a stale link to it answers 404.
 */
export function seedCatalog(db: Database.Database, items = catalogSeed()): void {
  insertItems(db, items);
  insertItems(db, [withdrawnSeedItem()], '2026-10-01T00:00:00.000Z');
}
