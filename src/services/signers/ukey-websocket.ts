import type { ApiClient } from '../api-client';
import type { SignatureAlgorithm, SignatureEnvelope } from '../../core/crypto/envelope';
import { registerSigningKey } from './registration';
import { SignerError, type SignRequest, type SignerAdapter } from './types';

/**
 * A UKey (USB key) signer through the key's local middleware, reached over a loopback
 * WebSocket (`ws://127.0.0.1:<port>`). The private key never leaves the device.
 *
 * ## Protocol (version 1)
 * JSON text frames. Every request carries `v: 1`, a string `id` and a `type`; the answer
 * repeats `v` and `id`.
 *
 * - `{ v, id, type: "hello" }` →
 *   `{ v, id, type: "hello", device: { model, serial }, keys: [{ keyId, algorithm: "SM2-SM3", publicKey: "04…" }] }`
 * - `{ v, id, type: "sign", keyId, algorithm: "SM2-SM3", userId: "1234567812345678",
 *     message: <base64 of M>, digest: <hex SM3(M)>, signerId }` →
 *   `{ v, id, type: "signature", signature: <hex DER SEQUENCE { r, s }> }`
 *   The device computes e = SM3(Z_A ‖ M) itself (GB/T 32918 with the user ID given);
 *   `digest` lets its own display show what is being signed.
 * - Any request may be answered `{ v, id, type: "error", code, message }` with `code` one of
 *   `NO_DEVICE`, `PIN_LOCKED`, `CANCELLED`, `BAD_REQUEST`, `UNSUPPORTED`.
 *
 * The adapter gives up after `connectTimeout` (connecting and `hello`) or `signTimeout`
 * (the person enters the PIN on the device), rejects any answer that is not of this shape,
 * and verifies the signature before returning it. With `client`, the device key is
 * registered to the signed-in subject (`POST /api/signing-keys`) and the envelope carries
 * the server's key id, so the backend accepts applications signed with it.
 */
export interface UkeyWebSocketOptions {
  /** Full URL; otherwise `ws://127.0.0.1:<port>`. */
  url?: string;
  /** Default 16325. */
  port?: number;
  /** Milliseconds to connect and say hello. Default 3000. */
  connectTimeout?: number;
  /** Milliseconds to wait for the signature (PIN entry). Default 60000. */
  signTimeout?: number;
  /** Registers the device key to the signed-in subject before signing. */
  client?: ApiClient;
  /** A WebSocket constructor (tests); the global one by default. */
  WebSocket?: typeof WebSocket;
}

export const UKEY_DEFAULT_PORT = 16325;

interface DeviceKey {
  keyId: string;
  algorithm: 'SM2-SM3';
  publicKey: string;
}

export class UkeyWebSocketSigner implements SignerAdapter {
  readonly algorithms: readonly SignatureAlgorithm[] = ['SM2-SM3'];
  readonly label = 'UKey';
  readonly #options: UkeyWebSocketOptions;
  readonly #registered = new Map<string, string>();
  #device: { model: string; serial: string } | undefined;

  constructor(options: UkeyWebSocketOptions = {}) {
    this.#options = options;
  }

  get url(): string {
    return this.#options.url ?? `ws://127.0.0.1:${this.#options.port ?? UKEY_DEFAULT_PORT}`;
  }

  /** The device that answered the last hello. */
  get device(): { model: string; serial: string } | undefined {
    return this.#device;
  }

  /** Checks the middleware answers and has an SM2 key; registers it when a client is given. */
  async prepare(subjectId?: string, signal?: AbortSignal): Promise<void> {
    const session = await Session.open(this.url, this.#options, signal);
    try {
      const key = await this.#hello(session);
      if (this.#options.client && subjectId) await this.#serverKeyId(key, signal);
    } finally {
      session.close();
    }
  }

  async sign({ content, bytes, signal }: SignRequest): Promise<SignatureEnvelope> {
    const [{ sm2Verify, sm3Hex }, { decodeDerSignature }, { envelopeFromSignature }] = await Promise.all([import('../../core/crypto/sm'), import('../../core/crypto/der'), import('../../core/crypto/sign')]);
    const session = await Session.open(this.url, this.#options, signal);
    try {
      const key = await this.#hello(session);
      const keyId = this.#options.client ? await this.#serverKeyId(key, signal) : key.keyId;
      const answer = await session.request(
        { type: 'sign', keyId: key.keyId, algorithm: 'SM2-SM3', userId: '1234567812345678', message: toBase64(bytes), digest: sm3Hex(bytes), signerId: content.signerId },
        this.#options.signTimeout ?? 60_000,
        signal,
      );
      const signature = answer.signature;
      if (answer.type !== 'signature' || typeof signature !== 'string' || !decodeDerSignature(signature)) {
        throw new SignerError('SIGNER_INVALID_RESPONSE', 'The device answered without a DER signature');
      }
      if (!sm2Verify(bytes, signature.toLowerCase(), key.publicKey)) {
        throw new SignerError('SIGNER_INVALID_RESPONSE', 'The device signature does not verify with its public key');
      }
      return envelopeFromSignature('SM2-SM3', content, bytes, { keyId, publicKey: key.publicKey }, signature);
    } finally {
      session.close();
    }
  }

  async #hello(session: Session): Promise<DeviceKey> {
    const answer = await session.request({ type: 'hello' }, this.#options.connectTimeout ?? 3_000);
    const { isSm2PublicKey } = await import('../../core/crypto/sm');
    const keys = Array.isArray(answer.keys) ? (answer.keys as unknown[]) : [];
    const key = keys.find((k): k is DeviceKey => {
      const r = k as Partial<DeviceKey> | null;
      return !!r && typeof r.keyId === 'string' && r.keyId.length > 0 && r.algorithm === 'SM2-SM3' && isSm2PublicKey(typeof r.publicKey === 'string' ? r.publicKey.toLowerCase() : r.publicKey);
    });
    if (answer.type !== 'hello') throw new SignerError('SIGNER_INVALID_RESPONSE', 'The middleware did not answer hello');
    if (!key) throw new SignerError('SIGNER_UNAVAILABLE', 'The device holds no SM2 key');
    const device = answer.device as { model?: unknown; serial?: unknown } | undefined;
    this.#device = { model: String(device?.model ?? ''), serial: String(device?.serial ?? '') };
    return { ...key, publicKey: key.publicKey.toLowerCase() };
  }

  async #serverKeyId(key: DeviceKey, signal?: AbortSignal): Promise<string> {
    let id = this.#registered.get(key.publicKey);
    if (!id) {
      id = await registerSigningKey(this.#options.client!, key.publicKey, 'SM2-SM3', signal);
      this.#registered.set(key.publicKey, id);
    }
    return id;
  }
}

type Answer = Record<string, unknown> & { type?: unknown };

/** One connection to the middleware: requests matched to answers by id, each with a deadline. */
class Session {
  readonly #socket: WebSocket;
  readonly #pending = new Map<string, { resolve: (a: Answer) => void; reject: (e: unknown) => void }>();
  #next = 0;
  #failure: SignerError | undefined;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.addEventListener('message', (event) => this.#receive(event.data));
    socket.addEventListener('close', () => this.#fail(new SignerError('SIGNER_UNAVAILABLE', 'The middleware closed the connection')));
  }

  static open(url: string, options: UkeyWebSocketOptions, signal?: AbortSignal): Promise<Session> {
    const Ctor = options.WebSocket ?? globalThis.WebSocket;
    if (!/^wss?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(url)) {
      return Promise.reject(new SignerError('SIGNER_UNAVAILABLE', 'The UKey middleware must be on this computer (loopback)'));
    }
    return new Promise((resolve, reject) => {
      let socket: WebSocket;
      try {
        socket = new Ctor(url);
      } catch (error) {
        reject(new SignerError('SIGNER_UNAVAILABLE', 'The middleware address is not valid', error));
        return;
      }
      const timer = setTimeout(() => {
        socket.close();
        reject(new SignerError('SIGNER_TIMEOUT', 'The middleware did not accept the connection in time'));
      }, options.connectTimeout ?? 3_000);
      const onAbort = () => {
        clearTimeout(timer);
        socket.close();
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      socket.addEventListener('open', () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(new Session(socket));
      }, { once: true });
      socket.addEventListener('error', () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(new SignerError('SIGNER_UNAVAILABLE', 'The UKey middleware cannot be reached'));
      }, { once: true });
    });
  }

  request(body: Record<string, unknown>, timeout: number, signal?: AbortSignal): Promise<Answer> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = String(++this.#next);
    return new Promise<Answer>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#pending.delete(id);
      };
      const timer = setTimeout(() => {
        done();
        reject(new SignerError('SIGNER_TIMEOUT', 'The device did not answer in time'));
      }, timeout);
      const onAbort = () => {
        done();
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, {
        resolve: (answer) => {
          done();
          if (answer.type === 'error') reject(deviceError(answer));
          else resolve(answer);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
      this.#socket.send(JSON.stringify({ v: 1, id, ...body }));
    });
  }

  close(): void {
    this.#socket.close();
  }

  #receive(data: unknown): void {
    let answer: Answer | undefined;
    try {
      const parsed: unknown = typeof data === 'string' && data.length <= 64 * 1024 ? JSON.parse(data) : undefined;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) answer = parsed as Answer;
    } catch {
      answer = undefined;
    }
    const pending = answer && typeof answer.id === 'string' ? this.#pending.get(answer.id) : undefined;
    if (!answer || answer.v !== 1 || !pending) {
      // Garbage fails every request in flight: a confused middleware is not to be trusted.
      this.#fail(new SignerError('SIGNER_INVALID_RESPONSE', 'The middleware sent something that is not a protocol message'));
      return;
    }
    pending.resolve(answer);
  }

  #fail(error: SignerError): void {
    this.#failure ??= error;
    for (const pending of [...this.#pending.values()]) pending.reject(error);
  }
}

function deviceError(answer: Answer): SignerError {
  const code = String(answer.code ?? '');
  const message = typeof answer.message === 'string' ? answer.message.slice(0, 200) : code;
  if (code === 'CANCELLED' || code === 'PIN_LOCKED') return new SignerError('SIGNER_CANCELLED', message);
  if (code === 'NO_DEVICE' || code === 'UNSUPPORTED') return new SignerError('SIGNER_UNAVAILABLE', message);
  return new SignerError('SIGNER_INVALID_RESPONSE', message);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
