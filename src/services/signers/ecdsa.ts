import type { ApiClient } from '../api-client';
import type { SignatureAlgorithm, SignatureEnvelope } from '../../core/crypto/envelope';
import { KeyStore } from './key-store';
import { registerSigningKey } from './registration';
import { SignerError, type SignRequest, type SignerAdapter } from './types';

interface EcdsaKeyRecord {
  algorithm: 'ECDSA-P256-SHA256';
  subjectId: string;
  /** The private key is non-extractable: IndexedDB keeps the CryptoKey, never its bytes. */
  privateKey: CryptoKey;
  publicKey: string;
  keyId?: string;
  createdAt: string;
}

/**
 * ECDSA-P256-SHA256 through WebCrypto, the second algorithm of SPEC §4, for portals whose
 * policy allows it (`algorithms` on `<egov-signature>`). Like the local SM2 signer: one key
 * per subject in IndexedDB, registered on first use.
 */
export class EcdsaP256Signer implements SignerAdapter {
  readonly algorithms: readonly SignatureAlgorithm[] = ['ECDSA-P256-SHA256'];
  readonly #client: ApiClient;
  readonly #store = new KeyStore<EcdsaKeyRecord>();
  readonly #confirmed = new Set<string>();
  readonly #pending = new Map<string, Promise<{ keyId: string; privateKey: CryptoKey; publicKey: string }>>();

  constructor(client: ApiClient) {
    this.#client = client;
  }

  async prepare(subjectId: string, signal?: AbortSignal): Promise<void> {
    await this.#key(subjectId, signal);
  }

  async resetKey(subjectId: string): Promise<void> {
    await this.#store.delete(recordId(subjectId));
  }

  async sign({ content, bytes, signal }: SignRequest): Promise<SignatureEnvelope> {
    const key = await this.#key(content.signerId, signal);
    signal?.throwIfAborted();
    const raw = new Uint8Array(await globalThis.crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key.privateKey, bytes as BufferSource));
    const { rawToDer } = await import('../../core/crypto/der');
    const { envelopeFromSignature } = await import('../../core/crypto/sign');
    return envelopeFromSignature('ECDSA-P256-SHA256', content, bytes, key, rawToDer(raw));
  }

  /** One key lookup per subject at a time: a signature asked for while the key is being made waits for it. */
  #key(subjectId: string, signal?: AbortSignal): Promise<{ keyId: string; privateKey: CryptoKey; publicKey: string }> {
    let pending = this.#pending.get(subjectId);
    if (!pending) {
      pending = this.#loadKey(subjectId, signal).finally(() => this.#pending.delete(subjectId));
      this.#pending.set(subjectId, pending);
    }
    return pending;
  }

  async #loadKey(subjectId: string, signal?: AbortSignal): Promise<{ keyId: string; privateKey: CryptoKey; publicKey: string }> {
    if (!globalThis.crypto?.subtle) throw new SignerError('SIGNER_UNAVAILABLE', 'WebCrypto is not available (a secure context is needed)');
    const id = recordId(subjectId);
    let record = await this.#store.get(id);
    if (!record || record.subjectId !== subjectId) {
      const pair = await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
      const { bytesToHex } = await import('../../core/crypto/hex');
      const publicKey = bytesToHex(new Uint8Array(await globalThis.crypto.subtle.exportKey('raw', pair.publicKey)));
      record = { algorithm: 'ECDSA-P256-SHA256', subjectId, privateKey: pair.privateKey, publicKey, createdAt: new Date().toISOString() };
      await this.#store.set(id, record);
    }
    if (!record.keyId || !this.#confirmed.has(record.keyId)) {
      const keyId = await registerSigningKey(this.#client, record.publicKey, 'ECDSA-P256-SHA256', signal);
      if (keyId !== record.keyId) {
        record = { ...record, keyId };
        await this.#store.set(id, record);
      }
      this.#confirmed.add(keyId);
    }
    return { keyId: record.keyId!, privateKey: record.privateKey, publicKey: record.publicKey };
  }
}

function recordId(subjectId: string): string {
  return 'p256:' + subjectId;
}
