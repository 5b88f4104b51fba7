import type Database from 'better-sqlite3';
import { OPEN_CLASSES, SHARING_CLASSES, UPDATE_FREQUENCIES } from '../../src/core/catalog-types';

/**
 * The facet attributes and both listing orders of every live entry, as typed arrays in
 * memory ("doc values", as search engines keep them). Filtering, disjunctive facet counts
 * and ordering then cost a pass over integers instead of a row lookup per match; SQLite stays
 * the store and FTS5 finds the text matches. Reloaded whenever `catalog_meta.version`
 * (bumped by triggers on every change to `catalog_items`) moves.
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

const cache = new WeakMap<Database.Database, FacetColumns>();

export function facetColumns(db: Database.Database): FacetColumns {
  const version = (db.prepare('SELECT version FROM catalog_meta WHERE id = 1').pluck().get() as number | undefined) ?? 0;
  const cached = cache.get(db);
  if (cached && cached.version === version) return cached;
  const columns = load(db, version);
  cache.set(db, columns);
  return columns;
}

function load(db: Database.Database, version: number): FacetColumns {
  const rows = db
    .prepare('SELECT seq, agency_code, sharing, open, frequency, name FROM catalog_items WHERE deleted_at IS NULL ORDER BY seq')
    .raw()
    .all() as Array<[number, string, string, string, string, string]>;
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
  const order = (sql: string, rank: Int32Array, positions: Int32Array) => {
    const seqs = db.prepare(sql).pluck().all() as number[];
    seqs.forEach((seq, r) => {
      const p = columns.positionOf[seq]!;
      rank[p] = r;
      positions[r] = p;
    });
  };
  order('SELECT seq FROM catalog_items WHERE deleted_at IS NULL ORDER BY updated_at DESC, seq', columns.updatedRank, columns.byUpdated);
  order('SELECT seq FROM catalog_items WHERE deleted_at IS NULL ORDER BY name, seq', columns.nameRank, columns.byName);
  return columns;
}
