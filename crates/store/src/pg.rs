//! The PostgreSQL store: the team database.
//!
//! Invariants: every connection runs with `synchronous_commit = on`, so a
//! commit is durable on the server when it returns; a writer locks the
//! assessment's row (`SELECT … FOR UPDATE`) before reading its audit head, so
//! concurrent writers to one assessment queue instead of forking the chain.
//! Queries are checked at run time (`query_as` + `FromRow`) by the shared
//! contract suite against a real server (STYLE §10).

mod connect;
mod rows;

use chrono::{DateTime, NaiveDate, Utc};
use ironbridge_core::assessment::{BankRef, Person, Status};
use sqlx::{Postgres, Transaction};

pub use self::connect::{CONNECT_TIMEOUT, PgStore, parse_url};
use self::rows::{
    AuditRow, EvidenceDbRow, HeadRow, PersonRow, RegisterDbRow, RevisionDbRow, StateRow, SummaryRow,
};
use crate::audit::GENESIS;
use crate::backend::{
    AnswerState, Content, EvidenceRow, Head, Register, RegisterRow, RevisionRow, Tx, UnsignedHead,
    enum_text, parse_enum,
};
use crate::error::{Result, StoreError};
use crate::model::{AssessmentSummary, AuditEntry};

/// A transaction on the PostgreSQL store.
#[derive(Debug)]
pub(crate) struct PgTx {
    tx: Transaction<'static, Postgres>,
}

impl Tx for PgTx {
    async fn organisation_id(&mut self, name: &str) -> Result<i64> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO organisations (name) VALUES ($1)
             ON CONFLICT (name) DO UPDATE SET name = excluded.name
             RETURNING id",
        )
        .bind(name)
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
        let done = sqlx::query(
            "INSERT INTO assessments (id, organisation_id, created_at, audit_baseline, audit_seq, audit_head)
             VALUES ($1, $2, $3, $4, 0, $5)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(id)
        .bind(organisation)
        .bind(at)
        .bind(baseline)
        .bind(GENESIS)
        .execute(&mut *self.tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn lock_head(&mut self, id: &str) -> Result<Option<Head>> {
        let row: Option<HeadRow> = sqlx::query_as(
            "SELECT audit_seq, audit_head, audit_baseline, audit_key_id, audit_head_mac
             FROM assessments WHERE id = $1 FOR UPDATE",
        )
        .bind(id)
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
        let row: Option<HeadRow> = sqlx::query_as(
            "SELECT audit_seq, audit_head, audit_baseline, audit_key_id, audit_head_mac
             FROM assessments WHERE id = $1",
        )
        .bind(id)
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

    async fn set_head(
        &mut self,
        id: &str,
        seq: u64,
        hash: &str,
        key_id: &str,
        mac: &str,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE assessments SET audit_seq = $1, audit_head = $2, audit_key_id = $3,
                                    audit_head_mac = $4
             WHERE id = $5",
        )
        .bind(seq as i64)
        .bind(hash)
        .bind(key_id)
        .bind(mac)
        .bind(id)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn unsigned_heads(&mut self) -> Result<Vec<UnsignedHead>> {
        let rows: Vec<(String, i64, String)> = sqlx::query_as(
            "SELECT id, audit_seq, audit_head FROM assessments WHERE audit_head_mac IS NULL
             ORDER BY id FOR UPDATE",
        )
        .fetch_all(&mut *self.tx)
        .await?;
        rows.into_iter()
            .map(|(id, seq, head)| Ok((id, to_u64(seq, "audit_seq")?, head)))
            .collect()
    }

    async fn revision_numbers(&mut self, id: &str) -> Result<Vec<u32>> {
        let rows: Vec<i64> = sqlx::query_scalar(
            "SELECT revision FROM assessment_revisions WHERE assessment_id = $1 ORDER BY revision",
        )
        .bind(id)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.into_iter()
            .map(|n| u32::try_from(n).map_err(|_| corrupt("revision")))
            .collect()
    }

    async fn revision(&mut self, id: &str, revision: Option<u32>) -> Result<Option<RevisionRow>> {
        let row: Option<RevisionDbRow> = sqlx::query_as(
            "SELECT r.key, r.assessment_id, r.revision, r.status, r.title, r.bank_id,
                    r.bank_version, r.mode, r.assessor_name, r.assessor_role,
                    r.assessor_organisation, r.started_on, r.completed_on, r.target_profile,
                    r.target_overrides, o.name AS organisation, r.sector, r.employees,
                    r.annual_revenue, r.currency, r.operating_days_per_year,
                    r.annual_operating_profit, r.cash_available, r.sites, r.narrative,
                    r.exposure_assumptions, r.roadmap_plan, r.created_at, r.updated_at
             FROM assessment_revisions r
             JOIN assessments a ON a.id = r.assessment_id
             JOIN organisations o ON o.id = a.organisation_id
             WHERE r.assessment_id = $1 AND ($2::BIGINT IS NULL OR r.revision = $2)
             ORDER BY r.revision DESC
             LIMIT 1",
        )
        .bind(id)
        .bind(revision.map(i64::from))
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
            started_on: r.started_on,
            completed_on: r.completed_on,
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
            created_at: r.created_at,
            updated_at: r.updated_at,
        }))
    }

    async fn insert_revision(&mut self, row: &RevisionRow) -> Result<i64> {
        let key: i64 = sqlx::query_scalar(
            "INSERT INTO assessment_revisions (
                 assessment_id, revision, status, title, bank_id, bank_version, mode,
                 assessor_name, assessor_role, assessor_organisation, started_on, completed_on,
                 target_profile, target_overrides, sector, employees, annual_revenue, currency,
                 operating_days_per_year, annual_operating_profit, cash_available, sites,
                 narrative, exposure_assumptions, roadmap_plan, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                     $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)
             RETURNING key",
        )
        .bind(&row.assessment_id)
        .bind(i64::from(row.revision))
        .bind(enum_text(&row.status))
        .bind(&row.title)
        .bind(&row.bank_id)
        .bind(&row.bank_version)
        .bind(enum_text(&row.mode))
        .bind(&row.assessor.name)
        .bind(&row.assessor.role)
        .bind(&row.assessor.organisation)
        .bind(row.started_on)
        .bind(row.completed_on)
        .bind(&row.target_profile)
        .bind(&row.target_overrides)
        .bind(&row.sector)
        .bind(row.employees)
        .bind(row.annual_revenue)
        .bind(&row.currency)
        .bind(row.operating_days_per_year)
        .bind(row.annual_operating_profit)
        .bind(row.cash_available)
        .bind(&row.sites)
        .bind(&row.narrative)
        .bind(&row.exposure_assumptions)
        .bind(&row.roadmap_plan)
        .bind(row.created_at)
        .bind(row.updated_at)
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
        sqlx::query(
            "UPDATE assessment_revisions SET status = $1, completed_on = $2, updated_at = $3
             WHERE key = $4",
        )
        .bind(enum_text(&status))
        .bind(completed_on)
        .bind(at)
        .bind(key)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn set_narrative(&mut self, key: i64, narrative: &str, at: DateTime<Utc>) -> Result<()> {
        sqlx::query(
            "UPDATE assessment_revisions SET narrative = $1, updated_at = $2 WHERE key = $3",
        )
        .bind(narrative)
        .bind(at)
        .bind(key)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn set_plan(&mut self, key: i64, plan: &str, at: DateTime<Utc>) -> Result<()> {
        sqlx::query(
            "UPDATE assessment_revisions SET roadmap_plan = $1, updated_at = $2 WHERE key = $3",
        )
        .bind(plan)
        .bind(at)
        .bind(key)
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
        sqlx::query(
            "UPDATE assessment_revisions SET exposure_assumptions = $1, updated_at = $2
             WHERE key = $3",
        )
        .bind(assumptions)
        .bind(at)
        .bind(key)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn touch(&mut self, key: i64, at: DateTime<Utc>) -> Result<()> {
        sqlx::query("UPDATE assessment_revisions SET updated_at = $1 WHERE key = $2")
            .bind(at)
            .bind(key)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    async fn answer_state(&mut self, key: i64, question: &str) -> Result<AnswerState> {
        let row: StateRow = sqlx::query_as(
            "SELECT
                 (SELECT response FROM answers WHERE revision_key = $1 AND question = $2) AS response,
                 (SELECT body FROM notes WHERE revision_key = $1 AND question = $2) AS note,
                 EXISTS (SELECT 1 FROM follow_ups WHERE revision_key = $1 AND question = $2)
                     AS follow_up",
        )
        .bind(key)
        .bind(question)
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
                sqlx::query(
                    "INSERT INTO answers (revision_key, question, response, updated_at, updated_by)
                     VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (revision_key, question) DO UPDATE SET
                         response = excluded.response,
                         updated_at = excluded.updated_at,
                         updated_by = excluded.updated_by",
                )
                .bind(key)
                .bind(question)
                .bind(response)
                .bind(at)
                .bind(actor)
                .execute(&mut *self.tx)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM answers WHERE revision_key = $1 AND question = $2")
                    .bind(key)
                    .bind(question)
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
                sqlx::query(
                    "INSERT INTO notes (revision_key, question, body, updated_at, updated_by)
                     VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (revision_key, question) DO UPDATE SET
                         body = excluded.body,
                         updated_at = excluded.updated_at,
                         updated_by = excluded.updated_by",
                )
                .bind(key)
                .bind(question)
                .bind(note)
                .bind(at)
                .bind(actor)
                .execute(&mut *self.tx)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM notes WHERE revision_key = $1 AND question = $2")
                    .bind(key)
                    .bind(question)
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
            sqlx::query(
                "INSERT INTO follow_ups (revision_key, question, raised_at, raised_by)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (revision_key, question) DO NOTHING",
            )
            .bind(key)
            .bind(question)
            .bind(at)
            .bind(actor)
            .execute(&mut *self.tx)
            .await?;
        } else {
            sqlx::query("DELETE FROM follow_ups WHERE revision_key = $1 AND question = $2")
                .bind(key)
                .bind(question)
                .execute(&mut *self.tx)
                .await?;
        }
        Ok(())
    }

    async fn insert_participant(&mut self, key: i64, position: i64, person: &Person) -> Result<()> {
        sqlx::query(
            "INSERT INTO participants (revision_key, position, name, role, organisation)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(key)
        .bind(position)
        .bind(&person.name)
        .bind(&person.role)
        .bind(&person.organisation)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn clear_registers(&mut self, key: i64) -> Result<()> {
        sqlx::query("DELETE FROM systems WHERE revision_key = $1")
            .bind(key)
            .execute(&mut *self.tx)
            .await?;
        sqlx::query("DELETE FROM providers WHERE revision_key = $1")
            .bind(key)
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
        let sql = match register {
            Register::Systems => {
                "INSERT INTO systems (revision_key, id, position, name, body) VALUES ($1, $2, $3, $4, $5)"
            }
            Register::Providers => {
                "INSERT INTO providers (revision_key, id, position, name, body) VALUES ($1, $2, $3, $4, $5)"
            }
        };
        sqlx::query(sql)
            .bind(key)
            .bind(&row.id)
            .bind(row.position)
            .bind(&row.name)
            .bind(&row.body)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    async fn insert_blob(&mut self, sha256: &str, content: &[u8]) -> Result<()> {
        sqlx::query(
            "INSERT INTO evidence_blobs (sha256, size, content) VALUES ($1, $2, $3)
             ON CONFLICT (sha256) DO NOTHING",
        )
        .bind(sha256)
        .bind(content.len() as i64)
        .bind(content)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn insert_evidence(&mut self, key: i64, row: &EvidenceRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO evidence (revision_key, file_name, sha256, media_type, question, added_at, added_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(key)
        .bind(&row.file_name)
        .bind(&row.sha256)
        .bind(&row.media_type)
        .bind(&row.question)
        .bind(row.added_at)
        .bind(&row.added_by)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn content(&mut self, key: i64, with_blobs: bool) -> Result<Content> {
        let participants: Vec<PersonRow> = sqlx::query_as(
            "SELECT name, role, organisation FROM participants WHERE revision_key = $1
             ORDER BY position",
        )
        .bind(key)
        .fetch_all(&mut *self.tx)
        .await?;
        let answers: Vec<(String, String)> = sqlx::query_as(
            "SELECT question, response FROM answers WHERE revision_key = $1
             ORDER BY question COLLATE \"C\"",
        )
        .bind(key)
        .fetch_all(&mut *self.tx)
        .await?;
        let notes: Vec<(String, String)> = sqlx::query_as(
            "SELECT question, body FROM notes WHERE revision_key = $1 ORDER BY question COLLATE \"C\"",
        )
        .bind(key)
        .fetch_all(&mut *self.tx)
        .await?;
        let follow_ups: Vec<String> = sqlx::query_scalar(
            "SELECT question FROM follow_ups WHERE revision_key = $1 ORDER BY question COLLATE \"C\"",
        )
        .bind(key)
        .fetch_all(&mut *self.tx)
        .await?;
        let systems: Vec<RegisterDbRow> = sqlx::query_as(
            "SELECT id, position, name, body FROM systems WHERE revision_key = $1 ORDER BY position",
        )
        .bind(key)
        .fetch_all(&mut *self.tx)
        .await?;
        let providers: Vec<RegisterDbRow> = sqlx::query_as(
            "SELECT id, position, name, body FROM providers WHERE revision_key = $1 ORDER BY position",
        )
        .bind(key)
        .fetch_all(&mut *self.tx)
        .await?;
        let evidence: Vec<EvidenceDbRow> = sqlx::query_as(
            "SELECT e.file_name, e.sha256, e.media_type, e.question, b.size, e.added_at,
                    e.added_by, CASE WHEN $2 THEN b.content END AS content
             FROM evidence e JOIN evidence_blobs b ON b.sha256 = e.sha256
             WHERE e.revision_key = $1
             ORDER BY e.file_name COLLATE \"C\"",
        )
        .bind(key)
        .bind(with_blobs)
        .fetch_all(&mut *self.tx)
        .await?;
        let register = |r: RegisterDbRow| RegisterRow {
            id: r.id,
            position: r.position,
            name: r.name,
            body: r.body,
        };
        Ok(Content {
            participants: participants
                .into_iter()
                .map(|r| Person {
                    name: r.name,
                    role: r.role,
                    organisation: r.organisation,
                })
                .collect(),
            answers,
            notes,
            follow_ups,
            systems: systems.into_iter().map(register).collect(),
            providers: providers.into_iter().map(register).collect(),
            evidence: evidence
                .into_iter()
                .map(|r| EvidenceRow {
                    file_name: r.file_name,
                    sha256: r.sha256,
                    media_type: r.media_type,
                    question: r.question,
                    size: r.size,
                    added_at: r.added_at,
                    added_by: r.added_by,
                    content: r.content,
                })
                .collect(),
        })
    }

    async fn append_audit(&mut self, entry: &AuditEntry) -> Result<()> {
        sqlx::query(
            "INSERT INTO audit_log (assessment_id, chain_seq, at, actor, revision, entity,
                                    entity_key, old_value, new_value, prev_hash, hash, mac)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(&entry.assessment_id)
        .bind(entry.chain_seq as i64)
        .bind(entry.at)
        .bind(&entry.actor)
        .bind(i64::from(entry.revision))
        .bind(&entry.entity)
        .bind(&entry.entity_key)
        .bind(&entry.old_value)
        .bind(&entry.new_value)
        .bind(&entry.prev_hash)
        .bind(&entry.hash)
        .bind(&entry.mac)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn audit_entries(&mut self, id: &str) -> Result<Vec<AuditEntry>> {
        let rows: Vec<AuditRow> = sqlx::query_as(
            "SELECT assessment_id, chain_seq, at, actor, revision, entity, entity_key,
                    old_value, new_value, prev_hash, hash, mac
             FROM audit_log WHERE assessment_id = $1 ORDER BY chain_seq",
        )
        .bind(id)
        .fetch_all(&mut *self.tx)
        .await?;
        let mut entries = Vec::with_capacity(rows.len());
        for r in rows {
            entries.push(AuditEntry {
                assessment_id: r.assessment_id,
                chain_seq: to_u64(r.chain_seq, "chain_seq")?,
                at: r.at,
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
        // As on SQLite: the latest revision of each assessment, its answered
        // questions (rows of `answers` exist only for a set response), newest
        // change first, then by id in byte order.
        let rows: Vec<SummaryRow> = sqlx::query_as(
            "SELECT r.assessment_id, r.revision, r.title, o.name AS organisation, r.mode,
                    r.status, r.bank_id, r.bank_version, r.updated_at,
                    (SELECT COUNT(*) FROM answers WHERE revision_key = r.key) AS n_answers
             FROM assessment_revisions r
             JOIN assessments a ON a.id = r.assessment_id
             JOIN organisations o ON o.id = a.organisation_id
             WHERE r.revision = (SELECT MAX(revision) FROM assessment_revisions
                                 WHERE assessment_id = r.assessment_id)
             ORDER BY r.updated_at DESC, r.assessment_id COLLATE \"C\"",
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
                updated_at: r.updated_at,
            });
        }
        Ok(out)
    }

    async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

fn to_u64(value: i64, column: &str) -> Result<u64> {
    u64::try_from(value).map_err(|_| corrupt(column))
}

fn corrupt(column: &str) -> StoreError {
    StoreError::Corrupt {
        what: format!("{column} is out of range"),
    }
}
