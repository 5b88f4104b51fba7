import type { SignatureAlgorithm, SignatureEnvelope } from '../../core/crypto/envelope';

/** The signed content of SPEC §4: what every signature covers. */
export interface SignedContent {
  payload: unknown;
  /** The signed-in subject's id. */
  signerId: string;
  /** ISO 8601. */
  signedAt: string;
  /** SM3 of the handwriting record, hex, or null. */
  handwritingDigest: string | null;
}

export interface SignRequest {
  /** The content to sign. */
  content: SignedContent;
  /** Its RFC 8785 (JCS) UTF-8 bytes M: exactly what the signature is over. */
  bytes: Uint8Array;
  /** Aborted when the signer should give up (the user cancelled, the payload changed). */
  signal?: AbortSignal;
}

/**
 * A signer `<egov-signature>` can use (SPEC §2 `signerAdapter`): a UKey's local middleware,
 * a mobile-app scan, a portal's own signing service.
 *
 * `sign` returns a SignatureEnvelope over `bytes` (SPEC §4): for `SM2-SM3` the GB/T 32918
 * signature of M with user ID `1234567812345678` and `digest` = SM3(M); for
 * `ECDSA-P256-SHA256` the ECDSA signature of M with SHA-256 and `digest` = SHA-256(M);
 * `signature` DER-encoded, `publicKey` uncompressed `04…`, and `signerId`, `payload` and
 * `handwritingDigest` exactly as in `content`. It may stamp its own `signedAt` (a signing
 * service uses its clock). The element does not trust the result: it checks the shape and
 * verifies the signature against the payload before it emits `egov-signed`, and the
 * server accepts only keys registered to the signer (`POST /api/signing-keys`).
 *
 * Failures are best thrown as `SignerError` so the signer sees the right message and way
 * forward; anything else is shown as a general failure.
 */
export interface SignerAdapter {
  sign(request: SignRequest): Promise<SignatureEnvelope>;
  /** Algorithms this signer can produce, first preferred; SM2-SM3 when absent. */
  readonly algorithms?: readonly SignatureAlgorithm[];
  /** A short name shown to the signer, e.g. "UKey (SN 1234…)". */
  readonly label?: string;
  /**
   * Optional: called once the signer is known, before anything is drawn, so a missing
   * device or blocked storage shows at once rather than after the person has signed.
   */
  prepare?(signerId: string, signal?: AbortSignal): Promise<void>;
  /** Optional: forget the signer's key so the next signature makes and registers a new one. */
  resetKey?(signerId: string): Promise<void>;
}

export type SignerErrorCode =
  /** The signer cannot be used here: no key storage, device not reachable. */
  | 'SIGNER_UNAVAILABLE'
  /** Browser storage (IndexedDB) is blocked, e.g. in private browsing. */
  | 'STORAGE_UNAVAILABLE'
  /** The key is not registered to the signed-in subject, and registering it was refused. */
  | 'KEY_NOT_REGISTERED'
  /** The key is registered to someone else. */
  | 'KEY_REGISTERED_TO_ANOTHER'
  /** No answer in time. */
  | 'SIGNER_TIMEOUT'
  /** An answer that is not a valid envelope, or one that does not verify. */
  | 'SIGNER_INVALID_RESPONSE'
  /** The person cancelled on the device (wrong PIN, declined). */
  | 'SIGNER_CANCELLED'
  /** None of the allowed algorithms is available from this signer. */
  | 'ALGORITHM_NOT_ALLOWED';

/** A failure of a signer, with a code the element maps to a message and a way forward. */
export class SignerError extends Error {
  readonly code: SignerErrorCode;
  override readonly cause?: unknown;

  constructor(code: SignerErrorCode, message: string, cause?: unknown) {
    super(message);
    this.name = 'SignerError';
    this.code = code;
    this.cause = cause;
  }
}

export function isSignerError(error: unknown): error is SignerError {
  return error instanceof Error && error.name === 'SignerError' && typeof (error as SignerError).code === 'string';
}
