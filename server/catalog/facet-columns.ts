import type { Store } from '../store/database';
import { OPEN_CLASSES, SHARING_CLASSES, UPDATE_FREQUENCIES } from '../../src/core/catalog-types';
import { catalogVersion, facetRows } from './store';

/**
 * The facet attributes and both listing orders of every live entry, as typed arrays in
 * memory ("doc values", as search engines keep them). Filtering, disjunctive facet counts
 * and ordering then cost a pass over integers instead of a row lookup per match; the database
 * stays the store and its text index finds the matches. Reloaded whenever `catalog_meta.version`
 * (bumped by triggers on every change to `catalog_items`) moves, so every instance on one
 * database sees another's changes at its next search.
 */
export interface FacetColumns {
  version: number;
  /** Live entries, by position. */
  seq: Int32Array;
  /** Position of a seq, or -1. */
  positionOf: Int32Array;
  agency: Uint16Array;
  sharing: Uint8Array;
  open: Uint8Array;
  frequency: Uint8Array;
  /** 0 = most recently updated. */
  updatedRank: Int32Array;
  /** 0 = first by name. */
  nameRank: Int32Array;
  /** Positions in updated order: the listing without a query needs no sort. */
  byUpdated: Int32Array;
  byName: Int32Array;
  agencies: string[];
  /** Lower-cased names, for "name matches first" when a match set is too large to score. */
  names: string[];
}

export const SHARING_VALUES: readonly string[] = SHARING_CLASSES;
export const OPEN_VALUES: readonly string[] = OPEN_CLASSES;
export const FREQUENCY_VALUES: readonly string[] = UPDATE_FREQUENCIES;

const cache = new WeakMap<Store, FacetColumns>();
const loading = new WeakMap<Store, Promise<FacetColumns>>();

export async function facetColumns(store: Store): Promise<FacetColumns> {
  const version = await catalogVersion(store.db);
  const cached = cache.get(store);
  if (cached && cached.version === version) return cached;
  // One load at a time per store: concurrent searches after a change wait for the same one.
  let pending = loading.get(store);
  if (!pending) {
    pending = load(store, version).finally(() => loading.delete(store));
    loading.set(store, pending);
  }
  const columns = await pending;
  if ((cache.get(store)?.version ?? -1) <= columns.version) cache.set(store, columns);
  return columns;
}

async function load(store: Store, version: number): Promise<FacetColumns> {
  const rows = await facetRows(store.db);
  const n = rows.length;
  const maxSeq = n ? rows[n - 1]![0] : 0;
  const agencies: string[] = [];
  const agencyIndex = new Map<string, number>();
  const columns: FacetColumns = {
    version,
    seq: new Int32Array(n),
    positionOf: new Int32Array(maxSeq + 1).fill(-1),
    agency: new Uint16Array(n),
    sharing: new Uint8Array(n),
    open: new Uint8Array(n),
    frequency: new Uint8Array(n),
    updatedRank: new Int32Array(n),
    nameRank: new Int32Array(n),
    byUpdated: new Int32Array(n),
    byName: new Int32Array(n),
    agencies,
    names: new Array<string>(n),
  };
  rows.forEach(([seq, agency, sharing, open, frequency, name], i) => {
    columns.names[i] = name.toLowerCase();
    let a = agencyIndex.get(agency);
    if (a === undefined) {
      a = agencies.length;
      agencies.push(agency);
      agencyIndex.set(agency, a);
    }
    columns.seq[i] = seq;
    columns.positionOf[seq] = i;
    columns.agency[i] = a;
    columns.sharing[i] = SHARING_VALUES.indexOf(sharing);
    columns.open[i] = OPEN_VALUES.indexOf(open);
    columns.frequency[i] = FREQUENCY_VALUES.indexOf(frequency);
  });
  // Both orders are sorted here, by UTF-8 bytes (SQLite's BINARY collation), so every engine
  // lists entries alike whatever the database's locale.
  const ascii = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const updatedOrder = rows.map((_, i) => i).sort((x, y) => ascii(rows[y]![6], rows[x]![6]) || rows[x]![0] - rows[y]![0]);
  const nameKeys = rows.map((r) => Buffer.from(r[5]));
  const nameOrder = rows.map((_, i) => i).sort((x, y) => Buffer.compare(nameKeys[x]!, nameKeys[y]!) || rows[x]![0] - rows[y]![0]);
  updatedOrder.forEach((p, r) => {
    columns.updatedRank[p] = r;
    columns.byUpdated[r] = p;
  });
  nameOrder.forEach((p, r) => {
    columns.nameRank[p] = r;
    columns.byName[r] = p;
  });
  return columns;
}
