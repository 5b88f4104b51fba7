import type { ApiClient } from '../api-client';
import { egovCatalogSource } from './egov';
import type { CatalogSource, CatalogSourceKind } from './types';

export type * from './types';

/**
 * The source for a kind. The CKAN and DCAT-AP adapters are loaded on first use, so a page
 * that only browses our own catalog never downloads them.
 */
export function createCatalogSource(kind: CatalogSourceKind, client: ApiClient): CatalogSource {
  if (kind === 'egov') return egovCatalogSource(client);
  let loaded: Promise<CatalogSource> | undefined;
  const load = () =>
    (loaded ??= (kind === 'ckan'
      ? import('./ckan').then((m) => m.ckanCatalogSource(client))
      : import('./dcat').then((m) => m.dcatCatalogSource(client))
    ).catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
  return {
    kind,
    search: async (query, signal) => (await load()).search(query, signal),
    get: async (id, signal, scope) => (await load()).get(id, signal, scope),
  };
}

/** The default query: what an empty search box and no filters mean. */
export { defaultCatalogQuery as defaultQuery } from '../../core/catalog-query';
