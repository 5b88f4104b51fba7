/** SPEC §4 CatalogItem and the search contract of `GET /catalog/items`. */

export type SharingClass = 'unconditional' | 'restricted' | 'none';
export type OpenClass = 'open' | 'conditional' | 'closed';
export type UpdateFrequency = 'realtime' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'semiannual' | 'yearly' | 'irregular';

export const SHARING_CLASSES: readonly SharingClass[] = ['unconditional', 'restricted', 'none'];
export const OPEN_CLASSES: readonly OpenClass[] = ['open', 'conditional', 'closed'];
export const UPDATE_FREQUENCIES: readonly UpdateFrequency[] = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'semiannual', 'yearly', 'irregular'];

/** SPEC §7: how a field's values are masked in a desensitised grant (Art. 22). */
export type FieldSensitivity = 'none' | 'name' | 'id-number' | 'phone' | 'address' | 'other-personal';
export const FIELD_SENSITIVITIES: readonly FieldSensitivity[] = ['none', 'name', 'id-number', 'phone', 'address', 'other-personal'];

export interface CatalogField {
  name: string;
  label: string;
  type: string;
  description: string;
  /** SPEC §7; absent from other catalogues (CKAN, DCAT). */
  sensitivity?: FieldSensitivity;
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
  /** SPEC §7: rows of the data set behind the entry. */
  rowCount?: number;
  /** SPEC §7: the licence of open entries. */
  licence?: { name: string; url: string };
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
  /** The requester's own name (the staff member, or the citizen or organisation). */
  requesterName?: string;
  requesterAgency: { code: string; name: string };
  providerAgency: { code: string; name: string };
  purpose: string;
  legalBasis: string;
  fields: string[];
  desensitized: boolean;
  status: AccessRequestStatus;
  createdAt: string;
  decision?: { decision: 'approve' | 'reject'; reason: string; deciderId: string; decidedAt: string };
  /** SPEC §7: the whole data set was asked for (Art. 23). */
  copy?: boolean;
  /** SPEC §7: the grant an approval made. */
  grantId?: string;
}

/** SPEC §7: an approved access request. */
export interface Grant {
  id: string;
  itemId: string;
  itemName?: string;
  requestId: string;
  subjectId: string;
  fields: string[];
  desensitized: boolean;
  copy: boolean;
  purpose: string;
  validUntil: string;
}

/** `GET /data/{itemId}/rows`. */
export interface DataPage {
  fields: string[];
  rows: Array<Record<string, string | number | null>>;
  total: number;
  page: number;
  pageSize: number;
  desensitized: boolean;
  grantId?: string;
}

/** One record of the access log's SM3 hash chain (Art. 21, 36). */
export interface AccessLogRecord {
  seq: number;
  at: string;
  subjectId: string;
  agency: string | null;
  itemId: string;
  grantId: string;
  purpose: string;
  route: string;
  fields: string[];
  rows: number;
  prevHash: string;
  hash: string;
}

export interface AccessLogPage {
  items: AccessLogRecord[];
  total: number;
  page: number;
  pageSize: number;
}

/** `GET /access-log/verify`. */
export interface AccessLogVerification {
  ok: boolean;
  length: number;
  head: string;
  brokenAt?: number;
}
