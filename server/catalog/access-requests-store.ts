import type { Kysely } from 'kysely';
import type { AccessRequest, AccessRequestStatus, Grant } from '../../src/core/catalog-types';
import { insertGrant } from '../data/grants-store';
import type { Schema } from '../store/schema';

/** The store of access requests (server/catalog/access-requests.ts) and the grants their approvals make. */

type RequestRow = Schema['access_requests'] & {
  requester_agency_name: string | null;
  requester_name: string | null;
  provider_agency_name: string;
  grant_id: string | null;
};

function requestQuery(db: Kysely<Schema>) {
  return db
    .selectFrom('access_requests as r')
    .leftJoin('agencies as ra', 'ra.code', 'r.requester_agency')
    .innerJoin('agencies as pa', 'pa.code', 'r.provider_agency')
    .leftJoin('subjects as s', 's.id', 'r.requester_id')
    .leftJoin('data_grants as g', 'g.request_id', 'r.id')
    .selectAll('r')
    .select(['ra.name as requester_agency_name', 'pa.name as provider_agency_name', 's.name as requester_name', 'g.id as grant_id']);
}

function toRequest(row: RequestRow): AccessRequest {
  const request: AccessRequest = {
    id: row.id,
    itemId: row.item_id,
    itemName: row.item_name,
    requesterId: row.requester_id,
    // A citizen or organisation asking for conditionally open data has no agency: the requester's own name stands there.
    requesterAgency: row.requester_agency ? { code: row.requester_agency, name: row.requester_agency_name ?? '' } : { code: '', name: row.requester_name ?? '' },
    providerAgency: { code: row.provider_agency, name: row.provider_agency_name },
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    fields: JSON.parse(row.fields) as string[],
    desensitized: row.desensitized === 1,
    copy: row.copy === 1,
    status: row.status,
    createdAt: row.created_at,
  };
  if (row.decision) {
    request.decision = { decision: row.decision, reason: row.decision_reason ?? '', deciderId: row.decider_id ?? '', decidedAt: row.decided_at ?? '' };
  }
  if (row.grant_id) request.grantId = row.grant_id;
  if (row.requester_name) request.requesterName = row.requester_name;
  return request;
}

export async function findRequest(db: Kysely<Schema>, id: string): Promise<AccessRequest | undefined> {
  const row = await requestQuery(db).where('r.id', '=', id).executeTakeFirst();
  return row && toRequest(row as RequestRow);
}

/** Which requests a list holds: those made by one subject, or those made to one agency. */
export interface RequestFilter {
  requesterId?: string;
  providerAgency?: string;
  status?: AccessRequestStatus | undefined;
  itemId?: string | undefined;
}

/** The requests a filter selects, newest first (at most 500). */
export async function selectRequests(db: Kysely<Schema>, filter: RequestFilter): Promise<AccessRequest[]> {
  let query = requestQuery(db);
  if (filter.providerAgency !== undefined) query = query.where('r.provider_agency', '=', filter.providerAgency);
  if (filter.requesterId !== undefined) query = query.where('r.requester_id', '=', filter.requesterId);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.itemId) query = query.where('r.item_id', '=', filter.itemId);
  const rows = await query.orderBy('r.created_at', 'desc').orderBy('r.id').limit(500).execute();
  return rows.map((row) => toRequest(row as RequestRow));
}

/** A new request as written: pending, or approved at once with its decision. */
export type NewRequest = Omit<AccessRequest, 'requesterAgency' | 'providerAgency' | 'status' | 'grantId' | 'requesterName'> & {
  requesterAgency: string | null;
  providerAgency: string;
};

/**
 * Writes a request, and the grant of its immediate approval, in one transaction — unless
 * the same subject's very same request is still pending: then that one's id, `created: false`.
 */
export async function insertRequest(db: Kysely<Schema>, request: NewRequest, grant: Grant | undefined, now: Date): Promise<{ id: string; created: boolean }> {
  const fields = JSON.stringify(request.fields);
  return db.transaction().execute(async (trx) => {
    const waiting = await trx
      .selectFrom('access_requests')
      .select('id')
      .where('item_id', '=', request.itemId)
      .where('requester_id', '=', request.requesterId)
      .where('status', '=', 'pending')
      .where('purpose', '=', request.purpose)
      .where('legal_basis', '=', request.legalBasis)
      .where('fields', '=', fields)
      .where('desensitized', '=', request.desensitized ? 1 : 0)
      .where('copy', '=', request.copy ? 1 : 0)
      .executeTakeFirst();
    if (waiting) return { id: waiting.id, created: false };
    const decision = request.decision;
    await trx
      .insertInto('access_requests')
      .values({
        id: request.id,
        item_id: request.itemId,
        item_name: request.itemName,
        requester_id: request.requesterId,
        requester_agency: request.requesterAgency,
        provider_agency: request.providerAgency,
        purpose: request.purpose,
        legal_basis: request.legalBasis,
        fields,
        desensitized: request.desensitized ? 1 : 0,
        copy: request.copy ? 1 : 0,
        status: decision ? (decision.decision === 'approve' ? 'approved' : 'rejected') : 'pending',
        created_at: request.createdAt,
        decision: decision?.decision ?? null,
        decision_reason: decision?.reason ?? null,
        decider_id: decision?.deciderId ?? null,
        decided_at: decision?.decidedAt ?? null,
      })
      .execute();
    if (grant) await insertGrant(trx, grant, now);
    return { id: request.id, created: true };
  });
}

/**
 * Records a decision on a pending request, and the grant of an approval, in one transaction.
 * The update is conditional on the request still pending: false when another decision came first.
 */
export async function recordDecision(db: Kysely<Schema>, id: string, decision: NonNullable<AccessRequest['decision']>, grant: Grant | undefined, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('access_requests')
      .set({ status: decision.decision === 'approve' ? 'approved' : 'rejected', decision: decision.decision, decision_reason: decision.reason, decider_id: decision.deciderId, decided_at: decision.decidedAt })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    if (grant) await insertGrant(trx, grant, now);
    return true;
  });
}
