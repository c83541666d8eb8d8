//! Problems found in an underwriting-readiness file, each with its file, item and question.
//!
//! Invariant: validation never stops at the first problem; an
//! [`UnderwritingIssues`] holds every problem found, in file order.

use crate::file_issues::{FileIssue, FileIssues, FileProblem};

/// One problem in a readiness file: where it is and what it is.
pub type UnderwritingIssue = FileIssue<UnderwritingProblem>;

/// Every problem found in a readiness file, in file order.
pub type UnderwritingIssues = FileIssues<UnderwritingProblem>;

impl FileProblem for UnderwritingProblem {
    const SUBJECT_HAS: &'static str = "the underwriting-readiness questions have";
    const CODE: &'static str = "underwriting.invalid";
}

/// What is wrong with a readiness file.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum UnderwritingProblem {
    /// The TOML does not parse, or a value has the wrong type.
    #[error("{message}")]
    Syntax {
        /// The parser's message.
        message: String,
    },
    /// An item id is not lower-case words joined by hyphens.
    #[error("the id `{id}` must be lower-case letters and digits joined by hyphens (`mfa-email`)")]
    BadId {
        /// The id as written.
        id: String,
    },
    /// Two items share an id.
    #[error("the id `{id}` is used by more than one item")]
    DuplicateItem {
        /// The id.
        id: String,
    },
    /// A required text is blank.
    #[error("`{field}` is empty: write it for the broker to read")]
    EmptyText {
        /// The field (`question`, `why`, `overstates`, `covers`).
        field: &'static str,
    },
    /// A question id is not well formed or not in the bank.
    #[error("{id} is not a question of bank {version}")]
    UnknownQuestion {
        /// The id as written.
        id: String,
        /// The bank's version.
        version: String,
    },
    /// An item has no deciding conditions and does not say why.
    #[error(
        "the item has no conditions: map it to the bank's questions, or say in `outside` why the assessment cannot answer it"
    )]
    NoConditions,
    /// An item has both conditions and `outside`.
    #[error(
        "the item has conditions and `outside`: an item the assessment answers is not outside it"
    )]
    OutsideWithConditions,
    /// A condition has no rule.
    #[error(
        "the condition on {id} has no rule: give yes_level, yes_values, yes_at_least or yes_at_most"
    )]
    NoRule {
        /// The question.
        id: String,
    },
    /// A condition mixes rule families.
    #[error(
        "the condition on {id} mixes rules: use one of the level, values, at-least and at-most families"
    )]
    MixedRules {
        /// The question.
        id: String,
    },
    /// A partly threshold without a yes threshold of its family.
    #[error("the condition on {id} has a partly threshold without the matching yes threshold")]
    PartlyWithoutYes {
        /// The question.
        id: String,
    },
    /// A level threshold on a question that is not scored.
    #[error(
        "the condition on {id} uses a level, but {id} is a {kind} question with no score: use values or a number threshold"
    )]
    LevelOnUnscored {
        /// The question.
        id: String,
        /// Its kind as written in the bank.
        kind: &'static str,
    },
    /// Values on a question that is neither a choice nor a yes/no question.
    #[error(
        "the condition on {id} lists values, but {id} is a {kind} question: values fit choice and yes/no questions"
    )]
    ValuesOnWrongKind {
        /// The question.
        id: String,
        /// Its kind as written in the bank.
        kind: &'static str,
    },
    /// A number threshold on a question that is not answered with a number.
    #[error(
        "the condition on {id} uses a number threshold, but {id} is a {kind} question: number thresholds fit money, hours, percent and number questions"
    )]
    NumberOnWrongKind {
        /// The question.
        id: String,
        /// Its kind as written in the bank.
        kind: &'static str,
    },
    /// A value that is not one of the question's answers.
    #[error(
        "the condition on {id} lists `{value}`, which is not an answer to {id} (it takes {allowed})"
    )]
    UnknownValue {
        /// The question.
        id: String,
        /// The value as written.
        value: String,
        /// The values it takes, listed.
        allowed: String,
    },
    /// The partly threshold is not looser than the yes threshold.
    #[error("the condition on {id} has a partly threshold that is not short of its yes threshold")]
    PartlyNotBelowYes {
        /// The question.
        id: String,
    },
    /// A number threshold that is not a finite number.
    #[error("the condition on {id} has a threshold that is not a finite number")]
    NotFinite {
        /// The question.
        id: String,
    },
    /// An unknown provider service in `providers`.
    #[error("`providers` lists a service the registers do not know (`{service}`)")]
    UnknownService {
        /// The service as written.
        service: String,
    },
}
