//! Migration of an assessment from one major version of the bank to the next
//! (bank 1 → bank 2) through the declared map in `assets/bank-2/from-1.toml`.
//!
//! Invariants: migration never changes the assessment it reads (the v1 file
//! stays as it is, readable against bank 1); it returns a new assessment on
//! the new bank and a [`Plan`] saying, question by question, what is kept,
//! moved, retired or new and unanswered, for the user to read before
//! accepting. An answer is carried only when it fits the new question (level
//! tables applied); one that does not is listed, never silently dropped.
//! Target overrides and roadmap plan entries follow their question to the
//! scored question it maps to; one whose question has none is not carried.

mod map;
mod plan;

use std::collections::BTreeMap;

use serde::Serialize;

pub use map::{Destination, MapEntry, MapProblem, MigrationMap};
pub use plan::{Change, Plan, PlanItem};

use crate::assessment::{AnswerRecord, Assessment, BankRef, Response};
use crate::bank::{AnswerKind, Bank, Question};
use crate::ids::QuestionId;
use crate::level::Level;

/// The map from bank 1 to bank 2, as shipped (`assets/bank-2/from-1.toml`).
pub fn shipped_from_1(from: &Bank, to: &Bank) -> Result<MigrationMap, Vec<crate::bank::BankIssue>> {
    MigrationMap::check(
        "assets/bank-2/from-1.toml",
        crate::embedded::BANK2_FROM_1,
        from,
        to,
    )
}

/// An assessment migrated to the new bank, and the plan to show first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Migration {
    /// The new assessment, on the new bank; the old one is untouched.
    pub assessment: Assessment,
    /// What happens to each answer.
    pub plan: Plan,
}

/// Why an assessment cannot be migrated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MigrationError {
    /// The assessment was not made on the map's old bank.
    #[error(
        "the assessment was answered on bank {found}, but this migration reads answers of bank {expected}"
    )]
    WrongBank {
        /// The assessment's bank id and version.
        found: String,
        /// The old bank's id and version.
        expected: String,
    },
}

/// Migrates `assessment`, answered on `from`, onto `to` through `map`.
pub fn migrate(
    assessment: &Assessment,
    map: &MigrationMap,
    from: &Bank,
    to: &Bank,
) -> Result<Migration, MigrationError> {
    let same_major = |a: &str, b: &str| a.split('.').next() == b.split('.').next();
    if assessment.bank.id != from.id || !same_major(&assessment.bank.version, &from.version) {
        return Err(MigrationError::WrongBank {
            found: format!("{} {}", assessment.bank.id, assessment.bank.version),
            expected: format!("{} {}", from.id, from.version),
        });
    }
    // Answers that stay on their own question go first, so a merged topic
    // keeps the answer given to the question that survives.
    let mut carried: BTreeMap<QuestionId, AnswerRecord> = BTreeMap::new();
    let mut numbered = Vec::new();
    for identity in [true, false] {
        for (n, record) in assessment.answers.iter().enumerate() {
            let Some(entry) = map.entry(&record.question) else {
                continue;
            };
            if (entry.to == Destination::To(entry.from.clone())) == identity {
                numbered.push((n, carry(record, entry, to, &mut carried)));
            }
        }
    }
    numbered.sort_by_key(|(n, _)| *n);
    let mut items: Vec<PlanItem> = numbered.into_iter().map(|(_, item)| item).collect();
    let mut answers = Vec::new();
    for question in to.questions() {
        match carried.remove(&question.id) {
            Some(record) => answers.push(record),
            None => items.push(PlanItem::new_unanswered(question, map)),
        }
    }
    let target_overrides = assessment
        .target_overrides
        .iter()
        .filter_map(|(id, level)| match &map.entry(id)?.to {
            Destination::To(target) if to.question(target)?.is_scored() => {
                Some((target.clone(), *level))
            }
            _ => None,
        })
        .collect();
    // A roadmap plan entry follows its question like a target; where two
    // old questions merge, the first one's entry is kept.
    let mut plan = BTreeMap::new();
    for (id, item) in &assessment.plan {
        if let Some(Destination::To(target)) = map.entry(id).map(|e| &e.to)
            && to.question(target).is_some_and(Question::is_scored)
        {
            plan.entry(target.clone()).or_insert_with(|| item.clone());
        }
    }
    let mut migrated = assessment.clone();
    migrated.plan = plan;
    migrated.bank = BankRef {
        id: to.id.clone(),
        version: to.version.clone(),
    };
    migrated.answers = answers;
    migrated.target_overrides = target_overrides;
    Ok(Migration {
        assessment: migrated,
        plan: Plan::new(from, to, items),
    })
}

/// Carries one old answer through its map entry, or says why not.
fn carry(
    record: &AnswerRecord,
    entry: &MapEntry,
    to: &Bank,
    carried: &mut BTreeMap<QuestionId, AnswerRecord>,
) -> PlanItem {
    let target = match &entry.to {
        Destination::Retired => return PlanItem::of(record, entry, None, Change::Retired),
        Destination::To(target) => target,
    };
    let Some(question) = to.question(target) else {
        return PlanItem::of(record, entry, None, Change::Retired);
    };
    if carried.contains_key(target) {
        return PlanItem::of(record, entry, Some(target), Change::Superseded);
    }
    let response = match &record.response {
        None => None,
        Some(response) => match convert(response, question, entry.levels.as_ref()) {
            Some(r) => Some(r),
            None => return PlanItem::of(record, entry, Some(target), Change::DoesNotFit),
        },
    };
    let change = if target == &record.question && response == record.response {
        Change::Kept
    } else {
        Change::Moved
    };
    carried.insert(
        target.clone(),
        AnswerRecord {
            question: target.clone(),
            response,
            note: record.note.clone(),
            follow_up: record.follow_up,
        },
    );
    PlanItem::of(record, entry, Some(target), change)
}

/// The old response as an answer to the new question, if it fits.
fn convert(
    response: &Response,
    question: &Question,
    levels: Option<&[Level; 5]>,
) -> Option<Response> {
    let remap = |l: Level| levels.map_or(l, |t| t[usize::from(l.get())]);
    match (response, &question.kind) {
        (Response::Unknown | Response::NotApplicable(_), _) => Some(response.clone()),
        (Response::Level(l), AnswerKind::Maturity { .. }) => Some(Response::Level(remap(*l))),
        (Response::Level(l), AnswerKind::Choice { options }) => {
            option_at(options, remap(*l)).map(Response::Choice)
        }
        (Response::Choice(value), AnswerKind::Choice { options }) => {
            if options.iter().any(|o| &o.value == value) {
                return Some(response.clone());
            }
            None
        }
        (Response::YesNo(_), AnswerKind::YesNo)
        | (Response::Number(_), AnswerKind::Number { .. }) => Some(response.clone()),
        _ => None,
    }
}

/// The value of the one option scored at `level`, if exactly one is.
fn option_at(options: &[crate::bank::ChoiceOption], level: Level) -> Option<String> {
    let mut at = options.iter().filter(|o| o.level == Some(level));
    let first = at.next()?;
    at.next().is_none().then(|| first.value.clone())
}

#[cfg(test)]
mod tests;
