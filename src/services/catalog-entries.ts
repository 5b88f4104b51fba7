import type { ApiClient } from './api-client';
import type {
  CatalogueEntryCreateInput,
  CatalogueEntryDetail,
  CatalogueEntryInput,
  CatalogueEntryPage,
  CatalogueEntryStatus,
  CatalogueImportResult,
  CatalogueReviewInput,
  DataPage,
} from '../core/catalog-types';

export type {
  CatalogueAction, CatalogueEntry, CatalogueEntryDetail, CatalogueEntryInput, CatalogueEntryPage, CatalogueEntryStatus,
  CatalogueEntryVersion, CatalogueField, CatalogueHistoryEvent, CatalogueImportResult, CatalogueReviewInput, FieldType, ReviewChecks,
} from '../core/catalog-types';
export { CATALOGUE_ENTRY_STATUSES, CATALOGUE_LIMITS, FIELD_NAME_PATTERN, FIELD_TYPES } from '../core/catalog-types';
export type ReviewDecision = CatalogueReviewInput['decision'];

/**
 * Catalogue entries (SPEC §8) as the browser sees them: the steward's entries and their
 * lifecycle, the CSV import of an entry's rows, and the data office's review. Elements
 * call these; none of them builds a URL.
 */

export interface EntryQuery {
  status?: CatalogueEntryStatus | '';
  page?: number;
  pageSize?: number;
}

const path = (id: string, rest = '') => `/catalog/entries/${encodeURIComponent(id)}${rest}`;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export function listEntries(client: ApiClient, query: EntryQuery = {}, signal?: AbortSignal): Promise<CatalogueEntryPage> {
  return client.get<CatalogueEntryPage>('/catalog/entries', { searchParams: { status: query.status, page: query.page, pageSize: query.pageSize }, ...opts(signal) });
}

/** How many entries each status holds (one small call per status, in parallel). */
export async function countEntries(client: ApiClient, statuses: readonly CatalogueEntryStatus[], signal?: AbortSignal): Promise<Record<string, number>> {
  const counts = await Promise.all(statuses.map((status) => listEntries(client, { status, page: 1, pageSize: 1 }, signal).then((p) => p.total)));
  return Object.fromEntries(statuses.map((s, i) => [s, counts[i] ?? 0]));
}

export function getEntry(client: ApiClient, id: string, signal?: AbortSignal): Promise<CatalogueEntryDetail> {
  return client.get<CatalogueEntryDetail>(path(id), opts(signal));
}

/** A new draft of the steward's agency (with the resource code the steward chose, or one assigned). */
export function createEntry(client: ApiClient, input: CatalogueEntryCreateInput): Promise<CatalogueEntryDetail> {
  return client.post<CatalogueEntryDetail>('/catalog/entries', input);
}

/** Saves a draft or returned entry, or starts a new version of a published one. */
export function updateEntry(client: ApiClient, id: string, input: CatalogueEntryInput): Promise<CatalogueEntryDetail> {
  return client.put<CatalogueEntryDetail>(path(id), input);
}

export function submitEntry(client: ApiClient, id: string): Promise<CatalogueEntryDetail> {
  return client.post<CatalogueEntryDetail>(path(id, '/submission'), {});
}

export function withdrawEntry(client: ApiClient, id: string, reason: string): Promise<CatalogueEntryDetail> {
  return client.post<CatalogueEntryDetail>(path(id, '/withdrawal'), { reason });
}

export function reviewEntry(client: ApiClient, id: string, input: CatalogueReviewInput): Promise<CatalogueEntryDetail> {
  return client.post<CatalogueEntryDetail>(path(id, '/review'), input);
}

/** Replaces the entry's rows with those of a CSV file; all or nothing (SPEC §8). */
export function importEntryData(client: ApiClient, id: string, file: File | Blob, fileName = 'data.csv'): Promise<CatalogueImportResult> {
  const form = new FormData();
  form.append('file', file, file instanceof File ? file.name : fileName);
  return client.postForm<CatalogueImportResult>(path(id, '/data'), form, { timeout: 120_000 });
}

/**
 * A page of the rows the entry would publish (SPEC §8): its stewards see them in clear; the
 * data office, while it reviews, masked except the fields named in `unmask` — every such read
 * is in the access log.
 */
export function entryRows(client: ApiClient, id: string, query: { page?: number; pageSize?: number; unmask?: readonly string[] } = {}, signal?: AbortSignal): Promise<DataPage> {
  const unmask = query.unmask?.length ? query.unmask.join(',') : undefined;
  return client.get<DataPage>(path(id, '/rows'), { searchParams: { page: query.page, pageSize: query.pageSize, unmask }, ...opts(signal) });
}
