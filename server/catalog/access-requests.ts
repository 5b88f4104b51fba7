import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { AccessRequest, AccessRequestStatus, CatalogField, CatalogItem } from '../../src/core/catalog-types';
import { accessDecisionRefusal, isAgencyStaff } from '../access';
import { defaultValidUntil, grantFor } from '../data/grants';
import { Conflict, FieldChecks, Forbidden, NotFound } from '../domain/errors';
import type { Subject } from '../env';
import type { Schema } from '../store/schema';
import { findRequest, insertRequest, recordDecision, selectRequests } from './access-requests-store';

export { findRequest };

/**
 * Access requests to shared data and their review (Art. 22): unconditional entries are
 * approved at once, restricted ones wait for a reviewer of the providing agency, and
 * non-shared data may only be given out desensitised, so such a request must say so. A
 * request for the whole data set (`copy`, Art. 23) always waits for a reviewer, and so does
 * a citizen's or organisation's request for conditionally open data (SPEC §7). An approval
 * makes a grant in the same transaction (server/data/grants.ts); ./access-requests-store.ts
 * keeps both.
 */

export const LIMITS = { purpose: 1000, legalBasis: 500, reason: 1000, fields: 200 } as const;

/** Recorded as the decider of the immediate approval of an unconditional entry. */
export const SYSTEM_DECIDER = 'system';
export const UNCONDITIONAL_REASON = '无条件共享数据，依《浙江省公共数据和电子政务管理办法》第二十二条申请即予批准';

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
  checks.throwIfAny('invalid');
  return { purpose, legalBasis, fields, desensitized, copy };
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
    throw new Forbidden('This entry is not shared; only desensitised data may be requested (set desensitized: true)', 'NOT_SHAREABLE');
  }
  const staff = isAgencyStaff(requester);
  const id = randomUUID();
  const createdAt = now.toISOString();
  const approved = staff && item.sharing === 'unconditional' && !body.copy;
  const grant = approved ? grantFor({ id, itemId: item.id, requesterId: requester.id, fields: body.fields, desensitized: body.desensitized, purpose: body.purpose, copy: false }, item, { allowCopy: false }, now) : undefined;
  const saved = await insertRequest(db, {
    id,
    itemId: item.id,
    itemName: item.name,
    requesterId: requester.id,
    requesterAgency: staff ? requester.agencyCode : null,
    providerAgency: item.agency.code,
    purpose: body.purpose,
    legalBasis: body.legalBasis,
    fields: body.fields,
    desensitized: body.desensitized,
    copy: body.copy,
    createdAt,
    ...(approved ? { decision: { decision: 'approve' as const, reason: UNCONDITIONAL_REASON, deciderId: SYSTEM_DECIDER, decidedAt: createdAt } } : {}),
  }, grant, now);
  return { request: (await findRequest(db, saved.id))!, created: saved.created };
}

export type ListRole = 'requester' | 'reviewer';

/** Requesters see the requests they made; a reviewer (role `reviewer`, their default) those made to their agency. */
export async function listRequests(db: Kysely<Schema>, subject: Subject, role: ListRole, filter: { status?: AccessRequestStatus | undefined; itemId?: string | undefined } = {}): Promise<AccessRequest[]> {
  return selectRequests(db, { ...(role === 'reviewer' ? { providerAgency: subject.agencyCode ?? '' } : { requesterId: subject.id }), ...filter });
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
  checks.throwIfAny('invalid');
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
  if (!request) throw new NotFound('No such access request');
  const refusal = accessDecisionRefusal(reviewer, request);
  if (refusal === 'NOT_REVIEWER') throw new Forbidden('Only a reviewer of the providing agency may decide on this request', 'NOT_REVIEWER');
  if (refusal === 'OWN_REQUEST') throw new Forbidden('A reviewer may not decide on their own request', 'OWN_REQUEST');
  if (request.status !== 'pending') throw new Conflict('This request has already been decided', 'ALREADY_DECIDED');
  const body = readBody();
  const entry = body.decision === 'approve' ? await item(request.itemId) : undefined;
  if (body.decision === 'approve' && !entry) throw new Conflict('The entry has been withdrawn from the catalog', 'ITEM_WITHDRAWN');
  const grant = entry ? grantFor(request, entry, { allowCopy: body.allowCopy, validUntil: body.validUntil }, now) : undefined;
  const decided = await recordDecision(db, id, { decision: body.decision, reason: body.reason, deciderId: reviewer.id, decidedAt: now.toISOString() }, grant, now);
  if (!decided) throw new Conflict('This request has already been decided', 'ALREADY_DECIDED');
  return (await findRequest(db, id))!;
}
