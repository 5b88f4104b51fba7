import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { normaliseVerificationCode } from '../../src/core/crypto/seal';
import { verificationCodeSecret } from '../signatures/secrets';
import type { KeyVault } from '../signatures/vault';
import type { Store } from '../store/database';
import type { Schema } from '../store/schema';
import { clearVerificationCodes, keepVerificationCode } from './store';

/**
 * Verification codes: 12 characters of Crockford's base32 alphabet (no I, L, O, U, so
 * nothing is misread from paper), 60 bits: far beyond guessing at the rate limit.
 *
 * The database never holds a code in clear: it keeps the code's hash, which verification
 * compares against, and the code sealed (AES-256-GCM) under the verification-code secret of
 * the keys directory, opened only for the holder's view. A copy of the database alone tells
 * nobody the codes.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newVerificationCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

const digest = (code: string) => createHash('sha256').update('egov-verification-code:' + normaliseVerificationCode(code)).digest();
/** Compared against when the number is unknown, so both cases do the same work. */
const NOTHING = digest('no certificate has this code');

/** What the database keeps to check a code: the hex SHA-256 of the code as people may type it, normalised. */
export function verificationCodeHash(code: string): string {
  return digest(code).toString('hex');
}

/**
 * Whether `given` is the code whose hash is `expectedHash`. Equal-length digests compared in
 * constant time, and the same work done when there is no certificate, so neither the code
 * nor the existence of a number can be learnt from timing.
 */
export function codeMatches(expectedHash: string | null | undefined, given: string): boolean {
  const expected = expectedHash && /^[0-9a-f]{64}$/.test(expectedHash) ? Buffer.from(expectedHash, 'hex') : undefined;
  const same = timingSafeEqual(digest(given), expected ?? NOTHING);
  return same && expected !== undefined;
}

/** A sealed code: `v1:` and base64url of the IV (12 bytes), the ciphertext and the GCM tag. */
const SEALED = 'v1:';
const sealingKey = (secret: string) => createHmac('sha256', secret).update('egov-verification-code-seal').digest();

export function sealVerificationCode(secret: string, code: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(secret), iv);
  const body = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return SEALED + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The code a sealed value holds (a value an older database kept in clear is the code itself). */
export function openVerificationCode(secret: string, kept: string): string {
  if (!kept.startsWith(SEALED)) return kept;
  const bytes = Buffer.from(kept.slice(SEALED.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(secret), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
}

/** A new certificate's code as the database keeps it: sealed, and its hash. */
export async function keptVerificationCode(db: Kysely<Schema>, code: string, vault?: KeyVault): Promise<{ verification_code: string; verification_code_hash: string }> {
  return { verification_code: sealVerificationCode(await verificationCodeSecret(db, vault), code), verification_code_hash: verificationCodeHash(code) };
}

/** The holder's code of a certificate as kept. */
export async function holderVerificationCode(db: Kysely<Schema>, kept: string, vault?: KeyVault): Promise<string> {
  return openVerificationCode(await verificationCodeSecret(db, vault), kept);
}

/**
 * Seals the codes an older database kept in clear (before migration 0015, which hashed them
 * but could not reach the keys directory): run at start, once the keys are known. Answers
 * how many were sealed.
 */
export async function sealClearVerificationCodes(store: Pick<Store, 'db' | 'sqlite'>, vault?: KeyVault): Promise<number> {
  const clear = (await clearVerificationCodes(store.db)).filter((row) => !row.code.startsWith(SEALED));
  if (!clear.length) return 0;
  const secret = await verificationCodeSecret(store.db, vault);
  // SQLite: overwrite the clear values, and fold the WAL back, so they do not linger.
  store.sqlite?.pragma('secure_delete = ON');
  for (const row of clear) await keepVerificationCode(store.db, row.id, { sealed: sealVerificationCode(secret, row.code), hash: verificationCodeHash(row.code) });
  store.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  return clear.length;
}
