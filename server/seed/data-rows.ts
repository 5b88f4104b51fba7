import type { Kysely } from 'kysely';
import type { CatalogField, CatalogItem } from '../../src/core/catalog-types';
import { generateRows, LARGE_DATA_SET, largeEntryId, rowCountFor } from './data/rows';
import { columnsOf, OPEN_LICENCE } from '../data/info';
import { insertNewDataSets } from '../data/rows-store';
import type { Schema } from '../store/schema';
import { catalogSeed } from './data/catalog';

/** Rows behind every seeded catalog entry (SPEC §7), and the 100,000-row open entry. */
export async function seedDataRows(trx: Kysely<Schema>, items: CatalogItem[] = catalogSeed()): Promise<void> {
  const large = largeEntryId(items);
  await insertNewDataSets(trx, items.map((item) => {
    const withFields = item as CatalogItem & { fields: CatalogField[] };
    const count = item.id === large ? LARGE_DATA_SET.rows : rowCountFor(item.id);
    return { itemId: item.id, columns: columnsOf(withFields), rows: generateRows(withFields, count), licence: item.open === 'closed' ? null : OPEN_LICENCE };
  }));
}
