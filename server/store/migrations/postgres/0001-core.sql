-- Core: settings, agencies and the parties who sign in (PostgreSQL; same tables as sqlite/0001-core.sql).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE agencies (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL
);

CREATE TABLE subjects (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CONSTRAINT subjects_kind_check CHECK (kind IN ('citizen', 'organisation', 'staff', 'reviewer')),
  agency_code TEXT REFERENCES agencies(code),
  id_number TEXT,
  mobile TEXT
);

CREATE TABLE seed_runs (
  name TEXT PRIMARY KEY,
  seeded_at TEXT NOT NULL
);
