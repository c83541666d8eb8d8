//! The embedded SQLite store: one file in the user's data folder.
//!
//! Invariants: the file (and so its `-wal` and `-shm` companions, which
//! SQLite creates with the same mode) is readable by the user only (0600), in
//! a folder that is the user's only (0700) when the store creates it; every
//! pooled connection runs with WAL, `synchronous=FULL`, foreign keys on,
//! `secure_delete` on and a busy timeout, so a commit is on disk when it
//! returns; writers take the write lock up front (`BEGIN IMMEDIATE`), so two
//! processes writing one file wait for each other instead of failing. The
//! file carries Ironbridge's application id, and a file that is not
//! Ironbridge's is never opened for writing ([`crate::sqlite_file`]); closing
//! the store ([`crate::Close`]) leaves the whole database in the file itself
//! ([`crate::checkpoint`]). Queries are checked at compile time against the schema (`query!`, data in
//! `.sqlx/`).

mod open;

use chrono::{DateTime, NaiveDate, Utc};
use ironbridge_core::assessment::{BankRef, Person, Status};
use sqlx::{Sqlite, Transaction};

pub use self::open::{BUSY_TIMEOUT, SqliteStore, connect_options};
use crate::audit::{GENESIS, timestamp};
use crate::backend::{
    AnswerState, Content, EvidenceRow, Head, Register, RegisterRow, RevisionRow, Tx, UnsignedHead,
    enum_text, parse_enum,
};
use crate::error::{Result, StoreError};
use crate::model::{AssessmentSummary, AuditEntry};

/// A transaction on the SQLite store.
#[derive(Debug)]
pub(crate) struct SqliteTx {
    tx: Transaction<'static, Sqlite>,
}

impl Tx for SqliteTx {
    async fn organisation_id(&mut self, name: &str) -> Result<i64> {
        let id = sqlx::query_scalar!(
            "INSERT INTO organisations (name) VALUES (?1)
             ON CONFLICT (name) DO UPDATE SET name = excluded.name
             RETURNING id",
            name
        )
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(id)
    }

    async fn insert_assessment(
        &mut self,
        id: &str,
        organisation: i64,
        at: DateTime<Utc>,
        baseline: Option<&str>,
    ) -> Result<bool> {
        let at = timestamp(&at);
        let done = sqlx::query!(
            "INSERT INTO assessments (id, organisation_id, created_at, audit_baseline, audit_seq, audit_head)
             VALUES (?1, ?2, ?3, ?4, 0, ?5)
             ON CONFLICT (id) DO NOTHING",
            id,
            organisation,
            at,
            baseline,
            GENESIS
        )
        .execute(&mut *self.tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn lock_head(&mut self, id: &str) -> Result<Option<Head>> {
        let row = sqlx::query!(
            "SELECT audit_seq, audit_head, audit_baseline, audit_key_id, audit_head_mac
             FROM assessments WHERE id = ?1",
            id
        )
        .fetch_optional(&mut *self.tx)
        .await?;
        row.map(|r| {
            Ok(Head {
                audit_seq: to_u64(r.audit_seq, "audit_seq")?,
                audit_head: r.audit_head,
                baseline: r.audit_baseline,
                key_id: r.audit_key_id,
                head_mac: r.audit_head_mac,
            })
        })
        .transpose()
    }

    async fn head(&mut self, id: &str) -> Result<Option<Head>> {
        // BEGIN IMMEDIATE already holds the write lock; reading is the same.
        self.lock_head(id).await
    }

    async fn set_head(
        &mut self,
        id: &str,
        seq: u64,
        hash: &str,
        key_id: &str,
        mac: &str,
    ) -> Result<()> {
        let seq = seq as i64;
        sqlx::query!(
            "UPDATE assessments SET audit_seq = ?1, audit_head = ?2, audit_key_id = ?3,
                                    audit_head_mac = ?4
             WHERE id = ?5",
            seq,
            hash,
            key_id,
            mac,
            id
        )
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn unsigned_heads(&mut self) -> Result<Vec<UnsignedHead>> {
        let rows = sqlx::query!(
            "SELECT id, audit_seq, audit_head FROM assessments WHERE audit_head_mac IS NULL
             ORDER BY id"
        )
        .fetch_all(&mut *self.tx)
        .await?;
        rows.into_iter()
            .map(|r| Ok((r.id, to_u64(r.audit_seq, "audit_seq")?, r.audit_head)))
            .collect()
    }

    async fn revision_numbers(&mut self, id: &str) -> Result<Vec<u32>> {
        let rows = sqlx::query_scalar!(
            "SELECT revision FROM assessment_revisions WHERE assessment_id = ?1
             ORDER BY revision",
            id
        )
        .fetch_all(&mut *self.tx)
        .await?;
        rows.into_iter()
            .map(|n| u32::try_from(n).map_err(|_| corrupt("revision")))
            .collect()
    }

    async fn revision(&mut self, id: &str, revision: Option<u32>) -> Result<Option<RevisionRow>> {
        let revision = revision.map(i64::from);
        let row = sqlx::query!(
            r#"SELECT r.key, r.assessment_id, r.revision, r.status, r.title, r.bank_id,
                      r.bank_version, r.mode, r.assessor_name, r.assessor_role,
                      r.assessor_organisation, r.started_on, r.completed_on, r.target_profile,
                      r.target_overrides, o.name AS organisation, r.sector, r.employees,
                      r.annual_revenue, r.currency, r.operating_days_per_year,
                      r.annual_operating_profit, r.cash_available, r.sites, r.narrative,
                      r.exposure_assumptions, r.roadmap_plan, r.created_at, r.updated_at
               FROM assessment_revisions r
               JOIN assessments a ON a.id = r.assessment_id
               JOIN organisations o ON o.id = a.organisation_id
               WHERE r.assessment_id = ?1 AND (?2 IS NULL OR r.revision = ?2)
               ORDER BY r.revision DESC
               LIMIT 1"#,
            id,
            revision
        )
        .fetch_optional(&mut *self.tx)
        .await?;
        let Some(r) = row else { return Ok(None) };
        Ok(Some(RevisionRow {
            key: r.key,
            assessment_id: r.assessment_id,
            revision: u32::try_from(r.revision).map_err(|_| corrupt("revision"))?,
            status: parse_enum(&r.status, "status")?,
            title: r.title,
            bank_id: r.bank_id,
            bank_version: r.bank_version,
            mode: parse_enum(&r.mode, "mode")?,
            assessor: Person {
                name: r.assessor_name,
                role: r.assessor_role,
                organisation: r.assessor_organisation,
            },
            started_on: parse_date(&r.started_on)?,
            completed_on: r.completed_on.as_deref().map(parse_date).transpose()?,
            target_profile: r.target_profile,
            target_overrides: r.target_overrides,
            organisation: r.organisation,
            sector: r.sector,
            employees: r.employees,
            annual_revenue: r.annual_revenue,
            currency: r.currency,
            operating_days_per_year: r.operating_days_per_year,
            annual_operating_profit: r.annual_operating_profit,
            cash_available: r.cash_available,
            sites: r.sites,
            narrative: r.narrative,
            exposure_assumptions: r.exposure_assumptions,
            roadmap_plan: r.roadmap_plan,
            created_at: parse_time(&r.created_at)?,
            updated_at: parse_time(&r.updated_at)?,
        }))
    }

    async fn insert_revision(&mut self, row: &RevisionRow) -> Result<i64> {
        let revision = i64::from(row.revision);
        let status = enum_text(&row.status);
        let mode = enum_text(&row.mode);
        let started_on = row.started_on.to_string();
        let completed_on = row.completed_on.map(|d| d.to_string());
        let created_at = timestamp(&row.created_at);
        let updated_at = timestamp(&row.updated_at);
        let key = sqlx::query_scalar!(
            "INSERT INTO assessment_revisions (
                 assessment_id, revision, status, title, bank_id, bank_version, mode,
                 assessor_name, assessor_role, assessor_organisation, started_on, completed_on,
                 target_profile, target_overrides, sector, employees, annual_revenue, currency,
                 operating_days_per_year, annual_operating_profit, cash_available, sites,
                 narrative, exposure_assumptions, roadmap_plan, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                     ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)
             RETURNING key AS \"key!\"",
            row.assessment_id,
            revision,
            status,
            row.title,
            row.bank_id,
            row.bank_version,
            mode,
            row.assessor.name,
            row.assessor.role,
            row.assessor.organisation,
            started_on,
            completed_on,
            row.target_profile,
            row.target_overrides,
            row.sector,
            row.employees,
            row.annual_revenue,
            row.currency,
            row.operating_days_per_year,
            row.annual_operating_profit,
            row.cash_available,
            row.sites,
            row.narrative,
            row.exposure_assumptions,
            row.roadmap_plan,
            created_at,
            updated_at
        )
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(key)
    }

    async fn set_status(
        &mut self,
        key: i64,
        status: Status,
        completed_on: Option<NaiveDate>,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let status = enum_text(&status);
        let completed_on = completed_on.map(|d| d.to_string());
        let at = timestamp(&at);
        sqlx::query!(
            "UPDATE assessment_revisions SET status = ?1, completed_on = ?2, updated_at = ?3
             WHERE key = ?4",
            status,
            completed_on,
            at,
            key
        )
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn set_narrative(&mut self, key: i64, narrative: &str, at: DateTime<Utc>) -> Result<()> {
        let at = timestamp(&at);
        sqlx::query!(
            "UPDATE assessment_revisions SET narrative = ?1, updated_at = ?2 WHERE key = ?3",
            narrative,
            at,
            key
        )
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn set_plan(&mut self, key: i64, plan: &str, at: DateTime<Utc>) -> Result<()> {
        let at = timestamp(&at);
        sqlx::query!(
            "UPDATE assessment_revisions SET roadmap_plan = ?1, updated_at = ?2 WHERE key = ?3",
            plan,
            at,
            key
        )
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn set_assumptions(
        &mut self,
        key: i64,
        assumptions: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let at = timestamp(&at);
        sqlx::query!(
            "UPDATE assessment_revisions SET exposure_assumptions = ?1, updated_at = ?2
             WHERE key = ?3",
            assumptions,
            at,
            key
        )
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn touch(&mut self, key: i64, at: DateTime<Utc>) -> Result<()> {
        let at = timestamp(&at);
        sqlx::query!(
            "UPDATE assessment_revisions SET updated_at = ?1 WHERE key = ?2",
            at,
            key
        )
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn answer_state(&mut self, key: i64, question: &str) -> Result<AnswerState> {
        let row = sqlx::query!(
            r#"SELECT
                 (SELECT response FROM answers WHERE revision_key = ?1 AND question = ?2)
                     AS "response: String",
                 (SELECT body FROM notes WHERE revision_key = ?1 AND question = ?2)
                     AS "note: String",
                 EXISTS (SELECT 1 FROM follow_ups WHERE revision_key = ?1 AND question = ?2)
                     AS "follow_up!: bool""#,
            key,
            question
        )
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(AnswerState {
            response: row.response,
            note: row.note,
            follow_up: row.follow_up,
        })
    }

    async fn set_response(
        &mut self,
        key: i64,
        question: &str,
        response: Option<&str>,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        match response {
            Some(response) => {
                let at = timestamp(&at);
                sqlx::query!(
                    "INSERT INTO answers (revision_key, question, response, updated_at, updated_by)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (revision_key, question) DO UPDATE SET
                         response = excluded.response,
                         updated_at = excluded.updated_at,
                         updated_by = excluded.updated_by",
                    key,
                    question,
                    response,
                    at,
                    actor
                )
                .execute(&mut *self.tx)
                .await?;
            }
            None => {
                sqlx::query!(
                    "DELETE FROM answers WHERE revision_key = ?1 AND question = ?2",
                    key,
                    question
                )
                .execute(&mut *self.tx)
                .await?;
            }
        }
        Ok(())
    }

    async fn set_note(
        &mut self,
        key: i64,
        question: &str,
        note: Option<&str>,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        match note {
            Some(note) => {
                let at = timestamp(&at);
                sqlx::query!(
                    "INSERT INTO notes (revision_key, question, body, updated_at, updated_by)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (revision_key, question) DO UPDATE SET
                         body = excluded.body,
                         updated_at = excluded.updated_at,
                         updated_by = excluded.updated_by",
                    key,
                    question,
                    note,
                    at,
                    actor
                )
                .execute(&mut *self.tx)
                .await?;
            }
            None => {
                sqlx::query!(
                    "DELETE FROM notes WHERE revision_key = ?1 AND question = ?2",
                    key,
                    question
                )
                .execute(&mut *self.tx)
                .await?;
            }
        }
        Ok(())
    }

    async fn set_follow_up(
        &mut self,
        key: i64,
        question: &str,
        raised: bool,
        at: DateTime<Utc>,
        actor: &str,
    ) -> Result<()> {
        if raised {
            let at = timestamp(&at);
            sqlx::query!(
                "INSERT INTO follow_ups (revision_key, question, raised_at, raised_by)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (revision_key, question) DO NOTHING",
                key,
                question,
                at,
                actor
            )
            .execute(&mut *self.tx)
            .await?;
        } else {
            sqlx::query!(
                "DELETE FROM follow_ups WHERE revision_key = ?1 AND question = ?2",
                key,
                question
            )
            .execute(&mut *self.tx)
            .await?;
        }
        Ok(())
    }

    async fn insert_participant(&mut self, key: i64, position: i64, person: &Person) -> Result<()> {
        sqlx::query!(
            "INSERT INTO participants (revision_key, position, name, role, organisation)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            key,
            position,
            person.name,
            person.role,
            person.organisation
        )
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn clear_registers(&mut self, key: i64) -> Result<()> {
        sqlx::query!("DELETE FROM systems WHERE revision_key = ?1", key)
            .execute(&mut *self.tx)
            .await?;
        sqlx::query!("DELETE FROM providers WHERE revision_key = ?1", key)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    async fn insert_register(
        &mut self,
        register: Register,
        key: i64,
        row: &RegisterRow,
    ) -> Result<()> {
        match register {
            Register::Systems => {
                sqlx::query!(
                    "INSERT INTO systems (revision_key, id, position, name, body)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    key,
                    row.id,
                    row.position,
                    row.name,
                    row.body
                )
                .execute(&mut *self.tx)
                .await?;
            }
            Register::Providers => {
                sqlx::query!(
                    "INSERT INTO providers (revision_key, id, position, name, body)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    key,
                    row.id,
                    row.position,
                    row.name,
                    row.body
                )
                .execute(&mut *self.tx)
                .await?;
            }
        }
        Ok(())
    }

    async fn insert_blob(&mut self, sha256: &str, content: &[u8]) -> Result<()> {
        let size = content.len() as i64;
        sqlx::query!(
            "INSERT INTO evidence_blobs (sha256, size, content) VALUES (?1, ?2, ?3)
             ON CONFLICT (sha256) DO NOTHING",
            sha256,
            size,
            content
        )
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn insert_evidence(&mut self, key: i64, row: &EvidenceRow) -> Result<()> {
        let added_at = timestamp(&row.added_at);
        sqlx::query!(
            "INSERT INTO evidence (revision_key, file_name, sha256, media_type, question, added_at, added_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            key,
            row.file_name,
            row.sha256,
            row.media_type,
            row.question,
            added_at,
            row.added_by
        )
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn content(&mut self, key: i64, with_blobs: bool) -> Result<Content> {
        let participants = sqlx::query!(
            "SELECT name, role, organisation FROM participants WHERE revision_key = ?1
             ORDER BY position",
            key
        )
        .fetch_all(&mut *self.tx)
        .await?
        .into_iter()
        .map(|r| Person {
            name: r.name,
            role: r.role,
            organisation: r.organisation,
        })
        .collect();
        let answers = sqlx::query!(
            "SELECT question, response FROM answers WHERE revision_key = ?1 ORDER BY question",
            key
        )
        .fetch_all(&mut *self.tx)
        .await?
        .into_iter()
        .map(|r| (r.question, r.response))
        .collect();
        let notes = sqlx::query!(
            "SELECT question, body FROM notes WHERE revision_key = ?1 ORDER BY question",
            key
        )
        .fetch_all(&mut *self.tx)
        .await?
        .into_iter()
        .map(|r| (r.question, r.body))
        .collect();
        let follow_ups = sqlx::query_scalar!(
            "SELECT question FROM follow_ups WHERE revision_key = ?1 ORDER BY question",
            key
        )
        .fetch_all(&mut *self.tx)
        .await?;
        let systems = sqlx::query_as!(
            RegisterRow,
            "SELECT id, position, name, body FROM systems WHERE revision_key = ?1
             ORDER BY position",
            key
        )
        .fetch_all(&mut *self.tx)
        .await?;
        let providers = sqlx::query_as!(
            RegisterRow,
            "SELECT id, position, name, body FROM providers WHERE revision_key = ?1
             ORDER BY position",
            key
        )
        .fetch_all(&mut *self.tx)
        .await?;
        let rows = sqlx::query!(
            r#"SELECT e.file_name, e.sha256, e.media_type, e.question, b.size, e.added_at,
                      e.added_by, CASE WHEN ?2 THEN b.content END AS "content: Vec<u8>"
               FROM evidence e JOIN evidence_blobs b ON b.sha256 = e.sha256
               WHERE e.revision_key = ?1
               ORDER BY e.file_name"#,
            key,
            with_blobs
        )
        .fetch_all(&mut *self.tx)
        .await?;
        let mut evidence = Vec::with_capacity(rows.len());
        for r in rows {
            evidence.push(EvidenceRow {
                file_name: r.file_name,
                sha256: r.sha256,
                media_type: r.media_type,
                question: r.question,
                size: r.size,
                added_at: parse_time(&r.added_at)?,
                added_by: r.added_by,
                content: r.content,
            });
        }
        Ok(Content {
            participants,
            answers,
            notes,
            follow_ups,
            systems,
            providers,
            evidence,
        })
    }

    async fn append_audit(&mut self, entry: &AuditEntry) -> Result<()> {
        let chain_seq = entry.chain_seq as i64;
        let at = timestamp(&entry.at);
        let revision = i64::from(entry.revision);
        sqlx::query!(
            "INSERT INTO audit_log (assessment_id, chain_seq, at, actor, revision, entity,
                                    entity_key, old_value, new_value, prev_hash, hash, mac)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            entry.assessment_id,
            chain_seq,
            at,
            entry.actor,
            revision,
            entry.entity,
            entry.entity_key,
            entry.old_value,
            entry.new_value,
            entry.prev_hash,
            entry.hash,
            entry.mac
        )
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn audit_entries(&mut self, id: &str) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query!(
            "SELECT assessment_id, chain_seq, at, actor, revision, entity, entity_key,
                    old_value, new_value, prev_hash, hash, mac
             FROM audit_log WHERE assessment_id = ?1 ORDER BY chain_seq",
            id
        )
        .fetch_all(&mut *self.tx)
        .await?;
        let mut entries = Vec::with_capacity(rows.len());
        for r in rows {
            entries.push(AuditEntry {
                assessment_id: r.assessment_id,
                chain_seq: to_u64(r.chain_seq, "chain_seq")?,
                at: parse_time(&r.at)?,
                actor: r.actor,
                revision: u32::try_from(r.revision).map_err(|_| corrupt("revision"))?,
                entity: r.entity,
                entity_key: r.entity_key,
                old_value: r.old_value,
                new_value: r.new_value,
                prev_hash: r.prev_hash,
                hash: r.hash,
                mac: r.mac,
            });
        }
        Ok(entries)
    }

    async fn summaries(&mut self) -> Result<Vec<AssessmentSummary>> {
        // The latest revision of each assessment (the UNIQUE (assessment_id,
        // revision) index answers the MAX), its answered questions (rows of
        // `answers` exist only for a set response; the primary key's index
        // counts them), newest change first: `updated_at` is fixed-width UTC
        // text, so it sorts as time.
        let rows = sqlx::query!(
            r#"SELECT r.assessment_id, r.revision, r.title, o.name AS organisation, r.mode,
                      r.status, r.bank_id, r.bank_version, r.updated_at,
                      (SELECT COUNT(*) FROM answers WHERE revision_key = r.key) AS "n_answers!: i64"
               FROM assessment_revisions r
               JOIN assessments a ON a.id = r.assessment_id
               JOIN organisations o ON o.id = a.organisation_id
               WHERE r.revision = (SELECT MAX(revision) FROM assessment_revisions
                                   WHERE assessment_id = r.assessment_id)
               ORDER BY r.updated_at DESC, r.assessment_id"#
        )
        .fetch_all(&mut *self.tx)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(AssessmentSummary {
                id: r.assessment_id,
                revision: u32::try_from(r.revision).map_err(|_| corrupt("revision"))?,
                title: r.title,
                organisation: r.organisation,
                mode: parse_enum(&r.mode, "mode")?,
                status: parse_enum(&r.status, "status")?,
                bank: BankRef {
                    id: r.bank_id,
                    version: r.bank_version,
                },
                n_answers: to_u64(r.n_answers, "answers")?,
                updated_at: parse_time(&r.updated_at)?,
            });
        }
        Ok(out)
    }

    async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

fn parse_time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::Corrupt {
            what: format!("timestamp {text:?} is not RFC 3339"),
        })
}

fn parse_date(text: &str) -> Result<NaiveDate> {
    text.parse().map_err(|_| StoreError::Corrupt {
        what: format!("date {text:?} is not YYYY-MM-DD"),
    })
}

fn to_u64(value: i64, column: &str) -> Result<u64> {
    u64::try_from(value).map_err(|_| corrupt(column))
}

fn corrupt(column: &str) -> StoreError {
    StoreError::Corrupt {
        what: format!("{column} is out of range"),
    }
}
