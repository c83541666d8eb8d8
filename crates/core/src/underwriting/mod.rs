//! Underwriting readiness: the questions cyber underwriters commonly ask a
//! manufacturer, each answered only as far as the assessment supports.
//!
//! The questions are data (`assets/underwriting/readiness.toml`, embedded as
//! [`SHIPPED`]), written in Ironbridge's own words and mapped to the bank's
//! questions. [`ReadinessSet::load`] checks the file against the bank in use
//! and reports every problem at once; [`ReadinessSet::assess`] answers each
//! item from an assessment; [`readiness`] does both with the shipped file.
//!
//! Invariant: an item is [`Supported::Yes`] only when every deciding
//! condition holds; it is [`Supported::Unknown`] whenever a deciding question
//! is unanswered or answered unknown; and every answer short of a clean "yes"
//! carries the item's warning of what a plain "yes" would overstate.
//!
//! ```
//! use ironbridge_core::{Bank, assessment::Assessment, underwriting};
//!
//! let bank = Bank::shipped().expect("the shipped bank is valid");
//! let demo = Assessment::from_json(ironbridge_core::embedded::DEMO_ASSESSMENT).unwrap();
//! let readiness = underwriting::readiness(&bank, &demo).expect("the shipped questions fit the bank");
//! let mfa = readiness.items.iter().find(|i| i.id == "mfa-remote-access").unwrap();
//! assert_eq!(mfa.answer, underwriting::Supported::Partly);
//! assert!(mfa.warning.is_some());
//! ```

mod assess;
mod issue;
mod load;
#[cfg(test)]
mod tests;

use serde::Serialize;

pub use issue::{UnderwritingIssue, UnderwritingIssues, UnderwritingProblem};

use crate::assessment::{Assessment, ProviderService};
use crate::bank::Bank;
use crate::ids::QuestionId;
use crate::level::Level;

/// The shipped readiness file's name, as used in messages.
pub const SHIPPED_NAME: &str = "assets/underwriting/readiness.toml";

/// The shipped readiness file.
pub const SHIPPED: &str = include_str!("../../../../assets/underwriting/readiness.toml");

/// The shipped readiness questions, answered from `assessment` (answered on `bank`).
///
/// Fails only when the shipped file does not fit `bank` (a bank other than
/// the shipped ones, without a question the file maps to).
pub fn readiness(bank: &Bank, assessment: &Assessment) -> Result<Readiness, UnderwritingIssues> {
    Ok(ReadinessSet::shipped(bank)?.assess(bank, assessment))
}

/// A checked set of readiness questions, with the conditions for one bank.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReadinessSet {
    /// The section's title.
    pub title: String,
    /// The notice shown above the section: what it is not, and what to confirm.
    pub notice: String,
    /// The version of the bank the conditions were chosen and checked for.
    pub bank_version: String,
    /// The items, in file order.
    pub items: Vec<ReadinessQuestion>,
}

/// One question an underwriter asks, mapped to the bank.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReadinessQuestion {
    /// Stable id (`mfa-email`).
    pub id: String,
    /// Short label for tables.
    pub topic: String,
    /// The question as a broker would put it.
    pub question: String,
    /// Why underwriters ask it.
    pub why: String,
    /// What a plain "yes" would overstate: the warning shown whenever the
    /// assessment does not support a clean "yes".
    pub overstates: String,
    /// Why the assessment cannot answer it, for an item the bank does not ask about.
    pub outside: Option<String>,
    /// The conditions that decide the answer (for this set's bank).
    pub conditions: Vec<Condition>,
    /// Questions shown as evidence without deciding the answer.
    pub context: Vec<QuestionId>,
    /// Register services whose providers are named as evidence.
    pub providers: Vec<ProviderService>,
}

/// A bank question and the answers to it that support "yes" or "partly".
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Condition {
    /// The question.
    pub question: QuestionId,
    /// What the condition stands for, in words.
    pub covers: String,
    /// Which answers hold, partly hold or do not.
    pub rule: Rule,
}

/// Which answers to a question support "yes" or "partly".
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule {
    /// A scored question's level (a scored choice counts by its option's level).
    Level {
        /// The lowest level that holds.
        yes: Level,
        /// The lowest level that partly holds.
        partly: Option<Level>,
    },
    /// A choice's values, or `yes` / `no` for a yes/no question.
    Values {
        /// The values that hold.
        yes: Vec<String>,
        /// The values that partly hold.
        partly: Vec<String>,
    },
    /// A number where more is better.
    AtLeast {
        /// The smallest number that holds.
        yes: f64,
        /// The smallest number that partly holds.
        partly: Option<f64>,
    },
    /// A number where less is better.
    AtMost {
        /// The largest number that holds.
        yes: f64,
        /// The largest number that partly holds.
        partly: Option<f64>,
    },
}

/// The readiness section for one assessment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Readiness {
    /// The section's title.
    pub title: String,
    /// The notice shown above the section.
    pub notice: String,
    /// The bank version the answers were read against.
    pub bank_version: String,
    /// One answer per question, in file order.
    pub items: Vec<ReadinessItem>,
}

/// What the assessment supports as the answer to one underwriter's question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReadinessItem {
    /// The question's id (`mfa-email`).
    pub id: String,
    /// Short label for tables.
    pub topic: String,
    /// The question as a broker would put it.
    pub question: String,
    /// Why underwriters ask it.
    pub why: String,
    /// The answer the assessment supports.
    pub answer: Supported,
    /// The answers it rests on, deciding ones first, then context.
    pub evidence: Vec<Evidence>,
    /// Each deciding condition short of "yes", in words.
    pub shortfalls: Vec<String>,
    /// What a plain "yes" would overstate; `None` only for a clean "yes".
    pub warning: Option<String>,
    /// Points to confirm before answering even a supported "yes" (answers
    /// flagged for follow-up, conditions marked not applicable).
    pub cautions: Vec<String>,
    /// Why the assessment cannot answer it, for an item the bank does not ask about.
    pub outside: Option<String>,
    /// Names of the register's providers of the item's services.
    pub providers: Vec<String>,
}

/// The answer an assessment supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Supported {
    /// Every condition holds.
    Yes,
    /// Some conditions hold, or hold in part, but not all.
    Partly,
    /// No condition holds even in part.
    No,
    /// A deciding question is unanswered or answered unknown, or the bank does not ask.
    Unknown,
}

impl Supported {
    /// The answer as a broker would read it.
    pub fn label(self) -> &'static str {
        match self {
            Supported::Yes => "yes",
            Supported::Partly => "partly",
            Supported::No => "no",
            Supported::Unknown => "unknown",
        }
    }
}

/// One answer of the assessment shown as evidence for an item.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    /// The question.
    pub question: QuestionId,
    /// Its short title in the bank.
    pub title: String,
    /// What the condition stands for; `None` for context.
    pub covers: Option<String>,
    /// The answer, in words (`level 1`, `In force`, `yes`, `68%`, `unknown`, `not answered`).
    pub answer: String,
    /// The level's descriptor, for an answer given as a level.
    pub descriptor: Option<String>,
    /// How the answer fits the condition; `None` for context.
    pub fit: Option<Fit>,
    /// The assessor's note, when there is one.
    pub note: Option<String>,
    /// Whether the answer is flagged for follow-up (evidence to see, someone to ask).
    pub follow_up: bool,
}

/// How one answer fits one condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fit {
    /// The condition holds.
    Holds,
    /// The condition holds in part.
    Partly,
    /// The condition does not hold.
    Fails,
    /// Unanswered, answered unknown, or an answer that does not fit the question.
    Unknown,
    /// Marked not applicable: left out of the decision, shown with its reason.
    NotApplicable,
}
