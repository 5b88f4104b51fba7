import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { setting } from '../db';
import type { SignatureEnvelope } from '../../src/core/crypto/envelope';
import { generateSm2KeyPair } from '../../src/core/crypto/sm';
import { prepareSignature, signSm2Envelope } from '../../src/core/crypto/sign';

/**
 * Remote (cloud) signing: the reference backend holds one SM2 key per subject, made on
 * first use, and signs for the signed-in subject only. The private key is sealed at rest
 * with AES-256-GCM under a secret kept in the settings table; a production deployment
 * would keep it in a signing server or HSM instead (GM/T 0029), which is why the rest of
 * the server only ever sees the public half.
 */
export class RemoteSigner {
  readonly #db: Database.Database;
  #secret: Buffer | undefined;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** Signs `{ payload, signerId, signedAt, handwritingDigest }` for the subject with its server-held key. */
  sign(subjectId: string, payload: unknown, handwritingDigest: string | null): SignatureEnvelope {
    const key = this.#keyOf(subjectId);
    const { content, bytes } = prepareSignature(payload, subjectId, handwritingDigest);
    return signSm2Envelope(content, bytes, key);
  }

  #keyOf(subjectId: string): { keyId: string; privateKey: string; publicKey: string } {
    const row = this.#db
      .prepare("SELECT key_id, public_key, private_key FROM signing_keys WHERE subject_id = ? AND kind = 'remote' AND revoked_at IS NULL")
      .get(subjectId) as { key_id: string; public_key: string; private_key: string } | undefined;
    if (row) return { keyId: row.key_id, publicKey: row.public_key, privateKey: this.#open(row.private_key) };
    const pair = generateSm2KeyPair();
    const keyId = 'remote-' + randomUUID();
    // Two first requests at once: the partial unique index keeps one key; the loser reads it back.
    const inserted = this.#db
      .prepare("INSERT OR IGNORE INTO signing_keys (key_id, subject_id, algorithm, public_key, kind, private_key, created_at) VALUES (?, ?, 'SM2-SM3', ?, 'remote', ?, ?)")
      .run(keyId, subjectId, pair.publicKey, this.#seal(pair.privateKey), new Date().toISOString());
    return inserted.changes ? { keyId, ...pair } : this.#keyOf(subjectId);
  }

  #key(): Buffer {
    this.#secret ??= createHash('sha256').update('egov-remote-signing:' + setting(this.#db, 'remote-signing-secret', () => randomBytes(32).toString('hex'))).digest();
    return this.#secret;
  }

  #seal(privateKey: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key(), iv);
    const body = Buffer.concat([cipher.update(privateKey, 'utf8'), cipher.final()]);
    return 'v1.' + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  #open(sealed: string): string {
    const raw = Buffer.from(sealed.replace(/^v1\./, ''), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.#key(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
