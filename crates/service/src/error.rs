//! What a use case can fail with, each with a stable dotted code.
//!
//! Invariant: messages are lowercase sentences that name the file, field or
//! rule at fault; they never carry SQL or a database password (the store's
//! errors already guarantee that, and they pass through unchanged).

use std::path::PathBuf;

use ironbridge_core::assessment::{AnswerIssue, AssessmentError, DetailProblem, RegisterProblem};
use ironbridge_core::bank::BankIssues;
use ironbridge_core::exposure::ExposureError;
use ironbridge_report::ReportError;
use ironbridge_store::StoreError;

use crate::input::{InputKind, size_words};

/// A failed use case.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The embedded question bank does not validate (a build defect).
    #[error("the question bank shipped with this build is invalid: {0}")]
    Bank(#[from] BankIssues),
    /// A bank read from files has problems: every one, with file, line and id.
    #[error("{0}")]
    BankFile(BankIssues),
    /// An assessment names a bank (id, major version) this build does not hold.
    #[error(
        "the assessment was answered on bank {id} {version}, which this build cannot read (it holds {known}); open it with a build that has that bank, or name the bank's files with --bank"
    )]
    UnknownBank {
        /// The bank id the assessment names.
        id: String,
        /// The bank version it names.
        version: String,
        /// The banks held, `id version`, comma-separated.
        known: String,
    },
    /// A migration that cannot be made (no map to that bank, or the wrong source).
    #[error("{0}")]
    Migration(String),
    /// A bank folder cannot be listed.
    #[error("cannot read folder {}: {cause}", path.display())]
    ReadFolder {
        /// The folder.
        path: PathBuf,
        /// The OS error.
        cause: std::io::Error,
    },
    /// A bank folder holds no bank file.
    #[error("{} holds no .toml file", path.display())]
    NoBankFiles {
        /// The folder.
        path: PathBuf,
    },
    /// An assessment shipped with the build does not parse (a build defect).
    #[error("the assessment cannot be built: {source}")]
    Unreadable {
        /// Why.
        source: AssessmentError,
    },
    /// The assessment does not fit the bank: every problem, one a line.
    #[error("the assessment does not fit bank {bank} {version}:\n{}", lines(.issues))]
    DoesNotFit {
        /// The bank's id.
        bank: String,
        /// The bank's version.
        version: String,
        /// What does not fit.
        issues: Vec<AnswerIssue>,
    },
    /// The registers refer to systems or providers that are not there, or twice.
    #[error("{}", join(.0))]
    Registers(Vec<RegisterProblem>),
    /// A detail of the assessment is missing or out of range.
    #[error(transparent)]
    Detail(#[from] DetailProblem),
    /// An exposure assumption that is unknown or out of its bounds.
    #[error("{problem}")]
    Assumptions {
        /// What is wrong.
        problem: String,
    },
    /// The exposure model cannot run on this assessment.
    #[error("cannot compute the exposure")]
    Exposure(#[source] ExposureError),
    /// The database refused or failed (busy, unreachable, not found, a bad bundle).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The report could not be built (a bad colour or logo, a layout failure).
    #[error(transparent)]
    Report(#[from] ReportError),
    /// A file could not be read.
    #[error("cannot read {}: {cause}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The OS error.
        cause: std::io::Error,
    },
    /// A file holds more bytes than its kind may (a pipe or device included).
    #[error(
        "{} is larger than the {} {} may be; it was refused before reading it all",
        path.display(),
        size_words(*cap),
        kind.name()
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// What it was read as.
        kind: InputKind,
        /// The cap, in bytes.
        cap: u64,
    },
    /// A text file that is not UTF-8.
    #[error(
        "{} is not UTF-8 text: byte {offset} (line {line}, column {column}) is not valid UTF-8",
        path.display()
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// The 0-based offset of the first bad byte in the file.
        offset: usize,
        /// Its 1-based line.
        line: usize,
        /// Its 1-based column, in characters.
        column: usize,
    },
    /// A file could not be written.
    #[error("cannot write {}: {cause}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The OS error.
        cause: std::io::Error,
    },
    /// A file is not an assessment (format version 1).
    #[error("{name} is not a valid assessment")]
    NotAnAssessment {
        /// The file, as the user named it.
        name: String,
        /// Where and why it fails to parse.
        #[source]
        source: AssessmentError,
    },
    /// A file of assumption overrides does not parse.
    #[error("{} is not a valid set of assumptions", path.display())]
    AssumptionsFile {
        /// The file.
        path: PathBuf,
        /// Where and why.
        #[source]
        source: serde_json::Error,
    },
    /// A brand file that cannot be read or used.
    #[error("{context}")]
    BrandFile {
        /// The file and, when it is one, the field at fault.
        context: String,
        /// Why.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl ServiceError {
    /// The stable code a front end maps to its own text.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Bank(_) | Self::BankFile(_) => "bank.invalid",
            Self::ReadFolder { .. } | Self::NoBankFiles { .. } => "bank.read",
            Self::UnknownBank { .. } => "bank.unknown_version",
            Self::Migration(_) => "migration.unavailable",
            Self::Unreadable { source } | Self::NotAnAssessment { source, .. } => source.code(),
            Self::DoesNotFit { .. } => "answer.invalid",
            Self::Registers(_) => "registers.invalid",
            Self::Detail(_) => "assessment.invalid_detail",
            Self::Assumptions { .. } | Self::AssumptionsFile { .. } => {
                "exposure.invalid_assumption"
            }
            Self::Exposure(_) => "exposure.unavailable",
            Self::Store(e) => e.code(),
            Self::Report(e) => e.code(),
            Self::Read { .. } => "file.read",
            Self::TooLarge { .. } => "file.too_large",
            Self::NotUtf8 { .. } => "file.encoding",
            Self::Write { .. } => "file.write",
            Self::BrandFile { .. } => "report.brand_file",
        }
    }
}

fn lines(issues: &[AnswerIssue]) -> String {
    issues
        .iter()
        .map(|i| format!("  {i}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn join<T: ToString>(issues: &[T]) -> String {
    issues
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
