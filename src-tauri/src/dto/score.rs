//! The scorecard as the results screen shows it: the index, each domain's
//! score and caps, the ranked gaps and how much is answered.
//!
//! Invariant: a copy of `core::scoring`'s result, figure for figure; nothing
//! here computes a score. Counts become `u32` (saturating), never `usize`.

use ironbridge_core::scoring::{AppliedCap, Completion, DomainScore, Gap, Horizon, Scorecard};
use serde::Serialize;
use specta::Type;

use super::count;

/// The scorecard as the results screen shows it.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ScorecardDto {
    /// The target profile of the gaps.
    pub target_profile: String,
    /// The resilience index, 0–100; `null` while no domain has a score.
    pub index: Option<f64>,
    /// The weakest domain's code.
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
    /// Weight in the index.
    pub weight: f64,
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
        Self {
            target_profile: card.target_profile.clone(),
            index: card.index,
            weakest_domain: card.weakest_domain.as_ref().map(ToString::to_string),
            domains: card.domains.iter().map(DomainScoreDto::from).collect(),
            gaps: card.gaps.iter().map(GapDto::from).collect(),
            completion: card.completion.into(),
            radar_svg,
        }
    }
}

impl From<&DomainScore> for DomainScoreDto {
    fn from(d: &DomainScore) -> Self {
        Self {
            code: d.code.to_string(),
            name: d.name.clone(),
            weight: d.weight,
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
