//! The roadmap as a plan: for each gap (a scored question below its target),
//! who owns closing it, by when, how much work it is and where it stands.
//!
//! The plan is saved with the assessment (`plan`: question id → [`PlanItem`])
//! and written only when it holds an entry, so a file or bundle without one
//! reads and writes exactly as before. An entry may outlive its gap (the
//! answer improved): the report shows plan entries only beside the gaps of
//! the roadmap, and the entry is kept in case the gap reopens.
//!
//! Effort is a band of person-days, as a consultant sizes work before it is
//! scoped ([`Effort`]): small (under 5 days), medium (5 to 20), large (20 to
//! 60), very large (over 60).
//!
//! Invariant: [`Assessment::check`](super::Assessment::check) refuses an
//! entry for a question the bank does not have or does not score, an owner
//! or note over its length or holding control characters, a target date
//! outside the years [`PLAN_YEARS`], and more entries
//! than [`MAX_ANSWERS`], naming the question and the field.

use chrono::{Datelike as _, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Assessment;
use super::check::{AnswerProblem, Issues};
use super::limits::{MAX_ANSWERS, MAX_NAME_CHARS, over};
use crate::bank::Bank;

/// The longest note on a plan entry: a sentence or two (a dependency, what
/// blocks it); the answer's note holds the detail.
pub const MAX_PLAN_NOTE_CHARS: usize = 500;
/// The years a target date may fall in: a date outside them is a slip of the
/// keyboard (a date box read `31` as the year), not a plan.
pub const PLAN_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The plan for closing one gap. Every field is optional; an entry with
/// nothing set is not kept ([`PlanItem::is_empty`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanItem {
    /// Who owns closing the gap (a name or a role: `Head of IT`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// When it is to be closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_date: Option<NaiveDate>,
    /// How much work it is, once sized.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<Effort>,
    /// Where it stands.
    #[serde(default, skip_serializing_if = "PlanStatus::is_not_started")]
    pub status: PlanStatus,
    /// A short note: a dependency, what blocks it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The work a gap takes, as a band of person-days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effort {
    /// Under 5 person-days.
    Small,
    /// 5 to 20 person-days.
    Medium,
    /// 20 to 60 person-days.
    Large,
    /// Over 60 person-days: a project of its own.
    VeryLarge,
}

/// Where closing a gap stands.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Not begun (the default).
    #[default]
    NotStarted,
    /// Under way.
    InProgress,
    /// Done (the answer changes once the improvement is confirmed).
    Done,
    /// Held up; the note says by what.
    Blocked,
}

impl Effort {
    /// Every band, smallest first.
    pub const ALL: [Effort; 4] = [Self::Small, Self::Medium, Self::Large, Self::VeryLarge];

    /// The band as the report prints it: `S (under 5 days)`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Small => "S (under 5 days)",
            Self::Medium => "M (5–20 days)",
            Self::Large => "L (20–60 days)",
            Self::VeryLarge => "XL (over 60 days)",
        }
    }
}

impl PlanStatus {
    /// Every status, in the order a piece of work moves through them.
    pub const ALL: [PlanStatus; 4] = [
        Self::NotStarted,
        Self::InProgress,
        Self::Done,
        Self::Blocked,
    ];

    /// Whether this is the default status.
    pub fn is_not_started(&self) -> bool {
        *self == Self::NotStarted
    }

    /// The status as the report prints it: `In progress`.
    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "Not started",
            Self::InProgress => "In progress",
            Self::Done => "Done",
            Self::Blocked => "Blocked",
        }
    }
}

impl PlanItem {
    /// Whether nothing is set: no owner, date, effort or note, not started.
    pub fn is_empty(&self) -> bool {
        self.owner.trim().is_empty()
            && self.target_date.is_none()
            && self.effort.is_none()
            && self.status.is_not_started()
            && self.note.trim().is_empty()
    }

    /// Whether someone owns the work and it has a date: what a board holds
    /// people to.
    pub fn is_assigned(&self) -> bool {
        !self.owner.trim().is_empty() && self.target_date.is_some()
    }
}

/// A control character in `text` other than those `allowed`, as `U+0007`.
fn control_character(text: &str, allowed: &[char]) -> Option<String> {
    text.chars()
        .find(|c| c.is_control() && !allowed.contains(c))
        .map(|c| format!("U+{:04X}", u32::from(c)))
}

impl Assessment {
    /// The plan's entries: their questions, the length and characters of
    /// owners and notes, and their number.
    pub(super) fn check_plan(&self, bank: &Bank, issues: &mut Issues) {
        if self.plan.len() > MAX_ANSWERS {
            issues.push(
                "plan".into(),
                None,
                AnswerProblem::TooMany {
                    what: "roadmap plan entries".to_owned(),
                    count: self.plan.len(),
                    max: MAX_ANSWERS,
                },
            );
            return;
        }
        for (id, item) in &self.plan {
            let field = format!("plan.{id}");
            let question = Some(id.as_str());
            match bank.question(id) {
                None => issues.push(
                    field.clone(),
                    question,
                    AnswerProblem::UnknownQuestion {
                        bank: bank.id.clone(),
                        version: bank.version.clone(),
                    },
                ),
                Some(q) if !q.is_scored() => {
                    issues.push(field.clone(), question, AnswerProblem::PlanOnUnscored)
                }
                Some(_) => {}
            }
            if let Some(date) = item.target_date
                && !PLAN_YEARS.contains(&date.year())
            {
                issues.push(
                    format!("{field}.target_date"),
                    question,
                    AnswerProblem::DateOutOfRange {
                        what: format!("the target date of the plan for question {id}"),
                        date,
                        range: format!("{} to {}", PLAN_YEARS.start(), PLAN_YEARS.end()),
                    },
                );
            }
            let texts = [
                ("owner", "the owner", &item.owner, MAX_NAME_CHARS, &[][..]),
                (
                    "note",
                    "the note",
                    &item.note,
                    MAX_PLAN_NOTE_CHARS,
                    &['\n', '\t'][..],
                ),
            ];
            for (key, what, text, max, allowed) in texts {
                let what = format!("{what} of the plan for question {id}");
                if let Some(chars) = over(text, max) {
                    issues.push(
                        format!("{field}.{key}"),
                        question,
                        AnswerProblem::TooLong { what, chars, max },
                    );
                } else if let Some(character) = control_character(text, allowed) {
                    issues.push(
                        format!("{field}.{key}"),
                        question,
                        AnswerProblem::ControlCharacter { what, character },
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::AnswerIssue;
    use crate::bank::{Source, load};
    use crate::frameworks::Catalogue;
    use crate::ids::QuestionId;

    /// The mini bank (AAA-01 scored, BBB-02 a fact) and an assessment of it.
    fn demo() -> (Assessment, Bank) {
        let text = include_str!("../../../../tests/fixtures/banks/valid-mini.toml");
        let source = Source {
            name: "valid-mini.toml",
            text,
        };
        let bank = load(&[source], Catalogue::shipped()).expect("the mini bank loads");
        let assessment = Assessment::from_json(
            r#"{"format": "ironbridge.assessment", "version": 1, "id": "a", "title": "t",
  "bank": {"id": "mini", "version": "0.1.0"},
  "organisation": {"name": "Acme", "sector": "s", "employees": 1, "annual_revenue": 1,
    "currency": "GBP", "operating_days_per_year": 250},
  "assessor": {"name": "A"}, "mode": "self_assessment", "status": "draft",
  "started_on": "2026-11-02", "target_profile": "low"}"#,
        )
        .expect("the assessment reads");
        (assessment, bank)
    }

    fn first_scored(bank: &Bank) -> QuestionId {
        bank.questions()
            .find(|q| q.is_scored())
            .map(|q| q.id.clone())
            .expect("the bank scores questions")
    }

    fn issues_with(item: PlanItem, id: QuestionId) -> Vec<AnswerIssue> {
        let (mut assessment, bank) = demo();
        assessment.plan.insert(id, item);
        assessment.check(&bank).err().unwrap_or_default()
    }

    #[test]
    fn a_full_entry_round_trips_and_an_empty_plan_is_not_written() {
        let (mut assessment, bank) = demo();
        let without = assessment.to_json();
        assert!(!without.contains("\"plan\""));
        let id = first_scored(&bank);
        assessment.plan.insert(
            id.clone(),
            PlanItem {
                owner: "Head of IT".into(),
                target_date: NaiveDate::from_ymd_opt(2027, 3, 31),
                effort: Some(Effort::Medium),
                status: PlanStatus::InProgress,
                note: "Needs the new firewall first.".into(),
            },
        );
        let json = assessment.to_json();
        assert!(json.contains("\"target_date\": \"2027-03-31\""), "{json}");
        assert!(json.contains("\"effort\": \"medium\""));
        assert!(json.contains("\"status\": \"in_progress\""));
        let read = Assessment::from_json(&json).unwrap();
        assert_eq!(read, assessment);
        assert_eq!(read.check(&bank), Ok(()));
    }

    #[test]
    fn a_plan_travels_in_a_bundle_and_an_empty_one_is_not_written() {
        let (mut assessment, bank) = demo();
        let bare = crate::bundle::Bundle::from_assessment(&assessment).to_json();
        assert!(!bare.contains("\"plan\""));
        assessment.plan.insert(
            first_scored(&bank),
            PlanItem {
                owner: "Ops".into(),
                effort: Some(Effort::VeryLarge),
                ..PlanItem::default()
            },
        );
        let json = crate::bundle::Bundle::from_assessment(&assessment).to_json();
        let limits = crate::bundle::Limits::default();
        let read = crate::bundle::parse(json.as_bytes(), &limits).unwrap();
        assert_eq!(read.to_assessment().plan, assessment.plan);
    }

    #[test]
    fn a_migration_carries_each_entry_to_its_question_on_the_new_bank() {
        let (from, to) = (Bank::shipped_v1().unwrap(), Bank::shipped_v2().unwrap());
        let map = crate::migration::shipped_from_1(&from, &to).unwrap();
        let mut old = Assessment::from_json(crate::embedded::DEMO_ASSESSMENT_V1).unwrap();
        let item = PlanItem {
            owner: "Head of IT".into(),
            ..PlanItem::default()
        };
        // Every old question's entry, so each kind of map entry is met.
        for question in from.questions().filter(|q| q.is_scored()) {
            old.plan.insert(question.id.clone(), item.clone());
        }
        let migrated = crate::migration::migrate(&old, &map, &from, &to)
            .unwrap()
            .assessment;
        assert!(!migrated.plan.is_empty());
        assert_eq!(migrated.check(&to), Ok(()));
        for (id, carried) in &migrated.plan {
            assert_eq!(carried, &item);
            let came_from = from.questions().any(|q| {
                map.entry(&q.id)
                    .is_some_and(|e| e.to == crate::migration::Destination::To(id.clone()))
            });
            assert!(came_from, "{id} was not mapped from an old question");
        }
    }

    #[test]
    fn an_assessment_file_with_a_plan_and_saved_assumptions_reads_as_a_bundle() {
        let (mut assessment, bank) = demo();
        assessment.plan.insert(
            first_scored(&bank),
            PlanItem {
                owner: "Ops".into(),
                ..PlanItem::default()
            },
        );
        assessment.exposure_assumptions.seed = Some(7);
        let limits = crate::bundle::Limits::default();
        let read = crate::bundle::parse(assessment.to_json().as_bytes(), &limits).unwrap();
        assert_eq!(read.plan, assessment.plan);
        assert_eq!(read.exposure_assumptions, assessment.exposure_assumptions);
    }

    #[test]
    fn an_entry_with_nothing_set_is_empty_and_writes_no_fields() {
        let item = PlanItem::default();
        assert!(item.is_empty());
        assert_eq!(serde_json::to_string(&item).unwrap(), "{}");
        let blank_owner = PlanItem {
            owner: "  ".into(),
            ..PlanItem::default()
        };
        assert!(blank_owner.is_empty());
        let blocked = PlanItem {
            status: PlanStatus::Blocked,
            ..PlanItem::default()
        };
        assert!(!blocked.is_empty());
        assert!(!blocked.is_assigned());
    }

    #[test]
    fn an_unknown_question_is_named() {
        let id = QuestionId::parse("ZZZ-99").unwrap();
        let issues = issues_with(
            PlanItem {
                owner: "Ops".into(),
                ..PlanItem::default()
            },
            id,
        );
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].field, "plan.ZZZ-99");
        assert!(
            issues[0]
                .to_string()
                .starts_with("plan.ZZZ-99 (ZZZ-99): no such question"),
            "{}",
            issues[0]
        );
    }

    #[test]
    fn a_long_owner_and_a_control_character_are_named_with_their_field() {
        let (_, bank) = demo();
        let id = first_scored(&bank);
        let issues = issues_with(
            PlanItem {
                owner: "x".repeat(MAX_NAME_CHARS + 1),
                note: "wait\u{7}".into(),
                ..PlanItem::default()
            },
            id.clone(),
        );
        let text: Vec<String> = issues.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                format!(
                    "plan.{id}.owner ({id}): the owner of the plan for question {id} is 501 \
                     characters; at most 500 are allowed"
                ),
                format!(
                    "plan.{id}.note ({id}): the note of the plan for question {id} holds a \
                     control character (U+0007)"
                ),
            ]
        );
    }

    #[test]
    fn a_target_date_outside_the_plan_years_is_named() {
        let (_, bank) = demo();
        let id = first_scored(&bank);
        let issues = issues_with(
            PlanItem {
                target_date: NaiveDate::from_ymd_opt(31, 3, 12),
                ..PlanItem::default()
            },
            id.clone(),
        );
        let text: Vec<String> = issues.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [format!(
                "plan.{id}.target_date ({id}): the target date of the plan for question {id} \
                 is 0031-03-12, outside the years 2000 to 2100"
            )]
        );
        let fine = issues_with(
            PlanItem {
                target_date: NaiveDate::from_ymd_opt(2100, 12, 31),
                ..PlanItem::default()
            },
            id,
        );
        assert!(fine.is_empty(), "{fine:?}");
    }

    #[test]
    fn a_note_may_hold_line_breaks_but_an_owner_may_not() {
        let (_, bank) = demo();
        let id = first_scored(&bank);
        let fine = issues_with(
            PlanItem {
                note: "first\nsecond".into(),
                ..PlanItem::default()
            },
            id.clone(),
        );
        assert!(fine.is_empty(), "{fine:?}");
        let issues = issues_with(
            PlanItem {
                owner: "Head\nof IT".into(),
                ..PlanItem::default()
            },
            id.clone(),
        );
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].field, format!("plan.{id}.owner"));
    }

    #[test]
    fn an_unscored_question_takes_no_plan() {
        let (_, bank) = demo();
        let unscored = bank
            .questions()
            .find(|q| !q.is_scored())
            .expect("the mini bank has a fact");
        let issues = issues_with(
            PlanItem {
                owner: "Ops".into(),
                ..PlanItem::default()
            },
            unscored.id.clone(),
        );
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].problem, AnswerProblem::PlanOnUnscored);
    }

    #[test]
    fn an_unknown_effort_or_status_is_refused_when_read() {
        let err = serde_json::from_str::<PlanItem>(r#"{"effort":"huge"}"#).unwrap_err();
        assert!(err.to_string().contains("unknown variant `huge`"), "{err}");
        let err = serde_json::from_str::<PlanItem>(r#"{"status":"late"}"#).unwrap_err();
        assert!(err.to_string().contains("unknown variant `late`"), "{err}");
        let err = serde_json::from_str::<PlanItem>(r#"{"cost":1}"#).unwrap_err();
        assert!(err.to_string().contains("unknown field `cost`"), "{err}");
    }
}
