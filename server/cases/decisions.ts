import type { Kysely } from 'kysely';
import { canonicalJson } from '../../src/core/crypto/canonical-json';
import { sealedBytes } from '../../src/core/crypto/seal';
import { sm3Hex } from '../../src/core/crypto/sm';
import type { ArchivalRecord, CaseDecision, CorrectionItem, DecisionInput, HistoryActor, HistoryEvent } from '../../src/core/case-types';
import type { EgovLocale } from '../../src/core/locale';
import { checkMaterials, readMaterials, type MaterialRef } from '../applications/materials';
import { findService } from '../applications/service-store';
import { checkSignature } from '../applications/signature';
import { appendEvent, applicationRow, applicationView, certificatesByIds, historyBrokenAt, recordUploads, type ApplicationRow, type ApplicationView } from '../applications/store';
import { validateServiceData } from '../applications/validate-data';
import type { Subject } from '../env';
import { ApiProblem, problems, type FieldProblem } from '../errors';
import { lockFor, type Store } from '../store/database';
import type { Schema } from '../store/schema';
import { agencySealingKey, issueCertificate, sealRecord } from './issuing';
import { DECISIONS, RESUBMIT_FROM, WITHDRAW_FROM, answerOf, checkItemsAgainstService, invalidTransition, isFinal } from './lifecycle';
import { earlierAnswer, rememberAnswer } from './store';
import { addWorkingDays } from './working-days';

/**
 * What happens to a case (SPEC §6): officers' decisions, the applicant's resubmission and
 * withdrawal. Each runs in one transaction that locks the case, moves its status only from
 * the status it read (so of two officers deciding at once one wins, the other gets 409),
 * appends its events, and remembers its answer under the request's Idempotency-Key.
 */

export type Officer = Subject & { agencyCode: string };

async function agencyOf(db: Kysely<Schema>, code: string): Promise<{ code: string; name: string }> {
  const row = await db.selectFrom('agencies').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
  return row ?? { code, name: code };
}

function notFound(): ApiProblem {
  return problems.notFound('No such application');
}

/** The case as an officer of its agency sees it; another agency's case is "not found". */
export async function caseForOfficer(db: Kysely<Schema>, officer: Officer, id: string): Promise<ApplicationView> {
  const row = await applicationRow(db, id);
  if (!row || row.agency_code !== officer.agencyCode) throw notFound();
  return applicationView(db, row);
}

/** Moves the status from what was read; 0 rows means someone else moved it first. */
async function moveStatus(trx: Kysely<Schema>, row: ApplicationRow, changes: Partial<ApplicationRow>, what: string): Promise<void> {
  const result = await trx.updateTable('applications').set(changes)
    .where('id', '=', row.id).where('status', '=', row.status).where('version', '=', row.version).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const now = await applicationRow(trx, row.id);
    throw invalidTransition(now?.status ?? row.status, what);
  }
}

interface Keyed {
  subjectId: string;
  key: string | undefined;
  hash: string;
}

/** Runs a case transition in one transaction, answering a repeated key with the first answer. */
async function inCaseTransaction<T>(store: Store, applicationId: string, keyed: Keyed, work: (trx: Kysely<Schema>) => Promise<T>): Promise<{ answer: T; replayed: boolean }> {
  return store.db.transaction().execute(async (trx) => {
    await lockFor(trx, store.engine, 'case:' + applicationId);
    if (keyed.key) {
      const earlier = await earlierAnswer<T>(trx, keyed.subjectId, keyed.key, keyed.hash);
      if (earlier !== undefined) return { answer: earlier, replayed: true };
    }
    const answer = await work(trx);
    if (keyed.key) await rememberAnswer(trx, keyed.subjectId, keyed.key, keyed.hash, applicationId, answer, new Date());
    return { answer, replayed: false };
  });
}

/** `POST /cases/{id}/decisions`. */
export async function decide(store: Store, officer: Officer, applicationId: string, input: DecisionInput, keyed: Keyed, now = new Date()): Promise<{ answer: ApplicationView; replayed: boolean }> {
  return inCaseTransaction(store, applicationId, keyed, async (trx) => {
    const row = await applicationRow(trx, applicationId);
    if (!row || row.agency_code !== officer.agencyCode) throw notFound();
    const rule = DECISIONS[input.action];
    if (!(rule.from as string[]).includes(row.status)) throw invalidTransition(row.status, `given the decision "${input.action}"`);
    const service = await findService(trx, row.service_code);
    if (!service) throw new ApiProblem(500, 'SERVICE_NOT_FOUND', 'The case names a service that no longer exists');
    if (input.items) {
      const wrong = checkItemsAgainstService(input.items, service);
      if (wrong.length) throw problems.badRequest('Some correction items name nothing the service asks for', wrong);
    }
    const at = now.toISOString();
    const agency = await agencyOf(trx, officer.agencyCode);
    const actor: HistoryActor = { kind: 'officer', name: officer.name, agency };
    const changes: Partial<ApplicationRow> = { status: rule.to, updated_at: at };
    if (input.action === 'accept') {
      changes.accepted_at = at;
      changes.due_at = addWorkingDays(now, service.guide?.timeLimitDays ?? 20);
      changes.queue_key = changes.due_at;
    }
    if (input.action === 'request_correction') changes.corrections = JSON.stringify(input.items);
    const ends = input.action === 'not_accept' || input.action === 'approve' || input.action === 'refuse';
    if (ends) {
      const decision: CaseDecision = {
        action: input.action,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}),
        at,
        officer: { name: officer.name, agency },
      };
      changes.decision = JSON.stringify(decision);
    }
    await moveStatus(trx, row, changes, `given the decision "${input.action}"`);
    const event: HistoryEvent = {
      at,
      action: rule.to as HistoryEvent['action'],
      actor,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}),
      ...(input.items ? { items: input.items } : {}),
    };
    await appendEvent(trx, row.id, event);
    if (input.action === 'approve' && service.issues) {
      const { certificate } = await issueCertificate(trx, {
        spec: service.issues,
        applicationId: row.id,
        receiptNo: row.receipt_no,
        applicantId: row.applicant_subject_id,
        agencyCode: row.agency_code,
        data: JSON.parse(row.data) as Record<string, unknown>,
        issuedAt: now,
      });
      await trx.updateTable('applications').set({ certificate_id: certificate.id }).where('id', '=', row.id).execute();
      await appendEvent(trx, row.id, { at, action: 'certificate_issued', actor: { kind: 'system', name: agency.name, agency } });
    }
    if (ends) await archive(trx, row.id, now);
    return applicationView(trx, (await applicationRow(trx, row.id))!);
  });
}

/** Whether two JSON values are the same (as JCS sees them). */
function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/** Answers and materials the open correction request did not name must come back unchanged. */
export function unchangedProblems(corrections: CorrectionItem[], before: { data: Record<string, unknown>; materials: MaterialRef[] }, after: { data: Record<string, unknown>; materials: MaterialRef[] }): FieldProblem[] {
  const answers = new Set(corrections.flatMap((c) => (c.path ? [answerOf(c.path)] : [])));
  const materials = new Set(corrections.flatMap((c) => (c.material ? [c.material] : [])));
  const problems: FieldProblem[] = [];
  for (const name of new Set([...Object.keys(before.data), ...Object.keys(after.data)])) {
    if (!answers.has(name) && !same(before.data[name], after.data[name])) problems.push({ path: `/${name}`, message: 'This answer was not named in the correction request and cannot be changed' });
  }
  const byCode = (list: MaterialRef[]) => new Map(list.map((m) => [m.code, m]));
  const old = byCode(before.materials);
  const now = byCode(after.materials);
  for (const code of new Set([...old.keys(), ...now.keys()])) {
    if (!materials.has(code) && !same(old.get(code), now.get(code))) problems.push({ path: `materials.${code}`, message: 'This material was not named in the correction request and cannot be changed' });
  }
  return problems;
}

/** `POST /applications/{id}/resubmissions`: checked exactly like a first submission, bound to the new version. */
export async function resubmit(store: Store, applicant: Subject, applicationId: string, body: Record<string, unknown>, keyed: Keyed, locale: EgovLocale, now = new Date()): Promise<{ answer: ApplicationView; replayed: boolean }> {
  const { data, materials: rawMaterials, signature, ...rest } = body;
  const shape: FieldProblem[] = Object.keys(rest).map((name) => ({ path: name, message: 'Unknown property' }));
  if (!data || typeof data !== 'object' || Array.isArray(data)) shape.push({ path: 'data', message: 'data must be an object' });
  const { problems: materialShape, materials } = readMaterials(rawMaterials);
  shape.push(...materialShape);
  if (shape.length) throw problems.badRequest('The request is not valid', shape);

  if (keyed.key) {
    const earlier = await earlierAnswer<ApplicationView>(store.db, keyed.subjectId, keyed.key, keyed.hash);
    if (earlier) return { answer: earlier, replayed: true };
  }
  const row = await applicationRow(store.db, applicationId);
  if (!row || row.applicant_subject_id !== applicant.id) throw notFound();
  if (!RESUBMIT_FROM.includes(row.status as never)) throw invalidTransition(row.status, 'resubmitted');
  const service = await findService(store.db, row.service_code);
  if (!service) throw new ApiProblem(500, 'SERVICE_NOT_FOUND', 'The case names a service that no longer exists');
  const answers = data as Record<string, unknown>;
  const invalid = validateServiceData(service, answers, locale, now, applicant);
  if (invalid.length) throw problems.validation(invalid, 'Some answers are not valid');
  const materialProblems = await checkMaterials(store.db, service, applicant.id, materials, now);
  if (materialProblems.length) throw problems.validation(materialProblems, 'Some materials are missing or cannot be used', 'MATERIAL_INVALID');
  const corrections = row.corrections ? (JSON.parse(row.corrections) as CorrectionItem[]) : [];
  const changed = unchangedProblems(corrections, { data: JSON.parse(row.data), materials: JSON.parse(row.materials) }, { data: answers, materials });
  if (changed.length) throw problems.validation(changed, 'Only the answers and materials named in the correction request may change');
  const version = Number(row.version) + 1;
  const envelope = await checkSignature(store.db, service, applicant.id, { serviceCode: service.code, data, materials: rawMaterials, applicationId: row.id, version }, signature, now.getTime());

  return inCaseTransaction(store, applicationId, keyed, async (trx) => {
    const at = now.toISOString();
    const dataText = JSON.stringify(answers);
    const materialsText = JSON.stringify(materials);
    const signatureText = envelope ? JSON.stringify(envelope) : null;
    await moveStatus(trx, row, { status: 'submitted', version, data: dataText, materials: materialsText, signature: signatureText, corrections: null, updated_at: at }, 'resubmitted');
    await trx.insertInto('application_versions').values({ application_id: row.id, version, data: dataText, materials: materialsText, signature: signatureText, submitted_at: at }).execute();
    await recordUploads(trx, row.id, materials);
    await appendEvent(trx, row.id, { at, action: 'resubmitted', actor: { kind: 'applicant', name: applicant.name } });
    return applicationView(trx, (await applicationRow(trx, row.id))!);
  });
}

/** `POST /applications/{id}/withdrawal`. */
export async function withdraw(store: Store, applicant: Subject, applicationId: string, reason: string | undefined, keyed: Keyed, now = new Date()): Promise<{ answer: ApplicationView; replayed: boolean }> {
  return inCaseTransaction(store, applicationId, keyed, async (trx) => {
    const row = await applicationRow(trx, applicationId);
    if (!row || row.applicant_subject_id !== applicant.id) throw notFound();
    if (!WITHDRAW_FROM.includes(row.status as never)) throw invalidTransition(row.status, 'withdrawn');
    const at = now.toISOString();
    await moveStatus(trx, row, { status: 'withdrawn', corrections: null, updated_at: at }, 'withdrawn');
    await appendEvent(trx, row.id, { at, action: 'withdrawn', actor: { kind: 'applicant', name: applicant.name }, ...(reason ? { reason } : {}) });
    await archive(trx, row.id, now);
    return applicationView(trx, (await applicationRow(trx, row.id))!);
  });
}

/**
 * The archival record of a closed case (Art. 33), made once, in the transaction that closes
 * it, and sealed with the agency's key: the application, each material with its SM3, the
 * history, the decision, the issued certificate.
 */
async function archive(trx: Kysely<Schema>, applicationId: string, now: Date): Promise<void> {
  // Never seal a history that was changed behind the chain's back.
  if ((await historyBrokenAt(trx, applicationId)) !== null) throw new ApiProblem(500, 'HISTORY_BROKEN', 'The history of this case does not follow its hash chain; it is not archived');
  const row = (await applicationRow(trx, applicationId))!;
  const application = await applicationView(trx, row);
  const certificate = application.certificateId ? (await certificatesByIds(trx, [application.certificateId])).get(application.certificateId) : undefined;
  const unsealed: Omit<ArchivalRecord, 'seal'> = {
    application,
    materials: application.materials.map((m) => ({
      code: m.code,
      ...(m.certificateId ? { certificateId: m.certificateId } : {}),
      ...(m.uploadId ? { uploadId: m.uploadId } : {}),
      // An upload by the SM3 of its bytes, a certificate by the SM3 of what its seal covers.
      sm3: m.upload?.sm3 ?? (m.certificate ? sm3Hex(sealedBytes(m.certificate)) : ''),
    })),
    history: application.history,
    ...(application.decision ? { decision: application.decision } : {}),
    ...(certificate ? { certificate } : {}),
    sealedAt: now.toISOString(),
  };
  const seal = sealRecord(unsealed, await agencySealingKey(trx, row.agency_code, now));
  const record = { ...unsealed, seal };
  await trx.insertInto('archival_records').values({ application_id: applicationId, record: JSON.stringify(record), sealed_at: unsealed.sealedAt }).execute();
}

export { isFinal };
