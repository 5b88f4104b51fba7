import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { canonicalBytes } from '../../src/core/crypto/canonical-json';
import type { SignatureEnvelope } from '../../src/core/crypto/envelope';
import { sm3Hex } from '../../src/core/crypto/sm';
import { ApiProblem } from '../errors';
import type { MaterialRef } from './materials';
import { nextReceiptNo } from './receipt-number';
import { findService } from './service-store';

export type ApplicationStatus = 'submitted' | 'accepted' | 'rejected' | 'completed';

/** What `POST /applications` answers (SPEC §3). */
export interface ApplicationReceipt {
  id: string;
  receiptNo: string;
  status: ApplicationStatus;
  submittedAt: string;
}

export interface ApplicationSummary extends ApplicationReceipt {
  serviceCode: string;
  serviceName: string;
  serviceNameEn: string | null;
  agency: { code: string; name: string } | null;
}

type ServiceNames = Omit<ApplicationSummary, keyof ApplicationReceipt>;

export interface ApplicationView extends ApplicationSummary {
  data: Record<string, unknown>;
  materials: MaterialRef[];
  signature: SignatureEnvelope | null;
}

interface ApplicationRow {
  id: string;
  applicant_subject_id: string;
  service_code: string;
  data: string;
  materials: string;
  signature: string | null;
  receipt_no: string;
  status: ApplicationStatus;
  submitted_at: string;
}

/** The hash that tells a retry (same body) from a reuse of a key (another body): SM3 of the JCS bytes. */
export function requestHash(body: unknown): string {
  return sm3Hex(canonicalBytes(body));
}

export function idempotencyKeyReused(): ApiProblem {
  return new ApiProblem(409, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different application; use a new key for a new application');
}

function receiptOf(row: Pick<ApplicationRow, 'id' | 'receipt_no' | 'status' | 'submitted_at'>): ApplicationReceipt {
  return { id: row.id, receiptNo: row.receipt_no, status: row.status, submittedAt: row.submitted_at };
}

/**
 * The application an earlier request with this key created: `undefined` when the key is
 * new, the receipt when the body is the same, 409 when the body differs.
 */
export function replayed(db: Database.Database, subjectId: string, key: string, hash: string): ApplicationReceipt | undefined {
  const row = db.prepare(`
    SELECT k.request_hash, a.id, a.receipt_no, a.status, a.submitted_at
    FROM idempotency_keys k JOIN applications a ON a.id = k.application_id
    WHERE k.subject_id = ? AND k.key = ?`).get(subjectId, key) as (ApplicationRow & { request_hash: string }) | undefined;
  if (!row) return undefined;
  if (row.request_hash !== hash) throw idempotencyKeyReused();
  return receiptOf(row);
}

export interface NewApplication {
  applicantId: string;
  serviceCode: string;
  data: Record<string, unknown>;
  materials: MaterialRef[];
  signature: SignatureEnvelope | null;
}

/**
 * Stores an application under its idempotency key, in one transaction: SQLite runs it
 * alone, so of two identical requests racing, the second finds the first's key and gets
 * its application; the (subject, key) primary key backs this up.
 */
export function createApplication(db: Database.Database, input: NewApplication, key: string, hash: string, now = new Date()): { receipt: ApplicationReceipt; created: boolean } {
  return db.transaction(() => {
    const earlier = replayed(db, input.applicantId, key, hash);
    if (earlier) return { receipt: earlier, created: false };
    const row = {
      id: randomUUID(),
      receipt_no: nextReceiptNo(db, now),
      status: 'submitted' as const,
      submitted_at: now.toISOString(),
    };
    db.prepare(`INSERT INTO applications (id, applicant_subject_id, service_code, data, materials, signature, receipt_no, status, submitted_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(row.id, input.applicantId, input.serviceCode, JSON.stringify(input.data), JSON.stringify(input.materials), input.signature ? JSON.stringify(input.signature) : null, row.receipt_no, row.status, row.submitted_at);
    db.prepare('INSERT INTO idempotency_keys (subject_id, key, request_hash, application_id, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(input.applicantId, key, hash, row.id, row.submitted_at);
    return { receipt: receiptOf(row), created: true };
  }).immediate();
}

function serviceOf(db: Database.Database, code: string, cache: Map<string, ServiceNames>): ServiceNames {
  let service = cache.get(code);
  if (!service) {
    const definition = findService(db, code);
    service = { serviceCode: code, serviceName: definition?.name ?? code, serviceNameEn: definition?.nameEn ?? null, agency: definition?.agency ?? null };
    cache.set(code, service);
  }
  return service;
}

/** The applicant's applications, newest first. */
export function listApplications(db: Database.Database, applicantId: string, page: number, pageSize: number): { items: ApplicationSummary[]; total: number; page: number; pageSize: number } {
  const total = (db.prepare('SELECT COUNT(*) AS n FROM applications WHERE applicant_subject_id = ?').get(applicantId) as { n: number }).n;
  const rows = db.prepare(`SELECT id, service_code, receipt_no, status, submitted_at FROM applications
    WHERE applicant_subject_id = ? ORDER BY submitted_at DESC, receipt_no DESC LIMIT ? OFFSET ?`)
    .all(applicantId, pageSize, (page - 1) * pageSize) as ApplicationRow[];
  const cache = new Map<string, ServiceNames>();
  return { items: rows.map((row) => ({ ...receiptOf(row), ...serviceOf(db, row.service_code, cache) })), total, page, pageSize };
}

/** One application of this applicant, or undefined (unknown or someone else's). */
export function getApplication(db: Database.Database, applicantId: string, id: string): ApplicationView | undefined {
  const row = db.prepare('SELECT * FROM applications WHERE id = ? AND applicant_subject_id = ?').get(id, applicantId) as ApplicationRow | undefined;
  if (!row) return undefined;
  return {
    ...receiptOf(row),
    ...serviceOf(db, row.service_code, new Map()),
    data: JSON.parse(row.data) as Record<string, unknown>,
    materials: JSON.parse(row.materials) as MaterialRef[],
    signature: row.signature ? (JSON.parse(row.signature) as SignatureEnvelope) : null,
  };
}
