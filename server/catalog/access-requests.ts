import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { AccessRequest, AccessRequestStatus, CatalogField, CatalogItem } from '../../src/core/catalog-types';
import type { Subject } from '../env';
import { ApiProblem, problems } from '../errors';
import { FieldChecks } from '../http';

/**
 * Access requests to shared data and their review (Art. 22): unconditional entries are
 * approved at once, restricted ones wait for a reviewer of the providing agency, and
 * non-shared data may only be given out desensitised, so such a request must say so.
 */

export const LIMITS = { purpose: 1000, legalBasis: 500, reason: 1000, fields: 200 } as const;

/** Recorded as the decider of the immediate approval of an unconditional entry. */
export const SYSTEM_DECIDER = 'system';
export const UNCONDITIONAL_REASON = '无条件共享数据，依《浙江省公共数据和电子政务管理办法》第二十二条申请即予批准';

interface RequestRow {
  id: string;
  item_id: string;
  item_name: string;
  requester_id: string;
  requester_agency: string;
  requester_agency_name: string;
  provider_agency: string;
  provider_agency_name: string;
  purpose: string;
  legal_basis: string;
  fields: string;
  desensitized: number;
  status: AccessRequestStatus;
  created_at: string;
  decision: 'approve' | 'reject' | null;
  decision_reason: string | null;
  decider_id: string | null;
  decided_at: string | null;
}

const SELECT = `SELECT r.*, ra.name AS requester_agency_name, pa.name AS provider_agency_name
  FROM access_requests r JOIN agencies ra ON ra.code = r.requester_agency JOIN agencies pa ON pa.code = r.provider_agency`;

function toRequest(row: RequestRow): AccessRequest {
  const request: AccessRequest = {
    id: row.id,
    itemId: row.item_id,
    itemName: row.item_name,
    requesterId: row.requester_id,
    requesterAgency: { code: row.requester_agency, name: row.requester_agency_name },
    providerAgency: { code: row.provider_agency, name: row.provider_agency_name },
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    fields: JSON.parse(row.fields) as string[],
    desensitized: row.desensitized === 1,
    status: row.status,
    createdAt: row.created_at,
  };
  if (row.decision) {
    request.decision = { decision: row.decision, reason: row.decision_reason ?? '', deciderId: row.decider_id ?? '', decidedAt: row.decided_at ?? '' };
  }
  return request;
}

export function findRequest(db: Database.Database, id: string): AccessRequest | undefined {
  const row = db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RequestRow | undefined;
  return row && toRequest(row);
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
  let desensitized = false;
  if (body.desensitized !== undefined && body.desensitized !== null) {
    if (typeof body.desensitized !== 'boolean') checks.add('desensitized', 'Must be true or false');
    else desensitized = body.desensitized;
  }
  checks.throwIfAny(422);
  return { purpose, legalBasis, fields, desensitized };
}

/**
 * Creates a request: approved at once for unconditional entries, pending otherwise; refuses
 * non-shared data not asked for desensitised. Sending the very same request again while it is
 * pending (a double click, a retry) gives back the waiting one instead of a second; a request
 * with another purpose is a request of its own (Art. 22 review is per purpose).
 */
export function createRequest(db: Database.Database, requester: Subject & { agencyCode: string }, item: CatalogItem, body: AccessRequestBody, now = new Date()): { request: AccessRequest; created: boolean } {
  if (item.sharing === 'none' && !body.desensitized) {
    throw new ApiProblem(403, 'NOT_SHAREABLE', 'This entry is not shared; only desensitised data may be requested (set desensitized: true)');
  }
  const fields = JSON.stringify(body.fields);
  const waiting = db
    .prepare(
      `SELECT id FROM access_requests WHERE item_id = ? AND requester_id = ? AND status = 'pending'
       AND purpose = ? AND legal_basis = ? AND fields = ? AND desensitized = ?`,
    )
    .get(item.id, requester.id, body.purpose, body.legalBasis, fields, body.desensitized ? 1 : 0) as { id: string } | undefined;
  if (waiting) return { request: findRequest(db, waiting.id)!, created: false };
  const id = randomUUID();
  const createdAt = now.toISOString();
  const approved = item.sharing === 'unconditional';
  db.prepare(
    `INSERT INTO access_requests (id, item_id, item_name, requester_id, requester_agency, provider_agency, purpose, legal_basis, fields, desensitized, status, created_at, decision, decision_reason, decider_id, decided_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id, item.id, item.name, requester.id, requester.agencyCode, item.agency.code, body.purpose, body.legalBasis, fields, body.desensitized ? 1 : 0,
    approved ? 'approved' : 'pending', createdAt,
    approved ? 'approve' : null, approved ? UNCONDITIONAL_REASON : null, approved ? SYSTEM_DECIDER : null, approved ? createdAt : null,
  );
  return { request: findRequest(db, id)!, created: true };
}

export type ListRole = 'requester' | 'reviewer';

/** Staff see the requests they made; a reviewer (role `reviewer`, their default) those made to their agency. */
export function listRequests(db: Database.Database, subject: Subject & { agencyCode: string }, role: ListRole, filter: { status?: AccessRequestStatus | undefined; itemId?: string | undefined } = {}): AccessRequest[] {
  const where = [role === 'reviewer' ? 'r.provider_agency = ?' : 'r.requester_id = ?'];
  const args: unknown[] = [role === 'reviewer' ? subject.agencyCode : subject.id];
  if (filter.status) {
    where.push('r.status = ?');
    args.push(filter.status);
  }
  if (filter.itemId) {
    where.push('r.item_id = ?');
    args.push(filter.itemId);
  }
  const rows = db.prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC, r.id LIMIT 500`).all(...args) as RequestRow[];
  return rows.map(toRequest);
}

export interface DecisionBody {
  decision: 'approve' | 'reject';
  reason: string;
}

export function readDecisionBody(body: Record<string, unknown>): DecisionBody {
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
  checks.throwIfAny(422);
  return { decision: decision as DecisionBody['decision'], reason };
}

/**
 * Records a reviewer's decision. Only a reviewer of the providing agency decides, never on
 * their own request, and only while the request is pending (the update is conditional, so
 * two reviewers deciding at once cannot both win). The body is read once the decider is known
 * to be allowed: someone who may not decide learns 403, not what the body should hold.
 */
export function decide(db: Database.Database, reviewer: Subject & { agencyCode: string }, id: string, readBody: () => DecisionBody, now = new Date()): AccessRequest {
  const request = findRequest(db, id);
  if (!request) throw problems.notFound('No such access request');
  const isReviewer = reviewer.kind === 'reviewer' && reviewer.agencyCode === request.providerAgency.code;
  if (!isReviewer) throw problems.forbidden('Only a reviewer of the providing agency may decide on this request', 'NOT_REVIEWER');
  if (request.requesterId === reviewer.id) throw problems.forbidden('A reviewer may not decide on their own request', 'OWN_REQUEST');
  if (request.status !== 'pending') throw problems.conflict('This request has already been decided', 'ALREADY_DECIDED');
  const body = readBody();
  const result = db
    .prepare(
      `UPDATE access_requests SET status = ?, decision = ?, decision_reason = ?, decider_id = ?, decided_at = ?
       WHERE id = ? AND status = 'pending'`,
    )
    .run(body.decision === 'approve' ? 'approved' : 'rejected', body.decision, body.reason, reviewer.id, now.toISOString(), id);
  if (result.changes === 0) throw problems.conflict('This request has already been decided', 'ALREADY_DECIDED');
  return findRequest(db, id)!;
}
