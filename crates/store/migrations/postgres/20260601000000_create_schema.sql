-- Ironbridge store, schema version 1 (PostgreSQL).
--
-- The same model as the SQLite schema: an assessment is a lineage of
-- revisions; a final revision is frozen (triggers reject any change to it or
-- its rows) and a change makes a new revision. Every change is written to
-- `audit_log` in the same transaction; the log is hash-chained per assessment
-- and append-only (triggers reject UPDATE, DELETE and TRUNCATE). Responses,
-- sites, target overrides, register entries and audit values are JSON text
-- in the core formats, kept as text so that they hash exactly as written.

CREATE TABLE organisations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (name <> '')
);

CREATE TABLE assessments (
    id TEXT PRIMARY KEY CHECK (id <> ''),
    organisation_id BIGINT NOT NULL REFERENCES organisations (id),
    created_at TIMESTAMPTZ NOT NULL,
    -- The audit summary carried in by an imported bundle (JSON), if any.
    audit_baseline TEXT,
    -- The head of the audit chain: the last entry's number and hash.
    audit_seq BIGINT NOT NULL DEFAULT 0 CHECK (audit_seq >= 0),
    audit_head TEXT NOT NULL CHECK (length(audit_head) = 64)
);

CREATE TABLE assessment_revisions (
    key BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    revision BIGINT NOT NULL CHECK (revision >= 1),
    status TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'final')),
    title TEXT NOT NULL,
    bank_id TEXT NOT NULL,
    bank_version TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('workshop', 'self_assessment')),
    assessor_name TEXT NOT NULL,
    assessor_role TEXT NOT NULL,
    assessor_organisation TEXT,
    started_on DATE NOT NULL,
    completed_on DATE,
    target_profile TEXT NOT NULL,
    target_overrides TEXT NOT NULL,
    sector TEXT NOT NULL,
    employees BIGINT NOT NULL CHECK (employees >= 0),
    annual_revenue DOUBLE PRECISION NOT NULL,
    currency TEXT NOT NULL,
    operating_days_per_year BIGINT NOT NULL CHECK (operating_days_per_year >= 0),
    annual_operating_profit DOUBLE PRECISION,
    cash_available DOUBLE PRECISION,
    sites TEXT NOT NULL,
    -- The consultant's edits to the report's narrative (JSON).
    narrative TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    UNIQUE (assessment_id, revision)
);

CREATE TABLE participants (
    revision_key BIGINT NOT NULL REFERENCES assessment_revisions (key),
    position BIGINT NOT NULL CHECK (position >= 0),
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    organisation TEXT,
    PRIMARY KEY (revision_key, position)
);

CREATE TABLE answers (
    revision_key BIGINT NOT NULL REFERENCES assessment_revisions (key),
    question TEXT NOT NULL,
    response TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (revision_key, question)
);

CREATE TABLE notes (
    revision_key BIGINT NOT NULL REFERENCES assessment_revisions (key),
    question TEXT NOT NULL,
    body TEXT NOT NULL CHECK (body <> ''),
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (revision_key, question)
);

CREATE TABLE follow_ups (
    revision_key BIGINT NOT NULL REFERENCES assessment_revisions (key),
    question TEXT NOT NULL,
    raised_at TIMESTAMPTZ NOT NULL,
    raised_by TEXT NOT NULL,
    PRIMARY KEY (revision_key, question)
);

CREATE TABLE systems (
    revision_key BIGINT NOT NULL REFERENCES assessment_revisions (key),
    id TEXT NOT NULL,
    position BIGINT NOT NULL CHECK (position >= 0),
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (revision_key, id),
    UNIQUE (revision_key, position)
);

CREATE TABLE providers (
    revision_key BIGINT NOT NULL REFERENCES assessment_revisions (key),
    id TEXT NOT NULL,
    position BIGINT NOT NULL CHECK (position >= 0),
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (revision_key, id),
    UNIQUE (revision_key, position)
);

-- Evidence content, stored once per SHA-256 (lowercase hex) and capped at 16 MiB.
CREATE TABLE evidence_blobs (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size BIGINT NOT NULL CHECK (size BETWEEN 0 AND 16777216),
    content BYTEA NOT NULL CHECK (length(content) = size)
);

CREATE TABLE evidence (
    revision_key BIGINT NOT NULL REFERENCES assessment_revisions (key),
    file_name TEXT NOT NULL CHECK (file_name <> ''),
    sha256 TEXT NOT NULL REFERENCES evidence_blobs (sha256),
    media_type TEXT NOT NULL,
    question TEXT,
    added_at TIMESTAMPTZ NOT NULL,
    added_by TEXT NOT NULL,
    PRIMARY KEY (revision_key, file_name)
);

CREATE INDEX evidence_by_blob ON evidence (sha256);

-- Append-only: who, when, what, the old and new value (JSON), and the hash
-- chain (`hash` = SHA-256 over the entry and `prev_hash`).
CREATE TABLE audit_log (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    chain_seq BIGINT NOT NULL CHECK (chain_seq >= 1),
    at TIMESTAMPTZ NOT NULL,
    actor TEXT NOT NULL,
    revision BIGINT NOT NULL,
    entity TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash TEXT NOT NULL CHECK (length(hash) = 64),
    UNIQUE (assessment_id, chain_seq)
);

CREATE FUNCTION ironbridge_audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ironbridge: the audit log is append-only'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION ironbridge_audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION ironbridge_audit_log_append_only();

-- A final revision is frozen: its own row and every row that belongs to it.
CREATE FUNCTION ironbridge_revision_frozen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR TG_OP = 'UPDATE' THEN
        IF OLD.status = 'final' THEN
            RAISE EXCEPTION 'ironbridge: revision is final'
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER assessment_revisions_frozen BEFORE UPDATE OR DELETE ON assessment_revisions
FOR EACH ROW EXECUTE FUNCTION ironbridge_revision_frozen();

CREATE FUNCTION ironbridge_row_of_final_revision() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
        SELECT 1 FROM assessment_revisions WHERE key = OLD.revision_key AND status = 'final'
    ) THEN
        RAISE EXCEPTION 'ironbridge: revision is final'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND EXISTS (
        SELECT 1 FROM assessment_revisions WHERE key = NEW.revision_key AND status = 'final'
    ) THEN
        RAISE EXCEPTION 'ironbridge: revision is final'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER participants_frozen BEFORE INSERT OR UPDATE OR DELETE ON participants
FOR EACH ROW EXECUTE FUNCTION ironbridge_row_of_final_revision();

CREATE TRIGGER answers_frozen BEFORE INSERT OR UPDATE OR DELETE ON answers
FOR EACH ROW EXECUTE FUNCTION ironbridge_row_of_final_revision();

CREATE TRIGGER notes_frozen BEFORE INSERT OR UPDATE OR DELETE ON notes
FOR EACH ROW EXECUTE FUNCTION ironbridge_row_of_final_revision();

CREATE TRIGGER follow_ups_frozen BEFORE INSERT OR UPDATE OR DELETE ON follow_ups
FOR EACH ROW EXECUTE FUNCTION ironbridge_row_of_final_revision();

CREATE TRIGGER systems_frozen BEFORE INSERT OR UPDATE OR DELETE ON systems
FOR EACH ROW EXECUTE FUNCTION ironbridge_row_of_final_revision();

CREATE TRIGGER providers_frozen BEFORE INSERT OR UPDATE OR DELETE ON providers
FOR EACH ROW EXECUTE FUNCTION ironbridge_row_of_final_revision();

CREATE TRIGGER evidence_frozen BEFORE INSERT OR UPDATE OR DELETE ON evidence
FOR EACH ROW EXECUTE FUNCTION ironbridge_row_of_final_revision();

