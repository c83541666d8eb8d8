//! The question bank as the UI shows it: domains, questions and how each is
//! answered.
//!
//! Invariant: read-only. The bank goes to the UI and never comes back, so
//! there are only conversions from `core`, each an exhaustive match.

use ironbridge_core::Level;
use ironbridge_core::bank::{AnswerKind, Bank, Criticality, Question, Unit};
use serde::Serialize;
use specta::Type;

use super::count;

/// The question bank as the UI shows it.
#[derive(Clone, Debug, Serialize, Type)]
pub struct BankDto {
    /// Stable id of the bank.
    pub id: String,
    /// Semantic version of its content.
    pub version: String,
    /// Title.
    pub title: String,
    /// Target profiles, least demanding first.
    pub profiles: Vec<ProfileDto>,
    /// Domains in report order.
    pub domains: Vec<DomainDto>,
    /// The partial-fit rule in words (which level to choose when only some
    /// conditions of a level hold), shown beside the level choices; `null`
    /// for a bank without one (bank 1).
    pub level_rule: Option<String>,
}

/// A target profile.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ProfileDto {
    /// Stable id (`standard`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Which organisations it fits.
    pub description: String,
}

/// A domain and its questions.
#[derive(Clone, Debug, Serialize, Type)]
pub struct DomainDto {
    /// Its code (`REC`).
    pub code: String,
    /// Display name.
    pub name: String,
    /// What it covers and why it matters.
    pub summary: String,
    /// Its questions in order.
    pub questions: Vec<QuestionDto>,
}

/// A question as asked.
#[derive(Clone, Debug, Serialize, Type)]
pub struct QuestionDto {
    /// Stable id (`INS-03`).
    pub id: String,
    /// Short title.
    pub title: String,
    /// The question as asked.
    pub text: String,
    /// Help for a self-assessor.
    pub guidance: String,
    /// The question a facilitator puts to the room.
    pub prompt: String,
    /// How it is answered.
    pub kind: AnswerKindDto,
    /// Whether it counts in the score (fact questions do not).
    pub scored: bool,
    /// How much a shortfall matters, for scored questions.
    pub criticality: Option<CriticalityDto>,
    /// Framework controls it corresponds to (`CSF:RC.RP-03`).
    pub refs: Vec<String>,
}

/// How a question is answered.
#[derive(Clone, Debug, Serialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerKindDto {
    /// Levels 0–4, each with an observable descriptor.
    Maturity {
        /// Five descriptors, level 0 first.
        levels: Vec<String>,
    },
    /// One of a list of options.
    Choice {
        /// The options.
        options: Vec<ChoiceOptionDto>,
    },
    /// Yes or no.
    YesNo,
    /// A number with a unit.
    Number {
        /// What it measures.
        unit: UnitDto,
        /// Smallest accepted value.
        min: Option<f64>,
        /// Largest accepted value.
        max: Option<f64>,
    },
}

/// An option of a choice question.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ChoiceOptionDto {
    /// The value stored in answers.
    pub value: String,
    /// Display label.
    pub label: String,
    /// The level it scores as, when scored.
    pub level: Option<u8>,
}

/// The unit of a number question.
#[derive(Clone, Copy, Debug, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum UnitDto {
    /// An amount in the assessment's currency.
    Money,
    /// Hours.
    Hours,
    /// A percentage.
    Percent,
    /// A plain number.
    Count,
}

/// How much a shortfall matters.
#[derive(Clone, Copy, Debug, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CriticalityDto {
    /// ×1.
    Standard,
    /// ×2.
    High,
    /// ×3.
    Critical,
}

impl From<&Bank> for BankDto {
    fn from(bank: &Bank) -> Self {
        Self {
            id: bank.id.clone(),
            version: bank.version.clone(),
            title: bank.title.clone(),
            profiles: bank
                .profiles
                .iter()
                .map(|p| ProfileDto {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    description: p.description.clone(),
                })
                .collect(),
            domains: bank
                .domains
                .iter()
                .map(|d| DomainDto {
                    code: d.code.to_string(),
                    name: d.name.clone(),
                    summary: d.summary.clone(),
                    questions: d.questions.iter().map(QuestionDto::from).collect(),
                })
                .collect(),
            level_rule: bank.level_rule.clone(),
        }
    }
}

impl From<&Question> for QuestionDto {
    fn from(q: &Question) -> Self {
        let kind = match &q.kind {
            AnswerKind::Maturity { levels } => AnswerKindDto::Maturity {
                levels: levels.clone(),
            },
            AnswerKind::Choice { options } => AnswerKindDto::Choice {
                options: options
                    .iter()
                    .map(|o| ChoiceOptionDto {
                        value: o.value.clone(),
                        label: o.label.clone(),
                        level: o.level.map(Level::get),
                    })
                    .collect(),
            },
            AnswerKind::YesNo => AnswerKindDto::YesNo,
            AnswerKind::Number { unit, min, max } => AnswerKindDto::Number {
                unit: match unit {
                    Unit::Money => UnitDto::Money,
                    Unit::Hours => UnitDto::Hours,
                    Unit::Percent => UnitDto::Percent,
                    Unit::Count => UnitDto::Count,
                },
                min: *min,
                max: *max,
            },
        };
        Self {
            id: q.id.to_string(),
            title: q.title.clone(),
            text: q.text.clone(),
            guidance: q.guidance.clone(),
            prompt: q.prompt.clone(),
            kind,
            scored: q.is_scored(),
            criticality: q.scoring.as_ref().map(|s| match s.criticality {
                Criticality::Standard => CriticalityDto::Standard,
                Criticality::High => CriticalityDto::High,
                Criticality::Critical => CriticalityDto::Critical,
            }),
            refs: q
                .refs
                .iter()
                .map(|r| format!("{}:{}", r.framework, r.id))
                .collect(),
        }
    }
}

impl BankDto {
    /// The number of questions in the bank.
    pub fn question_count(&self) -> u32 {
        count(self.domains.iter().map(|d| d.questions.len()).sum())
    }
}
