//! Property tests of the loss model and the policy terms, the wording's
//! terms included (retention before or after the sublimits, the trigger,
//! hardware replacement and extortion with their sublimits): more cover
//! never raises the uninsured loss, a longer outage never lowers it (with a
//! time-deductible waiting period), and the recovery never exceeds the loss,
//! the aggregate limit, or the loss inside the indemnity period.

use proptest::prelude::*;

use super::*;

const EPS: f64 = 1e-6;

/// Output curves as the registers make them: output never rises before
/// restart, because a fallback only runs out (`restore::output_curve`).
fn curve() -> impl Strategy<Value = OutputCurve> {
    proptest::collection::vec((0.1f64..30.0, 0.0f64..1.0), 0..3).prop_map(|mut steps| {
        steps.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut outputs: Vec<f64> = steps.iter().map(|s| s.1).collect();
        outputs.sort_by(|a, b| b.total_cmp(a));
        for (s, o) in steps.iter_mut().zip(outputs) {
            s.1 = o;
        }
        let mut out = vec![OutputStep {
            from_day: 0.0,
            output: steps.first().map_or(0.0, |s| s.1),
        }];
        for (day, output) in steps.into_iter().skip(1) {
            out.push(OutputStep {
                from_day: day,
                output,
            });
        }
        OutputCurve { steps: out }
    })
}

fn loss_model() -> impl Strategy<Value = LossModel> {
    (
        curve(),
        0.0f64..1.5,
        1_000.0f64..1_000_000.0,
        0.0f64..0.6,
        0.0f64..0.2,
        0.0f64..50_000.0,
        (0.0f64..500_000.0, 0.0f64..500_000.0),
    )
        .prop_map(
            |(curve, ramp, revenue, contribution, extra, recovery, (hardware, extortion))| {
                LossModel {
                    curve,
                    ramp_up_ratio: ramp,
                    daily_revenue_lost: revenue,
                    contribution_share: contribution,
                    extra_cost_share: extra,
                    recovery_cost_per_day: recovery,
                    hardware_costs: hardware,
                    extortion_costs: extortion,
                }
            },
        )
}

fn terms() -> impl Strategy<Value = Terms> {
    (
        0.0f64..20_000_000.0,
        0.0f64..20_000_000.0,
        0.0f64..96.0,
        0.0f64..1_000_000.0,
        0.0f64..0.5,
        1.0f64..365.0,
        any::<bool>(),
        any::<bool>(),
        wording_terms(),
    )
        .prop_map(
            |(limit, sublimit, waiting, retention, coinsurance, indemnity, ramp, costs, w)| Terms {
                in_force: true,
                aggregate_limit: limit,
                bi_sublimit: sublimit,
                waiting_period_hours: waiting,
                waiting_basis: WaitingBasis::TimeDeductible,
                retention,
                coinsurance,
                indemnity_period_days: indemnity,
                ramp_up_covered: ramp,
                costs_covered: costs,
                bi_covered: w.0,
                retention_order: if w.1 {
                    RetentionOrder::AfterSublimits
                } else {
                    RetentionOrder::BeforeSublimits
                },
                hardware_covered: w.2,
                hardware_sublimit: w.3,
                extortion_sublimit: w.4,
                day_basis: DayBasis::CalendarDays,
                war_clause: WarClause::default(),
                gaps: Vec::new(),
            },
        )
}

/// The wording's terms: BI responds to the trigger, retention after the
/// sublimits, hardware covered, its sublimit, the extortion sublimit.
fn wording_terms() -> impl Strategy<Value = (bool, bool, bool, f64, f64)> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        0.0f64..1_000_000.0,
        0.0f64..1_000_000.0,
    )
}

/// One term made more generous by `amount` (0–1 of its range).
fn more_cover(terms: &Terms, which: u8, amount: f64) -> Terms {
    let mut t = terms.clone();
    match which % 13 {
        8 => t.bi_covered = true,
        9 => t.retention_order = RetentionOrder::BeforeSublimits,
        10 => t.hardware_covered = true,
        11 => t.hardware_sublimit += amount * 1_000_000.0,
        12 => t.extortion_sublimit += amount * 1_000_000.0,
        0 => t.aggregate_limit += amount * 10_000_000.0,
        1 => t.bi_sublimit += amount * 10_000_000.0,
        2 => t.waiting_period_hours *= 1.0 - amount,
        3 => t.retention *= 1.0 - amount,
        4 => t.coinsurance *= 1.0 - amount,
        5 => t.indemnity_period_days += amount * 365.0,
        6 => t.ramp_up_covered = true,
        _ => t.costs_covered = true,
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn more_cover_never_raises_the_uninsured_loss(
        model in loss_model(),
        terms in terms(),
        days in 0.0f64..120.0,
        response in 0.0f64..2_000_000.0,
        which in any::<u8>(),
        amount in 0.0f64..1.0,
    ) {
        let before = model.evaluate_days(days, response, &terms);
        let after = model.evaluate_days(days, response, &more_cover(&terms, which, amount));
        prop_assert!(after.uninsured_loss <= before.uninsured_loss + EPS,
            "{} > {}", after.uninsured_loss, before.uninsured_loss);
    }

    #[test]
    fn a_longer_outage_never_lowers_the_uninsured_loss(
        model in loss_model(),
        terms in terms(),
        days in 0.0f64..120.0,
        extra in 0.0f64..60.0,
        response in 0.0f64..2_000_000.0,
    ) {
        let shorter = model.evaluate_days(days, response, &terms);
        let longer = model.evaluate_days(days + extra, response, &terms);
        prop_assert!(longer.uninsured_loss + EPS >= shorter.uninsured_loss,
            "{} < {}", longer.uninsured_loss, shorter.uninsured_loss);
        prop_assert!(longer.gross_loss + EPS >= shorter.gross_loss);
    }

    #[test]
    fn recovery_never_exceeds_the_loss_or_the_limit(
        model in loss_model(),
        terms in terms(),
        days in 0.0f64..120.0,
        response in 0.0f64..2_000_000.0,
    ) {
        let o = model.evaluate_days(days, response, &terms);
        prop_assert!(o.recovery.insured <= o.gross_loss + EPS);
        prop_assert!(o.recovery.insured <= terms.aggregate_limit + EPS);
        prop_assert!(o.recovery.bi_paid <= terms.bi_sublimit + EPS);
        prop_assert!(o.recovery.insured >= 0.0);
        prop_assert!((o.gross_loss - o.recovery.insured - o.uninsured_loss).abs() < EPS * o.gross_loss.max(1.0));
    }

    #[test]
    fn recovery_never_exceeds_the_indemnity_periods_loss(
        model in loss_model(),
        terms in terms(),
        days in 0.0f64..400.0,
        response in 0.0f64..2_000_000.0,
    ) {
        // Business interruption paid is at most the loss inside the indemnity
        // period; the whole recovery at most that plus the costs, hardware
        // and extortion covered.
        let o = model.evaluate_days(days, response, &terms);
        let ramp = days * model.ramp_up_ratio;
        let in_period = model.daily_loss()
            * model.lost_between(days, ramp, 0.0, terms.indemnity_period_days);
        prop_assert!(o.recovery.bi_paid <= in_period + EPS * in_period.max(1.0),
            "{} > {}", o.recovery.bi_paid, in_period);
        let other = o.recovery.covered_costs + o.recovery.covered_hardware + o.recovery.covered_extortion;
        prop_assert!(o.recovery.insured <= in_period + other + EPS * (in_period + other).max(1.0));
    }

    #[test]
    fn no_policy_pays_nothing(
        model in loss_model(),
        terms in terms(),
        days in 0.0f64..120.0,
    ) {
        let t = Terms { in_force: false, ..terms };
        let o = model.evaluate_days(days, 10_000.0, &t);
        prop_assert_eq!(o.recovery.insured, 0.0);
        prop_assert!((o.uninsured_loss - o.gross_loss).abs() < EPS);
    }
}
