-- Ironbridge store, schema version 2 (SQLite): a signed audit log.
--
-- Each entry written from this version on carries `mac`, an HMAC-SHA256 of
-- its hash with the audit key, a secret kept outside the database (the
-- `audit.key` file); the assessment's recorded head carries one too
-- (`audit_head_mac`, over the assessment id, the entry number and the head
-- hash) and names the key that signed it (`audit_key_id`, a public name of
-- the key, not the key). Entries written before this version have no `mac`;
-- the heads of their chains are signed once, when the store that runs this
-- migration opens, and are trusted as they were found then.

ALTER TABLE audit_log ADD COLUMN mac TEXT CHECK (mac IS NULL OR length(mac) = 64);

ALTER TABLE assessments ADD COLUMN audit_key_id TEXT
    CHECK (audit_key_id IS NULL OR length(audit_key_id) = 16);

ALTER TABLE assessments ADD COLUMN audit_head_mac TEXT
    CHECK (audit_head_mac IS NULL OR length(audit_head_mac) = 64);

-- `INSERT OR REPLACE`, `REPLACE INTO` and an upsert resolve a conflict by
-- deleting the old row without firing the delete trigger: refuse any insert
-- whose entry (assessment and number, or row id) exists already, before the
-- conflict is resolved.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (
        SELECT 1 FROM audit_log
        WHERE assessment_id = NEW.assessment_id AND chain_seq = NEW.chain_seq
    )
    OR EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq)
BEGIN SELECT RAISE(ABORT, 'ironbridge: the audit log is append-only'); END;
