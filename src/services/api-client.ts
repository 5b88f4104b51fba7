import ky, { HTTPError, TimeoutError, type KyInstance, type Options } from 'ky';
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

const RETRY_STATUS = [408, 429, 500, 502, 503, 504];

/** The one way the browser code talks to the backend. */
export class ApiClient {
  readonly config: EgovConfig;
  readonly #ky: KyInstance;

  constructor(config: EgovConfig) {
    this.config = config;
    this.#ky = ky.create({
      timeout: config.timeout ?? 15_000,
      retry: { limit: 2, methods: ['get', 'head'], statusCodes: RETRY_STATUS, backoffLimit: 2_000 },
      hooks: {
        beforeRequest: [
          async (request) => {
            const token = await this.token();
            if (token) request.headers.set('Authorization', `Bearer ${token}`);
          },
        ],
      },
    });
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
    return this.#send<T>('get', path, options);
  }

  post<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('post', path, options, { json: body });
  }

  put<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('put', path, options, { json: body });
  }

  postForm<T>(path: string, body: FormData, options: RequestOptions = {}): Promise<T> {
    return this.#send<T>('post', path, options, { body });
  }

  async #send<T>(method: 'get' | 'post' | 'put', path: string, options: RequestOptions, extra: Options = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    const init: Options = {
      ...extra,
      method,
      headers,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeout ? { timeout: options.timeout } : {}),
      // A POST is retried only when the server can recognise the repeat.
      ...(method === 'post' && options.idempotencyKey
        ? { retry: { limit: 2, methods: ['post'], statusCodes: RETRY_STATUS, backoffLimit: 2_000 } }
        : {}),
    };
    try {
      const response = await this.#ky(this.url(path, options.searchParams), init);
      if (response.status === 204) return undefined as T;
      return (await response.json()) as T;
    } catch (error) {
      throw await toApiError(error);
    }
  }
}

function appendParams(params: URLSearchParams, values: Record<string, QueryValue>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.set(key, String(value));
  }
}

/** Turns whatever fetch or ky threw into an ApiError (an abort is passed through untouched). */
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
