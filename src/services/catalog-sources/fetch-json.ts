import { ApiError, isAbortError, type ApiClient, type QueryValue } from '../api-client';

/**
 * GET a JSON document from another portal (CKAN, a DCAT-AP catalogue). Unlike ApiClient
 * calls it carries no Authorization header and no cookies: our bearer token is never sent
 * to a third party. Failures become ApiErrors like every other call.
 */
export async function fetchForeignJson<T>(client: ApiClient, path: string, searchParams?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T> {
  const url = path ? client.url(path, searchParams) : absolute(client.config.apiBase);
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json, application/ld+json' }, credentials: 'omit', ...(signal ? { signal } : {}) });
  } catch (error) {
    if (isAbortError(error) || signal?.aborted) throw error;
    throw new ApiError({ status: 0, code: 'NETWORK', message: 'The catalogue could not be reached', retryable: true });
  }
  if (!response.ok) {
    throw new ApiError({ status: response.status, code: response.status === 404 ? 'NOT_FOUND' : response.status >= 500 ? 'SERVER_ERROR' : 'HTTP_' + response.status, message: `The catalogue answered ${response.status}` });
  }
  try {
    return (await response.json()) as T;
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError({ status: response.status, code: 'BAD_RESPONSE', message: 'The catalogue did not answer with JSON', retryable: false });
  }
}

function absolute(base: string): string {
  return new URL(base, globalThis.location?.href ?? 'http://localhost/').href;
}
