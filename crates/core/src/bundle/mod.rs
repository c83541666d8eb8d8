//! The bundle: one assessment as one portable file (DESIGN §8).
//!
//! A bundle is JSON (`format` = `ironbridge.bundle`, `version` = an integer)
//! holding the bank id and version, the organisation profile, the answers,
//! notes, follow-ups, registers, evidence files (base64) and a summary of the
//! audit log. [`parse`] reads one in stages, each with its own error:
//!
//! 1. the size, against [`Limits`], before anything is parsed;
//! 2. `format` and `version` alone, so a newer file says so instead of failing
//!    on a field, and an older one is recognised;
//! 3. older versions are brought to [`VERSION`] by a chain of pure upgraders,
//!    one per version step (version 0 is the plain assessment file,
//!    `ironbridge.assessment`, which predates bundles);
//! 4. the current version strictly: unknown fields rejected, the field path,
//!    line and column named;
//! 5. the structure: duplicates, evidence sizes and encodings, registers.
//!
//! Invariant: a [`Bundle`] returned by [`parse`] passed all five; what needs
//! more than the file (the bank, evidence digests, the database) is checked
//! by the store when it imports.
//!
//! ```
//! use ironbridge_core::assessment::Assessment;
//! use ironbridge_core::bundle::{self, Bundle, Limits};
//!
//! let demo = Assessment::from_json(ironbridge_core::embedded::DEMO_ASSESSMENT).unwrap();
//! let text = Bundle::from_assessment(&demo).to_json();
//! let again = bundle::parse(text.as_bytes(), &Limits::default()).unwrap();
//! assert_eq!(again.to_assessment().answers.len(), demo.answers.len());
//! ```

pub mod base64;
pub mod v1;

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::Value;

pub use v1::{Answer, AuditSummary, Bundle, Evidence, Header, Note};

use crate::assessment::{Assessment, AssessmentError, RegisterProblem};

/// The value of `format` in every bundle.
pub const FORMAT: &str = "ironbridge.bundle";
/// The bundle version this build writes, and the newest it reads.
pub const VERSION: u32 = 1;

/// Size limits applied while reading a bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest bundle file, in bytes (after decryption).
    pub max_bundle_bytes: usize,
    /// The largest evidence file, in bytes.
    pub max_evidence_bytes: u64,
    /// The most evidence files in one bundle.
    pub max_evidence_files: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bundle_bytes: 64 * 1024 * 1024,
            max_evidence_bytes: 16 * 1024 * 1024,
            max_evidence_files: 1000,
        }
    }
}

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
    /// Not JSON (or not UTF-8).
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
    #[error("line {line}, column {column}: at `{path}`: {message}")]
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
    /// An evidence file name that is empty or has a path in it.
    #[error("evidence[{index}]: {file_name:?} is not a plain file name")]
    EvidenceName {
        /// Its index.
        index: usize,
        /// The name.
        file_name: String,
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
            BundleError::EvidenceTooLarge { .. } => "import.evidence_too_large",
            BundleError::EvidenceDigestMalformed { .. } => "import.evidence_digest_malformed",
            BundleError::EvidenceEncoding { .. } => "import.evidence_encoding",
            BundleError::EvidenceSizeMismatch { .. } => "import.evidence_size_mismatch",
            BundleError::Registers { .. } => "import.registers",
        }
    }
}

/// Reads a bundle (or an assessment file, bundle version 0), upgrading it to
/// the current version and checking its structure.
pub fn parse(bytes: &[u8], limits: &Limits) -> Result<Bundle, BundleError> {
    if bytes.len() > limits.max_bundle_bytes {
        return Err(BundleError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_bundle_bytes as u64,
        });
    }
    let probe: Probe = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            syntax(&e)
        } else {
            BundleError::WrongFormat { found: None }
        }
    })?;
    let bundle = match probe.format {
        Some(Value::String(f)) if f == crate::assessment::FORMAT => {
            // Version 0: the assessment file, read strictly by its own reader.
            let text = std::str::from_utf8(bytes).map_err(|e| BundleError::Syntax {
                line: 0,
                column: 0,
                message: format!("not UTF-8 at byte {}", e.valid_up_to()),
            })?;
            let assessment = Assessment::from_json(text).map_err(BundleError::AssessmentFile)?;
            let value = serde_json::to_value(&assessment).map_err(|e| upgrader_field(&e))?;
            from_value(upgrade(0, value)?)?
        }
        Some(Value::String(f)) if f == FORMAT => {
            let found = probe
                .version
                .as_ref()
                .and_then(Value::as_u64)
                .ok_or(BundleError::MissingVersion)?;
            if found != u64::from(VERSION) {
                // No older bundle versions exist yet: version 0 is the assessment file.
                return Err(BundleError::VersionUnsupported { found });
            }
            let mut de = serde_json::Deserializer::from_slice(bytes);
            serde_path_to_error::deserialize(&mut de).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                BundleError::Field {
                    path,
                    line: inner.line(),
                    column: inner.column(),
                    message: strip_position(&inner.to_string()),
                }
            })?
        }
        Some(Value::String(f)) => return Err(BundleError::WrongFormat { found: Some(f) }),
        _ => return Err(BundleError::WrongFormat { found: None }),
    };
    check(&bundle, limits)?;
    Ok(bundle)
}

impl Bundle {
    /// Writes the bundle as pretty JSON, the form of the file.
    pub fn to_json(&self) -> String {
        // Serialising plain data structs with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl Evidence {
    /// The decoded content.
    pub fn decode_content(&self) -> Result<Vec<u8>, base64::Base64Error> {
        base64::decode(&self.content)
    }
}

/// One version step: takes a file of version `i` (as JSON) to version `i + 1`.
type Upgrader = fn(Value) -> Result<Value, BundleError>;

/// `UPGRADERS[i]` upgrades version `i` to `i + 1`; pure functions of the JSON.
const UPGRADERS: [Upgrader; VERSION as usize] = [v0_to_v1];

/// Applies the upgraders from `from` up to [`VERSION`].
fn upgrade(from: u32, mut value: Value) -> Result<Value, BundleError> {
    for step in UPGRADERS.iter().skip(from as usize) {
        value = step(value)?;
    }
    Ok(value)
}

/// Version 0 (an assessment file) to version 1: answers, notes and follow-ups
/// split out of the answer records, no evidence, an empty audit summary.
fn v0_to_v1(value: Value) -> Result<Value, BundleError> {
    let assessment: Assessment = serde_json::from_value(value).map_err(|e| upgrader_field(&e))?;
    serde_json::to_value(Bundle::from_assessment(&assessment)).map_err(|e| upgrader_field(&e))
}

fn from_value(value: Value) -> Result<Bundle, BundleError> {
    serde_path_to_error::deserialize(value).map_err(|e| BundleError::Field {
        path: e.path().to_string(),
        line: 0,
        column: 0,
        message: e.into_inner().to_string(),
    })
}

/// The structural checks of stage 5.
fn check(bundle: &Bundle, limits: &Limits) -> Result<(), BundleError> {
    if bundle.assessment.revision == 0 {
        return Err(BundleError::RevisionZero);
    }
    let mut seen = BTreeSet::new();
    for (index, answer) in bundle.answers.iter().enumerate() {
        if !seen.insert(&answer.question) {
            return Err(BundleError::DuplicateAnswer {
                index,
                question: answer.question.to_string(),
            });
        }
    }
    let mut seen = BTreeSet::new();
    for (index, note) in bundle.notes.iter().enumerate() {
        if !seen.insert(&note.question) {
            return Err(BundleError::DuplicateNote {
                index,
                question: note.question.to_string(),
            });
        }
        if note.text.is_empty() {
            return Err(BundleError::EmptyNote {
                index,
                question: note.question.to_string(),
            });
        }
    }
    let mut seen = BTreeSet::new();
    for (index, question) in bundle.follow_ups.iter().enumerate() {
        if !seen.insert(question) {
            return Err(BundleError::DuplicateFollowUp {
                index,
                question: question.to_string(),
            });
        }
    }
    if bundle.evidence.len() > limits.max_evidence_files {
        return Err(BundleError::TooManyEvidenceFiles {
            count: bundle.evidence.len(),
            limit: limits.max_evidence_files,
        });
    }
    let mut seen = BTreeSet::new();
    for (index, evidence) in bundle.evidence.iter().enumerate() {
        check_evidence(index, evidence, limits)?;
        if !seen.insert(&evidence.file_name) {
            return Err(BundleError::DuplicateEvidence {
                index,
                file_name: evidence.file_name.clone(),
            });
        }
    }
    bundle
        .registers
        .check()
        .map_err(|problems| BundleError::Registers { problems })
}

fn check_evidence(index: usize, evidence: &Evidence, limits: &Limits) -> Result<(), BundleError> {
    let name = &evidence.file_name;
    if name.is_empty()
        || name == "."
        || name == ".."
        || name.contains(['/', '\\', '\0'])
        || name.chars().any(char::is_control)
    {
        return Err(BundleError::EvidenceName {
            index,
            file_name: name.clone(),
        });
    }
    let bound = base64::decoded_len_bound(evidence.content.len()) as u64;
    let size = evidence.size.max(bound.saturating_sub(2));
    if size > limits.max_evidence_bytes {
        return Err(BundleError::EvidenceTooLarge {
            file_name: name.clone(),
            size,
            limit: limits.max_evidence_bytes,
        });
    }
    let digest = &evidence.sha256;
    if digest.len() != 64
        || !digest
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Err(BundleError::EvidenceDigestMalformed {
            file_name: name.clone(),
            sha256: digest.clone(),
        });
    }
    let content = evidence
        .decode_content()
        .map_err(|problem| BundleError::EvidenceEncoding {
            file_name: name.clone(),
            problem,
        })?;
    if content.len() as u64 != evidence.size {
        return Err(BundleError::EvidenceSizeMismatch {
            file_name: name.clone(),
            declared: evidence.size,
            actual: content.len() as u64,
        });
    }
    Ok(())
}

#[derive(Deserialize)]
struct Probe {
    format: Option<Value>,
    version: Option<Value>,
}

fn syntax(e: &serde_json::Error) -> BundleError {
    BundleError::Syntax {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    }
}

fn upgrader_field(e: &serde_json::Error) -> BundleError {
    BundleError::Field {
        path: String::new(),
        line: 0,
        column: 0,
        message: strip_position(&e.to_string()),
    }
}

/// serde_json appends " at line L column C" to its messages; the error carries them apart.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(idx) => message[..idx].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests;
