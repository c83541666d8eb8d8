//! An assessment: the organisation, the people, and the answers given.
//!
//! The file format is versioned JSON (`format` = `ironbridge.assessment`,
//! `version` = 1); [`Assessment::from_json`] rejects a malformed file with the
//! line and column or the field path, and [`Assessment::check`] rejects answers
//! that do not fit the bank, naming the answer and its question id, and every
//! text, list or number beyond the [`limits`]. The roadmap's plan
//! ([`PlanItem`], field `plan`) is saved with it.

mod check;
mod details;
mod file;
mod json_scan;
pub mod limits;
mod plan;
mod registers;
mod saved_assumptions;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use check::{AnswerIssue, AnswerProblem};
pub use details::{DetailProblem, DetailRule, Details, operating_days_in_range, revenue_in_range};
pub use file::{AssessmentError, FORMAT, VERSION};
pub use plan::{Effort, MAX_PLAN_NOTE_CHARS, PLAN_YEARS, PlanItem, PlanStatus};
pub use registers::{
    ContractClauses, CriticalSystem, Hosting, ManualFallback, ProductionImpact, Provider,
    ProviderService, RegisterProblem, Registers, SystemCategory,
};
pub use saved_assumptions::{SavedAssumptions, SavedAssumptionsProblem, assumptions_from};

use crate::ids::{AssessmentId, QuestionId};
use crate::level::Level;

/// An assessment of one organisation against one bank.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Always [`FORMAT`].
    pub format: String,
    /// The file format version, [`VERSION`].
    pub version: u32,
    /// A stable id for the assessment.
    pub id: AssessmentId,
    /// Its title (`Cyber resilience assessment 2026`).
    pub title: String,
    /// The bank the answers refer to.
    pub bank: BankRef,
    /// The organisation assessed.
    pub organisation: Organisation,
    /// Who leads the assessment.
    pub assessor: Person,
    /// Who took part.
    #[serde(default)]
    pub participants: Vec<Person>,
    /// Workshop or self-assessment.
    pub mode: Mode,
    /// Draft, in review or final.
    pub status: Status,
    /// When it started.
    pub started_on: NaiveDate,
    /// When it was completed, once it is.
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
    /// The target profile id (`foundation`, `standard`, `advanced`).
    pub target_profile: String,
    /// Targets changed from the profile's, per question.
    #[serde(default)]
    pub target_overrides: BTreeMap<QuestionId, Level>,
    /// The answers, one per question at most.
    #[serde(default)]
    pub answers: Vec<AnswerRecord>,
    /// Critical systems and providers.
    #[serde(default)]
    pub registers: Registers,
    /// The consultant's edits to the report's narrative.
    #[serde(default)]
    pub narrative: crate::narrative::NarrativeEdits,
    /// The exposure assumptions saved with the assessment (the exposure
    /// screen's overrides); absent when the documented defaults apply.
    #[serde(default, skip_serializing_if = "SavedAssumptions::is_empty")]
    pub exposure_assumptions: SavedAssumptions,
    /// The roadmap as a plan: owner, target date, effort and status of the
    /// work on each gap, by question; absent when no entry is set.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub plan: BTreeMap<QuestionId, PlanItem>,
}

/// The bank an assessment was made against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankRef {
    /// The bank's id.
    pub id: String,
    /// The bank's version.
    pub version: String,
}

/// The organisation assessed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Its name, as on the report's cover.
    pub name: String,
    /// Its sector (`Automotive components`).
    pub sector: String,
    /// Number of employees.
    pub employees: u32,
    /// Annual revenue, in `currency`.
    pub annual_revenue: f64,
    /// ISO 4217 code of the money amounts (`GBP`).
    pub currency: String,
    /// Days a year the plants produce.
    pub operating_days_per_year: u16,
    /// Annual operating profit, if known.
    #[serde(default)]
    pub annual_operating_profit: Option<f64>,
    /// Cash and undrawn credit available, if known.
    #[serde(default)]
    pub cash_available: Option<f64>,
    /// Its sites.
    #[serde(default)]
    pub sites: Vec<Site>,
}

/// A site of the organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Its name.
    pub name: String,
    /// Town and country.
    pub location: String,
    /// What it does (`Stamping and welding, 3 lines`).
    pub activity: String,
}

/// A person taking part in the assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Name.
    pub name: String,
    /// Role (`Head of IT`).
    #[serde(default)]
    pub role: String,
    /// Employer, when not the organisation assessed.
    #[serde(default)]
    pub organisation: Option<String>,
}

/// How the assessment is run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// A facilitated workshop.
    Workshop,
    /// Filled in by the organisation itself.
    SelfAssessment,
}

/// Where the assessment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being answered.
    Draft,
    /// Answered, being reviewed.
    InReview,
    /// Signed off; frozen.
    Final,
}

/// The answer to one question, with its note and follow-up flag.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerRecord {
    /// The question answered.
    pub question: QuestionId,
    /// The response; absent while only a note has been taken.
    #[serde(default)]
    pub response: Option<Response>,
    /// Free text.
    #[serde(default)]
    pub note: String,
    /// Whether the answer needs following up (evidence to see, someone to ask).
    #[serde(default)]
    pub follow_up: bool,
}

/// A response to a question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// A maturity level.
    Level(Level),
    /// An option's value.
    Choice(String),
    /// Yes or no.
    YesNo(bool),
    /// A number (money, hours, percent, count).
    Number(f64),
    /// Nobody knows: scored as the lowest level, reported as uncertainty.
    Unknown,
    /// The question does not apply; the text says why.
    NotApplicable(String),
}

impl Assessment {
    /// The responses by question: what scoring reads.
    pub fn responses(&self) -> BTreeMap<QuestionId, Response> {
        self.answers
            .iter()
            .filter_map(|a| Some((a.question.clone(), a.response.clone()?)))
            .collect()
    }

    /// The answer record of a question.
    pub fn answer(&self, id: &QuestionId) -> Option<&AnswerRecord> {
        self.answers.iter().find(|a| &a.question == id)
    }
}

#[cfg(test)]
mod tests;
