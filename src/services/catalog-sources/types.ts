import type { AccessRequest, AccessRequestStatus, CatalogItem, CatalogPage, CatalogQuery, CatalogScope } from '../../core/catalog-types';

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
  /** SPEC §7: the whole data set, not only request-response calls (Art. 23); waits for a reviewer. */
  copy?: boolean;
}

export interface AccessDecisionInput {
  decision: 'approve' | 'reject';
  /** Required for a rejection. */
  reason: string;
  /** SPEC §7: an approval that lets the requester take a copy of the whole data set (Art. 23). */
  allowCopy?: boolean;
  /** SPEC §7: an end of the grant earlier than one year after approval (ISO 8601). */
  validUntil?: string;
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
