import type { ApiClient, RequestOptions } from '../api-client';
import type { AccessRequest, CatalogItem, CatalogPage } from '../../core/catalog-types';
import type { CatalogSource } from './types';
import { toParams } from '../../core/catalog-query';

const withSignal = (signal?: AbortSignal): RequestOptions => (signal ? { signal } : {});
const itemPath = (id: string) => '/catalog/items/' + encodeURIComponent(id);

/** Our own REST API (SPEC §3), through the shared ApiClient (token, retries, ApiError). */
export function egovCatalogSource(client: ApiClient): CatalogSource {
  return {
    kind: 'egov',
    search: (query, signal) =>
      client.get<CatalogPage>('/catalog/items', { ...withSignal(signal), searchParams: toParams(query) }),
    get: (id, signal, scope) => client.get<CatalogItem>(itemPath(id), { ...withSignal(signal), searchParams: { scope } }),
    requestAccess: (itemId, input, signal) => client.post<AccessRequest>(itemPath(itemId) + '/access-requests', input, withSignal(signal)),
    listAccessRequests: (filter = {}, signal) =>
      client.get<AccessRequest[]>('/access-requests', { ...withSignal(signal), searchParams: { role: filter.role, status: filter.status, itemId: filter.itemId } }),
    decide: (requestId, input, signal) =>
      client.post<AccessRequest>('/access-requests/' + encodeURIComponent(requestId) + '/decision', input, withSignal(signal)),
  };
}
