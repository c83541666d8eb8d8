//! The PostgreSQL store: the team database.
//!
//! Invariants: every connection runs with `synchronous_commit = on`, so a
//! commit is durable on the server when it returns; a writer locks the
//! assessment's row (`SELECT … FOR UPDATE`) before reading its audit head, so
//! concurrent writers to one assessment queue instead of forking the chain.
//! Queries are checked at run time (`query_as` + `FromRow`) by the shared
//! contract suite against a real server (STYLE §10).

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use ironbridge_core::assessment::{BankRef, Person, Status};
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::{Connection as _, FromRow, Postgres, Transaction};

use crate::audit::GENESIS;
use crate::audit_key::AuditKeyFile;
use crate::backend::{
    AnswerState, Backend, Content, EvidenceRow, Head, Register, RegisterRow, RevisionRow, Tx,
    UnsignedHead, enum_text, parse_enum,
};
use crate::error::{Result, StoreError};
use crate::model::{AssessmentSummary, AuditEntry};

/// A store on a PostgreSQL server.
#[derive(Clone, Debug)]
pub struct PgStore {
    pool: PgPool,
    /// Where the audit key is.
    audit_key: AuditKeyFile,
}

impl PgStore {
    /// Connects to the server at `url` (`postgres://user:password@host/db`)
    /// and migrates the schema.
    pub async fn connect(url: &str) -> Result<PgStore> {
        PgStore::connect_with(parse_url(url)?).await
    }

    /// Connects as [`PgStore::connect_with`] does, with the audit key in
    /// `key` (colleagues on one team database share one key, handed out
    /// with the team settings). The first connection after the upgrade to a
    /// signed log signs the head of every existing assessment's log.
    pub async fn connect_with_key(options: PgConnectOptions, key: AuditKeyFile) -> Result<PgStore> {
        let (pool, upgrading) = PgStore::connect_pool(options).await?;
        let store = PgStore {
            pool,
            audit_key: key,
        };
        if upgrading {
            crate::ops::sign_unsigned_heads(&store).await?;
        }
        Ok(store)
    }

    /// Connects with options already parsed (see [`parse_url`]) and migrates the schema.
    ///
    /// One connection is made first, outside the pool: the pool retries a
    /// refused connection until its acquire timeout and then reports only
    /// that time ran out, while a refused connection (nothing listening)
    /// should fail at once and say so. Only a server that accepts but does
    /// not answer is waited for, up to [`CONNECT_TIMEOUT`].
    ///
    /// The audit key is the default one ([`AuditKeyFile::default_location`]).
    pub async fn connect_with(options: PgConnectOptions) -> Result<PgStore> {
        PgStore::connect_with_key(options, AuditKeyFile::default_location()?).await
    }

    /// The pool, migrated, and whether this connection ran the migration
    /// that signs the log.
    async fn connect_pool(options: PgConnectOptions) -> Result<(PgPool, bool)> {
        let options = options
            .application_name("ironbridge")
            .options([("synchronous_commit", "on"), ("lock_timeout", "10s")]);
        probe(&options).await?;
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Unavailable {
                backend: "postgres",
                reason: describe_connect_error(&e),
            })?;
        let upgrading = !signing_applied(&pool).await;
        sqlx::migrate!("./migrations/postgres")
            .run(&pool)
            .await
            .map_err(|e| StoreError::Migrate {
                reason: e.to_string(),
            })?;
        Ok((pool, upgrading))
    }

    /// The connection pool, for tests and tools that inspect the database.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

impl crate::Close for PgStore {
    /// Closes every connection, for this store and all its clones (the
    /// server has nothing to copy: each commit is already in place).
    async fn close(&self) -> Result<()> {
        self.pool.close().await;
        Ok(())
    }
}

/// How long to wait for a server that accepts the connection but does not
/// complete the start-up (TLS, authentication) exchange.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Makes and closes one connection, so that why the server cannot be used
/// (refused, unknown host, authentication, no answer) is known at once.
async fn probe(options: &PgConnectOptions) -> Result<()> {
    let unavailable = |reason| StoreError::Unavailable {
        backend: "postgres",
        reason,
    };
    match tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(options)).await {
        Ok(Ok(connection)) => {
            // The pool makes its own; a failed goodbye changes nothing.
            let _ = connection.close().await;
            Ok(())
        }
        Ok(Err(e)) => Err(unavailable(describe_connect_error(&e))),
        Err(_) => Err(unavailable(format!(
            "the server accepted the connection but did not answer within {} seconds",
            CONNECT_TIMEOUT.as_secs()
        ))),
    }
}

impl Backend for PgStore {
    type Tx = PgTx;

    async fn begin_write(&self) -> Result<PgTx> {
        Ok(PgTx {
            tx: self.pool.begin().await?,
        })
    }

    async fn begin_read(&self) -> Result<PgTx> {
        Ok(PgTx {
            tx: self
                .pool
                .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .await?,
        })
    }

    fn audit_key(&self) -> &AuditKeyFile {
        &self.audit_key
    }
}

/// Whether the migration that signs the log has run on this database (a
/// new database has no migrations table yet: nothing to sign either).
async fn signing_applied(pool: &PgPool) -> bool {
    sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM _sqlx_migrations WHERE version = 20261206000000 AND success",
    )
    .fetch_one(pool)
    .await
    .is_ok_and(|n| n > 0)
}

/// A transaction on the PostgreSQL store.
#[derive(Debug)]
pub(crate) struct PgTx {
    tx: Transaction<'static, Postgres>,
}

#[derive(FromRow)]
struct HeadRow {
    audit_seq: i64,
    audit_head: String,
    audit_baseline: Option<String>,
    audit_key_id: Option<String>,
    audit_head_mac: Option<String>,
}

#[derive(FromRow)]
struct RevisionDbRow {
    key: i64,
    assessment_id: String,
    revision: i64,
    status: String,
    title: String,
    bank_id: String,
    bank_version: String,
    mode: String,
    assessor_name: String,
    assessor_role: String,
    assessor_organisation: Option<String>,
    started_on: NaiveDate,
    completed_on: Option<NaiveDate>,
    target_profile: String,
    target_overrides: String,
    organisation: String,
    sector: String,
    employees: i64,
    annual_revenue: f64,
    currency: String,
    operating_days_per_year: i64,
    annual_operating_profit: Option<f64>,
    cash_available: Option<f64>,
    sites: String,
    narrative: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

#[derive(FromRow)]
struct StateRow {
    response: Option<String>,
    note: Option<String>,
    follow_up: bool,
}

#[derive(FromRow)]
struct PersonRow {
    name: String,
    role: String,
    organisation: Option<String>,
}

#[derive(FromRow)]
struct RegisterDbRow {
    id: String,
    position: i64,
    name: String,
    body: String,
}

#[derive(FromRow)]
struct EvidenceDbRow {
    file_name: String,
    sha256: String,
    media_type: String,
    question: Option<String>,
    size: i64,
    added_at: DateTime<Utc>,
    added_by: String,
    content: Option<Vec<u8>>,
}

#[derive(FromRow)]
struct AuditRow {
    assessment_id: String,
    chain_seq: i64,
    at: DateTime<Utc>,
    actor: String,
    revision: i64,
    entity: String,
    entity_key: String,
    old_value: Option<String>,
    new_value: Option<String>,
    prev_hash: String,
    hash: String,
    mac: Option<String>,
}

#[derive(FromRow)]
struct SummaryRow {
    assessment_id: String,
    revision: i64,
    title: String,
    organisation: String,
    mode: String,
    status: String,
    bank_id: String,
    bank_version: String,
    updated_at: DateTime<Utc>,
    n_answers: i64,
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
                    r.annual_operating_profit, r.cash_available, r.sites, r.narrative, r.created_at,
                    r.updated_at
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
                 narrative, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                     $18, $19, $20, $21, $22, $23, $24, $25)
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

/// Parses a PostgreSQL URL; the error says what is wrong without repeating it.
pub fn parse_url(url: &str) -> Result<PgConnectOptions> {
    PgConnectOptions::from_str(url).map_err(|e| StoreError::UrlInvalid {
        reason: describe_url_error(&e),
    })
}

/// What is wrong with a PostgreSQL URL, without repeating it.
fn describe_url_error(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Configuration(source) => source.to_string(),
        _ => "it cannot be parsed".to_owned(),
    }
}

/// Why the server could not be reached, in words a user can act on.
fn describe_connect_error(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused: no server is listening at that address and port".to_owned()
        }
        sqlx::Error::Io(e) => format!("the server cannot be reached ({e})"),
        sqlx::Error::Tls(_) => "the TLS handshake failed".to_owned(),
        sqlx::Error::PoolTimedOut => "the server did not answer in time".to_owned(),
        sqlx::Error::Database(db) => match db.code().as_deref() {
            Some("28P01" | "28000") => "authentication failed".to_owned(),
            Some("3D000") => "the database does not exist".to_owned(),
            _ => db.message().to_owned(),
        },
        other => other.to_string(),
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
