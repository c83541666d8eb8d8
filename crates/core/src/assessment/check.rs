//! Checking an assessment's answers against the bank.
//!
//! Invariant: [`Assessment::check`] reports every answer that does not fit
//! its question (unknown id, duplicate, wrong kind, value out of range,
//! not-applicable without a justification), naming the answer's index and the
//! question id; scoring then never meets a mismatched answer. It also applies
//! the limits of [`limits`](super::limits): text lengths, row counts and the
//! range of every number a model reads, whatever the bank allows.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;

use super::limits::{MAX_AMOUNT, MAX_ANSWERS, MAX_COUNT, MAX_HOURS, grouped, number_words, shown};
use super::{Assessment, DetailProblem, Response};
use crate::bank::{AnswerKind, Bank, Question, Unit};

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
    /// The assessment was made against another major version of the bank,
    /// whose questions may mean something else.
    #[error(
        "the assessment was made against version {found} of the bank, which this build \
         cannot read: it has version {expected}, of another major version"
    )]
    OtherBankVersion {
        /// The version in the file.
        found: String,
        /// The version loaded.
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
    #[error("{} is out of range ({range})", number_words(*.value))]
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
    /// A detail of the profile is missing, too long or out of range.
    #[error("{}", .0.sentence())]
    Detail(#[from] DetailProblem),
    /// A text is longer than its limit.
    #[error("{what} is {} characters; at most {} are allowed", grouped(*.chars), grouped(*.max))]
    TooLong {
        /// The text, in the user's words (`the note on question IAM-02`).
        what: String,
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// A list holds more entries than its limit.
    #[error("{} {what}; at most {} are allowed", grouped(*.count), grouped(*.max))]
    TooMany {
        /// What the entries are (`answers`).
        what: String,
        /// How many there are.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A saved exposure assumption is unknown, of the wrong kind or out of bounds.
    #[error("{0}")]
    Assumption(super::SavedAssumptionsProblem),
    /// A roadmap plan entry names a question that is not scored (no gap
    /// can be planned on it).
    #[error("a roadmap plan entry can only be set on a scored question")]
    PlanOnUnscored,
    /// A text holds a control character (a line break where one line is
    /// expected, a bell, an escape).
    #[error("{what} holds a control character ({character})")]
    ControlCharacter {
        /// The text, in the user's words (`the owner of the plan for question IAM-02`).
        what: String,
        /// The character, as `U+0007`.
        character: String,
    },
    /// A date outside the years it may fall in.
    #[error("{what} is {date}, outside the years {range}")]
    DateOutOfRange {
        /// The date, in the user's words (`the target date of the plan for question REC-05`).
        what: String,
        /// The date given.
        date: NaiveDate,
        /// The years allowed (`2000 to 2100`).
        range: String,
    },
    /// A date typed in a form that is not a calendar date.
    #[error("{text:?} is not a date like 2027-03-31")]
    NotADate {
        /// What was typed.
        text: String,
    },
    /// The completion date is before the start date.
    #[error("completed on {completed}, before it was started on {started}")]
    CompletedBeforeStarted {
        /// `started_on`.
        started: NaiveDate,
        /// `completed_on`.
        completed: NaiveDate,
    },
}

impl Assessment {
    /// Checks the details ([`Details::check`](super::Details::check)), the
    /// registers ([`Registers::check`](super::Registers::check)), the
    /// answers against the bank, the limits, the saved exposure
    /// assumptions ([`SavedAssumptions`](super::SavedAssumptions)) and the
    /// roadmap plan ([`PlanItem`](super::PlanItem)); every problem at once.
    pub fn check(&self, bank: &Bank) -> Result<(), Vec<AnswerIssue>> {
        let mut issues = Issues::default();
        for detail in self.details().problems() {
            issues.push(detail.field.clone(), None, detail.into());
        }
        for problem in self.registers.check().err().unwrap_or_default() {
            issues.push("registers".into(), None, problem.into());
        }
        self.check_bank_and_profile(bank, &mut issues);
        self.check_targets(bank, &mut issues);
        self.check_answers(bank, &mut issues);
        self.check_limits(&mut issues);
        self.check_saved_assumptions(&mut issues);
        self.check_plan(bank, &mut issues);
        if issues.0.is_empty() {
            Ok(())
        } else {
            Err(issues.0)
        }
    }

    fn check_bank_and_profile(&self, bank: &Bank, issues: &mut Issues) {
        if self.bank.id != bank.id {
            issues.push(
                "bank.id".into(),
                None,
                AnswerProblem::OtherBank {
                    found: self.bank.id.clone(),
                    expected: bank.id.clone(),
                },
            );
        } else if major(&self.bank.version) != major(&bank.version) {
            issues.push(
                "bank.version".into(),
                None,
                AnswerProblem::OtherBankVersion {
                    found: shown(&self.bank.version),
                    expected: bank.version.clone(),
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
            issues.push(
                "target_profile".into(),
                None,
                AnswerProblem::UnknownProfile {
                    profile: self.target_profile.clone(),
                    known,
                },
            );
        }
    }

    fn check_targets(&self, bank: &Bank, issues: &mut Issues) {
        if self.target_overrides.len() > MAX_ANSWERS {
            issues.push(
                "target_overrides".into(),
                None,
                AnswerProblem::TooMany {
                    what: "target overrides".to_owned(),
                    count: self.target_overrides.len(),
                    max: MAX_ANSWERS,
                },
            );
            return;
        }
        for id in self.target_overrides.keys() {
            let field = format!("target_overrides.{id}");
            match bank.question(id) {
                None => issues.push(field, Some(id.as_str()), unknown_question(bank)),
                Some(q) if !q.is_scored() => {
                    issues.push(field, Some(id.as_str()), AnswerProblem::TargetOnUnscored)
                }
                Some(_) => {}
            }
        }
    }

    fn check_answers(&self, bank: &Bank, issues: &mut Issues) {
        if self.answers.len() > MAX_ANSWERS {
            // Checking each of millions of answers would list millions of problems.
            issues.push(
                "answers".into(),
                None,
                AnswerProblem::TooMany {
                    what: "answers".to_owned(),
                    count: self.answers.len(),
                    max: MAX_ANSWERS,
                },
            );
            return;
        }
        let mut first_index = BTreeMap::new();
        for (index, answer) in self.answers.iter().enumerate() {
            let field = format!("answers[{index}]");
            let id = answer.question.as_str();
            if let Some(first) = first_index.insert(&answer.question, index) {
                first_index.insert(&answer.question, first);
                issues.push(
                    field.clone(),
                    Some(id),
                    AnswerProblem::DuplicateAnswer { first },
                );
            }
            let Some(question) = bank.question(&answer.question) else {
                issues.push(field, Some(id), unknown_question(bank));
                continue;
            };
            if let Some(problem) = answer
                .response
                .as_ref()
                .and_then(|r| response_problem(r, question))
            {
                issues.push(format!("{field}.response"), Some(id), problem);
            }
        }
    }
}

/// The issues found so far.
#[derive(Default)]
pub(super) struct Issues(Vec<AnswerIssue>);

impl Issues {
    pub(super) fn push(&mut self, field: String, question: Option<&str>, problem: AnswerProblem) {
        self.0.push(AnswerIssue {
            field,
            question: question.map(str::to_owned),
            problem,
        });
    }
}

/// The major part of a semantic version (`1` of `1.4.2`).
fn major(version: &str) -> &str {
    version.split('.').next().unwrap_or_default().trim()
}

fn unknown_question(bank: &Bank) -> AnswerProblem {
    AnswerProblem::UnknownQuestion {
        bank: bank.id.clone(),
        version: bank.version.clone(),
    }
}

/// What is wrong with a response to `question`, if anything.
fn response_problem(response: &Response, question: &Question) -> Option<AnswerProblem> {
    let wrong_kind = |response: &'static str| {
        Some(AnswerProblem::WrongKind {
            kind: question.kind_name(),
            response,
        })
    };
    match (response, &question.kind) {
        (Response::Unknown, _) => None,
        (Response::NotApplicable(why), _) => why
            .trim()
            .is_empty()
            .then_some(AnswerProblem::MissingJustification),
        (Response::Level(_), AnswerKind::Maturity { .. }) => None,
        (Response::Level(_), _) => wrong_kind("level"),
        (Response::Choice(value), AnswerKind::Choice { options }) => {
            if options.iter().any(|o| &o.value == value) {
                return None;
            }
            let allowed = options
                .iter()
                .map(|o| o.value.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            Some(AnswerProblem::UnknownOption {
                value: shown(value),
                allowed,
            })
        }
        (Response::Choice(_), _) => wrong_kind("choice"),
        (Response::YesNo(_), AnswerKind::YesNo) => None,
        (Response::YesNo(_), _) => wrong_kind("yes_no"),
        (Response::Number(value), AnswerKind::Number { unit, min, max }) => {
            number_problem(*value, *unit, *min, *max)
        }
        (Response::Number(_), _) => wrong_kind("number"),
    }
}

/// A number outside its question's range or its unit's, or not finite.
fn number_problem(
    value: f64,
    unit: Unit,
    min: Option<f64>,
    max: Option<f64>,
) -> Option<AnswerProblem> {
    // Whatever the bank says, no unit goes beyond what a model can use.
    let (floor, ceiling) = match unit {
        Unit::Money => (-MAX_AMOUNT, MAX_AMOUNT),
        Unit::Hours => (0.0, MAX_HOURS),
        Unit::Percent => (0.0, 100.0),
        Unit::Count => (0.0, MAX_COUNT),
    };
    let min = min.map_or(floor, |m| m.max(floor));
    let max = max.map_or(ceiling, |m| m.min(ceiling));
    if value.is_finite() && value >= min && value <= max {
        return None;
    }
    let range = format!("{} to {}", number_words(min), number_words(max));
    let range = match unit {
        Unit::Percent => format!("{range} percent"),
        Unit::Hours => format!("{range} hours"),
        _ => range,
    };
    Some(AnswerProblem::OutOfRange { value, range })
}
