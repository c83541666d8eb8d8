//! Moving a stored assessment onto a newer bank: the plan the user reads
//! before accepting (what happens to each answer, with the questions' titles
//! from both banks and the map's notes) and what accepting created.
//!
//! Invariant: the plan is `core`'s, item for item and in its order; this file
//! only adds the titles (looked up in the bank each id belongs to) and the
//! counts per kind of change, so the dialog says exactly what the CLI's
//! `db migrate` prints.

use ironbridge_core::Bank;
use ironbridge_core::ids::QuestionId;
use ironbridge_core::migration::{Change, Plan, PlanItem};
use serde::Serialize;
use specta::Type;

use super::AssessmentDto;

/// What moving an assessment onto the app's current bank would do.
#[derive(Clone, Debug, Serialize, Type)]
pub struct MigrationPlanDto {
    /// The assessment it reads (unchanged by the move).
    pub assessment_id: String,
    /// The version of the bank it was answered on (`1.0.0`).
    pub from_version: String,
    /// The version of the bank it would move to (`2.0.0`).
    pub to_version: String,
    /// How many items of each kind.
    pub counts: MigrationCountsDto,
    /// One per old answer (in the assessment's order), then one per new
    /// question left unanswered (in bank order).
    pub items: Vec<MigrationItemDto>,
}

/// How many answers each kind of change concerns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Type)]
pub struct MigrationCountsDto {
    /// Same question, same answer.
    pub kept: u32,
    /// Carried to another question, or its level translated.
    pub moved: u32,
    /// The answer does not fit the new question: to be answered again.
    pub answer_again: u32,
    /// Not carried: another old answer already fills the new question.
    pub merged: u32,
    /// The question was dropped: the answer stays with the old assessment.
    pub retired: u32,
    /// Questions of the new bank nobody has answered yet.
    pub new_unanswered: u32,
}

/// What happens to one answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MigrationChangeDto {
    /// Same question, same answer.
    Kept,
    /// Carried to another question, or its level translated.
    Moved,
    /// The question was dropped; the answer stays with the old assessment.
    Retired,
    /// Another old answer already fills the new question (topics merged).
    Merged,
    /// The answer does not fit the new question: it must be answered again.
    AnswerAgain,
    /// A question of the new bank nobody has answered yet.
    NewUnanswered,
}

/// A question named by the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Type)]
pub struct PlanQuestionDto {
    /// Its id (`GOV-05`), a reference.
    pub id: String,
    /// Its title in its bank; `null` only if the bank has no such question.
    pub title: Option<String>,
}

/// One line of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Type)]
pub struct MigrationItemDto {
    /// What happens.
    pub change: MigrationChangeDto,
    /// The old question (on the old bank), when there was one.
    pub from: Option<PlanQuestionDto>,
    /// The new question (on the new bank), when there is one.
    pub to: Option<PlanQuestionDto>,
    /// The map's note; for a new question, what it says beyond its title
    /// (`null` when it says nothing more).
    pub note: Option<String>,
}

/// What accepting the move created.
#[derive(Clone, Debug, Serialize, Type)]
pub struct MigratedDto {
    /// The assessment it was moved from: unchanged, still on its own bank.
    pub from: String,
    /// The new assessment (a new id, a draft), as stored.
    pub assessment: AssessmentDto,
    /// What happened to each answer.
    pub plan: MigrationPlanDto,
}

impl MigrationPlanDto {
    /// The plan for `assessment_id`, titles looked up in `from` (the bank
    /// it was answered on) and `to` (the bank it moves to).
    pub fn new(assessment_id: &str, plan: &Plan, from: &Bank, to: &Bank) -> Self {
        let items: Vec<MigrationItemDto> = plan
            .items
            .iter()
            .map(|item| MigrationItemDto::new(item, from, to))
            .collect();
        let mut counts = MigrationCountsDto::default();
        for item in &items {
            let n = match item.change {
                MigrationChangeDto::Kept => &mut counts.kept,
                MigrationChangeDto::Moved => &mut counts.moved,
                MigrationChangeDto::AnswerAgain => &mut counts.answer_again,
                MigrationChangeDto::Merged => &mut counts.merged,
                MigrationChangeDto::Retired => &mut counts.retired,
                MigrationChangeDto::NewUnanswered => &mut counts.new_unanswered,
            };
            *n = n.saturating_add(1);
        }
        Self {
            assessment_id: assessment_id.to_owned(),
            from_version: plan.from_version.clone(),
            to_version: plan.to_version.clone(),
            counts,
            items,
        }
    }
}

impl MigrationItemDto {
    fn new(item: &PlanItem, from: &Bank, to: &Bank) -> Self {
        let change = MigrationChangeDto::from(item.change);
        let to_question = item.to.as_ref().map(|id| PlanQuestionDto::new(id, to));
        // A new question's note is "New question: <its title>", which the
        // dialog already shows as the title; anything more is kept.
        let repeats_title = change == MigrationChangeDto::NewUnanswered
            && to_question.as_ref().and_then(|q| q.title.as_deref())
                == item.note.strip_prefix("New question: ");
        let note = (!repeats_title && !item.note.trim().is_empty()).then(|| item.note.clone());
        Self {
            change,
            from: item.from.as_ref().map(|id| PlanQuestionDto::new(id, from)),
            to: to_question,
            note,
        }
    }
}

impl PlanQuestionDto {
    fn new(id: &QuestionId, bank: &Bank) -> Self {
        Self {
            id: id.to_string(),
            title: bank.question(id).map(|q| q.title.clone()),
        }
    }
}

impl From<Change> for MigrationChangeDto {
    fn from(change: Change) -> Self {
        match change {
            Change::Kept => Self::Kept,
            Change::Moved => Self::Moved,
            Change::Retired => Self::Retired,
            Change::Superseded => Self::Merged,
            Change::DoesNotFit => Self::AnswerAgain,
            Change::NewUnanswered => Self::NewUnanswered,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_change_of_core_has_its_own_kind() {
        let all = [
            Change::Kept,
            Change::Moved,
            Change::Retired,
            Change::Superseded,
            Change::DoesNotFit,
            Change::NewUnanswered,
        ];
        let mut kinds: Vec<String> = all
            .iter()
            .map(|c| serde_json::to_string(&MigrationChangeDto::from(*c)).unwrap())
            .collect();
        kinds.sort();
        kinds.dedup();
        assert_eq!(kinds.len(), all.len(), "{kinds:?}");
    }
}
