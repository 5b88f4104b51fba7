-- The unified public data catalog (Art. 16) and access requests with their review (Art. 21–23).
CREATE TABLE catalog_items (
  seq INTEGER PRIMARY KEY,                 -- rowid of the search indexes
  id TEXT NOT NULL UNIQUE,                 -- resource code
  name TEXT NOT NULL,
  summary TEXT NOT NULL,
  agency_code TEXT NOT NULL REFERENCES agencies(code),
  agency_name TEXT NOT NULL,
  sharing TEXT NOT NULL CHECK (sharing IN ('unconditional', 'restricted', 'none')),
  sharing_condition TEXT,
  -- Art. 22: restricted and non-shared entries must state their legal basis.
  legal_basis TEXT CHECK (sharing = 'unconditional' OR length(legal_basis) > 0),
  open TEXT NOT NULL CHECK (open IN ('open', 'conditional', 'closed')),
  frequency TEXT NOT NULL CHECK (frequency IN ('realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'semiannual', 'yearly', 'irregular')),
  formats TEXT NOT NULL DEFAULT '[]',      -- JSON array of strings
  domain TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '[]',         -- JSON array of strings
  published_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- A withdrawn entry keeps its row (access requests refer to it) but is never listed or shown.
  deleted_at TEXT
);

-- The two listing orders (read once into memory, see server/catalog/facet-columns.ts).
CREATE INDEX catalog_items_updated ON catalog_items (updated_at DESC, seq) WHERE deleted_at IS NULL;
CREATE INDEX catalog_items_name ON catalog_items (name, seq) WHERE deleted_at IS NULL;

-- Bumped by every change to the entries, so the in-memory facet columns know when to reload.
CREATE TABLE catalog_meta (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO catalog_meta (id, version) VALUES (1, 0);
CREATE TRIGGER catalog_items_after_insert AFTER INSERT ON catalog_items BEGIN UPDATE catalog_meta SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_items_after_update AFTER UPDATE ON catalog_items BEGIN UPDATE catalog_meta SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalog_items_after_delete AFTER DELETE ON catalog_items BEGIN UPDATE catalog_meta SET version = version + 1 WHERE id = 1; END;

CREATE TABLE catalog_fields (
  item_seq INTEGER NOT NULL REFERENCES catalog_items(seq) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  label TEXT NOT NULL,
  type TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (item_seq, position)
) WITHOUT ROWID;

-- Full-text search that works for Chinese (no spaces between words): trigrams match any
-- substring of three or more characters. `body` holds summary, agency name, tags and field labels.
CREATE VIRTUAL TABLE catalog_fts USING fts5(name, body, tokenize = 'trigram');

-- One- and two-character queries: the same text as unigram and bigram tokens (none across
-- whitespace; punctuation spelt as a private-use mark and its code point, see grams() in
-- server/catalog/store.ts), so either is one token lookup. Only which entries hold a token
-- is needed: no positions.
CREATE VIRTUAL TABLE catalog_grams USING fts5(name, body, tokenize = 'unicode61 remove_diacritics 0', detail = none);

CREATE TABLE access_requests (
  id TEXT PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES catalog_items(id),
  item_name TEXT NOT NULL,                 -- the entry's name when requested
  requester_id TEXT NOT NULL REFERENCES subjects(id),
  requester_agency TEXT NOT NULL REFERENCES agencies(code),
  provider_agency TEXT NOT NULL REFERENCES agencies(code),
  purpose TEXT NOT NULL CHECK (length(purpose) > 0),
  legal_basis TEXT NOT NULL CHECK (length(legal_basis) > 0),
  fields TEXT NOT NULL DEFAULT '[]',       -- JSON array of field names; empty means all
  desensitized INTEGER NOT NULL DEFAULT 0 CHECK (desensitized IN (0, 1)),
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  created_at TEXT NOT NULL,
  -- Who decided, when and why (Art. 22). `system` for the immediate approval of unconditional entries.
  decision TEXT CHECK (decision IN ('approve', 'reject')),
  decision_reason TEXT,
  decider_id TEXT,
  decided_at TEXT,
  CHECK ((status = 'pending') = (decision IS NULL)),
  CHECK (decision IS NULL OR (decider_id IS NOT NULL AND decided_at IS NOT NULL AND decision_reason IS NOT NULL)),
  CHECK (status = 'pending' OR (status = 'approved') = (decision = 'approve'))
);

CREATE INDEX access_requests_requester ON access_requests (requester_id, created_at DESC);
CREATE INDEX access_requests_provider ON access_requests (provider_agency, status, created_at DESC);
CREATE INDEX access_requests_item ON access_requests (item_id, requester_id, status);
