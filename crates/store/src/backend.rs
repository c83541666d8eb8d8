//! The seam between the store's logic and its two databases.
//!
//! [`Backend`] opens transactions; [`Tx`] is the small set of statements the
//! logic in `ops` needs, written once in SQL per database (`sqlite.rs`,
//! `pg.rs`). Rows cross this seam as plain values: typed where both
//! databases have the type, JSON text where the core type is structured.
//!
//! Invariant: a write transaction from [`Backend::begin_write`] holds the
//! assessment's write lock from its first statement (SQLite `BEGIN
//! IMMEDIATE`; PostgreSQL `SELECT … FOR UPDATE` in [`Tx::lock_head`]), so two
//! writers never interleave inside one assessment's audit chain.

use std::future::Future;

use chrono::{DateTime, NaiveDate, Utc};
use ironbridge_core::assessment::{Mode, Person, Status};

use crate::audit_key::AuditKeyFile;
use crate::error::Result;
use crate::model::{AssessmentSummary, AuditEntry};

/// A database the store runs on (closed through [`crate::Close`]).
pub(crate) trait Backend: crate::Close + Send + Sync {
    /// Its transactions.
    type Tx: Tx;
    /// A transaction that will write.
    fn begin_write(&self) -> impl Future<Output = Result<Self::Tx>> + Send;
    /// A transaction that only reads (a consistent snapshot).
    fn begin_read(&self) -> impl Future<Output = Result<Self::Tx>> + Send;
    /// Where the audit key (kept outside the database) is.
    fn audit_key(&self) -> &AuditKeyFile;
}

/// The head of an assessment's audit chain, and what an import carried in.
#[derive(Clone, Debug)]
pub(crate) struct Head {
    pub audit_seq: u64,
    pub audit_head: String,
    pub baseline: Option<String>,
    /// The public id of the key that signed the head.
    pub key_id: Option<String>,
    /// The key's signature of (assessment, `audit_seq`, `audit_head`).
    pub head_mac: Option<String>,
}

/// A head to sign: (assessment, entry number, head hash).
pub(crate) type UnsignedHead = (String, u64, String);

/// One revision of an assessment, without its rows.
#[derive(Clone, Debug)]
pub(crate) struct RevisionRow {
    pub key: i64,
    pub assessment_id: String,
    pub revision: u32,
    pub status: Status,
    pub title: String,
    pub bank_id: String,
    pub bank_version: String,
    pub mode: Mode,
    pub assessor: Person,
    pub started_on: NaiveDate,
    pub completed_on: Option<NaiveDate>,
    pub target_profile: String,
    /// JSON object, question id → level.
    pub target_overrides: String,
    pub organisation: String,
    pub sector: String,
    pub employees: i64,
    pub annual_revenue: f64,
    pub currency: String,
    pub operating_days_per_year: i64,
    pub annual_operating_profit: Option<f64>,
    pub cash_available: Option<f64>,
    /// JSON array of sites.
    pub sites: String,
    /// JSON of the narrative edits.
    pub narrative: String,
    /// JSON of the saved exposure assumptions (`{}`: the defaults).
    pub exposure_assumptions: String,
    /// JSON of the roadmap plan (`{}`: no entry).
    pub roadmap_plan: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What one question has in one revision.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct AnswerState {
    /// The response as JSON.
    pub response: Option<String>,
    pub note: Option<String>,
    pub follow_up: bool,
}

/// Which register table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Register {
    Systems,
    Providers,
}

/// A register entry: its id, name and the whole entry as JSON.
#[derive(Clone, Debug)]
pub(crate) struct RegisterRow {
    pub id: String,
    pub position: i64,
    pub name: String,
    pub body: String,
}

/// An evidence file attached to a revision.
#[derive(Clone, Debug)]
pub(crate) struct EvidenceRow {
    pub file_name: String,
    pub sha256: String,
    pub media_type: String,
    pub question: Option<String>,
    pub size: i64,
    pub added_at: DateTime<Utc>,
    pub added_by: String,
    /// Present when asked for.
    pub content: Option<Vec<u8>>,
}

/// Every row of a revision.
#[derive(Clone, Debug, Default)]
pub(crate) struct Content {
    pub participants: Vec<Person>,
    /// (question, response JSON), by question.
    pub answers: Vec<(String, String)>,
    /// (question, note), by question.
    pub notes: Vec<(String, String)>,
    /// Questions flagged, by question.
    pub follow_ups: Vec<String>,
    pub systems: Vec<RegisterRow>,
    pub providers: Vec<RegisterRow>,
    /// By file name.
    pub evidence: Vec<EvidenceRow>,
}

/// The statements the store's logic runs inside one transaction.
pub(crate) trait Tx: Send {
    /// Finds an organisation by name, creating it if new.
    fn organisation_id(&mut self, name: &str) -> impl Future<Output = Result<i64>> + Send;
    /// Creates an assessment (no revision yet); `false` when the id exists.
    fn insert_assessment(
        &mut self,
        id: &str,
        organisation: i64,
        at: DateTime<Utc>,
        baseline: Option<&str>,
    ) -> impl Future<Output = Result<bool>> + Send;
    /// Locks the assessment for writing and returns its audit head.
    fn lock_head(&mut self, id: &str) -> impl Future<Output = Result<Option<Head>>> + Send;
    /// Reads the audit head without locking (read transactions).
    fn head(&mut self, id: &str) -> impl Future<Output = Result<Option<Head>>> + Send;
    /// Records the audit head after appending, with the key's id and its
    /// signature of the head.
    fn set_head(
        &mut self,
        id: &str,
        seq: u64,
        hash: &str,
        key_id: &str,
        mac: &str,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Every assessment whose head carries no signature.
    fn unsigned_heads(&mut self) -> impl Future<Output = Result<Vec<UnsignedHead>>> + Send;
    /// The numbers of every stored revision of an assessment, in order.
    fn revision_numbers(&mut self, id: &str) -> impl Future<Output = Result<Vec<u32>>> + Send;
    /// The latest revision, or the one numbered `revision`.
    fn revision(
        &mut self,
        id: &str,
        revision: Option<u32>,
    ) -> impl Future<Output = Result<Option<RevisionRow>>> + Send;
    /// Inserts a revision (its `key` is ignored) and returns its key.
    fn insert_revision(&mut self, row: &RevisionRow) -> impl Future<Output = Result<i64>> + Send;
    /// Changes a revision's status.
    fn set_status(
        &mut self,
        key: i64,
        status: Status,
        completed_on: Option<NaiveDate>,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Replaces a revision's narrative edits (JSON) and marks it changed.
    fn set_narrative(
        &mut self,
        key: i64,
        narrative: &str,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Replaces a revision's saved exposure assumptions (JSON) and marks it changed.
    fn set_assumptions(
        &mut self,
        key: i64,
        assumptions: &str,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Replaces a revision's roadmap plan (JSON) and marks it changed.
    fn set_plan(
        &mut self,
        key: i64,
        plan: &str,
        at: DateTime<Utc>,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Marks a revision changed.
    fn touch(&mut self, key: i64, at: DateTime<Utc>) -> impl Future<Output = Result<()>> + Send;
    /// What a question has in a revision.
    fn answer_state(
        &mut self,
        key: i64,
        question: &str,
    ) -> impl Future<Output = Result<AnswerState>> + Send;
    /// Sets (or with `None` removes) a response.
    fn set_response(
        &mut self,
        key: i64,
        question: &str,
        response: Option<&str>,
        at: DateTime<Utc>,
        actor: &str,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Sets (or with `None` removes) a note.
    fn set_note(
        &mut self,
        key: i64,
        question: &str,
        note: Option<&str>,
        at: DateTime<Utc>,
        actor: &str,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Raises or clears a follow-up flag.
    fn set_follow_up(
        &mut self,
        key: i64,
        question: &str,
        raised: bool,
        at: DateTime<Utc>,
        actor: &str,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Adds a participant.
    fn insert_participant(
        &mut self,
        key: i64,
        position: i64,
        person: &Person,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Removes both registers of a revision.
    fn clear_registers(&mut self, key: i64) -> impl Future<Output = Result<()>> + Send;
    /// Adds a register entry.
    fn insert_register(
        &mut self,
        register: Register,
        key: i64,
        row: &RegisterRow,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Stores evidence content under its digest (once).
    fn insert_blob(
        &mut self,
        sha256: &str,
        content: &[u8],
    ) -> impl Future<Output = Result<()>> + Send;
    /// Attaches stored evidence to a revision.
    fn insert_evidence(
        &mut self,
        key: i64,
        row: &EvidenceRow,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Every row of a revision, evidence content only when `with_blobs`.
    fn content(
        &mut self,
        key: i64,
        with_blobs: bool,
    ) -> impl Future<Output = Result<Content>> + Send;
    /// Appends an audit entry (the head is set separately).
    fn append_audit(&mut self, entry: &AuditEntry) -> impl Future<Output = Result<()>> + Send;
    /// An assessment's audit chain, in order.
    fn audit_entries(&mut self, id: &str) -> impl Future<Output = Result<Vec<AuditEntry>>> + Send;
    /// One line per assessment, its latest revision, most recently changed
    /// first (then by id), in one statement.
    fn summaries(&mut self) -> impl Future<Output = Result<Vec<AssessmentSummary>>> + Send;
    /// Commits.
    fn commit(self) -> impl Future<Output = Result<()>> + Send;
}

/// The text of a serde unit enum (`in_review`).
pub(crate) fn enum_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A serde unit enum from its text, or a corruption error naming the column.
pub(crate) fn parse_enum<T: serde::de::DeserializeOwned>(text: &str, column: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).map_err(|_| {
        crate::error::StoreError::Corrupt {
            what: format!("{column} has the unknown value {text:?}"),
        }
    })
}
