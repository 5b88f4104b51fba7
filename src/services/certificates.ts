import { ApiClient, ApiError, listOf } from './api-client';
import type { EgovConfig } from './config';
import type {
  Certificate,
  SealProblem,
  SealVerification,
  TrustedIssuer,
  VerifyChecks,
  VerifyResult,
  VerifyStatus,
} from '../core/crypto/seal';

export type { Certificate, TrustedIssuer, VerifyChecks, VerifyResult, VerifyStatus } from '../core/crypto/seal';
export { maskIdNumber } from '../core/validation/cn-formats';

/**
 * Certificates (SPEC §3–4): the signed-in subject's certificates, public verification, and
 * the check of a seal in the browser against the trust list. The crypto chunk (SM2/SM3)
 * and the QR encoder are loaded only when a seal is checked or a QR code drawn.
 */

const loadCrypto = () => import('../core/crypto');

export function listCertificates(client: ApiClient, signal?: AbortSignal): Promise<Certificate[]> {
  return client.get<Certificate[]>('/certificates', { signal });
}

export function getCertificate(client: ApiClient, id: string, signal?: AbortSignal): Promise<Certificate> {
  return client.get<Certificate>(`/certificates/${encodeURIComponent(id)}`, { signal });
}

/** Art. 32: the subject's valid certificates of one type (e.g. for an application's materials), longest valid first. */
export async function lookupCertificates(client: ApiClient, type: string, signal?: AbortSignal): Promise<Certificate[]> {
  const body = await client.get<unknown>('/certificates/lookup', { searchParams: { type }, signal });
  return listOf<Certificate>(body)
    .filter((c) => c.status === 'valid' && (!c.validUntil || Date.parse(c.validUntil) > Date.now()))
    .sort((a, b) => (b.validUntil ?? '').localeCompare(a.validUntil ?? ''));
}

export type VerifyInput = { number: string; verificationCode: string } | { qrPayload: string };

export function requestVerification(client: ApiClient, input: VerifyInput, signal?: AbortSignal): Promise<VerifyResult> {
  return client.post<VerifyResult>('/certificates/verify', input, { signal });
}

export function fetchTrustList(client: ApiClient, signal?: AbortSignal): Promise<TrustedIssuer[]> {
  return client.get<TrustedIssuer[]>('/trust/issuers', { signal }).then((list) => {
    if (!Array.isArray(list)) throw new ApiError({ code: 'BAD_TRUST_LIST', status: 0, message: 'The trust list is not a list', retryable: false });
    return list;
  });
}

const trustClients = new Map<string, ApiClient>();
/**
 * The client the trust list is fetched with: the element's own, or one for another base
 * when a portal takes issuer keys from a different service than the certificates.
 */
export function trustClientFor(client: ApiClient, trustBase: string | undefined): ApiClient {
  if (!trustBase) return client;
  let found = trustClients.get(trustBase);
  if (!found) trustClients.set(trustBase, (found = new ApiClient({ ...client.config, apiBase: trustBase } as EgovConfig)));
  return found;
}

/** Why the browser's seal check could not use a trust list at all. */
export type TrustProblem = 'trust-unavailable' | 'trust-empty';

export interface BrowserVerdict {
  status: Exclude<VerifyStatus, 'not_found'>;
  checks: VerifyChecks;
  problem?: SealProblem | TrustProblem;
  issuerKey?: TrustedIssuer;
}

/**
 * The browser's own verdict on a certificate: the seal recomputed from the certificate and
 * the trust list, never the server's word. `trust` is undefined when the list could not be
 * fetched; revocation is the one thing only the issuer can say (`revokedByIssuer`).
 */
export async function verifyInBrowser(certificate: Certificate, trust: TrustedIssuer[] | undefined, options: { revokedByIssuer?: boolean; now?: Date } = {}): Promise<BrowserVerdict> {
  const { verifySeal } = await loadCrypto();
  const subject = options.revokedByIssuer ? { ...certificate, status: 'revoked' as const } : certificate;
  const result: SealVerification = verifySeal(subject, trust ?? [], options.now ?? new Date());
  if (result.checks.seal === null && result.problem === 'unknown-key' && (!trust || !trust.length)) {
    return { ...result, problem: trust ? 'trust-empty' : 'trust-unavailable' };
  }
  return result;
}

/** A pasted or scanned QR payload, or undefined when it is not one. */
export async function parseQr(payload: string): Promise<{ number: string; verificationCode: string } | undefined> {
  return (await loadCrypto()).parseQrPayload(payload);
}

export async function isCertificateNumber(value: string): Promise<boolean> {
  return (await loadCrypto()).isCertificateNumber(value.trim().toUpperCase());
}

/** The dark modules of a QR code (ECC M), for drawing as SVG. */
export async function qrMatrix(text: string): Promise<boolean[][]> {
  const { encode } = await import('uqr');
  return encode(text, { ecc: 'M', border: 2 }).data;
}

/** Data members that hold a citizen ID number (GB 11643), masked wherever they are shown. */
export function isIdNumberField(key: string): boolean {
  return /idnumber$/i.test(key);
}


/** For reading out and printing: `HK7D2QXM9PRA` → `HK7D-2QXM-9PRA`. */
export function groupCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}
