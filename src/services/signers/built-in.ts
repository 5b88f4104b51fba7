import type { ApiClient } from '../api-client';
import type { SignatureAlgorithm } from '../../core/crypto/envelope';
import { EcdsaP256Signer } from './ecdsa';
import { LocalSm2Signer } from './local';
import { RemoteSigner } from './remote';
import { SignerError, type SignerAdapter } from './types';

export type BuiltInSignerKind = 'local' | 'remote';

const cache = new WeakMap<ApiClient, Map<string, SignerAdapter>>();

/**
 * The signer behind `signer="local" | "remote"` for the allowed algorithms, first allowed
 * first: `local` signs with SM2 in the browser, or ECDSA P-256 through WebCrypto when the
 * policy puts that first or allows only it; `remote` signs SM2 on the server. One signer
 * per API client, so a page confirms each key's registration once.
 */
export function builtInSigner(kind: BuiltInSignerKind, algorithms: readonly SignatureAlgorithm[], client: ApiClient): SignerAdapter {
  const algorithm = kind === 'remote'
    ? (algorithms.includes('SM2-SM3') ? 'SM2-SM3' : undefined)
    : algorithms.find((a) => a === 'SM2-SM3' || a === 'ECDSA-P256-SHA256');
  if (!algorithm) throw new SignerError('ALGORITHM_NOT_ALLOWED', `No ${kind} signer for ${algorithms.join(', ') || 'no algorithm'}`);
  const id = kind + ':' + algorithm;
  let signers = cache.get(client);
  if (!signers) cache.set(client, (signers = new Map()));
  let signer = signers.get(id);
  if (!signer) {
    signer = kind === 'remote' ? new RemoteSigner(client) : algorithm === 'SM2-SM3' ? new LocalSm2Signer(client) : new EcdsaP256Signer(client);
    signers.set(id, signer);
  }
  return signer;
}
