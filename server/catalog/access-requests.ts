import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { AccessRequest, AccessRequestStatus, CatalogField, CatalogItem } from '../../src/core/catalog-types';
import { defaultValidUntil, grantFor, insertGrant } from '../data/grants';
import type { Subject } from '../env';
import { ApiProblem, problems } from '../errors';
import { FieldChecks } from '../http';
import type { Schema } from '../store/schema';

/**
 * Access requests to shared data and their review (Art. 22): unconditional entries are
 * approved at once, restricted ones wait for a reviewer of the providing agency, and
 * non-shared data may only be given out desensitised, so such a request must say so. A
 * request for the whole data set (`copy`, Art. 23) always waits for a reviewer, and so does
 * a citizen's or organisation's request for conditionally open data (SPEC §7). An approval
 * makes a grant in the same transaction (server/data/grants.ts).
 */

export const LIMITS = { purpose: 1000, legalBasis: 500, reason: 1000, fields: 200 } as const;

/** Recorded as the decider of the immediate approval of an unconditional entry. */
export const SYSTEM_DECIDER = 'system';
export const UNCONDITIONAL_REASON = '无条件共享数据，依《浙江省公共数据和电子政务管理办法》第二十二条申请即予批准';

type RequestRow = Schema['access_requests'] & {
  requester_agency_name: string | null;
  requester_name: string | null;
  provider_agency_name: string;
  grant_id: string | null;
};

function selectRequests(db: Kysely<Schema>) {
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
  const row = await selectRequests(db).where('r.id', '=', id).executeTakeFirst();
  return row && toRequest(row as RequestRow);
}

/** A required text of at most `max` characters. */
function requiredText(checks: FieldChecks, body: Record<string, unknown>, key: string, max: number): string {
  const value = body[key];
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
    checks.add(key, 'Required');
    return '';
  }
  if (typeof value !== 'string') {
    checks.add(key, 'Must be a string');
    return '';
  }
  const text = value.trim();
  if (Array.from(text).length > max) checks.add(key, `At most ${max} characters`);
  return text;
}

export interface AccessRequestBody {
  purpose: string;
  legalBasis: string;
  fields: string[];
  desensitized: boolean;
  copy: boolean;
}

function optionalBoolean(checks: FieldChecks, body: Record<string, unknown>, key: string): boolean {
  const value = body[key];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') {
    checks.add(key, 'Must be true or false');
    return false;
  }
  return value;
}

/** Validates the body of `POST /catalog/items/{id}/access-requests` against the entry: 422 with every problem. */
export function readAccessRequestBody(body: Record<string, unknown>, item: CatalogItem & { fields: CatalogField[] }): AccessRequestBody {
  const checks = new FieldChecks();
  const purpose = requiredText(checks, body, 'purpose', LIMITS.purpose);
  const legalBasis = requiredText(checks, body, 'legalBasis', LIMITS.legalBasis);
  let fields: string[] = [];
  if (body.fields !== undefined && body.fields !== null) {
    if (!Array.isArray(body.fields)) checks.add('fields', 'Must be a list of field names');
    else if (body.fields.length > LIMITS.fields) checks.add('fields', `At most ${LIMITS.fields} fields`);
    else {
      const known = new Set(item.fields.map((f) => f.name));
      body.fields.forEach((name, index) => {
        if (typeof name !== 'string' || !known.has(name)) checks.add(`fields[${index}]`, 'Not a field of this entry');
      });
      fields = [...new Set(body.fields.filter((name): name is string => typeof name === 'string'))];
    }
  }
  const desensitized = optionalBoolean(checks, body, 'desensitized');
  const copy = optionalBoolean(checks, body, 'copy');
  checks.throwIfAny(422);
  return { purpose, legalBasis, fields, desensitized, copy };
}

/** Who asks: agency staff in the sharing scope, or a citizen or organisation for conditionally open data. */
export function mayRequest(subject: Subject, item: Pick<CatalogItem, 'open'>): boolean {
  if ((subject.kind === 'staff' || subject.kind === 'reviewer') && subject.agencyCode) return true;
  return (subject.kind === 'citizen' || subject.kind === 'organisation') && item.open === 'conditional';
}

/**
 * Creates a request: approved at once (with its grant) for an unconditional entry asked for
 * by agency staff without a copy, pending otherwise; refuses non-shared data not asked for
 * desensitised. Sending the very same request again while it is pending (a double click, a
 * retry) gives back the waiting one instead of a second; a request with another purpose is a
 * request of its own (Art. 22 review is per purpose).
 */
export async function createRequest(db: Kysely<Schema>, requester: Subject, item: CatalogItem & { fields: CatalogField[] }, body: AccessRequestBody, now = new Date()): Promise<{ request: AccessRequest; created: boolean }> {
  if (item.sharing === 'none' && !body.desensitized) {
    throw new ApiProblem(403, 'NOT_SHAREABLE', 'This entry is not shared; only desensitised data may be requested (set desensitized: true)');
  }
  const staff = (requester.kind === 'staff' || requester.kind === 'reviewer') && !!requester.agencyCode;
  const fields = JSON.stringify(body.fields);
  const id = await db.transaction().execute(async (trx) => {
    const waiting = await trx
      .selectFrom('access_requests')
      .select('id')
      .where('item_id', '=', item.id)
      .where('requester_id', '=', requester.id)
      .where('status', '=', 'pending')
      .where('purpose', '=', body.purpose)
      .where('legal_basis', '=', body.legalBasis)
      .where('fields', '=', fields)
      .where('desensitized', '=', body.desensitized ? 1 : 0)
      .where('copy', '=', body.copy ? 1 : 0)
      .executeTakeFirst();
    if (waiting) return { id: waiting.id, created: false };
    const newId = randomUUID();
    const createdAt = now.toISOString();
    const approved = staff && item.sharing === 'unconditional' && !body.copy;
    await trx
      .insertInto('access_requests')
      .values({
        id: newId,
        item_id: item.id,
        item_name: item.name,
        requester_id: requester.id,
        requester_agency: staff ? requester.agencyCode : null,
        provider_agency: item.agency.code,
        purpose: body.purpose,
        legal_basis: body.legalBasis,
        fields,
        desensitized: body.desensitized ? 1 : 0,
        copy: body.copy ? 1 : 0,
        status: approved ? 'approved' : 'pending',
        created_at: createdAt,
        decision: approved ? 'approve' : null,
        decision_reason: approved ? UNCONDITIONAL_REASON : null,
        decider_id: approved ? SYSTEM_DECIDER : null,
        decided_at: approved ? createdAt : null,
      })
      .execute();
    if (approved) {
      const grant = grantFor({ id: newId, itemId: item.id, requesterId: requester.id, fields: body.fields, desensitized: body.desensitized, purpose: body.purpose, copy: false }, item, { allowCopy: false }, now);
      await insertGrant(trx, grant, now);
    }
    return { id: newId, created: true };
  });
  return { request: (await findRequest(db, id.id))!, created: id.created };
}

export type ListRole = 'requester' | 'reviewer';

/** Requesters see the requests they made; a reviewer (role `reviewer`, their default) those made to their agency. */
export async function listRequests(db: Kysely<Schema>, subject: Subject, role: ListRole, filter: { status?: AccessRequestStatus | undefined; itemId?: string | undefined } = {}): Promise<AccessRequest[]> {
  let query = selectRequests(db);
  query = role === 'reviewer' ? query.where('r.provider_agency', '=', subject.agencyCode ?? '') : query.where('r.requester_id', '=', subject.id);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.itemId) query = query.where('r.item_id', '=', filter.itemId);
  const rows = await query.orderBy('r.created_at', 'desc').orderBy('r.id').limit(500).execute();
  return rows.map((row) => toRequest(row as RequestRow));
}

export interface DecisionBody {
  decision: 'approve' | 'reject';
  reason: string;
  /** Art. 23: the whole data set may be taken (only if the request asked for it). */
  allowCopy: boolean;
  /** An end of the grant earlier than a year after approval. */
  validUntil?: string;
}

export function readDecisionBody(body: Record<string, unknown>, now = new Date()): DecisionBody {
  const checks = new FieldChecks();
  const decision = body.decision;
  if (decision !== 'approve' && decision !== 'reject') checks.add('decision', 'Must be approve or reject');
  let reason = '';
  if (body.reason !== undefined && body.reason !== null) {
    if (typeof body.reason !== 'string') checks.add('reason', 'Must be a string');
    else reason = body.reason.trim();
  }
  if (decision === 'reject' && !reason) checks.add('reason', 'A rejection needs a reason');
  if (Array.from(reason).length > LIMITS.reason) checks.add('reason', `At most ${LIMITS.reason} characters`);
  const allowCopy = optionalBoolean(checks, body, 'allowCopy');
  let validUntil: string | undefined;
  if (body.validUntil !== undefined && body.validUntil !== null) {
    const ms = typeof body.validUntil === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(body.validUntil) ? Date.parse(body.validUntil) : NaN;
    if (Number.isNaN(ms)) checks.add('validUntil', 'Must be a date (YYYY-MM-DD) or an ISO 8601 time');
    else if (ms <= now.getTime()) checks.add('validUntil', 'Must be in the future');
    else if (new Date(ms).toISOString() > defaultValidUntil(now)) checks.add('validUntil', 'At most one year from today');
    else validUntil = new Date(ms).toISOString();
  }
  checks.throwIfAny(422);
  return { decision: decision as DecisionBody['decision'], reason, allowCopy, ...(validUntil ? { validUntil } : {}) };
}

/**
 * Records a reviewer's decision, and on approval the grant it makes, in one transaction.
 * Only a reviewer of the providing agency decides, never on their own request, and only
 * while the request is pending (the update is conditional, so two reviewers deciding at once
 * cannot both win). The body is read once the decider is known to be allowed: someone who
 * may not decide learns 403, not what the body should hold.
 */
export async function decide(db: Kysely<Schema>, reviewer: Subject, id: string, item: (itemId: string) => Promise<(CatalogItem & { fields: CatalogField[] }) | undefined>, readBody: () => DecisionBody, now = new Date()): Promise<AccessRequest> {
  const request = await findRequest(db, id);
  if (!request) throw problems.notFound('No such access request');
  const isReviewer = reviewer.kind === 'reviewer' && reviewer.agencyCode === request.providerAgency.code;
  if (!isReviewer) throw problems.forbidden('Only a reviewer of the providing agency may decide on this request', 'NOT_REVIEWER');
  if (request.requesterId === reviewer.id) throw problems.forbidden('A reviewer may not decide on their own request', 'OWN_REQUEST');
  if (request.status !== 'pending') throw problems.conflict('This request has already been decided', 'ALREADY_DECIDED');
  const body = readBody();
  const entry = body.decision === 'approve' ? await item(request.itemId) : undefined;
  if (body.decision === 'approve' && !entry) throw problems.conflict('The entry has been withdrawn from the catalog', 'ITEM_WITHDRAWN');
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('access_requests')
      .set({ status: body.decision === 'approve' ? 'approved' : 'rejected', decision: body.decision, decision_reason: body.reason, decider_id: reviewer.id, decided_at: now.toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw problems.conflict('This request has already been decided', 'ALREADY_DECIDED');
    if (entry) await insertGrant(trx, grantFor(request, entry, { allowCopy: body.allowCopy, validUntil: body.validUntil }, now), now);
  });
  return (await findRequest(db, id))!;
}
