//! Exposure cases computed by hand. Every case uses the same round company
//! unless it says otherwise: revenue £36.5m (so £100,000 a calendar day),
//! operating profit £3.65m, fixed costs 20% of revenue (£7.3m), so lost gross
//! profit is (3.65 + 7.3) / 36.5 = 30% of revenue: £30,000 a day at a full
//! stop. All revenue stops; no increased cost of working; one-off response
//! costs 0.1% of revenue = £36,500; no recovery spend per day; no ramp-up;
//! empty registers (a full stop). Operating costs are (36.5m − 3.65m) / 365
//! = £90,000 a day ("a day of cash").

use super::*;
use crate::assessment::{
    CriticalSystem, Hosting, ManualFallback, ProductionImpact, Provider, ProviderService,
    SystemCategory,
};

const EPS: f64 = 1e-6;

pub(super) fn financials() -> Financials {
    Financials {
        currency: "GBP".into(),
        annual_revenue: 36_500_000.0,
        operating_days_per_year: 250,
        annual_operating_profit: Some(3_650_000.0),
        cash_available: Some(5_000_000.0),
    }
}

pub(super) fn simple() -> Assumptions {
    Assumptions {
        revenue_share_stopping: 1.0,
        fixed_cost_share: 0.2,
        extra_cost_share: 0.0,
        response_cost_share: 0.001,
        recovery_cost_day_share: 0.0,
        ramp_up_ratio: 0.0,
        draws: 2_000,
        ..Assumptions::default()
    }
}

/// A policy in force with generous limits and no deductions; cases change one term.
pub(super) fn policy() -> Policy {
    Policy {
        status: PolicyStatus::InForce,
        aggregate_limit: Some(10_000_000.0),
        bi_sublimit: Some(10_000_000.0),
        waiting_period_hours: Some(0.0),
        retention: Some(0.0),
        coinsurance_percent: Some(0.0),
        indemnity_period_days: Some(365.0),
        dependent_bi: DependentCover::None,
        dependent_bi_sublimit: Some(0.0),
        war_exclusion_reviewed: Some(true),
        conditions_reviewed: Some(true),
        panel_ir_provider: Some(true),
        facts: Vec::new(),
    }
}

pub(super) fn inputs(policy: Policy, registers: Registers) -> ExposureInputs {
    ExposureInputs {
        financials: financials(),
        registers,
        policy,
    }
}

/// The custom row for a halt of `days`.
pub(super) fn check(
    policy: Policy,
    registers: Registers,
    a: Assumptions,
    days: f64,
) -> ScenarioRow {
    let a = Assumptions {
        custom_days: Some(days),
        ..a
    };
    let exposure = model(&inputs(policy, registers), &a).expect("model runs");
    exposure.scenarios[3].clone()
}

pub(super) fn assert_money(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() < EPS,
        "{what}: expected {expected}, got {actual}"
    );
}

pub(super) fn assert_row(row: &ScenarioRow, gross: f64, insured: f64, uninsured: f64) {
    assert_money(row.gross_loss, gross, "gross");
    assert_money(row.insured_recovery, insured, "insured");
    assert_money(row.uninsured_loss, uninsured, "uninsured");
}

pub(super) fn system(id: &str, impact: ProductionImpact) -> CriticalSystem {
    CriticalSystem {
        id: id.into(),
        name: id.to_uppercase(),
        category: SystemCategory::Other,
        owner: String::new(),
        hosting: Hosting::OnPremises,
        provider: None,
        production_impact: impact,
        processes: Vec::new(),
        depends_on: Vec::new(),
        rto_hours: None,
        rpo_hours: None,
        rto_tested: false,
        last_restore_test: None,
        manual_fallback: None,
    }
}

fn fallback(capacity_percent: f64, days: f64, rehearsed: bool) -> Option<ManualFallback> {
    Some(ManualFallback {
        description: "paper".into(),
        sustainable_days: days,
        capacity_percent,
        rehearsed,
    })
}

#[test]
fn daily_loss_is_lost_gross_profit_plus_extra_costs() {
    // 100,000 a day × 30% = 30,000; with 5% extra costs and 90% stopping:
    // 90,000 × (30% + 5%) = 31,500.
    let e = model(&inputs(Policy::none(), Registers::default()), &simple()).unwrap();
    assert_money(e.basis.daily_revenue, 100_000.0, "daily revenue");
    assert_money(e.basis.contribution_share, 0.3, "contribution");
    assert_money(e.basis.daily_loss, 30_000.0, "daily loss");
    assert_money(e.basis.daily_operating_costs, 90_000.0, "day of cash");
    assert_money(
        e.basis.cash_days.unwrap(),
        5_000_000.0 / 90_000.0,
        "cash days",
    );
    let a = Assumptions {
        revenue_share_stopping: 0.9,
        extra_cost_share: 0.05,
        ..simple()
    };
    let e = model(&inputs(Policy::none(), Registers::default()), &a).unwrap();
    assert_money(e.basis.daily_loss, 31_500.0, "daily loss with extra costs");
}

#[test]
fn missing_profit_uses_the_assumed_margin() {
    // Profit 5% of 36.5m = 1.825m; (1.825 + 7.3) / 36.5 = 25% → 25,000 a day.
    let mut i = inputs(Policy::none(), Registers::default());
    i.financials.annual_operating_profit = None;
    let e = model(&i, &simple()).unwrap();
    assert!(e.basis.operating_profit_assumed);
    assert_money(e.basis.annual_operating_profit, 1_825_000.0, "profit");
    assert_money(e.basis.daily_loss, 25_000.0, "daily loss");
}

#[test]
fn no_policy_leaves_the_whole_loss_uninsured() {
    // 10 days × 30,000 + 36,500 = 336,500, all uninsured:
    // 336,500 / 90,000 = 3.74 days of cash; / 3.65m = 9.2% of profit; / 5m = 6.7% of cash.
    let row = check(Policy::none(), Registers::default(), simple(), 10.0);
    assert_row(&row, 336_500.0, 0.0, 336_500.0);
    assert_money(
        row.uninsured_days_of_cash,
        336_500.0 / 90_000.0,
        "days of cash",
    );
    assert_money(
        row.uninsured_share_of_annual_profit.unwrap(),
        336_500.0 / 3_650_000.0,
        "share of profit",
    );
    assert_money(
        row.uninsured_share_of_cash.unwrap(),
        336_500.0 / 5_000_000.0,
        "share of cash",
    );
}

#[test]
fn time_deductible_waiting_period_is_never_paid() {
    // Waiting 12 h = 0.5 day: BI paid 9.5 × 30,000 = 285,000, costs 36,500 → 321,500;
    // uninsured 15,000, the half day in the waiting period.
    let p = Policy {
        waiting_period_hours: Some(12.0),
        ..policy()
    };
    let row = check(p, Registers::default(), simple(), 10.0);
    assert_row(&row, 336_500.0, 321_500.0, 15_000.0);
    assert_money(
        row.outcome.recovery.waiting_period_loss,
        15_000.0,
        "waiting loss",
    );
}

#[test]
fn waiting_period_longer_than_the_outage_pays_no_business_interruption() {
    // Waiting 72 h = 3 days, outage 2 days: BI 60,000 all in the waiting period;
    // only the costs (36,500) are paid, so 60,000 stays uninsured.
    let p = Policy {
        waiting_period_hours: Some(72.0),
        ..policy()
    };
    let row = check(p.clone(), Registers::default(), simple(), 2.0);
    assert_row(&row, 96_500.0, 36_500.0, 60_000.0);
    // With a 50,000 retention the costs are swallowed too: nothing paid.
    let p = Policy {
        retention: Some(50_000.0),
        ..p
    };
    let row = check(p, Registers::default(), simple(), 2.0);
    assert_row(&row, 96_500.0, 0.0, 96_500.0);
}

#[test]
fn qualifying_period_pays_from_the_start_once_exceeded() {
    // Qualifying 72 h: a 4-day outage exceeds it, so BI is paid from hour 0:
    // 4 × 30,000 + 36,500 = 156,500, all insured. A 2-day one gets only the costs.
    let p = Policy {
        waiting_period_hours: Some(72.0),
        ..policy()
    };
    let a = Assumptions {
        waiting_period_basis: WaitingBasis::QualifyingPeriod,
        ..simple()
    };
    let row = check(p.clone(), Registers::default(), a.clone(), 4.0);
    assert_row(&row, 156_500.0, 156_500.0, 0.0);
    let row = check(p, Registers::default(), a, 2.0);
    assert_row(&row, 96_500.0, 36_500.0, 60_000.0);
}

#[test]
fn business_interruption_sublimit_is_exhausted() {
    // 35 days: BI 1,050,000 capped at the 500,000 sublimit; costs 36,500 →
    // insured 536,500 of 1,086,500; uninsured 550,000.
    let p = Policy {
        aggregate_limit: Some(1_000_000.0),
        bi_sublimit: Some(500_000.0),
        ..policy()
    };
    let row = check(p, Registers::default(), simple(), 35.0);
    assert_row(&row, 1_086_500.0, 536_500.0, 550_000.0);
    assert_money(
        row.outcome.recovery.above_bi_sublimit,
        550_000.0,
        "above sublimit",
    );
}

#[test]
fn aggregate_limit_caps_costs_and_business_interruption_together() {
    // Costs 36,500 paid first; BI 1,050,000 capped by the 1m sublimit, then by
    // what is left of the 400,000 aggregate: 363,500. Insured 400,000; uninsured 686,500.
    let p = Policy {
        aggregate_limit: Some(400_000.0),
        bi_sublimit: Some(1_000_000.0),
        ..policy()
    };
    let row = check(p, Registers::default(), simple(), 35.0);
    assert_row(&row, 1_086_500.0, 400_000.0, 686_500.0);
    assert_money(row.outcome.recovery.bi_paid, 363_500.0, "bi paid");
}

#[test]
fn coinsurance_and_retention_are_deducted_in_order() {
    // 10 days: BI 300,000 less retention 100,000 = 200,000, × 80% = 160,000;
    // costs 36,500 × 80% = 29,200; insured 189,200; uninsured 336,500 − 189,200 = 147,300.
    let p = Policy {
        retention: Some(100_000.0),
        coinsurance_percent: Some(20.0),
        ..policy()
    };
    let row = check(p, Registers::default(), simple(), 10.0);
    assert_row(&row, 336_500.0, 189_200.0, 147_300.0);
    assert_money(
        row.outcome.recovery.coinsurance,
        47_300.0,
        "coinsurance kept",
    );
}

#[test]
fn indemnity_period_shorter_than_the_halt_cuts_the_claim() {
    // Indemnity 20 days of a 35-day halt: BI paid 20 × 30,000 = 600,000 + costs 36,500
    // = 636,500 of 1,086,500; uninsured 450,000 (days 20 to 35).
    let p = Policy {
        indemnity_period_days: Some(20.0),
        ..policy()
    };
    let row = check(p, Registers::default(), simple(), 35.0);
    assert_row(&row, 1_086_500.0, 636_500.0, 450_000.0);
    assert_money(
        row.outcome.recovery.outside_indemnity_loss,
        450_000.0,
        "outside",
    );
}

#[test]
fn ramp_up_is_uninsured_on_a_period_of_restoration_basis() {
    // Ramp-up 0.5 × 10 = 5 days at linearly rising output loses 2.5 days:
    // BI 12.5 × 30,000 = 375,000 + 36,500 = 411,500. The policy pays the halt
    // (300,000) and costs: 336,500; the ramp-up's 75,000 stays uninsured, unless covered.
    let a = Assumptions {
        ramp_up_ratio: 0.5,
        ..simple()
    };
    let row = check(Policy::none(), Registers::default(), a.clone(), 10.0);
    assert_row(&row, 411_500.0, 0.0, 411_500.0);
    assert_money(row.lost_output_days, 12.5, "lost days");
    let row = check(policy(), Registers::default(), a.clone(), 10.0);
    assert_row(&row, 411_500.0, 336_500.0, 75_000.0);
    let covered = Assumptions {
        ramp_up_covered: true,
        ..a
    };
    let row = check(policy(), Registers::default(), covered, 10.0);
    assert_row(&row, 411_500.0, 411_500.0, 0.0);
}

#[test]
fn a_fallback_carries_output_only_while_it_lasts_and_only_if_nothing_else_stops() {
    // Rehearsed fallback at 50% for 4 days: lost 4 × 0.5 + 6 = 8 days →
    // 240,000 + 36,500 = 276,500.
    let mut mes = system("mes", ProductionImpact::Stops);
    mes.manual_fallback = fallback(50.0, 4.0, true);
    let registers = Registers {
        systems: vec![mes.clone()],
        providers: Vec::new(),
    };
    let row = check(Policy::none(), registers, simple(), 10.0);
    assert_row(&row, 276_500.0, 0.0, 276_500.0);
    // Never rehearsed: 50% × 0.5 = 25% output, lost 4 × 0.75 + 6 = 9 → 306,500.
    let mut unrehearsed = mes.clone();
    unrehearsed.manual_fallback = fallback(50.0, 4.0, false);
    let registers = Registers {
        systems: vec![unrehearsed],
        providers: Vec::new(),
    };
    let row = check(Policy::none(), registers, simple(), 10.0);
    assert_row(&row, 306_500.0, 0.0, 306_500.0);
    // A second production-stopping system without a fallback: the chain stops, 10 days lost.
    let registers = Registers {
        systems: vec![mes, system("erp", ProductionImpact::Stops)],
        providers: Vec::new(),
    };
    let row = check(Policy::none(), registers, simple(), 10.0);
    assert_row(&row, 336_500.0, 0.0, 336_500.0);
}

#[test]
fn a_degrading_system_loses_part_of_the_output() {
    // Degrades only, 50% lost: 10 × 0.5 × 30,000 = 150,000 + 36,500 = 186,500.
    let registers = Registers {
        systems: vec![system("edi", ProductionImpact::Degrades)],
        providers: Vec::new(),
    };
    let row = check(Policy::none(), registers, simple(), 10.0);
    assert_row(&row, 186_500.0, 0.0, 186_500.0);
}

#[test]
fn recovery_spend_grows_with_the_outage() {
    // 10% of a day's revenue = 10,000 a day: 10 days → 36,500 + 100,000 of costs.
    let a = Assumptions {
        recovery_cost_day_share: 0.1,
        ..simple()
    };
    let row = check(Policy::none(), Registers::default(), a, 10.0);
    assert_money(row.outcome.response_costs, 136_500.0, "costs");
    assert_row(&row, 436_500.0, 0.0, 436_500.0);
}

fn hosted() -> Registers {
    let mut erp = system("erp", ProductionImpact::Stops);
    erp.provider = Some("it".into());
    erp.hosting = Hosting::ProviderHosted;
    Registers {
        systems: vec![erp, system("mes", ProductionImpact::Stops)],
        providers: vec![Provider {
            id: "it".into(),
            name: "IT Co".into(),
            services: vec![ProviderService::ItOutsourcing],
            privileged_access: true,
            reaches: Vec::new(),
            contract: Default::default(),
            certifications: Vec::new(),
        }],
    }
}

fn provider_row(p: Policy, a: Assumptions) -> ProviderOutage {
    let a = Assumptions {
        custom_days: Some(10.0),
        ..a
    };
    let e = model(&inputs(p, hosted()), &a).unwrap();
    assert_eq!(e.provider_outages.len(), 1);
    e.provider_outages[0].clone()
}

#[test]
fn provider_outage_without_dependent_cover_is_uninsured() {
    // ERP at the provider is down 10 days: full stop, 300,000; response costs
    // 25% of 36,500 = 9,125; nothing paid although a policy is in force.
    let outage = provider_row(
        Policy {
            waiting_period_hours: Some(12.0),
            ..policy()
        },
        simple(),
    );
    assert!(!outage.dependent_cover);
    assert_eq!(outage.systems_down, ["erp"]);
    assert_row(&outage.row, 309_125.0, 0.0, 309_125.0);
}

#[test]
fn provider_outage_with_dependent_cover_pays_up_to_its_sublimit() {
    // Dependent cover for any IT provider, sublimit 200,000, waiting 12 h + 12 h = 1 day:
    // BI in cover 9 × 30,000 = 270,000 → capped at 200,000; costs not covered.
    // Insured 200,000; uninsured 309,125 − 200,000 = 109,125.
    let p = Policy {
        waiting_period_hours: Some(12.0),
        dependent_bi: DependentCover::AllItProviders,
        dependent_bi_sublimit: Some(200_000.0),
        ..policy()
    };
    let outage = provider_row(p.clone(), simple());
    assert!(outage.dependent_cover);
    assert_row(&outage.row, 309_125.0, 200_000.0, 109_125.0);
    // Named-providers cover responds only when the provider is named.
    let named = Policy {
        dependent_bi: DependentCover::NamedProviders,
        ..p
    };
    assert!(!provider_row(named.clone(), simple()).dependent_cover);
    let listed = Assumptions {
        dependent_named_providers: vec!["it".into()],
        ..simple()
    };
    let outage = provider_row(named, listed);
    assert!(outage.dependent_cover);
    assert_row(&outage.row, 309_125.0, 200_000.0, 109_125.0);
}

#[test]
fn restore_time_follows_dependencies_and_test_evidence() {
    // Investigation 3 days. AD: untested 48 h × 3 = 6 days → ready day 9.
    // ERP needs AD: tested 24 h × 1.5 = 1.5 → ready 10.5. MES needs AD, no
    // objective: 14 days → ready 23. The halt lasts until MES: 23 days.
    let mut ad = system("ad", ProductionImpact::Degrades);
    ad.rto_hours = Some(48.0);
    let mut erp = system("erp", ProductionImpact::Stops);
    erp.rto_hours = Some(24.0);
    erp.rto_tested = true;
    erp.depends_on = vec!["ad".into()];
    let mut mes = system("mes", ProductionImpact::Stops);
    mes.depends_on = vec!["ad".into()];
    let registers = Registers {
        systems: vec![ad, erp, mes, system("email", ProductionImpact::None)],
        providers: Vec::new(),
    };
    let estimate = restore::estimate(&registers, &Assumptions::default());
    let ready: Vec<(String, f64)> = estimate
        .systems
        .iter()
        .map(|s| (s.id.clone(), s.ready_day))
        .collect();
    assert_eq!(
        ready,
        [
            ("ad".to_owned(), 9.0),
            ("erp".to_owned(), 10.5),
            ("mes".to_owned(), 23.0)
        ]
    );
    assert_money(estimate.days, 23.0, "halt");
    assert_eq!(estimate.critical_path, ["ad", "mes"]);
    // Without a custom length, the custom row uses the estimate.
    let e = model(&inputs(Policy::none(), registers), &simple()).unwrap();
    assert_money(e.scenarios[3].days, 23.0, "custom days");
    assert_eq!(e.scenarios[3].key, "custom");
}

#[test]
fn scenario_table_has_one_day_one_week_five_weeks_and_custom() {
    let e = model(
        &inputs(Policy::none(), Registers::default()),
        &Assumptions {
            custom_days: Some(12.0),
            ..simple()
        },
    )
    .unwrap();
    let rows: Vec<(&str, f64, f64)> = e
        .scenarios
        .iter()
        .map(|r| (r.key.as_str(), r.days, r.gross_loss))
        .collect();
    // gross = days × 30,000 + 36,500.
    assert_eq!(
        rows,
        [
            ("1_day", 1.0, 66_500.0),
            ("1_week", 7.0, 246_500.0),
            ("5_weeks", 35.0, 1_086_500.0),
            ("custom", 12.0, 396_500.0)
        ]
    );
}

#[test]
fn flags_name_what_may_defeat_a_claim() {
    let p = Policy {
        war_exclusion_reviewed: Some(false),
        conditions_reviewed: None,
        panel_ir_provider: Some(true),
        bi_sublimit: Some(500_000.0),
        ..policy()
    };
    let e = model(
        &inputs(p, hosted()),
        &Assumptions {
            custom_days: Some(10.0),
            ..simple()
        },
    )
    .unwrap();
    let codes: Vec<&str> = e.flags.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "policy.bi_sublimit_exhausted",
            "policy.conditions",
            "policy.dependent_bi",
            "policy.war_exclusion"
        ]
    );
    let e = model(&inputs(Policy::none(), Registers::default()), &simple()).unwrap();
    assert_eq!(e.flags[0].code, "policy.not_in_force");
    assert_eq!(e.flags[0].severity, Severity::Critical);
}

#[test]
fn unknown_policy_facts_never_become_cover() {
    let p = Policy {
        aggregate_limit: None,
        bi_sublimit: None,
        ..policy()
    };
    let row = check(p, Registers::default(), simple(), 10.0);
    assert_row(&row, 336_500.0, 0.0, 336_500.0);
    let p = Policy {
        status: PolicyStatus::Unknown,
        ..policy()
    };
    let row = check(p, Registers::default(), simple(), 10.0);
    assert_money(row.insured_recovery, 0.0, "unknown status pays nothing");
}

#[test]
fn assumptions_override_field_by_field_and_are_checked() {
    let a: Assumptions = serde_json::from_str(r#"{"fixed_cost_share": 0.3, "seed": 7}"#).unwrap();
    assert_eq!(a.fixed_cost_share, 0.3);
    assert_eq!(a.seed, 7);
    assert_eq!(
        a.revenue_share_stopping,
        Assumptions::default().revenue_share_stopping
    );
    let table = a.table();
    let overridden: Vec<&str> = table
        .iter()
        .filter(|r| r.overridden)
        .map(|r| r.key.as_str())
        .collect();
    assert_eq!(overridden, ["fixed_cost_share", "seed"]);
    assert!(
        table.iter().all(|r| !r.source.is_empty()),
        "every default has a source"
    );
    let bad = Assumptions {
        revenue_share_stopping: 1.5,
        days_range: Some(Estimate {
            low: 10.0,
            most_likely: 5.0,
            high: 20.0,
            shape: Shape::Pert,
        }),
        ..Assumptions::default()
    };
    let err = model(&inputs(Policy::none(), Registers::default()), &bad).unwrap_err();
    assert_eq!(err.code(), "exposure.assumptions");
    assert!(err.to_string().contains("revenue_share_stopping"), "{err}");
    assert!(serde_json::from_str::<Assumptions>(r#"{"fixed_cost_shares": 0.3}"#).is_err());
}

#[test]
fn bad_financials_are_errors() {
    let mut i = inputs(Policy::none(), Registers::default());
    i.financials.annual_revenue = 0.0;
    assert_eq!(model(&i, &simple()).unwrap_err().code(), "exposure.revenue");
}

#[test]
fn sensitivity_ranks_the_assumptions_by_swing() {
    let e = model(
        &inputs(Policy::none(), Registers::default()),
        &Assumptions {
            custom_days: Some(10.0),
            ..simple()
        },
    )
    .unwrap();
    let s = &e.sensitivity;
    assert_money(s.base_uninsured, 336_500.0, "base");
    assert!(s.entries.windows(2).all(|w| w[0].swing >= w[1].swing));
    // Days 5 to 20 (spread 0.5–2): 5 × 30,000 + 36,500 = 186,500; 20 × 30,000 + 36,500 = 636,500.
    let days = s
        .entries
        .iter()
        .find(|t| t.key == "days_to_restore")
        .unwrap();
    assert_money(days.uninsured_at_low, 186_500.0, "days low");
    assert_money(days.uninsured_at_high, 636_500.0, "days high");
    assert_eq!(s.entries[0].key, "days_to_restore");
    // Fixed costs 15% to 35%: contribution 25% or 45% → 10 × 25,000 or 45,000, + 36,500.
    let fixed = s
        .entries
        .iter()
        .find(|t| t.key == "fixed_cost_share")
        .unwrap();
    assert_money(fixed.uninsured_at_low, 286_500.0, "fixed low");
    assert_money(fixed.uninsured_at_high, 486_500.0, "fixed high");
}

#[test]
fn money_is_formatted_in_the_assessment_currency() {
    assert_eq!(money(1_234_567.4, "GBP"), "£1,234,567");
    assert_eq!(money(-950.0, "EUR"), "-€950");
    assert_eq!(money_short(4_312_000.0, "GBP"), "£4.3m");
    assert_eq!(money_short(850_000.0, "USD"), "$850k");
    assert_eq!(money_short(12.0, "CHF"), "CHF 12");
    assert_eq!(money(100_000.0, ""), "100,000");
    for odd in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
        assert_eq!(money(odd, "GBP"), NOT_AN_AMOUNT, "{odd}");
        assert_eq!(money_short(odd, "GBP"), NOT_AN_AMOUNT, "{odd}");
    }
}

#[test]
fn exposure_is_deterministic() {
    let a = Assumptions {
        draws: 5_000,
        ..Assumptions::default()
    };
    let run = || serde_json::to_string(&model(&inputs(policy(), hosted()), &a).unwrap()).unwrap();
    assert_eq!(run(), run());
}

#[test]
fn every_assumption_is_documented() {
    let doc = include_str!("../../../../docs/EXPOSURE.md");
    for row in Assumptions::default().table() {
        assert!(
            doc.contains(&format!("| `{}` |", row.key)),
            "docs/EXPOSURE.md has no row for {}",
            row.key
        );
    }
}

mod simulation;
