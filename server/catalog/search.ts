import type { Store } from '../store/database';
import type { CatalogFacets, CatalogPage, CatalogQuery, FacetValue } from '../../src/core/catalog-types';
import { facetColumns, FREQUENCY_VALUES, OPEN_VALUES, SHARING_VALUES, type FacetColumns } from './facet-columns';
import { FREQUENCY_LABELS, OPEN_LABELS, SHARING_LABELS } from './labels';
import { agencyNames, itemsBySeq, textMatches } from './store';
import { normaliseQuery, pageWindow, queryTerms } from '../../src/core/catalog-query';

// The query's bounds and text rules are the browser's too (src/core/catalog-query.ts).
export { MAX_PAGE_SIZE } from '../../src/core/catalog-query';

const agencyNameCache = new WeakMap<Store, Promise<Map<string, string>>>();
function agencyNamesOf(store: Store): Promise<Map<string, string>> {
  let names = agencyNameCache.get(store);
  if (!names) {
    names = agencyNames(store.db);
    agencyNameCache.set(store, names);
  }
  return names;
}

const CLOSED = OPEN_VALUES.indexOf('closed');

/** How many recent text matches each instance keeps (a word found in every entry is 400 KB). */
const MATCH_CACHE_SIZE = 64;
const matchCache = new WeakMap<Store, { version: number; entries: Map<string, Int32Array[]> }>();

/**
 * The text index's matches for these words, remembered for the current catalog version: the
 * same words asked again (the next page, another filter, another sort) skip the index. Any
 * change to the catalog moves the version, on whichever instance it was made, and empties
 * the cache at the next search.
 */
async function cachedTextMatches(store: Store, version: number, terms: string[]): Promise<Int32Array[]> {
  let cache = matchCache.get(store);
  if (!cache || cache.version !== version) matchCache.set(store, (cache = { version, entries: new Map() }));
  const key = [...new Set(terms)].sort().join('\u0000');
  const hit = cache.entries.get(key);
  if (hit) {
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return hit;
  }
  const lists = (await textMatches(store, terms)).map((list) => Int32Array.from(list));
  if (matchCache.get(store) === cache) {
    cache.entries.set(key, lists);
    if (cache.entries.size > MATCH_CACHE_SIZE) cache.entries.delete(cache.entries.keys().next().value!);
  }
  return lists;
}

/**
 * `GET /catalog/items`. The engine's text index finds the entries matching the text; one pass over the in-memory
 * facet columns applies scope and filters and counts each facet under the OTHER facets'
 * filters (disjunctive faceting); the page's rows are then read by seq.
 */
export async function searchCatalog(store: Store, query: CatalogQuery): Promise<CatalogPage> {
  const cols = await facetColumns(store);
  const n = cols.seq.length;
  const terms = queryTerms(normaliseQuery(query.q));
  const hasText = terms.length > 0;

  // Text: mark the positions every clause matches.
  let hits: Uint8Array | undefined;
  let clauses = 0;
  const mark = (list: Int32Array) => {
    clauses++;
    for (const seq of list) {
      const p = seq < cols.positionOf.length ? cols.positionOf[seq]! : -1;
      if (p >= 0) hits![p]!++;
    }
  };
  if (hasText) {
    hits = new Uint8Array(n);
    for (const list of await cachedTextMatches(store, cols.version, terms)) mark(list);
  }

  // Filters as lookup tables; an unknown value selects nothing.
  const allow = (values: readonly string[], selected: string[]) => {
    const table = new Uint8Array(values.length);
    for (const v of selected) {
      const i = values.indexOf(v);
      if (i >= 0) table[i] = 1;
    }
    return table;
  };
  const fAgency = allow(cols.agencies, query.agency);
  const fSharing = allow(SHARING_VALUES, query.sharing);
  const fOpen = allow(OPEN_VALUES, query.open);
  const fFrequency = allow(FREQUENCY_VALUES, query.frequency);
  const onAgency = query.agency.length > 0;
  const onSharing = query.sharing.length > 0;
  const onOpen = query.open.length > 0;
  const onFrequency = query.frequency.length > 0;
  const cAgency = new Int32Array(cols.agencies.length);
  const cSharing = new Int32Array(SHARING_VALUES.length);
  const cOpen = new Int32Array(OPEN_VALUES.length);
  const cFrequency = new Int32Array(FREQUENCY_VALUES.length);

  const order = query.sort === 'name' ? cols.byName : cols.byUpdated;
  const results: number[] = [];
  const openScope = query.scope === 'open';
  for (let r = 0; r < n; r++) {
    const p = order[r]!;
    if (hits && hits[p] !== clauses) continue;
    if (openScope && cols.open[p] === CLOSED) continue;
    const a = cols.agency[p]!;
    const s = cols.sharing[p]!;
    const o = cols.open[p]!;
    const f = cols.frequency[p]!;
    const missA = onAgency && !fAgency[a];
    const missS = onSharing && !fSharing[s];
    const missO = onOpen && !fOpen[o];
    const missF = onFrequency && !fFrequency[f];
    const misses = +missA + +missS + +missO + +missF;
    if (misses === 0) {
      results.push(p);
      cAgency[a]!++;
      cSharing[s]!++;
      cOpen[o]!++;
      cFrequency[f]!++;
    } else if (misses === 1) {
      if (missA) cAgency[a]!++;
      else if (missS) cSharing[s]!++;
      else if (missO) cOpen[o]!++;
      else cFrequency[f]!++;
    }
  }

  if (query.sort === 'relevance' && hasText && results.length > 1) rankByRelevance(cols, terms, results);

  const facets: CatalogFacets = {
    agency: agencyFacet(await agencyNamesOf(store), cols.agencies, cAgency, query.agency),
    sharing: enumFacet(SHARING_VALUES, cSharing, SHARING_LABELS),
    open: enumFacet(openScope ? OPEN_VALUES.filter((o) => o !== 'closed') : OPEN_VALUES, cOpen, OPEN_LABELS, OPEN_VALUES),
    frequency: enumFacet(FREQUENCY_VALUES, cFrequency, FREQUENCY_LABELS),
  };
  const total = results.length;
  const { page, pageSize, start, end } = pageWindow(total, query);
  const pageSeqs = results.slice(start, end).map((p) => cols.seq[p]!);
  return { items: await itemsBySeq(store.db, pageSeqs), total, page, pageSize, facets };
}

/**
 * Relevance, defined so that it is the same on every engine (and the same as the in-memory
 * search of src/core/memory-search.ts): each term scores 3 when the entry's name holds it
 * and 1 otherwise (every result holds every term somewhere); higher scores first, ties in
 * the updated order the results are already in (the sort is stable).
 */
function rankByRelevance(cols: FacetColumns, terms: string[], results: number[]): void {
  const score = (p: number) => {
    let s = 0;
    for (const t of terms) s += cols.names[p]!.includes(t) ? 3 : 1;
    return s;
  };
  const scores = new Int32Array(cols.seq.length);
  for (const p of results) scores[p] = score(p);
  results.sort((x, y) => scores[y]! - scores[x]!);
}

function agencyFacet(names: Map<string, string>, agencies: string[], counts: Int32Array, selected: string[]): FacetValue[] {
  const values: FacetValue[] = agencies
    .map((code, i) => ({ value: code, label: names.get(code) ?? code, count: counts[i]! }))
    .filter((v) => v.count > 0 || selected.includes(v.value));
  for (const code of selected) {
    const name = names.get(code);
    if (name && !values.some((v) => v.value === code)) values.push({ value: code, label: name, count: 0 });
  }
  return values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

function enumFacet(values: readonly string[], counts: Int32Array, labels: Record<string, string>, indexOf: readonly string[] = values): FacetValue[] {
  return values.map((value) => ({ value, label: labels[value] ?? value, count: counts[indexOf.indexOf(value)] ?? 0 }));
}
