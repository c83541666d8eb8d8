//! The types that cross IPC, and their conversions from and to `core`'s.
//!
//! Invariant: this is the only file whose types the UI sees. Each derives
//! [`specta::Type`], so `ui/src/lib/bindings.ts` is generated from it and a
//! test fails when that file is stale. `core` knows nothing of IPC: every
//! conversion is a `From`/`TryFrom` here, and numbers that the UI reads are
//! `u32`/`u8`/`f64` (never `usize`/`u64`, which JavaScript cannot hold exactly).

use chrono::NaiveDate;
use ironbridge_core::assessment::{
    AnswerRecord, Assessment, Mode, Organisation, Person, Registers, Response, Site, Status,
};
use ironbridge_core::bank::{AnswerKind, Bank, Criticality, Question, Unit};
use ironbridge_core::dependencies::DependencyAnalysis;
use ironbridge_core::exposure::{Exposure, ExposureError, ScenarioRow};
use ironbridge_core::ids::DomainCode;
use ironbridge_core::narrative;
use ironbridge_core::scoring::{AppliedCap, Completion, DomainScore, Gap, Horizon, Scorecard};
use ironbridge_core::{Level, QuestionId};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::AppError;

/// The question bank as the UI shows it.
#[derive(Clone, Debug, Serialize, Type)]
pub struct BankDto {
    /// Stable id of the bank.
    pub id: String,
    /// Semantic version of its content.
    pub version: String,
    /// Title.
    pub title: String,
    /// Target profiles, least demanding first.
    pub profiles: Vec<ProfileDto>,
    /// Domains in report order.
    pub domains: Vec<DomainDto>,
}

/// A target profile.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ProfileDto {
    /// Stable id (`standard`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Which organisations it fits.
    pub description: String,
}

/// A domain and its questions.
#[derive(Clone, Debug, Serialize, Type)]
pub struct DomainDto {
    /// Its code (`REC`).
    pub code: String,
    /// Display name.
    pub name: String,
    /// What it covers and why it matters.
    pub summary: String,
    /// Its questions in order.
    pub questions: Vec<QuestionDto>,
}

/// A question as asked.
#[derive(Clone, Debug, Serialize, Type)]
pub struct QuestionDto {
    /// Stable id (`INS-03`).
    pub id: String,
    /// Short title.
    pub title: String,
    /// The question as asked.
    pub text: String,
    /// Help for a self-assessor.
    pub guidance: String,
    /// The question a facilitator puts to the room.
    pub prompt: String,
    /// How it is answered.
    pub kind: AnswerKindDto,
    /// Whether it counts in the score (fact questions do not).
    pub scored: bool,
    /// How much a shortfall matters, for scored questions.
    pub criticality: Option<CriticalityDto>,
    /// Framework controls it corresponds to (`CSF:RC.RP-03`).
    pub refs: Vec<String>,
}

/// How a question is answered.
#[derive(Clone, Debug, Serialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerKindDto {
    /// Levels 0–4, each with an observable descriptor.
    Maturity {
        /// Five descriptors, level 0 first.
        levels: Vec<String>,
    },
    /// One of a list of options.
    Choice {
        /// The options.
        options: Vec<ChoiceOptionDto>,
    },
    /// Yes or no.
    YesNo,
    /// A number with a unit.
    Number {
        /// What it measures.
        unit: UnitDto,
        /// Smallest accepted value.
        min: Option<f64>,
        /// Largest accepted value.
        max: Option<f64>,
    },
}

/// An option of a choice question.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ChoiceOptionDto {
    /// The value stored in answers.
    pub value: String,
    /// Display label.
    pub label: String,
    /// The level it scores as, when scored.
    pub level: Option<u8>,
}

/// The unit of a number question.
#[derive(Clone, Copy, Debug, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum UnitDto {
    /// An amount in the assessment's currency.
    Money,
    /// Hours.
    Hours,
    /// A percentage.
    Percent,
    /// A plain number.
    Count,
}

/// How much a shortfall matters.
#[derive(Clone, Copy, Debug, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CriticalityDto {
    /// ×1.
    Standard,
    /// ×2.
    High,
    /// ×3.
    Critical,
}

/// An assessment as the UI edits it.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AssessmentDto {
    /// Its stable id.
    pub id: String,
    /// The bank's id.
    pub bank_id: String,
    /// The bank's version.
    pub bank_version: String,
    /// Draft, in review or final.
    pub status: StatusDto,
    /// When it started (`2026-11-02`).
    pub started_on: String,
    /// The editable details.
    pub details: AssessmentDetails,
    /// The answers given.
    pub answers: Vec<AnswerDto>,
    /// The registers of critical systems and providers.
    pub registers: RegistersDto,
}

/// What the new-assessment wizard collects, and what `save_assessment` replaces.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct AssessmentDetails {
    /// Title (`Cyber resilience assessment 2026`).
    pub title: String,
    /// The organisation assessed.
    pub organisation: OrganisationDto,
    /// Who leads the assessment.
    pub assessor: PersonDto,
    /// Who takes part.
    pub participants: Vec<PersonDto>,
    /// Workshop or self-assessment.
    pub mode: ModeDto,
    /// The target profile id.
    pub target_profile: String,
}

/// The organisation profile.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct OrganisationDto {
    /// Its name.
    pub name: String,
    /// Its sector.
    pub sector: String,
    /// Number of employees.
    pub employees: u32,
    /// Annual revenue in `currency`.
    pub annual_revenue: f64,
    /// ISO 4217 code (`GBP`).
    pub currency: String,
    /// Days a year the plants produce.
    pub operating_days_per_year: u16,
    /// Annual operating profit, if known.
    pub annual_operating_profit: Option<f64>,
    /// Cash and undrawn credit available, if known.
    pub cash_available: Option<f64>,
    /// Its sites.
    pub sites: Vec<SiteDto>,
}

/// A site.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct SiteDto {
    /// Name.
    pub name: String,
    /// Town and country.
    pub location: String,
    /// What it does.
    pub activity: String,
}

/// A person taking part.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct PersonDto {
    /// Name.
    pub name: String,
    /// Role.
    pub role: String,
    /// Employer, when not the organisation assessed.
    pub organisation: Option<String>,
}

/// How the assessment is run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ModeDto {
    /// A facilitated workshop.
    Workshop,
    /// Filled in by the organisation itself.
    SelfAssessment,
}

/// Where the assessment stands.
#[derive(Clone, Copy, Debug, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum StatusDto {
    /// Being answered.
    Draft,
    /// Being reviewed.
    InReview,
    /// Signed off; frozen.
    Final,
}

/// The answer to one question: response, note and follow-up flag.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct AnswerDto {
    /// The question id.
    pub question: String,
    /// The response; `null` while only a note is taken.
    pub response: Option<ResponseDto>,
    /// Free text.
    pub note: String,
    /// Whether it needs following up.
    pub follow_up: bool,
}

/// A response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ResponseDto {
    /// A maturity level, 0–4.
    Level(u8),
    /// An option's value.
    Choice(String),
    /// Yes or no.
    YesNo(bool),
    /// A number.
    Number(f64),
    /// Nobody knows: scored as level 0.
    Unknown,
    /// Does not apply; the text says why.
    NotApplicable(String),
}

/// An assessment in the list on the home screen.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AssessmentSummary {
    /// Its id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The organisation's name.
    pub organisation: String,
    /// Workshop or self-assessment.
    pub mode: ModeDto,
    /// Draft, in review or final.
    pub status: StatusDto,
    /// Questions with a response.
    pub answered: u32,
    /// Questions in the bank.
    pub total: u32,
    /// When it was last saved (RFC 3339), if known.
    pub saved_at: Option<String>,
}

/// The confirmation of a durable write.
#[derive(Clone, Debug, Serialize, Type)]
pub struct Saved {
    /// The assessment written.
    pub assessment_id: String,
    /// The revision the change went into (a new one when the last was final).
    pub revision: u32,
    /// When the store confirmed the commit (RFC 3339, UTC).
    pub saved_at: String,
}

impl Saved {
    /// The store's confirmation, stamped now (it returns after the commit is durable).
    pub fn now(saved: &ironbridge_store::Saved) -> Self {
        Self {
            assessment_id: saved.id.clone(),
            revision: saved.revision,
            saved_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        }
    }
}

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

impl From<&Bank> for BankDto {
    fn from(bank: &Bank) -> Self {
        Self {
            id: bank.id.clone(),
            version: bank.version.clone(),
            title: bank.title.clone(),
            profiles: bank
                .profiles
                .iter()
                .map(|p| ProfileDto {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    description: p.description.clone(),
                })
                .collect(),
            domains: bank
                .domains
                .iter()
                .map(|d| DomainDto {
                    code: d.code.to_string(),
                    name: d.name.clone(),
                    summary: d.summary.clone(),
                    questions: d.questions.iter().map(QuestionDto::from).collect(),
                })
                .collect(),
        }
    }
}

impl From<&Question> for QuestionDto {
    fn from(q: &Question) -> Self {
        let kind = match &q.kind {
            AnswerKind::Maturity { levels } => AnswerKindDto::Maturity {
                levels: levels.clone(),
            },
            AnswerKind::Choice { options } => AnswerKindDto::Choice {
                options: options
                    .iter()
                    .map(|o| ChoiceOptionDto {
                        value: o.value.clone(),
                        label: o.label.clone(),
                        level: o.level.map(Level::get),
                    })
                    .collect(),
            },
            AnswerKind::YesNo => AnswerKindDto::YesNo,
            AnswerKind::Number { unit, min, max } => AnswerKindDto::Number {
                unit: match unit {
                    Unit::Money => UnitDto::Money,
                    Unit::Hours => UnitDto::Hours,
                    Unit::Percent => UnitDto::Percent,
                    Unit::Count => UnitDto::Count,
                },
                min: *min,
                max: *max,
            },
        };
        Self {
            id: q.id.to_string(),
            title: q.title.clone(),
            text: q.text.clone(),
            guidance: q.guidance.clone(),
            prompt: q.prompt.clone(),
            kind,
            scored: q.is_scored(),
            criticality: q.scoring.as_ref().map(|s| match s.criticality {
                Criticality::Standard => CriticalityDto::Standard,
                Criticality::High => CriticalityDto::High,
                Criticality::Critical => CriticalityDto::Critical,
            }),
            refs: q
                .refs
                .iter()
                .map(|r| format!("{}:{}", r.framework, r.id))
                .collect(),
        }
    }
}

impl From<&Assessment> for AssessmentDto {
    fn from(a: &Assessment) -> Self {
        Self {
            id: a.id.clone(),
            bank_id: a.bank.id.clone(),
            bank_version: a.bank.version.clone(),
            status: a.status.into(),
            started_on: a.started_on.to_string(),
            details: AssessmentDetails::from(a),
            answers: a.answers.iter().map(AnswerDto::from).collect(),
            registers: RegistersDto::from(&a.registers),
        }
    }
}

impl From<&Assessment> for AssessmentDetails {
    fn from(a: &Assessment) -> Self {
        let o = &a.organisation;
        Self {
            title: a.title.clone(),
            organisation: OrganisationDto {
                name: o.name.clone(),
                sector: o.sector.clone(),
                employees: o.employees,
                annual_revenue: o.annual_revenue,
                currency: o.currency.clone(),
                operating_days_per_year: o.operating_days_per_year,
                annual_operating_profit: o.annual_operating_profit,
                cash_available: o.cash_available,
                sites: o
                    .sites
                    .iter()
                    .map(|s| SiteDto {
                        name: s.name.clone(),
                        location: s.location.clone(),
                        activity: s.activity.clone(),
                    })
                    .collect(),
            },
            assessor: (&a.assessor).into(),
            participants: a.participants.iter().map(PersonDto::from).collect(),
            mode: a.mode.into(),
            target_profile: a.target_profile.clone(),
        }
    }
}

impl AssessmentDetails {
    /// Writes these details over an assessment's, leaving its answers, registers and narrative.
    pub fn apply_to(self, a: &mut Assessment) {
        let o = self.organisation;
        a.title = self.title.trim().to_owned();
        a.organisation = Organisation {
            name: o.name.trim().to_owned(),
            sector: o.sector.trim().to_owned(),
            employees: o.employees,
            annual_revenue: o.annual_revenue,
            currency: o.currency.trim().to_uppercase(),
            operating_days_per_year: o.operating_days_per_year,
            annual_operating_profit: o.annual_operating_profit,
            cash_available: o.cash_available,
            sites: o
                .sites
                .into_iter()
                .map(|s| Site {
                    name: s.name,
                    location: s.location,
                    activity: s.activity,
                })
                .collect(),
        };
        a.assessor = self.assessor.into();
        a.participants = self.participants.into_iter().map(Person::from).collect();
        a.mode = self.mode.into();
        a.target_profile = self.target_profile;
    }
}

impl From<&Person> for PersonDto {
    fn from(p: &Person) -> Self {
        Self {
            name: p.name.clone(),
            role: p.role.clone(),
            organisation: p.organisation.clone(),
        }
    }
}

impl From<PersonDto> for Person {
    fn from(p: PersonDto) -> Self {
        Self {
            name: p.name.trim().to_owned(),
            role: p.role.trim().to_owned(),
            organisation: p.organisation.filter(|o| !o.trim().is_empty()),
        }
    }
}

impl From<Mode> for ModeDto {
    fn from(m: Mode) -> Self {
        match m {
            Mode::Workshop => ModeDto::Workshop,
            Mode::SelfAssessment => ModeDto::SelfAssessment,
        }
    }
}

impl From<ModeDto> for Mode {
    fn from(m: ModeDto) -> Self {
        match m {
            ModeDto::Workshop => Mode::Workshop,
            ModeDto::SelfAssessment => Mode::SelfAssessment,
        }
    }
}

impl From<Status> for StatusDto {
    fn from(s: Status) -> Self {
        match s {
            Status::Draft => StatusDto::Draft,
            Status::InReview => StatusDto::InReview,
            Status::Final => StatusDto::Final,
        }
    }
}

impl From<&AnswerRecord> for AnswerDto {
    fn from(r: &AnswerRecord) -> Self {
        Self {
            question: r.question.to_string(),
            response: r.response.as_ref().map(|resp| match resp {
                Response::Level(l) => ResponseDto::Level(l.get()),
                Response::Choice(c) => ResponseDto::Choice(c.clone()),
                Response::YesNo(b) => ResponseDto::YesNo(*b),
                Response::Number(n) => ResponseDto::Number(*n),
                Response::Unknown => ResponseDto::Unknown,
                Response::NotApplicable(why) => ResponseDto::NotApplicable(why.clone()),
            }),
            note: r.note.clone(),
            follow_up: r.follow_up,
        }
    }
}

impl TryFrom<AnswerDto> for AnswerRecord {
    type Error = AppError;

    fn try_from(a: AnswerDto) -> Result<Self, AppError> {
        let question = QuestionId::parse(&a.question).map_err(AppError::BadId)?;
        let response = match a.response {
            None => None,
            Some(ResponseDto::Level(n)) => Some(Response::Level(
                Level::new(n).ok_or(AppError::LevelOutOfRange { level: n })?,
            )),
            Some(ResponseDto::Choice(c)) => Some(Response::Choice(c)),
            Some(ResponseDto::YesNo(b)) => Some(Response::YesNo(b)),
            Some(ResponseDto::Number(n)) => Some(Response::Number(n)),
            Some(ResponseDto::Unknown) => Some(Response::Unknown),
            Some(ResponseDto::NotApplicable(why)) => {
                Some(Response::NotApplicable(why.trim().to_owned()))
            }
        };
        Ok(Self {
            question,
            response,
            note: a.note,
            follow_up: a.follow_up,
        })
    }
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
            rank: u32::try_from(g.rank).unwrap_or(u32::MAX),
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
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
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

/// The registers of critical systems and providers, as the registers screen edits them.
///
/// The same shape as the assessment file's `registers` (`docs/EXPOSURE.md`);
/// it converts to `core`'s type through that JSON form, so the two cannot drift
/// apart without the round-trip test failing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Type)]
pub struct RegistersDto {
    /// Systems whose loss hurts production.
    pub systems: Vec<SystemDto>,
    /// Third parties that run, host or can reach those systems.
    pub providers: Vec<ProviderDto>,
}

/// A critical system.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct SystemDto {
    /// Short unique slug (`erp`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// `erp`, `mes`, `plm`, `wms`, `scada`, `identity`, `email`, `edi`, `infrastructure`, `other`.
    pub category: SystemCategoryDto,
    /// Who owns it in the business.
    pub owner: String,
    /// Where it runs.
    pub hosting: HostingDto,
    /// The provider that runs or hosts it, by id.
    pub provider: Option<String>,
    /// What its loss does to production.
    pub production_impact: ProductionImpactDto,
    /// Production processes that need it.
    pub processes: Vec<String>,
    /// Other systems it needs, by id.
    pub depends_on: Vec<String>,
    /// Recovery time objective, hours.
    pub rto_hours: Option<f64>,
    /// Recovery point objective, hours.
    pub rpo_hours: Option<f64>,
    /// Whether a full restore has shown the RTO can be met.
    pub rto_tested: bool,
    /// When it was last restored in a test (`2026-03-14`).
    pub last_restore_test: Option<String>,
    /// How production carries on without it.
    pub manual_fallback: Option<FallbackDto>,
}

/// A manual way of working while a system is down.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct FallbackDto {
    /// What is done.
    pub description: String,
    /// How many days it sustains production.
    pub sustainable_days: f64,
    /// Share of normal output, 0–100.
    pub capacity_percent: f64,
    /// Whether it has been rehearsed.
    pub rehearsed: bool,
}

/// Kinds of critical system.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum SystemCategoryDto {
    Erp,
    Mes,
    Plm,
    Wms,
    Scada,
    Identity,
    Email,
    Edi,
    Infrastructure,
    Other,
}

/// Where a system runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum HostingDto {
    OnPremises,
    ProviderHosted,
    Saas,
    Cloud,
}

/// What the loss of a system does to production.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ProductionImpactDto {
    Stops,
    Degrades,
    None,
}

/// A provider.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct ProviderDto {
    /// Short unique slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it does for the company.
    pub services: Vec<ProviderServiceDto>,
    /// Whether it holds administrator access.
    pub privileged_access: bool,
    /// Systems it can reach beyond those it hosts, by id.
    pub reaches: Vec<String>,
    /// What the contract says.
    pub contract: ContractDto,
    /// Its certifications, as claimed.
    pub certifications: Vec<String>,
}

/// Services a provider delivers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ProviderServiceDto {
    ItOutsourcing,
    ManagedSecurity,
    HelpDesk,
    Hosting,
    Saas,
    OtIntegrator,
    EdiNetwork,
    Other,
}

/// The security clauses of a provider's contract.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Type)]
pub struct ContractDto {
    /// Hours within which it must report an incident; `null` when not set.
    pub incident_notice_hours: Option<u32>,
    /// Right to audit.
    pub right_to_audit: bool,
    /// Identity checks before password or MFA resets.
    pub helpdesk_identity_verification: bool,
    /// Obligations flow down to subcontractors.
    pub subcontractor_flow_down: bool,
}

impl From<&Registers> for RegistersDto {
    fn from(r: &Registers) -> Self {
        let json = serde_json::to_value(r).unwrap_or_default();
        serde_json::from_value(json).unwrap_or_default()
    }
}

impl TryFrom<RegistersDto> for Registers {
    type Error = AppError;

    fn try_from(dto: RegistersDto) -> Result<Self, AppError> {
        let mut dto = dto;
        for s in &mut dto.systems {
            s.id = s.id.trim().to_owned();
            s.name = s.name.trim().to_owned();
            s.provider = s.provider.take().filter(|p| !p.trim().is_empty());
            s.last_restore_test = s.last_restore_test.take().filter(|d| !d.trim().is_empty());
        }
        for p in &mut dto.providers {
            p.id = p.id.trim().to_owned();
            p.name = p.name.trim().to_owned();
        }
        if let Some(s) = dto
            .systems
            .iter()
            .find(|s| s.id.is_empty() || s.name.is_empty())
        {
            let which = if s.name.is_empty() { &s.id } else { &s.name };
            return Err(AppError::BadRegister {
                problem: format!("system {which:?} needs both an id and a name"),
            });
        }
        if let Some(p) = dto
            .providers
            .iter()
            .find(|p| p.id.is_empty() || p.name.is_empty())
        {
            let which = if p.name.is_empty() { &p.id } else { &p.name };
            return Err(AppError::BadRegister {
                problem: format!("provider {which:?} needs both an id and a name"),
            });
        }
        let json = serde_json::to_value(&dto).map_err(|e| AppError::BadRegister {
            problem: e.to_string(),
        })?;
        serde_json::from_value(json).map_err(|e| AppError::BadRegister {
            problem: e.to_string(),
        })
    }
}

/// The report's narrative: each part as drafted from the scoring and as edited.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct NarrativeDto {
    /// The executive summary.
    pub executive_summary: NarrativePartDto,
    /// Each domain's findings, in bank order.
    pub domains: Vec<NarrativePartDto>,
}

/// One editable part of the narrative.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct NarrativePartDto {
    /// The domain code; empty for the executive summary.
    pub code: String,
    /// What the part is (`Executive summary`, a domain's name).
    pub title: String,
    /// The text drafted from the scoring.
    pub draft: String,
    /// The consultant's text; `null` to use the draft.
    pub edited: Option<String>,
}

impl NarrativeDto {
    /// The draft beside the edits.
    pub fn new(
        bank: &Bank,
        card: &Scorecard,
        draft: narrative::Narrative,
        edits: &narrative::NarrativeEdits,
    ) -> Self {
        let domains = card
            .domains
            .iter()
            .map(|d| NarrativePartDto {
                code: d.code.to_string(),
                title: bank
                    .domains
                    .iter()
                    .find(|b| b.code == d.code)
                    .map_or_else(|| d.name.clone(), |b| b.name.clone()),
                draft: draft
                    .domain_findings
                    .get(&d.code)
                    .cloned()
                    .unwrap_or_default(),
                edited: edits.domain_findings.get(&d.code).cloned(),
            })
            .collect();
        Self {
            executive_summary: NarrativePartDto {
                code: String::new(),
                title: "Executive summary".into(),
                draft: draft.executive_summary,
                edited: edits.executive_summary.clone(),
            },
            domains,
        }
    }
}

impl TryFrom<NarrativeDto> for narrative::NarrativeEdits {
    type Error = AppError;

    fn try_from(dto: NarrativeDto) -> Result<Self, AppError> {
        // An edit equal to the draft, or blank, is no edit: the draft follows the scoring.
        let keep = |part: &NarrativePartDto| {
            part.edited
                .as_ref()
                .filter(|t| !t.trim().is_empty() && t.trim() != part.draft.trim())
                .map(|t| t.trim().to_owned())
        };
        let mut edits = narrative::NarrativeEdits {
            executive_summary: keep(&dto.executive_summary),
            ..Default::default()
        };
        for part in &dto.domains {
            if let Some(text) = keep(part) {
                let code = DomainCode::parse(&part.code).map_err(AppError::BadId)?;
                edits.domain_findings.insert(code, text);
            }
        }
        Ok(edits)
    }
}

/// Branding of the PDF report.
#[derive(Clone, Debug, Default, Serialize, Deserialize, Type)]
pub struct BrandingDto {
    /// The consultancy's name; empty for the assessor's firm.
    pub consultant: String,
    /// The accent colour, `#rrggbb`; empty for the default.
    pub accent: String,
    /// Whether to print the logo chosen in the settings.
    pub use_logo: bool,
}

impl BrandingDto {
    /// The report's branding, with the logo's PNG bytes when one is to be used.
    pub fn into_branding(
        self,
        logo_png: Option<&[u8]>,
    ) -> Result<ironbridge_report::Branding, AppError> {
        let default = ironbridge_report::Branding::default();
        let accent = match self.accent.trim() {
            "" => default.accent,
            hex => ironbridge_report::Colour::from_hex(hex)?,
        };
        let logo = match logo_png.filter(|_| self.use_logo) {
            Some(bytes) => Some(ironbridge_report::Logo::from_png(bytes)?),
            None => None,
        };
        Ok(ironbridge_report::Branding {
            accent,
            consultant: self.consultant.trim().to_owned(),
            logo,
        })
    }
}

/// A file written on the user's request.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ExportedDto {
    /// Where (as the user's file manager shows it).
    pub path: String,
    /// Its size in bytes.
    pub bytes: f64,
    /// Its pages, for a PDF.
    pub pages: Option<u32>,
}

impl ExportedDto {
    /// A file written at `path`.
    pub fn new(path: &std::path::Path, bytes: usize, pages: Option<usize>) -> Self {
        Self {
            path: path.display().to_string(),
            bytes: bytes as f64,
            pages: pages.map(|p| u32::try_from(p).unwrap_or(u32::MAX)),
        }
    }
}

/// Where the assessments are kept.
#[derive(Clone, Debug, Serialize, Type)]
pub struct DataLocationDto {
    /// `sqlite` (a file on this computer) or `postgres` (a team database).
    pub kind: String,
    /// The database file, for SQLite.
    pub path: Option<String>,
    /// Why the team database named in the settings is not the one in use.
    pub warning: Option<String>,
}

/// The money at risk and the dependency analysis, as the exposure screen shows them.
///
/// Every figure is copied from `core::exposure::assess` and
/// `core::dependencies::analyse`, the functions behind `ironbridge exposure
/// --json`; a test compares the two.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ExposureDto {
    /// Why no figures could be computed (no revenue, say); the rest is then empty.
    pub unavailable: Option<String>,
    /// ISO 4217 code of every amount.
    pub currency: String,
    /// One sentence for a board.
    pub headline: String,
    /// Loss per day at a full stop.
    pub daily_loss: f64,
    /// Estimated days to restore production.
    pub restore_days: f64,
    /// The scenario table: 1 day, 1 week, 5 weeks, custom.
    pub scenarios: Vec<ScenarioDto>,
    /// An outage of the custom length at each provider hosting production systems.
    pub provider_outages: Vec<ProviderOutageDto>,
    /// Exclusions, conditions and gaps that may defeat or shrink a claim.
    pub flags: Vec<FindingDto>,
    /// Every assumption with its value, default and source.
    pub assumptions: Vec<AssumptionDto>,
    /// Simulated percentiles of the uninsured loss: 50th, 90th, 99th.
    pub uninsured_percentiles: Vec<f64>,
    /// What was missing and how it was filled.
    pub notes: Vec<String>,
    /// The dependency graph and its findings.
    pub dependencies: DependenciesDto,
}

/// One row of the scenario table.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ScenarioDto {
    /// `1_day`, `1_week`, `5_weeks`, `custom`, `provider.<id>`.
    pub key: String,
    /// Display label.
    pub label: String,
    /// Length of the halt, days.
    pub days: f64,
    /// Gross loss.
    pub gross_loss: f64,
    /// What the policy pays.
    pub insured_recovery: f64,
    /// What stays with the company.
    pub uninsured_loss: f64,
    /// Uninsured loss in days of operating costs.
    pub uninsured_days_of_cash: f64,
    /// Uninsured loss as a share of annual operating profit (0–1), if profit is positive.
    pub uninsured_share_of_annual_profit: Option<f64>,
    /// The arithmetic, step by step.
    pub explanation: Vec<String>,
}

/// An outage at one provider.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ProviderOutageDto {
    /// Provider name.
    pub name: String,
    /// Systems down with it.
    pub systems_down: Vec<String>,
    /// Whether dependent business-interruption cover responds.
    pub dependent_cover: bool,
    /// Why or why not.
    pub cover_reason: String,
    /// The figures.
    pub row: ScenarioDto,
}

/// A flag or finding: severity, title, explanation.
#[derive(Clone, Debug, Serialize, Type)]
pub struct FindingDto {
    /// `critical`, `high`, `medium` or `low`.
    pub severity: String,
    /// One line.
    pub title: String,
    /// Why, in plain language.
    pub explanation: String,
    /// The amount at stake, if one can be given.
    pub amount: Option<f64>,
}

/// An assumption of the exposure model.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AssumptionDto {
    /// Its field name: the key to override it with.
    pub key: String,
    /// What it is.
    pub label: String,
    /// Its unit.
    pub unit: String,
    /// The value used, when it is a number (only those are editable here).
    pub value: Option<f64>,
    /// The value used, as text (for the others).
    pub value_text: String,
    /// The default, as text.
    pub default_text: String,
    /// Whether the value differs from the default.
    pub overridden: bool,
    /// The source of the default.
    pub source: String,
}

/// An override of one numeric assumption.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct AssumptionOverrideDto {
    /// The assumption's key.
    pub key: String,
    /// Its new value.
    pub value: f64,
}

/// The dependency graph: providers → systems → processes.
#[derive(Clone, Debug, Serialize, Type)]
pub struct DependenciesDto {
    /// Nodes: providers, then systems, then processes.
    pub nodes: Vec<GraphNodeDto>,
    /// Edges between node keys.
    pub edges: Vec<GraphEdgeDto>,
    /// Findings, most severe first.
    pub findings: Vec<FindingDto>,
}

/// A node of the dependency graph.
#[derive(Clone, Debug, Serialize, Type)]
pub struct GraphNodeDto {
    /// `provider:<id>`, `system:<id>`, `process:<name>`.
    pub key: String,
    /// `provider`, `system` or `process`.
    pub kind: String,
    /// Display label.
    pub label: String,
    /// Whether it is a single point of failure.
    pub single_point_of_failure: bool,
}

/// An edge of the dependency graph.
#[derive(Clone, Debug, Serialize, Type)]
pub struct GraphEdgeDto {
    /// The node it starts at.
    pub from: String,
    /// The node it ends at.
    pub to: String,
    /// `hosts`, `reaches`, `supports` or `serves`.
    pub kind: String,
}

/// The snake_case name serde gives a unit variant.
fn tag<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn text_of(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "—".into(),
        other => other.to_string(),
    }
}

impl From<&ScenarioRow> for ScenarioDto {
    fn from(r: &ScenarioRow) -> Self {
        Self {
            key: r.key.clone(),
            label: r.label.clone(),
            days: r.days,
            gross_loss: r.gross_loss,
            insured_recovery: r.insured_recovery,
            uninsured_loss: r.uninsured_loss,
            uninsured_days_of_cash: r.uninsured_days_of_cash,
            uninsured_share_of_annual_profit: r.uninsured_share_of_annual_profit,
            explanation: r.explanation.clone(),
        }
    }
}

impl From<&DependencyAnalysis> for DependenciesDto {
    fn from(d: &DependencyAnalysis) -> Self {
        Self {
            nodes: d
                .nodes
                .iter()
                .map(|n| GraphNodeDto {
                    key: n.key.clone(),
                    kind: tag(&n.kind),
                    label: n.label.clone(),
                    single_point_of_failure: n.single_point_of_failure,
                })
                .collect(),
            edges: d
                .edges
                .iter()
                .map(|e| GraphEdgeDto {
                    from: e.from.clone(),
                    to: e.to.clone(),
                    kind: tag(&e.kind),
                })
                .collect(),
            findings: d
                .findings
                .iter()
                .map(|f| FindingDto {
                    severity: tag(&f.severity),
                    title: f.title.clone(),
                    explanation: format!("{} {}", f.explanation, f.recommendation),
                    amount: None,
                })
                .collect(),
        }
    }
}

impl ExposureDto {
    /// The screen's view of the model's result and the dependency analysis.
    pub fn new(
        exposure: Result<&Exposure, &ExposureError>,
        dependencies: &DependencyAnalysis,
    ) -> Self {
        let dependencies = DependenciesDto::from(dependencies);
        let e = match exposure {
            Ok(e) => e,
            Err(err) => {
                return Self {
                    unavailable: Some(err.to_string()),
                    currency: String::new(),
                    headline: String::new(),
                    daily_loss: 0.0,
                    restore_days: 0.0,
                    scenarios: Vec::new(),
                    provider_outages: Vec::new(),
                    flags: Vec::new(),
                    assumptions: Vec::new(),
                    uninsured_percentiles: Vec::new(),
                    notes: Vec::new(),
                    dependencies,
                };
            }
        };
        Self {
            unavailable: None,
            currency: e.currency.clone(),
            headline: e.headline.clone(),
            daily_loss: e.basis.daily_loss,
            restore_days: e.restore.days,
            scenarios: e.scenarios.iter().map(ScenarioDto::from).collect(),
            provider_outages: e
                .provider_outages
                .iter()
                .map(|o| ProviderOutageDto {
                    name: o.name.clone(),
                    systems_down: o.systems_down.clone(),
                    dependent_cover: o.dependent_cover,
                    cover_reason: o.cover_reason.clone(),
                    row: ScenarioDto::from(&o.row),
                })
                .collect(),
            flags: e
                .flags
                .iter()
                .map(|f| FindingDto {
                    severity: tag(&f.severity),
                    title: f.title.clone(),
                    explanation: f.explanation.clone(),
                    amount: f.amount,
                })
                .collect(),
            assumptions: e
                .assumptions
                .iter()
                .map(|a| AssumptionDto {
                    key: a.key.clone(),
                    label: a.label.clone(),
                    unit: a.unit.clone(),
                    value: a.value.as_f64(),
                    value_text: text_of(&a.value),
                    default_text: text_of(&a.default),
                    overridden: a.overridden,
                    source: a.source.clone(),
                })
                .collect(),
            uninsured_percentiles: uninsured_percentiles(e),
            notes: e.notes.clone(),
            dependencies,
        }
    }
}

fn uninsured_percentiles(e: &Exposure) -> Vec<f64> {
    let u = &e.simulation.uninsured;
    vec![u.p50, u.p90, u.p99]
}

/// Today's date in UTC, for `started_on`.
pub fn today() -> NaiveDate {
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(json: &str, expected: ResponseDto) {
        let parsed: ResponseDto = serde_json::from_str(json).unwrap();
        assert_eq!(parsed, expected);
        assert_eq!(serde_json::to_string(&expected).unwrap(), json);
    }

    #[test]
    fn responses_are_tagged_with_kind_and_value() {
        check(r#"{"kind":"level","value":3}"#, ResponseDto::Level(3));
        check(r#"{"kind":"unknown"}"#, ResponseDto::Unknown);
        check(
            r#"{"kind":"not_applicable","value":"no OT on site"}"#,
            ResponseDto::NotApplicable("no OT on site".into()),
        );
        check(
            r#"{"kind":"yes_no","value":true}"#,
            ResponseDto::YesNo(true),
        );
    }

    #[test]
    fn level_above_four_is_refused_with_its_code() {
        let dto = AnswerDto {
            question: "REC-01".into(),
            response: Some(ResponseDto::Level(7)),
            note: String::new(),
            follow_up: false,
        };
        let err = AnswerRecord::try_from(dto).unwrap_err();
        assert_eq!(err.code(), "answer.level_out_of_range");
    }

    #[test]
    fn malformed_question_id_is_refused() {
        let dto = AnswerDto {
            question: "REC1".into(),
            response: None,
            note: String::new(),
            follow_up: false,
        };
        assert_eq!(
            AnswerRecord::try_from(dto).unwrap_err().code(),
            "answer.bad_question_id"
        );
    }
}
