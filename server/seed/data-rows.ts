import type { Kysely } from 'kysely';
import type { CatalogField, CatalogItem } from '../../src/core/catalog-types';
import { generateRows, LARGE_DATA_SET, largeEntryId, rowCountFor } from '../data/generator';
import { insertNewDataSets, type DataColumn, type Licence } from '../data/rows-store';
import { sensitivities } from '../../src/core/personal-data';
import type { Schema } from '../store/schema';
import { catalogSeed } from './data/catalog';

/** The licence of open data (Art. 27): free reuse with attribution. */
export const OPEN_LICENCE: Licence = { name: '知识共享署名 4.0 国际许可协议（CC BY 4.0）', url: 'https://creativecommons.org/licenses/by/4.0/' };

export function columnsOf(item: CatalogItem & { fields: CatalogField[] }): DataColumn[] {
  const kinds = sensitivities(item);
  return item.fields.map((f, i) => ({ name: f.name, sensitivity: kinds[i]! }));
}

/** Rows behind every seeded catalog entry (SPEC §7), and the 100,000-row open entry. */
export async function seedDataRows(trx: Kysely<Schema>, items: CatalogItem[] = catalogSeed()): Promise<void> {
  const large = largeEntryId(items);
  await insertNewDataSets(trx, items.map((item) => {
    const withFields = item as CatalogItem & { fields: CatalogField[] };
    const count = item.id === large ? LARGE_DATA_SET.rows : rowCountFor(item.id);
    return { itemId: item.id, columns: columnsOf(withFields), rows: generateRows(withFields, count), licence: item.open === 'closed' ? null : OPEN_LICENCE };
  }));
}
