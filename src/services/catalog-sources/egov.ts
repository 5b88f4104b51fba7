import type { ApiClient, RequestOptions } from '../api-client';
import type { AccessRequest, CatalogItem, CatalogPage } from '../../core/catalog-types';
import type { CatalogSource } from './types';

const withSignal = (signal?: AbortSignal): RequestOptions => (signal ? { signal } : {});
const itemPath = (id: string) => '/catalog/items/' + encodeURIComponent(id);

/** Our own REST API (SPEC §3), through the shared ApiClient (token, retries, ApiError). */
export function egovCatalogSource(client: ApiClient): CatalogSource {
  return {
    kind: 'egov',
    search: (query, signal) =>
      client.get<CatalogPage>('/catalog/items', {
        ...withSignal(signal),
        searchParams: {
          scope: query.scope,
          q: query.q,
          agency: query.agency,
          sharing: query.sharing,
          open: query.open,
          frequency: query.frequency,
          page: query.page,
          pageSize: query.pageSize,
          sort: query.sort,
        },
      }),
    get: (id, signal, scope) => client.get<CatalogItem>(itemPath(id), { ...withSignal(signal), searchParams: { scope } }),
    requestAccess: (itemId, input, signal) => client.post<AccessRequest>(itemPath(itemId) + '/access-requests', input, withSignal(signal)),
    listAccessRequests: (filter = {}, signal) =>
      client.get<AccessRequest[]>('/access-requests', { ...withSignal(signal), searchParams: { role: filter.role, status: filter.status, itemId: filter.itemId } }),
    decide: (requestId, input, signal) =>
      client.post<AccessRequest>('/access-requests/' + encodeURIComponent(requestId) + '/decision', input, withSignal(signal)),
  };
}
