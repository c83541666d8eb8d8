//! The simulation against closed forms, the policy applied to every draw,
//! and the same figures for the same seed whatever the number of threads.

use super::*;
use crate::exposure::prepared::Prepared;
use crate::exposure::simulation::{SimulationSetup, run_on};

fn uniform_case(policy: Policy, shape: Shape, days: Estimate, seed: u64) -> Simulation {
    // Fixed daily loss 30,000, no response costs: gross = 30,000 × days.
    let a = Assumptions {
        response_cost_share: 0.0,
        days_range: Some(Estimate { shape, ..days }),
        daily_loss_range: Some(Estimate::fixed(30_000.0)),
        response_cost_range: Some(Estimate::fixed(0.0)),
        seed,
        draws: 100_000,
        ..simple()
    };
    simulate(&inputs(policy, Registers::default()), &a).unwrap()
}

fn close(actual: f64, expected: f64, rel: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= rel * expected.abs(),
        "{what}: expected {expected}, got {actual}"
    );
}

#[test]
fn simulation_is_reproducible_with_the_same_seed() {
    let days = Estimate {
        low: 7.0,
        most_likely: 20.0,
        high: 60.0,
        shape: Shape::Pert,
    };
    let a = uniform_case(policy(), Shape::Pert, days, 42);
    let b = uniform_case(policy(), Shape::Pert, days, 42);
    assert_eq!(a, b);
    let c = uniform_case(policy(), Shape::Pert, days, 43);
    assert_ne!(a.gross.p50, c.gross.p50);
}

#[test]
fn uniform_days_percentiles_match_the_closed_form() {
    // Days uniform on [10, 30], no policy: gross = 30,000 × days, so the
    // q-quantile is 30,000 × (10 + 20q): P50 600,000, P90 840,000, P99 894,000.
    let days = Estimate {
        low: 10.0,
        most_likely: 20.0,
        high: 30.0,
        shape: Shape::Uniform,
    };
    let s = uniform_case(Policy::none(), Shape::Uniform, days, 1);
    close(s.gross.p50, 600_000.0, 0.005, "p50");
    close(s.gross.p90, 840_000.0, 0.005, "p90");
    close(s.gross.p99, 894_000.0, 0.005, "p99");
    close(s.gross.mean, 600_000.0, 0.005, "mean");
    assert_eq!(s.uninsured, s.gross);
}

#[test]
fn triangular_days_percentiles_match_the_closed_form() {
    // Triangular(a 10, c 15, b 40): F⁻¹(q) = b − √((1−q)(b−a)(b−c)) above
    // q = (c−a)/(b−a) = 1/6; P50 = 40 − √(0.5 × 30 × 25) = 20.635,
    // P90 = 40 − √(0.1 × 750) = 31.340, P99 = 40 − √7.5 = 37.261.
    let days = Estimate {
        low: 10.0,
        most_likely: 15.0,
        high: 40.0,
        shape: Shape::Triangular,
    };
    let s = uniform_case(Policy::none(), Shape::Triangular, days, 9);
    let q = |p: f64| 40.0 - ((1.0 - p) * 30.0 * 25.0_f64).sqrt();
    close(s.gross.p50, 30_000.0 * q(0.5), 0.005, "p50");
    close(s.gross.p90, 30_000.0 * q(0.9), 0.005, "p90");
    close(s.gross.p99, 30_000.0 * q(0.99), 0.005, "p99");
}

#[test]
fn pert_days_have_the_closed_form_mean_and_spread() {
    // PERT(a 10, m 20, b 60): mean (a + 4m + b) / 6 = 25 days; variance
    // (mean − a)(b − mean) / 7 = 15 × 35 / 7 = 75. Gross = 30,000 × days.
    let days = Estimate {
        low: 10.0,
        most_likely: 20.0,
        high: 60.0,
        shape: Shape::Pert,
    };
    let s = uniform_case(Policy::none(), Shape::Pert, days, 3);
    close(s.gross.mean, 30_000.0 * 25.0, 0.005, "mean");
    // P90 of the underlying Beta(1.8, 4.2) is 0.5453 (numerical integration), so 10 + 50 × 0.5453 = 37.27 days.
    close(s.gross.p90, 30_000.0 * 37.27, 0.005, "p90");
    assert!(s.gross.max <= 30_000.0 * 60.0 + EPS);
}

#[test]
fn simulation_applies_the_policy_to_every_draw() {
    // Same uniform days, policy with a 12 h waiting period and a 500,000
    // sublimit: uninsured is increasing in days, so its quantiles are the
    // closed-form day quantiles pushed through the policy: at 20 days the BI
    // is 600,000, 585,000 in cover, capped at 500,000 → 100,000 uninsured;
    // at 28 days 840,000 − 500,000 = 340,000.
    let p = Policy {
        waiting_period_hours: Some(12.0),
        bi_sublimit: Some(500_000.0),
        ..policy()
    };
    let days = Estimate {
        low: 10.0,
        most_likely: 20.0,
        high: 30.0,
        shape: Shape::Uniform,
    };
    // Sampling error of a day quantile is about 0.03 days (£1,000 here); allow 0.1 days.
    let s = uniform_case(p, Shape::Uniform, days, 5);
    assert!(
        (s.uninsured.p50 - 100_000.0).abs() < 3_000.0,
        "p50 {}",
        s.uninsured.p50
    );
    assert!(
        (s.uninsured.p90 - 340_000.0).abs() < 3_000.0,
        "p90 {}",
        s.uninsured.p90
    );
    assert!(s.insured.max <= 500_000.0 + EPS);
    let curve = &s.exceedance;
    assert_eq!(curve.len(), 102);
    assert!(
        curve
            .windows(2)
            .all(|w| w[0].gross <= w[1].gross && w[0].uninsured <= w[1].uninsured)
    );
}

#[test]
fn the_figures_do_not_depend_on_the_number_of_threads() {
    // 60,000 draws: two whole blocks and a part of one.
    let a = Assumptions {
        days_range: Some(Estimate {
            low: 5.0,
            most_likely: 12.0,
            high: 40.0,
            shape: Shape::Pert,
        }),
        seed: 9,
        draws: 60_000,
        ..simple()
    };
    let inputs = inputs(policy(), Registers::default());
    let prepared = Prepared::new(&inputs, &a).unwrap();
    let setup = SimulationSetup {
        model: &prepared.model,
        terms: &prepared.terms,
        days: prepared.days_range,
        daily_loss: prepared.daily_loss_range,
        response_costs: prepared.response_cost_range,
        cash_available: Some(1_000_000.0),
        seed: a.seed,
        draws: a.draws,
    };
    let one = run_on(&setup, 1).unwrap();
    for threads in [2, 3, 4] {
        assert_eq!(run_on(&setup, threads).unwrap(), one, "{threads} threads");
    }
    assert_eq!(simulate(&inputs, &a).unwrap(), one);
}
