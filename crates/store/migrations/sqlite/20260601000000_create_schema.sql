-- Ironbridge store, schema version 1 (SQLite).
--
-- An assessment is a lineage of revisions; a final revision is frozen (the
-- triggers below reject any change to it or its rows) and a change makes a
-- new revision. Every change is written to `audit_log` in the same
-- transaction; the log is hash-chained per assessment and append-only.
-- Timestamps are UTC text, `YYYY-MM-DDTHH:MM:SS.ffffffZ`. Responses, sites,
-- target overrides and register entries are JSON text in the core formats.

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (name <> '')
) STRICT;

CREATE TABLE assessments (
    id TEXT PRIMARY KEY CHECK (id <> ''),
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    created_at TEXT NOT NULL,
    -- The audit summary carried in by an imported bundle (JSON), if any.
    audit_baseline TEXT,
    -- The head of the audit chain: the last entry's number and hash.
    audit_seq INTEGER NOT NULL DEFAULT 0 CHECK (audit_seq >= 0),
    audit_head TEXT NOT NULL CHECK (length(audit_head) = 64)
) STRICT;

CREATE TABLE assessment_revisions (
    key INTEGER PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    revision INTEGER NOT NULL CHECK (revision >= 1),
    status TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'final')),
    title TEXT NOT NULL,
    bank_id TEXT NOT NULL,
    bank_version TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('workshop', 'self_assessment')),
    assessor_name TEXT NOT NULL,
    assessor_role TEXT NOT NULL,
    assessor_organisation TEXT,
    started_on TEXT NOT NULL,
    completed_on TEXT,
    target_profile TEXT NOT NULL,
    target_overrides TEXT NOT NULL,
    sector TEXT NOT NULL,
    employees INTEGER NOT NULL CHECK (employees >= 0),
    annual_revenue REAL NOT NULL,
    currency TEXT NOT NULL,
    operating_days_per_year INTEGER NOT NULL CHECK (operating_days_per_year >= 0),
    annual_operating_profit REAL,
    cash_available REAL,
    sites TEXT NOT NULL,
    -- The consultant's edits to the report's narrative (JSON).
    narrative TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (assessment_id, revision)
) STRICT;

CREATE TABLE participants (
    revision_key INTEGER NOT NULL REFERENCES assessment_revisions (key),
    position INTEGER NOT NULL CHECK (position >= 0),
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    organisation TEXT,
    PRIMARY KEY (revision_key, position)
) STRICT;

CREATE TABLE answers (
    revision_key INTEGER NOT NULL REFERENCES assessment_revisions (key),
    question TEXT NOT NULL,
    response TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (revision_key, question)
) STRICT;

CREATE TABLE notes (
    revision_key INTEGER NOT NULL REFERENCES assessment_revisions (key),
    question TEXT NOT NULL,
    body TEXT NOT NULL CHECK (body <> ''),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (revision_key, question)
) STRICT;

CREATE TABLE follow_ups (
    revision_key INTEGER NOT NULL REFERENCES assessment_revisions (key),
    question TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    raised_by TEXT NOT NULL,
    PRIMARY KEY (revision_key, question)
) STRICT;

CREATE TABLE systems (
    revision_key INTEGER NOT NULL REFERENCES assessment_revisions (key),
    id TEXT NOT NULL,
    position INTEGER NOT NULL CHECK (position >= 0),
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (revision_key, id),
    UNIQUE (revision_key, position)
) STRICT;

CREATE TABLE providers (
    revision_key INTEGER NOT NULL REFERENCES assessment_revisions (key),
    id TEXT NOT NULL,
    position INTEGER NOT NULL CHECK (position >= 0),
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (revision_key, id),
    UNIQUE (revision_key, position)
) STRICT;

-- Evidence content, stored once per SHA-256 (lowercase hex) and capped at 16 MiB.
CREATE TABLE evidence_blobs (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size INTEGER NOT NULL CHECK (size BETWEEN 0 AND 16777216),
    content BLOB NOT NULL CHECK (length(content) = size)
) STRICT;

CREATE TABLE evidence (
    revision_key INTEGER NOT NULL REFERENCES assessment_revisions (key),
    file_name TEXT NOT NULL CHECK (file_name <> ''),
    sha256 TEXT NOT NULL REFERENCES evidence_blobs (sha256),
    media_type TEXT NOT NULL,
    question TEXT,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    PRIMARY KEY (revision_key, file_name)
) STRICT;

CREATE INDEX evidence_by_blob ON evidence (sha256);

-- Append-only: who, when, what, the old and new value (JSON), and the hash
-- chain (`hash` = SHA-256 over the entry and `prev_hash`).
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    chain_seq INTEGER NOT NULL CHECK (chain_seq >= 1),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    revision INTEGER NOT NULL,
    entity TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash TEXT NOT NULL CHECK (length(hash) = 64),
    UNIQUE (assessment_id, chain_seq)
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'ironbridge: the audit log is append-only'); END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'ironbridge: the audit log is append-only'); END;

-- A final revision is frozen: its own row and every row that belongs to it.
CREATE TRIGGER assessment_revisions_frozen_update BEFORE UPDATE ON assessment_revisions
WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER assessment_revisions_frozen_delete BEFORE DELETE ON assessment_revisions
WHEN OLD.status = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER participants_frozen_insert BEFORE INSERT ON participants
WHEN (SELECT status FROM assessment_revisions WHERE key = NEW.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER participants_frozen_update BEFORE UPDATE ON participants
WHEN (SELECT status FROM assessment_revisions WHERE key = OLD.revision_key) = 'final'
    OR (SELECT status FROM assessment_revisions WHERE key = NEW.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER participants_frozen_delete BEFORE DELETE ON participants
WHEN (SELECT status FROM assessment_revisions WHERE key = OLD.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER answers_frozen_insert BEFORE INSERT ON answers
WHEN (SELECT status FROM assessment_revisions WHERE key = NEW.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER answers_frozen_update BEFORE UPDATE ON answers
WHEN (SELECT status FROM assessment_revisions WHERE key = OLD.revision_key) = 'final'
    OR (SELECT status FROM assessment_revisions WHERE key = NEW.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER answers_frozen_delete BEFORE DELETE ON answers
WHEN (SELECT status FROM assessment_revisions WHERE key = OLD.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER notes_frozen_insert BEFORE INSERT ON notes
WHEN (SELECT status FROM assessment_revisions WHERE key = NEW.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER notes_frozen_update BEFORE UPDATE ON notes
WHEN (SELECT status FROM assessment_revisions WHERE key = OLD.revision_key) = 'final'
    OR (SELECT status FROM assessment_revisions WHERE key = NEW.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER notes_frozen_delete BEFORE DELETE ON notes
WHEN (SELECT status FROM assessment_revisions WHERE key = OLD.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER follow_ups_frozen_insert BEFORE INSERT ON follow_ups
WHEN (SELECT status FROM assessment_revisions WHERE key = NEW.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER follow_ups_frozen_update BEFORE UPDATE ON follow_ups
WHEN (SELECT status FROM assessment_revisions WHERE key = OLD.revision_key) = 'final'
    OR (SELECT status FROM assessment_revisions WHERE key = NEW.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER follow_ups_frozen_delete BEFORE DELETE ON follow_ups
WHEN (SELECT status FROM assessment_revisions WHERE key = OLD.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER systems_frozen_insert BEFORE INSERT ON systems
WHEN (SELECT status FROM assessment_revisions WHERE key = NEW.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER systems_frozen_update BEFORE UPDATE ON systems
WHEN (SELECT status FROM assessment_revisions WHERE key = OLD.revision_key) = 'final'
    OR (SELECT status FROM assessment_revisions WHERE key = NEW.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER systems_frozen_delete BEFORE DELETE ON systems
WHEN (SELECT status FROM assessment_revisions WHERE key = OLD.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER providers_frozen_insert BEFORE INSERT ON providers
WHEN (SELECT status FROM assessment_revisions WHERE key = NEW.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER providers_frozen_update BEFORE UPDATE ON providers
WHEN (SELECT status FROM assessment_revisions WHERE key = OLD.revision_key) = 'final'
    OR (SELECT status FROM assessment_revisions WHERE key = NEW.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER providers_frozen_delete BEFORE DELETE ON providers
WHEN (SELECT status FROM assessment_revisions WHERE key = OLD.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER evidence_frozen_insert BEFORE INSERT ON evidence
WHEN (SELECT status FROM assessment_revisions WHERE key = NEW.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER evidence_frozen_update BEFORE UPDATE ON evidence
WHEN (SELECT status FROM assessment_revisions WHERE key = OLD.revision_key) = 'final'
    OR (SELECT status FROM assessment_revisions WHERE key = NEW.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

CREATE TRIGGER evidence_frozen_delete BEFORE DELETE ON evidence
WHEN (SELECT status FROM assessment_revisions WHERE key = OLD.revision_key) = 'final'
BEGIN SELECT RAISE(ABORT, 'ironbridge: revision is final'); END;

