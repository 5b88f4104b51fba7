import { DECISIONS_WITH_REMEDIES } from '../../src/core/remedies';
import { remediesNotice } from './remedies';
import type { CaseDecision, DecisionInput, HistoryActor, HistoryEvent } from '../../src/core/case-types';
import { handlesCasesOf, isApplicantOf, mayReadApplication, type Officer } from '../access';
import { checkCaseBeforeSealing } from '../checkpoints/service';
import { Broken, Conflict, Malformed } from '../domain/errors';
import type { Subject } from '../env';
import type { Store } from '../store/database';
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema';
import { once, scoped, type Keyed } from './idempotency';
import type { KeyVault } from '../signatures/vault';
import { issueCertificate } from './issuing';
import { allowedMove, checkItemsAgainstService, checkPaperAgainstService, isFinal } from './rules';
import { agencyOf, appendEvent, applicationRow, archivalRecord, setCertificate, type ApplicationRow, type ApplicationView } from './store';
import { archive, current, move, noSuchApplication, serviceOfCase } from './transitions';
import { checkHolder } from './claims';
import { recordStep, stepToTake } from './steps';
import { applicationView } from './view-store';
import { addWorkingDays } from './working-days';

/**
 * What officers and the applicant do to a case once it is submitted (SPEC §6): officers'
 * decisions, the applicant's withdrawal, and the reads that go with them. Each change runs in
 * one transaction that locks the case, moves its status only from the status it read,
 * appends its events, and keeps its answer under the request's Idempotency-Key
 * (a resubmission is in submission.ts, the path it shares with a first submission).
 */

/** An application as its applicant sees it; someone else's is "not found", never "forbidden": its existence is not told. */
export async function applicationForApplicant(db: Kysely<Schema>, applicant: Subject, id: string): Promise<ApplicationView> {
  const row = await applicationRow(db, id);
  if (!row || !isApplicantOf(applicant, { applicantId: row.applicant_subject_id })) throw noSuchApplication();
  return applicationView(db, row);
}

/** The case as an officer of its agency sees it; another agency's case is "not found". */
export async function caseForOfficer(db: Kysely<Schema>, officer: Officer, id: string): Promise<ApplicationView> {
  const row = await applicationRow(db, id);
  if (!row || !handlesCasesOf(officer, row.agency_code)) throw noSuchApplication();
  return applicationView(db, row);
}

/** `POST /cases/{id}/decisions`. */
export async function decide(store: Store, officer: Officer, applicationId: string, input: DecisionInput, keyed: Keyed, vault: KeyVault | undefined, now = new Date()): Promise<{ answer: ApplicationView; replayed: boolean }> {
  return once(store, 'case:' + applicationId, scoped(keyed, 'decision', applicationId), async (trx) => {
    const row = await applicationRow(trx, applicationId);
    if (!row || !handlesCasesOf(officer, row.agency_code)) throw noSuchApplication();
    checkHolder(officer, row);
    if (row.suspended_at) throw new Conflict('The clock of this case is stopped: resume it before deciding', 'CASE_SUSPENDED');
    const what = { by: 'officer', action: input.action } as const;
    const service = await serviceOfCase(trx, row);
    const step = await stepToTake(trx, officer, row, service);
    const { to, next } = allowedMove(row.status, what, step);
    if (input.items) {
      const wrong = checkItemsAgainstService(input.items, service);
      if (wrong.length) throw new Malformed('Some correction items name nothing the service asks for', wrong);
      checkPaperAgainstService(input.items, service);
    }
    const at = now.toISOString();
    const agency = await agencyOf(trx, officer.agencyCode);
    const actor: HistoryActor = { kind: 'officer', name: officer.name, agency };
    const changes: Partial<ApplicationRow> = { status: to, updated_at: at, ...(next ? { step: next, holder_id: null } : {}) };
    // A case accepted again after a correction asked at a later step (SPEC §14) keeps its clock.
    if (input.action === 'accept' && !row.accepted_at) {
      changes.accepted_at = at;
      changes.due_at = addWorkingDays(now, service.guide?.timeLimitDays ?? 20);
      changes.queue_key = changes.due_at;
    }
    if (input.action === 'request_correction') changes.corrections = JSON.stringify(input.items);
    const ends = isFinal(to);
    // A final decision seals the history: it must still end with the event that led to this status.
    if (ends) await checkCaseBeforeSealing(store, trx, row.id, row.status);
    if (ends) {
      const decision: CaseDecision = {
        action: input.action,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}),
        at,
        officer: { name: officer.name, agency },
        ...(DECISIONS_WITH_REMEDIES.includes(input.action) ? { remedies: remediesNotice(agency) } : {}),
      };
      changes.decision = JSON.stringify(decision);
    }
    await move(trx, row, changes, what);
    await recordStep(trx, row, step, officer, input.action, at);
    const event: HistoryEvent = {
      at,
      action: next ? 'passed_on' : (to as HistoryEvent['action']),
      actor,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}),
      ...(input.items ? { items: input.items } : {}),
    };
    await appendEvent(trx, row.id, event);
    if (to === 'approved' && service.issues) {
      const { certificate } = await issueCertificate(trx, {
        spec: service.issues,
        applicationId: row.id,
        receiptNo: row.receipt_no,
        applicantId: row.applicant_subject_id,
        agencyCode: row.agency_code,
        data: JSON.parse(row.data) as Record<string, unknown>,
        issuedAt: now,
        vault,
      });
      await setCertificate(trx, row.id, certificate.id);
      await appendEvent(trx, row.id, { at, action: 'certificate_issued', actor: { kind: 'system', name: agency.name, agency } });
    }
    if (ends) await archive(trx, row.id, now);
    return { applicationId: row.id, answer: await current(trx, row.id) };
  }, now);
}

/** `POST /applications/{id}/withdrawal`. */
export async function withdraw(store: Store, applicant: Subject, applicationId: string, reason: string | undefined, keyed: Keyed, now = new Date()): Promise<{ answer: ApplicationView; replayed: boolean }> {
  return once(store, 'case:' + applicationId, scoped(keyed, 'withdrawal', applicationId), async (trx) => {
    const row = await applicationRow(trx, applicationId);
    if (!row || !isApplicantOf(applicant, { applicantId: row.applicant_subject_id })) throw noSuchApplication();
    const what = { by: 'applicant', action: 'withdraw' } as const;
    const to = allowedMove(row.status, what);
    await checkCaseBeforeSealing(store, trx, row.id, row.status);
    const at = now.toISOString();
    await move(trx, row, { status: to, corrections: null, updated_at: at }, what);
    await appendEvent(trx, row.id, { at, action: 'withdrawn', actor: { kind: 'applicant', name: applicant.name }, ...(reason ? { reason } : {}) });
    await archive(trx, row.id, now);
    return { applicationId: row.id, answer: await current(trx, row.id) };
  }, now);
}

/** `GET /applications/{id}/record` (Art. 33): the sealed record, for the applicant and the officers of the agency, once the case is closed. */
export async function recordFor(db: Kysely<Schema>, subject: Subject, applicationId: string): Promise<unknown> {
  const row = await applicationRow(db, applicationId);
  if (!row || !mayReadApplication(subject, { applicantId: row.applicant_subject_id, agencyCode: row.agency_code })) throw noSuchApplication();
  if (!isFinal(row.status)) throw new Conflict(`The application is ${row.status}: its archival record is made when it is decided or withdrawn`, 'CASE_NOT_FINAL');
  const record = await archivalRecord(db, row.id);
  if (!record) throw new Broken('The archival record of this case is missing', 'RECORD_MISSING');
  return record;
}
