//! The cyber policy as the assessment records it (the `insurance.*` facts of
//! the INS questions), and the terms the model applies after filling gaps.
//!
//! Invariant: a missing or unknown answer never silently becomes cover. An
//! unknown policy status counts as no policy in force; an unknown limit as
//! nothing payable; unknown deductions use the assumptions' stated
//! defaults; every gap filled is listed in [`Terms::gaps`].

use serde::{Deserialize, Serialize};

use super::assumptions::{Assumptions, WaitingBasis};
use super::wording::{Answer, DayBasis, RetentionOrder, Trigger, WarClause};
use crate::assessment::{Assessment, ProviderService, Response};
use crate::bank::Bank;
use crate::ids::QuestionId;

/// The fact keys read, as written in the bank.
pub mod facts {
    /// INS-01.
    pub const POLICY_STATUS: &str = "insurance.policy_status";
    /// INS-02.
    pub const AGGREGATE_LIMIT: &str = "insurance.aggregate_limit";
    /// INS-03.
    pub const RETENTION: &str = "insurance.retention";
    /// INS-04.
    pub const COINSURANCE_PERCENT: &str = "insurance.coinsurance_percent";
    /// INS-06.
    pub const BI_SUBLIMIT: &str = "insurance.bi_sublimit";
    /// INS-07.
    pub const WAITING_PERIOD_HOURS: &str = "insurance.waiting_period_hours";
    /// INS-08.
    pub const INDEMNITY_PERIOD_DAYS: &str = "insurance.indemnity_period_days";
    /// INS-10.
    pub const DEPENDENT_BI: &str = "insurance.dependent_bi";
    /// INS-11.
    pub const DEPENDENT_BI_SUBLIMIT: &str = "insurance.dependent_bi_sublimit";
    /// INS-13.
    pub const WAR_EXCLUSION_REVIEWED: &str = "insurance.war_exclusion_reviewed";
    /// INS-15.
    pub const CONDITIONS_REVIEWED: &str = "insurance.conditions_reviewed";
    /// INS-17.
    pub const PANEL_IR_PROVIDER: &str = "insurance.panel_ir_provider";
}

/// The policy as answered; `None` where the answer is missing or unknown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    /// Whether a policy is in force.
    pub status: PolicyStatus,
    /// Aggregate limit of indemnity.
    pub aggregate_limit: Option<f64>,
    /// Business-interruption sublimit.
    pub bi_sublimit: Option<f64>,
    /// Waiting period before business-interruption cover starts, hours.
    pub waiting_period_hours: Option<f64>,
    /// Retention per claim.
    pub retention: Option<f64>,
    /// Share of each covered loss the company keeps, percent.
    pub coinsurance_percent: Option<f64>,
    /// Business-interruption indemnity period, days.
    pub indemnity_period_days: Option<f64>,
    /// Dependent business-interruption cover.
    pub dependent_bi: DependentCover,
    /// Dependent business-interruption sublimit.
    pub dependent_bi_sublimit: Option<f64>,
    /// Whether the war and state-backed attack exclusion was reviewed with the broker.
    pub war_exclusion_reviewed: Option<bool>,
    /// Whether conditions and proposal-form answers were checked against reality.
    pub conditions_reviewed: Option<bool>,
    /// Whether the insurer's panel incident-response firm is in the plan.
    pub panel_ir_provider: Option<bool>,
    /// Every fact read, with its question and the answer found.
    pub facts: Vec<FactUsed>,
}

/// Cyber policy status (INS-01).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyStatus {
    /// Bound and within the period of insurance.
    InForce,
    /// No cyber policy.
    None,
    /// Quoted or in negotiation, not bound (Jaguar Land Rover in 2025).
    Negotiating,
    /// Lapsed or cancelled.
    Lapsed,
    /// Not answered, or nobody knows.
    Unknown,
}

/// Dependent business-interruption cover (INS-10).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DependentCover {
    /// None.
    None,
    /// Only IT providers named in the policy.
    NamedProviders,
    /// Any IT service provider, including cloud.
    AllItProviders,
    /// IT providers and non-IT suppliers.
    ItAndSuppliers,
    /// Not answered, or nobody knows: counted as none.
    Unknown,
}

/// A fact read from the assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactUsed {
    /// The fact key (`insurance.bi_sublimit`).
    pub fact: String,
    /// The question recording it, if the bank has one.
    pub question: Option<QuestionId>,
    /// What was found.
    pub answer: FactAnswer,
}

/// The answer found for a fact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactAnswer {
    /// A number.
    Number(f64),
    /// A choice value.
    Choice(String),
    /// Yes or no.
    YesNo(bool),
    /// Answered unknown.
    Unknown,
    /// Answered not applicable.
    NotApplicable,
    /// Not answered.
    Unanswered,
    /// The bank has no question for the fact.
    NotInBank,
}

/// The terms the model applies: the policy with every gap filled.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Terms {
    /// Whether anything is paid at all.
    pub in_force: bool,
    /// Aggregate limit.
    pub aggregate_limit: f64,
    /// Business-interruption sublimit (for a provider outage: the dependent sublimit).
    pub bi_sublimit: f64,
    /// Waiting period, hours.
    pub waiting_period_hours: f64,
    /// How the waiting period works.
    pub waiting_basis: WaitingBasis,
    /// Retention per claim.
    pub retention: f64,
    /// Share of each covered loss kept by the company, 0–1.
    pub coinsurance: f64,
    /// Indemnity period, days.
    pub indemnity_period_days: f64,
    /// Whether the ramp-up after restoration is paid.
    pub ramp_up_covered: bool,
    /// Whether response and recovery costs are paid.
    pub costs_covered: bool,
    /// Whether the business-interruption section responds to what set production down.
    pub bi_covered: bool,
    /// When the retention comes off: before or after the sublimits.
    pub retention_order: RetentionOrder,
    /// Whether hardware replacement (bricking) is paid.
    pub hardware_covered: bool,
    /// Sublimit for hardware replacement.
    pub hardware_sublimit: f64,
    /// Sublimit for extortion payments.
    pub extortion_sublimit: f64,
    /// How a day of outage is valued (shown with every figure).
    pub day_basis: DayBasis,
    /// The war and cyber-operation exclusion, as recorded.
    pub war_clause: WarClause,
    /// Gaps filled, in words.
    pub gaps: Vec<String>,
}

impl Policy {
    /// No policy at all.
    pub fn none() -> Self {
        Self {
            status: PolicyStatus::None,
            aggregate_limit: Some(0.0),
            bi_sublimit: Some(0.0),
            waiting_period_hours: None,
            retention: None,
            coinsurance_percent: None,
            indemnity_period_days: None,
            dependent_bi: DependentCover::None,
            dependent_bi_sublimit: Some(0.0),
            war_exclusion_reviewed: None,
            conditions_reviewed: None,
            panel_ir_provider: None,
            facts: Vec::new(),
        }
    }

    /// Reads the `insurance.*` facts of an assessment through the bank's `fact` keys.
    pub fn from_assessment(bank: &Bank, assessment: &Assessment) -> Self {
        let mut used = Vec::new();
        let mut read = |fact: &str| -> FactAnswer {
            let question = bank.fact_question(fact).map(|q| q.id.clone());
            let answer = match &question {
                None => FactAnswer::NotInBank,
                Some(id) => match assessment.answer(id).and_then(|a| a.response.as_ref()) {
                    None => FactAnswer::Unanswered,
                    Some(Response::Number(v)) => FactAnswer::Number(*v),
                    Some(Response::Choice(c)) => FactAnswer::Choice(c.clone()),
                    Some(Response::YesNo(b)) => FactAnswer::YesNo(*b),
                    Some(Response::Unknown) => FactAnswer::Unknown,
                    Some(Response::NotApplicable(_)) => FactAnswer::NotApplicable,
                    Some(Response::Level(_)) => FactAnswer::Unanswered,
                },
            };
            used.push(FactUsed {
                fact: fact.to_owned(),
                question,
                answer: answer.clone(),
            });
            answer
        };
        // Money and time facts: not applicable means there is no such cover (0).
        let number = |answer: FactAnswer| match answer {
            FactAnswer::Number(v) if v.is_finite() && v >= 0.0 => Some(v),
            FactAnswer::NotApplicable => Some(0.0),
            _ => None,
        };
        let yes_no = |answer: FactAnswer| match answer {
            FactAnswer::YesNo(b) => Some(b),
            _ => None,
        };
        let status = match read(facts::POLICY_STATUS) {
            FactAnswer::Choice(c) => match c.as_str() {
                "in_force" => PolicyStatus::InForce,
                "none" => PolicyStatus::None,
                "negotiating" => PolicyStatus::Negotiating,
                "lapsed" => PolicyStatus::Lapsed,
                _ => PolicyStatus::Unknown,
            },
            _ => PolicyStatus::Unknown,
        };
        let aggregate_limit = number(read(facts::AGGREGATE_LIMIT));
        let retention = number(read(facts::RETENTION));
        let coinsurance_percent = number(read(facts::COINSURANCE_PERCENT)).map(|v| v.min(100.0));
        let bi_sublimit = number(read(facts::BI_SUBLIMIT));
        let waiting_period_hours = number(read(facts::WAITING_PERIOD_HOURS));
        let indemnity_period_days = number(read(facts::INDEMNITY_PERIOD_DAYS));
        let dependent_bi = match read(facts::DEPENDENT_BI) {
            FactAnswer::Choice(c) => match c.as_str() {
                "none" => DependentCover::None,
                "named_providers" => DependentCover::NamedProviders,
                "all_it_providers" => DependentCover::AllItProviders,
                "it_and_suppliers" => DependentCover::ItAndSuppliers,
                _ => DependentCover::Unknown,
            },
            FactAnswer::NotApplicable => DependentCover::None,
            _ => DependentCover::Unknown,
        };
        let dependent_bi_sublimit = number(read(facts::DEPENDENT_BI_SUBLIMIT));
        let war_exclusion_reviewed = yes_no(read(facts::WAR_EXCLUSION_REVIEWED));
        let conditions_reviewed = yes_no(read(facts::CONDITIONS_REVIEWED));
        let panel_ir_provider = yes_no(read(facts::PANEL_IR_PROVIDER));
        Self {
            status,
            aggregate_limit,
            bi_sublimit,
            waiting_period_hours,
            retention,
            coinsurance_percent,
            indemnity_period_days,
            dependent_bi,
            dependent_bi_sublimit,
            war_exclusion_reviewed,
            conditions_reviewed,
            panel_ir_provider,
            facts: used,
        }
    }

    /// The terms applied to the company's own incident, gaps filled from the assumptions.
    pub fn terms(&self, assumptions: &Assumptions) -> Terms {
        let mut gaps = Vec::new();
        let in_force = self.status == PolicyStatus::InForce;
        if self.status == PolicyStatus::Unknown {
            gaps.push("policy status unknown: counted as no policy in force".to_owned());
        }
        let mut fill = |value: Option<f64>, default: f64, what: &str, how: &str| {
            value.unwrap_or_else(|| {
                if in_force {
                    gaps.push(format!("{what} unknown: {how}"));
                }
                default
            })
        };
        let aggregate_limit = fill(
            self.aggregate_limit,
            0.0,
            "aggregate limit",
            "nothing counted as payable",
        );
        let bi_sublimit = fill(
            self.bi_sublimit,
            aggregate_limit,
            "business-interruption sublimit",
            "taken as the aggregate limit",
        );
        let waiting_period_hours = fill(
            self.waiting_period_hours,
            assumptions.waiting_period_hours_if_unknown,
            "waiting period",
            &format!(
                "taken as {} hours",
                assumptions.waiting_period_hours_if_unknown
            ),
        );
        let retention = fill(
            self.retention,
            0.0,
            "retention",
            "none deducted (the recovery may be overstated)",
        );
        let coinsurance = fill(
            self.coinsurance_percent,
            0.0,
            "co-insurance",
            "none deducted (the recovery may be overstated)",
        ) / 100.0;
        let indemnity_period_days = fill(
            self.indemnity_period_days,
            assumptions.indemnity_period_days_if_unknown,
            "indemnity period",
            &format!(
                "taken as {} days",
                assumptions.indemnity_period_days_if_unknown
            ),
        );
        let mut terms = Terms {
            in_force,
            aggregate_limit,
            bi_sublimit,
            waiting_period_hours,
            waiting_basis: assumptions.waiting_period_basis,
            retention,
            coinsurance: coinsurance.clamp(0.0, 1.0),
            indemnity_period_days,
            ramp_up_covered: assumptions.ramp_up_covered,
            costs_covered: assumptions.response_costs_covered,
            bi_covered: true,
            retention_order: assumptions.wording.retention_order,
            hardware_covered: false,
            hardware_sublimit: 0.0,
            extortion_sublimit: 0.0,
            day_basis: assumptions.day_basis,
            war_clause: assumptions.wording.war_clause,
            gaps,
        };
        wording_terms(&mut terms, assumptions);
        terms
    }

    /// Whether dependent cover responds to an outage at this provider, and
    /// why: the cover recorded, then the wording's unnamed-cloud cover and
    /// widespread-event exclusion.
    pub fn dependent_cover_for_service(
        &self,
        provider_id: &str,
        services: &[ProviderService],
        assumptions: &Assumptions,
    ) -> (bool, String) {
        let it_provider = services.iter().any(|s| *s != ProviderService::Other);
        let (covered, reason) = self.dependent_cover_for(provider_id, it_provider, assumptions);
        let wording = &assumptions.wording;
        let cloud = services
            .iter()
            .any(|s| matches!(s, ProviderService::Hosting | ProviderService::Saas));
        let (covered, reason) = if !covered
            && self.status == PolicyStatus::InForce
            && self.dependent_bi == DependentCover::NamedProviders
            && cloud
            && wording.unnamed_cloud_providers_covered.is_yes()
        {
            (
                true,
                "the wording extends dependent cover to unnamed cloud providers".to_owned(),
            )
        } else {
            (covered, reason)
        };
        if covered && assumptions.provider_outage_widespread {
            match wording.widespread_event_exclusion {
                Answer::Yes => {
                    return (false, "the outage is a widespread event, which the wording excludes from dependent cover".to_owned());
                }
                Answer::Unknown => {
                    return (false, "the outage is a widespread event and whether the wording excludes it is unknown: counted as excluded".to_owned());
                }
                Answer::No => {}
            }
        }
        (covered, reason)
    }

    /// Whether dependent cover responds to an outage at this provider, and why.
    pub fn dependent_cover_for(
        &self,
        provider_id: &str,
        it_provider: bool,
        assumptions: &Assumptions,
    ) -> (bool, String) {
        if self.status != PolicyStatus::InForce {
            return (false, "no policy in force".to_owned());
        }
        match self.dependent_bi {
            DependentCover::None => (false, "the policy has no dependent business-interruption cover".to_owned()),
            DependentCover::Unknown => (false, "whether the policy has dependent business-interruption cover is unknown: counted as none".to_owned()),
            DependentCover::NamedProviders => {
                if assumptions.dependent_named_providers.iter().any(|p| p == provider_id) {
                    (true, "the provider is named in the dependent business-interruption schedule".to_owned())
                } else {
                    (false, "dependent cover is for named providers only, and this provider is not recorded as named".to_owned())
                }
            }
            DependentCover::AllItProviders => {
                if it_provider {
                    (true, "dependent cover responds to any IT service provider".to_owned())
                } else {
                    (false, "dependent cover is for IT service providers only".to_owned())
                }
            }
            DependentCover::ItAndSuppliers => (true, "dependent cover responds to IT providers and suppliers".to_owned()),
        }
    }

    /// The terms for an outage at a provider covered by dependent business interruption.
    pub fn dependent_terms(&self, own: &Terms, assumptions: &Assumptions) -> Terms {
        let mut terms = own.clone();
        terms.bi_sublimit = match self.dependent_bi_sublimit {
            Some(v) => v,
            None => {
                terms.gaps.push(
                    "dependent business-interruption sublimit unknown: nothing counted as payable"
                        .to_owned(),
                );
                0.0
            }
        };
        terms.waiting_period_hours += assumptions.dependent_waiting_extra_hours;
        terms.costs_covered = own.costs_covered && assumptions.provider_outage_costs_covered;
        terms.bi_covered = true;
        terms
    }
}

/// The wording's terms for the company's own incident: the trigger, bricking and extortion.
fn wording_terms(terms: &mut Terms, assumptions: &Assumptions) {
    let wording = &assumptions.wording;
    if assumptions.trigger == Trigger::PrecautionaryShutdown {
        terms.bi_covered = wording.voluntary_shutdown_covered.is_yes();
        if terms.in_force && wording.voluntary_shutdown_covered == Answer::Unknown {
            terms.gaps.push(
                "whether business interruption responds to a precautionary shutdown is unknown: counted as not".to_owned(),
            );
        }
    }
    terms.hardware_covered = wording.bricking_covered.is_yes();
    let bricking = assumptions.bricking_cost_share > 0.0;
    if terms.in_force && bricking && wording.bricking_covered == Answer::Unknown {
        terms.gaps.push(
            "whether hardware replacement (bricking) is covered is unknown: counted as not"
                .to_owned(),
        );
    }
    terms.hardware_sublimit = match wording.bricking_sublimit {
        Some(v) => v,
        None => {
            if terms.in_force && bricking && terms.hardware_covered {
                terms.gaps.push(
                    "hardware replacement sublimit unknown: nothing counted as payable".to_owned(),
                );
            }
            0.0
        }
    };
    terms.extortion_sublimit = match wording.extortion_sublimit {
        Some(v) => v,
        None => {
            if terms.in_force && assumptions.extortion_cost_share > 0.0 {
                terms
                    .gaps
                    .push("extortion sublimit unknown: nothing counted as payable".to_owned());
            }
            0.0
        }
    };
}
