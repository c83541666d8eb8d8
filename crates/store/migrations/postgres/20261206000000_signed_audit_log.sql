-- Ironbridge store, schema version 2 (PostgreSQL): a signed audit log.
--
-- Each entry written from this version on carries `mac`, an HMAC-SHA256 of
-- its hash with the audit key, a secret kept outside the database (the
-- `audit.key` file, which a team hands to each colleague with the team
-- settings); the assessment's recorded head carries one too
-- (`audit_head_mac`, over the assessment id, the entry number and the head
-- hash) and names the key that signed it (`audit_key_id`, a public name of
-- the key, not the key). Entries written before this version have no `mac`;
-- the heads of their chains are signed once, when the store that runs this
-- migration connects, and are trusted as they were found then.
--
-- Replacing an entry is already refused here: `INSERT … ON CONFLICT DO
-- UPDATE` fires the update trigger, a plain duplicate breaks the unique
-- keys, and TRUNCATE has its own trigger (schema version 1).

ALTER TABLE audit_log ADD COLUMN mac TEXT CHECK (mac IS NULL OR length(mac) = 64);

ALTER TABLE assessments
    ADD COLUMN audit_key_id TEXT CHECK (audit_key_id IS NULL OR length(audit_key_id) = 16),
    ADD COLUMN audit_head_mac TEXT CHECK (audit_head_mac IS NULL OR length(audit_head_mac) = 64);
