import { ApiError, toApiError, type ApiClient, type QueryValue } from './api-client';
import type { AccessLogPage, AccessLogVerification, CatalogItem, DataPage, Grant } from '../core/catalog-types';

/**
 * The data behind catalog entries (SPEC §7): pages of rows, downloads of the whole data
 * set, the signed-in subject's grants, and the access log with its chain check. The only
 * place the browser builds a `/data` URL.
 */

export type DataFormat = 'csv' | 'json';

/** A request-response call (Art. 23): a page of rows, a choice of columns, exact-match filters. */
export interface RowsQuery {
  page?: number;
  pageSize?: number;
  fields?: readonly string[];
  filter?: Readonly<Record<string, string>>;
}

const dataPath = (itemId: string, tail: 'rows' | 'download') => `/data/${encodeURIComponent(itemId)}/${tail}`;

function rowsParams(query: RowsQuery): Record<string, QueryValue> {
  const params: Record<string, QueryValue> = {
    page: query.page,
    pageSize: query.pageSize,
    fields: query.fields?.length ? query.fields.join(',') : undefined,
  };
  for (const [field, value] of Object.entries(query.filter ?? {})) if (value !== '') params['filter.' + field] = value;
  return params;
}

export function fetchRows(client: ApiClient, itemId: string, query: RowsQuery = {}, signal?: AbortSignal): Promise<DataPage> {
  return client.get<DataPage>(dataPath(itemId, 'rows'), { searchParams: rowsParams(query), ...(signal ? { signal } : {}) });
}

/**
 * The exact URL of a request-response call, as a grant holder's own system would send it
 * (with `Authorization: Bearer …`): shown in the detail view as the example to copy.
 */
export function rowsUrl(client: ApiClient, itemId: string, query: RowsQuery): string {
  return client.url(dataPath(itemId, 'rows'), rowsParams(query));
}

/**
 * The download link of data open to all: a plain URL the browser streams to disk itself,
 * so the 100,000-row data set never passes through the page's memory.
 */
export function downloadUrl(client: ApiClient, itemId: string, format: DataFormat): string {
  return client.url(dataPath(itemId, 'download'), { format });
}

export interface DownloadedFile {
  name: string;
  blob: Blob;
}

/**
 * The download of granted data (a grant with `copy`): a link cannot carry the bearer
 * token, so the file is fetched with it and handed over as a Blob. Granted data sets are
 * bounded (at most a few thousand rows), unlike the open download above.
 */
export async function downloadGranted(client: ApiClient, itemId: string, format: DataFormat, signal?: AbortSignal): Promise<DownloadedFile> {
  const token = await client.token();
  let response: Response;
  try {
    response = await fetch(downloadUrl(client, itemId, format), {
      headers: { Accept: format === 'csv' ? 'text/csv' : 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    throw await toApiError(error);
  }
  if (!response.ok) throw await errorOf(response);
  const blob = await response.blob();
  return { name: fileName(response.headers.get('Content-Disposition')) ?? `${itemId.replace(/[^\w.-]/g, '_')}.${format}`, blob };
}

async function errorOf(response: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string } } | undefined;
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = undefined;
  }
  return new ApiError({
    status: response.status,
    code: body?.error?.code ?? (response.status >= 500 ? 'SERVER_ERROR' : 'HTTP_' + response.status),
    message: body?.error?.message ?? response.statusText,
  });
}

/** The file name of a `Content-Disposition` header (RFC 6266: `filename*` wins over `filename`). */
export function fileName(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return safeName(decodeURIComponent(star[1]!.trim()));
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain ? safeName(plain[1]!.trim()) : undefined;
}

/** A name safe to save under: no path separators, no reserved or control characters. */
const safeName = (name: string) => [...name].map((c) => (/[\\/:*?"<>|]/.test(c) || c.charCodeAt(0) < 32 ? '_' : c)).join('') || undefined;

/** The signed-in subject's grants: the approved requests that open data to them (SPEC §7). */
export async function listGrants(client: ApiClient, signal?: AbortSignal): Promise<Grant[]> {
  const answer = await client.get<Grant[] | { items: Grant[] }>('/grants', signal ? { signal } : {});
  return Array.isArray(answer) ? answer : (answer.items ?? []);
}

/** Whether a grant still opens data today. */
export function grantValid(grant: Grant, now = Date.now()): boolean {
  const until = Date.parse(grant.validUntil);
  return Number.isNaN(until) || until > now;
}

/**
 * The valid grant of a subject for an entry, if any. With several (a later request asked for a
 * copy, say), the one that allows the most, as the server chooses for a call: a copy first, then
 * unmasked, then the latest-ending.
 */
export function grantFor(grants: readonly Grant[] | undefined, itemId: string, now = Date.now()): Grant | undefined {
  const rank = (g: Grant) => [g.copy ? 0 : 1, g.desensitized ? 1 : 0] as const;
  return (grants ?? [])
    .filter((g) => g.itemId === itemId && grantValid(g, now))
    .sort((a, b) => {
      const [ra, rb] = [rank(a), rank(b)];
      return ra[0] - rb[0] || ra[1] - rb[1] || (a.validUntil < b.validUntil ? 1 : a.validUntil > b.validUntil ? -1 : 0);
    })[0];
}

/** Rows of data open to everyone: `open` entries need no grant (Art. 24–27). */
export function openToAll(item: Pick<CatalogItem, 'open'>): boolean {
  return item.open === 'open';
}

export interface AccessLogQuery {
  itemId?: string;
  page?: number;
  pageSize?: number;
}

export function listAccessLog(client: ApiClient, query: AccessLogQuery = {}, signal?: AbortSignal): Promise<AccessLogPage> {
  return client.get<AccessLogPage>('/access-log', { searchParams: { itemId: query.itemId, page: query.page, pageSize: query.pageSize }, ...(signal ? { signal } : {}) });
}

export function verifyAccessLog(client: ApiClient, signal?: AbortSignal): Promise<AccessLogVerification> {
  return client.get<AccessLogVerification>('/access-log/verify', signal ? { signal } : {});
}
