import { ApiError, type ApiClient, type FieldError } from './api-client';
import type { SignatureEnvelope } from '../core/crypto/envelope';
import type { ServiceDefinition } from '../core/service-definition';

/**
 * The applications area as the browser sees it (SPEC §3, §4): service definitions, the
 * applicant, certificates the platform already holds (Art. 32), uploads, submission and
 * the applicant's own list. Elements call these; none of them builds a URL.
 */

export interface Applicant {
  id: string;
  name: string;
  kind: 'citizen' | 'organisation' | 'staff' | 'reviewer';
  idNumberMasked: string | null;
}

/** A certificate as `GET /certificates/lookup` lists it (only what the form needs). */
export interface HeldCertificate {
  id: string;
  number: string;
  type: { code: string; name: string };
  issuer?: { code: string; name: string };
  issuedAt?: string;
  validUntil?: string;
  status: 'valid' | 'revoked' | 'expired';
}

export interface UploadResult {
  uploadId: string;
  size: number;
  mediaType: string;
  sm3: string;
}

/** One material as it is submitted: a certificate held by the platform, or an upload. */
export interface MaterialRef {
  code: string;
  certificateId?: string;
  uploadId?: string;
}

/** What is signed and then submitted (SPEC §4 Application, without the signature). */
export interface ApplicationPayload {
  serviceCode: string;
  data: Record<string, unknown>;
  materials: MaterialRef[];
}

export interface SubmittedApplication {
  id: string;
  receiptNo: string;
  status: string;
  submittedAt: string;
}

export interface ApplicationSummary extends SubmittedApplication {
  serviceCode?: string;
  serviceName?: string;
}

function listOf<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  const items = (body as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as T[]) : [];
}

export function loadService(client: ApiClient, code: string, signal?: AbortSignal): Promise<ServiceDefinition> {
  return client.get<ServiceDefinition>(`/services/${encodeURIComponent(code)}`, signal ? { signal } : {});
}

/** The signed-in applicant's own values of the answers bound to them (`x-egov-subject`, SPEC §4). */
export async function loadSubjectAnswers(client: ApiClient, code: string, signal?: AbortSignal): Promise<Record<string, string>> {
  const body = await client.get<{ data?: Record<string, string> }>(`/services/${encodeURIComponent(code)}/subject-answers`, signal ? { signal } : {});
  return body.data ?? {};
}

/** Who the token belongs to; an ApiError 401 when there is no valid sign-in. */
export async function currentApplicant(client: ApiClient, signal?: AbortSignal): Promise<Applicant> {
  if (!(await client.token())) {
    throw new ApiError({ status: 401, code: 'UNAUTHENTICATED', message: 'Sign-in is required', retryable: false });
  }
  const body = await client.get<{ subject: Applicant }>('/auth/me', signal ? { signal } : {});
  return body.subject;
}

/** The applicant's valid certificates of one type, newest validity first (Art. 32). */
export async function lookupCertificates(client: ApiClient, type: string, signal?: AbortSignal): Promise<HeldCertificate[]> {
  const body = await client.get<unknown>('/certificates/lookup', { searchParams: { type }, ...(signal ? { signal } : {}) });
  return listOf<HeldCertificate>(body)
    .filter((c) => c.status === 'valid' && (!c.validUntil || Date.parse(c.validUntil) > Date.now()))
    .sort((a, b) => (b.validUntil ?? '').localeCompare(a.validUntil ?? ''));
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
 * Submits a signed application. The Idempotency-Key is the draft's own, so every retry —
 * ky's on a network fault, the user's after an outage — names the same application and
 * the server never creates two.
 */
export function submitApplication(client: ApiClient, payload: ApplicationPayload, signature: SignatureEnvelope, idempotencyKey: string): Promise<SubmittedApplication> {
  return client.post<SubmittedApplication>('/applications', { ...payload, signature }, { idempotencyKey, timeout: 30_000 });
}

export async function listMyApplications(client: ApiClient, signal?: AbortSignal): Promise<ApplicationSummary[]> {
  const body = await client.get<unknown>('/applications', signal ? { signal } : {});
  return listOf<ApplicationSummary>(body).sort((a, b) => (b.submittedAt ?? '').localeCompare(a.submittedAt ?? ''));
}

/** A 401 of either kind: the sign-in is missing, forged or expired. */
export function isSignInError(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/**
 * Resubmits an application after a correction (SPEC §6): the signature covers
 * `{ serviceCode, data, materials, applicationId, version }` with the new version. The
 * key is the correction draft's own, so a retry never makes two resubmissions.
 */
export function resubmitApplication(
  client: ApiClient,
  applicationId: string,
  body: { data: Record<string, unknown>; materials: MaterialRef[]; signature: SignatureEnvelope },
  idempotencyKey: string,
): Promise<SubmittedApplication> {
  return client.post<SubmittedApplication>(`/applications/${encodeURIComponent(applicationId)}/resubmissions`, body, { idempotencyKey, timeout: 30_000 });
}
