//! The roadmap as a plan, for the Report screen: the gaps in roadmap order,
//! each with its plan entry (owner, target date, effort, status, note), and
//! the entry the screen sends back when one is edited.
//!
//! Invariant: the labels of the effort bands and statuses come from `core`
//! (the ones the PDF prints), so the screen and the report say the same; a
//! target date crosses IPC as `YYYY-MM-DD` (an `<input type="date">`'s
//! value) and one that does not parse is refused naming the question.

use ironbridge_core::QuestionId;
use ironbridge_core::assessment::{
    AnswerIssue, AnswerProblem, Assessment, Effort, PlanItem, PlanStatus,
};
use ironbridge_core::bank::Bank;
use ironbridge_core::scoring::{Horizon, Scorecard};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::HorizonDto;
use crate::error::AppError;

/// The gaps in roadmap order with their plan entries, and the choices the
/// screen offers.
#[derive(Clone, Debug, Serialize, Type)]
pub struct RoadmapPlanDto {
    /// One row per gap, ranked as the roadmap ranks them.
    pub rows: Vec<PlanRowDto>,
    /// The effort bands, smallest first, with their labels.
    pub efforts: Vec<EffortOptionDto>,
    /// The statuses, in the order work moves through them, with their labels.
    pub statuses: Vec<StatusOptionDto>,
}

/// One gap of the roadmap and its plan entry.
#[derive(Clone, Debug, Serialize, Type)]
pub struct PlanRowDto {
    /// 1 for the highest priority.
    pub rank: u32,
    /// The question.
    pub question: String,
    /// Its title.
    pub title: String,
    /// Its domain's name.
    pub domain: String,
    /// The tier: now, next or later.
    pub horizon: HorizonDto,
    /// The level scored.
    pub level: u8,
    /// The level to reach.
    pub target: u8,
    /// The plan entry (every field empty when none is saved).
    pub plan: PlanItemDto,
}

/// The plan for closing one gap, as the screen edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PlanItemDto {
    /// Who owns the work (empty: nobody yet).
    pub owner: String,
    /// When it is to be done, `YYYY-MM-DD`; `null`: no date yet.
    pub target_date: Option<String>,
    /// The work it takes; `null`: not sized yet.
    pub effort: Option<EffortDto>,
    /// Where it stands.
    pub status: PlanStatusDto,
    /// A short note (a dependency, what blocks it).
    pub note: String,
}

/// An effort band: person-days of work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum EffortDto {
    /// Under 5 days.
    Small,
    /// 5 to 20 days.
    Medium,
    /// 20 to 60 days.
    Large,
    /// Over 60 days.
    VeryLarge,
}

/// Where closing a gap stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatusDto {
    /// Not begun.
    NotStarted,
    /// Under way.
    InProgress,
    /// Done.
    Done,
    /// Held up.
    Blocked,
}

/// An effort band and its label (`M (5–20 days)`).
#[derive(Clone, Debug, Serialize, Type)]
pub struct EffortOptionDto {
    /// The band.
    pub value: EffortDto,
    /// As the report prints it.
    pub label: String,
}

/// A status and its label (`In progress`).
#[derive(Clone, Debug, Serialize, Type)]
pub struct StatusOptionDto {
    /// The status.
    pub value: PlanStatusDto,
    /// As the report prints it.
    pub label: String,
}

impl RoadmapPlanDto {
    /// The roadmap of `card` (scored on `bank`) with the plan saved in `assessment`.
    pub fn new(bank: &Bank, card: &Scorecard, assessment: &Assessment) -> Self {
        let rows = card
            .gaps
            .iter()
            .map(|gap| PlanRowDto {
                rank: super::count(gap.rank),
                question: gap.question.to_string(),
                title: gap.title.clone(),
                domain: bank
                    .domain(gap.domain.as_str())
                    .map_or_else(|| gap.domain.to_string(), |d| d.name.clone()),
                horizon: match gap.horizon {
                    Horizon::Now => HorizonDto::Now,
                    Horizon::Next => HorizonDto::Next,
                    Horizon::Later => HorizonDto::Later,
                },
                level: gap.level.get(),
                target: gap.target.get(),
                plan: assessment
                    .plan
                    .get(&gap.question)
                    .map(PlanItemDto::from)
                    .unwrap_or_else(|| PlanItemDto::from(&PlanItem::default())),
            })
            .collect();
        Self {
            rows,
            efforts: Effort::ALL
                .iter()
                .map(|&e| EffortOptionDto {
                    value: e.into(),
                    label: e.label().to_owned(),
                })
                .collect(),
            statuses: PlanStatus::ALL
                .iter()
                .map(|&s| StatusOptionDto {
                    value: s.into(),
                    label: s.label().to_owned(),
                })
                .collect(),
        }
    }
}

impl From<&PlanItem> for PlanItemDto {
    fn from(item: &PlanItem) -> Self {
        let PlanItem {
            owner,
            target_date,
            effort,
            status,
            note,
        } = item;
        Self {
            owner: owner.clone(),
            // `NaiveDate`'s `Display` is the `YYYY-MM-DD` its serde form uses.
            target_date: target_date.map(|d| d.to_string()),
            effort: effort.map(EffortDto::from),
            status: (*status).into(),
            note: note.clone(),
        }
    }
}

impl PlanItemDto {
    /// The entry for `question`; a target date that is not `YYYY-MM-DD` is
    /// refused naming the question and the field.
    pub fn into_item(self, question: &QuestionId) -> Result<PlanItem, AppError> {
        let target_date = match self.target_date.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(text.parse().map_err(|_| {
                AppError::Invalid(vec![AnswerIssue {
                    field: format!("plan.{question}.target_date"),
                    question: Some(question.to_string()),
                    problem: AnswerProblem::NotADate {
                        text: text.to_owned(),
                    },
                }])
            })?),
        };
        Ok(PlanItem {
            owner: self.owner,
            target_date,
            effort: self.effort.map(Effort::from),
            status: self.status.into(),
            note: self.note,
        })
    }
}

impl From<Effort> for EffortDto {
    fn from(effort: Effort) -> Self {
        match effort {
            Effort::Small => Self::Small,
            Effort::Medium => Self::Medium,
            Effort::Large => Self::Large,
            Effort::VeryLarge => Self::VeryLarge,
        }
    }
}

impl From<EffortDto> for Effort {
    fn from(effort: EffortDto) -> Self {
        match effort {
            EffortDto::Small => Self::Small,
            EffortDto::Medium => Self::Medium,
            EffortDto::Large => Self::Large,
            EffortDto::VeryLarge => Self::VeryLarge,
        }
    }
}

impl From<PlanStatus> for PlanStatusDto {
    fn from(status: PlanStatus) -> Self {
        match status {
            PlanStatus::NotStarted => Self::NotStarted,
            PlanStatus::InProgress => Self::InProgress,
            PlanStatus::Done => Self::Done,
            PlanStatus::Blocked => Self::Blocked,
        }
    }
}

impl From<PlanStatusDto> for PlanStatus {
    fn from(status: PlanStatusDto) -> Self {
        match status {
            PlanStatusDto::NotStarted => Self::NotStarted,
            PlanStatusDto::InProgress => Self::InProgress,
            PlanStatusDto::Done => Self::Done,
            PlanStatusDto::Blocked => Self::Blocked,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn question() -> QuestionId {
        QuestionId::parse("REC-05").unwrap()
    }

    #[test]
    fn an_entry_round_trips_through_the_screen() {
        let item = PlanItem {
            owner: "Head of IT".into(),
            target_date: NaiveDate::from_ymd_opt(2027, 3, 31),
            effort: Some(Effort::VeryLarge),
            status: PlanStatus::Blocked,
            note: "Waits for the vault.".into(),
        };
        let dto = PlanItemDto::from(&item);
        assert_eq!(dto.target_date.as_deref(), Some("2027-03-31"));
        let json = serde_json::to_string(&dto).unwrap();
        assert!(json.contains(r#""effort":"very_large""#), "{json}");
        assert!(json.contains(r#""status":"blocked""#), "{json}");
        assert_eq!(dto.into_item(&question()).unwrap(), item);
    }

    #[test]
    fn an_empty_date_is_no_date_and_a_bad_one_names_the_question() {
        let mut dto = PlanItemDto::from(&PlanItem::default());
        dto.target_date = Some(String::new());
        assert_eq!(
            dto.clone().into_item(&question()).unwrap().target_date,
            None
        );
        dto.target_date = Some("31/03/2027".into());
        let err = dto.into_item(&question()).unwrap_err();
        assert_eq!(err.code(), "answer.invalid");
        assert_eq!(
            err.to_string(),
            "plan.REC-05.target_date (REC-05): \"31/03/2027\" is not a date like 2027-03-31"
        );
    }
}
