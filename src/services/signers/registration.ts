import { ApiError, type ApiClient } from '../api-client';
import type { SignatureAlgorithm } from '../../core/crypto/envelope';
import { SignerError } from './types';

/**
 * Binds a public key to the signed-in subject (`POST /api/signing-keys`). The server answers
 * the same key again with the same id, so calling this for a key it already knows is safe,
 * and it re-registers a key the server has forgotten.
 */
export async function registerSigningKey(client: ApiClient, publicKey: string, algorithm: SignatureAlgorithm, signal?: AbortSignal): Promise<string> {
  try {
    const { keyId } = await client.post<{ keyId: string }>('/signing-keys', { publicKey, algorithm }, signal ? { signal } : {});
    if (typeof keyId !== 'string' || !keyId) throw new SignerError('KEY_NOT_REGISTERED', 'The server did not return a key id');
    return keyId;
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.code === 'KEY_REGISTERED_TO_ANOTHER' || error.code === 'KEY_REVOKED') throw new SignerError('KEY_REGISTERED_TO_ANOTHER', error.message, error);
      if (error.status === 403 || error.status === 409 || error.status === 422) throw new SignerError('KEY_NOT_REGISTERED', error.message, error);
    }
    throw error;
  }
}
