import { sql, type Kysely } from 'kysely';
import type { SignatureAlgorithm } from '../../src/core/crypto/envelope';
import type { Schema } from '../store/schema';

/** The store of signing keys (SPEC §3, Art. 31) and of where the issuers' private keys are kept. */

/** The key with this algorithm and public key (compared in lower case), whoever holds it. */
export async function keyByPublicKey(db: Kysely<Schema>, algorithm: SignatureAlgorithm, publicKey: string): Promise<{ keyId: string; subjectId: string; kind: string; revoked: boolean } | undefined> {
  const row = await db
    .selectFrom('signing_keys')
    .select(['key_id', 'subject_id', 'kind', 'revoked_at'])
    .where('algorithm', '=', algorithm)
    .where(sql<string>`lower(public_key)`, '=', publicKey)
    .executeTakeFirst();
  return row && { keyId: row.key_id, subjectId: row.subject_id, kind: row.kind, revoked: !!row.revoked_at };
}

/** How many browser keys a subject holds and has not revoked. */
export async function countLocalKeys(db: Kysely<Schema>, subjectId: string): Promise<number> {
  const { n } = await db
    .selectFrom('signing_keys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('subject_id', '=', subjectId)
    .where('kind', '=', 'local')
    .where('revoked_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Binds a browser key; false when the unique index kept another row (the same key, registered at once elsewhere). */
export async function insertLocalKey(db: Kysely<Schema>, key: { keyId: string; subjectId: string; algorithm: SignatureAlgorithm; publicKey: string; createdAt: string }): Promise<boolean> {
  const inserted = await db
    .insertInto('signing_keys')
    .values({ key_id: key.keyId, subject_id: key.subjectId, algorithm: key.algorithm, public_key: key.publicKey, kind: 'local', private_key: null, created_at: key.createdAt })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

export interface KeySummary {
  keyId: string;
  algorithm: SignatureAlgorithm;
  publicKey: string;
  kind: 'local' | 'remote';
  createdAt: string;
}

/** A subject's active keys, newest first; never a private key. */
export async function listKeys(db: Kysely<Schema>, subjectId: string): Promise<KeySummary[]> {
  const rows = await db
    .selectFrom('signing_keys')
    .select(['key_id', 'algorithm', 'public_key', 'kind', 'created_at'])
    .where('subject_id', '=', subjectId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('key_id')
    .execute();
  return rows.map((row) => ({ keyId: row.key_id, algorithm: row.algorithm as SignatureAlgorithm, publicKey: row.public_key, kind: row.kind as 'local' | 'remote', createdAt: row.created_at }));
}

/** A subject's active server-held key, its private half sealed. */
export async function remoteKey(db: Kysely<Schema>, subjectId: string): Promise<{ keyId: string; publicKey: string; sealedPrivateKey: string } | undefined> {
  const row = await db
    .selectFrom('signing_keys')
    .select(['key_id', 'public_key', 'private_key'])
    .where('subject_id', '=', subjectId)
    .where('kind', '=', 'remote')
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && { keyId: row.key_id, publicKey: row.public_key, sealedPrivateKey: row.private_key! };
}

/** Keeps a new server-held SM2 key; false when another was made for the subject at the same time (the partial unique index kept that one). */
export async function insertRemoteKey(db: Kysely<Schema>, key: { keyId: string; subjectId: string; publicKey: string; sealedPrivateKey: string; createdAt: string }): Promise<boolean> {
  const inserted = await db
    .insertInto('signing_keys')
    .values({ key_id: key.keyId, subject_id: key.subjectId, algorithm: 'SM2-SM3', public_key: key.publicKey, kind: 'remote', private_key: key.sealedPrivateKey, created_at: key.createdAt })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Each issuer key's id and its private key as stored: the key itself, or a `file:` reference into the keys directory. */
export async function issuerPrivateKeys(db: Kysely<Schema>): Promise<Array<{ keyId: string; privateKey: string }>> {
  const rows = await db.selectFrom('issuer_keys').select(['key_id', 'private_key']).execute();
  return rows.map((row) => ({ keyId: row.key_id, privateKey: row.private_key }));
}

/** Replaces an issuer's stored private key by its reference, if it is still the value read. */
export async function referIssuerKey(db: Kysely<Schema>, keyId: string, was: string, reference: string): Promise<void> {
  await db.updateTable('issuer_keys').set({ private_key: reference }).where('key_id', '=', keyId).where('private_key', '=', was).execute();
}
