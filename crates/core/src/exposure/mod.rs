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
//! - the scenarios a broker asks for (a state-attributed attack, a widespread
//!   cloud outage, a precautionary shutdown, a halt beyond the indemnity
//!   period), a range where cover is argued;
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
mod broker;
mod error;
mod flags;
mod loss;
mod marginal;
mod money;
mod numeric;
mod policy;
mod prepared;
mod providers;
mod questions;
mod restore;
mod row;
mod sensitivity;
mod simulation;
mod wording;

use serde::Serialize;

pub use assumptions::{
    AssumptionRow, Assumptions, Estimate, Shape, SourceKind, Spread, WaitingBasis,
};
pub use broker::{BrokerScenario, DAYS_BEYOND_INDEMNITY};
pub use error::ExposureError;
pub use flags::ExposureFlag;
pub use loss::{LossModel, Outcome, OutputCurve, OutputStep, Recovery};
pub use marginal::{IMPROVED_WAITING_HOURS, TermValue};
pub use money::{NOT_AN_AMOUNT, money, money_short};
pub use numeric::{NUMERIC, NumericAssumption};
pub use policy::{DependentCover, FactAnswer, FactUsed, Policy, PolicyStatus, Terms, facts};
pub use prepared::Basis;
pub use providers::ProviderOutage;
pub use restore::{RestoreBasis, RestoreEstimate, SystemRestore};
pub use row::ScenarioRow;
pub use sensitivity::{Sensitivity, TornadoEntry};
pub use simulation::{ExceedancePoint, Percentiles, Simulation, SimulationSetup, percentile};
pub use wording::{
    Answer, ClauseVariant, DayBasis, RetentionOrder, Trigger, WarClause, WarClauseFamily, Wording,
};

use crate::assessment::{Assessment, Registers};
use crate::bank::Bank;
#[cfg(test)]
use crate::dependencies::Severity;
use money::{trim, trim_one};
use prepared::Prepared;
use row::row;

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
    /// The scenarios a broker asks for: a state-attributed attack, a
    /// widespread cloud outage, a precautionary shutdown, a halt beyond the
    /// indemnity period (those that apply).
    pub broker_scenarios: Vec<BrokerScenario>,
    /// Exclusions, conditions and gaps that may defeat or shrink a claim, most severe first.
    pub flags: Vec<ExposureFlag>,
    /// Which assumptions move the uninsured loss most.
    pub sensitivity: Sensitivity,
    /// The uninsured loss of the custom scenario if one policy term were
    /// improved (limit or sublimit doubled, retention halved, waiting period
    /// of 8 hours, co-insurance removed): what each term is worth buying.
    /// Supersedes the deductions in each row's `recovery`.
    pub term_values: Vec<TermValue>,
    /// The Monte Carlo simulation.
    pub simulation: Simulation,
    /// Every assumption, its value, default and source.
    pub assumptions: Vec<AssumptionRow>,
    /// What was missing and how it was filled.
    pub notes: Vec<String>,
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
        Some(d) => format!("Assumed outage (set by the assessor): {} days", trim(d)),
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

    let provider_outages = providers::provider_outages(inputs, assumptions, &prepared, currency);
    let broker_scenarios =
        broker::scenarios(inputs, assumptions, &prepared, &provider_outages, currency);
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
    let flags = flags::flags(inputs, &prepared, &scenarios, &provider_outages, currency);
    let custom = &scenarios[3];
    let headline = headline(
        custom,
        inputs.policy.status,
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
        broker_scenarios,
        flags,
        sensitivity,
        term_values: marginal::values(&prepared),
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

fn headline(
    custom: &ScenarioRow,
    status: PolicyStatus,
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
    } else if status == PolicyStatus::Unknown {
        format!(
            "whether a cyber policy is in force is not known, so none is counted: all {} would be uninsured unless one responds",
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

#[cfg(test)]
mod broker_tests;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod wording_tests;
