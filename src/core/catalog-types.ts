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
  /**
   * Why it is broken: `altered` (a record's hash, link, number or agency does not hold),
   * `truncated` (shorter than a signed checkpoint), `rewritten` (the record at a
   * checkpoint's length has another hash: the chain was recomputed after a change).
   */
  reason?: 'altered' | 'truncated' | 'rewritten';
  /** The records on the reviewer's own agency's entries. */
  agencyLength?: number;
}

// ---------------------------------------------------------------------------------------------
// SPEC §8: cataloguing — agencies publish their own data (Art. 16, 20, 22, 24–26).
// Every shape below is exactly the JSON of a §8 answer or request body.

/** Types a catalogue field's values are checked against (CSV import, SPEC §8). */
export type FieldType = 'string' | 'code' | 'date' | 'datetime' | 'integer' | 'decimal';
/**
 * `string` any text; `code` a code of a national or trade standard (letters, digits, `.`, `-`, `_`);
 * `date` `YYYY-MM-DD` (a real day); `datetime` ISO 8601 `YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]`;
 * `integer` an optional minus and digits; `decimal` a number such as `-12.5`. An empty cell is allowed
 * for every type (no value).
 */
export const FIELD_TYPES: readonly FieldType[] = ['string', 'code', 'date', 'datetime', 'integer', 'decimal'];

export type CatalogueEntryStatus = 'draft' | 'submitted' | 'published' | 'returned' | 'withdrawn';
export const CATALOGUE_ENTRY_STATUSES: readonly CatalogueEntryStatus[] = ['draft', 'submitted', 'published', 'returned', 'withdrawn'];

/** Limits the server enforces (422 VALIDATION_FAILED naming the field beyond them). */
export const CATALOGUE_LIMITS = {
  name: 200,
  summary: 4000,
  sharingCondition: 2000,
  legalBasis: 2000,
  domain: 100,
  /** Each of `formats[]` and `tags[]`. */
  word: 50,
  formats: 20,
  tags: 30,
  fields: 200,
  fieldName: 64,
  fieldLabel: 100,
  fieldDescription: 1000,
  reason: 2000,
  /** A comment's text, in characters. */
  comment: 2000,
  /** CSV import: a file must be smaller than this many bytes (50 MB; this size or more → 413 PAYLOAD_TOO_LARGE). */
  csvBytes: 50_000_000,
  /** CSV import: characters in one cell. */
  cell: 10_000,
  /** CSV import: problems reported at most. */
  csvProblems: 100,
  /** CSV import: rows in one file at most (more → 413 PAYLOAD_TOO_LARGE, nothing changed). */
  csvRows: 1_000_000,
  /** CSV import: cells (rows × fields) in one file at most (more → 413 PAYLOAD_TOO_LARGE). */
  csvCells: 20_000_000,
  /** CSV import: cells in one line at most, the header's included (more → 413 PAYLOAD_TOO_LARGE). */
  csvColumns: 200,
} as const;

/** A field name: an identifier (a letter or `_`, then letters, digits or `_`), unique in the entry. */
export const FIELD_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A field of a catalogue entry: as CatalogField, with type and sensitivity always given. */
export interface CatalogueField {
  name: string;
  label: string;
  type: FieldType;
  description: string;
  sensitivity: FieldSensitivity;
}

/**
 * What a steward writes: the body of `POST /catalog/entries` and `PUT /catalog/entries/{id}`.
 * The id, agency, status, version, dates and history are the server's. Absent arrays are empty;
 * absent texts are empty (a draft may be incomplete except for `name`; every rule is checked on save
 * for what is given, and completeness — summary, at least one field — on submission).
 */
export interface CatalogueEntryInput {
  name: string;
  summary: string;
  sharing: SharingClass;
  /** Required for `restricted` and `none` (Art. 22: the reason it is not shared freely). */
  sharingCondition?: string;
  /** Required for `restricted` and `none` (Art. 22). */
  legalBasis?: string;
  open: OpenClass;
  updateFrequency: UpdateFrequency;
  formats: string[];
  domain: string;
  tags: string[];
  fields: CatalogueField[];
  /** Open entries' licence; the server uses CC BY 4.0 when an open entry has none. */
  licence?: { name: string; url: string };
}

/**
 * The body of `POST /catalog/entries`: an entry, and optionally its resource code (3–64 letters,
 * digits, `.`, `-`, `_`; 409 `ID_TAKEN` when the catalog has it). Without one the server assigns
 * `<agency>-E000001`, … The code never changes afterwards.
 */
export interface CatalogueEntryCreateInput extends CatalogueEntryInput {
  id?: string;
}

/** Art. 26: each `true` once the data office has examined it. Publishing needs all three. */
export interface ReviewChecks {
  legality: boolean;
  privacy: boolean;
  security: boolean;
}

export type CatalogueAction = 'created' | 'updated' | 'new-version' | 'data-imported' | 'submitted' | 'published' | 'returned' | 'withdrawn';

/** One line of an entry's history: append-only, oldest first. */
export interface CatalogueHistoryEvent {
  at: string;
  action: CatalogueAction;
  /** The actor's display name, never an ID number. */
  actor: string;
  /** `steward` of the entry's agency, or the `data-office`. */
  actorRole: 'steward' | 'data-office';
  /** The version acted on. */
  version: number;
  /** Given for `returned` and `withdrawn` (required there), optional elsewhere. */
  reason?: string;
  /** On `published` and `returned`: the checklist as decided. */
  checks?: ReviewChecks;
  /** On `data-imported`: rows imported. */
  rows?: number;
}

/**
 * State of one version. `superseded`: a published version replaced by a later publication;
 * `withdrawn`: the version that was public (or in progress) when the entry was withdrawn.
 */
export type CatalogueVersionState = CatalogueEntryStatus | 'superseded';

/** One version of an entry as saved (every version is kept, so the UI can diff them). */
export interface CatalogueEntryVersion extends CatalogueEntryInput {
  version: number;
  state: CatalogueVersionState;
  createdAt: string;
  updatedAt: string;
  /** When this version was published (published and superseded versions). */
  publishedAt?: string;
  /** Rows imported for this version and not yet published (`null`: no import for this version). */
  importedRows: number | null;
}

/**
 * A catalogue entry (SPEC §8): the CatalogItem attributes of its working (latest) version, plus
 * the lifecycle. While a published entry has a new version in progress, `status` is that new
 * version's (`draft`, `submitted` or `returned`), `version` its number, and `publishedVersion`
 * names the version still visible in `GET /catalog/items` (publishing the new one replaces it).
 * PUT edits a `draft` or `returned` version in place (a returned entry stays `returned`, with its
 * `reason`, until it is submitted again) and on a `published` or `withdrawn` entry starts the next
 * version as a `draft`; a `submitted` entry is not editable (409).
 */
export interface CatalogueEntry extends CatalogueEntryInput {
  /** The resource code: given at creation or assigned `<agency>-E<6 digits>` (its id in /catalog/items once published). */
  id: string;
  agency: { code: string; name: string };
  status: CatalogueEntryStatus;
  /** The working version's number, from 1. */
  version: number;
  /** The version visible in `/catalog/items`, when one is (absent when none or withdrawn). */
  publishedVersion?: number;
  createdAt: string;
  updatedAt: string;
  /** First publication. */
  publishedAt?: string;
  /** Rows of the data set now in `/data` (the published one), 0 when none. */
  rowCount: number;
  /** Rows imported for the working version, waiting for publication (`null`: none imported). */
  importedRows: number | null;
  /** The checklist of the latest review, when there was one. */
  checks?: ReviewChecks;
  /** Reason of the latest return or withdrawal, when the entry is `returned` or `withdrawn`. */
  reason?: string;
}

/** `GET /catalog/entries/{id}` and the answer of every §8 write on an entry. */
export interface CatalogueEntryDetail extends CatalogueEntry {
  /** Append-only, oldest first. */
  history: CatalogueHistoryEvent[];
  /** Every version, oldest first (the last one is the working version). */
  versions: CatalogueEntryVersion[];
}

/**
 * `GET /catalog/entries?status&page&pageSize`: newest change first. `status` repeats (OR-ed);
 * `pageSize` is capped at 100 (the answer says the size used). Items carry no history/versions.
 */
export interface CatalogueEntryPage {
  items: CatalogueEntry[];
  total: number;
  page: number;
  pageSize: number;
}

/** Body of `POST /catalog/entries/{id}/review`. `reason` is required for `return`. */
export interface CatalogueReviewInput {
  decision: 'publish' | 'return';
  reason?: string;
  checks: ReviewChecks;
}

/** Body of `POST /catalog/entries/{id}/withdrawal`. */
export interface CatalogueWithdrawalInput {
  reason: string;
}

/**
 * Answer of `POST /catalog/entries/{id}/data` (multipart, field `file`). On a bad file: 422
 * VALIDATION_FAILED with `fields: [{ path: "line 17 / <field label>", message }]` (line numbers count
 * the header as line 1; the field by its label), at most 100; `path: "header"` for the header;
 * `path: "file"` for a file that is not UTF-8 or has no header. 413 beyond 50 MB. The header names
 * every field once, in any order. Import is allowed while the working version is `draft` or
 * `returned` (409 otherwise: edit a published entry first to start a new version); the rows wait
 * with that version and reach `/data` when it is published. Cells are stored as given (a cell
 * starting with = + - @ stays that text; downloads escape it).
 */
export interface CatalogueImportResult {
  rows: number;
}

/**
 * `GET /catalog/entries/{id}/rows?page&pageSize` (the entry's stewards, the data office): a
 * DataPage of the rows the working version would publish — those imported for it, or else the
 * published ones — unmasked, so the data office's privacy check (Art. 26) can look at the data.
 */
export type CatalogueEntryRows = DataPage;

/** A public comment on an open entry (Art. 24), or the providing agency's answer to one. */
export interface CatalogueComment {
  id: string;
  itemId: string;
  /** As written; shown as text, never as HTML. 1–2000 characters. */
  text: string;
  /** The author's name: the surname only (张*) unless they chose to show it in full (`showName`). */
  author: string;
  at: string;
  /** The comment this answers (answers are to top-level comments). */
  replyTo?: string;
  /** Set when the author is a steward of the providing agency (the agency's answer). */
  agency?: { code: string; name: string };
}

/**
 * `GET /catalog/items/{id}/comments`: in thread order — top-level comments oldest first, each
 * followed by its answers oldest first. Body of the POST: `{ text, replyTo? }` → 201 the comment.
 */
export interface CatalogueCommentList {
  items: CatalogueComment[];
}

/** Body of `POST /catalog/items/{id}/comments`. */
export interface CatalogueCommentInput {
  text: string;
  replyTo?: string;
  /** Show the author's full name with the comment; by default only the surname (张*). */
  showName?: boolean;
}
