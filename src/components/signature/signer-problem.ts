import { ApiError } from '../../services/api-client';
import type { BuiltInSignerKind } from '../../services/signers/built-in';
import { SignerError, isSignerError, type SignerErrorCode } from '../../services/signers/types';
import type { SignatureAlgorithm } from '../../core/crypto/envelope';

/** Why signing cannot go on, and the ways forward the element offers. */
export interface Problem {
  state: 'unavailable' | 'key-not-registered' | 'error';
  code: string;
  message: string;
  /** Offer the backend's signer instead. */
  remote: boolean;
  /** Offer a new key (the browser's key is registered to someone else). */
  newKey: boolean;
  retry: boolean;
}

const STATES: Partial<Record<SignerErrorCode, Problem['state']>> = {
  SIGNER_UNAVAILABLE: 'unavailable',
  STORAGE_UNAVAILABLE: 'unavailable',
  ALGORITHM_NOT_ALLOWED: 'unavailable',
  KEY_NOT_REGISTERED: 'key-not-registered',
  KEY_REGISTERED_TO_ANOTHER: 'key-not-registered',
};

/**
 * A signer's failure as the element shows it: the state, the message (`describe`, from the
 * element's catalogue) and which ways forward make sense — the remote signer when the policy
 * allows SM2 and the signer was not already it, a new key when the adapter can make one.
 */
export function problemOf(
  error: unknown,
  context: { kind: BuiltInSignerKind | 'adapter'; algorithms: readonly SignatureAlgorithm[]; describe: (error: unknown) => string; canResetKey: () => boolean },
): Problem {
  const canRemote = context.kind !== 'remote' && context.algorithms.includes('SM2-SM3');
  const code: string = isSignerError(error) ? error.code : error instanceof ApiError ? error.code : 'UNKNOWN';
  const message = context.describe(isSignerError(error) ? { code: error.code, message: error.message } : error);
  let adapterCanReset = false;
  try {
    adapterCanReset = context.canResetKey();
  } catch {
    adapterCanReset = false;
  }
  return {
    state: STATES[code as SignerErrorCode] ?? 'error',
    code,
    message,
    remote: canRemote && code !== 'ALGORITHM_NOT_ALLOWED' && code !== 'SIGNER_CANCELLED' && !(error instanceof ApiError && error.status === 401),
    newKey: code === 'KEY_REGISTERED_TO_ANOTHER' && adapterCanReset,
    retry: code !== 'ALGORITHM_NOT_ALLOWED' && code !== 'KEY_REGISTERED_TO_ANOTHER',
  };
}

/** Rejects with SIGNER_TIMEOUT (and aborts the signer) when it has not answered in time. */
export function withTimeout<T>(promise: Promise<T>, ms: number, controller: AbortController): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new SignerError('SIGNER_TIMEOUT', 'The signer did not answer in time');
      reject(error);
      controller.abort(error);
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
