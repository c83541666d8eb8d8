//! The question bank: domains, questions, caps and target profiles.
//!
//! A [`Bank`] is only ever built by [`load`], which checks every rule of
//! `docs/BANK_FORMAT.md` and reports every problem at once; so code that holds
//! a `Bank` may rely on it (every scored question has five described levels,
//! a target for every profile, caps point at real questions, …).

mod issue;
mod load;
mod raw;
#[cfg(test)]
mod shipped_tests;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;

pub use issue::{BankIssue, BankIssues, BankProblem};
pub use load::{Source, load};

use crate::frameworks::FrameworkRef;
use crate::ids::{DomainCode, QuestionId};
use crate::level::Level;

/// A validated question bank.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bank {
    /// Stable id of the bank (`ironbridge-manufacturing`).
    pub id: String,
    /// Semantic version of its content.
    pub version: String,
    /// Title for reports.
    pub title: String,
    /// Target profiles, from least to most demanding.
    pub profiles: Vec<Profile>,
    /// Gap priority thresholds for the roadmap horizons.
    pub horizons: Horizons,
    /// Domains in report order.
    pub domains: Vec<Domain>,
    /// Question ids withdrawn from earlier versions; never to be reused.
    pub retired: Vec<QuestionId>,
    /// The file ids of the framework catalogues its references cite
    /// (`ncsc-caf-4.0`); bank 1's set when the header names none.
    pub frameworks: Vec<String>,
    /// The partial-fit rule in words, shown beside every level choice; `None` in bank 1.
    pub level_rule: Option<String>,
    /// Gates on the resilience index: critical controls whose absence bounds it.
    pub gates: Vec<Gate>,
}

/// A gate on the resilience index: while its critical question is below a
/// level (or unknown), the index is at most `max_index`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gate {
    /// Stable id (`GATE-REC-02`).
    pub id: String,
    /// The critical, scored question whose answer fires it.
    pub question: QuestionId,
    /// It fires while the answer's level is below this one (unknown counts as 0).
    pub below: Level,
    /// The most the resilience index can be while it fires.
    pub max_index: f64,
    /// Why, in words a board member understands.
    pub reason: String,
}

/// What a domain's score stands for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DomainRole {
    /// Part of the resilience index.
    #[default]
    Resilience,
    /// Risk transfer (insurance): scored apart, never part of the resilience index.
    RiskTransfer,
}

/// A target profile: the level the organisation should reach on each question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Profile {
    /// Stable id (`standard`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Which organisations it fits.
    pub description: String,
}

/// Gap priority thresholds: priority ≥ `now` goes first, ≥ `next` second, the rest later.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Horizons {
    /// Threshold for "now".
    pub now: f64,
    /// Threshold for "next".
    pub next: f64,
}

/// A domain of the bank.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Domain {
    /// Its code, the prefix of its question ids.
    pub code: DomainCode,
    /// Display name.
    pub name: String,
    /// Weight in the resilience index.
    pub weight: f64,
    /// What the domain covers and why it matters.
    pub summary: String,
    /// Its questions in order.
    pub questions: Vec<Question>,
    /// Caps on its score.
    pub caps: Vec<Cap>,
    /// Whether it counts in the resilience index or in the risk-transfer score.
    pub role: DomainRole,
}

/// A question of the bank.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Question {
    /// Stable id.
    pub id: QuestionId,
    /// Short title for tables.
    pub title: String,
    /// The question as asked.
    pub text: String,
    /// Help for a self-assessor.
    pub guidance: String,
    /// The question a facilitator puts to the room.
    pub prompt: String,
    /// How it is answered.
    pub kind: AnswerKind,
    /// The named fact it records for the exposure model, if any.
    pub fact: Option<String>,
    /// Framework controls it corresponds to.
    pub refs: Vec<FrameworkRef>,
    /// Scoring data; `None` for fact-only questions.
    pub scoring: Option<Scoring>,
}

/// How a question is answered.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerKind {
    /// Levels 0–4, each with an observable descriptor.
    Maturity {
        /// Five descriptors, level 0 first.
        levels: Vec<String>,
    },
    /// One of a list of options.
    Choice {
        /// The options.
        options: Vec<ChoiceOption>,
    },
    /// Yes or no.
    YesNo,
    /// A number with a unit.
    Number {
        /// What the number measures.
        unit: Unit,
        /// Smallest accepted value.
        min: Option<f64>,
        /// Largest accepted value.
        max: Option<f64>,
    },
}

/// The unit of a number answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// An amount in the assessment's currency.
    Money,
    /// A duration in hours.
    Hours,
    /// A percentage, 0 to 100.
    Percent,
    /// A plain number.
    Count,
}

/// An option of a choice question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChoiceOption {
    /// Stable value stored in answers.
    pub value: String,
    /// Display label.
    pub label: String,
    /// The level it scores as, for scored choice questions.
    pub level: Option<Level>,
}

/// What makes a question count in the score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scoring {
    /// Weight in the domain mean.
    pub weight: f64,
    /// Multiplier of the gap priority.
    pub criticality: Criticality,
    /// Target level per profile id.
    pub targets: BTreeMap<String, Level>,
    /// `recommendations[n]`: how to go from level n to n + 1.
    pub recommendations: Vec<String>,
}

/// How much a shortfall on a question matters to surviving an attack.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Criticality {
    /// ×1.
    Standard,
    /// ×2.
    High,
    /// ×3: its absence turns an incident into weeks of halted production.
    Critical,
}

impl Criticality {
    /// The gap priority multiplier.
    pub fn factor(self) -> f64 {
        match self {
            Criticality::Standard => 1.0,
            Criticality::High => 2.0,
            Criticality::Critical => 3.0,
        }
    }
}

/// A rule that caps a domain's score while a critical control is missing.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cap {
    /// Stable id (`CAP-REC-01`).
    pub id: String,
    /// The domain capped.
    pub domain: DomainCode,
    /// The question whose answer fires it.
    pub question: QuestionId,
    /// When it fires.
    pub condition: CapCondition,
    /// The most the domain can score while it fires.
    pub max_score: f64,
    /// Why, in words a board member understands.
    pub reason: String,
}

/// When a cap fires.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CapCondition {
    /// The answer's level is below this one (unknown counts as level 0).
    Below(Level),
    /// The answer is this choice value, or `yes` / `no` for a yes/no question.
    Equals(String),
}

impl Bank {
    /// Every question, in report order.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.domains.iter().flat_map(|d| d.questions.iter())
    }

    /// The question with this id.
    pub fn question(&self, id: &QuestionId) -> Option<&Question> {
        self.domain(id.domain_code())?
            .questions
            .iter()
            .find(|q| &q.id == id)
    }

    /// The domain with this code.
    pub fn domain(&self, code: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.code.as_str() == code)
    }

    /// The profile with this id.
    pub fn profile(&self, id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    /// The question recording a named fact.
    pub fn fact_question(&self, fact: &str) -> Option<&Question> {
        self.questions().find(|q| q.fact.as_deref() == Some(fact))
    }

    /// The current bank (bank 2), embedded in the binary: the bank of the
    /// shipped demo and the one new assessments are made on (the same as
    /// [`Bank::shipped_current`]; [`Bank::shipped_v1`] for v1 assessments).
    pub fn shipped() -> Result<Bank, BankIssues> {
        Self::shipped_current()
    }

    /// Bank 1 (`assets/bank/`), which v1 assessments were answered on.
    pub fn shipped_v1() -> Result<Bank, BankIssues> {
        Self::parsed_once(0).clone()
    }

    /// Bank 2 (`assets/bank-2/`): gates, risk transfer apart, CAF 4.0.
    pub fn shipped_v2() -> Result<Bank, BankIssues> {
        Self::parsed_once(1).clone()
    }

    /// The major versions of the shipped banks, oldest first.
    pub const SHIPPED_MAJORS: [u32; 2] = [1, 2];

    /// The embedded sources of each shipped bank, in the order of
    /// [`Bank::SHIPPED_MAJORS`].
    const SHIPPED_SOURCES: [fn() -> Vec<Source<'static>>; Bank::SHIPPED_MAJORS.len()] = [
        crate::embedded::bank_sources,
        crate::embedded::bank2_sources,
    ];

    /// The major version new assessments are made on.
    pub const CURRENT_MAJOR: u32 = 2;

    /// The bank new assessments are made on (bank 2).
    pub fn shipped_current() -> Result<Bank, BankIssues> {
        Self::shipped_v2()
    }

    /// The major version of a bank version (`2` for `2.0.0`), if it has one.
    pub fn major_of(version: &str) -> Option<u32> {
        version.split('.').next()?.trim().parse().ok()
    }

    /// This bank's major version (`2` for `2.0.0`; 0 if the version has none).
    pub fn major(&self) -> u32 {
        Self::major_of(&self.version).unwrap_or(0)
    }

    /// The shipped bank whose major version is `major` (1 or 2).
    pub fn shipped_major(major: u32) -> Option<Result<Bank, BankIssues>> {
        Self::shipped_ref(major).cloned()
    }

    /// The shipped bank of a major version, as [`Bank::shipped_major`]
    /// without the copy: parsed once per process.
    pub fn shipped_ref(major: u32) -> Option<&'static Result<Bank, BankIssues>> {
        let slot = Self::SHIPPED_MAJORS.iter().position(|m| *m == major)?;
        Some(Self::parsed_once(slot))
    }

    /// The shipped bank at `slot` of [`Bank::SHIPPED_MAJORS`], parsed once
    /// per process on first use, by whichever thread asks first (the others
    /// wait for it): commands, the app and bank 2's migration map, which is
    /// checked against bank 1, all read the same copy.
    fn parsed_once(slot: usize) -> &'static Result<Bank, BankIssues> {
        static PARSED: [OnceLock<Result<Bank, BankIssues>>; Bank::SHIPPED_MAJORS.len()] =
            [const { OnceLock::new() }; Bank::SHIPPED_MAJORS.len()];
        PARSED[slot].get_or_init(|| {
            let sources = Self::SHIPPED_SOURCES[slot]();
            load(&sources, crate::frameworks::Catalogue::shipped())
        })
    }

    /// The gate with this id.
    pub fn gate(&self, id: &str) -> Option<&Gate> {
        self.gates.iter().find(|g| g.id == id)
    }

    /// Whether a question is critical, or named by a cap or a gate: marking it
    /// not applicable waives a control and needs a justification.
    pub fn na_needs_justification(&self, id: &QuestionId) -> bool {
        let critical = self
            .question(id)
            .and_then(|q| q.scoring.as_ref())
            .is_some_and(|s| s.criticality == Criticality::Critical);
        critical
            || self.gates.iter().any(|g| &g.question == id)
            || self
                .domains
                .iter()
                .flat_map(|d| d.caps.iter())
                .any(|c| &c.question == id)
    }
}

impl Question {
    /// Whether the question counts in the score.
    pub fn is_scored(&self) -> bool {
        self.scoring.is_some()
    }

    /// The kind's name as written in the bank.
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            AnswerKind::Maturity { .. } => "maturity",
            AnswerKind::Choice { .. } => "choice",
            AnswerKind::YesNo => "yes_no",
            AnswerKind::Number {
                unit: Unit::Money, ..
            } => "money",
            AnswerKind::Number {
                unit: Unit::Hours, ..
            } => "hours",
            AnswerKind::Number {
                unit: Unit::Percent,
                ..
            } => "percent",
            AnswerKind::Number {
                unit: Unit::Count, ..
            } => "number",
        }
    }

    /// The level descriptors of a maturity question, or the option labels by level of a scored choice.
    pub fn level_descriptor(&self, level: Level) -> Option<&str> {
        match &self.kind {
            AnswerKind::Maturity { levels } => {
                levels.get(usize::from(level.get())).map(String::as_str)
            }
            AnswerKind::Choice { options } => options
                .iter()
                .find(|o| o.level == Some(level))
                .map(|o| o.label.as_str()),
            _ => None,
        }
    }
}
