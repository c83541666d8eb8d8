//! Gaps between the answers and the targets, ranked for the roadmap.
//!
//! Invariant: priority = weight × shortfall (in levels) × criticality factor;
//! gaps are ordered by priority, highest first, then by bank order, so the
//! ranking is total and stable. A question that fires a cap is always a gap
//! and always belongs to the "now" horizon; so does one that fires an index
//! gate, whose target is then at least the gate's level.

use serde::Serialize;

use super::{AnswerState, AppliedGate, DomainScore};
use crate::bank::{Bank, CapCondition, Criticality};
use crate::ids::{DomainCode, QuestionId};
use crate::level::Level;

/// A shortfall against the target on one question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gap {
    /// Rank, 1 for the highest priority.
    pub rank: usize,
    /// The question.
    pub question: QuestionId,
    /// Its domain.
    pub domain: DomainCode,
    /// Its title.
    pub title: String,
    /// The level scored (0 for unknown).
    pub level: Level,
    /// Whether the answer was unknown.
    pub unknown: bool,
    /// The level to reach.
    pub target: Level,
    /// target − level, in levels.
    pub shortfall: u8,
    /// The question's weight.
    pub weight: f64,
    /// The question's criticality.
    pub criticality: Criticality,
    /// weight × shortfall × criticality factor.
    pub priority: f64,
    /// When to act.
    pub horizon: Horizon,
    /// The caps this answer fires.
    pub caps: Vec<String>,
    /// The index gates this answer fires.
    pub gates: Vec<String>,
    /// The recommended steps, one per level from the current to the target.
    pub recommendations: Vec<String>,
    /// The arithmetic, in words.
    pub reason: String,
}

/// When a gap should be closed, on the roadmap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Horizon {
    /// First: high priority, or a cap fires.
    Now,
    /// Second.
    Next,
    /// Third.
    Later,
}

impl Horizon {
    /// Display name.
    pub fn label(self) -> &'static str {
        match self {
            Horizon::Now => "Now",
            Horizon::Next => "Next",
            Horizon::Later => "Later",
        }
    }
}

pub(super) fn rank(bank: &Bank, domains: &[DomainScore], gates: &[AppliedGate]) -> Vec<Gap> {
    let mut gaps = Vec::new();
    let mut order = 0usize;
    for domain in domains {
        for q in &domain.questions {
            order += 1;
            let Some(level) = q.level else { continue };
            let Some(question) = bank.question(&q.id) else {
                continue;
            };
            let Some(scoring) = &question.scoring else {
                continue;
            };
            let firing: Vec<(&str, Option<Level>)> = domains
                .iter()
                .flat_map(|d| d.caps.iter())
                .filter(|c| c.question == q.id)
                .map(|c| {
                    let below = bank
                        .domains
                        .iter()
                        .flat_map(|d| d.caps.iter())
                        .find(|cap| cap.id == c.id)
                        .and_then(|cap| match cap.condition {
                            CapCondition::Below(b) => Some(b),
                            CapCondition::Equals(_) => None,
                        });
                    (c.id.as_str(), below)
                })
                .collect();
            let gates_fired: Vec<&str> = gates
                .iter()
                .filter(|g| g.question == q.id)
                .map(|g| g.id.as_str())
                .collect();
            let gate_target = bank
                .gates
                .iter()
                .filter(|g| gates_fired.contains(&g.id.as_str()))
                .map(|g| g.below)
                .max();
            let cap_target = firing
                .iter()
                .filter_map(|(_, b)| *b)
                .chain(gate_target)
                .max();
            let target = cap_target.map_or(q.target, |b| b.max(q.target));
            let fires_any = !firing.is_empty() || !gates_fired.is_empty();
            let target = if fires_any && target <= level {
                Level::MAX
            } else {
                target
            };
            if level >= target {
                continue;
            }
            let shortfall = target.get() - level.get();
            let priority = scoring.weight * f64::from(shortfall) * scoring.criticality.factor();
            let horizon = if fires_any || priority >= bank.horizons.now {
                Horizon::Now
            } else if priority >= bank.horizons.next {
                Horizon::Next
            } else {
                Horizon::Later
            };
            let recommendations = scoring
                .recommendations
                .get(usize::from(level.get())..usize::from(target.get()))
                .map(<[String]>::to_vec)
                .unwrap_or_default();
            let unknown = q.state == AnswerState::Unknown;
            let mut reason = format!(
                "{} at level {}{} against a target of {}: shortfall {} × weight {} × {} ({}) = priority {}",
                q.id,
                level,
                if unknown {
                    " (unknown, scored as 0)"
                } else {
                    ""
                },
                target,
                shortfall,
                trim_number(scoring.weight),
                criticality_name(scoring.criticality),
                trim_number(scoring.criticality.factor()),
                trim_number(priority),
            );
            if fires_any {
                let ids: Vec<&str> = firing
                    .iter()
                    .map(|(id, _)| *id)
                    .chain(gates_fired.iter().copied())
                    .collect();
                reason.push_str(&format!("; fires {}", ids.join(", ")));
            }
            gaps.push((
                order,
                Gap {
                    rank: 0,
                    question: q.id.clone(),
                    domain: domain.code.clone(),
                    title: q.title.clone(),
                    level,
                    unknown,
                    target,
                    shortfall,
                    weight: scoring.weight,
                    criticality: scoring.criticality,
                    priority,
                    horizon,
                    caps: firing.iter().map(|(id, _)| (*id).to_owned()).collect(),
                    gates: gates_fired.iter().map(|id| (*id).to_owned()).collect(),
                    recommendations,
                    reason,
                },
            ));
        }
    }
    gaps.sort_by(|(oa, a), (ob, b)| b.priority.total_cmp(&a.priority).then_with(|| oa.cmp(ob)));
    gaps.into_iter()
        .enumerate()
        .map(|(i, (_, gap))| Gap { rank: i + 1, ..gap })
        .collect()
}

fn criticality_name(c: Criticality) -> &'static str {
    match c {
        Criticality::Standard => "standard",
        Criticality::High => "high",
        Criticality::Critical => "critical",
    }
}

fn trim_number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}
