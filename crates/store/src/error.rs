//! The store's errors: one enum per concern, each variant carrying data, each
//! with a stable dotted code for the UI (`store.busy`,
//! `import.version_unsupported`).
//!
//! Invariant: no message contains SQL or a database password; driver errors
//! are kept as the source (for logs) and summarised by code.

use std::path::PathBuf;

use ironbridge_core::assessment::AnswerIssue;
use ironbridge_core::bundle::{BundleError, NameProblem};

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL cannot be parsed.
    #[error("the database URL is not valid: {reason}")]
    UrlInvalid {
        /// What is wrong with it (never the URL itself, which may hold a password).
        reason: String,
    },
    /// The database URL names a database we do not support.
    #[error("the database URL scheme {scheme:?} is not supported: use sqlite: or postgres://")]
    UrlScheme {
        /// The scheme found.
        scheme: String,
    },
    /// No user data folder could be found for the default database.
    #[error("no user data folder found for the default database; pass a database URL")]
    NoDataDir,
    /// A file or folder could not be created or read.
    #[error("cannot {action} {}: {cause}", path.display())]
    Io {
        /// What was being done (`create`, `read`).
        action: &'static str,
        /// The path.
        path: PathBuf,
        /// The cause.
        cause: std::io::Error,
    },
    /// The database cannot be reached or opened.
    #[error("the {backend} database cannot be opened: {reason}")]
    Unavailable {
        /// `sqlite` or `postgres`.
        backend: &'static str,
        /// What went wrong, without the URL.
        reason: String,
    },
    /// The file is not a SQLite database; it was left as it was.
    #[error("{} is not a SQLite database ({reason}); Ironbridge will not write to it", path.display())]
    NotADatabase {
        /// The file.
        path: PathBuf,
        /// What it is instead.
        reason: &'static str,
    },
    /// The file is another application's SQLite database; it was left as it was.
    #[error("{} is another application's SQLite database (application id {application_id:#010x}); Ironbridge will not write to it", path.display())]
    ForeignDatabase {
        /// The file.
        path: PathBuf,
        /// Its `PRAGMA application_id`.
        application_id: u32,
    },
    /// The database stayed locked by another writer past the timeout.
    #[error("the database is busy (another program is writing); try again")]
    Busy,
    /// The schema could not be brought up to date.
    #[error("the database schema could not be migrated: {reason}")]
    Migrate {
        /// What went wrong.
        reason: String,
    },
    /// No assessment with this id.
    #[error("no assessment with id {id:?}")]
    NotFound {
        /// The id asked for.
        id: String,
    },
    /// An assessment with this id exists already.
    #[error("an assessment with id {id:?} exists already")]
    Exists {
        /// The id.
        id: String,
    },
    /// The revision asked for does not exist.
    #[error("assessment {id:?} has no revision {revision}")]
    NoRevision {
        /// The assessment.
        id: String,
        /// The revision asked for.
        revision: u32,
    },
    /// Input the store refuses (an empty actor, an oversized evidence file).
    #[error(transparent)]
    Invalid(#[from] InvalidInput),
    /// Data in the database does not decode: it was changed outside Ironbridge.
    #[error("stored data is unreadable: {what}")]
    Corrupt {
        /// Which record and why.
        what: String,
    },
    /// The assessment's audit log does not carry this machine's signature,
    /// so it is not extended; nothing was changed.
    #[error(
        "the audit log of {id:?} cannot be extended: {problem}; nothing was changed (check it with verify-log)"
    )]
    LogNotSigned {
        /// The assessment.
        id: String,
        /// What is wrong with the log's recorded end.
        problem: crate::model::LogProblem,
    },
    /// The audit key (kept outside the database) cannot be read or created.
    #[error(transparent)]
    AuditKey(#[from] crate::audit_key::KeyError),
    /// Any other database error; the driver's error is the source.
    #[error("database error{}", code.as_deref().map(|c| format!(" (code {c})")).unwrap_or_default())]
    Database {
        /// The database's own error code (SQLite result code, SQLSTATE).
        code: Option<String>,
        /// The driver's error.
        #[source]
        source: sqlx::Error,
    },
    /// A bundle cannot be imported.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A bundle cannot be written.
    #[error(transparent)]
    Export(#[from] ExportError),
}

/// Input the store refuses before touching the database.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InvalidInput {
    /// The actor (who makes the change) is empty.
    #[error("who makes the change must be named")]
    EmptyActor,
    /// The name of who makes the change is one a bundle import would
    /// refuse (too long, a control or bidirectional-text character).
    #[error("the name of who makes the change, {}, {problem}", shown_name(name))]
    ActorName {
        /// The name, trimmed.
        name: String,
        /// What is wrong with it ("holds a control character").
        problem: &'static str,
    },
    /// An evidence file is larger than the limit.
    #[error("evidence {file_name:?} is {size} bytes, more than the limit of {limit}")]
    EvidenceTooLarge {
        /// Its name.
        file_name: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// An evidence file name that is blank, too long, or holds a path or a
    /// control character.
    #[error("{file_name:?} is not a plain file name: {problem}")]
    EvidenceName {
        /// The name.
        file_name: String,
        /// What is wrong with it.
        problem: NameProblem,
    },
    /// An evidence media type that is not `type/subtype`.
    #[error("media type {media_type:?} of evidence {file_name:?}: {problem}")]
    EvidenceMediaType {
        /// The evidence file's name.
        file_name: String,
        /// The media type.
        media_type: String,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// The organisation name is empty.
    #[error("the organisation name is empty")]
    EmptyOrganisation,
}

/// Why a bundle cannot be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The bundle is encrypted and no passphrase was given.
    #[error("the bundle is encrypted: a passphrase is needed")]
    PassphraseRequired,
    /// The passphrase does not open the bundle.
    #[error("the passphrase is wrong")]
    PassphraseWrong,
    /// The encrypted bundle is damaged or not one we can open.
    #[error("the encrypted bundle cannot be opened: {reason}")]
    Decrypt {
        /// What the decryption reported.
        reason: String,
    },
    /// The age header asks for more scrypt work than Ironbridge allows.
    #[error(
        "this file asks for more decryption work (2^{asked}) than Ironbridge allows (2^{allowed}); it was not made by Ironbridge"
    )]
    WorkFactorTooHigh {
        /// The work factor (log2) the file asks for.
        asked: u32,
        /// The largest Ironbridge accepts.
        allowed: u8,
    },
    /// The file begins like an age file but its header cannot be read.
    #[error("the encrypted bundle's age header is damaged: {detail}; no passphrase can open it")]
    AgeHeaderDamaged {
        /// What is wrong with it.
        detail: &'static str,
    },
    /// The header's MAC does not match: the header was changed after it was written.
    #[error(
        "the encrypted bundle's age header was changed after it was written (its MAC does not match)"
    )]
    AgeHeaderAltered,
    /// An age file encrypted to a key, not to a passphrase.
    #[error(
        "the file is encrypted with age to a key, not to a passphrase: it is not an Ironbridge bundle"
    )]
    AgeNotPassphrase,
    /// An age format newer than this build reads.
    #[error("the file is encrypted with a version of age this build cannot read")]
    AgeFormatUnknown,
    /// An ASCII-armoured age file.
    #[error(
        "the file is an ASCII-armoured age file; Ironbridge writes and reads binary age files only"
    )]
    AgeArmored,
    /// The passphrase is right but the encrypted content is damaged or cut.
    #[error(
        "the encrypted bundle's content is damaged or cut short (the passphrase opened its header)"
    )]
    AgeContentDamaged,
    /// The file is not a readable bundle.
    #[error(transparent)]
    Bundle(#[from] BundleError),
    /// The bundle was made with another question bank.
    #[error("the bundle uses bank {found:?}, this build has {expected:?}")]
    BankMismatch {
        /// The bundle's bank id.
        found: String,
        /// The loaded bank's id.
        expected: String,
    },
    /// The bundle's bank version is not compatible (another major version).
    #[error("the bundle uses bank version {found}, not compatible with {expected}")]
    BankVersion {
        /// The bundle's bank version.
        found: String,
        /// The loaded bank's version.
        expected: String,
    },
    /// Answers that do not fit the bank.
    #[error("answers do not fit the bank: {}", .issues.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Answers {
        /// Every issue.
        issues: Vec<AnswerIssue>,
    },
    /// An evidence file whose content does not match its SHA-256.
    #[error("evidence {file_name:?}: the content does not match its sha256")]
    EvidenceDigestMismatch {
        /// Its name.
        file_name: String,
    },
    /// An evidence file attached to a question the bank does not have.
    #[error(
        "evidence {file_name:?} is attached to question {question}, which the bank does not have"
    )]
    EvidenceQuestionUnknown {
        /// Its name.
        file_name: String,
        /// The question named.
        question: String,
    },
}

/// Why a bundle cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file cannot be written.
    #[error("cannot write {}: {cause}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        cause: std::io::Error,
    },
    /// The passphrase for encryption is empty.
    #[error("the passphrase is empty")]
    EmptyPassphrase,
    /// Encryption failed.
    #[error("cannot encrypt the bundle: {reason}")]
    Encrypt {
        /// What went wrong.
        reason: String,
    },
}

impl StoreError {
    /// The stable error code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::UrlInvalid { .. } => "store.url_invalid",
            StoreError::UrlScheme { .. } => "store.url_scheme",
            StoreError::NoDataDir => "store.no_data_dir",
            StoreError::Io { .. } => "store.io",
            StoreError::Unavailable { .. } => "store.unavailable",
            StoreError::NotADatabase { .. } => "store.not_a_database",
            StoreError::ForeignDatabase { .. } => "store.foreign_database",
            StoreError::Busy => "store.busy",
            StoreError::Migrate { .. } => "store.migrate",
            StoreError::NotFound { .. } => "store.not_found",
            StoreError::Exists { .. } => "store.exists",
            StoreError::NoRevision { .. } => "store.no_revision",
            StoreError::Invalid(e) => e.code(),
            StoreError::Corrupt { .. } => "store.corrupt",
            StoreError::AuditKey(e) => e.code(),
            StoreError::LogNotSigned { .. } => "store.log_not_signed",
            StoreError::Database { .. } => "store.database",
            StoreError::Import(e) => e.code(),
            StoreError::Export(e) => e.code(),
        }
    }
}

impl InvalidInput {
    /// The stable error code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            InvalidInput::EmptyActor => "store.actor_empty",
            InvalidInput::ActorName { .. } => "store.actor_name",
            InvalidInput::EvidenceTooLarge { .. } => "store.evidence_too_large",
            InvalidInput::EvidenceName { .. } => "store.evidence_name",
            InvalidInput::EvidenceMediaType { .. } => "store.evidence_media_type",
            InvalidInput::EmptyOrganisation => "store.organisation_empty",
        }
    }
}

impl ImportError {
    /// The stable error code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::PassphraseRequired => "import.passphrase_required",
            ImportError::PassphraseWrong => "import.passphrase_wrong",
            ImportError::Decrypt { .. } => "import.decrypt",
            ImportError::WorkFactorTooHigh { .. } => "import.work_factor",
            ImportError::AgeHeaderDamaged { .. } => "import.age_header",
            ImportError::AgeHeaderAltered => "import.age_header_mac",
            ImportError::AgeNotPassphrase => "import.age_not_passphrase",
            ImportError::AgeFormatUnknown => "import.age_format",
            ImportError::AgeArmored => "import.age_armored",
            ImportError::AgeContentDamaged => "import.age_content",
            ImportError::Bundle(e) => e.code(),
            ImportError::BankMismatch { .. } => "import.bank_mismatch",
            ImportError::BankVersion { .. } => "import.bank_version",
            ImportError::Answers { .. } => "import.answers_invalid",
            ImportError::EvidenceDigestMismatch { .. } => "import.evidence_digest_mismatch",
            ImportError::EvidenceQuestionUnknown { .. } => "import.evidence_question",
        }
    }
}

impl ExportError {
    /// The stable error code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::Write { .. } => "export.write",
            ExportError::EmptyPassphrase => "export.passphrase_empty",
            ExportError::Encrypt { .. } => "export.encrypt",
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(source: sqlx::Error) -> Self {
        let code = match &source {
            sqlx::Error::Database(db) => db.code().map(|c| c.into_owned()),
            _ => None,
        };
        let busy = match code.as_deref() {
            // SQLite: BUSY, LOCKED, BUSY_RECOVERY, BUSY_SNAPSHOT, BUSY_TIMEOUT.
            Some("5" | "6" | "261" | "517" | "773") => true,
            // PostgreSQL: lock_not_available, serialization_failure, deadlock_detected.
            Some("55P03" | "40001" | "40P01") => true,
            _ => matches!(source, sqlx::Error::PoolTimedOut),
        };
        if busy {
            StoreError::Busy
        } else {
            StoreError::Database { code, source }
        }
    }
}

/// The result of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// A name as an error shows it: quoted, with control and bidirectional-text
/// characters escaped, and cut to 60 characters.
fn shown_name(name: &str) -> String {
    let mut cut: String = name.chars().take(60).collect();
    if cut.len() < name.len() {
        cut.push_str("...");
    }
    format!("{cut:?}")
}
