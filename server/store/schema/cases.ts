/**
 * Tables of the cases area (migration 0007): the evidence of each case, appended and never
 * updated (Art. 31, 33) — its events, each version the applicant signed, the uploads it
 * names, the sealed archival record — and certificate revocations.
 */
export interface CasesTables {
  /** SPEC §14 (migration 0019): each decided case's sealed decision letter (JSON DecisionLetter). */
  decision_letters: { application_id: string; letter: string; sealed_at: string };
  /** SPEC §14 (migration 0018): each suspension, resumption and extension of a case's clock; appended only. */
  case_clock: { application_id: string; seq: number; action: string; at: string; officer_name: string; reason: string | null; legal_basis: string | null; kind: string | null; days: number | null; due_at: string | null };
  /** SPEC §14 (migration 0016): the roles an officer holds in an agency. */
  officer_roles: { subject_id: string; agency_code: string; role: string };
  /** SPEC §14 (migration 0016): who took which step of a case, with what decision; appended only. */
  case_steps: { application_id: string; seq: number; step: number; officer_id: string; officer_name: string; action: string; at: string };
  application_events: {
    application_id: string;
    /** 1, 2, … per application. */
    seq: number;
    at: string;
    action: string;
    /** JSON HistoryActor. */
    actor: string;
    reason: string | null;
    legal_basis: string | null;
    /** JSON CorrectionItem[]. */
    items: string | null;
    /** SM3 chain over the events of the application (migration 0011, server/applications/history-chain.ts). */
    hash: string | null;
  };
  application_versions: {
    application_id: string;
    version: number;
    data: string;
    materials: string;
    signature: string | null;
    submitted_at: string;
  };
  /** Which uploads an application names (any version): who may download them, what the sweep keeps. */
  application_uploads: { application_id: string; upload_id: string };
  archival_records: { application_id: string; record: string; sealed_at: string };
  certificate_revocations: { certificate_id: string; reason: string; revoked_at: string; agency_code: string; subject_id: string | null };
}
