//! One row of the scenario table: the figures of an incident of a given
//! length, what they mean for cash and profit, and the arithmetic in words.
//!
//! Invariant: every amount in the explanation is a field of the row's
//! [`Outcome`] or of the [`Basis`]; nothing is recomputed here.

use serde::Serialize;

use super::loss::{Outcome, Recovery};
use super::money::{money, trim, trim_one};
use super::policy::Terms;
use super::prepared::Basis;
use super::wording::RetentionOrder;

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

/// Builds a row: the outcome, its ratios to cash and profit, and the explanation.
pub(super) fn row(
    key: &str,
    label: String,
    outcome: Outcome,
    basis: &Basis,
    terms: &Terms,
    currency: &str,
    cover_note: Option<&str>,
) -> ScenarioRow {
    let uninsured = outcome.uninsured_loss;
    let lost = outcome.lost_output_days_halt + outcome.lost_output_days_ramp_up;
    let mut explanation = loss_lines(&outcome, basis, currency);
    let r = &outcome.recovery;
    if let Some(note) = cover_note {
        explanation.push(note.to_owned());
    }
    if terms.in_force {
        explanation.push(insurance_line(r, terms, currency));
    } else if cover_note.is_none() {
        explanation.push("No policy in force: nothing is recovered.".to_owned());
    }
    explanation.push(cash_line(uninsured, basis, currency));
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

/// The daily loss, the output lost and the gross loss, in words.
fn loss_lines(outcome: &Outcome, basis: &Basis, currency: &str) -> Vec<String> {
    let m = |v: f64| money(v, currency);
    let lost = outcome.lost_output_days_halt + outcome.lost_output_days_ramp_up;
    vec![
        format!(
            "Daily loss at a full stop {} = revenue lost {} a {} × ({:.1}% gross profit + {:.1}% increased cost of working).",
            m(basis.daily_revenue_lost * (basis.contribution_share + outcome_extra_share(basis))),
            m(basis.daily_revenue_lost),
            basis.day_basis.describe(basis.operating_days_per_year),
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
            "Gross loss {} = gross profit lost {} + increased cost of working {} + response and recovery {}{}.",
            m(outcome.gross_loss),
            m(outcome.gross_profit_lost),
            m(outcome.extra_costs),
            m(outcome.response_costs),
            other_costs(outcome, currency)
        ),
    ]
}

/// What the policy pays, step by step, in one sentence.
fn insurance_line(r: &Recovery, terms: &Terms, currency: &str) -> String {
    let m = |v: f64| money(v, currency);
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
    if r.bi_not_triggered > 0.0 {
        steps.push(format!(
            "{} not paid because the business-interruption section does not respond to a precautionary shutdown",
            m(r.bi_not_triggered)
        ));
    }
    steps.push(format!("costs covered {}", m(r.covered_costs)));
    if r.covered_hardware > 0.0 {
        steps.push(format!(
            "hardware replacement covered {}",
            m(r.covered_hardware)
        ));
    }
    if r.covered_extortion > 0.0 {
        steps.push(format!("extortion covered {}", m(r.covered_extortion)));
    }
    if r.above_other_sublimits > 0.0 {
        steps.push(format!(
            "{} of hardware replacement or extortion not covered or above its sublimit",
            m(r.above_other_sublimits)
        ));
    }
    if r.retention > 0.0 {
        steps.push(format!(
            "less retention {}{}",
            m(r.retention),
            match terms.retention_order {
                RetentionOrder::BeforeSublimits => "",
                RetentionOrder::AfterSublimits => " (taken from what the sublimit leaves)",
            }
        ));
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
    format!("{}: pays {}.", steps.join("; "), m(r.insured))
}

/// The uninsured loss in days of operating costs and as a share of cash.
fn cash_line(uninsured: f64, basis: &Basis, currency: &str) -> String {
    let m = |v: f64| money(v, currency);
    format!(
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
    )
}

/// Hardware replacement and extortion, when there are any.
fn other_costs(outcome: &Outcome, currency: &str) -> String {
    let mut out = String::new();
    if outcome.hardware_costs > 0.0 {
        out.push_str(&format!(
            " + hardware replaced {}",
            money(outcome.hardware_costs, currency)
        ));
    }
    if outcome.extortion_costs > 0.0 {
        out.push_str(&format!(
            " + extortion {}",
            money(outcome.extortion_costs, currency)
        ));
    }
    out
}

fn outcome_extra_share(basis: &Basis) -> f64 {
    if basis.daily_revenue_lost > 0.0 {
        basis.daily_extra_costs / basis.daily_revenue_lost
    } else {
        0.0
    }
}
