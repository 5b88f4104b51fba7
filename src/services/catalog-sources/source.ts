import type { ApiClient } from '../api-client';
import type { AccessRequest, AccessRequestStatus, CatalogItem, CatalogPage, CatalogQuery, CatalogScope } from '../catalog-types';
import { egovCatalogSource } from './egov';

/** Where `<egov-catalog-browser>` gets its entries: our API, a CKAN portal, or a DCAT-AP catalogue. */
export type CatalogSourceKind = 'egov' | 'ckan' | 'dcat';

/** Body of `POST /catalog/items/{id}/access-requests` (Art. 22). */
export interface AccessRequestInput {
  purpose: string;
  legalBasis: string;
  /** Field names wanted; all fields when absent or empty. */
  fields?: string[];
  /** Required for non-shared entries: only desensitised data may be given out. */
  desensitized?: boolean;
}

export interface AccessDecisionInput {
  decision: 'approve' | 'reject';
  /** Required for a rejection. */
  reason: string;
}

/** Whose requests: `requester` — those I made; `reviewer` — those for my agency to decide. */
export type AccessRequestRole = 'requester' | 'reviewer';

export interface AccessRequestFilter {
  role?: AccessRequestRole;
  status?: AccessRequestStatus;
  /** Only the requests for this entry. */
  itemId?: string;
}

/**
 * A catalog to browse. `search` and `get` are always there; the access-request methods only
 * where the source has an inter-agency sharing catalog (the egov API). Every method takes
 * an AbortSignal so a stale search can be cancelled; failures are `ApiError`s.
 */
export interface CatalogSource {
  readonly kind: CatalogSourceKind;
  search(query: CatalogQuery, signal?: AbortSignal): Promise<CatalogPage>;
  /** One entry; `scope` keeps an open-catalog view from showing closed entries even to staff. */
  get(id: string, signal?: AbortSignal, scope?: CatalogScope): Promise<CatalogItem>;
  /** Creates a request; the answer is the whole AccessRequest (it includes `id` and `status`). */
  requestAccess?(itemId: string, input: AccessRequestInput, signal?: AbortSignal): Promise<AccessRequest>;
  /** My requests (default for staff) or, for a reviewer, the requests for their agency. */
  listAccessRequests?(filter?: AccessRequestFilter, signal?: AbortSignal): Promise<AccessRequest[]>;
  decide?(requestId: string, input: AccessDecisionInput, signal?: AbortSignal): Promise<AccessRequest>;
}

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
export function defaultQuery(partial: Partial<CatalogQuery> = {}): CatalogQuery {
  return { scope: 'open', q: '', agency: [], sharing: [], open: [], frequency: [], page: 1, pageSize: 20, sort: 'relevance', ...partial };
}
