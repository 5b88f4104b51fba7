/**
 * SPEC §6: an application as a case of the agency that runs its service — its status,
 * history, corrections and decision. Shared by the browser and the reference backend.
 */
import type { SignatureEnvelope } from './crypto/envelope';
import type { Certificate, CertificateSeal } from './crypto/seal';
import type { RemediesNotice } from './remedies';

export type ApplicationStatus = 'submitted' | 'accepted' | 'correction_requested' | 'not_accepted' | 'approved' | 'refused' | 'withdrawn';
export const APPLICATION_STATUSES: readonly ApplicationStatus[] = ['submitted', 'accepted', 'correction_requested', 'not_accepted', 'approved', 'refused', 'withdrawn'];
/** No transition leaves these. */
export const FINAL_STATUSES: readonly ApplicationStatus[] = ['approved', 'refused', 'not_accepted', 'withdrawn'];

export type DecisionAction = 'accept' | 'request_correction' | 'not_accept' | 'approve' | 'refuse';
export const DECISION_ACTIONS: readonly DecisionAction[] = ['accept', 'request_correction', 'not_accept', 'approve', 'refuse'];

export type HistoryAction =
  | 'submitted'
  | 'correction_requested'
  | 'resubmitted'
  | 'accepted'
  /** SPEC §14: approved at a step before the last, passed on to the next. */
  | 'passed_on'
  | 'not_accepted'
  | 'approved'
  | 'refused'
  | 'withdrawn'
  | 'certificate_issued';

/** SPEC §14: the steps a service's cases pass through (承办 → 审核 → 批准); one step by default. */
export type CaseStepName = 'handle' | 'review' | 'approve';
export const CASE_STEP_NAMES: readonly CaseStepName[] = ['handle', 'review', 'approve'];
/** SPEC §14: the roles an officer holds in an agency, one per step. */
export type OfficerRole = 'handler' | 'reviewer' | 'approver';
export const OFFICER_ROLES: readonly OfficerRole[] = ['handler', 'reviewer', 'approver'];

/** Where a case of a service with more than one step stands: its step (1-based) of how many, and its name. */
export interface CaseStep {
  number: number;
  of: number;
  name: CaseStepName;
}

/** Who took a step of a case, and what they decided there. */
export interface CaseStepTaken {
  step: number;
  name: CaseStepName;
  officer: { name: string };
  action: DecisionAction;
  at: string;
}

/** One item of a correction request: an answer (`path`, a JSON pointer into `data`) or a material (its code). */
export interface CorrectionItem {
  /** SPEC §14: what the item asks for; without it, an answer (`path`) or a material (`material`). */
  kind?: CorrectionKind;
  path?: string;
  material?: string;
  /** A material's code (`kind: material`), or a declared paper or presence requirement's (`paper`, `presence`). */
  code?: string;
  reason: string;
}

export type CorrectionKind = 'answer' | 'material' | 'paper' | 'presence';
export const CORRECTION_KINDS: readonly CorrectionKind[] = ['answer', 'material', 'paper', 'presence'];

export interface HistoryActor {
  kind: 'applicant' | 'officer' | 'system';
  name: string;
  agency?: { code: string; name: string };
}

export interface HistoryEvent {
  at: string;
  action: HistoryAction;
  actor: HistoryActor;
  reason?: string;
  legalBasis?: string;
  items?: CorrectionItem[];
}

export interface CaseDecision {
  action: DecisionAction;
  reason?: string;
  legalBasis?: string;
  at: string;
  officer: { name: string; agency: { code: string; name: string } };
  /** SPEC §14: on a refusal or non-acceptance, the notice of remedies, stored with the decision. */
  remedies?: RemediesNotice;
}

/** A material as the case shows it: a certificate with its seal, or an upload's receipt. */
export interface CaseMaterial {
  code: string;
  certificateId?: string;
  uploadId?: string;
  certificate?: Certificate;
  upload?: { uploadId: string; size: number; mediaType: string; sm3: string };
}

/** `GET /applications/{id}` and `GET /cases/{id}`. */
export interface ApplicationDetail {
  id: string;
  receiptNo: string;
  serviceCode: string;
  serviceName?: string;
  applicant: { name: string };
  status: ApplicationStatus;
  version: number;
  submittedAt: string;
  data: Record<string, unknown>;
  materials: CaseMaterial[];
  signature: SignatureEnvelope | null;
  history: HistoryEvent[];
  corrections?: CorrectionItem[];
  decision?: CaseDecision;
  /** `timeLimitDays` working days (Monday to Friday) after acceptance. */
  dueAt?: string;
  certificateId?: string;
  /**
   * Set when the history was changed behind its hash chain (Art. 33): `at` is the first event
   * that does not follow; or when it no longer ends with the event that put the case in its
   * status (events removed from its end): `at` is the first one missing. The history shown
   * cannot be trusted, and the case cannot be closed.
   */
  historyBroken?: { at: number };
  /** SPEC §14, services of more than one step: the step the case is at, and who took each step. */
  step?: CaseStep;
  steps?: CaseStepTaken[];
  /** SPEC §14: the officer who claimed or was assigned the case, while one holds it. */
  holder?: CaseHolder;
  /** SPEC §14: the clock stopped, restarted and extended, each with its reason and the due date it left; `suspended` while it is stopped. */
  clock?: ClockEvent[];
  suspended?: boolean;
}

/** SPEC §14: why the clock of a case stops (行政许可法 Art. 45: expert opinion, hearing, inspection). */
export type SuspensionKind = 'expert' | 'hearing' | 'inspection' | 'other';
export const SUSPENSION_KINDS: readonly SuspensionKind[] = ['expert', 'hearing', 'inspection', 'other'];

/** One change of a case's clock. */
export interface ClockEvent {
  action: 'suspended' | 'resumed' | 'extended';
  at: string;
  officer: { name: string };
  reason?: string;
  legalBasis?: string;
  kind?: SuspensionKind;
  /** Working days: added by an extension, or taken off by a suspension when it ends. */
  days?: number;
  /** The due date the change left. */
  dueAt?: string;
}

/** One row of the officers' queue, `GET /cases`. */
export interface CaseSummary {
  id: string;
  receiptNo: string;
  serviceCode: string;
  applicant: { name: string };
  status: ApplicationStatus;
  submittedAt: string;
  dueAt?: string;
  /** SPEC §14: the step, for services of more than one step. */
  step?: CaseStep;
  holder?: CaseHolder;
}

/** SPEC §14: who holds a case. */
export interface CaseHolder {
  id: string;
  name: string;
}

/** SPEC §14: the queue of one officer, or of cases nobody holds. */
export type QueueHolderFilter = 'mine' | 'unassigned';
export const QUEUE_HOLDER_FILTERS: readonly QueueHolderFilter[] = ['mine', 'unassigned'];

export interface CasePage {
  items: CaseSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** Body of `POST /cases/{id}/decisions`. */
export interface DecisionInput {
  action: DecisionAction;
  reason?: string;
  legalBasis?: string;
  items?: CorrectionItem[];
}

/** `GET /applications/{id}/record`: the archival record (Art. 33), sealed by the agency. */
export interface ArchivalRecord {
  application: ApplicationDetail;
  materials: Array<{ code: string; certificateId?: string; uploadId?: string; sm3: string }>;
  history: HistoryEvent[];
  /** The officer's final decision; absent when the applicant withdrew. */
  decision?: CaseDecision;
  certificate?: Certificate;
  sealedAt: string;
  seal: CertificateSeal;
}

/** What a resubmission signs (SPEC §6): the version binds it to this round, so an earlier signature cannot be replayed. */
export interface ResubmissionPayload {
  serviceCode: string;
  data: Record<string, unknown>;
  materials: Array<{ code: string; certificateId?: string; uploadId?: string }>;
  applicationId: string;
  version: number;
}

/** SPEC §14: `GET /cases/{id}/decision-letter`, the 决定书, sealed by the agency like a certificate over its JCS bytes without `seal`. */
export interface DecisionLetter {
  number: string;
  applicant: { name: string };
  service: { code: string; name: string };
  decision: DecisionAction;
  reasons: string;
  legalBasis: string;
  remedies?: RemediesNotice;
  decidedAt: string;
  agency: { code: string; name: string };
  seal: CertificateSeal;
}
