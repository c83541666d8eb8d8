//! What every part of the model shares, computed once per set of
//! assumptions: the checked inputs, the [`Basis`] the daily loss is built
//! from, the loss model, the policy terms, the restore estimate and the
//! ranges the simulation draws from.
//!
//! Invariant: [`Prepared::new`] refuses bad financial figures and
//! out-of-bounds assumptions before anything is computed, so every figure
//! downstream is finite.

use serde::Serialize;

use super::assumptions::{Assumptions, Estimate, Spread};
use super::loss::{LossModel, OutputCurve};
use super::money::trim;
use super::policy::Terms;
use super::restore::{self, RestoreEstimate};
use super::wording::DayBasis;
use super::{ExposureError, ExposureInputs, Financials};

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
    /// How a day of outage is valued: calendar days (revenue / 365) or working days (revenue / operating days).
    pub day_basis: DayBasis,
    /// The revenue of a day of outage under that basis.
    pub revenue_per_outage_day: f64,
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

/// What every part of the model shares, computed once per set of assumptions.
#[derive(Clone, Debug)]
pub(super) struct Prepared {
    pub(super) basis: Basis,
    pub(super) model: LossModel,
    pub(super) terms: Terms,
    pub(super) restore: RestoreEstimate,
    pub(super) custom_days: f64,
    /// Whether the assessor set the custom length (else the estimated time to restore).
    pub(super) days_set_by_hand: bool,
    pub(super) days_range: Estimate,
    pub(super) daily_loss_range: Estimate,
    pub(super) response_cost_range: Estimate,
    pub(super) notes: Vec<String>,
}

impl Prepared {
    pub(super) fn new(
        inputs: &ExposureInputs,
        assumptions: &Assumptions,
    ) -> Result<Self, ExposureError> {
        check(&inputs.financials, assumptions)?;
        let f = &inputs.financials;
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
        let per_loss_day = revenue
            / assumptions
                .day_basis
                .days_per_year(f.operating_days_per_year);
        let daily_revenue_lost = per_loss_day * assumptions.revenue_share_stopping;

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
            hardware_costs: revenue * assumptions.bricking_cost_share,
            extortion_costs: revenue * assumptions.extortion_cost_share,
        };
        let basis = basis(f, assumptions, &model, profit, profit_assumed, fixed_costs);
        let custom_days = assumptions.custom_days.unwrap_or(restore.days).max(0.0);
        let spread = |value: f64, s: Spread| Estimate {
            low: value * s.low,
            most_likely: value,
            high: value * s.high,
            shape: assumptions.shape,
        };
        Ok(Self {
            terms: inputs.policy.terms(assumptions),
            days_range: assumptions
                .days_range
                .unwrap_or_else(|| spread(custom_days, assumptions.days_spread)),
            daily_loss_range: assumptions
                .daily_loss_range
                .unwrap_or_else(|| spread(basis.daily_loss, assumptions.daily_loss_spread)),
            response_cost_range: assumptions
                .response_cost_range
                .unwrap_or_else(|| spread(basis.response_costs, assumptions.response_cost_spread)),
            basis,
            model,
            restore,
            custom_days,
            days_set_by_hand: assumptions.custom_days.is_some(),
            notes,
        })
    }
}

/// The assumptions within their bounds and the profile's figures in range.
fn check(f: &Financials, assumptions: &Assumptions) -> Result<(), ExposureError> {
    if let Err(mut problems) = assumptions.check() {
        return Err(if problems.len() == 1 {
            problems.remove(0)
        } else {
            ExposureError::Assumptions { problems }
        });
    }
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
    Ok(())
}

/// The figures the daily loss is built from, for the tables and explanations.
fn basis(
    f: &Financials,
    assumptions: &Assumptions,
    model: &LossModel,
    profit: f64,
    profit_assumed: bool,
    fixed_costs: f64,
) -> Basis {
    let revenue = f.annual_revenue;
    let daily_revenue = revenue / 365.0;
    let daily_revenue_lost = model.daily_revenue_lost;
    let daily_loss = model.daily_loss();
    let daily_operating_costs = ((revenue - profit) / 365.0).max(0.0);
    Basis {
        annual_revenue: revenue,
        operating_days_per_year: f.operating_days_per_year,
        daily_revenue,
        revenue_per_operating_day: revenue / f64::from(f.operating_days_per_year),
        day_basis: assumptions.day_basis,
        revenue_per_outage_day: revenue
            / assumptions
                .day_basis
                .days_per_year(f.operating_days_per_year),
        annual_operating_profit: profit,
        operating_profit_assumed: profit_assumed,
        fixed_costs,
        contribution_share: model.contribution_share,
        daily_revenue_lost,
        daily_gross_profit_lost: daily_revenue_lost * model.contribution_share,
        daily_extra_costs: daily_revenue_lost * assumptions.extra_cost_share,
        daily_loss,
        weekly_loss: daily_loss * 7.0,
        response_costs: revenue * assumptions.response_cost_share,
        recovery_cost_per_day: model.recovery_cost_per_day,
        cash_available: f.cash_available,
        daily_operating_costs,
        cash_days: f
            .cash_available
            .filter(|_| daily_operating_costs > 0.0)
            .map(|c| c / daily_operating_costs),
    }
}
