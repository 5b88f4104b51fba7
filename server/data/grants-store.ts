import type { Kysely } from 'kysely';
import type { Grant } from '../../src/core/catalog-types';
import type { Schema } from '../store/schema';

/** The store of grants (SPEC §7): what approvals made, read back for each call on /data. */

type GrantRow = Schema['data_grants'] & { item_name?: string | null };

function toGrant(row: GrantRow): Grant {
  const grant: Grant = {
    id: row.id,
    itemId: row.item_id,
    requestId: row.request_id,
    subjectId: row.subject_id,
    fields: JSON.parse(row.fields) as string[],
    desensitized: row.desensitized === 1,
    copy: row.copy === 1,
    purpose: row.purpose,
    validUntil: row.valid_until,
  };
  if (row.item_name) grant.itemName = row.item_name;
  return grant;
}

export async function insertGrant(trx: Kysely<Schema>, grant: Grant, now: Date): Promise<void> {
  await trx
    .insertInto('data_grants')
    .values({
      id: grant.id,
      item_id: grant.itemId,
      request_id: grant.requestId,
      subject_id: grant.subjectId,
      fields: JSON.stringify(grant.fields),
      desensitized: grant.desensitized ? 1 : 0,
      copy: grant.copy ? 1 : 0,
      purpose: grant.purpose,
      valid_until: grant.validUntil,
      created_at: now.toISOString(),
    })
    .execute();
}

/** The subject's grants, newest first, with the entry's name. */
export async function listGrants(db: Kysely<Schema>, subjectId: string, itemId?: string): Promise<Grant[]> {
  let query = db
    .selectFrom('data_grants as g')
    .leftJoin('access_requests as r', 'r.id', 'g.request_id')
    .selectAll('g')
    .select('r.item_name')
    .where('g.subject_id', '=', subjectId);
  if (itemId) query = query.where('g.item_id', '=', itemId);
  const rows = await query.orderBy('g.created_at', 'desc').orderBy('g.id').limit(500).execute();
  return rows.map(toGrant);
}

/** The sharing class of these entries now (a grant of a non-shared one is desensitised whatever was approved). */
export async function sharingOf(db: Kysely<Schema>, itemIds: readonly string[]): Promise<Map<string, string>> {
  if (!itemIds.length) return new Map();
  const rows = await db.selectFrom('catalog_items').select(['id', 'sharing']).where('id', 'in', [...new Set(itemIds)]).execute();
  return new Map(rows.map((r) => [r.id, r.sharing]));
}
