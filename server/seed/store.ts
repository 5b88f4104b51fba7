import type { Insertable, Kysely } from 'kysely';
import type { Store } from '../store/database';
import type { Schema } from '../store/schema';

/**
 * The seed's own queries: which parts have run, and the rows of the demo that no area's
 * store writes (agencies, subjects, service definitions, issuer keys and sealed certificates).
 */

/**
 * Runs one part of the seed, once per database: inside a transaction that records it in
 * `seed_runs`. False when it had already run.
 */
export async function runSeedPart(store: Store, name: string, part: (trx: Kysely<Schema>) => Promise<void>): Promise<boolean> {
  const done = await store.db.selectFrom('seed_runs').select('name').where('name', '=', name).executeTakeFirst();
  if (done) return false;
  await store.db.transaction().execute(async (trx) => {
    await part(trx);
    await trx.insertInto('seed_runs').values({ name, seeded_at: new Date().toISOString() }).execute();
  });
  return true;
}

export async function insertAgencies(trx: Kysely<Schema>, agencies: ReadonlyArray<{ code: string; name: string; nameEn: string }>): Promise<void> {
  await trx.insertInto('agencies').values(agencies.map((a) => ({ code: a.code, name: a.name, name_en: a.nameEn }))).execute();
}

/** Adds subjects; one already there is left as it is. */
export async function insertSubjects(trx: Kysely<Schema>, subjects: ReadonlyArray<{ id: string; name: string; kind: string; agencyCode: string | null; idNumber: string | null; mobile: string | null }>): Promise<void> {
  await trx
    .insertInto('subjects')
    .values(subjects.map((s) => ({ id: s.id, name: s.name, kind: s.kind, agency_code: s.agencyCode, id_number: s.idNumber, mobile: s.mobile })))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Gives officers their roles in their agency (SPEC §14); a role already held is left as it is. */
export async function insertOfficerRoles(trx: Kysely<Schema>, roles: ReadonlyArray<{ subjectId: string; agencyCode: string; role: string }>): Promise<void> {
  if (!roles.length) return;
  await trx.insertInto('officer_roles').values(roles.map((r) => ({ subject_id: r.subjectId, agency_code: r.agencyCode, role: r.role })))
    .onConflict((oc) => oc.columns(['subject_id', 'agency_code', 'role']).doNothing()).execute();
}

/** Stores service definitions in order; a later one replaces an earlier one of the same code. */
export async function upsertServices(trx: Kysely<Schema>, services: ReadonlyArray<{ code: string; agency: { code: string } }>): Promise<void> {
  // An upsert, not a replace: a replace deletes the row that stored applications refer to.
  for (const [position, service] of services.entries()) {
    await trx.insertInto('services').values({ code: service.code, position, agency_code: service.agency.code, definition: JSON.stringify(service) })
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ position: eb.ref('excluded.position'), agency_code: eb.ref('excluded.agency_code'), definition: eb.ref('excluded.definition') })))
      .execute();
  }
}

/** The issuer keys there are, by id, their private keys as stored (a key or a `file:` reference). */
export async function issuerKeys(trx: Kysely<Schema>): Promise<Map<string, { publicKey: string; privateKey: string }>> {
  const rows = await trx.selectFrom('issuer_keys').select(['key_id', 'public_key', 'private_key']).execute();
  return new Map(rows.map((row) => [row.key_id, { publicKey: row.public_key, privateKey: row.private_key }]));
}

export async function insertIssuerKey(trx: Kysely<Schema>, key: Insertable<Schema['issuer_keys']>): Promise<void> {
  await trx.insertInto('issuer_keys').values(key).execute();
}

export async function insertCertificate(trx: Kysely<Schema>, certificate: Insertable<Schema['certificates']>): Promise<void> {
  await trx.insertInto('certificates').values(certificate).execute();
}

/** An agency's live catalog entries in seq order, their fields, and the data sets behind them. */
export async function agencyItems(trx: Kysely<Schema>, agencyCode: string) {
  const items = await trx.selectFrom('catalog_items').selectAll().where('agency_code', '=', agencyCode).where('deleted_at', 'is', null).orderBy('seq').execute();
  if (!items.length) return { items, fields: [], sets: new Map<string, { fields: string; licence_name: string | null; licence_url: string | null }>() };
  const fields = await trx.selectFrom('catalog_fields').selectAll().where('item_seq', 'in', items.map((i) => i.seq)).orderBy('item_seq').orderBy('position').execute();
  const sets = new Map((await trx.selectFrom('data_sets').select(['item_id', 'fields', 'licence_name', 'licence_url']).where('item_id', 'in', items.map((i) => i.id)).execute()).map((r) => [r.item_id, r]));
  return { items, fields, sets };
}

/** The id of an agency's first live open entry, if any. */
export async function firstOpenItem(trx: Kysely<Schema>, agencyCode: string): Promise<string | undefined> {
  const row = await trx.selectFrom('catalog_items').select('id').where('agency_code', '=', agencyCode).where('open', '=', 'open').where('deleted_at', 'is', null).orderBy('seq').limit(1).executeTakeFirst();
  return row?.id;
}

/** Marks a catalogue entry as published in version 1 at those times, with the checks of its review. */
export async function markPublished(trx: Kysely<Schema>, id: string, at: { publishedAt: string; updatedAt: string }, checks: unknown): Promise<void> {
  await trx.updateTable('catalogue_entries').set({ published_version: 1, published_at: at.publishedAt, updated_at: at.updatedAt, checks: JSON.stringify(checks) }).where('id', '=', id).execute();
}
