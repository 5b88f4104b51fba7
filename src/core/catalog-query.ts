import type { CatalogQuery, CatalogScope, CatalogSort } from './catalog-types';

/**
 * The catalog query of `GET /catalog/items` (SPEC §3), one definition for the server that
 * answers it, the sources that ask it (our API, CKAN, a DCAT-AP catalogue searched in
 * memory) and the catalog browser's link: its scopes and sorts, its bounds, and its
 * spelling as URL search parameters. Pure: no DOM, no HTTP.
 */

export const CATALOG_SCOPES: readonly CatalogScope[] = ['open', 'sharing'];
export const CATALOG_SORTS: readonly CatalogSort[] = ['relevance', 'updated', 'name'];
/** The repeatable filters, each OR-ed within and AND-ed across (also the facets' names). */
export const FILTER_KEYS = ['agency', 'sharing', 'open', 'frequency'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Longest search text used; longer text is cut, not refused (the browser says so). */
export const MAX_QUERY_CHARS = 200;
/** Words of the search text used; more are ignored. */
export const MAX_TERMS = 10;
/** Values of one filter used; more are ignored. */
export const MAX_FILTER_VALUES = 50;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Highest page number taken from a request (a later page than the last answers the last). */
export const MAX_PAGE = 1_000_000;

/** What an empty search box and no filters mean. */
export function defaultCatalogQuery(partial: Partial<CatalogQuery> = {}): CatalogQuery {
  return { scope: 'open', q: '', agency: [], sharing: [], open: [], frequency: [], page: 1, pageSize: DEFAULT_PAGE_SIZE, sort: 'relevance', ...partial };
}

export function isCatalogSort(value: unknown): value is CatalogSort {
  return (CATALOG_SORTS as readonly unknown[]).includes(value);
}

export function isCatalogScope(value: unknown): value is CatalogScope {
  return (CATALOG_SCOPES as readonly unknown[]).includes(value);
}

/**
 * The search text as the search uses it: control characters dropped, whitespace collapsed,
 * at most MAX_QUERY_CHARS characters (a longer paste is cut, not refused).
 */
export function normaliseQuery(q: string): string {
  const clean = q.replace(/\p{Cc}+/gu, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  return chars.length > MAX_QUERY_CHARS ? chars.slice(0, MAX_QUERY_CHARS).join('').trim() : clean;
}

/** The words of a normalised query, lower-cased, at most MAX_TERMS. */
export function queryTerms(q: string): string[] {
  return q.toLowerCase().split(' ').filter(Boolean).slice(0, MAX_TERMS);
}

/** Text typed or linked, cut where the search box cuts it (its `maxlength`). */
export function cutQueryText(text: string): string {
  return text.slice(0, MAX_QUERY_CHARS);
}

/**
 * Values of a repeatable filter: trimmed, de-duplicated, at most MAX_FILTER_VALUES. Unknown
 * values stay (a filter on them matches nothing); empty ones are ignored.
 */
export function filterValues(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))].slice(0, MAX_FILTER_VALUES);
}

/** A whole number from a parameter, clamped to min…max; the fallback when it is not a finite number. */
function boundedInt(value: string | number | null | undefined, fallback: number, min: number, max: number): number {
  const parsed = value === undefined || value === null || value === '' ? NaN : Number(value);
  if (!Number.isFinite(parsed)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(parsed)));
}

/** A page size within 1…MAX_PAGE_SIZE (the default when it is not a number). */
export function boundPageSize(value: string | number | null | undefined): number {
  return boundedInt(value, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
}

/** A page number within 1…MAX_PAGE (the first when it is not a number). */
export function boundPage(value: string | number | null | undefined): number {
  return boundedInt(value, 1, 1, MAX_PAGE);
}

/**
 * The page and size an answer of `total` results gives: the size within 1…MAX_PAGE_SIZE
 * (the default when it is not a number), a page past the last answering the last.
 */
export function pageWindow(total: number, query: Pick<CatalogQuery, 'page' | 'pageSize'>): { page: number; pageSize: number; start: number; end: number } {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(query.pageSize) || DEFAULT_PAGE_SIZE));
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(lastPage, Math.max(1, Math.trunc(query.page) || 1));
  return { page, pageSize, start: (page - 1) * pageSize, end: page * pageSize };
}

/**
 * The query from URL search parameters (a request to the API, or a page's link). The text
 * is as given (each side cuts or normalises it); filters, page and size are bounded; an
 * unknown scope or sort falls back to the default (the API refuses one before it asks).
 */
export function fromParams(params: URLSearchParams): CatalogQuery {
  const scope = params.get('scope');
  const sort = params.get('sort');
  const query = defaultCatalogQuery({
    scope: isCatalogScope(scope) ? scope : 'open',
    q: params.get('q') ?? '',
    page: boundPage(params.get('page')),
    pageSize: boundPageSize(params.get('pageSize')),
    sort: isCatalogSort(sort) ? sort : 'relevance',
  });
  for (const key of FILTER_KEYS) query[key] = filterValues(params.getAll(key));
  return query;
}

/** The parameters a page's link carries (the scope and page size are the element's, not the link's). */
export const LINK_PARAMS: readonly string[] = ['q', ...FILTER_KEYS, 'sort', 'page'];

/**
 * The query as URL search parameters, in a fixed order. For the API every part is sent (the
 * scope, page, size and sort too); for a `link` only what differs from the default, and
 * neither scope nor page size.
 */
export function toParams(query: Omit<CatalogQuery, 'scope' | 'pageSize'> & Partial<Pick<CatalogQuery, 'scope' | 'pageSize'>>, options: { link?: boolean } = {}): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const link = options.link ?? false;
  if (!link && query.scope) out.scope = query.scope;
  if (query.q) out.q = query.q;
  for (const key of FILTER_KEYS) if (query[key].length) out[key] = [...query[key]];
  if (link) {
    if (query.sort !== 'relevance') out.sort = query.sort;
    if (query.page > 1) out.page = String(query.page);
  } else {
    out.page = String(query.page);
    if (query.pageSize !== undefined) out.pageSize = String(query.pageSize);
    out.sort = query.sort;
  }
  return out;
}
