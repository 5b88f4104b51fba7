import type { ApiClient } from '../api-client';
import type { SignatureAlgorithm, SignatureEnvelope } from '../../core/crypto/envelope';
import type { SignRequest, SignerAdapter } from './types';

/**
 * `signer="remote"`: cloud signing (`POST /api/signatures`). The backend signs the payload
 * and handwriting digest with the subject's server-held SM2 key, as the signed-in subject
 * and with its own clock; the element verifies what comes back like any other signer's.
 */
export class RemoteSigner implements SignerAdapter {
  readonly algorithms: readonly SignatureAlgorithm[] = ['SM2-SM3'];
  readonly #client: ApiClient;

  constructor(client: ApiClient) {
    this.#client = client;
  }

  sign({ content, signal }: SignRequest): Promise<SignatureEnvelope> {
    return this.#client.post<SignatureEnvelope>('/signatures', { payload: content.payload, handwritingDigest: content.handwritingDigest }, signal ? { signal } : {});
  }
}
