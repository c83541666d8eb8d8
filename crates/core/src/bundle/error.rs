//! Why a file is not a readable bundle: one variant per problem, each with a
//! stable dotted code (`import.syntax`) and a message that names where.

use super::{FORMAT, VERSION, base64};
use crate::assessment::{AssessmentError, RegisterProblem};

/// Why a file is not a readable bundle.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum BundleError {
    /// Larger than [`Limits::max_bundle_bytes`].
    #[error("the bundle is {size} bytes, more than the limit of {limit}")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The file is empty or holds only white space.
    #[error("the file is empty: there is no bundle in it")]
    Empty,
    /// The file does not begin like a bundle: neither `{` nor an age header.
    #[error(
        "line {line}, column {column}: this is not an Ironbridge bundle (it does not start with `{{` or an age header)"
    )]
    NotABundle {
        /// 1-based line of the first character that is not white space.
        line: usize,
        /// Its 1-based column.
        column: usize,
    },
    /// Bytes that are not UTF-8.
    #[error("line {line}, column {column} (byte {offset}): the file is not valid UTF-8 here")]
    NotUtf8 {
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// 0-based byte offset of the first invalid byte.
        offset: usize,
    },
    /// Not JSON.
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// JSON, but neither a bundle nor an assessment file.
    #[error("not an Ironbridge bundle: `format` is {found:?}, expected {FORMAT:?}")]
    WrongFormat {
        /// The `format` found, if any.
        found: Option<String>,
    },
    /// No integer `version`.
    #[error("the bundle has no integer `version`")]
    MissingVersion,
    /// A version this build cannot read.
    #[error("bundle version {found} is not supported: this build reads versions up to {VERSION}")]
    VersionUnsupported {
        /// The version found.
        found: u64,
    },
    /// An assessment file (bundle version 0) that cannot be read.
    #[error("assessment file: {0}")]
    AssessmentFile(AssessmentError),
    /// A field is missing, unknown or of the wrong type.
    #[error("{}{}: {message}", position(*line, *column), at_path(path))]
    Field {
        /// The field path (`answers[3].response`).
        path: String,
        /// 1-based line (0 when the field came from an upgrader).
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The revision is 0.
    #[error("`assessment.revision` is 0; revisions count from 1")]
    RevisionZero,
    /// Two responses to one question.
    #[error("answers[{index}]: second response to {question}")]
    DuplicateAnswer {
        /// Index of the second.
        index: usize,
        /// The question.
        question: String,
    },
    /// Two notes on one question.
    #[error("notes[{index}]: second note on {question}")]
    DuplicateNote {
        /// Index of the second.
        index: usize,
        /// The question.
        question: String,
    },
    /// An empty note.
    #[error("notes[{index}]: the note on {question} is empty")]
    EmptyNote {
        /// Its index.
        index: usize,
        /// The question.
        question: String,
    },
    /// A question flagged twice.
    #[error("follow_ups[{index}]: {question} is flagged twice")]
    DuplicateFollowUp {
        /// Index of the second.
        index: usize,
        /// The question.
        question: String,
    },
    /// More evidence files than [`Limits::max_evidence_files`].
    #[error("{count} evidence files, more than the limit of {limit}")]
    TooManyEvidenceFiles {
        /// How many.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// Two evidence files with one name.
    #[error("evidence[{index}]: file name {file_name:?} is used twice")]
    DuplicateEvidence {
        /// Index of the second.
        index: usize,
        /// The name.
        file_name: String,
    },
    /// An evidence file name that is blank, too long, or holds a path or a
    /// control character.
    #[error(
        "evidence[{index}]: {} is not a plain file name: {problem}",
        shown(file_name)
    )]
    EvidenceName {
        /// Its index.
        index: usize,
        /// The name (shown cut to 60 characters).
        file_name: String,
        /// What is wrong with it.
        problem: NameProblem,
    },
    /// An evidence media type that is not `type/subtype`.
    #[error(
        "evidence[{index}] ({file_name:?}): media type {}: {problem}",
        shown(media_type)
    )]
    EvidenceMediaType {
        /// Its index.
        index: usize,
        /// The evidence file's name.
        file_name: String,
        /// The media type (shown cut to 60 characters).
        media_type: String,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// An evidence file larger than [`Limits::max_evidence_bytes`].
    #[error("evidence {file_name:?} is {size} bytes, more than the limit of {limit}")]
    EvidenceTooLarge {
        /// Its name.
        file_name: String,
        /// Its size (declared or decoded, whichever is larger).
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// `sha256` is not 64 lowercase hex digits.
    #[error("evidence {file_name:?}: sha256 {sha256:?} is not 64 lowercase hex digits")]
    EvidenceDigestMalformed {
        /// Its name.
        file_name: String,
        /// The digest given.
        sha256: String,
    },
    /// The content is not canonical base64.
    #[error("evidence {file_name:?}: content is not base64: {problem}")]
    EvidenceEncoding {
        /// Its name.
        file_name: String,
        /// What is wrong.
        problem: base64::Base64Error,
    },
    /// The content's length is not the declared size.
    #[error("evidence {file_name:?}: content is {actual} bytes, `size` says {declared}")]
    EvidenceSizeMismatch {
        /// Its name.
        file_name: String,
        /// The declared size.
        declared: u64,
        /// The decoded size.
        actual: u64,
    },
    /// The audit summary is not a plausible one.
    #[error("`{field}`: {problem}")]
    AuditSummary {
        /// The field (`audit.first_change_at`, `audit.earlier[0].actors[2]`).
        field: String,
        /// What is wrong.
        problem: String,
    },
    /// A bundle of version 2 or later without its digest.
    #[error(
        "the bundle has no `content_sha256`, which every bundle from version 2 on carries: it was not written by Ironbridge"
    )]
    DigestMissing,
    /// A digest that is not 64 lowercase hex digits.
    #[error("`content_sha256` {} is not 64 lowercase hex digits", shown(found))]
    DigestMalformed {
        /// The digest found.
        found: String,
    },
    /// The content does not hash to the digest.
    #[error(
        "the bundle's content does not match its digest: it was changed after export (expected {expected}, found {found})"
    )]
    DigestMismatch {
        /// The digest the file carries.
        expected: String,
        /// The digest of its content.
        found: String,
    },
    /// The registers are inconsistent.
    #[error("registers: {}", .problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Registers {
        /// Every problem.
        problems: Vec<RegisterProblem>,
    },
}

impl BundleError {
    /// The stable error code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            BundleError::TooLarge { .. } => "import.too_large",
            BundleError::Empty => "import.empty",
            BundleError::NotABundle { .. } => "import.not_a_bundle",
            BundleError::NotUtf8 { .. } => "import.not_utf8",
            BundleError::Syntax { .. } => "import.syntax",
            BundleError::WrongFormat { .. } => "import.format",
            BundleError::MissingVersion => "import.version_missing",
            BundleError::VersionUnsupported { .. } => "import.version_unsupported",
            BundleError::AssessmentFile(_) => "import.assessment_file",
            BundleError::Field { .. } => "import.field",
            BundleError::RevisionZero => "import.revision_zero",
            BundleError::DuplicateAnswer { .. } => "import.duplicate_answer",
            BundleError::DuplicateNote { .. } => "import.duplicate_note",
            BundleError::EmptyNote { .. } => "import.empty_note",
            BundleError::DuplicateFollowUp { .. } => "import.duplicate_follow_up",
            BundleError::TooManyEvidenceFiles { .. } => "import.evidence_count",
            BundleError::DuplicateEvidence { .. } => "import.evidence_duplicate",
            BundleError::EvidenceName { .. } => "import.evidence_name",
            BundleError::EvidenceMediaType { .. } => "import.evidence_media_type",
            BundleError::EvidenceTooLarge { .. } => "import.evidence_too_large",
            BundleError::EvidenceDigestMalformed { .. } => "import.evidence_digest_malformed",
            BundleError::EvidenceEncoding { .. } => "import.evidence_encoding",
            BundleError::EvidenceSizeMismatch { .. } => "import.evidence_size_mismatch",
            BundleError::AuditSummary { .. } => "import.audit_summary",
            BundleError::DigestMissing => "import.digest_missing",
            BundleError::DigestMalformed { .. } => "import.digest_malformed",
            BundleError::DigestMismatch { .. } => "import.digest_mismatch",
            BundleError::Registers { .. } => "import.registers",
        }
    }
}

/// What is wrong with an evidence file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NameProblem {
    /// Empty or only white space.
    #[error("it is blank")]
    Blank,
    /// `.` or `..`.
    #[error("it names a folder")]
    Dots,
    /// A `/` or `\\`.
    #[error("it holds a path separator")]
    Path,
    /// A control character (NUL, escape, newline, ...).
    #[error("it holds a control character")]
    Control,
    /// A bidirectional-text control, which can disguise the name's extension.
    #[error("it holds a bidirectional-text control character, which can disguise its extension")]
    Bidi,
    /// Longer than [`super::checks::MAX_NAME_BYTES`].
    #[error("it is longer than {} bytes", super::checks::MAX_NAME_BYTES)]
    TooLong,
}

/// "line L, column C: " for a position in the file; nothing for a field
/// that came from an upgrader (line 0).
fn position(line: usize, column: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!("line {line}, column {column}: ")
    }
}

/// Where a field is: a path, or the top level for serde's `.`.
fn at_path(path: &str) -> String {
    if path.is_empty() || path == "." {
        "at the top level of the bundle".to_owned()
    } else {
        format!("at `{path}`")
    }
}

/// A value from the file, quoted with escapes and cut to 60 characters.
pub(super) fn shown(text: &str) -> String {
    let mut cut: String = text.chars().take(60).collect();
    if cut.len() < text.len() {
        cut.push_str("...");
    }
    format!("{cut:?}")
}
