import type { ReactiveController, ReactiveControllerHost } from 'lit';
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
  const { scope: _scope, pageSize: _pageSize, ...query } = fromParams(params);
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

/** What a change does to the browser's history: a new entry, the current one replaced, or nothing. */
export type HistoryMode = 'push' | 'replace' | 'none';

/** The parts of the state a search answers (the open entry is not one). */
export function searchKey(state: CatalogUrlState): string {
  return JSON.stringify([state.q.trim(), state.agency, state.sharing, state.open, state.frequency, state.sort, state.page]);
}

/**
 * The page URL as the element's link (`sync-url`): read on connect and on back/forward
 * (`onPop`), written on every change with a history entry or in place; the portal's own
 * parameters are kept. Nothing happens without `sync-url`.
 */
export class UrlStateController implements ReactiveController {
  readonly #host: ReactiveControllerHost & { readonly syncUrl: boolean };
  readonly #onPop: () => void;
  #listening = false;

  constructor(host: ReactiveControllerHost & { readonly syncUrl: boolean }, onPop: () => void) {
    this.#host = host;
    this.#onPop = onPop;
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.#host.syncUrl) return;
    window.addEventListener('popstate', this.#onPop);
    this.#listening = true;
  }

  hostDisconnected(): void {
    if (this.#listening) window.removeEventListener('popstate', this.#onPop);
    this.#listening = false;
  }

  read(): CatalogUrlState {
    return readUrlState(location.search);
  }

  /** The link to the page with this state. */
  href(state: CatalogUrlState): string {
    return writeUrlState(location.href, state);
  }

  write(state: CatalogUrlState, history: HistoryMode): void {
    if (!this.#host.syncUrl || history === 'none') return;
    const href = this.href(state);
    if (href === location.href) return;
    if (history === 'push') window.history.pushState(window.history.state, '', href);
    else window.history.replaceState(window.history.state, '', href);
  }
}
