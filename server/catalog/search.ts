import type Database from 'better-sqlite3';
import type { CatalogFacets, CatalogPage, CatalogQuery, FacetValue } from '../../src/core/catalog-types';
import { facetColumns, FREQUENCY_VALUES, OPEN_VALUES, SHARING_VALUES, type FacetColumns } from './facet-columns';
import { FREQUENCY_LABELS, OPEN_LABELS, SHARING_LABELS } from './labels';
import { gramToken, ITEM_COLUMNS, rowToItem, type ItemRow } from './store';

export const MAX_QUERY_CHARS = 200;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
const MAX_TERMS = 10;
const MAX_FILTER_VALUES = 50;

/**
 * The query text as the search uses it: control characters dropped, whitespace collapsed,
 * at most MAX_QUERY_CHARS characters (a longer paste is cut, not refused).
 */
export function normaliseQuery(q: string): string {
  const clean = q.replace(/\p{Cc}+/gu, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  return chars.length > MAX_QUERY_CHARS ? chars.slice(0, MAX_QUERY_CHARS).join('').trim() : clean;
}

/**
 * Values of a repeatable filter parameter: de-duplicated, at most MAX_FILTER_VALUES. Unknown
 * values stay (a filter on them matches nothing); empty ones are ignored.
 */
export function filterValues(values: string[] | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))].slice(0, MAX_FILTER_VALUES);
}

interface TextPlan {
  /** FTS5 trigram expression: every term of three or more characters as a quoted phrase. */
  trigram?: string;
  /** FTS5 expression over the unigram/bigram index: one- and two-character terms as tokens. */
  grams?: string;
}

/**
 * Turns the user's words into index queries. User text only ever reaches FTS5 inside a
 * double-quoted string with its quotes doubled, so `"`, `*`, `NEAR(`, `AND`, `-`… are text;
 * short terms become gram tokens, punctuation spelt out (see `gramToken`).
 */
export function textPlan(q: string): TextPlan {
  const trigram: string[] = [];
  const grams: string[] = [];
  for (const term of q.split(' ').filter(Boolean).slice(0, MAX_TERMS)) {
    if (Array.from(term).length >= 3) trigram.push('"' + term.replace(/"/g, '""') + '"');
    else grams.push('"' + gramToken(term).replace(/"/g, '""') + '"');
  }
  return { ...(trigram.length ? { trigram: trigram.join(' AND ') } : {}), ...(grams.length ? { grams: grams.join(' AND ') } : {}) };
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function prepare(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size > 200) cache.clear();
    cache.set(sql, (statement = db.prepare(sql)));
  }
  return statement;
}
const seqs = (db: Database.Database, sql: string, ...args: unknown[]) => prepare(db, sql).pluck().all(...args) as number[];

const agencyNames = new WeakMap<Database.Database, Map<string, string>>();
function agencyName(db: Database.Database, code: string): string | undefined {
  let names = agencyNames.get(db);
  if (!names) {
    names = new Map((db.prepare('SELECT code, name FROM agencies').all() as Array<{ code: string; name: string }>).map((r) => [r.code, r.name]));
    agencyNames.set(db, names);
  }
  return names.get(code);
}

/** Above this many trigram matches relevance is "name matches first", not bm25 (scoring every entry costs too much). */
const BM25_LIMIT = 20_000;
const CLOSED = OPEN_VALUES.indexOf('closed');

/**
 * `GET /catalog/items`. FTS5 finds the entries matching the text; one pass over the in-memory
 * facet columns applies scope and filters and counts each facet under the OTHER facets'
 * filters (disjunctive faceting); the page's rows are then read by seq.
 */
export function searchCatalog(db: Database.Database, query: CatalogQuery): CatalogPage {
  const cols = facetColumns(db);
  const n = cols.seq.length;
  const q = normaliseQuery(query.q);
  const plan = textPlan(q);
  const hasText = !!(plan.trigram || plan.grams);

  // Text: mark the positions every clause matches.
  let hits: Uint8Array | undefined;
  let clauses = 0;
  const mark = (list: number[]) => {
    clauses++;
    for (const seq of list) {
      const p = seq < cols.positionOf.length ? cols.positionOf[seq]! : -1;
      if (p >= 0) hits![p]!++;
    }
  };
  let trigramCount = 0;
  if (hasText) {
    hits = new Uint8Array(n);
    if (plan.trigram) {
      const list = seqs(db, 'SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH ?', plan.trigram);
      trigramCount = list.length;
      mark(list);
    }
    if (plan.grams) mark(seqs(db, 'SELECT rowid FROM catalog_grams WHERE catalog_grams MATCH ?', plan.grams));
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

  if (query.sort === 'relevance' && hasText && results.length > 1) rankByRelevance(db, cols, plan, q.toLowerCase().split(' ').filter(Boolean).slice(0, MAX_TERMS), trigramCount, results);

  const facets: CatalogFacets = {
    agency: agencyFacet(db, cols.agencies, cAgency, query.agency),
    sharing: enumFacet(SHARING_VALUES, cSharing, SHARING_LABELS),
    open: enumFacet(openScope ? OPEN_VALUES.filter((o) => o !== 'closed') : OPEN_VALUES, cOpen, OPEN_LABELS, OPEN_VALUES),
    frequency: enumFacet(FREQUENCY_VALUES, cFrequency, FREQUENCY_LABELS),
  };
  const total = results.length;
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(query.pageSize) || DEFAULT_PAGE_SIZE));
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(lastPage, Math.max(1, Math.trunc(query.page) || 1));
  const pageSeqs = results.slice((page - 1) * pageSize, page * pageSize).map((p) => cols.seq[p]!);
  return { items: readItems(db, pageSeqs), total, page, pageSize, facets };
}

/**
 * Relevance: bm25 over the trigram index (the name weighing eight times the rest) when the
 * match set is small enough to score; otherwise, and for one- and two-character terms,
 * entries whose name holds every term come first. Ties keep the updated order the results
 * are already in.
 */
function rankByRelevance(db: Database.Database, cols: FacetColumns, plan: TextPlan, terms: string[], trigramCount: number, results: number[]): void {
  if (plan.trigram && trigramCount <= BM25_LIMIT) {
    const score = new Float64Array(cols.seq.length);
    const rows = prepare(db, 'SELECT rowid, bm25(catalog_fts, 8.0, 1.0) FROM catalog_fts WHERE catalog_fts MATCH ?').raw().all(plan.trigram) as Array<[number, number]>;
    for (const [seq, s] of rows) {
      const p = seq < cols.positionOf.length ? cols.positionOf[seq]! : -1;
      if (p >= 0) score[p] = s;
    }
    results.sort((x, y) => score[x]! - score[y]!);
    return;
  }
  const inName = (p: number) => terms.every((t) => cols.names[p]!.includes(t));
  const first = results.filter(inName);
  if (!first.length || first.length === results.length) return;
  const rest = results.filter((p) => !inName(p));
  // Copied back in place (a spread of 100,000 arguments would overflow the stack).
  first.forEach((p, i) => (results[i] = p));
  rest.forEach((p, i) => (results[first.length + i] = p));
}

const COLUMNS = ITEM_COLUMNS;
function readItems(db: Database.Database, seqList: number[]) {
  if (!seqList.length) return [];
  const rows = prepare(db, `SELECT ${COLUMNS} FROM catalog_items WHERE seq IN (${seqList.map(() => '?').join(', ')})`).all(...seqList) as ItemRow[];
  const bySeq = new Map(rows.map((row) => [row.seq, row]));
  return seqList.map((seq) => bySeq.get(seq)).filter((row): row is ItemRow => !!row).map((row) => rowToItem(row));
}

function agencyFacet(db: Database.Database, agencies: string[], counts: Int32Array, selected: string[]): FacetValue[] {
  const values: FacetValue[] = agencies
    .map((code, i) => ({ value: code, label: agencyName(db, code) ?? code, count: counts[i]! }))
    .filter((v) => v.count > 0 || selected.includes(v.value));
  for (const code of selected) {
    const name = agencyName(db, code);
    if (name && !values.some((v) => v.value === code)) values.push({ value: code, label: name, count: 0 });
  }
  return values.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

function enumFacet(values: readonly string[], counts: Int32Array, labels: Record<string, string>, indexOf: readonly string[] = values): FacetValue[] {
  return values.map((value) => ({ value, label: labels[value] ?? value, count: counts[indexOf.indexOf(value)] ?? 0 }));
}
