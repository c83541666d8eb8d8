//! The migration plan: what happens to each answer, in words, for the user to
//! read before accepting a migration.
//!
//! Invariant: every answered (or noted) question of the old assessment has
//! exactly one item, and so does every question of the new bank left
//! without an answer; items list the old questions in the assessment's order,
//! then the new unanswered questions in bank order.

use serde::Serialize;

use super::map::{Destination, MapEntry, MigrationMap};
use crate::assessment::AnswerRecord;
use crate::bank::{Bank, Question};
use crate::ids::QuestionId;

/// What happens to one question's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Same question, same answer.
    Kept,
    /// Carried to another question, or its level translated.
    Moved,
    /// The question was dropped; the answer stays in the old file only.
    Retired,
    /// Another old answer already fills the new question (topics merged).
    Superseded,
    /// The answer does not fit the new question: it must be answered again.
    DoesNotFit,
    /// A question of the new bank nobody has answered yet.
    NewUnanswered,
}

/// One line of the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanItem {
    /// What happens.
    pub change: Change,
    /// The old question, when there was one.
    pub from: Option<QuestionId>,
    /// The new question, when there is one.
    pub to: Option<QuestionId>,
    /// The map's note, or the new question's title for new questions.
    pub note: String,
}

/// The whole plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    /// The old bank's version.
    pub from_version: String,
    /// The new bank's version.
    pub to_version: String,
    /// One item per answer and per new unanswered question.
    pub items: Vec<PlanItem>,
}

impl PlanItem {
    /// The item for an old answer.
    pub(super) fn of(
        record: &AnswerRecord,
        entry: &MapEntry,
        to: Option<&QuestionId>,
        change: Change,
    ) -> Self {
        PlanItem {
            change,
            from: Some(record.question.clone()),
            to: to.cloned(),
            note: entry.note.clone(),
        }
    }

    /// The item for a new question left unanswered; the note says which old
    /// questions map to it, if any (their answers were not given).
    pub(super) fn new_unanswered(question: &Question, map: &MigrationMap) -> Self {
        let sources: Vec<String> = map
            .entries
            .iter()
            .filter(|e| e.to == Destination::To(question.id.clone()))
            .map(|e| e.from.to_string())
            .collect();
        let note = if sources.is_empty() {
            format!("New question: {}", question.title)
        } else {
            format!(
                "{} (from {}, not answered in the old assessment)",
                question.title,
                sources.join(", ")
            )
        };
        PlanItem {
            change: Change::NewUnanswered,
            from: None,
            to: Some(question.id.clone()),
            note,
        }
    }

    /// The item in one line of plain English.
    pub fn describe(&self) -> String {
        let from = self
            .from
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        let to = self
            .to
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        let what = match self.change {
            Change::Kept => format!("{from}: kept"),
            Change::Moved => format!("{from} → {to}: answer moved"),
            Change::Retired => format!("{from}: retired, the answer stays in the bank 1 file"),
            Change::Superseded => {
                format!(
                    "{from} → {to}: not carried, {to} already has an answer from another question"
                )
            }
            Change::DoesNotFit => {
                format!(
                    "{from} → {to}: the answer does not fit the new question; answer {to} again"
                )
            }
            Change::NewUnanswered => format!("{to}: new, unanswered"),
        };
        format!("{what}. {}", self.note)
    }
}

impl Plan {
    pub(super) fn new(from: &Bank, to: &Bank, items: Vec<PlanItem>) -> Self {
        Plan {
            from_version: from.version.clone(),
            to_version: to.version.clone(),
            items,
        }
    }

    /// The items of one kind.
    pub fn with(&self, change: Change) -> impl Iterator<Item = &PlanItem> {
        self.items.iter().filter(move |i| i.change == change)
    }

    /// The plan as text, one line per item, grouped by change.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "Moving this assessment from bank {} to bank {}:\n",
            self.from_version, self.to_version
        );
        for (change, heading) in [
            (Change::Kept, "Kept"),
            (Change::Moved, "Moved"),
            (Change::DoesNotFit, "To answer again"),
            (Change::Superseded, "Merged into another answer"),
            (Change::Retired, "Retired"),
            (Change::NewUnanswered, "New, unanswered"),
        ] {
            let items: Vec<&PlanItem> = self.with(change).collect();
            if items.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{heading} ({}):\n", items.len()));
            for item in items {
                out.push_str(&format!("  - {}\n", item.describe()));
            }
        }
        out
    }
}
