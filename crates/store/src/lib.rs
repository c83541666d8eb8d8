//! Persistence for Ironbridge: every answer durable, assessments portable, a
//! team database on PostgreSQL (DESIGN §8, §9).
//!
//! - [`Store`]: what the app and the CLI do with stored assessments (save an
//!   answer, change the status, attach evidence, read the audit log, import
//!   and export bundles). One implementation of the logic runs on both
//!   databases; a change to a final revision makes a new revision.
//! - [`open`]: a store from a database URL (`sqlite:PATH`, a plain path, or
//!   `postgres://…`), or the default SQLite file in the user's data folder
//!   ([`default_sqlite_path`]). Schemas are migrated on open.
//! - [`SqliteStore`]: the embedded default: WAL, `synchronous=FULL`, foreign
//!   keys on, a busy timeout, file mode 0600, Ironbridge's own
//!   [`APPLICATION_ID`]; another application's database is refused untouched.
//! - [`Close`]: what a program calls before it ends (on SQLite it leaves the
//!   whole database in the `.db` file, nothing in the `-wal` beside it).
//! - [`PgStore`]: the team database.
//! - [`bundle_file`]: reading and writing bundle files, optionally encrypted
//!   with a passphrase (age, scrypt), size-capped before parsing.
//! - The audit log is append-only (triggers reject UPDATE, DELETE and
//!   replacement) and hash-chained per assessment; every entry and every
//!   recorded head is signed with the audit key, kept outside the database
//!   ([`AuditKeyFile`]); [`Store::verify_log`] checks the chain, the
//!   signatures and the stored rows against the log; [`Store::audit_head`]
//!   is where the log ends, for exported documents.
//!
//! ```
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! use ironbridge_core::assessment::Assessment;
//! use ironbridge_store::{Actor, Close, Store, open};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let url = format!("sqlite:{}", dir.path().join("doc.db").display());
//! let store = open(Some(&url)).await.unwrap();
//! let demo = Assessment::from_json(ironbridge_core::embedded::DEMO_ASSESSMENT).unwrap();
//! let actor = Actor::new("Ann Example").unwrap();
//! store.create_assessment(&actor, &demo).await.unwrap();
//!
//! let mut record = demo.answers[0].clone();
//! record.note = "seen the restore report".into();
//! let saved = store.save_answer(&actor, &demo.id, &record).await.unwrap();
//! assert_eq!(saved.audit_seq, 2);
//! assert!(store.verify_log(&demo.id).await.unwrap().is_intact());
//! store.close().await.unwrap();
//! # });
//! ```

mod audit;
mod audit_key;
mod audit_replay;
mod backend;
pub mod bundle_file;
mod checkpoint;
mod error;
mod location;
mod model;
mod ops;
mod pg;
pub mod private_file;
mod sqlite;
mod sqlite_file;

use std::future::Future;

use ironbridge_core::QuestionId;
use ironbridge_core::assessment::{
    AnswerRecord, Assessment, PlanItem, Registers, SavedAssumptions, Status,
};
use ironbridge_core::bundle::Bundle;
use ironbridge_core::narrative::NarrativeEdits;

pub use audit::{GENESIS, entry_hash, hex_sha256};
pub use audit_key::{AuditKeyFile, KEY_FILE_ENV, KEY_FILE_NAME, KeyError};
pub use error::{ExportError, ImportError, InvalidInput, Result, StoreError};
pub use location::{Location, default_sqlite_path};
pub use model::{
    Actor, AssessmentSummary, AuditEntry, AuditHead, LogProblem, LogVerdict, NewEvidence, Saved,
    Signatures,
};
pub use pg::{CONNECT_TIMEOUT as PG_CONNECT_TIMEOUT, PgStore, parse_url as parse_pg_url};
pub use sqlite::{BUSY_TIMEOUT, SqliteStore, connect_options as sqlite_connect_options};
pub use sqlite_file::APPLICATION_ID;

/// The largest evidence file the store keeps, in bytes (the schema enforces it too).
pub const MAX_EVIDENCE_BYTES: u64 = 16 * 1024 * 1024;

/// Closing a store: what a program does before it ends.
///
/// On SQLite, closing copies the write-ahead log into the database file, so
/// that the `.db` file alone (a backup, a copy to another computer) holds
/// every assessment; a program that ends without closing leaves recent
/// changes only in the `-wal` file beside it. Every [`Store`] can be closed.
pub trait Close {
    /// Closes the store and every clone of it: later calls on it fail (the
    /// pool is closed). Closing twice does nothing.
    fn close(&self) -> impl Future<Output = Result<()>> + Send;
}

/// Stored assessments: what the app and the CLI do with them.
///
/// Every method that changes something returns only after the change and its
/// audit entries are committed durably, and changes nothing when it fails.
/// A program closes the store ([`Close::close`]) before it ends.
pub trait Store: Close + Send + Sync {
    /// Stores a new assessment (revision 1, as given).
    fn create_assessment(
        &self,
        actor: &Actor,
        assessment: &Assessment,
    ) -> impl Future<Output = Result<Saved>> + Send;

    /// Every assessment, its latest revision, most recently changed first
    /// (then by id); one query, nothing loaded whole.
    fn list(&self) -> impl Future<Output = Result<Vec<AssessmentSummary>>> + Send;

    /// An assessment: its latest revision, or the one asked for.
    fn load(
        &self,
        id: &str,
        revision: Option<u32>,
    ) -> impl Future<Output = Result<Assessment>> + Send;

    /// Saves one answer record (response, note, follow-up flag) as given;
    /// records each field that changed.
    fn save_answer(
        &self,
        actor: &Actor,
        id: &str,
        record: &AnswerRecord,
    ) -> impl Future<Output = Result<Saved>> + Send;

    /// Moves the assessment to draft, in review or final.
    fn set_status(
        &self,
        actor: &Actor,
        id: &str,
        status: Status,
    ) -> impl Future<Output = Result<Saved>> + Send;

    /// Replaces the registers of critical systems and providers.
    fn save_registers(
        &self,
        actor: &Actor,
        id: &str,
        registers: &Registers,
    ) -> impl Future<Output = Result<Saved>> + Send;

    /// Replaces the consultant's edits to the report's narrative.
    fn save_narrative(
        &self,
        actor: &Actor,
        id: &str,
        narrative: &NarrativeEdits,
    ) -> impl Future<Output = Result<Saved>> + Send;

    /// Replaces the exposure assumptions saved with the assessment.
    fn save_assumptions(
        &self,
        actor: &Actor,
        id: &str,
        assumptions: &SavedAssumptions,
    ) -> impl Future<Output = Result<Saved>> + Send;

    /// Sets the roadmap plan entry of one question (an empty entry removes
    /// it), recorded in the audit log as entity `plan`, keyed by the question.
    fn save_plan_item(
        &self,
        actor: &Actor,
        id: &str,
        question: &QuestionId,
        item: &PlanItem,
    ) -> impl Future<Output = Result<Saved>> + Send;

    /// Attaches an evidence file (stored once per SHA-256, at most [`MAX_EVIDENCE_BYTES`]).
    fn add_evidence(
        &self,
        actor: &Actor,
        id: &str,
        evidence: NewEvidence,
    ) -> impl Future<Output = Result<Saved>> + Send;

    /// The assessment's audit log, oldest first.
    fn audit_log(&self, id: &str) -> impl Future<Output = Result<Vec<AuditEntry>>> + Send;

    /// Checks the assessment's audit log: the chain, its signatures (with
    /// the audit key, if this machine has it) and the stored rows against
    /// the last values the log records.
    fn verify_log(&self, id: &str) -> impl Future<Output = Result<LogVerdict>> + Send;

    /// Where the assessment's audit log ends, to print in exported reports
    /// and bundles.
    fn audit_head(&self, id: &str) -> impl Future<Output = Result<AuditHead>> + Send;

    /// The latest revision as a bundle, evidence included.
    fn export_bundle(&self, id: &str) -> impl Future<Output = Result<Bundle>> + Send;

    /// Stores a bundle as a new assessment, all or nothing. The bundle should
    /// come from [`ironbridge_core::bundle::parse`] and be checked against the
    /// bank ([`bundle_file::check_against_bank`]); evidence digests are
    /// checked here.
    fn import_bundle(
        &self,
        actor: &Actor,
        bundle: &Bundle,
    ) -> impl Future<Output = Result<Saved>> + Send;
}

/// A store on either database, chosen by URL at run time.
#[derive(Debug)]
pub enum AnyStore {
    /// The embedded SQLite database.
    Sqlite(SqliteStore),
    /// A PostgreSQL server.
    Postgres(PgStore),
}

/// Opens (creating and migrating if needed) the store at `url`, or the
/// default SQLite database when `url` is `None`.
pub async fn open(url: Option<&str>) -> Result<AnyStore> {
    open_with_key(url, AuditKeyFile::default_location()?).await
}

/// Opens the store as [`open`] does, with the audit key in `key` instead of
/// the default one ([`AuditKeyFile::default_location`]).
pub async fn open_with_key(url: Option<&str>, key: AuditKeyFile) -> Result<AnyStore> {
    let location = match url {
        Some(url) => Location::parse(url)?,
        None => Location::Sqlite(default_sqlite_path()?),
    };
    Ok(match location {
        Location::Sqlite(path) => AnyStore::Sqlite(SqliteStore::open_with_key(&path, key).await?),
        Location::Postgres(url) => {
            AnyStore::Postgres(PgStore::connect_with_key(pg::parse_url(&url)?, key).await?)
        }
    })
}

impl Close for AnyStore {
    async fn close(&self) -> Result<()> {
        match self {
            AnyStore::Sqlite(store) => store.close().await,
            AnyStore::Postgres(store) => store.close().await,
        }
    }
}

macro_rules! delegate {
    ($self:ident, $store:ident => $call:expr) => {
        match $self {
            AnyStore::Sqlite($store) => $call.await,
            AnyStore::Postgres($store) => $call.await,
        }
    };
}

impl Store for AnyStore {
    async fn create_assessment(&self, actor: &Actor, assessment: &Assessment) -> Result<Saved> {
        delegate!(self, s => s.create_assessment(actor, assessment))
    }
    async fn list(&self) -> Result<Vec<AssessmentSummary>> {
        delegate!(self, s => s.list())
    }
    async fn load(&self, id: &str, revision: Option<u32>) -> Result<Assessment> {
        delegate!(self, s => s.load(id, revision))
    }
    async fn save_answer(&self, actor: &Actor, id: &str, record: &AnswerRecord) -> Result<Saved> {
        delegate!(self, s => s.save_answer(actor, id, record))
    }
    async fn set_status(&self, actor: &Actor, id: &str, status: Status) -> Result<Saved> {
        delegate!(self, s => s.set_status(actor, id, status))
    }
    async fn save_registers(
        &self,
        actor: &Actor,
        id: &str,
        registers: &Registers,
    ) -> Result<Saved> {
        delegate!(self, s => s.save_registers(actor, id, registers))
    }
    async fn save_narrative(
        &self,
        actor: &Actor,
        id: &str,
        narrative: &NarrativeEdits,
    ) -> Result<Saved> {
        delegate!(self, s => s.save_narrative(actor, id, narrative))
    }
    async fn save_assumptions(
        &self,
        actor: &Actor,
        id: &str,
        assumptions: &SavedAssumptions,
    ) -> Result<Saved> {
        delegate!(self, s => s.save_assumptions(actor, id, assumptions))
    }
    async fn save_plan_item(
        &self,
        actor: &Actor,
        id: &str,
        question: &QuestionId,
        item: &PlanItem,
    ) -> Result<Saved> {
        delegate!(self, s => s.save_plan_item(actor, id, question, item))
    }

    async fn add_evidence(&self, actor: &Actor, id: &str, evidence: NewEvidence) -> Result<Saved> {
        delegate!(self, s => s.add_evidence(actor, id, evidence))
    }
    async fn audit_log(&self, id: &str) -> Result<Vec<AuditEntry>> {
        delegate!(self, s => s.audit_log(id))
    }
    async fn verify_log(&self, id: &str) -> Result<LogVerdict> {
        delegate!(self, s => s.verify_log(id))
    }
    async fn audit_head(&self, id: &str) -> Result<AuditHead> {
        delegate!(self, s => s.audit_head(id))
    }
    async fn export_bundle(&self, id: &str) -> Result<Bundle> {
        delegate!(self, s => s.export_bundle(id))
    }
    async fn import_bundle(&self, actor: &Actor, bundle: &Bundle) -> Result<Saved> {
        delegate!(self, s => s.import_bundle(actor, bundle))
    }
}
