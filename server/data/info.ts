import type { Kysely } from 'kysely';
import type { CatalogField, CatalogItem } from '../../src/core/catalog-types';
import type { Schema } from '../store/schema';
import { findDataSets, type DataColumn, type Licence } from './rows-store';
import { maskingKinds, sensitivities } from '../../src/core/personal-data';

/** The licence of open data (Art. 27): free reuse with attribution. */
export const OPEN_LICENCE: Licence = { name: '知识共享署名 4.0 国际许可协议（CC BY 4.0）', url: 'https://creativecommons.org/licenses/by/4.0/' };

/** The columns of an entry's data, each with the sensitivity its field has (server/data/sensitivity.ts). */
export function columnsOf(item: Pick<CatalogItem, 'open'> & { fields: CatalogField[] }): DataColumn[] {
  const kinds = sensitivities(item);
  return item.fields.map((f, i) => ({ name: f.name, sensitivity: kinds[i]! }));
}

/**
 * The columns of an entry's data as the entry is now (Art. 22): each column's recorded
 * sensitivity, raised for a closed entry to the kind the classifier finds in its field's
 * current label (src/core/personal-data.ts) — so a field that is personal by what it holds is
 * masked even where an older classification of the data said otherwise.
 */
export function currentColumns(item: Pick<CatalogItem, 'open'> & { fields?: ReadonlyArray<Pick<CatalogField, 'name' | 'label'>> | undefined }, columns: readonly DataColumn[]): DataColumn[] {
  if (!item.fields?.length) return [...columns];
  const recorded = new Map(columns.map((c) => [c.name, c.sensitivity]));
  const kinds = maskingKinds({ open: item.open, fields: item.fields.map((f) => ({ name: f.name, label: f.label, sensitivity: recorded.get(f.name) })) });
  const now = new Map(item.fields.map((f, i) => [f.name, kinds[i]!]));
  return columns.map((col) => ({ ...col, sensitivity: now.get(col.name) ?? col.sensitivity }));
}

/**
 * Adds what SPEC §7 says of an entry's data to catalog entries — `rowCount`, `licence` and
 * each field's `sensitivity` — in one query for a whole page of entries.
 */
export async function withDataInfo<T extends CatalogItem>(db: Kysely<Schema>, items: T[]): Promise<T[]> {
  const sets = await findDataSets(db, items.map((i) => i.id));
  return items.map((item) => {
    const set = sets.get(item.id);
    const out: T = { ...item, rowCount: set?.rowCount ?? 0 };
    if (set?.licence) out.licence = set.licence;
    if (item.fields) {
      const kinds = set ? new Map(currentColumns(item, set.columns).map((c) => [c.name, c.sensitivity])) : undefined;
      const derived = sensitivities({ open: item.open, fields: item.fields });
      out.fields = item.fields.map((f, i) => ({ ...f, sensitivity: kinds?.get(f.name) ?? derived[i]! }));
    }
    return out;
  });
}
