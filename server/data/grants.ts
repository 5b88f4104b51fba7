import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { AccessRequest, CatalogField, CatalogItem, Grant } from '../../src/core/catalog-types';
import type { Schema } from '../store/schema';
import type { DataColumn } from './rows-store';

/**
 * Grants (SPEC §7): what an approved access request opens, and the rules a call on /data
 * is checked against (Art. 21–23). Rules are pure functions; the few queries are at the end.
 */

const YEAR_MS = 365 * 86_400_000;

export interface GrantDecision {
  allowCopy: boolean;
  /** An earlier end than the default year, if the reviewer set one. */
  validUntil?: string | undefined;
}

/** The latest end a decision may give a grant: one year after approval. */
export function defaultValidUntil(approvedAt: Date): string {
  return new Date(approvedAt.getTime() + YEAR_MS).toISOString();
}

/**
 * The grant an approval makes: the requested fields (all when none were named), desensitised
 * for non-shared entries (Art. 22) or when asked so, the whole data set only when it was
 * requested and the reviewer allowed it (Art. 23), valid one year unless decided earlier.
 */
export function grantFor(request: Pick<AccessRequest, 'id' | 'itemId' | 'requesterId' | 'fields' | 'desensitized' | 'purpose' | 'copy'>, item: Pick<CatalogItem, 'sharing'> & { fields: ReadonlyArray<Pick<CatalogField, 'name'>> }, decision: GrantDecision, approvedAt: Date): Grant {
  const fields = request.fields.length ? item.fields.map((f) => f.name).filter((n) => request.fields.includes(n)) : item.fields.map((f) => f.name);
  const latest = defaultValidUntil(approvedAt);
  const validUntil = decision.validUntil && decision.validUntil < latest ? decision.validUntil : latest;
  return {
    id: randomUUID(),
    itemId: request.itemId,
    requestId: request.id,
    subjectId: request.requesterId,
    fields,
    desensitized: request.desensitized || item.sharing === 'none',
    copy: !!request.copy && decision.allowCopy,
    purpose: request.purpose,
    validUntil,
  };
}

export function isValid(grant: Pick<Grant, 'validUntil'>, now: Date): boolean {
  return grant.validUntil > now.toISOString();
}

export type GrantChoice =
  | { ok: true; grant: Grant }
  | { ok: false; code: 'NO_GRANT' | 'GRANT_EXPIRED' | 'FIELD_NOT_GRANTED' | 'COPY_NOT_GRANTED'; field?: string };

/**
 * The grant a call is made under: among the caller's valid grants of the entry, one that
 * covers every column asked for and every filtered field unmasked (and, for a download,
 * allows a copy) — the unmasked one, then the longest-lasting, when several do.
 */
export function chooseGrant(grants: readonly Grant[], columns: readonly DataColumn[], want: { fields?: readonly string[] | undefined; filters: readonly string[]; copy: boolean }, now: Date): GrantChoice {
  if (!grants.length) return { ok: false, code: 'NO_GRANT' };
  const valid = grants.filter((g) => isValid(g, now));
  if (!valid.length) return { ok: false, code: 'GRANT_EXPIRED' };
  const ordered = [...valid].sort((a, b) => Number(a.desensitized) - Number(b.desensitized) || (a.validUntil < b.validUntil ? 1 : -1));
  const sensitivity = new Map(columns.map((c) => [c.name, c.sensitivity]));
  let refusal: GrantChoice = { ok: false, code: 'FIELD_NOT_GRANTED' };
  for (const grant of ordered) {
    const missing = (want.fields ?? []).find((f) => !grant.fields.includes(f));
    if (missing) {
      refusal = { ok: false, code: 'FIELD_NOT_GRANTED', field: missing };
      continue;
    }
    const masked = want.filters.find((f) => !grant.fields.includes(f) || (grant.desensitized && sensitivity.get(f) !== 'none'));
    if (masked) {
      refusal = { ok: false, code: 'FIELD_NOT_GRANTED', field: masked };
      continue;
    }
    if (want.copy && !grant.copy) {
      refusal = { ok: false, code: 'COPY_NOT_GRANTED' };
      continue;
    }
    return { ok: true, grant };
  }
  return refusal;
}

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
