//! Explainable, deterministic scoring (DESIGN §4).
//!
//! Question score = level / 4 × 100; domain score = weighted mean over the
//! answered, applicable questions, then capped by any cap that fires; the
//! resilience index = weighted mean of the resilience domains' scores, then
//! bounded by any index gate that fires; the risk-transfer score = weighted
//! mean of the risk-transfer domains' scores, never part of the index. Gaps =
//! target − level, ranked by weight × shortfall × criticality.
//!
//! Invariants (tested as properties): [`score`] is a pure function of its
//! inputs; raising any answer never lowers any score; a not-applicable answer
//! counts exactly as an unanswered one, out of every denominator, but never
//! switches a cap or gate off silently (it is listed as waived, with its
//! justification: see [`bounds`]); every score is within 0–100 and carries the
//! answers, caps and gates that made it; with a gate firing the index is at
//! most its `max_index`; with a gate's question unanswered the index is provisional.

mod bounds;
mod gaps;

use std::collections::BTreeMap;

use serde::Serialize;

pub use bounds::{AppliedCap, AppliedGate, BoundKind, PendingGate, Waiver};
pub use gaps::{Gap, Horizon};

use crate::assessment::{Assessment, Response};
use crate::bank::{AnswerKind, Bank, DomainRole, Question};
use crate::ids::{DomainCode, QuestionId};
use crate::level::Level;
use bounds::Outcome;

/// Which targets the gaps are measured against.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Targets {
    /// The profile id.
    pub profile: String,
    /// Per-question targets that replace the profile's.
    pub overrides: BTreeMap<QuestionId, Level>,
}

/// The result of scoring an assessment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scorecard {
    /// The bank scored against.
    pub bank_id: String,
    /// Its version.
    pub bank_version: String,
    /// The target profile of the gaps.
    pub target_profile: String,
    /// The resilience index, 0–100, after gates; `None` while no resilience domain has a score.
    pub index: Option<f64>,
    /// The resilience domains' weights and scores the index is the weighted mean of.
    pub index_contributions: Vec<Contribution>,
    /// The weighted mean before gates; equal to `index` when no gate binds.
    pub index_ungated: Option<f64>,
    /// The index gates that fire, lowest maximum first; the first is the one that binds.
    pub gates: Vec<AppliedGate>,
    /// Gates whose question is not answered yet.
    pub pending_gates: Vec<PendingGate>,
    /// Whether the index may still fall: a gate's question is not answered yet.
    pub provisional: bool,
    /// Caps and gates waived by a justified "not applicable": risks accepted, bank order.
    pub waivers: Vec<Waiver>,
    /// Questions marked not applicable without the justification they need
    /// (critical, or named by a cap or gate); their caps and gates fire.
    pub unjustified_not_applicable: Vec<QuestionId>,
    /// The risk-transfer score, 0–100: weighted mean of the risk-transfer
    /// domains (insurance), apart from the index; `None` when there is none to score.
    pub risk_transfer: Option<f64>,
    /// The risk-transfer domains' weights and scores.
    pub risk_transfer_contributions: Vec<Contribution>,
    /// The resilience domain with the lowest score (first in bank order on a tie).
    pub weakest_domain: Option<DomainCode>,
    /// Every domain, in bank order.
    pub domains: Vec<DomainScore>,
    /// Gaps to the targets, highest priority first.
    pub gaps: Vec<Gap>,
    /// How much of the bank is answered.
    pub completion: Completion,
}

/// One term of a weighted mean.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Contribution {
    /// The domain code or question id.
    pub id: String,
    /// Its weight.
    pub weight: f64,
    /// Its score, 0–100.
    pub score: f64,
}

/// A domain's score and where it came from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DomainScore {
    /// The domain.
    pub code: DomainCode,
    /// Its name.
    pub name: String,
    /// Its weight in the index (or in the risk-transfer score).
    pub weight: f64,
    /// Whether it counts in the resilience index or the risk-transfer score.
    pub role: DomainRole,
    /// The score after caps, 0–100; `None` when no scored question is answered or applicable.
    pub score: Option<f64>,
    /// The weighted mean before caps.
    pub uncapped: Option<f64>,
    /// The caps that fire, lowest maximum first; the first is the one that binds.
    pub caps: Vec<AppliedCap>,
    /// The caps waived by a justified "not applicable", in bank order.
    pub waived: Vec<Waiver>,
    /// The scored questions' terms of the weighted mean.
    pub contributions: Vec<Contribution>,
    /// Every scored question of the domain.
    pub questions: Vec<QuestionScore>,
    /// Counts of the domain's scored questions by state.
    pub completion: Completion,
}

/// A scored question's state and score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuestionScore {
    /// The question.
    pub id: QuestionId,
    /// Its title.
    pub title: String,
    /// What was answered.
    pub state: AnswerState,
    /// The level scored (unknown scores as 0); `None` when not counted.
    pub level: Option<Level>,
    /// level / 4 × 100; `None` when not counted.
    pub score: Option<f64>,
    /// Its weight in the domain.
    pub weight: f64,
    /// The target level.
    pub target: Level,
}

/// What was answered to a scored question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerState {
    /// A level (or a scored choice).
    Answered,
    /// Unknown: scored as level 0.
    Unknown,
    /// Not applicable: out of the denominator.
    NotApplicable,
    /// Not answered yet: out of the denominator.
    Unanswered,
}

/// Counts of scored questions by state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Completion {
    /// Scored questions in scope.
    pub total: usize,
    /// Answered with a level.
    pub answered: usize,
    /// Answered unknown.
    pub unknown: usize,
    /// Not applicable.
    pub not_applicable: usize,
    /// Not answered yet.
    pub unanswered: usize,
}

impl Completion {
    /// Share of scored questions with any response, 0–100.
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            return 100.0;
        }
        let done = self.answered + self.unknown + self.not_applicable;
        done as f64 / self.total as f64 * 100.0
    }

    fn add(&mut self, other: Completion) {
        self.total += other.total;
        self.answered += other.answered;
        self.unknown += other.unknown;
        self.not_applicable += other.not_applicable;
        self.unanswered += other.unanswered;
    }
}

/// Scores an assessment file against a bank.
pub fn score_assessment(bank: &Bank, assessment: &Assessment) -> Scorecard {
    let targets = Targets {
        profile: assessment.target_profile.clone(),
        overrides: assessment.target_overrides.clone(),
    };
    score(bank, &assessment.responses(), &targets)
}

/// Scores responses against a bank: a pure function of its arguments.
pub fn score(
    bank: &Bank,
    responses: &BTreeMap<QuestionId, Response>,
    targets: &Targets,
) -> Scorecard {
    let mut domains = Vec::new();
    let mut completion = Completion::default();
    for domain in &bank.domains {
        let d = score_domain(bank, domain, responses, targets);
        completion.add(d.completion);
        domains.push(d);
    }
    let index_contributions = role_terms(&domains, DomainRole::Resilience);
    let index_ungated = weighted_mean(&index_contributions);
    let (gates, pending_gates, gate_waivers) = bounds::gates(bank, responses);
    let index = index_ungated.map(|s| gates.first().map_or(s, |g| s.min(g.max_index)));
    let risk_transfer_contributions = role_terms(&domains, DomainRole::RiskTransfer);
    let risk_transfer = weighted_mean(&risk_transfer_contributions);
    let weakest_domain = domains
        .iter()
        .filter(|d| d.role == DomainRole::Resilience)
        .filter_map(|d| Some((d.score?, &d.code)))
        .fold(None::<(f64, &DomainCode)>, |acc, (s, c)| match acc {
            Some((best, _)) if best <= s => acc,
            _ => Some((s, c)),
        })
        .map(|(_, c)| c.clone());
    let gaps = gaps::rank(bank, &domains, &gates);
    let mut waivers: Vec<Waiver> = domains.iter().flat_map(|d| d.waived.clone()).collect();
    waivers.extend(gate_waivers);
    Scorecard {
        bank_id: bank.id.clone(),
        bank_version: bank.version.clone(),
        target_profile: targets.profile.clone(),
        index,
        index_contributions,
        index_ungated,
        provisional: !pending_gates.is_empty(),
        gates,
        pending_gates,
        waivers,
        unjustified_not_applicable: bounds::unjustified(bank, responses),
        risk_transfer,
        risk_transfer_contributions,
        weakest_domain,
        domains,
        gaps,
        completion,
    }
}

/// One domain's score, with its questions, caps fired and caps waived.
fn score_domain(
    bank: &Bank,
    domain: &crate::bank::Domain,
    responses: &BTreeMap<QuestionId, Response>,
    targets: &Targets,
) -> DomainScore {
    let mut questions = Vec::new();
    let mut completion = Completion::default();
    for question in domain.questions.iter().filter(|q| q.is_scored()) {
        let q = score_question(
            question,
            responses.get(&question.id),
            target_of(question, targets),
        );
        completion.total += 1;
        match q.state {
            AnswerState::Answered => completion.answered += 1,
            AnswerState::Unknown => completion.unknown += 1,
            AnswerState::NotApplicable => completion.not_applicable += 1,
            AnswerState::Unanswered => completion.unanswered += 1,
        }
        questions.push(q);
    }
    let contributions: Vec<Contribution> = questions
        .iter()
        .filter_map(|q| {
            Some(Contribution {
                id: q.id.to_string(),
                weight: q.weight,
                score: q.score?,
            })
        })
        .collect();
    let uncapped = weighted_mean(&contributions);
    let mut caps = Vec::new();
    let mut waived = Vec::new();
    for cap in &domain.caps {
        match bounds::cap_outcome(bank, cap, responses.get(&cap.question)) {
            Outcome::Fires(trigger) => caps.push(AppliedCap {
                id: cap.id.clone(),
                question: cap.question.clone(),
                max_score: cap.max_score,
                reason: cap.reason.clone(),
                trigger,
            }),
            Outcome::Waived(justification) => waived.push(Waiver {
                kind: BoundKind::Cap,
                id: cap.id.clone(),
                question: cap.question.clone(),
                max: cap.max_score,
                reason: cap.reason.clone(),
                justification,
            }),
            Outcome::Pending | Outcome::Off => {}
        }
    }
    caps.sort_by(|a, b| {
        a.max_score
            .total_cmp(&b.max_score)
            .then_with(|| a.id.cmp(&b.id))
    });
    let score = uncapped.map(|s| caps.first().map_or(s, |c| s.min(c.max_score)));
    DomainScore {
        code: domain.code.clone(),
        name: domain.name.clone(),
        weight: domain.weight,
        role: domain.role,
        score,
        uncapped,
        caps,
        waived,
        contributions,
        questions,
        completion,
    }
}

/// The weighted-mean terms of the scored domains with this role.
fn role_terms(domains: &[DomainScore], role: DomainRole) -> Vec<Contribution> {
    domains
        .iter()
        .filter(|d| d.role == role)
        .filter_map(|d| {
            Some(Contribution {
                id: d.code.to_string(),
                weight: d.weight,
                score: d.score?,
            })
        })
        .collect()
}

impl Scorecard {
    /// The score of a domain.
    pub fn domain(&self, code: &str) -> Option<&DomainScore> {
        self.domains.iter().find(|d| d.code.as_str() == code)
    }
}

fn target_of(question: &Question, targets: &Targets) -> Level {
    if let Some(level) = targets.overrides.get(&question.id) {
        return *level;
    }
    let scoring = question.scoring.as_ref();
    scoring
        .and_then(|s| s.targets.get(&targets.profile).copied())
        .or_else(|| scoring.and_then(|s| s.targets.values().next().copied()))
        .unwrap_or(Level::MIN)
}

/// The level a response scores as, for a scored question; `None` when it does not count.
fn level_of(question: &Question, response: &Response) -> Option<Level> {
    match (response, &question.kind) {
        (Response::Unknown, _) => Some(Level::MIN),
        (Response::Level(level), AnswerKind::Maturity { .. }) => Some(*level),
        (Response::Choice(value), AnswerKind::Choice { options }) => options
            .iter()
            .find(|o| &o.value == value)
            .and_then(|o| o.level),
        _ => None,
    }
}

fn score_question(
    question: &Question,
    response: Option<&Response>,
    target: Level,
) -> QuestionScore {
    let weight = question.scoring.as_ref().map_or(0.0, |s| s.weight);
    let (state, level) = match response {
        None => (AnswerState::Unanswered, None),
        Some(Response::NotApplicable(_)) => (AnswerState::NotApplicable, None),
        Some(Response::Unknown) => (AnswerState::Unknown, Some(Level::MIN)),
        Some(r) => match level_of(question, r) {
            Some(level) => (AnswerState::Answered, Some(level)),
            None => (AnswerState::Unanswered, None),
        },
    };
    QuestionScore {
        id: question.id.clone(),
        title: question.title.clone(),
        state,
        level,
        score: level.map(Level::score),
        weight,
        target,
    }
}

fn weighted_mean(terms: &[Contribution]) -> Option<f64> {
    let total_weight: f64 = terms.iter().map(|t| t.weight).sum();
    if terms.is_empty() || total_weight <= 0.0 {
        return None;
    }
    let sum: f64 = terms.iter().map(|t| t.weight * t.score).sum();
    Some((sum / total_weight).clamp(0.0, 100.0))
}

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_v2;
