//! The exposure model (DESIGN §5): the money at risk in a production halt,
//! what the cyber policy would pay, and what stays with the company.
//!
//! Inputs are the organisation profile (revenue, operating profit, cash), the
//! registers (which systems stop production, their recovery objectives and
//! fallbacks, the providers that host them) and the insurance facts of the
//! INS questions; everything else is an [`Assumptions`] field with a
//! documented default and source. [`assess`] (or [`model`] on prepared
//! [`ExposureInputs`]) gives an [`Exposure`]:
//!
//! - a scenario table (1 day, 1 week, 5 weeks, and a custom length that
//!   defaults to the estimated time to restore) of gross loss, insured
//!   recovery and uninsured loss, also in days of operating costs and as a
//!   share of cash and of annual profit, each row with its arithmetic;
//! - the same for an outage at each provider that hosts production systems,
//!   paid only under dependent business-interruption cover;
//! - flags for exclusions and conditions that may defeat a claim;
//! - a sensitivity ranking (tornado) of the assumptions;
//! - a seeded Monte Carlo simulation with percentiles and a loss exceedance
//!   curve, every draw going through the same policy terms.
//!
//! Money is in the assessment's currency; time in calendar days from the
//! start of the outage. It is a scenario, not a prediction.
//!
//! Invariant: a pure, deterministic function of (bank, assessment,
//! assumptions): no I/O, no clock, no hash-ordered output.
//!
//! ```
//! use ironbridge_core::{Bank, assessment::Assessment, exposure};
//!
//! let bank = Bank::shipped().unwrap();
//! let demo = Assessment::from_json(ironbridge_core::embedded::DEMO_ASSESSMENT).unwrap();
//! let mut assumptions = exposure::Assumptions::default();
//! assumptions.draws = 10_000;
//! let result = exposure::assess(&bank, &demo, &assumptions).unwrap();
//! let five_weeks = &result.scenarios[2];
//! assert!(five_weeks.insured_recovery <= five_weeks.gross_loss);
//! println!("{}", result.headline);
//! ```

mod assumptions;
mod loss;
mod policy;
mod questions;
mod restore;
mod sensitivity;
mod simulation;

use serde::Serialize;

pub use assumptions::{
    AssumptionRow, Assumptions, Estimate, NUMERIC, NumericAssumption, Shape, SourceKind, Spread,
    WaitingBasis,
};
pub use loss::{LossModel, Outcome, OutputCurve, OutputStep, Recovery};
pub use policy::{DependentCover, FactAnswer, FactUsed, Policy, PolicyStatus, Terms, facts};
pub use restore::{RestoreBasis, RestoreEstimate, SystemRestore};
pub use sensitivity::{Sensitivity, TornadoEntry};
pub use simulation::{ExceedancePoint, Percentiles, Simulation, SimulationSetup, percentile};

use crate::assessment::{Assessment, ProviderService, Registers};
use crate::bank::Bank;
use crate::dependencies::rule_questions::{RuleQuestion, question_ids};
use crate::dependencies::{self, DependencyConfig, Severity};
use crate::ids::QuestionId;

/// Why the exposure cannot be computed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ExposureError {
    /// Revenue is missing, zero, negative or not finite.
    #[error("annual revenue {} is not a positive amount of at most 10^13", crate::assessment::limits::number_words(*.value))]
    BadRevenue {
        /// The value found.
        value: f64,
    },
    /// Operating days are out of range.
    #[error("operating days per year {value} is not between 1 and 366")]
    BadOperatingDays {
        /// The value found.
        value: u16,
    },
    /// A financial figure is not finite.
    #[error("{field} {} is not an amount of at most 10^13 either way", crate::assessment::limits::number_words(*.value))]
    BadFinancial {
        /// `annual_operating_profit` or `cash_available`.
        field: &'static str,
        /// The value found.
        value: f64,
    },
    /// An assumption is outside its bounds.
    #[error("assumption {key} = {value} is out of range ({min} to {max})")]
    AssumptionOutOfRange {
        /// The field.
        key: String,
        /// The value.
        value: f64,
        /// Smallest accepted.
        min: f64,
        /// Largest accepted.
        max: f64,
    },
    /// A range is not low ≤ most likely ≤ high, finite and not negative.
    #[error(
        "{key} ({low}, {most_likely}, {high}) is not low ≤ most likely ≤ high, finite and not negative"
    )]
    BadRange {
        /// The field.
        key: String,
        /// Low end.
        low: f64,
        /// Most likely value.
        most_likely: f64,
        /// High end.
        high: f64,
    },
    /// Several assumptions are wrong.
    #[error("{} problems with the assumptions: {}", problems.len(), problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Assumptions {
        /// Each problem.
        problems: Vec<ExposureError>,
    },
}

impl ExposureError {
    /// The stable error code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            ExposureError::BadRevenue { .. } => "exposure.revenue",
            ExposureError::BadOperatingDays { .. } => "exposure.operating_days",
            ExposureError::BadFinancial { .. } => "exposure.financial",
            ExposureError::AssumptionOutOfRange { .. } => "exposure.assumption_out_of_range",
            ExposureError::BadRange { .. } => "exposure.bad_range",
            ExposureError::Assumptions { .. } => "exposure.assumptions",
        }
    }
}

/// The figures of the organisation profile the model uses.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Financials {
    /// ISO 4217 code of all amounts.
    pub currency: String,
    /// Annual revenue.
    pub annual_revenue: f64,
    /// Days a year the plants produce.
    pub operating_days_per_year: u16,
    /// Annual operating profit, if known.
    pub annual_operating_profit: Option<f64>,
    /// Cash and undrawn credit available, if known.
    pub cash_available: Option<f64>,
}

/// Everything the model reads from an assessment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExposureInputs {
    /// The profile's figures.
    pub financials: Financials,
    /// Critical systems and providers.
    pub registers: Registers,
    /// The policy as answered.
    pub policy: Policy,
}

impl ExposureInputs {
    /// Reads the profile, the registers and the insurance facts of an assessment.
    pub fn from_assessment(bank: &Bank, assessment: &Assessment) -> Self {
        let o = &assessment.organisation;
        Self {
            financials: Financials {
                currency: o.currency.clone(),
                annual_revenue: o.annual_revenue,
                operating_days_per_year: o.operating_days_per_year,
                annual_operating_profit: o.annual_operating_profit,
                cash_available: o.cash_available,
            },
            registers: assessment.registers.clone(),
            policy: Policy::from_assessment(bank, assessment),
        }
    }
}

/// The result of the exposure model.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Exposure {
    /// ISO 4217 code of all amounts.
    pub currency: String,
    /// One sentence for the executive summary.
    pub headline: String,
    /// The figures the daily loss is built from.
    pub basis: Basis,
    /// The policy as answered.
    pub policy: Policy,
    /// The terms applied to the company's own incident.
    pub terms: Terms,
    /// The estimated time to restore production.
    pub restore: RestoreEstimate,
    /// Output while the whole estate is down (what the fallbacks carry).
    pub output: OutputCurve,
    /// The scenario table: 1 day, 1 week, 5 weeks, custom.
    pub scenarios: Vec<ScenarioRow>,
    /// An outage of the custom length at each provider hosting production systems.
    pub provider_outages: Vec<ProviderOutage>,
    /// Exclusions, conditions and gaps that may defeat or shrink a claim, most severe first.
    pub flags: Vec<ExposureFlag>,
    /// Which assumptions move the uninsured loss most.
    pub sensitivity: Sensitivity,
    /// The Monte Carlo simulation.
    pub simulation: Simulation,
    /// Every assumption, its value, default and source.
    pub assumptions: Vec<AssumptionRow>,
    /// What was missing and how it was filled.
    pub notes: Vec<String>,
}

/// The figures the daily loss is built from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Basis {
    /// Annual revenue.
    pub annual_revenue: f64,
    /// Days a year the plants produce.
    pub operating_days_per_year: u16,
    /// Revenue per calendar day (annual / 365).
    pub daily_revenue: f64,
    /// Revenue per operating day (annual / operating days).
    pub revenue_per_operating_day: f64,
    /// Annual operating profit used.
    pub annual_operating_profit: f64,
    /// Whether it was assumed (the profile gives none).
    pub operating_profit_assumed: bool,
    /// Costs that keep running during a halt, per year.
    pub fixed_costs: f64,
    /// (Operating profit + fixed costs) / revenue: gross profit in the insurance sense.
    pub contribution_share: f64,
    /// Revenue lost per day at a full stop.
    pub daily_revenue_lost: f64,
    /// Gross profit lost per day at a full stop.
    pub daily_gross_profit_lost: f64,
    /// Increased cost of working per day at a full stop.
    pub daily_extra_costs: f64,
    /// Daily loss at a full stop: the two above.
    pub daily_loss: f64,
    /// The same, per week.
    pub weekly_loss: f64,
    /// One-off incident response costs.
    pub response_costs: f64,
    /// Recovery spend per day of outage.
    pub recovery_cost_per_day: f64,
    /// Cash and undrawn credit available, if known.
    pub cash_available: Option<f64>,
    /// Operating costs per calendar day ((revenue − operating profit) / 365): one "day of cash".
    pub daily_operating_costs: f64,
    /// Days of operating costs the cash covers, if known.
    pub cash_days: Option<f64>,
}

/// One row of the scenario table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScenarioRow {
    /// Stable key: `1_day`, `1_week`, `5_weeks`, `custom`, or `provider.<id>`.
    pub key: String,
    /// Display label.
    pub label: String,
    /// Length of the halt, days.
    pub days: f64,
    /// Full days of output lost, halt and ramp-up together.
    pub lost_output_days: f64,
    /// The figures.
    pub outcome: Outcome,
    /// Gross loss.
    pub gross_loss: f64,
    /// What the policy pays.
    pub insured_recovery: f64,
    /// What stays with the company.
    pub uninsured_loss: f64,
    /// Uninsured loss in days of operating costs.
    pub uninsured_days_of_cash: f64,
    /// Uninsured loss as a share of the cash available, if known.
    pub uninsured_share_of_cash: Option<f64>,
    /// Uninsured loss as a share of annual operating profit, if profit is positive.
    pub uninsured_share_of_annual_profit: Option<f64>,
    /// The arithmetic, step by step.
    pub explanation: Vec<String>,
}

/// An outage at one provider.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProviderOutage {
    /// Provider id.
    pub provider: String,
    /// Provider name.
    pub name: String,
    /// Systems down: what it hosts and what needs that.
    pub systems_down: Vec<String>,
    /// Output while they are down.
    pub output: OutputCurve,
    /// Whether dependent business-interruption cover responds.
    pub dependent_cover: bool,
    /// Why or why not.
    pub cover_reason: String,
    /// The figures, for an outage of the custom length.
    pub row: ScenarioRow,
}

/// An exclusion, condition or gap that may defeat or shrink a claim.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExposureFlag {
    /// Stable code (`policy.war_exclusion`).
    pub code: String,
    /// How much it matters.
    pub severity: Severity,
    /// One line.
    pub title: String,
    /// Why, in plain language.
    pub explanation: String,
    /// The amount at stake, if one can be given.
    pub amount: Option<f64>,
    /// The bank questions behind it.
    pub questions: Vec<QuestionId>,
}

/// Computes the exposure of an assessment.
pub fn assess(
    bank: &Bank,
    assessment: &Assessment,
    assumptions: &Assumptions,
) -> Result<Exposure, ExposureError> {
    model(
        &ExposureInputs::from_assessment(bank, assessment),
        assumptions,
    )
}

/// Computes the exposure from prepared inputs.
pub fn model(
    inputs: &ExposureInputs,
    assumptions: &Assumptions,
) -> Result<Exposure, ExposureError> {
    let prepared = Prepared::new(inputs, assumptions)?;
    let currency = inputs.financials.currency.as_str();
    let basis = &prepared.basis;
    let custom_label = match assumptions.custom_days {
        Some(d) => format!("Custom: {} days", trim(d)),
        None => format!(
            "Estimated time to restore: {} days",
            trim(prepared.custom_days)
        ),
    };
    let lengths = [
        ("1_day", "1 day".to_owned(), 1.0),
        ("1_week", "1 week".to_owned(), 7.0),
        ("5_weeks", "5 weeks (the JLR halt)".to_owned(), 35.0),
        ("custom", custom_label, prepared.custom_days),
    ];
    let scenarios: Vec<ScenarioRow> = lengths
        .into_iter()
        .map(|(key, label, days)| {
            let outcome = prepared
                .model
                .evaluate_days(days, basis.response_costs, &prepared.terms);
            row(key, label, outcome, basis, &prepared.terms, currency, None)
        })
        .collect();

    let provider_outages = provider_outages(inputs, assumptions, &prepared, currency);
    let simulation = simulation::run(&SimulationSetup {
        model: &prepared.model,
        terms: &prepared.terms,
        days: prepared.days_range,
        daily_loss: prepared.daily_loss_range,
        response_costs: prepared.response_cost_range,
        cash_available: inputs.financials.cash_available,
        seed: assumptions.seed,
        draws: assumptions.draws,
    })?;
    let sensitivity = sensitivity::rank(inputs, assumptions, &prepared)?;
    let flags = flags(inputs, &prepared, &scenarios, &provider_outages, currency);
    let custom = &scenarios[3];
    let headline = headline(
        custom,
        assumptions.custom_days.is_none(),
        &simulation,
        basis,
        &prepared.terms,
        currency,
    );
    let mut notes = prepared.notes.clone();
    notes.extend(prepared.terms.gaps.iter().cloned());
    Ok(Exposure {
        currency: currency.to_owned(),
        headline,
        basis: prepared.basis.clone(),
        policy: inputs.policy.clone(),
        terms: prepared.terms.clone(),
        restore: prepared.restore.clone(),
        output: prepared.model.curve.clone(),
        scenarios,
        provider_outages,
        flags,
        sensitivity,
        simulation,
        assumptions: assumptions.table(),
        notes,
    })
}

/// Runs only the simulation (for benchmarks and quick what-ifs).
pub fn simulate(
    inputs: &ExposureInputs,
    assumptions: &Assumptions,
) -> Result<Simulation, ExposureError> {
    let prepared = Prepared::new(inputs, assumptions)?;
    simulation::run(&SimulationSetup {
        model: &prepared.model,
        terms: &prepared.terms,
        days: prepared.days_range,
        daily_loss: prepared.daily_loss_range,
        response_costs: prepared.response_cost_range,
        cash_available: inputs.financials.cash_available,
        seed: assumptions.seed,
        draws: assumptions.draws,
    })
}

/// What an amount that is not a number prints as: never `inf` or `NaN`.
/// The assessment check keeps such amounts out; this is the last defence.
pub const NOT_AN_AMOUNT: &str = "—";

/// Formats an amount in full: `£1,234,567` (no symbol for an empty currency:
/// `1,234,567`; [`NOT_AN_AMOUNT`] when it is not finite).
pub fn money(amount: f64, currency: &str) -> String {
    if !amount.is_finite() {
        return NOT_AN_AMOUNT.to_owned();
    }
    let sign = if amount < 0.0 { "-" } else { "" };
    let whole = amount.abs().round();
    let digits = format!("{whole:.0}");
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{}{grouped}", symbol(currency))
}

/// Formats an amount briefly: `£4.3m`, `£850k`, `£900` ([`NOT_AN_AMOUNT`]
/// when it is not finite).
pub fn money_short(amount: f64, currency: &str) -> String {
    if !amount.is_finite() {
        return NOT_AN_AMOUNT.to_owned();
    }
    let sign = if amount < 0.0 { "-" } else { "" };
    let a = amount.abs();
    let body = if a >= 1e9 {
        format!("{:.1}bn", a / 1e9)
    } else if a >= 1e6 {
        format!("{:.1}m", a / 1e6)
    } else if a >= 1e3 {
        format!("{:.0}k", a / 1e3)
    } else {
        format!("{a:.0}")
    };
    format!("{sign}{}{body}", symbol(currency))
}

fn symbol(currency: &str) -> String {
    match currency {
        "GBP" => "£".to_owned(),
        "EUR" => "€".to_owned(),
        "USD" => "$".to_owned(),
        "" => String::new(),
        other => format!("{other} "),
    }
}

/// What every part of the model shares, computed once per set of assumptions.
#[derive(Clone, Debug)]
struct Prepared {
    basis: Basis,
    model: LossModel,
    terms: Terms,
    restore: RestoreEstimate,
    custom_days: f64,
    days_range: Estimate,
    daily_loss_range: Estimate,
    response_cost_range: Estimate,
    notes: Vec<String>,
}

impl Prepared {
    fn new(inputs: &ExposureInputs, assumptions: &Assumptions) -> Result<Self, ExposureError> {
        if let Err(mut problems) = assumptions.check() {
            return Err(if problems.len() == 1 {
                problems.remove(0)
            } else {
                ExposureError::Assumptions { problems }
            });
        }
        let f = &inputs.financials;
        // The rules are the assessment check's; a checked assessment passes them.
        if !crate::assessment::revenue_in_range(f.annual_revenue) {
            return Err(ExposureError::BadRevenue {
                value: f.annual_revenue,
            });
        }
        if !crate::assessment::operating_days_in_range(f.operating_days_per_year) {
            return Err(ExposureError::BadOperatingDays {
                value: f.operating_days_per_year,
            });
        }
        for (field, value) in [
            ("annual_operating_profit", f.annual_operating_profit),
            ("cash_available", f.cash_available),
        ] {
            if let Some(v) = value
                && !(v.is_finite() && v.abs() <= crate::assessment::limits::MAX_AMOUNT)
            {
                return Err(ExposureError::BadFinancial { field, value: v });
            }
        }
        let mut notes = Vec::new();
        let revenue = f.annual_revenue;
        let (profit, profit_assumed) = match f.annual_operating_profit {
            Some(p) => (p, false),
            None => {
                notes.push(format!(
                    "operating profit not in the profile: assumed at {}% of revenue",
                    trim(assumptions.operating_margin_if_unknown * 100.0)
                ));
                (revenue * assumptions.operating_margin_if_unknown, true)
            }
        };
        let fixed_costs = revenue * assumptions.fixed_cost_share;
        let raw_contribution = (profit + fixed_costs) / revenue;
        if raw_contribution < 0.0 {
            notes.push(
                "operating losses exceed the fixed costs: the lost gross profit is taken as nil"
                    .to_owned(),
            );
        }
        let contribution_share = raw_contribution.clamp(0.0, 1.0);
        let daily_revenue = revenue / 365.0;
        let daily_revenue_lost = daily_revenue * assumptions.revenue_share_stopping;
        let daily_operating_costs = ((revenue - profit) / 365.0).max(0.0);

        let restore = restore::estimate(&inputs.registers, assumptions);
        let all: Vec<&crate::assessment::CriticalSystem> =
            inputs.registers.systems.iter().collect();
        let curve = match restore::output_curve(&all, assumptions) {
            Some(curve) => curve,
            None => {
                notes.push(
                    "the registers name no system production depends on: the halt is taken as a full stop"
                        .to_owned(),
                );
                OutputCurve::full_stop()
            }
        };
        let model = LossModel {
            curve,
            ramp_up_ratio: assumptions.ramp_up_ratio,
            daily_revenue_lost,
            contribution_share,
            extra_cost_share: assumptions.extra_cost_share,
            recovery_cost_per_day: daily_revenue * assumptions.recovery_cost_day_share,
        };
        let daily_loss = model.daily_loss();
        let response_costs = revenue * assumptions.response_cost_share;
        let custom_days = assumptions.custom_days.unwrap_or(restore.days).max(0.0);
        let spread = |value: f64, s: Spread| Estimate {
            low: value * s.low,
            most_likely: value,
            high: value * s.high,
            shape: assumptions.shape,
        };
        let basis = Basis {
            annual_revenue: revenue,
            operating_days_per_year: f.operating_days_per_year,
            daily_revenue,
            revenue_per_operating_day: revenue / f64::from(f.operating_days_per_year),
            annual_operating_profit: profit,
            operating_profit_assumed: profit_assumed,
            fixed_costs,
            contribution_share,
            daily_revenue_lost,
            daily_gross_profit_lost: daily_revenue_lost * contribution_share,
            daily_extra_costs: daily_revenue_lost * assumptions.extra_cost_share,
            daily_loss,
            weekly_loss: daily_loss * 7.0,
            response_costs,
            recovery_cost_per_day: model.recovery_cost_per_day,
            cash_available: f.cash_available,
            daily_operating_costs,
            cash_days: f
                .cash_available
                .filter(|_| daily_operating_costs > 0.0)
                .map(|c| c / daily_operating_costs),
        };
        Ok(Self {
            terms: inputs.policy.terms(assumptions),
            days_range: assumptions
                .days_range
                .unwrap_or_else(|| spread(custom_days, assumptions.days_spread)),
            daily_loss_range: assumptions
                .daily_loss_range
                .unwrap_or_else(|| spread(daily_loss, assumptions.daily_loss_spread)),
            response_cost_range: assumptions
                .response_cost_range
                .unwrap_or_else(|| spread(response_costs, assumptions.response_cost_spread)),
            basis,
            model,
            restore,
            custom_days,
            notes,
        })
    }
}

fn row(
    key: &str,
    label: String,
    outcome: Outcome,
    basis: &Basis,
    terms: &Terms,
    currency: &str,
    cover_note: Option<&str>,
) -> ScenarioRow {
    let m = |v: f64| money(v, currency);
    let uninsured = outcome.uninsured_loss;
    let lost = outcome.lost_output_days_halt + outcome.lost_output_days_ramp_up;
    let mut explanation = vec![
        format!(
            "Daily loss at a full stop {} = revenue lost {} a day × ({:.1}% gross profit + {:.1}% increased cost of working).",
            m(basis.daily_revenue_lost * (basis.contribution_share + outcome_extra_share(basis))),
            m(basis.daily_revenue_lost),
            basis.contribution_share * 100.0,
            outcome_extra_share(basis) * 100.0,
        ),
        format!(
            "Output lost: {} full days during the {}-day halt{} = {} days.",
            trim(outcome.lost_output_days_halt),
            trim(outcome.days),
            if outcome.ramp_up_days > 0.0 {
                format!(
                    " + {} during a {}-day ramp-up",
                    trim(outcome.lost_output_days_ramp_up),
                    trim(outcome.ramp_up_days)
                )
            } else {
                String::new()
            },
            trim(lost)
        ),
        format!(
            "Gross loss {} = gross profit lost {} + increased cost of working {} + response and recovery {}.",
            m(outcome.gross_loss),
            m(outcome.gross_profit_lost),
            m(outcome.extra_costs),
            m(outcome.response_costs)
        ),
    ];
    let r = &outcome.recovery;
    if let Some(note) = cover_note {
        explanation.push(note.to_owned());
    }
    if terms.in_force {
        let mut steps = vec![format!(
            "Insurance: business interruption in the covered period {}",
            m(r.covered_bi)
        )];
        if r.waiting_period_loss > 0.0 {
            steps.push(format!(
                "{} falls in the {}-hour waiting period",
                m(r.waiting_period_loss),
                trim(terms.waiting_period_hours)
            ));
        }
        if r.outside_indemnity_loss > 0.0 {
            steps.push(format!(
                "{} falls outside the indemnity period{}",
                m(r.outside_indemnity_loss),
                if terms.ramp_up_covered {
                    ""
                } else {
                    " or in the uncovered ramp-up"
                }
            ));
        }
        steps.push(format!("costs covered {}", m(r.covered_costs)));
        if r.retention > 0.0 {
            steps.push(format!("less retention {}", m(r.retention)));
        }
        if r.coinsurance > 0.0 {
            steps.push(format!(
                "less {}% co-insurance {}",
                trim(terms.coinsurance * 100.0),
                m(r.coinsurance)
            ));
        }
        if r.above_bi_sublimit > 0.0 {
            steps.push(format!(
                "less {} above the business-interruption sublimit of {}",
                m(r.above_bi_sublimit),
                m(terms.bi_sublimit)
            ));
        }
        if r.above_aggregate > 0.0 {
            steps.push(format!(
                "less {} above the aggregate limit of {}",
                m(r.above_aggregate),
                m(terms.aggregate_limit)
            ));
        }
        explanation.push(format!("{}: pays {}.", steps.join("; "), m(r.insured)));
    } else if cover_note.is_none() {
        explanation.push("No policy in force: nothing is recovered.".to_owned());
    }
    explanation.push(format!(
        "Uninsured {} = {} days of operating costs ({} a day){}.",
        m(uninsured),
        trim_one(if basis.daily_operating_costs > 0.0 {
            uninsured / basis.daily_operating_costs
        } else {
            0.0
        }),
        m(basis.daily_operating_costs),
        match basis.cash_available {
            Some(c) if c > 0.0 => format!(", {:.0}% of the cash available", uninsured / c * 100.0),
            _ => String::new(),
        }
    ));
    ScenarioRow {
        key: key.to_owned(),
        label,
        days: outcome.days,
        lost_output_days: lost,
        gross_loss: outcome.gross_loss,
        insured_recovery: r.insured,
        uninsured_loss: uninsured,
        uninsured_days_of_cash: if basis.daily_operating_costs > 0.0 {
            uninsured / basis.daily_operating_costs
        } else {
            0.0
        },
        uninsured_share_of_cash: basis
            .cash_available
            .filter(|c| *c > 0.0)
            .map(|c| uninsured / c),
        uninsured_share_of_annual_profit: (basis.annual_operating_profit > 0.0)
            .then(|| uninsured / basis.annual_operating_profit),
        outcome,
        explanation,
    }
}

fn outcome_extra_share(basis: &Basis) -> f64 {
    if basis.daily_revenue_lost > 0.0 {
        basis.daily_extra_costs / basis.daily_revenue_lost
    } else {
        0.0
    }
}

fn provider_outages(
    inputs: &ExposureInputs,
    assumptions: &Assumptions,
    prepared: &Prepared,
    currency: &str,
) -> Vec<ProviderOutage> {
    let analysis = dependencies::analyse(&inputs.registers, &DependencyConfig::default());
    let mut out = Vec::new();
    for (p, provider) in analysis.providers.iter().zip(&inputs.registers.providers) {
        let down: Vec<&crate::assessment::CriticalSystem> = inputs
            .registers
            .systems
            .iter()
            .filter(|s| p.outage.systems.contains(&s.id))
            .collect();
        let Some(curve) = restore::output_curve(&down, assumptions) else {
            continue;
        };
        let it_provider = provider
            .services
            .iter()
            .any(|s| *s != ProviderService::Other);
        let (covered, reason) =
            inputs
                .policy
                .dependent_cover_for(&provider.id, it_provider, assumptions);
        let terms = if covered {
            inputs.policy.dependent_terms(&prepared.terms, assumptions)
        } else {
            Terms {
                in_force: false,
                ..prepared.terms.clone()
            }
        };
        let share = assumptions.provider_outage_response_share;
        let model = LossModel {
            curve: curve.clone(),
            recovery_cost_per_day: prepared.model.recovery_cost_per_day * share,
            ..prepared.model.clone()
        };
        let outcome = model.evaluate_days(
            prepared.custom_days,
            prepared.basis.response_costs * share,
            &terms,
        );
        let note = format!(
            "Outage at {}: {} down; dependent business-interruption cover {}: {}.",
            provider.name,
            p.outage.systems.join(", "),
            if covered {
                "responds"
            } else {
                "does not respond"
            },
            reason
        );
        out.push(ProviderOutage {
            provider: provider.id.clone(),
            name: provider.name.clone(),
            systems_down: p.outage.systems.clone(),
            output: curve,
            dependent_cover: covered,
            cover_reason: reason,
            row: row(
                &format!("provider.{}", provider.id),
                format!(
                    "Outage at {}: {} days",
                    provider.name,
                    trim(prepared.custom_days)
                ),
                outcome,
                &prepared.basis,
                &terms,
                currency,
                Some(&note),
            ),
        });
    }
    out
}

fn flags(
    inputs: &ExposureInputs,
    prepared: &Prepared,
    scenarios: &[ScenarioRow],
    outages: &[ProviderOutage],
    currency: &str,
) -> Vec<ExposureFlag> {
    let m = |v: f64| money_short(v, currency);
    let policy = &inputs.policy;
    let terms = &prepared.terms;
    let custom = &scenarios[3];
    let five = &scenarios[2];
    let mut out = Vec::new();
    let mut flag = |code: &str,
                    severity,
                    title: String,
                    explanation: String,
                    amount,
                    behind: &[RuleQuestion]| {
        out.push(ExposureFlag {
            code: code.to_owned(),
            severity,
            title,
            explanation,
            amount,
            questions: question_ids(behind),
        });
    };
    if !terms.in_force {
        let status = match policy.status {
            PolicyStatus::None => "There is no cyber policy",
            PolicyStatus::Negotiating => "A cyber policy is being negotiated but is not bound",
            PolicyStatus::Lapsed => "The cyber policy has lapsed",
            PolicyStatus::Unknown => "Nobody could say whether a cyber policy is in force",
            PolicyStatus::InForce => "",
        };
        flag(
            "policy.not_in_force",
            Severity::Critical,
            "No cyber policy in force".to_owned(),
            format!(
                "{status}, so the whole loss stays with the company: {} for a five-week halt. Jaguar Land Rover was negotiating a policy but had none bound when its production stopped for about five weeks in 2025.",
                m(five.gross_loss)
            ),
            Some(five.gross_loss),
            questions::NOT_IN_FORCE,
        );
    } else {
        if policy.war_exclusion_reviewed != Some(true) {
            flag(
                "policy.war_exclusion",
                Severity::High,
                "The state-backed attack exclusion may apply".to_owned(),
                format!(
                    "Since March 2023 Lloyd's has required cyber policies to exclude state-backed cyber attacks (Market Bulletin Y5381), and nobody has reviewed how this policy's wording and attribution rules would apply. If the attack were attributed to a state (as was suggested, unproven, for Jaguar Land Rover in 2025), the insurer could refuse the claim: {} of recovery at the estimated restore time would be lost.",
                    m(custom.insured_recovery)
                ),
                Some(custom.insured_recovery),
                questions::WAR_EXCLUSION,
            );
        }
        if policy.conditions_reviewed != Some(true) {
            let untested = inputs
                .registers
                .systems
                .iter()
                .filter(|s| {
                    s.production_impact == crate::assessment::ProductionImpact::Stops
                        && !s.rto_tested
                })
                .count();
            flag(
                "policy.conditions",
                Severity::High,
                "Conditions and proposal answers are unchecked".to_owned(),
                format!(
                    "Cyber policies commonly make maintained backups, MFA and timely patching conditions of cover or answers in the proposal form, and nobody has checked them against reality. A broken condition, or an unfair presentation of the risk under the Insurance Act 2015, lets the insurer reduce or refuse a claim{}. {} of recovery at the estimated restore time depends on it.",
                    if untested > 0 {
                        format!(
                            "; the registers show {untested} production-stopping system(s) whose restore has never been tested"
                        )
                    } else {
                        String::new()
                    },
                    m(custom.insured_recovery)
                ),
                Some(custom.insured_recovery),
                questions::CONDITIONS,
            );
        }
        if policy.panel_ir_provider != Some(true) {
            flag(
                "policy.panel_ir",
                Severity::Medium,
                "The insurer's incident-response panel is not in the plan".to_owned(),
                "Costs of responders who are not on the insurer's panel may need its consent or may not be paid; the response costs in the table assume they are.".to_owned(),
                Some(custom.outcome.recovery.costs_paid),
                questions::PANEL_IR,
            );
        }
        if five.outcome.recovery.above_bi_sublimit > 0.0 {
            let days_to_exhaust = if prepared.basis.daily_loss > 0.0 {
                terms.bi_sublimit / prepared.basis.daily_loss
            } else {
                0.0
            };
            flag(
                "policy.bi_sublimit_exhausted",
                Severity::High,
                "The business-interruption sublimit runs out".to_owned(),
                format!(
                    "The business-interruption sublimit of {} equals about {:.0} days of a full stop; in a five-week halt {} of covered loss lies above it.",
                    m(terms.bi_sublimit),
                    days_to_exhaust,
                    m(five.outcome.recovery.above_bi_sublimit)
                ),
                Some(five.outcome.recovery.above_bi_sublimit),
                questions::BI_SUBLIMIT_EXHAUSTED,
            );
        }
        if five.outcome.recovery.above_aggregate > 0.0 {
            flag(
                "policy.aggregate_exhausted",
                Severity::High,
                "The aggregate limit runs out".to_owned(),
                format!(
                    "In a five-week halt the covered loss exceeds the aggregate limit of {} by {}.",
                    m(terms.aggregate_limit),
                    m(five.outcome.recovery.above_aggregate)
                ),
                Some(five.outcome.recovery.above_aggregate),
                questions::AGGREGATE_EXHAUSTED,
            );
        }
        if custom.outcome.recovery.outside_indemnity_loss > 0.0 {
            flag(
                "policy.indemnity_period",
                Severity::Medium,
                "Part of the loss falls outside the indemnity period".to_owned(),
                format!(
                    "{} of business-interruption loss at the estimated restore time falls after the {}-day indemnity period{}.",
                    m(custom.outcome.recovery.outside_indemnity_loss),
                    trim(terms.indemnity_period_days),
                    if terms.ramp_up_covered {
                        String::new()
                    } else {
                        " or in the ramp-up after systems are restored, which a period-of-restoration basis does not pay".to_owned()
                    }
                ),
                Some(custom.outcome.recovery.outside_indemnity_loss),
                questions::INDEMNITY_PERIOD,
            );
        }
        if custom.outcome.recovery.waiting_period_loss > 0.0 {
            flag(
                "policy.waiting_period",
                Severity::Low,
                "The waiting period is borne by the company".to_owned(),
                format!(
                    "The first {} hours of business interruption ({}) are never paid.",
                    trim(terms.waiting_period_hours),
                    m(custom.outcome.recovery.waiting_period_loss)
                ),
                Some(custom.outcome.recovery.waiting_period_loss),
                questions::WAITING_PERIOD,
            );
        }
        if !terms.gaps.is_empty() {
            flag(
                "policy.facts_unknown",
                Severity::Medium,
                "Policy terms are unknown".to_owned(),
                format!(
                    "Some terms were not known and were filled in: {}.",
                    terms.gaps.join("; ")
                ),
                None,
                questions::FACTS_UNKNOWN,
            );
        }
    }
    let uncovered: Vec<&ProviderOutage> = outages
        .iter()
        .filter(|o| !o.dependent_cover && o.row.gross_loss > 0.0)
        .collect();
    if let Some(worst) = uncovered
        .iter()
        .max_by(|a, b| a.row.uninsured_loss.total_cmp(&b.row.uninsured_loss))
    {
        let names: Vec<&str> = uncovered.iter().map(|o| o.name.as_str()).collect();
        flag(
            "policy.dependent_bi",
            Severity::High,
            "A provider outage would not be covered".to_owned(),
            format!(
                "An outage at {} would stop or slow production without any attack on the company's own systems, and no dependent business-interruption cover responds ({}). The largest, at {}, leaves {} uninsured over {} days.",
                names.join(", "),
                worst.cover_reason,
                worst.name,
                m(worst.row.uninsured_loss),
                trim(worst.row.days)
            ),
            Some(worst.row.uninsured_loss),
            questions::DEPENDENT_BI,
        );
    }
    if let Some(cash) = inputs.financials.cash_available {
        for row in [five, custom] {
            if row.uninsured_loss > cash {
                flag(
                    &format!("cash.exceeded.{}", row.key),
                    Severity::Critical,
                    format!("Uninsured loss exceeds the cash available ({})", row.label),
                    format!(
                        "In the {} scenario the uninsured loss of {} exceeds the {} of cash and undrawn credit: the company would need new funding to survive it.",
                        row.label,
                        m(row.uninsured_loss),
                        m(cash)
                    ),
                    Some(row.uninsured_loss - cash),
                    questions::CASH_EXCEEDED,
                );
            }
        }
    }
    if prepared.basis.annual_operating_profit > 0.0
        && five.uninsured_loss > prepared.basis.annual_operating_profit
    {
        flag(
            "profit.exceeded",
            Severity::High,
            "A five-week halt costs more than a year's profit".to_owned(),
            format!(
                "The uninsured loss of a five-week halt ({}) exceeds annual operating profit ({}).",
                m(five.uninsured_loss),
                m(prepared.basis.annual_operating_profit)
            ),
            Some(five.uninsured_loss),
            questions::PROFIT_EXCEEDED,
        );
    }
    out.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then_with(|| a.code.cmp(&b.code))
    });
    out
}

fn headline(
    custom: &ScenarioRow,
    estimated: bool,
    simulation: &Simulation,
    basis: &Basis,
    terms: &Terms,
    currency: &str,
) -> String {
    let m = |v: f64| money_short(v, currency);
    let recovered = if terms.in_force {
        format!(
            "the cyber policy would pay about {}, leaving {} uninsured",
            m(custom.insured_recovery),
            m(custom.uninsured_loss)
        )
    } else {
        format!(
            "with no cyber policy in force all {} would be uninsured",
            m(custom.uninsured_loss)
        )
    };
    let cash = match basis.cash_available {
        Some(c) if c > 0.0 => format!(
            " ({:.0}% of the {} of cash available)",
            custom.uninsured_loss / c * 100.0,
            m(c)
        ),
        _ => String::new(),
    };
    format!(
        "A production halt of about {} days{} would cost about {}; {}{}. In one simulated incident in ten the uninsured loss exceeds {}.",
        trim_one(custom.days),
        if estimated {
            ", the estimated time to restore,"
        } else {
            ""
        },
        m(custom.gross_loss),
        recovered,
        cash,
        m(simulation.uninsured.p90)
    )
}

fn trim(value: f64) -> String {
    let text = format!("{value:.1}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn trim_one(value: f64) -> String {
    format!("{value:.0}")
}

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;
