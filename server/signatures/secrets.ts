import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Store } from '../store/database';
import { deleteSetting, hasAnySetting, readSetting, setting } from '../store/settings';
import { issuerPrivateKeys, referIssuerKey } from './store';
import { KeyVault, isKeyReference } from './vault';

/** Vault entries of the server's own secrets. */
export const TOKEN_SECRET_FILE = 'token.secret';
export const REMOTE_SIGNING_SECRET_FILE = 'remote-signing.secret';
export const VERIFICATION_CODE_SECRET_FILE = 'verification-code.secret';

/** The settings rows that held them before the keys directory existed. */
const LEGACY_SETTINGS = { token: 'token-secret', remoteSigning: 'remote-signing-secret', verificationCode: 'verification-code-secret' } as const;

export interface KeyLocation {
  /** Where keys are kept; undefined keeps them in the database (a demo on PostgreSQL without `EGOV_KEYS_DIR`). */
  vault: KeyVault | undefined;
}

/**
 * Where the keys live (SPEC §5). Production: only `EGOV_KEYS_DIR`, which must exist and be
 * its user's alone. Demo: `EGOV_KEYS_DIR` when given, else a 0700 directory beside the
 * SQLite file (`<file>.keys`); a demo on PostgreSQL without `EGOV_KEYS_DIR` keeps them in
 * the database, so several demo instances share them as before.
 */
export function keyLocation(env: NodeJS.ProcessEnv, production: boolean, sqliteFile: string | undefined): KeyLocation {
  if (production) {
    if (!env.EGOV_KEYS_DIR) throw new Error('NODE_ENV=production needs EGOV_KEYS_DIR: a directory readable by the server user only (chmod 700) for the private keys');
    return { vault: KeyVault.open(env.EGOV_KEYS_DIR) };
  }
  if (env.EGOV_KEYS_DIR) return { vault: KeyVault.open(env.EGOV_KEYS_DIR, { create: true }) };
  if (sqliteFile && sqliteFile !== ':memory:') return { vault: KeyVault.open(resolve(sqliteFile) + '.keys', { create: true }) };
  return { vault: undefined };
}

/**
 * Creates the SQLite file readable and writable by its user only (SQLite gives its WAL and
 * shared-memory files the same mode), and narrows an existing one.
 */
export function protectDatabaseFile(file: string): void {
  if (file === ':memory:') return;
  mkdirSync(dirname(resolve(file)), { recursive: true });
  if (!existsSync(file)) closeSync(openSync(file, 'wx', 0o600));
  chmodSync(file, 0o600);
  for (const companion of [file + '-wal', file + '-shm']) if (existsSync(companion)) chmodSync(companion, 0o600);
}

/**
 * The token secret: `EGOV_SECRET`, else (demo only) one generated in the keys directory, or
 * in the database where there is none. Production refuses to start without `EGOV_SECRET`.
 */
export async function tokenSecret(store: Store, env: NodeJS.ProcessEnv, production: boolean, { vault }: KeyLocation): Promise<string> {
  if (env.EGOV_SECRET) return env.EGOV_SECRET;
  if (production) throw new Error('NODE_ENV=production needs EGOV_SECRET (the token secret, at least 32 characters)');
  if (!vault) return setting(store.db, LEGACY_SETTINGS.token, () => randomBytes(32).toString('hex'));
  const legacy = await readSetting(store.db, LEGACY_SETTINGS.token);
  return vault.readOrCreate(TOKEN_SECRET_FILE, () => legacy ?? randomBytes(32).toString('hex'));
}

/**
 * Moves what an older database holds into the keys directory: the issuers' private keys
 * (each row then keeps a `file:` reference), the remote-signing secret, the secret that seals
 * verification codes and the token secret;
 * the settings rows are deleted once their value is in the directory. With `EGOV_SECRET`
 * set, a stored token secret is dead weight and is deleted too.
 */
export async function moveSecretsOutOfDatabase(store: Store, { vault }: KeyLocation, env: NodeJS.ProcessEnv): Promise<void> {
  if (!vault) return;
  const rows = await issuerPrivateKeys(store.db);
  const moving = rows.some((row) => !isKeyReference(row.privateKey)) || (await hasAnySetting(store.db, Object.values(LEGACY_SETTINGS)));
  if (!moving) return;
  // SQLite: overwrite what is deleted or replaced, and fold the WAL back, so the old values
  // do not linger in free pages or the journal.
  store.sqlite?.pragma('secure_delete = ON');
  for (const row of rows) {
    if (isKeyReference(row.privateKey)) continue;
    await referIssuerKey(store.db, row.keyId, row.privateKey, vault.store(issuerKeyFile(row.keyId), row.privateKey));
  }
  const remote = await readSetting(store.db, LEGACY_SETTINGS.remoteSigning);
  if (remote !== undefined && vault.readOrCreate(REMOTE_SIGNING_SECRET_FILE, () => remote) === remote) {
    await deleteSetting(store.db, LEGACY_SETTINGS.remoteSigning);
  }
  const code = await readSetting(store.db, LEGACY_SETTINGS.verificationCode);
  if (code !== undefined && vault.readOrCreate(VERIFICATION_CODE_SECRET_FILE, () => code) === code) {
    await deleteSetting(store.db, LEGACY_SETTINGS.verificationCode);
  }
  const token = await readSetting(store.db, LEGACY_SETTINGS.token);
  if (token !== undefined && (env.EGOV_SECRET || vault.read(TOKEN_SECRET_FILE) === token)) {
    await deleteSetting(store.db, LEGACY_SETTINGS.token);
  }
  store.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
}

/** A new file name for an issuer key (never reusing one a restored database might still name). */
export function issuerKeyFile(keyId: string): string {
  return 'issuer-' + keyId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) + '-' + randomBytes(6).toString('hex') + '.key';
}

/**
 * The secret that seals certificates' verification codes (server/certificates/verification-code.ts):
 * from the keys directory, or the database where there is none (a demo on PostgreSQL), like
 * the remote-signing secret; one the database kept is taken into the directory.
 */
export async function verificationCodeSecret(db: Store['db'], vault: KeyVault | undefined): Promise<string> {
  if (!vault) return setting(db, LEGACY_SETTINGS.verificationCode, () => randomBytes(32).toString('hex'));
  const legacy = await readSetting(db, LEGACY_SETTINGS.verificationCode);
  return vault.readOrCreate(VERIFICATION_CODE_SECRET_FILE, () => legacy ?? randomBytes(32).toString('hex'));
}

/** The remote-signing secret: from the keys directory, or the database where there is none. */
export function remoteSigningSecret(store: Pick<Store, 'db'>, vault: KeyVault | undefined): Promise<string> {
  if (!vault) return setting(store.db, LEGACY_SETTINGS.remoteSigning, () => randomBytes(32).toString('hex'));
  return Promise.resolve(vault.readOrCreate(REMOTE_SIGNING_SECRET_FILE, () => randomBytes(32).toString('hex')));
}
