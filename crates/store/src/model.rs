//! The values the store takes and gives back, beyond the core types.
//!
//! Invariant: an [`Actor`] is never empty, so every audit entry names who
//! made the change; a [`Saved`] is returned only after the commit is durable.

use chrono::{DateTime, SubsecRound, Utc};
use ironbridge_core::QuestionId;
use ironbridge_core::assessment::{BankRef, Mode, Status};
use serde::Serialize;

use crate::error::InvalidInput;

/// Who makes a change (a consultant's name, an account, `cli`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Actor(String);

impl Actor {
    /// An actor; the name is trimmed and must not be empty.
    pub fn new(name: &str) -> Result<Self, InvalidInput> {
        let name = name.trim();
        if name.is_empty() {
            Err(InvalidInput::EmptyActor)
        } else {
            Ok(Actor(name.to_owned()))
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A change that is on disk: what the UI waits for before it shows "saved".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Saved {
    /// The assessment.
    pub id: String,
    /// The revision the change went into (a new one when the last was final).
    pub revision: u32,
    /// The number of the last audit entry the change wrote (unchanged when nothing changed).
    pub audit_seq: u64,
}

/// One line of `list`: what the home screen shows of an assessment, read in
/// one query without loading the assessment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AssessmentSummary {
    /// The assessment id.
    pub id: String,
    /// Its latest revision.
    pub revision: u32,
    /// The latest revision's title.
    pub title: String,
    /// The organisation assessed.
    pub organisation: String,
    /// Workshop or self-assessment (the latest revision's).
    pub mode: Mode,
    /// The latest revision's status.
    pub status: Status,
    /// The bank.
    pub bank: BankRef,
    /// Questions answered in the latest revision: the answer records whose
    /// response is set (a note or a follow-up flag alone does not count), as
    /// many as `load` gives with `response.is_some()`.
    pub n_answers: u64,
    /// When the latest revision last changed (answer, note, status, registers,
    /// narrative, evidence); `list` gives the most recent first.
    pub updated_at: DateTime<Utc>,
}

/// One entry of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// The assessment.
    pub assessment_id: String,
    /// Position in the assessment's chain, from 1.
    pub chain_seq: u64,
    /// When (UTC, microseconds).
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: String,
    /// The revision changed.
    pub revision: u32,
    /// What kind of thing changed (`answer`, `note`, `status`…).
    pub entity: String,
    /// Which one (a question id, a file name; empty for the assessment itself).
    pub entity_key: String,
    /// The value before, as JSON; `None` when it did not exist.
    pub old_value: Option<String>,
    /// The value after, as JSON; `None` when it was removed.
    pub new_value: Option<String>,
    /// The previous entry's hash (64 zeros for the first).
    pub prev_hash: String,
    /// SHA-256 over this entry and `prev_hash`.
    pub hash: String,
}

/// The result of checking an assessment's audit chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LogVerdict {
    /// Entries checked.
    pub entries: u64,
    /// The hash of the last entry.
    pub head: String,
    /// Every break found; empty when the chain is intact.
    pub problems: Vec<LogProblem>,
}

impl LogVerdict {
    /// Whether the chain is intact.
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A break in the audit chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
pub enum LogProblem {
    /// Entry numbers are not 1, 2, 3…
    #[error("entry {found} follows entry {previous}: entries are missing")]
    Gap {
        /// The previous entry's number.
        previous: u64,
        /// This entry's number.
        found: u64,
    },
    /// `prev_hash` is not the previous entry's hash.
    #[error("entry {chain_seq} does not link to the entry before it")]
    BrokenLink {
        /// The entry.
        chain_seq: u64,
    },
    /// The stored hash is not the hash of the entry.
    #[error("entry {chain_seq} was altered: its hash does not match its content")]
    Altered {
        /// The entry.
        chain_seq: u64,
    },
    /// The chain's recorded head is not its last entry (entries removed at the end).
    #[error("the log ends at entry {last}, but the assessment records {recorded} entries")]
    Truncated {
        /// The last entry found.
        last: u64,
        /// The count recorded with the assessment.
        recorded: u64,
    },
}

/// An evidence file to attach.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEvidence {
    /// Its file name (no path).
    pub file_name: String,
    /// Its media type.
    pub media_type: String,
    /// The question it supports, if one.
    pub question: Option<QuestionId>,
    /// The content.
    pub content: Vec<u8>,
}

/// Now, to the microsecond both databases keep.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}
