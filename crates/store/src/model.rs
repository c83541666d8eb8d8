//! The values the store takes and gives back, beyond the core types.
//!
//! Invariant: an [`Actor`] is never empty, so every audit entry names who
//! made the change, and is a name a bundle import accepts; a [`Saved`] is returned only after the commit is durable.

use chrono::{DateTime, SubsecRound, Utc};
use ironbridge_core::QuestionId;
use ironbridge_core::assessment::{BankRef, Mode, Status};
use ironbridge_core::bundle::check_actor;
use serde::Serialize;

use crate::error::InvalidInput;

/// Who makes a change (a consultant's name, an account, `cli`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Actor(String);

impl Actor {
    /// An actor; the name is trimmed and must not be empty. It must also be
    /// a name a bundle import accepts ([`ironbridge_core::bundle::check_actor`]:
    /// at most 255 bytes, no control or bidirectional-text character), so
    /// that every export of this store imports again.
    pub fn new(name: &str) -> Result<Self, InvalidInput> {
        let name = name.trim();
        if name.is_empty() {
            return Err(InvalidInput::EmptyActor);
        }
        check_actor(name).map_err(|problem| InvalidInput::ActorName {
            name: name.to_owned(),
            problem,
        })?;
        Ok(Actor(name.to_owned()))
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
    /// HMAC-SHA256 of `hash` with the audit key (kept outside the
    /// database); `None` for entries written before the log was signed.
    pub mac: Option<String>,
}

/// Where an assessment's audit log ends: printed in every exported report
/// and bundle, so that a later change to the log is evident against the
/// document already delivered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditHead {
    /// The assessment.
    pub assessment_id: String,
    /// The number of the last entry (0 before any).
    pub chain_seq: u64,
    /// The last entry's hash (64 lowercase hex characters).
    pub hash: String,
}

impl AuditHead {
    /// The first 16 hex characters of the hash: enough to tell two logs apart.
    pub fn short_hash(&self) -> &str {
        self.hash.get(..16).unwrap_or(&self.hash)
    }
}

impl std::fmt::Display for AuditHead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "audit log of {}: entry {}, head {}",
            self.assessment_id,
            self.chain_seq,
            self.short_hash()
        )
    }
}

/// The result of checking an assessment's audit chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LogVerdict {
    /// Entries checked.
    pub entries: u64,
    /// The hash of the last entry.
    pub head: String,
    /// Whether the signatures could be checked.
    pub signatures: Signatures,
    /// How many entries, from the first, were written before the log was
    /// signed: they are trusted as they were found when signing began.
    pub unsigned: u64,
    /// Every break found; empty when the chain is intact.
    pub problems: Vec<LogProblem>,
}

impl LogVerdict {
    /// Whether the chain is intact: no break found and every signature
    /// checked (without the key it is not known to be intact).
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty() && matches!(self.signatures, Signatures::Checked { .. })
    }

    /// Whether a break was found (without the key, no break found does not
    /// make the log intact: see [`LogVerdict::signatures`]).
    pub fn is_broken(&self) -> bool {
        !self.problems.is_empty()
    }
}

/// The verdict in the user's words, one finding a line.
impl std::fmt::Display for LogVerdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let head = self.head.get(..16).unwrap_or(&self.head);
        if self.is_broken() {
            writeln!(f, "the audit log was changed outside Ironbridge:")?;
            for problem in &self.problems {
                writeln!(f, "  {problem}")?;
            }
        } else {
            writeln!(
                f,
                "{} entries, chain unbroken, stored data as the log records, head {head}",
                self.entries
            )?;
        }
        writeln!(f, "{}", self.signatures)?;
        if self.unsigned > 0 {
            writeln!(
                f,
                "entries 1 to {} were written before the log was signed; they are trusted as they were found then",
                self.unsigned
            )?;
        }
        Ok(())
    }
}

/// Whether the log's signatures could be checked on this machine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
pub enum Signatures {
    /// Checked with the audit key named by its public id.
    #[error("signatures checked with the audit key {key_id}")]
    Checked {
        /// The key's public id (16 hex characters; not the key).
        key_id: String,
    },
    /// There is no audit key here: the chain was checked, the signatures
    /// could not be, so the log is not known to be intact.
    #[error(
        "cannot check the signatures: no key (the audit key {} does not exist on this machine; a team database needs the team's key)",
        path.display()
    )]
    NoKey {
        /// Where the key was looked for.
        path: std::path::PathBuf,
    },
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
    /// An entry without a signature after signed ones.
    #[error(
        "entry {chain_seq} is not signed, though entries before it are: it was written outside Ironbridge"
    )]
    EntryNotSigned {
        /// The entry.
        chain_seq: u64,
    },
    /// An entry whose signature is not the audit key's.
    #[error(
        "entry {chain_seq} does not carry a valid signature of the audit key: it was written or changed outside Ironbridge"
    )]
    EntryForged {
        /// The entry.
        chain_seq: u64,
    },
    /// The recorded end of the log is not signed.
    #[error(
        "the recorded end of the log (entry {recorded}) is not signed: it was changed outside Ironbridge"
    )]
    HeadNotSigned {
        /// The entry count recorded with the assessment.
        recorded: u64,
    },
    /// The recorded end of the log does not carry the audit key's signature.
    #[error(
        "the recorded end of the log (entry {recorded}) does not carry a valid signature of the audit key: the log was extended, rewritten or wound back outside Ironbridge"
    )]
    HeadForged {
        /// The entry count recorded with the assessment.
        recorded: u64,
    },
    /// The log was signed with another key than the one here.
    #[error(
        "the log was signed with the audit key {found:?}, not with the key here ({ours}): check it with the key it was written with (colleagues on a team database share one key)"
    )]
    OtherKey {
        /// The id recorded with the assessment.
        found: String,
        /// This machine's key id.
        ours: String,
    },
    /// A revision the log records is not in the database.
    #[error(
        "revision {revision} is in the log but not in the database: it was deleted outside Ironbridge"
    )]
    RevisionMissing {
        /// The revision.
        revision: u32,
    },
    /// A revision in the database that the log never recorded.
    #[error(
        "revision {revision} is in the database but not in the log: it was added outside Ironbridge"
    )]
    RevisionNotLogged {
        /// The revision.
        revision: u32,
    },
    /// Stored data that differs from the last value the log records.
    #[error(
        "in revision {revision}, {} is not what the log records: it was changed outside Ironbridge",
        describe(entity, key)
    )]
    ChangedOutsideLog {
        /// The revision.
        revision: u32,
        /// What kind of thing (`answer`, `note`, `follow_up`, `status`,
        /// `registers`, `narrative`, `assumptions`, `plan`, `evidence`,
        /// `details`, `audit_baseline`).
        entity: String,
        /// Which one: a question id, an evidence file name; empty for the
        /// revision itself.
        key: String,
    },
}

/// A stored thing in the user's words: "the answer to GOV-01".
fn describe(entity: &str, key: &str) -> String {
    match entity {
        "answer" => format!("the answer to {key}"),
        "note" => format!("the note on {key}"),
        "follow_up" => format!("the follow-up flag on {key}"),
        "status" => "the status".to_owned(),
        "registers" => "the registers of systems and providers".to_owned(),
        "narrative" => "the report's narrative".to_owned(),
        "assumptions" => "the saved exposure assumptions".to_owned(),
        "plan" => format!("the roadmap plan for {key}"),
        "evidence" => format!("the evidence file {key:?}"),
        "details" => {
            "the assessment's details (title, organisation, assessor, dates, targets, participants)"
                .to_owned()
        }
        "audit_baseline" => "the audit summary brought in by the import".to_owned(),
        other => format!("{other} {key}"),
    }
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

#[cfg(test)]
mod tests {
    use ironbridge_core::bundle::check_actor;

    use super::Actor;
    use crate::error::InvalidInput;

    #[test]
    fn an_actor_is_trimmed_and_may_hold_any_printable_name() {
        let actor = Actor::new("  Zoë Ørsted (Müller & Co) ").unwrap();
        assert_eq!(actor.as_str(), "Zoë Ørsted (Müller & Co)");
        assert_eq!(Actor::new(" \t\n "), Err(InvalidInput::EmptyActor));
    }

    #[test]
    fn an_actor_with_a_control_or_bidi_character_is_refused_with_the_name_escaped() {
        for (name, problem) in [
            ("Ann\u{7}Example", "control character"),
            ("Ann\nExample", "control character"),
            ("Ann\u{1b}[31mExample", "control character"),
            ("Ann\u{85}Example", "control character"),
            ("Ann\u{202E}elpmaxE", "bidirectional-text control character"),
            ("Ann\u{2066}Example", "bidirectional-text control character"),
        ] {
            let err = Actor::new(name).unwrap_err();
            let message = err.to_string();
            assert!(
                matches!(err, InvalidInput::ActorName { .. }),
                "{name:?}: {err:?}"
            );
            assert_eq!(err.code(), "store.actor_name");
            assert!(message.contains(problem), "{name:?}: {message}");
            assert!(
                message.starts_with("the name of who makes the change, \"Ann\\"),
                "{message}"
            );
            assert!(
                !message
                    .chars()
                    .any(|c| c.is_control() || ironbridge_core::bundle::checks::is_bidi_control(c)),
                "the message shows the name escaped: {message:?}"
            );
        }
    }

    #[test]
    fn an_actor_longer_than_an_import_accepts_is_refused_and_shown_cut() {
        let long = "é".repeat(128); // 256 bytes
        let err = Actor::new(&long).unwrap_err();
        assert!(err.to_string().contains("longer than 255 bytes"), "{err}");
        assert!(err.to_string().contains("...\""), "{err}");
        assert!(Actor::new(&"e".repeat(255)).is_ok());
    }

    /// Every name the store takes is one the bundle import takes: the names
    /// an export carries import again.
    #[test]
    fn every_accepted_actor_passes_the_import_check_and_every_refused_one_fails_it() {
        let specials = (0u32..0x250)
            .chain(0x2000..0x2070)
            .chain([0x061C, 0xFEFF, 0x1F600])
            .filter_map(char::from_u32);
        for c in specials {
            let name = format!("A{c}B");
            let accepted = Actor::new(&name).is_ok();
            assert_eq!(accepted, check_actor(&name).is_ok(), "{name:?}");
        }
        let actor = Actor::new("\u{2007}Ann\u{3000}").unwrap();
        assert!(check_actor(actor.as_str()).is_ok());
    }
}
