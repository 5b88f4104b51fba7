import type { CatalogQuery } from '../../core/catalog-types';
import { cutQueryText, fromParams, LINK_PARAMS, toParams } from '../../core/catalog-query';

export { FILTER_KEYS, type FilterKey } from '../../core/catalog-query';

/** The part of the browser's state a link carries (`sync-url`): the query without scope and size, and the open entry. */
export type CatalogUrlState = Omit<CatalogQuery, 'scope' | 'pageSize'> & { item: string | undefined };

/** Parameters the browser owns in the page URL; every other parameter is the portal's and is kept. */
const OWN = [...LINK_PARAMS, 'item'];

/** Reads the state from a query string; anything malformed falls back to the default. */
export function readUrlState(search: string): CatalogUrlState {
  const params = new URLSearchParams(search);
  const { scope: _scope, pageSize: _pageSize, ...query } = fromParams(params).query;
  const item = params.get('item')?.trim();
  return { ...query, q: cutQueryText(query.q), item: item || undefined };
}

/** The page URL with the browser's parameters replaced and the portal's kept. */
export function writeUrlState(href: string, state: CatalogUrlState): string {
  const url = new URL(href);
  for (const key of OWN) url.searchParams.delete(key);
  for (const [key, value] of Object.entries(toParams(state, { link: true }))) {
    for (const one of Array.isArray(value) ? value : [value]) url.searchParams.append(key, one);
  }
  if (state.item) url.searchParams.set('item', state.item);
  return url.href;
}
