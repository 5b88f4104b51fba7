-- Electronic certificates and the issuer keys that seal them (Art. 31–32). PostgreSQL; as sqlite/0003-certificates.sql.
CREATE TABLE issuer_keys (
  key_id TEXT PRIMARY KEY,
  agency_code TEXT NOT NULL REFERENCES agencies(code),
  algorithm TEXT NOT NULL DEFAULT 'SM2-SM3',
  public_key TEXT NOT NULL,
  -- Private keys never leave the server.
  private_key TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT NOT NULL,
  -- Listed in GET /trust/issuers; seals by an unlisted key are indeterminate.
  published INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1))
);

CREATE TABLE certificates (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  type_code TEXT NOT NULL,
  type_name TEXT NOT NULL,
  holder_subject_id TEXT NOT NULL REFERENCES subjects(id),
  holder_name TEXT NOT NULL,
  holder_id_number_masked TEXT NOT NULL,
  issuer_code TEXT NOT NULL REFERENCES agencies(code),
  issuer_name TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  -- 'expired' may be recorded, but a 'valid' row past valid_until is reported expired too.
  status TEXT NOT NULL CHECK (status IN ('valid', 'revoked', 'expired')),
  data TEXT NOT NULL,            -- JSON object, exactly as sealed
  seal_key_id TEXT NOT NULL REFERENCES issuer_keys(key_id),
  seal_algorithm TEXT NOT NULL,
  seal_signature TEXT NOT NULL,  -- hex DER
  verification_code TEXT NOT NULL
);
CREATE INDEX certificates_holder ON certificates (holder_subject_id, type_code);
