import { canonicalBytes } from './canonical-json';
import { decodeDerSignature } from './der';
import { isHex } from './hex';
import { isSm2PublicKey, sm2Sign, sm2Verify } from './sm';

/**
 * Electronic seals of certificates (Art. 31; SPEC §4). A seal is the SM2 signature, with
 * the default user ID and DER-encoded, of the JCS bytes of the sealed content by an issuer
 * key published in the trust list (`GET /trust/issuers`).
 */

export type CertificateStatus = 'valid' | 'revoked' | 'expired';
export type VerifyStatus = 'valid' | 'tampered' | 'revoked' | 'expired' | 'not_found' | 'indeterminate';
export const SEAL_ALGORITHM = 'SM2-SM3';

export interface CertificateSeal {
  keyId: string;
  algorithm: string;
  /** DER `SEQUENCE { r, s }`, hex. */
  signature: string;
}

/** What the seal covers: everything but the id, the status and the seal itself. */
export interface SealedContent {
  number: string;
  type: { code: string; name: string };
  holder: { name: string; idNumberMasked: string };
  issuer: { code: string; name: string };
  issuedAt: string;
  validUntil: string;
  data: Record<string, unknown>;
}

/** SPEC §4 Certificate. `verificationCode` and `qrPayload` only for the holder. */
export interface Certificate extends SealedContent {
  id: string;
  status: CertificateStatus;
  seal: CertificateSeal;
  verificationCode?: string;
  qrPayload?: string;
}

/** One entry of `GET /trust/issuers`. */
export interface TrustedIssuer {
  keyId: string;
  agency: { code: string; name: string };
  algorithm: string;
  /** Uncompressed SM2 public key, hex `04…`. */
  publicKey: string;
  validFrom: string;
  validTo: string;
}

/** `true` passed, `false` failed, `null` could not be decided (EU DSS "indeterminate"). */
export interface VerifyChecks {
  seal: boolean | null;
  notRevoked: boolean | null;
  withinValidity: boolean | null;
}

/** Why the seal check did not pass. */
export type SealProblem =
  | 'malformed-certificate'
  | 'malformed-seal'
  | 'algorithm'
  | 'unknown-key'
  | 'key-not-valid-at-issue'
  | 'issuer-mismatch'
  | 'signature';

export interface SealVerification {
  status: Exclude<VerifyStatus, 'not_found'>;
  checks: VerifyChecks;
  /** The trust-list entry whose key made the seal, when found. */
  issuerKey?: TrustedIssuer;
  problem?: SealProblem;
}

/** SPEC §4 VerifyResult. */
export interface VerifyResult {
  status: VerifyStatus;
  checks: VerifyChecks;
  certificate?: Certificate;
  checkedAt: string;
}

/** Exactly the sealed members, in any order (JCS sorts them). */
export function sealedContent(certificate: SealedContent): SealedContent {
  const { number, type, holder, issuer, issuedAt, validUntil, data } = certificate;
  return { number, type, holder, issuer, issuedAt, validUntil, data };
}

/** M: the JCS bytes of the sealed content. */
export function sealedBytes(certificate: SealedContent): Uint8Array {
  return canonicalBytes(sealedContent(certificate));
}

/** Seals a certificate's content with an issuer key: the `seal` member. */
export function sealCertificate(content: SealedContent, key: { keyId: string; privateKey: string; publicKey?: string }): CertificateSeal {
  return { keyId: key.keyId, algorithm: SEAL_ALGORITHM, signature: sm2Sign(sealedBytes(content), key.privateKey, key.publicKey) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function isCodeName(value: unknown): value is { code: string; name: string } {
  return isRecord(value) && typeof value.code === 'string' && typeof value.name === 'string';
}

function validDate(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/** The shape a certificate must have before its seal can be checked. */
export function isCertificateShape(value: unknown): value is Certificate {
  if (!isRecord(value)) return false;
  return typeof value.number === 'string'
    && isCodeName(value.type) && isCodeName(value.issuer)
    && isRecord(value.holder) && typeof value.holder.name === 'string' && typeof value.holder.idNumberMasked === 'string'
    && validDate(value.issuedAt) && validDate(value.validUntil)
    && isRecord(value.data)
    && (value.status === 'valid' || value.status === 'revoked' || value.status === 'expired')
    && isRecord(value.seal) && typeof value.seal.keyId === 'string' && typeof value.seal.algorithm === 'string' && typeof value.seal.signature === 'string';
}

/**
 * Checks a certificate as a relying party does, from the certificate and the trust list
 * alone, without taking anyone's word for it:
 * - seal: the signature verifies over the recomputed sealed content with the listed key,
 *   and that key belongs to the agency the certificate names as its issuer.
 *   `null` (indeterminate) when the key is not listed, or the certificate's issue date lies
 *   outside the key's validity; a key that has since expired still vouches for what it
 *   sealed while it was valid.
 * - notRevoked: the status the issuer reports (revocation cannot be seen in the seal).
 * - withinValidity: `now` lies between `issuedAt` and `validUntil`.
 * The verdict: a failed seal is `tampered`, an undecided one `indeterminate`; then
 * `revoked`, then `expired`, else `valid`.
 */
export function verifySeal(certificate: unknown, trustList: readonly TrustedIssuer[], now: Date = new Date()): SealVerification {
  if (!isCertificateShape(certificate)) {
    return { status: 'tampered', checks: { seal: false, notRevoked: null, withinValidity: null }, problem: 'malformed-certificate' };
  }
  const notRevoked = certificate.status !== 'revoked';
  const time = now.getTime();
  const withinValidity = Date.parse(certificate.issuedAt) <= time && time < Date.parse(certificate.validUntil);
  const { seal } = certificate;
  const found = trustList.find((entry) => entry.keyId === seal.keyId);
  let sealCheck: boolean | null;
  let problem: SealProblem | undefined;
  if (!isHex(seal.signature) || !decodeDerSignature(seal.signature)) {
    sealCheck = false;
    problem = 'malformed-seal';
  } else if (seal.algorithm !== SEAL_ALGORITHM) {
    sealCheck = false;
    problem = 'algorithm';
  } else if (!found || found.algorithm !== SEAL_ALGORITHM || !isSm2PublicKey(found.publicKey)) {
    sealCheck = null;
    problem = 'unknown-key';
  } else {
    const issued = Date.parse(certificate.issuedAt);
    const ok = sm2Verify(sealedBytes(certificate), seal.signature, found.publicKey);
    if (!ok) {
      sealCheck = false;
      problem = 'signature';
    } else if (found.agency.code !== certificate.issuer.code) {
      // A genuine seal of one agency on a certificate that names another as its issuer.
      sealCheck = false;
      problem = 'issuer-mismatch';
    } else if (!(Date.parse(found.validFrom) <= issued && issued <= Date.parse(found.validTo))) {
      sealCheck = null;
      problem = 'key-not-valid-at-issue';
    } else {
      sealCheck = true;
    }
  }
  const checks: VerifyChecks = { seal: sealCheck, notRevoked, withinValidity };
  const status: SealVerification['status'] = sealCheck === false ? 'tampered'
    : sealCheck === null ? 'indeterminate'
    : !notRevoked ? 'revoked'
    : !withinValidity ? 'expired'
    : 'valid';
  return { status, checks, ...(found ? { issuerKey: found } : {}), ...(problem ? { problem } : {}) };
}

/**
 * The QR payload a holder hands to a verifier: `EGOVCERT:1:<number>:<code>`. Short, upper
 * case and digits only, so it fits QR alphanumeric mode and can be typed by hand too.
 */
export const QR_PREFIX = 'EGOVCERT:1:';
const NUMBER = /^[A-Z0-9][A-Z0-9-]{2,39}$/;

export function normaliseVerificationCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export function isCertificateNumber(value: string): boolean {
  return NUMBER.test(value);
}

export function encodeQrPayload(number: string, verificationCode: string): string {
  return `${QR_PREFIX}${number}:${normaliseVerificationCode(verificationCode)}`;
}

/**
 * SPEC §4 `qrPayload`: the verify page (`EGOV_VERIFY_URL`) with `number` and `code` in its
 * fragment, which a phone camera opens and browsers never send to a server.
 */
export function qrVerifyUrl(verifyPage: string, number: string, verificationCode: string): string {
  const url = new URL(verifyPage);
  url.hash = new URLSearchParams({ number, code: normaliseVerificationCode(verificationCode) }).toString();
  return url.href;
}

/** The number and code of a verify page's fragment (`#number=…&code=…`), or undefined. */
export function parseVerifyFragment(hash: string): { number: string; verificationCode: string } | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const number = params.get('number')?.trim().toUpperCase();
  const code = params.get('code');
  if (!number || !code) return undefined;
  return parseQrPayload(`${QR_PREFIX}${number}:${code}`);
}

/** The number and code of a pasted or scanned payload (the verify URL or `EGOVCERT:1:` text), or undefined when it is not one. */
export function parseQrPayload(payload: string): { number: string; verificationCode: string } | undefined {
  const text = payload.trim();
  if (/^https?:\/\//i.test(text)) {
    const hash = text.indexOf('#');
    return hash < 0 ? undefined : parseVerifyFragment(text.slice(hash));
  }
  if (!text.toUpperCase().startsWith(QR_PREFIX)) return undefined;
  const rest = text.slice(QR_PREFIX.length).toUpperCase().split(':');
  if (rest.length !== 2) return undefined;
  const [number, code] = rest as [string, string];
  // Exactly the 12 characters the platform issues: a keyboard-wedge QR scanner "types" the
  // payload, and a shorter code must not be taken for the whole one halfway through.
  if (!isCertificateNumber(number) || !/^[0-9A-Z]{12}$/.test(code)) return undefined;
  return { number, verificationCode: code };
}
