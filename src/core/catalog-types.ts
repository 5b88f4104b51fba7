/** SPEC §4 CatalogItem and the search contract of `GET /catalog/items`. */

export type SharingClass = 'unconditional' | 'restricted' | 'none';
export type OpenClass = 'open' | 'conditional' | 'closed';
export type UpdateFrequency = 'realtime' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'semiannual' | 'yearly' | 'irregular';

export const SHARING_CLASSES: readonly SharingClass[] = ['unconditional', 'restricted', 'none'];
export const OPEN_CLASSES: readonly OpenClass[] = ['open', 'conditional', 'closed'];
export const UPDATE_FREQUENCIES: readonly UpdateFrequency[] = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'semiannual', 'yearly', 'irregular'];

export interface CatalogField {
  name: string;
  label: string;
  type: string;
  description: string;
}

export interface CatalogItem {
  /** Resource code. */
  id: string;
  name: string;
  summary: string;
  agency: { code: string; name: string };
  sharing: SharingClass;
  sharingCondition?: string;
  /** Required unless sharing is unconditional (Art. 22). */
  legalBasis?: string;
  open: OpenClass;
  updateFrequency: UpdateFrequency;
  formats: string[];
  domain: string;
  tags: string[];
  publishedAt: string;
  updatedAt: string;
  /** Present on `GET /catalog/items/{id}`; may be absent in lists. */
  fields?: CatalogField[];
  /** A link to the data itself, where a source has one (CKAN resources, DCAT distributions). */
  landingPage?: string;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface CatalogFacets {
  agency: FacetValue[];
  sharing: FacetValue[];
  open: FacetValue[];
  frequency: FacetValue[];
}

export type CatalogScope = 'open' | 'sharing';
export type CatalogSort = 'relevance' | 'updated' | 'name';

export interface CatalogQuery {
  scope: CatalogScope;
  q: string;
  agency: string[];
  sharing: string[];
  open: string[];
  frequency: string[];
  page: number;
  pageSize: number;
  sort: CatalogSort;
}

export interface CatalogPage {
  items: CatalogItem[];
  total: number;
  page: number;
  pageSize: number;
  facets: CatalogFacets;
}

export type AccessRequestStatus = 'pending' | 'approved' | 'rejected';

export interface AccessRequest {
  id: string;
  itemId: string;
  itemName: string;
  requesterId: string;
  requesterAgency: { code: string; name: string };
  providerAgency: { code: string; name: string };
  purpose: string;
  legalBasis: string;
  fields: string[];
  desensitized: boolean;
  status: AccessRequestStatus;
  createdAt: string;
  decision?: { decision: 'approve' | 'reject'; reason: string; deciderId: string; decidedAt: string };
}
