-- Electronic applications (Art. 30–32): service definitions, uploaded materials,
-- submitted applications, idempotency keys and receipt number sequences.
-- PostgreSQL; as sqlite/0005-applications.sql (content as bytea).
CREATE TABLE services (
  code TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  agency_code TEXT NOT NULL REFERENCES agencies(code),
  definition TEXT NOT NULL       -- JSON ServiceDefinition (SPEC §4)
);

CREATE TABLE uploads (
  id TEXT PRIMARY KEY,
  owner_subject_id TEXT NOT NULL REFERENCES subjects(id),
  size INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  sm3 TEXT NOT NULL,             -- hex SM3 (GB/T 32905) of the content
  content BYTEA NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX uploads_owner ON uploads (owner_subject_id, created_at);

CREATE TABLE applications (
  id TEXT PRIMARY KEY,
  applicant_subject_id TEXT NOT NULL REFERENCES subjects(id),
  service_code TEXT NOT NULL REFERENCES services(code),
  data TEXT NOT NULL,            -- JSON object, as submitted and signed
  materials TEXT NOT NULL,       -- JSON array [{ code, certificateId?, uploadId? }], as submitted and signed
  signature TEXT,                -- JSON SignatureEnvelope; NULL only where the service needs none
  receipt_no TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('submitted', 'accepted', 'rejected', 'completed')),
  submitted_at TEXT NOT NULL
);
CREATE INDEX applications_applicant ON applications (applicant_subject_id, submitted_at);

-- One application per (subject, Idempotency-Key); the body hash tells a retry from a reuse.
CREATE TABLE idempotency_keys (
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  application_id TEXT NOT NULL REFERENCES applications(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (subject_id, key)
);

-- Receipt numbers count per day: ZJ-YYYYMMDD-NNNNNN.
CREATE TABLE receipt_sequences (
  day TEXT PRIMARY KEY,
  last INTEGER NOT NULL
);
