import { ApiError, toApiError, type ApiClient, type FieldError } from './api-client';

/**
 * Uploads (SPEC §4): an applicant's file sent with progress, and an uploaded file fetched
 * back with the token for an officer or the applicant to open. The only place the browser
 * builds an `/uploads` URL.
 */

export interface UploadResult {
  uploadId: string;
  size: number;
  mediaType: string;
  sm3: string;
}

/**
 * Uploads one file with progress. XMLHttpRequest, because fetch reports no upload
 * progress. Errors come back as ApiError, like every other call.
 */
export async function uploadFile(
  client: ApiClient,
  file: Blob & { name?: string },
  options: { onProgress?: (loaded: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<UploadResult> {
  const token = await client.token();
  return new Promise<UploadResult>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', client.url('/uploads'));
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.timeout = Math.max(client.config.timeout ?? 15_000, 60_000);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded, event.total);
    };
    const networkError = (code: 'NETWORK' | 'TIMEOUT') => {
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      reject(new ApiError({ status: 0, code: offline ? 'OFFLINE' : code, message: 'The upload did not reach the server', retryable: true }));
    };
    xhr.onerror = () => networkError('NETWORK');
    xhr.ontimeout = () => networkError('TIMEOUT');
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object') {
        resolve(body as UploadResult);
        return;
      }
      const error = (body as { error?: { code?: string; message?: string; fields?: FieldError[] } } | undefined)?.error;
      reject(new ApiError({
        status: xhr.status,
        code: error?.code ?? (xhr.status === 413 ? 'PAYLOAD_TOO_LARGE' : xhr.status >= 500 ? 'SERVER_ERROR' : 'HTTP_' + xhr.status),
        message: error?.message ?? (xhr.statusText || 'HTTP ' + xhr.status),
        fields: error?.fields ?? [],
      }));
    };
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name ?? 'upload');
    xhr.send(form);
  });
}

/**
 * An uploaded file as a Blob (`GET /uploads/{id}` needs the bearer token, so a plain link
 * cannot open it). The type is the one the server sniffed and declares.
 */
export async function fetchUpload(client: ApiClient, uploadId: string, signal?: AbortSignal): Promise<Blob> {
  const token = await client.token();
  try {
    const response = await fetch(client.url(`/uploads/${encodeURIComponent(uploadId)}`), {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      ...(signal ? { signal } : {}),
    });
    if (!response.ok) {
      let body: { error?: { code?: string; message?: string } } | undefined;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      throw new ApiError({ status: response.status, code: body?.error?.code ?? 'HTTP_' + response.status, message: body?.error?.message ?? response.statusText });
    }
    return await response.blob();
  } catch (error) {
    throw await toApiError(error);
  }
}
