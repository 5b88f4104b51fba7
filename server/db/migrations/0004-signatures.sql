-- Signing keys bound to subjects (Art. 31): browser keys registered by their holder, and
-- server-held keys for remote (cloud) signing.
CREATE TABLE signing_keys (
  key_id TEXT PRIMARY KEY,
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  algorithm TEXT NOT NULL CHECK (algorithm IN ('SM2-SM3', 'ECDSA-P256-SHA256')),
  public_key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('local', 'remote')),
  private_key TEXT,              -- only for kind = 'remote'
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX signing_keys_subject ON signing_keys (subject_id);
