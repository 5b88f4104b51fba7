import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { remoteSigningSecret } from './secrets';
import { insertRemoteKey, remoteKey } from './store';
import type { KeyVault } from './vault';
import type { Schema } from '../store/schema';
import type { SignatureEnvelope } from '../../src/core/crypto/envelope';
import { generateSm2KeyPair } from '../../src/core/crypto/sm';
import { prepareSignature, signSm2Envelope } from '../../src/core/crypto/sign';

/**
 * Remote (cloud) signing: the reference backend holds one SM2 key per subject, made on
 * first use, and signs for the signed-in subject only. The private key is sealed at rest
 * with AES-256-GCM under a secret kept in the keys directory (SPEC §5; the settings table
 * only for a demo without one), so the database alone opens nothing; a production
 * deployment may keep the keys in a signing server or HSM instead (GM/T 0029), which is why
 * the rest of the server only ever sees the public half.
 */
export class RemoteSigner {
  readonly #db: Kysely<Schema>;
  readonly #vault: KeyVault | undefined;
  #secret: Promise<Buffer> | undefined;

  constructor(db: Kysely<Schema>, vault?: KeyVault) {
    this.#db = db;
    this.#vault = vault;
  }

  /** Signs `{ payload, signerId, signedAt, handwritingDigest }` for the subject with its server-held key. */
  async sign(subjectId: string, payload: unknown, handwritingDigest: string | null): Promise<SignatureEnvelope> {
    const key = await this.#keyOf(subjectId);
    const { content, bytes } = prepareSignature(payload, subjectId, handwritingDigest);
    return signSm2Envelope(content, bytes, key);
  }

  async #keyOf(subjectId: string): Promise<{ keyId: string; privateKey: string; publicKey: string }> {
    const kept = await remoteKey(this.#db, subjectId);
    if (kept) return { keyId: kept.keyId, publicKey: kept.publicKey, privateKey: await this.#open(kept.sealedPrivateKey) };
    const pair = generateSm2KeyPair();
    const keyId = 'remote-' + randomUUID();
    // Two first requests at once (on any instances): the partial unique index keeps one key; the loser reads it back.
    const inserted = await insertRemoteKey(this.#db, { keyId, subjectId, publicKey: pair.publicKey, sealedPrivateKey: await this.#seal(pair.privateKey), createdAt: new Date().toISOString() });
    return inserted ? { keyId, ...pair } : this.#keyOf(subjectId);
  }

  #key(): Promise<Buffer> {
    this.#secret ??= remoteSigningSecret({ db: this.#db }, this.#vault).then((secret) => createHash('sha256').update('egov-remote-signing:' + secret).digest());
    return this.#secret;
  }

  async #seal(privateKey: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.#key(), iv);
    const body = Buffer.concat([cipher.update(privateKey, 'utf8'), cipher.final()]);
    return 'v1.' + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  async #open(sealed: string): Promise<string> {
    const raw = Buffer.from(sealed.replace(/^v1\./, ''), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', await this.#key(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
