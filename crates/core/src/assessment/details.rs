//! The details of an assessment that a person types (title, organisation
//! profile, people, mode, target profile), a new assessment made from them,
//! and the rules they must meet.
//!
//! Invariant: these rules are written here once, with the limits of
//! [`limits`](super::limits) on every text, list and number. The desktop app, the command
//! line and imports all reach them through [`Details::check`] (also run by
//! [`Assessment::check`]), so a profile is valid or invalid in the same words
//! everywhere.

use std::fmt;

use chrono::NaiveDate;

use super::limits::{
    MAX_AMOUNT, MAX_DESCRIPTION_CHARS, MAX_EMPLOYEES, MAX_LIST_ITEMS, MAX_NAME_CHARS, grouped, over,
};
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

/// A detail that is missing, too long or out of range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetailProblem {
    /// The field, as a path (`organisation.currency`, `participants[2].name`).
    pub field: String,
    /// The field in the user's words (`the currency`, `participant 3's name`).
    pub label: String,
    /// What is wrong, as a form shows it beside the field.
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
    /// Revenue not above zero, above [`MAX_AMOUNT`], or not a number.
    #[error("more than zero and at most {}", grouped(MAX_AMOUNT as usize))]
    Revenue,
    /// Operating profit beyond ±[`MAX_AMOUNT`] or not a number.
    #[error("between -{max} and {max}", max = grouped(MAX_AMOUNT as usize))]
    Profit,
    /// Cash negative, above [`MAX_AMOUNT`] or not a number.
    #[error("zero or more and at most {}", grouped(MAX_AMOUNT as usize))]
    Cash,
    /// More employees than [`MAX_EMPLOYEES`].
    #[error("at most {}", grouped(MAX_EMPLOYEES as usize))]
    Employees,
    /// A text longer than its limit.
    #[error("{} characters; at most {} are allowed", grouped(*.chars), grouped(*.max))]
    TooLong {
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// A list with more entries than [`MAX_LIST_ITEMS`].
    #[error("{} entries; at most {} are allowed", grouped(*.count), grouped(*.max))]
    TooMany {
        /// How many there are.
        count: usize,
        /// The limit.
        max: usize,
    },
}

impl DetailProblem {
    fn new(field: impl Into<String>, label: impl Into<String>, problem: DetailRule) -> Self {
        Self {
            field: field.into(),
            label: label.into(),
            problem,
        }
    }

    /// The problem as a sentence that names the field in the user's words:
    /// `operating days a year must be between 1 and 366`, `the title is
    /// 900 characters; at most 500 are allowed`.
    pub fn sentence(&self) -> String {
        let label = &self.label;
        match self.problem {
            DetailRule::TitleRequired
            | DetailRule::OrganisationRequired
            | DetailRule::AssessorRequired => self.problem.to_string(),
            DetailRule::TooLong { .. } => format!("{label} is {}", self.problem),
            DetailRule::TooMany { count, max } => format!(
                "{} {label}; at most {} are allowed",
                grouped(count),
                grouped(max)
            ),
            _ => format!("{label} must be {}", self.problem),
        }
    }
}

impl fmt::Display for DetailProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.sentence())
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
        let amount = |v: f64| v.is_finite() && v.abs() <= MAX_AMOUNT;
        let rules = [
            (
                "title",
                "the title",
                DetailRule::TitleRequired,
                self.title.trim().is_empty(),
            ),
            (
                "organisation.name",
                "the organisation's name",
                DetailRule::OrganisationRequired,
                o.name.trim().is_empty(),
            ),
            (
                "assessor.name",
                "the assessor's name",
                DetailRule::AssessorRequired,
                self.assessor.name.trim().is_empty(),
            ),
            (
                "organisation.currency",
                "the currency",
                DetailRule::Currency,
                currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()),
            ),
            (
                "organisation.operating_days_per_year",
                "operating days a year",
                DetailRule::OperatingDays,
                !operating_days_in_range(o.operating_days_per_year),
            ),
            (
                "organisation.annual_revenue",
                "annual revenue",
                DetailRule::Revenue,
                !revenue_in_range(o.annual_revenue),
            ),
            (
                "organisation.annual_operating_profit",
                "annual operating profit",
                DetailRule::Profit,
                o.annual_operating_profit.is_some_and(|v| !amount(v)),
            ),
            (
                "organisation.cash_available",
                "cash available",
                DetailRule::Cash,
                o.cash_available.is_some_and(|v| !amount(v) || v < 0.0),
            ),
            (
                "organisation.employees",
                "the number of employees",
                DetailRule::Employees,
                o.employees > MAX_EMPLOYEES,
            ),
        ];
        let mut problems: Vec<DetailProblem> = rules
            .into_iter()
            .filter(|(_, _, _, broken)| *broken)
            .map(|(field, label, problem, _)| DetailProblem::new(field, label, problem))
            .collect();
        self.text_problems(&mut problems);
        problems
    }

    /// The texts and lists over their limits.
    fn text_problems(&self, problems: &mut Vec<DetailProblem>) {
        let o = &self.organisation;
        let mut text = |field: String, label: String, value: &str, max: usize| {
            if let Some(chars) = over(value, max) {
                problems.push(DetailProblem::new(
                    field,
                    label,
                    DetailRule::TooLong { chars, max },
                ));
            }
        };
        text(
            "title".into(),
            "the title".into(),
            &self.title,
            MAX_NAME_CHARS,
        );
        for (field, label, value) in [
            ("organisation.name", "the organisation's name", &o.name),
            ("organisation.sector", "the sector", &o.sector),
        ] {
            text(field.into(), label.into(), value, MAX_NAME_CHARS);
        }
        person_texts(&mut text, "assessor", "the assessor's", &self.assessor);
        for (index, p) in self.participants.iter().take(MAX_LIST_ITEMS).enumerate() {
            let label = format!("participant {}'s", index + 1);
            person_texts(&mut text, &format!("participants[{index}]"), &label, p);
        }
        for (index, site) in o.sites.iter().take(MAX_LIST_ITEMS).enumerate() {
            let n = index + 1;
            for (key, what, value, max) in [
                ("name", "name", &site.name, MAX_NAME_CHARS),
                ("location", "location", &site.location, MAX_NAME_CHARS),
                (
                    "activity",
                    "activity",
                    &site.activity,
                    MAX_DESCRIPTION_CHARS,
                ),
            ] {
                let field = format!("organisation.sites[{index}].{key}");
                text(field, format!("site {n}'s {what}"), value, max);
            }
        }
        for (field, label, count) in [
            ("participants", "participants", self.participants.len()),
            ("organisation.sites", "sites", o.sites.len()),
        ] {
            if count > MAX_LIST_ITEMS {
                problems.push(DetailProblem::new(
                    field,
                    label,
                    DetailRule::TooMany {
                        count,
                        max: MAX_LIST_ITEMS,
                    },
                ));
            }
        }
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

/// Whether annual revenue is one the exposure model can use: more than
/// zero, at most [`MAX_AMOUNT`], a number.
pub fn revenue_in_range(revenue: f64) -> bool {
    revenue.is_finite() && revenue > 0.0 && revenue <= MAX_AMOUNT
}

/// Whether a number of operating days a year is possible: 1 to 366.
pub fn operating_days_in_range(days: u16) -> bool {
    (1..=366).contains(&days)
}

/// The name, role and employer of a person, each within [`MAX_NAME_CHARS`].
fn person_texts(
    text: &mut impl FnMut(String, String, &str, usize),
    path: &str,
    whose: &str,
    person: &Person,
) {
    text(
        format!("{path}.name"),
        format!("{whose} name"),
        &person.name,
        MAX_NAME_CHARS,
    );
    text(
        format!("{path}.role"),
        format!("{whose} role"),
        &person.role,
        MAX_NAME_CHARS,
    );
    if let Some(employer) = &person.organisation {
        text(
            format!("{path}.organisation"),
            format!("{whose} organisation"),
            employer,
            MAX_NAME_CHARS,
        );
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
            exposure_assumptions: Default::default(),
            plan: Default::default(),
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
        let problem = d.check().err();
        let got = problem.as_ref().map(|p| (p.field.as_str(), p.problem));
        assert_eq!(got, expected);
    }

    fn sentence(change: impl FnOnce(&mut Details)) -> String {
        let mut d = details();
        change(&mut d);
        d.check().unwrap_err().to_string()
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
        let days = "organisation.operating_days_per_year";
        for bad in [0, 367, 400] {
            check(
                |d| d.organisation.operating_days_per_year = bad,
                Some((days, DetailRule::OperatingDays)),
            );
        }
        let revenue = "organisation.annual_revenue";
        for bad in [f64::NAN, f64::INFINITY, -1.0, 0.0, 1e308, 1.000_001e13] {
            check(
                |d| d.organisation.annual_revenue = bad,
                Some((revenue, DetailRule::Revenue)),
            );
        }
        check(|d| d.organisation.annual_revenue = 1e13, None);
        check(
            |d| d.organisation.cash_available = Some(1e300),
            Some(("organisation.cash_available", DetailRule::Cash)),
        );
        check(
            |d| d.organisation.cash_available = Some(-1.0),
            Some(("organisation.cash_available", DetailRule::Cash)),
        );
        check(
            |d| d.organisation.annual_operating_profit = Some(-2e13),
            Some(("organisation.annual_operating_profit", DetailRule::Profit)),
        );
        check(
            |d| d.organisation.annual_operating_profit = Some(-5e6),
            None,
        );
        check(
            |d| d.organisation.employees = u32::MAX,
            Some(("organisation.employees", DetailRule::Employees)),
        );
    }

    #[test]
    fn problems_read_as_sentences_that_name_the_field() {
        assert_eq!(
            sentence(|d| d.organisation.operating_days_per_year = 400),
            "organisation.operating_days_per_year: operating days a year must be between 1 and 366"
        );
        assert_eq!(
            sentence(|d| d.organisation.annual_revenue = 0.0),
            "organisation.annual_revenue: annual revenue must be more than zero and at most 10,000,000,000,000"
        );
        assert_eq!(
            sentence(|d| d.title = "x".repeat(MAX_NAME_CHARS + 1)),
            "title: the title is 501 characters; at most 500 are allowed"
        );
    }

    #[test]
    fn every_free_text_and_list_is_limited() {
        let long = "é".repeat(MAX_NAME_CHARS + 1);
        let mut d = details();
        d.organisation.sector = long.clone();
        d.assessor.role = long.clone();
        d.participants[0].organisation = Some(long.clone());
        d.organisation.sites.push(super::super::Site {
            name: "Plant".into(),
            location: "Derby".into(),
            activity: "a".repeat(MAX_DESCRIPTION_CHARS + 1),
        });
        let fields: Vec<String> = d.problems().into_iter().map(|p| p.field).collect();
        let last_site = d.organisation.sites.len() - 1;
        assert_eq!(
            fields,
            [
                "organisation.sector".to_owned(),
                "assessor.role".to_owned(),
                "participants[0].organisation".to_owned(),
                format!("organisation.sites[{last_site}].activity"),
            ]
        );
        let mut d = details();
        let someone = d.assessor.clone();
        d.participants = vec![someone; MAX_LIST_ITEMS + 1];
        let problems = d.problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].sentence(),
            "101 participants; at most 100 are allowed"
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
