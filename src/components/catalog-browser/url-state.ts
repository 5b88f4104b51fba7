import type { CatalogSort } from '../../core/catalog-types';

/** The part of the browser's state a link carries (`sync-url`). */
export interface CatalogUrlState {
  q: string;
  agency: string[];
  sharing: string[];
  open: string[];
  frequency: string[];
  sort: CatalogSort;
  page: number;
  item: string | undefined;
}

export const FILTER_KEYS = ['agency', 'sharing', 'open', 'frequency'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const SORTS: readonly CatalogSort[] = ['relevance', 'updated', 'name'];
/** Parameters the browser owns in the page URL; every other parameter is the portal's and is kept. */
const OWN = ['q', ...FILTER_KEYS, 'sort', 'page', 'item'];
const MAX_VALUES = 50;

/** Reads the state from a query string; anything malformed falls back to the default. */
export function readUrlState(search: string, maxQuery: number): CatalogUrlState {
  const params = new URLSearchParams(search);
  const list = (key: string) => [...new Set(params.getAll(key).map((v) => v.trim()).filter(Boolean))].slice(0, MAX_VALUES);
  const sort = params.get('sort') as CatalogSort | null;
  const page = Number.parseInt(params.get('page') ?? '', 10);
  const item = params.get('item')?.trim();
  return {
    q: (params.get('q') ?? '').slice(0, maxQuery),
    agency: list('agency'),
    sharing: list('sharing'),
    open: list('open'),
    frequency: list('frequency'),
    sort: sort && SORTS.includes(sort) ? sort : 'relevance',
    page: Number.isFinite(page) && page >= 1 && page <= 100_000 ? page : 1,
    item: item || undefined,
  };
}

/** The page URL with the browser's parameters replaced and the portal's kept. */
export function writeUrlState(href: string, state: CatalogUrlState): string {
  const url = new URL(href);
  for (const key of OWN) url.searchParams.delete(key);
  if (state.q) url.searchParams.set('q', state.q);
  for (const key of FILTER_KEYS) for (const value of state[key]) url.searchParams.append(key, value);
  if (state.sort !== 'relevance') url.searchParams.set('sort', state.sort);
  if (state.page > 1) url.searchParams.set('page', String(state.page));
  if (state.item) url.searchParams.set('item', state.item);
  return url.href;
}
