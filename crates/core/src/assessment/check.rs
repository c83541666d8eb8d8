//! Checking an assessment's answers against the bank.
//!
//! Invariant: [`Assessment::check`] reports every answer that does not fit
//! its question (unknown id, duplicate, wrong kind, value out of range,
//! not-applicable without a justification), naming the answer's index and the
//! question id; scoring then never meets a mismatched answer.

use std::collections::BTreeMap;
use std::fmt;

use super::{Assessment, Response};
use crate::bank::{AnswerKind, Bank, Unit};

/// One answer (or assessment field) that does not fit the bank.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerIssue {
    /// Where: `answers[3]`, `target_profile`, `bank`.
    pub field: String,
    /// The question id concerned, when there is one.
    pub question: Option<String>,
    /// What is wrong.
    pub problem: AnswerProblem,
}

impl fmt::Display for AnswerIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.field)?;
        if let Some(q) = &self.question {
            write!(f, " ({q})")?;
        }
        write!(f, ": {}", self.problem)
    }
}

/// What is wrong with an answer.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum AnswerProblem {
    /// The assessment was made against another bank.
    #[error("the assessment uses bank {found:?}, not {expected:?}")]
    OtherBank {
        /// The bank in the file.
        found: String,
        /// The bank loaded.
        expected: String,
    },
    /// The target profile is not one of the bank's.
    #[error("unknown target profile {profile:?} (the bank has: {known})")]
    UnknownProfile {
        /// The profile in the file.
        profile: String,
        /// The bank's profiles.
        known: String,
    },
    /// The question is not in the bank.
    #[error("no such question in bank {bank} {version}")]
    UnknownQuestion {
        /// The bank id.
        bank: String,
        /// The bank version.
        version: String,
    },
    /// A target override names a question that is not scored.
    #[error("a target can only be set on a scored question")]
    TargetOnUnscored,
    /// Two answers to the same question.
    #[error("second answer to the same question (the first is answers[{first}])")]
    DuplicateAnswer {
        /// Index of the first.
        first: usize,
    },
    /// The response does not fit the question's kind.
    #[error("a {kind} question cannot take a {response} response")]
    WrongKind {
        /// The question kind.
        kind: &'static str,
        /// The response kind.
        response: &'static str,
    },
    /// The choice is not one of the options.
    #[error("{value:?} is not an option (allowed: {allowed})")]
    UnknownOption {
        /// The value given.
        value: String,
        /// The allowed values.
        allowed: String,
    },
    /// A number is out of range or not finite.
    #[error("{value} is out of range ({range})")]
    OutOfRange {
        /// The value given.
        value: f64,
        /// The accepted range.
        range: String,
    },
    /// Not applicable without a justification.
    #[error("not applicable needs a justification")]
    MissingJustification,
    /// A register entry is malformed or refers to a missing entry.
    #[error("{0}")]
    Register(#[from] super::RegisterProblem),
}

impl Assessment {
    /// Checks the answers against the bank; every problem at once.
    pub fn check(&self, bank: &Bank) -> Result<(), Vec<AnswerIssue>> {
        let mut issues = Vec::new();
        let mut push = |field: String, question: Option<&str>, problem| {
            issues.push(AnswerIssue {
                field,
                question: question.map(str::to_owned),
                problem,
            });
        };
        if self.bank.id != bank.id {
            push(
                "bank.id".into(),
                None,
                AnswerProblem::OtherBank {
                    found: self.bank.id.clone(),
                    expected: bank.id.clone(),
                },
            );
        }
        if bank.profile(&self.target_profile).is_none() {
            let known = bank
                .profiles
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            push(
                "target_profile".into(),
                None,
                AnswerProblem::UnknownProfile {
                    profile: self.target_profile.clone(),
                    known,
                },
            );
        }
        let unknown_question = || AnswerProblem::UnknownQuestion {
            bank: bank.id.clone(),
            version: bank.version.clone(),
        };
        for id in self.target_overrides.keys() {
            let field = format!("target_overrides.{id}");
            match bank.question(id) {
                None => push(field, Some(id.as_str()), unknown_question()),
                Some(q) if !q.is_scored() => {
                    push(field, Some(id.as_str()), AnswerProblem::TargetOnUnscored)
                }
                Some(_) => {}
            }
        }
        let mut first_index = BTreeMap::new();
        for (index, answer) in self.answers.iter().enumerate() {
            let field = format!("answers[{index}]");
            let id = answer.question.as_str();
            if let Some(first) = first_index.insert(&answer.question, index) {
                first_index.insert(&answer.question, first);
                push(
                    field.clone(),
                    Some(id),
                    AnswerProblem::DuplicateAnswer { first },
                );
            }
            let Some(question) = bank.question(&answer.question) else {
                push(field, Some(id), unknown_question());
                continue;
            };
            let Some(response) = &answer.response else {
                continue;
            };
            let field = format!("{field}.response");
            let wrong_kind = |response: &'static str| AnswerProblem::WrongKind {
                kind: question.kind_name(),
                response,
            };
            match (response, &question.kind) {
                (Response::Unknown, _) => {}
                (Response::NotApplicable(why), _) => {
                    if why.trim().is_empty() {
                        push(field, Some(id), AnswerProblem::MissingJustification);
                    }
                }
                (Response::Level(_), AnswerKind::Maturity { .. }) => {}
                (Response::Level(_), _) => push(field, Some(id), wrong_kind("level")),
                (Response::Choice(value), AnswerKind::Choice { options }) => {
                    if !options.iter().any(|o| &o.value == value) {
                        let allowed = options
                            .iter()
                            .map(|o| o.value.as_str())
                            .collect::<Vec<_>>()
                            .join(", ");
                        push(
                            field,
                            Some(id),
                            AnswerProblem::UnknownOption {
                                value: value.clone(),
                                allowed,
                            },
                        );
                    }
                }
                (Response::Choice(_), _) => push(field, Some(id), wrong_kind("choice")),
                (Response::YesNo(_), AnswerKind::YesNo) => {}
                (Response::YesNo(_), _) => push(field, Some(id), wrong_kind("yes_no")),
                (Response::Number(value), AnswerKind::Number { unit, min, max }) => {
                    let below = min.is_some_and(|m| *value < m);
                    let above = max.is_some_and(|m| *value > m);
                    if !value.is_finite() || below || above {
                        let range = match (min, max) {
                            (Some(a), Some(b)) => format!("{a} to {b}"),
                            (Some(a), None) => format!("at least {a}"),
                            (None, Some(b)) => format!("at most {b}"),
                            (None, None) => "a finite number".to_owned(),
                        };
                        let range = match unit {
                            Unit::Percent => format!("{range} percent"),
                            Unit::Hours => format!("{range} hours"),
                            _ => range,
                        };
                        push(
                            field,
                            Some(id),
                            AnswerProblem::OutOfRange {
                                value: *value,
                                range,
                            },
                        );
                    }
                }
                (Response::Number(_), _) => push(field, Some(id), wrong_kind("number")),
            }
        }
        if issues.is_empty() {
            Ok(())
        } else {
            Err(issues)
        }
    }
}
