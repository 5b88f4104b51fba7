/**
 * Tables of the applications area (migrations 0005, 0007 and 0013): service definitions,
 * uploaded materials, applications with their lifecycle state, idempotency keys, receipt
 * sequences. The evidence of each case is in ./cases.ts.
 */
export interface ApplicationsTables {
  services: { code: string; position: number; agency_code: string; definition: string };
  uploads: { id: string; owner_subject_id: string; size: number; media_type: string; sm3: string; content: Buffer; created_at: string };
  applications: {
    id: string;
    applicant_subject_id: string;
    service_code: string;
    /** The agency that runs the service: the one whose officers handle the case. */
    agency_code: string;
    /** JSON object, as submitted and signed (the latest version). */
    data: string;
    /** JSON array [{ code, certificateId?, uploadId? }], as submitted and signed. */
    materials: string;
    /** JSON SignatureEnvelope; null only where the service needs none. */
    signature: string | null;
    receipt_no: string;
    status: string;
    /** 1, then +1 per resubmission. */
    version: number;
    submitted_at: string;
    accepted_at: string | null;
    /** `timeLimitDays` working days after acceptance, end of that day in China, UTC ISO. */
    due_at: string | null;
    /** JSON [{ path?, material?, reason }]: the open correction request, if any. */
    corrections: string | null;
    /** JSON CaseDecision: the last decision of an officer. */
    decision: string | null;
    certificate_id: string | null;
    updated_at: string;
    /** SPEC §14 (migration 0016): the step the case is at, 1-based. */
    step: number;
    /** SPEC §14 (migration 0017): the officer who claimed or was assigned the case; null when nobody holds it. */
    holder_id: string | null;
    /** SPEC §14 (migration 0018): when the clock was stopped; null while it runs. */
    suspended_at: string | null;
    /** Queue order: `due_at`, or `~` + `submitted_at` before acceptance (migration 0010). */
    queue_key: string;
  };
  /**
   * Idempotency-Key of every keyed POST (migration 0013), scoped by its request
   * (`submission:<key>`, `resubmission:<id>:<key>`, `decision:<id>:<key>`, `withdrawal:<id>:<key>`):
   * the hash of the body and the answer given the first time (JSON).
   */
  request_keys: { subject_id: string; key: string; request_hash: string; application_id: string; response: string; created_at: string };
  receipt_sequences: { day: string; last: number };
}
