//! The loss of one incident of a given length, and what the policy pays.
//!
//! Time runs in calendar days from the start of the outage. While systems
//! are down, output follows an [`OutputCurve`] (what manual fallbacks carry,
//! and for how long); after restart, output rises linearly back to normal
//! over a ramp-up of `ramp_up_ratio` × the halt. The business-interruption
//! loss is the daily loss at a full stop times the output lost; response
//! and recovery costs come on top. The policy then pays covered loss inside
//! the waiting and indemnity periods, less retention and co-insurance, up to
//! the business-interruption sublimit and the aggregate limit.
//!
//! Invariants (tested as properties): the recovery is never more than the
//! gross loss nor the aggregate limit; with a time-deductible waiting period
//! the uninsured loss never falls as the outage grows; more cover never
//! raises it. [`LossModel::evaluate`] allocates nothing, so the simulation
//! can call it a hundred thousand times.

use serde::Serialize;

use super::assumptions::WaitingBasis;
use super::policy::Terms;
use super::wording::RetentionOrder;

/// Output available while the systems are down, as a step function of the
/// days since the outage began; the last step lasts until restart. Built
/// from the registers, it never rises (fallbacks only run out), which is
/// what makes a longer outage never cheaper.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutputCurve {
    /// Steps in time order; the first starts at day 0.
    pub steps: Vec<OutputStep>,
}

/// One step of an [`OutputCurve`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct OutputStep {
    /// Day the step starts.
    pub from_day: f64,
    /// Share of normal output achieved, 0–1.
    pub output: f64,
}

impl OutputCurve {
    /// Nothing is produced until restart.
    pub fn full_stop() -> Self {
        Self::constant(0.0)
    }

    /// The same output throughout.
    pub fn constant(output: f64) -> Self {
        Self {
            steps: vec![OutputStep {
                from_day: 0.0,
                output: output.clamp(0.0, 1.0),
            }],
        }
    }

    /// Output on day `t`: the step in force at `t` (steps start at their day).
    pub fn output_at(&self, t: f64) -> f64 {
        let mut out = self.steps.first().map_or(0.0, |s| s.output);
        for s in &self.steps {
            if s.from_day <= t {
                out = s.output;
            } else {
                break;
            }
        }
        out
    }

    /// Output just before day `t` (the level the ramp-up starts from).
    fn output_before(&self, t: f64) -> f64 {
        let mut out = self.steps.first().map_or(0.0, |s| s.output);
        for s in &self.steps {
            if s.from_day < t {
                out = s.output;
            } else {
                break;
            }
        }
        out
    }

    /// ∫ from a to b of (1 − output), for 0 ≤ a ≤ b: full days of output lost.
    fn lost(&self, a: f64, b: f64) -> f64 {
        if b <= a {
            return 0.0;
        }
        let mut acc = 0.0;
        for (i, s) in self.steps.iter().enumerate() {
            let start = s.from_day.max(a);
            let end = self.steps.get(i + 1).map_or(b, |next| next.from_day.min(b));
            if end > start {
                acc += (end - start) * (1.0 - s.output);
            }
        }
        acc
    }
}

/// The money side of the model for one kind of incident.
#[derive(Clone, Debug, PartialEq)]
pub struct LossModel {
    /// Output while systems are down.
    pub curve: OutputCurve,
    /// Ramp-up length as a multiple of the halt.
    pub ramp_up_ratio: f64,
    /// Revenue lost per day at a full stop.
    pub daily_revenue_lost: f64,
    /// Lost gross profit (fixed costs + profit) as a share of revenue lost.
    pub contribution_share: f64,
    /// Increased cost of working as a share of revenue lost.
    pub extra_cost_share: f64,
    /// Recovery spend per day of outage.
    pub recovery_cost_per_day: f64,
    /// Hardware made unusable and replaced (bricking), one-off.
    pub hardware_costs: f64,
    /// Extortion paid, one-off.
    pub extortion_costs: f64,
}

/// The figures of one incident.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Outcome {
    /// Length of the halt (systems down), days.
    pub days: f64,
    /// Length of the ramp-up after restart, days.
    pub ramp_up_days: f64,
    /// Full days of output lost during the halt.
    pub lost_output_days_halt: f64,
    /// Full days of output lost during the ramp-up.
    pub lost_output_days_ramp_up: f64,
    /// Revenue lost.
    pub revenue_lost: f64,
    /// Gross profit lost (fixed costs that kept running plus profit forgone).
    pub gross_profit_lost: f64,
    /// Increased cost of working.
    pub extra_costs: f64,
    /// Incident response (one-off) plus recovery spend (per day).
    pub response_costs: f64,
    /// Hardware replaced (bricking).
    pub hardware_costs: f64,
    /// Extortion paid.
    pub extortion_costs: f64,
    /// Everything above.
    pub gross_loss: f64,
    /// What the policy pays, and how.
    pub recovery: Recovery,
    /// Gross loss − insured recovery.
    pub uninsured_loss: f64,
}

/// What the policy pays for one incident, step by step.
///
/// The deductions (`retention`, `coinsurance`, `above_bi_sublimit`,
/// `above_aggregate`) are an attribution in the order the terms are
/// applied, superseded for buying decisions by the marginal value of each
/// term ([`TermValue`](super::TermValue)): when a sublimit binds, removing
/// the co-insurance raises the recovery by far less than the co-insurance
/// deducted here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Recovery {
    /// Business-interruption loss not paid because it falls in the waiting period.
    pub waiting_period_loss: f64,
    /// Business-interruption loss not paid because it falls after the indemnity period (or in an uncovered ramp-up).
    pub outside_indemnity_loss: f64,
    /// Business-interruption loss inside the covered period.
    pub covered_bi: f64,
    /// Response and recovery costs covered.
    pub covered_costs: f64,
    /// Business-interruption loss not paid because the section does not respond to the trigger (a precautionary shutdown).
    pub bi_not_triggered: f64,
    /// Hardware replacement covered, within its sublimit.
    pub covered_hardware: f64,
    /// Extortion covered, within its sublimit.
    pub covered_extortion: f64,
    /// Hardware replacement and extortion above their sublimits or not covered.
    pub above_other_sublimits: f64,
    /// Retention deducted.
    pub retention: f64,
    /// Co-insurance kept by the company.
    pub coinsurance: f64,
    /// Business interruption above the sublimit.
    pub above_bi_sublimit: f64,
    /// Loss above the aggregate limit.
    pub above_aggregate: f64,
    /// Business interruption paid.
    pub bi_paid: f64,
    /// Costs paid.
    pub costs_paid: f64,
    /// Total paid.
    pub insured: f64,
}

impl LossModel {
    /// Daily loss at a full stop: lost gross profit plus increased cost of working.
    pub fn daily_loss(&self) -> f64 {
        self.daily_revenue_lost * (self.contribution_share + self.extra_cost_share)
    }

    /// The incident of `days` with the model's own daily loss.
    pub fn evaluate_days(&self, days: f64, response_fixed: f64, terms: &Terms) -> Outcome {
        self.evaluate(days, self.daily_loss(), response_fixed, terms)
    }

    /// The incident of `days`, with `daily_loss` at a full stop and one-off `response_fixed` costs.
    pub fn evaluate(
        &self,
        days: f64,
        daily_loss: f64,
        response_fixed: f64,
        terms: &Terms,
    ) -> Outcome {
        let days = days.max(0.0);
        let ramp = days * self.ramp_up_ratio;
        let halt_lost = self.lost_between(days, ramp, 0.0, days);
        let ramp_lost = self.lost_between(days, ramp, days, days + ramp);
        let lost = halt_lost + ramp_lost;
        let bi_loss = daily_loss * lost;
        let per_share = self.contribution_share + self.extra_cost_share;
        let (gross_profit_lost, extra_costs) = if per_share > 0.0 {
            (
                bi_loss * self.contribution_share / per_share,
                bi_loss * self.extra_cost_share / per_share,
            )
        } else {
            (0.0, 0.0)
        };
        let revenue_lost = if per_share > 0.0 {
            bi_loss / per_share
        } else {
            self.daily_revenue_lost * lost
        };
        let response_costs = response_fixed + self.recovery_cost_per_day * days;
        let gross_loss = bi_loss + response_costs + self.hardware_costs + self.extortion_costs;
        let recovery = self.recover(days, ramp, daily_loss, bi_loss, response_costs, terms);
        Outcome {
            days,
            ramp_up_days: ramp,
            lost_output_days_halt: halt_lost,
            lost_output_days_ramp_up: ramp_lost,
            revenue_lost,
            gross_profit_lost,
            extra_costs,
            response_costs,
            hardware_costs: self.hardware_costs,
            extortion_costs: self.extortion_costs,
            gross_loss,
            recovery,
            uninsured_loss: (gross_loss - recovery.insured).max(0.0),
        }
    }

    /// Full days of output lost between `a` and `b`, for a halt of `days` and a ramp-up of `ramp`.
    pub(super) fn lost_between(&self, days: f64, ramp: f64, a: f64, b: f64) -> f64 {
        let a = a.max(0.0);
        let b = b.min(days + ramp);
        if b <= a {
            return 0.0;
        }
        let mut acc = self.curve.lost(a, b.min(days));
        let (u, v) = (a.max(days), b);
        if v > u && ramp > 0.0 {
            let start_gap = 1.0 - self.curve.output_before(days);
            let su = u - days;
            let sv = v - days;
            acc += start_gap * ((sv - su) - (sv * sv - su * su) / (2.0 * ramp));
        }
        acc
    }

    fn recover(
        &self,
        days: f64,
        ramp: f64,
        daily_loss: f64,
        bi_loss: f64,
        costs: f64,
        terms: &Terms,
    ) -> Recovery {
        if !terms.in_force {
            return Recovery::default();
        }
        let (covered_bi, waiting_period_loss, bi_not_triggered) = if terms.bi_covered {
            let (covered, waiting) = self.bi_in_cover(days, ramp, daily_loss, terms);
            (covered, waiting, 0.0)
        } else {
            (0.0, 0.0, bi_loss)
        };
        let outside_indemnity_loss =
            (bi_loss - covered_bi - waiting_period_loss - bi_not_triggered).max(0.0);
        let covered_costs = if terms.costs_covered { costs } else { 0.0 };
        let covered_hardware = if terms.hardware_covered {
            self.hardware_costs.min(terms.hardware_sublimit.max(0.0))
        } else {
            0.0
        };
        let covered_extortion = self.extortion_costs.min(terms.extortion_sublimit.max(0.0));
        let above_other_sublimits =
            self.hardware_costs + self.extortion_costs - covered_hardware - covered_extortion;
        let other = covered_costs + covered_hardware + covered_extortion;
        let sublimit = terms.bi_sublimit.max(0.0);
        // The business interruption the retention applies to: all of it, or
        // (retention after the sublimits) only what the sublimit leaves.
        let bi_base = match terms.retention_order {
            RetentionOrder::BeforeSublimits => covered_bi,
            RetentionOrder::AfterSublimits => covered_bi.min(sublimit),
        };
        let retention_bi = terms.retention.min(bi_base);
        let retention_other = (terms.retention - retention_bi).min(other);
        let keep = terms.coinsurance.clamp(0.0, 1.0);
        let bi_net = (bi_base - retention_bi) * (1.0 - keep);
        let other_net = (other - retention_other) * (1.0 - keep);
        let coinsurance = (bi_base - retention_bi + other - retention_other) * keep;
        let bi_capped = bi_net.min(sublimit);
        let limit = terms.aggregate_limit.max(0.0);
        let costs_paid = other_net.min(limit);
        let bi_paid = bi_capped.min(limit - costs_paid);
        let insured = costs_paid + bi_paid;
        Recovery {
            waiting_period_loss,
            outside_indemnity_loss,
            covered_bi,
            covered_costs,
            bi_not_triggered,
            covered_hardware,
            covered_extortion,
            above_other_sublimits,
            retention: retention_bi + retention_other,
            coinsurance,
            above_bi_sublimit: bi_net - bi_capped + (covered_bi - bi_base),
            above_aggregate: (bi_capped + other_net) - insured,
            bi_paid,
            costs_paid,
            insured,
        }
    }

    /// Business interruption inside the waiting and indemnity periods, and in the waiting period.
    fn bi_in_cover(&self, days: f64, ramp: f64, daily_loss: f64, terms: &Terms) -> (f64, f64) {
        let waiting_days = terms.waiting_period_hours / 24.0;
        let start = match terms.waiting_basis {
            WaitingBasis::TimeDeductible => waiting_days,
            WaitingBasis::QualifyingPeriod if days > waiting_days => 0.0,
            WaitingBasis::QualifyingPeriod => f64::INFINITY,
        };
        let end = if terms.ramp_up_covered {
            days + ramp
        } else {
            days
        };
        let upper = end.min(terms.indemnity_period_days);
        let covered_bi = if upper > start {
            daily_loss * self.lost_between(days, ramp, start, upper)
        } else {
            0.0
        };
        let waiting_period_loss = if start.is_finite() {
            daily_loss * self.lost_between(days, ramp, 0.0, start.min(end))
        } else {
            daily_loss * self.lost_between(days, ramp, 0.0, end)
        };
        (covered_bi, waiting_period_loss)
    }
}
