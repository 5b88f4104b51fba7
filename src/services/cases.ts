import type { ApiClient } from './api-client';
import { fetchTrustList, verifyInBrowser, type BrowserVerdict, type TrustedIssuer } from './certificates';
import type { SignatureEnvelope } from '../core/crypto/envelope';
import type { CertificateSeal } from '../core/crypto/seal';
import type {
  ApplicationDetail,
  ApplicationStatus,
  CaseMaterial,
  CasePage,
  DecisionInput,
  DecisionLetter,
  QueueHolderFilter,
} from '../core/case-types';
import { FINAL_STATUSES } from '../core/case-types';

export type {
  ApplicationDetail, ApplicationStatus, ArchivalRecord, CaseHolder, CaseMaterial, CasePage, CaseStep, CaseStepTaken, CaseSummary, CorrectionItem,
  DecisionAction, DecisionInput, DecisionLetter, HistoryEvent, QueueHolderFilter,
} from '../core/case-types';
export { APPLICATION_STATUSES, DECISION_ACTIONS, FINAL_STATUSES, QUEUE_HOLDER_FILTERS } from '../core/case-types';

/**
 * Cases (SPEC §6) as the browser sees them: the officers' queue, a case and its decision
 * (the only place the browser builds a `/cases` URL), and the checks of an application made
 * here in the browser, never taken from the server's word: the applicant's signature, every
 * seal of a material and the archival record's seal.
 */

const loadCrypto = () => import('../core/crypto');

export interface CaseQuery {
  status?: ApplicationStatus | '';
  /** SPEC §14: the cases the officer holds, or those nobody holds. */
  filter?: QueueHolderFilter | '';
  service?: string;
  page?: number;
  pageSize?: number;
}

export function listCases(client: ApiClient, query: CaseQuery, signal?: AbortSignal): Promise<CasePage> {
  return client.get<CasePage>('/cases', { searchParams: { status: query.status, service: query.service, filter: query.filter, page: query.page, pageSize: query.pageSize }, ...(signal ? { signal } : {}) });
}

export function getCase(client: ApiClient, id: string, signal?: AbortSignal): Promise<ApplicationDetail> {
  return client.get<ApplicationDetail>(`/cases/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

/** SPEC §14: the sealed decision letter (决定书) of a decided case. */
export function getDecisionLetter(client: ApiClient, id: string, signal?: AbortSignal): Promise<DecisionLetter> {
  return client.get<DecisionLetter>(`/cases/${encodeURIComponent(id)}/decision-letter`, signal ? { signal } : {});
}

/** SPEC §14: the officer claims the case; answers the case as it now stands. */
export function claimCase(client: ApiClient, id: string): Promise<ApplicationDetail> {
  return client.post<ApplicationDetail>(`/cases/${encodeURIComponent(id)}/claim`, {});
}

/** One decision; the key makes a retried click answer the same decision, never a second one. */
export function decideCase(client: ApiClient, id: string, input: DecisionInput, idempotencyKey: string): Promise<ApplicationDetail> {
  return client.post<ApplicationDetail>(`/cases/${encodeURIComponent(id)}/decisions`, input, { idempotencyKey });
}

export function isFinal(status: ApplicationStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** A due date has passed while the case is still open. */
export function isOverdue(item: { status: ApplicationStatus; dueAt?: string | undefined }, now = Date.now()): boolean {
  return !!item.dueAt && !isFinal(item.status) && Date.parse(item.dueAt) < now;
}

/** The material as it was submitted and signed: a reference, nothing the server added. */
export function materialRef(m: CaseMaterial): { code: string; certificateId?: string; uploadId?: string } {
  if (m.certificateId) return { code: m.code, certificateId: m.certificateId };
  return { code: m.code, uploadId: m.uploadId ?? m.upload?.uploadId ?? '' };
}

/**
 * Exactly what the applicant signed (SPEC §4, §6): `{ serviceCode, data, materials }` for
 * the first submission; after a resubmission the application's id and version are bound
 * in too, so an earlier signature cannot be replayed.
 */
export function signedPayload(application: Pick<ApplicationDetail, 'id' | 'serviceCode' | 'data' | 'materials' | 'version'>) {
  const base = { serviceCode: application.serviceCode, data: application.data, materials: application.materials.map(materialRef) };
  return application.version > 1 ? { ...base, applicationId: application.id, version: application.version } : base;
}

export type SignatureVerdict =
  | { status: 'valid'; envelope: SignatureEnvelope }
  | { status: 'invalid'; envelope: SignatureEnvelope; problem: 'malformed' | 'digest' | 'signature' | 'algorithm' }
  | { status: 'missing' };

/** The applicant's signature checked against the answers and materials as the case shows them. */
export async function verifyApplicationSignature(application: ApplicationDetail): Promise<SignatureVerdict> {
  const envelope = application.signature;
  if (!envelope) return { status: 'missing' };
  const { verifyEnvelope } = await loadCrypto();
  const result = await verifyEnvelope(signedPayload(application), envelope);
  return result.valid ? { status: 'valid', envelope } : { status: 'invalid', envelope, problem: result.problem };
}

/** The trust list, or undefined when it cannot be had (seals are then undetermined). */
export async function trustListOrNothing(client: ApiClient, signal?: AbortSignal): Promise<TrustedIssuer[] | undefined> {
  try {
    return await fetchTrustList(client, signal);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return undefined;
  }
}

/** Every certificate material's seal, checked in the browser: code → verdict. */
export async function verifyMaterialSeals(materials: CaseMaterial[], trust: TrustedIssuer[] | undefined): Promise<Map<string, BrowserVerdict>> {
  const out = new Map<string, BrowserVerdict>();
  await Promise.all(materials.filter((m) => m.certificate).map(async (m) => out.set(m.code, await verifyInBrowser(m.certificate!, trust))));
  return out;
}

/**
 * The seal of an archival record (Art. 33) or a decision letter (SPEC §14): the agency's SM2
 * signature over the JCS bytes of the record without `seal`, by a key of the trust list.
 * `null` when the key is unknown.
 */
export async function verifyRecordSeal(record: { seal: CertificateSeal }, trust: TrustedIssuer[] | undefined): Promise<boolean | null> {
  const key = trust?.find((k) => k.keyId === record.seal?.keyId);
  if (!key) return null;
  const { canonicalBytes, sm2Verify } = await loadCrypto();
  const { seal, ...rest } = record;
  try {
    return sm2Verify(canonicalBytes(rest), seal.signature, key.publicKey);
  } catch {
    return false;
  }
}

export type { BrowserVerdict, TrustedIssuer };
