import type { ApiClient } from '../api-client';
import type { SignatureAlgorithm, SignatureEnvelope } from '../../core/crypto/envelope';
import { KeyStore } from './key-store';
import { registerSigningKey } from './registration';
import { SignerError, type SignRequest, type SignerAdapter } from './types';

interface Sm2KeyRecord {
  algorithm: 'SM2-SM3';
  subjectId: string;
  /** WebCrypto has no SM2, so the private key is kept as hex in the browser's IndexedDB. */
  privateKey: string;
  publicKey: string;
  keyId?: string;
  createdAt: string;
}

const sm = () => import('../../core/crypto/sm');
const signing = () => import('../../core/crypto/sign');

/**
 * `signer="local"`: an SM2 key made in this browser, kept in IndexedDB per subject and
 * registered to that subject on first use. For demos and tests; a real deployment signs
 * with a UKey or remote signing, where the private key never sits in page-readable storage.
 */
export class LocalSm2Signer implements SignerAdapter {
  readonly algorithms: readonly SignatureAlgorithm[] = ['SM2-SM3'];
  readonly #client: ApiClient;
  readonly #store = new KeyStore<Sm2KeyRecord>();
  /** Keys the server confirmed during this page's life. */
  readonly #confirmed = new Set<string>();
  readonly #pending = new Map<string, Promise<Required<Pick<Sm2KeyRecord, 'keyId' | 'privateKey' | 'publicKey'>>>>();

  constructor(client: ApiClient) {
    this.#client = client;
  }

  /** Makes (once) and registers the subject's key, so the first signature is quick. */
  async prepare(subjectId: string, signal?: AbortSignal): Promise<void> {
    await this.#key(subjectId, signal);
  }

  /** Forgets this browser's key for the subject: the next signature makes and registers a new one. */
  async resetKey(subjectId: string): Promise<void> {
    const record = await this.#store.get(recordId(subjectId));
    if (record?.keyId) this.#confirmed.delete(record.keyId);
    await this.#store.delete(recordId(subjectId));
  }

  async sign({ content, bytes, signal }: SignRequest): Promise<SignatureEnvelope> {
    const key = await this.#key(content.signerId, signal);
    signal?.throwIfAborted();
    const { signSm2Envelope } = await signing();
    return signSm2Envelope(content, bytes, key);
  }

  /** One key lookup per subject at a time: a signature asked for while the key is being made waits for it. */
  #key(subjectId: string, signal?: AbortSignal): Promise<Required<Pick<Sm2KeyRecord, 'keyId' | 'privateKey' | 'publicKey'>>> {
    let pending = this.#pending.get(subjectId);
    if (!pending) {
      pending = this.#loadKey(subjectId, signal).finally(() => this.#pending.delete(subjectId));
      this.#pending.set(subjectId, pending);
    }
    return pending;
  }

  async #loadKey(subjectId: string, signal?: AbortSignal): Promise<Required<Pick<Sm2KeyRecord, 'keyId' | 'privateKey' | 'publicKey'>>> {
    const id = recordId(subjectId);
    let record = await this.#store.get(id);
    if (!record || record.subjectId !== subjectId) {
      const { generateSm2KeyPair } = await sm();
      record = { algorithm: 'SM2-SM3', subjectId, ...generateSm2KeyPair(), createdAt: new Date().toISOString() };
      await this.#store.set(id, record);
    }
    if (!record.keyId || !this.#confirmed.has(record.keyId)) {
      const keyId = await registerSigningKey(this.#client, record.publicKey, 'SM2-SM3', signal);
      if (keyId !== record.keyId) {
        record = { ...record, keyId };
        await this.#store.set(id, record);
      }
      this.#confirmed.add(keyId);
    }
    if (!record.keyId) throw new SignerError('KEY_NOT_REGISTERED', 'The key has no id');
    return { keyId: record.keyId, privateKey: record.privateKey, publicKey: record.publicKey };
  }
}

function recordId(subjectId: string): string {
  return 'sm2:' + subjectId;
}
