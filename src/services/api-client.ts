import ky, { HTTPError, TimeoutError } from 'ky';
import type { EgovConfig } from './config';

/** A field-level problem as the API reports it (SPEC §3). */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * Every failure of a call to the backend, whatever its cause, becomes one of these:
 * the SPEC error code, the HTTP status (0 when no response came), the field errors,
 * and whether trying again may help (offline, timeout, 5xx, 429).
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fields: FieldError[];
  readonly retryable: boolean;

  constructor(init: { code: string; status: number; message: string; fields?: FieldError[]; retryable?: boolean }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.fields = init.fields ?? [];
    this.retryable = init.retryable ?? (init.status === 0 || init.status === 408 || init.status === 429 || init.status >= 500);
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export type QueryValue = string | number | boolean | undefined | null | ReadonlyArray<string | number>;

export interface RequestOptions {
  searchParams?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Makes a POST safe to retry: the server answers a repeated key with the first result. */
  idempotencyKey?: string;
  headers?: Record<string, string>;
  timeout?: number;
}

/** Statuses worth another try (a retry of a request that may repeat safely). */
const RETRY_STATUS = [408, 429, 500, 502, 503, 504];
const RETRY_LIMIT = 2;
/** The longest wait between tries when no `Retry-After` says otherwise (ky's backoff: 0.3 s, 0.6 s, …). */
const BACKOFF_LIMIT = 2_000;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The one way the browser code talks to the backend: ky over fetch, with a timeout per try,
 * the token (a `tokenProvider` is asked once per request), and retries of what may repeat
 * safely (every GET; a POST, PUT, PATCH or DELETE only with an idempotency key) after a
 * network failure or a 408/429/5xx, honouring `Retry-After` up to the timeout (a longer one
 * is not waited for). Every failure is an ApiError; an abort by the caller's signal is
 * passed through as the AbortError it is.
 */
export class ApiClient {
  readonly config: EgovConfig;

  constructor(config: EgovConfig) {
    this.config = config;
  }

  /** The absolute URL of an API path, for links such as downloads. */
  url(path: string, searchParams?: Record<string, QueryValue>): string {
    const base = new URL(this.config.apiBase.replace(/\/?$/, '/'), globalThis.location?.href ?? 'http://localhost/');
    const url = new URL(path.replace(/^\//, ''), base);
    if (searchParams) appendParams(url.searchParams, searchParams);
    return url.href;
  }

  async token(): Promise<string | undefined> {
    const provided = this.config.tokenProvider ? await this.config.tokenProvider() : undefined;
    return provided || this.config.token || undefined;
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('GET', path, options);
  }

  post<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('POST', path, options, JSON.stringify(body));
  }

  postForm<T>(path: string, body: FormData, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('POST', path, options, body);
  }

  put<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('PUT', path, options, JSON.stringify(body));
  }

  patch<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('PATCH', path, options, JSON.stringify(body));
  }

  delete<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('DELETE', path, options);
  }

  async #send<T>(method: Method, path: string, options: RequestOptions, body?: string | FormData): Promise<T> {
    const headers = new Headers({ Accept: 'application/json', ...options.headers });
    if (typeof body === 'string') headers.set('Content-Type', 'application/json');
    if (options.idempotencyKey) headers.set('Idempotency-Key', options.idempotencyKey);
    const timeout = options.timeout ?? this.config.timeout ?? 15_000;
    const repeatable = method === 'GET' || !!options.idempotencyKey;
    try {
      options.signal?.throwIfAborted();
      const token = await this.token();
      if (token) headers.set('Authorization', `Bearer ${token}`);
      const response = await ky(this.url(path, options.searchParams), {
        method,
        headers,
        body: body ?? null,
        timeout,
        signal: options.signal ?? null,
        retry: {
          limit: repeatable ? RETRY_LIMIT : 0,
          methods: [method.toLowerCase()],
          statusCodes: RETRY_STATUS,
          afterStatusCodes: RETRY_STATUS,
          maxRetryAfter: timeout,
          backoffLimit: BACKOFF_LIMIT,
          // A `Retry-After` beyond the timeout: the answer now, not a wait the caller did not ask for.
          shouldRetry: ({ error }) => (error instanceof HTTPError && (retryAfter(error.response) ?? 0) > timeout ? false : undefined),
        },
      });
      if (response.status === 204) return undefined as T;
      return (await response.json()) as T;
    } catch (error) {
      throw await toApiError(error);
    }
  }
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), if the answer has one. */
function retryAfter(response: Response): number | undefined {
  const value = response.headers.get('Retry-After');
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
}

function appendParams(params: URLSearchParams, values: Record<string, QueryValue>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.set(key, String(value));
  }
}

/** Turns whatever fetch threw or answered into an ApiError (an abort is passed through untouched). */
export async function toApiError(error: unknown): Promise<unknown> {
  if (error instanceof ApiError || isAbortError(error)) return error;
  if (error instanceof HTTPError) {
    const { status } = error.response;
    let body: { error?: { code?: string; message?: string; fields?: FieldError[] } } | undefined;
    try {
      body = await error.response.clone().json();
    } catch {
      body = undefined;
    }
    return new ApiError({
      status,
      code: body?.error?.code ?? (status >= 500 ? 'SERVER_ERROR' : 'HTTP_' + status),
      message: body?.error?.message ?? error.response.statusText ?? 'HTTP ' + status,
      fields: Array.isArray(body?.error?.fields) ? body.error.fields : [],
    });
  }
  if (error instanceof TimeoutError) {
    return new ApiError({ status: 0, code: 'TIMEOUT', message: 'The server did not answer in time', retryable: true });
  }
  if (error instanceof TypeError || error instanceof SyntaxError) {
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    return new ApiError({
      status: 0,
      code: offline ? 'OFFLINE' : 'NETWORK',
      message: offline ? 'No network connection' : 'The server could not be reached',
      retryable: true,
    });
  }
  return new ApiError({ status: 0, code: 'UNKNOWN', message: String(error), retryable: false });
}

const clients = new WeakMap<EgovConfig, ApiClient>();
/** One client per configuration object, so elements sharing a configuration share a client. */
export function clientFor(config: EgovConfig): ApiClient {
  let client = clients.get(config);
  if (!client) clients.set(config, (client = new ApiClient(config)));
  return client;
}

/** The items of a list answer, whether the API gave a bare array or a page (`{ items }`). */
export function listOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  const items = (body as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as T[]) : [];
}
