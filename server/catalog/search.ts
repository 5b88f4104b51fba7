import type Database from 'better-sqlite3';
import {
  OPEN_CLASSES,
  SHARING_CLASSES,
  UPDATE_FREQUENCIES,
  type CatalogFacets,
  type CatalogPage,
  type CatalogQuery,
  type FacetValue,
} from '../../src/services/catalog-types';
import { FREQUENCY_LABELS, OPEN_LABELS, SHARING_LABELS } from './labels';
import { ITEM_COLUMNS, rowToItem, type ItemRow } from './store';

export const MAX_QUERY_CHARS = 200;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
const MAX_TERMS = 10;
const MAX_FILTER_VALUES = 50;

type FacetName = keyof CatalogFacets;
const FACET_COLUMNS: Record<FacetName, 'agency_code' | 'sharing' | 'open' | 'frequency'> = {
  agency: 'agency_code',
  sharing: 'sharing',
  open: 'open',
  frequency: 'frequency',
};
const FACETS = Object.keys(FACET_COLUMNS) as FacetName[];

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
  /** FTS5 expression over the character index: one- and two-character terms as phrases. */
  chars?: string;
  /** Short terms with punctuation (no index holds them): substring scan. */
  scans: string[];
}

/**
 * Turns the user's words into index queries. User text only ever reaches FTS5 inside a
 * double-quoted string with its quotes doubled, so `"`, `*`, `NEAR(`, `AND`, `-`… are text.
 */
export function textPlan(q: string): TextPlan {
  const trigram: string[] = [];
  const chars: string[] = [];
  const scans: string[] = [];
  for (const term of q.split(' ').filter(Boolean).slice(0, MAX_TERMS)) {
    const letters = Array.from(term.toLowerCase());
    if (letters.length >= 3) trigram.push('"' + term.replace(/"/g, '""') + '"');
    else if (letters.every((ch) => /^[\p{L}\p{N}]$/u.test(ch))) chars.push('"' + letters.join(' ') + '"');
    else scans.push(term.toLowerCase());
  }
  return { ...(trigram.length ? { trigram: trigram.join(' AND ') } : {}), ...(chars.length ? { chars: chars.join(' AND ') } : {}), scans };
}

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
function prepare(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size > 500) cache.clear();
    cache.set(sql, (statement = db.prepare(sql)));
  }
  return statement;
}

const agencyNames = new WeakMap<Database.Database, Map<string, string>>();
function agencyName(db: Database.Database, code: string): string | undefined {
  let names = agencyNames.get(db);
  if (!names) {
    names = new Map((db.prepare('SELECT code, name FROM agencies').all() as Array<{ code: string; name: string }>).map((r) => [r.code, r.name]));
    agencyNames.set(db, names);
  }
  return names.get(code);
}

interface Cell {
  agency: string;
  sharing: string;
  open: string;
  frequency: string;
  n: number;
}

/**
 * `GET /catalog/items`. One aggregate over the rows that match the text and the scope gives
 * the counts of every (agency, sharing, open, frequency) combination; the facets and the total
 * are read off it (each facet under the OTHER facets' filters: disjunctive faceting), then one
 * query fetches the page.
 */
export function searchCatalog(db: Database.Database, query: CatalogQuery): CatalogPage {
  const q = normaliseQuery(query.q);
  const plan = textPlan(q);
  const scope: Clause[] = [{ sql: 'i.deleted_at IS NULL', args: [] }];
  if (query.scope === 'open') scope.push({ sql: "i.open IN ('open', 'conditional')", args: [] });
  const text: Array<Clause & { index?: 'catalog_fts' | 'catalog_chars' }> = [];
  if (plan.trigram) text.push({ sql: 'i.seq IN (SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH ?)', args: [plan.trigram], index: 'catalog_fts' });
  if (plan.chars) text.push({ sql: 'i.seq IN (SELECT rowid FROM catalog_chars WHERE catalog_chars MATCH ?)', args: [plan.chars], index: 'catalog_chars' });
  for (const scan of plan.scans) text.push({ sql: "i.seq IN (SELECT rowid FROM catalog_fts WHERE instr(lower(name || ' ' || body), ?) > 0)", args: [scan] });

  const base = [...scope, ...text];
  const cells = run<Cell>(db, `SELECT agency_code AS agency, sharing, open, frequency, count(*) AS n FROM catalog_items i WHERE ${sqlOf(base)} GROUP BY 1, 2, 3, 4`, argsOf(base));

  const filters: Record<FacetName, string[]> = { agency: query.agency, sharing: query.sharing, open: query.open, frequency: query.frequency };
  const passes = (cell: Cell, except?: FacetName) => FACETS.every((f) => f === except || !filters[f].length || filters[f].includes(cell[f]));

  const facets = {} as CatalogFacets;
  for (const facet of FACETS) {
    const counts = new Map<string, number>();
    for (const cell of cells) if (passes(cell, facet)) counts.set(cell[facet], (counts.get(cell[facet]) ?? 0) + cell.n);
    facets[facet] = facetValues(db, facet, counts, filters[facet], query.scope);
  }
  const total = cells.reduce((sum, cell) => sum + (passes(cell) ? cell.n : 0), 0);

  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(query.pageSize) || DEFAULT_PAGE_SIZE));
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(lastPage, Math.max(1, Math.trunc(query.page) || 1));
  if (!total) return { items: [], total, page, pageSize, facets };

  const facetClauses: Clause[] = FACETS.filter((f) => filters[f].length).map((f) => ({
    sql: `i.${FACET_COLUMNS[f]} IN (${filters[f].map(() => '?').join(', ')})`,
    args: filters[f],
  }));
  const columns = ITEM_COLUMNS.split(', ').map((c) => 'i.' + c).join(', ');
  const limit = [pageSize, (page - 1) * pageSize];
  const ranked = query.sort === 'relevance' ? text.find((t) => t.index) : undefined;
  let rows: ItemRow[];
  if (ranked?.index) {
    // bm25 with the name weighing eight times the rest: the ranked index is joined, the other clauses filter.
    const table = ranked.index;
    const rest = [...scope, ...text.filter((t) => t !== ranked), ...facetClauses];
    rows = run<ItemRow>(
      db,
      `SELECT ${columns} FROM ${table} JOIN catalog_items i ON i.seq = ${table}.rowid WHERE ${table} MATCH ? AND ${sqlOf(rest)} ORDER BY bm25(${table}, 8.0, 1.0), i.updated_at DESC, i.seq LIMIT ? OFFSET ?`,
      [...ranked.args, ...argsOf(rest), ...limit],
    );
  } else {
    const all = [...base, ...facetClauses];
    const order = query.sort === 'name' ? 'i.name, i.seq'
      : query.sort === 'relevance' && plan.scans.length ? 'instr(lower(i.name), ?) = 0, i.updated_at DESC, i.seq'
        : 'i.updated_at DESC, i.seq';
    const orderArgs = order.includes('?') ? [plan.scans[0]] : [];
    rows = run<ItemRow>(db, `SELECT ${columns} FROM catalog_items i WHERE ${sqlOf(all)} ORDER BY ${order} LIMIT ? OFFSET ?`, [...argsOf(all), ...orderArgs, ...limit]);
  }
  return { items: rows.map((row) => rowToItem(row)), total, page, pageSize, facets };
}

interface Clause {
  sql: string;
  args: unknown[];
}
const sqlOf = (clauses: Clause[]) => clauses.map((c) => c.sql).join(' AND ');
const argsOf = (clauses: Clause[]) => clauses.flatMap((c) => c.args);
const run = <T>(db: Database.Database, sql: string, args: unknown[]) => prepare(db, sql).all(...args) as T[];

function facetValues(db: Database.Database, facet: FacetName, counts: Map<string, number>, selected: string[], scope: CatalogQuery['scope']): FacetValue[] {
  if (facet === 'agency') {
    const values = new Set([...counts.keys(), ...selected.filter((code) => agencyName(db, code) !== undefined)]);
    return [...values]
      .map((code) => ({ value: code, label: agencyName(db, code) ?? code, count: counts.get(code) ?? 0 }))
      .filter((v) => v.count > 0 || selected.includes(v.value))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  const [order, labels] =
    facet === 'sharing' ? [SHARING_CLASSES, SHARING_LABELS as Record<string, string>]
      : facet === 'open' ? [scope === 'open' ? OPEN_CLASSES.filter((o) => o !== 'closed') : OPEN_CLASSES, OPEN_LABELS as Record<string, string>]
        : [UPDATE_FREQUENCIES, FREQUENCY_LABELS as Record<string, string>];
  return order.map((value) => ({ value, label: labels[value] ?? value, count: counts.get(value) ?? 0 }));
}
