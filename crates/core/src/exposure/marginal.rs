//! The marginal value of each policy term: the uninsured loss of the custom
//! scenario if that one term alone were improved (a limit or sublimit
//! doubled, the retention halved, the waiting period cut to 8 hours, the
//! co-insurance removed), everything else held. This is what a board can
//! buy; it replaces the attribution of the [`Recovery`](super::Recovery)
//! deductions, which add up to the uninsured loss but overstate what
//! removing one of them would recover when another term binds.
//!
//! Invariant: each entry is a re-evaluation of the same incident with one
//! term changed, so `reduction` is exactly what that change would be worth
//! for this incident, and never negative (more cover never raises the
//! uninsured loss: `exposure::properties`).

use serde::Serialize;

use super::policy::Terms;
use super::prepared::Prepared;

/// The waiting period of the improved term, hours.
pub const IMPROVED_WAITING_HOURS: f64 = 8.0;

/// The uninsured loss if one term were improved.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TermValue {
    /// `aggregate_limit`, `bi_sublimit`, `retention`, `waiting_period_hours` or `coinsurance`.
    pub term: String,
    /// The improvement, in words ("Business-interruption sublimit doubled").
    pub label: String,
    /// The term now (money, hours, or a share 0–1 for co-insurance).
    pub current: f64,
    /// The term improved.
    pub improved: f64,
    /// Length of the incident, days (the custom scenario).
    pub days: f64,
    /// Uninsured loss with the policy as it is.
    pub uninsured: f64,
    /// Uninsured loss with this one term improved.
    pub uninsured_if_improved: f64,
    /// How much less would stay with the company: uninsured − uninsured if improved.
    pub reduction: f64,
}

/// One entry per term that can be improved; none without a policy in force.
pub(super) fn values(prepared: &Prepared) -> Vec<TermValue> {
    let terms = &prepared.terms;
    if !terms.in_force {
        return Vec::new();
    }
    let days = prepared.custom_days;
    let uninsured = |t: &Terms| {
        prepared
            .model
            .evaluate_days(days, prepared.basis.response_costs, t)
            .uninsured_loss
    };
    let base = uninsured(terms);
    let mut candidates: Vec<(&str, &str, f64, f64, Terms)> = Vec::new();
    let mut with = |term, label, current, improved, change: fn(&mut Terms, f64)| {
        let mut t = terms.clone();
        change(&mut t, improved);
        candidates.push((term, label, current, improved, t));
    };
    with(
        "aggregate_limit",
        "Aggregate limit doubled",
        terms.aggregate_limit,
        terms.aggregate_limit * 2.0,
        |t, v| t.aggregate_limit = v,
    );
    with(
        "bi_sublimit",
        "Business-interruption sublimit doubled",
        terms.bi_sublimit,
        terms.bi_sublimit * 2.0,
        |t, v| t.bi_sublimit = v,
    );
    if terms.retention > 0.0 {
        with(
            "retention",
            "Retention halved",
            terms.retention,
            terms.retention / 2.0,
            |t, v| t.retention = v,
        );
    }
    if terms.waiting_period_hours > IMPROVED_WAITING_HOURS {
        with(
            "waiting_period_hours",
            "Waiting period of 8 hours",
            terms.waiting_period_hours,
            IMPROVED_WAITING_HOURS,
            |t, v| t.waiting_period_hours = v,
        );
    }
    if terms.coinsurance > 0.0 {
        with(
            "coinsurance",
            "Co-insurance removed",
            terms.coinsurance,
            0.0,
            |t, v| t.coinsurance = v,
        );
    }
    candidates
        .into_iter()
        .map(|(term, label, current, improved, t)| {
            let improved_uninsured = uninsured(&t);
            TermValue {
                term: term.to_owned(),
                label: label.to_owned(),
                current,
                improved,
                days,
                uninsured: base,
                uninsured_if_improved: improved_uninsured,
                reduction: (base - improved_uninsured).max(0.0),
            }
        })
        .collect()
}
