import { listOf, type ApiClient } from './api-client';
import type { SignatureEnvelope } from '../core/crypto/envelope';
import type { ApplicationDetail, ArchivalRecord } from '../core/case-types';

/**
 * An applicant's applications (SPEC §4, §6) as the browser sees them: submission and
 * resubmission, the applicant's own list, one application, its withdrawal and its archival
 * record. The only place the browser builds an `/applications` URL.
 */

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

/**
 * Submits a signed application. The Idempotency-Key is the draft's own, so every retry —
 * ky's on a network fault, the user's after an outage — names the same application and
 * the server never creates two.
 */
export function submitApplication(client: ApiClient, payload: ApplicationPayload, signature: SignatureEnvelope, idempotencyKey: string): Promise<SubmittedApplication> {
  return client.post<SubmittedApplication>('/applications', { ...payload, signature }, { idempotencyKey, timeout: 30_000 });
}

/**
 * The signed-in applicant's applications, newest first: the server's first page, of
 * `pageSize` when given (100, the largest it gives, holds a person's applications).
 */
export async function listMyApplications(client: ApiClient, options: { pageSize?: number; signal?: AbortSignal } = {}): Promise<ApplicationDetail[]> {
  const { pageSize, signal } = options;
  const body = await client.get<unknown>('/applications', { ...(pageSize ? { searchParams: { pageSize } } : {}), ...(signal ? { signal } : {}) });
  return listOf<ApplicationDetail>(body).sort((a, b) => (b.submittedAt ?? '').localeCompare(a.submittedAt ?? ''));
}

export function getApplication(client: ApiClient, id: string, signal?: AbortSignal): Promise<ApplicationDetail> {
  return client.get<ApplicationDetail>(`/applications/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export function withdrawApplication(client: ApiClient, id: string, reason?: string): Promise<ApplicationDetail> {
  return client.post<ApplicationDetail>(`/applications/${encodeURIComponent(id)}/withdrawal`, reason ? { reason } : {});
}

export function getRecord(client: ApiClient, id: string, signal?: AbortSignal): Promise<ArchivalRecord> {
  return client.get<ArchivalRecord>(`/applications/${encodeURIComponent(id)}/record`, signal ? { signal } : {});
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
