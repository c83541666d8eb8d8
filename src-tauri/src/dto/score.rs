//! The scorecard as the results screen shows it: the resilience index and
//! the gates that bound it (fired, pending, waived), the risk-transfer score
//! kept apart from it, each domain's role, score and caps, the ranked gaps
//! and how much is answered.
//!
//! Invariant: a copy of `core::scoring`'s result, figure for figure; nothing
//! here computes a score. The only things added are looked up in the
//! scorecard itself: the questions' titles (from its scored questions), the
//! domain a waived cap belongs to, and whether the first gate binds (the
//! index is below the ungated mean). Counts become `u32` (saturating), never
//! `usize`.

use ironbridge_core::bank::DomainRole;
use ironbridge_core::ids::QuestionId;
use ironbridge_core::scoring::{
    AppliedCap, AppliedGate, BoundKind, Completion, Contribution, DomainScore, Gap, Horizon,
    PendingGate, Scorecard, Waiver,
};
use serde::Serialize;
use specta::Type;

use super::count;

/// The scorecard as the results screen shows it.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ScorecardDto {
    /// The target profile of the gaps.
    pub target_profile: String,
    /// The resilience index, 0–100, after gates: the weighted mean of the
    /// resilience domains only (never the risk-transfer ones); `null` while
    /// no resilience domain has a score.
    pub index: Option<f64>,
    /// The same weighted mean before gates; equal to `index` unless a gate binds.
    pub index_ungated: Option<f64>,
    /// The index gates that fire, lowest maximum first: the first is the one
    /// that binds when the index is below `index_ungated`.
    pub gates: Vec<AppliedGateDto>,
    /// The gates whose question is not answered yet, in bank order.
    pub pending_gates: Vec<PendingGateDto>,
    /// Whether the index may still fall: a gate's question is not answered yet.
    pub provisional: bool,
    /// Caps and gates waived by a justified "not applicable": risks accepted, bank order.
    pub waivers: Vec<WaiverDto>,
    /// Questions marked not applicable without the justification they need
    /// (critical, or named by a cap or gate): their caps and gates still fire.
    pub unjustified_not_applicable: Vec<QuestionRefDto>,
    /// The risk-transfer score, 0–100 (insurance): scored apart from the
    /// resilience index and never part of it; `null` when there is none to score.
    pub risk_transfer: Option<f64>,
    /// The risk-transfer domains' weights and scores it is the weighted mean of.
    pub risk_transfer_contributions: Vec<ContributionDto>,
    /// The weakest resilience domain's code.
    pub weakest_domain: Option<String>,
    /// Every domain in bank order.
    pub domains: Vec<DomainScoreDto>,
    /// Gaps, highest priority first.
    pub gaps: Vec<GapDto>,
    /// How much is answered.
    pub completion: CompletionDto,
    /// The radar of domain scores against the target, as a standalone SVG
    /// document: the geometry the PDF's executive summary draws.
    pub radar_svg: String,
}

/// A domain's score.
#[derive(Clone, Debug, Serialize, Type)]
pub struct DomainScoreDto {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Weight in the index (or in the risk-transfer score, by `role`).
    pub weight: f64,
    /// Whether it counts in the resilience index or in the risk-transfer score.
    pub role: DomainRoleDto,
    /// After caps, 0–100.
    pub score: Option<f64>,
    /// Before caps.
    pub uncapped: Option<f64>,
    /// Caps that fire, the binding one first.
    pub caps: Vec<AppliedCapDto>,
    /// Its scored questions' progress.
    pub completion: CompletionDto,
}

/// A cap that holds a domain down.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AppliedCapDto {
    /// Cap id (`CAP-REC-01`).
    pub id: String,
    /// The question that fires it.
    pub question: String,
    /// The most the domain may score.
    pub max_score: f64,
    /// Why, for a board member.
    pub reason: String,
    /// What in the answer fires it.
    pub trigger: String,
}

/// What a domain's score stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum DomainRoleDto {
    /// Part of the resilience index.
    Resilience,
    /// Risk transfer (insurance): its own score, never part of the resilience index.
    RiskTransfer,
}

/// An index gate that fires: a critical control whose absence bounds the
/// resilience index whatever else is in place.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AppliedGateDto {
    /// Gate id (`GATE-REC-02`).
    pub id: String,
    /// The critical question that fires it.
    pub question: String,
    /// That question's title; `null` only if the scorecard does not score it.
    pub title: Option<String>,
    /// The most the resilience index may be while it fires.
    pub max_index: f64,
    /// Why, for a board member.
    pub reason: String,
    /// What in the answer fires it (`level 1, below 2`, `unknown`).
    pub trigger: String,
    /// Whether it holds the index down now: the first gate, with the index
    /// below the ungated mean. A gate that fires without binding would cap
    /// the index at `max_index` were the other answers to rise.
    pub binds: bool,
}

/// An index gate whose question is not answered yet: the index is provisional.
#[derive(Clone, Debug, Serialize, Type)]
pub struct PendingGateDto {
    /// Gate id.
    pub id: String,
    /// The question to answer.
    pub question: String,
    /// That question's title; `null` only if the scorecard does not score it.
    pub title: Option<String>,
    /// The most the index would be, were the answer below `below`.
    pub max_index: f64,
    /// The level the answer must reach for the gate not to fire.
    pub below: u8,
    /// Why the gate exists.
    pub reason: String,
}

/// What a waiver lifts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum BoundKindDto {
    /// A cap on a domain's score.
    Cap,
    /// A gate on the resilience index.
    Gate,
}

/// A cap or gate not applied because its question was marked not applicable
/// with a justification: a risk accepted.
#[derive(Clone, Debug, Serialize, Type)]
pub struct WaiverDto {
    /// Cap or gate.
    pub kind: BoundKindDto,
    /// Its id (`CAP-INS-04`, `GATE-OT-02`).
    pub id: String,
    /// The code of the domain whose score a cap bounds; `null` for a gate.
    pub domain: Option<String>,
    /// The question marked not applicable.
    pub question: String,
    /// That question's title; `null` when the question is not scored (the
    /// scorecard holds scored questions only): the bank has it.
    pub title: Option<String>,
    /// The bound it would set: a domain's score for a cap, the index for a gate.
    pub max: f64,
    /// Why the cap or gate exists.
    pub reason: String,
    /// Why the organisation says the question does not apply.
    pub justification: String,
}

/// A question named by the scorecard.
#[derive(Clone, Debug, Serialize, Type)]
pub struct QuestionRefDto {
    /// Its id (`REC-02`).
    pub id: String,
    /// Its title; `null` when the question is not scored (the scorecard
    /// holds scored questions only): the bank has it.
    pub title: Option<String>,
}

/// One term of a weighted mean.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ContributionDto {
    /// The domain code (or question id).
    pub id: String,
    /// Its weight.
    pub weight: f64,
    /// Its score, 0–100.
    pub score: f64,
}

/// A ranked gap.
#[derive(Clone, Debug, Serialize, Type)]
pub struct GapDto {
    /// 1 for the highest priority.
    pub rank: u32,
    /// The question.
    pub question: String,
    /// Its domain.
    pub domain: String,
    /// Its title.
    pub title: String,
    /// The level scored.
    pub level: u8,
    /// Whether the answer was unknown.
    pub unknown: bool,
    /// The level to reach.
    pub target: u8,
    /// weight × shortfall × criticality.
    pub priority: f64,
    /// When to act.
    pub horizon: HorizonDto,
    /// Caps the answer fires.
    pub caps: Vec<String>,
    /// Steps from the current level to the target.
    pub recommendations: Vec<String>,
    /// The arithmetic, in words.
    pub reason: String,
}

/// When to close a gap.
#[derive(Clone, Copy, Debug, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum HorizonDto {
    /// First.
    Now,
    /// Second.
    Next,
    /// Third.
    Later,
}

/// Counts of scored questions by state.
#[derive(Clone, Copy, Debug, Serialize, Type)]
pub struct CompletionDto {
    /// Scored questions.
    pub total: u32,
    /// Answered with a level.
    pub answered: u32,
    /// Answered unknown.
    pub unknown: u32,
    /// Not applicable.
    pub not_applicable: u32,
    /// Not answered yet.
    pub unanswered: u32,
    /// Share with any response, 0–100.
    pub percent: f64,
}

impl ScorecardDto {
    /// The scorecard, with its radar drawn by the report's chart code.
    pub fn new(card: &Scorecard, radar_svg: String) -> Self {
        let binds = matches!((card.index, card.index_ungated), (Some(i), Some(u)) if i < u);
        Self {
            target_profile: card.target_profile.clone(),
            index: card.index,
            index_ungated: card.index_ungated,
            gates: card
                .gates
                .iter()
                .enumerate()
                .map(|(i, g)| AppliedGateDto::new(g, title_of(card, &g.question), i == 0 && binds))
                .collect(),
            pending_gates: card
                .pending_gates
                .iter()
                .map(|g| PendingGateDto::new(g, title_of(card, &g.question)))
                .collect(),
            provisional: card.provisional,
            waivers: card
                .waivers
                .iter()
                .map(|w| WaiverDto::new(w, waived_in(card, w), title_of(card, &w.question)))
                .collect(),
            unjustified_not_applicable: card
                .unjustified_not_applicable
                .iter()
                .map(|q| QuestionRefDto {
                    id: q.to_string(),
                    title: title_of(card, q),
                })
                .collect(),
            risk_transfer: card.risk_transfer,
            risk_transfer_contributions: card
                .risk_transfer_contributions
                .iter()
                .map(ContributionDto::from)
                .collect(),
            weakest_domain: card.weakest_domain.as_ref().map(ToString::to_string),
            domains: card.domains.iter().map(DomainScoreDto::from).collect(),
            gaps: card.gaps.iter().map(GapDto::from).collect(),
            completion: card.completion.into(),
            radar_svg,
        }
    }
}

/// The title of a question the scorecard scores (it holds no other).
fn title_of(card: &Scorecard, id: &QuestionId) -> Option<String> {
    card.domains
        .iter()
        .flat_map(|d| d.questions.iter())
        .find(|q| &q.id == id)
        .map(|q| q.title.clone())
}

/// The domain that lists a waiver among its waived caps (none does for a gate).
fn waived_in(card: &Scorecard, waiver: &Waiver) -> Option<String> {
    card.domains
        .iter()
        .find(|d| d.waived.iter().any(|w| w.id == waiver.id))
        .map(|d| d.code.to_string())
}

impl AppliedGateDto {
    fn new(g: &AppliedGate, title: Option<String>, binds: bool) -> Self {
        Self {
            id: g.id.clone(),
            question: g.question.to_string(),
            title,
            max_index: g.max_index,
            reason: g.reason.clone(),
            trigger: g.trigger.clone(),
            binds,
        }
    }
}

impl PendingGateDto {
    fn new(g: &PendingGate, title: Option<String>) -> Self {
        Self {
            id: g.id.clone(),
            question: g.question.to_string(),
            title,
            max_index: g.max_index,
            below: g.below.get(),
            reason: g.reason.clone(),
        }
    }
}

impl WaiverDto {
    fn new(w: &Waiver, domain: Option<String>, title: Option<String>) -> Self {
        Self {
            kind: match w.kind {
                BoundKind::Cap => BoundKindDto::Cap,
                BoundKind::Gate => BoundKindDto::Gate,
            },
            id: w.id.clone(),
            domain,
            question: w.question.to_string(),
            title,
            max: w.max,
            reason: w.reason.clone(),
            justification: w.justification.clone(),
        }
    }
}

impl From<&Contribution> for ContributionDto {
    fn from(c: &Contribution) -> Self {
        Self {
            id: c.id.clone(),
            weight: c.weight,
            score: c.score,
        }
    }
}

impl From<DomainRole> for DomainRoleDto {
    fn from(role: DomainRole) -> Self {
        match role {
            DomainRole::Resilience => Self::Resilience,
            DomainRole::RiskTransfer => Self::RiskTransfer,
        }
    }
}

impl From<&DomainScore> for DomainScoreDto {
    fn from(d: &DomainScore) -> Self {
        Self {
            code: d.code.to_string(),
            name: d.name.clone(),
            weight: d.weight,
            role: d.role.into(),
            score: d.score,
            uncapped: d.uncapped,
            caps: d.caps.iter().map(AppliedCapDto::from).collect(),
            completion: d.completion.into(),
        }
    }
}

impl From<&AppliedCap> for AppliedCapDto {
    fn from(c: &AppliedCap) -> Self {
        Self {
            id: c.id.clone(),
            question: c.question.to_string(),
            max_score: c.max_score,
            reason: c.reason.clone(),
            trigger: c.trigger.clone(),
        }
    }
}

impl From<&Gap> for GapDto {
    fn from(g: &Gap) -> Self {
        Self {
            rank: count(g.rank),
            question: g.question.to_string(),
            domain: g.domain.to_string(),
            title: g.title.clone(),
            level: g.level.get(),
            unknown: g.unknown,
            target: g.target.get(),
            priority: g.priority,
            horizon: match g.horizon {
                Horizon::Now => HorizonDto::Now,
                Horizon::Next => HorizonDto::Next,
                Horizon::Later => HorizonDto::Later,
            },
            caps: g.caps.clone(),
            recommendations: g.recommendations.clone(),
            reason: g.reason.clone(),
        }
    }
}

impl From<Completion> for CompletionDto {
    fn from(c: Completion) -> Self {
        Self {
            total: count(c.total),
            answered: count(c.answered),
            unknown: count(c.unknown),
            not_applicable: count(c.not_applicable),
            unanswered: count(c.unanswered),
            percent: c.percent(),
        }
    }
}

#[cfg(test)]
mod tests;
