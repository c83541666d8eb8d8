//! Explainable, deterministic scoring (DESIGN §4).
//!
//! Question score = level / 4 × 100; domain score = weighted mean over the
//! answered, applicable questions, then capped by any cap that fires; the
//! resilience index = weighted mean of the domain scores. Gaps = target −
//! level, ranked by weight × shortfall × criticality.
//!
//! Invariants (tested as properties): [`score`] is a pure function of its
//! inputs; raising any answer never lowers any score; a not-applicable answer
//! counts exactly as an unanswered one, out of every denominator; every score
//! is within 0–100 and carries the answers and caps that made it.

mod gaps;

use std::collections::BTreeMap;

use serde::Serialize;

pub use gaps::{Gap, Horizon};

use crate::assessment::{Assessment, Response};
use crate::bank::{AnswerKind, Bank, Cap, CapCondition, Question};
use crate::ids::{DomainCode, QuestionId};
use crate::level::Level;

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
    /// The resilience index, 0–100; `None` while no domain has a score.
    pub index: Option<f64>,
    /// The domain weights and scores the index is the weighted mean of.
    pub index_contributions: Vec<Contribution>,
    /// The domain with the lowest score (first in bank order on a tie).
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
    /// Its weight in the index.
    pub weight: f64,
    /// The score after caps, 0–100; `None` when no scored question is answered or applicable.
    pub score: Option<f64>,
    /// The weighted mean before caps.
    pub uncapped: Option<f64>,
    /// The caps that fire, lowest maximum first; the first is the one that binds.
    pub caps: Vec<AppliedCap>,
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
        let mut questions = Vec::new();
        let mut dcompletion = Completion::default();
        for question in domain.questions.iter().filter(|q| q.is_scored()) {
            let q = score_question(
                question,
                responses.get(&question.id),
                target_of(question, targets),
            );
            dcompletion.total += 1;
            match q.state {
                AnswerState::Answered => dcompletion.answered += 1,
                AnswerState::Unknown => dcompletion.unknown += 1,
                AnswerState::NotApplicable => dcompletion.not_applicable += 1,
                AnswerState::Unanswered => dcompletion.unanswered += 1,
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
        let mut caps: Vec<AppliedCap> = domain
            .caps
            .iter()
            .filter_map(|cap| fires(bank, cap, responses.get(&cap.question)))
            .collect();
        caps.sort_by(|a, b| {
            a.max_score
                .total_cmp(&b.max_score)
                .then_with(|| a.id.cmp(&b.id))
        });
        let score = uncapped.map(|s| caps.first().map_or(s, |c| s.min(c.max_score)));
        completion.add(dcompletion);
        domains.push(DomainScore {
            code: domain.code.clone(),
            name: domain.name.clone(),
            weight: domain.weight,
            score,
            uncapped,
            caps,
            contributions,
            questions,
            completion: dcompletion,
        });
    }
    let index_contributions: Vec<Contribution> = domains
        .iter()
        .filter_map(|d| {
            Some(Contribution {
                id: d.code.to_string(),
                weight: d.weight,
                score: d.score?,
            })
        })
        .collect();
    let index = weighted_mean(&index_contributions);
    let weakest_domain = domains
        .iter()
        .filter_map(|d| Some((d.score?, &d.code)))
        .fold(None::<(f64, &DomainCode)>, |acc, (s, c)| match acc {
            Some((best, _)) if best <= s => acc,
            _ => Some((s, c)),
        })
        .map(|(_, c)| c.clone());
    let gaps = gaps::rank(bank, &domains);
    Scorecard {
        bank_id: bank.id.clone(),
        bank_version: bank.version.clone(),
        target_profile: targets.profile.clone(),
        index,
        index_contributions,
        weakest_domain,
        domains,
        gaps,
        completion,
    }
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

fn fires(bank: &Bank, cap: &Cap, response: Option<&Response>) -> Option<AppliedCap> {
    let question = bank.question(&cap.question)?;
    let trigger = match (&cap.condition, response?) {
        (_, Response::NotApplicable(_)) => return None,
        (_, Response::Unknown) => "unknown".to_owned(),
        (CapCondition::Below(below), r) => {
            let level = level_of(question, r)?;
            if level >= *below {
                return None;
            }
            format!("level {level}, below {below}")
        }
        (CapCondition::Equals(value), Response::Choice(given)) if given == value => {
            format!("answer {given:?}")
        }
        (CapCondition::Equals(value), Response::YesNo(given))
            if (if *given { "yes" } else { "no" }) == value =>
        {
            format!("answer {value:?}")
        }
        _ => return None,
    };
    Some(AppliedCap {
        id: cap.id.clone(),
        question: cap.question.clone(),
        max_score: cap.max_score,
        reason: cap.reason.clone(),
        trigger,
    })
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
