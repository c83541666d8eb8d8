//! The details of an assessment that a person types (title, organisation
//! profile, people, mode, target profile), a new assessment made from them,
//! and the rules they must meet.
//!
//! Invariant: these rules are written here once. The desktop app, the command
//! line and imports all reach them through [`Details::check`] (also run by
//! [`Assessment::check`]), so a profile is valid or invalid in the same words
//! everywhere.

use std::fmt;

use chrono::NaiveDate;

use super::{Assessment, BankRef, FORMAT, Mode, Organisation, Person, Status, VERSION};
use crate::bank::Bank;
use crate::ids::AssessmentId;

/// What the new-assessment wizard collects and the details screen edits.
#[derive(Clone, Debug, PartialEq)]
pub struct Details {
    /// Title (`Cyber resilience assessment 2026`).
    pub title: String,
    /// The organisation assessed.
    pub organisation: Organisation,
    /// Who leads the assessment.
    pub assessor: Person,
    /// Who takes part.
    pub participants: Vec<Person>,
    /// Workshop or self-assessment.
    pub mode: Mode,
    /// The target profile id (`standard`).
    pub target_profile: String,
}

/// A detail that is missing or out of range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetailProblem {
    /// The field, as a path (`organisation.currency`).
    pub field: &'static str,
    /// What is wrong, in the user's words.
    pub problem: DetailRule,
}

/// The rule a detail breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DetailRule {
    /// The title is blank.
    #[error("a title is required")]
    TitleRequired,
    /// The organisation's name is blank.
    #[error("the organisation's name is required")]
    OrganisationRequired,
    /// The assessor's name is blank.
    #[error("the assessor's name is required")]
    AssessorRequired,
    /// The currency is not three letters.
    #[error("a three-letter ISO 4217 code, like GBP")]
    Currency,
    /// Operating days outside 1–366.
    #[error("between 1 and 366")]
    OperatingDays,
    /// Revenue negative or not a number.
    #[error("zero or more")]
    Revenue,
}

impl fmt::Display for DetailProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.problem)
    }
}

impl std::error::Error for DetailProblem {}

impl Details {
    /// The first broken rule, in the order a form shows its fields.
    pub fn check(&self) -> Result<(), DetailProblem> {
        match self.problems().into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(()),
        }
    }

    /// Every broken rule, in the order a form shows its fields.
    pub fn problems(&self) -> Vec<DetailProblem> {
        let o = &self.organisation;
        let currency = o.currency.trim();
        let rules = [
            (
                "title",
                DetailRule::TitleRequired,
                self.title.trim().is_empty(),
            ),
            (
                "organisation.name",
                DetailRule::OrganisationRequired,
                o.name.trim().is_empty(),
            ),
            (
                "assessor.name",
                DetailRule::AssessorRequired,
                self.assessor.name.trim().is_empty(),
            ),
            (
                "organisation.currency",
                DetailRule::Currency,
                currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()),
            ),
            (
                "organisation.operating_days_per_year",
                DetailRule::OperatingDays,
                !(1..=366).contains(&o.operating_days_per_year),
            ),
            (
                "organisation.annual_revenue",
                DetailRule::Revenue,
                !o.annual_revenue.is_finite() || o.annual_revenue < 0.0,
            ),
        ];
        rules
            .into_iter()
            .filter(|(_, _, broken)| *broken)
            .map(|(field, problem, _)| DetailProblem { field, problem })
            .collect()
    }

    /// The details as stored: names trimmed, the currency in capitals, blank
    /// employers dropped.
    pub fn normalised(self) -> Self {
        let trim = |s: String| s.trim().to_owned();
        let person = |p: Person| Person {
            name: trim(p.name),
            role: trim(p.role),
            organisation: p.organisation.filter(|o| !o.trim().is_empty()),
        };
        let o = self.organisation;
        Self {
            title: trim(self.title),
            organisation: Organisation {
                name: trim(o.name),
                sector: trim(o.sector),
                currency: o.currency.trim().to_uppercase(),
                ..o
            },
            assessor: person(self.assessor),
            participants: self.participants.into_iter().map(person).collect(),
            mode: self.mode,
            target_profile: self.target_profile,
        }
    }
}

impl Assessment {
    /// A new draft against `bank`, started on `started_on`, with no answers,
    /// registers or narrative edits. The details are stored normalised
    /// ([`Details::normalised`]); checking them is the caller's step
    /// ([`Assessment::check`]).
    pub fn new(id: AssessmentId, bank: &Bank, details: Details, started_on: NaiveDate) -> Self {
        let details = details.normalised();
        Self {
            format: FORMAT.to_owned(),
            version: VERSION,
            id,
            title: details.title,
            bank: BankRef {
                id: bank.id.clone(),
                version: bank.version.clone(),
            },
            organisation: details.organisation,
            assessor: details.assessor,
            participants: details.participants,
            mode: details.mode,
            status: Status::Draft,
            started_on,
            completed_on: None,
            target_profile: details.target_profile,
            target_overrides: Default::default(),
            answers: Vec::new(),
            registers: Default::default(),
            narrative: Default::default(),
        }
    }

    /// Its editable details.
    pub fn details(&self) -> Details {
        Details {
            title: self.title.clone(),
            organisation: self.organisation.clone(),
            assessor: self.assessor.clone(),
            participants: self.participants.clone(),
            mode: self.mode,
            target_profile: self.target_profile.clone(),
        }
    }

    /// Replaces its details (normalised), leaving answers, registers and narrative.
    pub fn set_details(&mut self, details: Details) {
        let details = details.normalised();
        self.title = details.title;
        self.organisation = details.organisation;
        self.assessor = details.assessor;
        self.participants = details.participants;
        self.mode = details.mode;
        self.target_profile = details.target_profile;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details() -> Details {
        let demo = Assessment::from_json(crate::embedded::DEMO_ASSESSMENT).unwrap();
        demo.details()
    }

    fn check(change: impl FnOnce(&mut Details), expected: Option<(&str, DetailRule)>) {
        let mut d = details();
        change(&mut d);
        let got = d.check().err().map(|p| (p.field, p.problem));
        assert_eq!(got, expected);
    }

    #[test]
    fn each_rule_names_its_field() {
        check(|_| {}, None);
        check(
            |d| d.title = "  ".into(),
            Some(("title", DetailRule::TitleRequired)),
        );
        check(
            |d| d.organisation.name = String::new(),
            Some(("organisation.name", DetailRule::OrganisationRequired)),
        );
        check(
            |d| d.assessor.name = "\t".into(),
            Some(("assessor.name", DetailRule::AssessorRequired)),
        );
        check(
            |d| d.organisation.currency = "£".into(),
            Some(("organisation.currency", DetailRule::Currency)),
        );
        check(
            |d| d.organisation.operating_days_per_year = 0,
            Some((
                "organisation.operating_days_per_year",
                DetailRule::OperatingDays,
            )),
        );
        check(
            |d| d.organisation.annual_revenue = f64::NAN,
            Some(("organisation.annual_revenue", DetailRule::Revenue)),
        );
        check(
            |d| d.organisation.annual_revenue = -1.0,
            Some(("organisation.annual_revenue", DetailRule::Revenue)),
        );
    }

    #[test]
    fn a_new_assessment_is_an_empty_draft_that_fits_the_bank() {
        let bank = Bank::shipped().unwrap();
        let mut d = details();
        d.organisation.currency = " gbp ".into();
        d.title = "  Review 2027 ".into();
        let started = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        let id = AssessmentId::parse("a-1").unwrap();
        let a = Assessment::new(id, &bank, d, started);
        assert_eq!(a.status, Status::Draft);
        assert_eq!(a.organisation.currency, "GBP");
        assert_eq!(a.title, "Review 2027");
        assert!(a.answers.is_empty());
        assert_eq!(a.bank.version, bank.version);
        a.check(&bank).unwrap();
        let round_trip = Assessment::from_json(&a.to_json()).unwrap();
        assert_eq!(round_trip, a);
    }
}
