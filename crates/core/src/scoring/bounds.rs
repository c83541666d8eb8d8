//! Caps and index gates: when they fire, when a "not applicable" answer waives
//! them, and when an unanswered question leaves a gate pending.
//!
//! Invariants: a cap or gate never disappears silently. For its question,
//! - a level below its threshold, "unknown", or "not applicable" without a
//!   justification fires it (the last is also reported as unjustified);
//! - "not applicable" with a justification waives it: it does not bound the
//!   score, and is listed as a [`Waiver`] (risk accepted) with the justification;
//! - no answer leaves a cap off (as in bank 1) and a gate pending: the index
//!   is then provisional.

use serde::Serialize;

use super::level_of;
use crate::assessment::Response;
use crate::bank::{Bank, Cap, CapCondition, Gate};
use crate::ids::QuestionId;
use crate::level::Level;

/// A cap that fires.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AppliedCap {
    /// The cap's id.
    pub id: String,
    /// The question that fires it.
    pub question: QuestionId,
    /// The most the domain may score.
    pub max_score: f64,
    /// Why.
    pub reason: String,
    /// What in the answer fires it (`level 1, below 2`, `unknown`, `answer "none"`).
    pub trigger: String,
}

/// An index gate that fires.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AppliedGate {
    /// The gate's id.
    pub id: String,
    /// The critical question that fires it.
    pub question: QuestionId,
    /// The most the resilience index may be.
    pub max_index: f64,
    /// Why, in words a board member understands.
    pub reason: String,
    /// What in the answer fires it (`level 1, below 2`, `unknown`).
    pub trigger: String,
}

/// An index gate whose question is not answered yet: the index is provisional.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PendingGate {
    /// The gate's id.
    pub id: String,
    /// The question to answer.
    pub question: QuestionId,
    /// The most the index would be, were the answer below the gate's level.
    pub max_index: f64,
    /// The level the answer must reach for the gate not to fire.
    pub below: Level,
    /// Why the gate exists.
    pub reason: String,
}

/// What a waiver lifts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BoundKind {
    /// A cap on a domain's score.
    Cap,
    /// A gate on the resilience index.
    Gate,
}

/// A cap or gate not applied because its question was marked not applicable
/// with a justification: shown as "waived: risk accepted".
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Waiver {
    /// Cap or gate.
    pub kind: BoundKind,
    /// Its id.
    pub id: String,
    /// The question marked not applicable.
    pub question: QuestionId,
    /// The bound it would set (a domain score for a cap, the index for a gate).
    pub max: f64,
    /// Why the cap or gate exists.
    pub reason: String,
    /// Why the organisation says the question does not apply.
    pub justification: String,
}

/// What a cap or gate does with one response.
pub(super) enum Outcome {
    /// It fires, for this reason.
    Fires(String),
    /// Not applicable with this justification.
    Waived(String),
    /// No answer yet.
    Pending,
    /// It does not fire.
    Off,
}

/// The trigger of an N/A without justification, which fires what it would have waived.
const UNJUSTIFIED: &str = "not applicable without a justification";

/// Whether a cap fires on a response, is waived, or stays off.
pub(super) fn cap_outcome(bank: &Bank, cap: &Cap, response: Option<&Response>) -> Outcome {
    let Some(response) = response else {
        return Outcome::Pending;
    };
    if let Some(outcome) = common(response) {
        return outcome;
    }
    let Some(question) = bank.question(&cap.question) else {
        return Outcome::Off;
    };
    match (&cap.condition, response) {
        (CapCondition::Below(below), r) => match level_of(question, r) {
            Some(level) if level < *below => {
                Outcome::Fires(format!("level {level}, below {below}"))
            }
            _ => Outcome::Off,
        },
        (CapCondition::Equals(value), Response::Choice(given)) if given == value => {
            Outcome::Fires(format!("answer {given:?}"))
        }
        (CapCondition::Equals(value), Response::YesNo(given))
            if (if *given { "yes" } else { "no" }) == value =>
        {
            Outcome::Fires(format!("answer {value:?}"))
        }
        _ => Outcome::Off,
    }
}

/// Whether a gate fires on a response, is waived, is pending or stays off.
pub(super) fn gate_outcome(bank: &Bank, gate: &Gate, response: Option<&Response>) -> Outcome {
    let Some(response) = response else {
        return Outcome::Pending;
    };
    if let Some(outcome) = common(response) {
        return outcome;
    }
    let level = bank
        .question(&gate.question)
        .and_then(|q| level_of(q, response));
    match level {
        Some(level) if level < gate.below => {
            Outcome::Fires(format!("level {level}, below {}", gate.below))
        }
        Some(_) => Outcome::Off,
        // An answer of the wrong kind scores nothing: the gate cannot be shown to hold.
        None => Outcome::Pending,
    }
}

/// The outcome shared by caps and gates: unknown fires, N/A waives when justified.
fn common(response: &Response) -> Option<Outcome> {
    match response {
        Response::Unknown => Some(Outcome::Fires("unknown".to_owned())),
        Response::NotApplicable(why) if why.trim().is_empty() => {
            Some(Outcome::Fires(UNJUSTIFIED.to_owned()))
        }
        Response::NotApplicable(why) => Some(Outcome::Waived(why.trim().to_owned())),
        _ => None,
    }
}

/// The questions marked not applicable without a justification where one is
/// needed (critical, or named by a cap or gate), in bank order.
pub(super) fn unjustified(
    bank: &Bank,
    responses: &std::collections::BTreeMap<QuestionId, Response>,
) -> Vec<QuestionId> {
    bank.questions()
        .filter(|q| {
            matches!(responses.get(&q.id), Some(Response::NotApplicable(why)) if why.trim().is_empty())
        })
        .filter(|q| bank.na_needs_justification(&q.id))
        .map(|q| q.id.clone())
        .collect()
}

/// The gates: those firing (lowest maximum first), pending and waived.
pub(super) fn gates(
    bank: &Bank,
    responses: &std::collections::BTreeMap<QuestionId, Response>,
) -> (Vec<AppliedGate>, Vec<PendingGate>, Vec<Waiver>) {
    let mut applied = Vec::new();
    let mut pending = Vec::new();
    let mut waived = Vec::new();
    for gate in &bank.gates {
        match gate_outcome(bank, gate, responses.get(&gate.question)) {
            Outcome::Fires(trigger) => applied.push(AppliedGate {
                id: gate.id.clone(),
                question: gate.question.clone(),
                max_index: gate.max_index,
                reason: gate.reason.clone(),
                trigger,
            }),
            Outcome::Pending => pending.push(PendingGate {
                id: gate.id.clone(),
                question: gate.question.clone(),
                max_index: gate.max_index,
                below: gate.below,
                reason: gate.reason.clone(),
            }),
            Outcome::Waived(justification) => waived.push(Waiver {
                kind: BoundKind::Gate,
                id: gate.id.clone(),
                question: gate.question.clone(),
                max: gate.max_index,
                reason: gate.reason.clone(),
                justification,
            }),
            Outcome::Off => {}
        }
    }
    applied.sort_by(|a, b| {
        a.max_index
            .total_cmp(&b.max_index)
            .then_with(|| a.id.cmp(&b.id))
    });
    (applied, pending, waived)
}
