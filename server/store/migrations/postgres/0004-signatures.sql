-- Signing keys bound to subjects (Art. 31): browser keys registered by their holder, and
-- server-held keys for remote (cloud) signing. PostgreSQL; as sqlite/0004-signatures.sql.
CREATE TABLE signing_keys (
  key_id TEXT PRIMARY KEY,
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  algorithm TEXT NOT NULL CHECK (algorithm IN ('SM2-SM3', 'ECDSA-P256-SHA256')),
  public_key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('local', 'remote')),
  private_key TEXT,              -- only for kind = 'remote', AES-256-GCM sealed (see server/signatures/remote-signer.ts)
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  CHECK ((kind = 'remote') = (private_key IS NOT NULL))
);
CREATE INDEX signing_keys_subject ON signing_keys (subject_id);
-- A public key belongs to one subject only: registering another's key is refused.
CREATE UNIQUE INDEX signing_keys_public_key ON signing_keys (algorithm, lower(public_key));
-- At most one active server-held key per subject.
CREATE UNIQUE INDEX signing_keys_one_remote ON signing_keys (subject_id) WHERE kind = 'remote' AND revoked_at IS NULL;
