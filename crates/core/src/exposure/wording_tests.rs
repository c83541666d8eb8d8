//! The wording's terms and the marginal value of each term, computed by
//! hand on the round company of `tests.rs`: £100,000 of revenue a calendar
//! day (£36.5m, 250 operating days), lost gross profit 30% of revenue, so
//! £30,000 a day at a full stop; one-off response costs £36,500; no ramp-up;
//! a full stop. The policy is in force with a £10m limit and sublimit and
//! no deductions unless a case says otherwise.

use super::tests::{assert_money, assert_row, check, inputs, policy, simple, system};
use super::*;
use crate::assessment::{Hosting, ProductionImpact, Provider, ProviderService};

fn ten_days(p: Policy, a: Assumptions) -> ScenarioRow {
    check(p, Registers::default(), a, 10.0)
}

#[test]
fn retention_before_or_after_the_sublimit() {
    // 35 days: BI 35 × 30,000 = 1,050,000; gross 1,086,500. Sublimit 500,000,
    // retention 100,000.
    let p = Policy {
        bi_sublimit: Some(500_000.0),
        retention: Some(100_000.0),
        ..policy()
    };
    // Before: (1,050,000 − 100,000) = 950,000, capped at 500,000; costs 36,500
    // → insured 536,500; uninsured 1,086,500 − 536,500 = 550,000.
    let row = check(p.clone(), Registers::default(), simple(), 35.0);
    assert_row(&row, 1_086_500.0, 536_500.0, 550_000.0);
    // After: min(1,050,000, 500,000) = 500,000 − 100,000 = 400,000; + 36,500
    // → insured 436,500; uninsured 650,000: the retention erodes the sublimit.
    let mut a = simple();
    a.wording.retention_order = RetentionOrder::AfterSublimits;
    let row = check(p, Registers::default(), a, 35.0);
    assert_row(&row, 1_086_500.0, 436_500.0, 650_000.0);
    assert_money(row.outcome.recovery.retention, 100_000.0, "retention");
    assert_money(
        row.outcome.recovery.above_bi_sublimit,
        550_000.0,
        "above sublimit",
    );
}

#[test]
fn waiting_period_as_a_deductible_or_a_qualifying_period() {
    // Waiting period 48 h = 2 days.
    let p = Policy {
        waiting_period_hours: Some(48.0),
        ..policy()
    };
    let qualifying = Assumptions {
        waiting_period_basis: WaitingBasis::QualifyingPeriod,
        ..simple()
    };
    // 10 days as a deductible: BI paid 8 × 30,000 = 240,000 + 36,500 = 276,500;
    // uninsured the 2 days, 60,000.
    let row = ten_days(p.clone(), simple());
    assert_row(&row, 336_500.0, 276_500.0, 60_000.0);
    // As a qualifying period, 10 days exceed 2: paid from hour 0, 336,500; nothing uninsured.
    let row = ten_days(p.clone(), qualifying.clone());
    assert_row(&row, 336_500.0, 336_500.0, 0.0);
    // 1.5 days: under either basis no BI is paid (45,000), only the costs 36,500.
    for a in [simple(), qualifying] {
        let row = check(p.clone(), Registers::default(), a, 1.5);
        assert_row(&row, 81_500.0, 36_500.0, 45_000.0);
    }
}

#[test]
fn a_precautionary_shutdown_with_and_without_cover() {
    let shutdown = |answer: Answer| {
        let mut a = Assumptions {
            trigger: Trigger::PrecautionaryShutdown,
            ..simple()
        };
        a.wording.voluntary_shutdown_covered = answer;
        a
    };
    // Covered: as an attack, 10 × 30,000 + 36,500 = 336,500, all insured.
    let row = ten_days(policy(), shutdown(Answer::Yes));
    assert_row(&row, 336_500.0, 336_500.0, 0.0);
    // Not covered: the 300,000 of BI is not paid; the costs 36,500 are.
    let row = ten_days(policy(), shutdown(Answer::No));
    assert_row(&row, 336_500.0, 36_500.0, 300_000.0);
    assert_money(
        row.outcome.recovery.bi_not_triggered,
        300_000.0,
        "not triggered",
    );
    // Unknown counts as not covered, and says so.
    let a = Assumptions {
        custom_days: Some(10.0),
        ..shutdown(Answer::Unknown)
    };
    let e = model(&inputs(policy(), Registers::default()), &a).unwrap();
    assert_row(&e.scenarios[3], 336_500.0, 36_500.0, 300_000.0);
    assert!(e.terms.gaps.iter().any(|g| g.contains("precautionary")));
    assert!(
        e.flags
            .iter()
            .any(|f| f.code == "policy.voluntary_shutdown")
    );
}

#[test]
fn bricked_hardware_is_paid_up_to_its_sublimit() {
    // Hardware 1% of 36.5m = 365,000; gross 300,000 + 36,500 + 365,000 = 701,500.
    let mut a = Assumptions {
        bricking_cost_share: 0.01,
        ..simple()
    };
    a.wording.bricking_covered = Answer::Yes;
    a.wording.bricking_sublimit = Some(250_000.0);
    // Covered up to 250,000: insured 300,000 + 36,500 + 250,000 = 586,500;
    // uninsured the 115,000 above the sublimit.
    let row = ten_days(policy(), a.clone());
    assert_row(&row, 701_500.0, 586_500.0, 115_000.0);
    assert_money(row.outcome.recovery.covered_hardware, 250_000.0, "hardware");
    // Not covered: all 365,000 uninsured.
    a.wording.bricking_covered = Answer::No;
    let row = ten_days(policy(), a);
    assert_row(&row, 701_500.0, 336_500.0, 365_000.0);
}

#[test]
fn extortion_is_paid_up_to_its_sublimit() {
    // Extortion 0.5% of 36.5m = 182,500; sublimit 100,000: 82,500 uninsured.
    let mut a = Assumptions {
        extortion_cost_share: 0.005,
        ..simple()
    };
    a.wording.extortion_sublimit = Some(100_000.0);
    let row = ten_days(policy(), a);
    assert_row(&row, 519_000.0, 436_500.0, 82_500.0);
}

pub(super) fn cloud_hosted(service: ProviderService) -> Registers {
    let mut erp = system("erp", ProductionImpact::Stops);
    erp.provider = Some("cloud".into());
    erp.hosting = Hosting::ProviderHosted;
    Registers {
        systems: vec![erp, system("mes", ProductionImpact::Stops)],
        providers: vec![Provider {
            id: "cloud".into(),
            name: "Cloud Co".into(),
            services: vec![service],
            privileged_access: false,
            reaches: Vec::new(),
            contract: Default::default(),
            certifications: Vec::new(),
        }],
    }
}

fn outage(p: Policy, a: Assumptions) -> ProviderOutage {
    let a = Assumptions {
        custom_days: Some(10.0),
        ..a
    };
    let e = model(&inputs(p, cloud_hosted(ProviderService::Hosting)), &a).unwrap();
    e.provider_outages[0].clone()
}

#[test]
fn a_widespread_event_exclusion_bites_on_dependent_cover() {
    // ERP at the cloud provider down 10 days: 300,000 + 25% of 36,500 = 309,125.
    // Dependent cover, sublimit 200,000, waiting 12 h + 12 h = 1 day:
    // 9 × 30,000 = 270,000 capped at 200,000; uninsured 109,125.
    let p = Policy {
        waiting_period_hours: Some(12.0),
        dependent_bi: DependentCover::AllItProviders,
        dependent_bi_sublimit: Some(200_000.0),
        ..policy()
    };
    let o = outage(p.clone(), simple());
    assert_row(&o.row, 309_125.0, 200_000.0, 109_125.0);
    // The same outage as a widespread event, excluded: nothing paid.
    let mut widespread = Assumptions {
        provider_outage_widespread: true,
        ..simple()
    };
    widespread.wording.widespread_event_exclusion = Answer::Yes;
    let o = outage(p.clone(), widespread.clone());
    assert!(!o.dependent_cover, "{}", o.cover_reason);
    assert_row(&o.row, 309_125.0, 0.0, 309_125.0);
    // Unknown whether excluded: counted as excluded.
    widespread.wording.widespread_event_exclusion = Answer::Unknown;
    assert!(!outage(p.clone(), widespread.clone()).dependent_cover);
    // No such exclusion: paid as before.
    widespread.wording.widespread_event_exclusion = Answer::No;
    assert_row(
        &outage(p.clone(), widespread).row,
        309_125.0,
        200_000.0,
        109_125.0,
    );
    // Named-provider cover reaches an unnamed cloud provider only when the wording says so.
    let named = Policy {
        dependent_bi: DependentCover::NamedProviders,
        ..p
    };
    assert!(!outage(named.clone(), simple()).dependent_cover);
    let mut unnamed = simple();
    unnamed.wording.unnamed_cloud_providers_covered = Answer::Yes;
    let o = outage(named, unnamed);
    assert!(o.dependent_cover);
    assert_row(&o.row, 309_125.0, 200_000.0, 109_125.0);
}

#[test]
fn working_days_or_calendar_days() {
    // Calendar: 36.5m / 365 = 100,000 a day × 30% = 30,000; 10 days → 336,500.
    let row = ten_days(Policy::none(), simple());
    assert_row(&row, 336_500.0, 0.0, 336_500.0);
    assert!(row.explanation[0].contains("calendar day (revenue / 365)"));
    // Working: 36.5m / 250 = 146,000 a day × 30% = 43,800; 10 days → 438,000 + 36,500 = 474,500.
    let a = Assumptions {
        day_basis: DayBasis::WorkingDays,
        custom_days: Some(10.0),
        ..simple()
    };
    let e = model(&inputs(Policy::none(), Registers::default()), &a).unwrap();
    assert_row(&e.scenarios[3], 474_500.0, 0.0, 474_500.0);
    assert_money(e.basis.revenue_per_outage_day, 146_000.0, "a working day");
    assert_eq!(e.basis.day_basis, DayBasis::WorkingDays);
    assert!(e.scenarios[3].explanation[0].contains("working day (revenue / 250)"));
    // The day of cash stays a calendar day: (36.5m − 3.65m) / 365 = 90,000.
    assert_money(e.basis.daily_operating_costs, 90_000.0, "day of cash");
}

#[test]
fn doubling_a_binding_sublimit_is_worth_what_it_releases() {
    // 35 days, aggregate 1m, BI sublimit 500,000, co-insurance 20%.
    // BI 1,050,000 × 80% = 840,000, capped at 500,000; costs 36,500 × 80% = 29,200;
    // insured 529,200; uninsured 1,086,500 − 529,200 = 557,300. The attribution
    // shows 20% of (1,050,000 + 36,500) = 217,300 of co-insurance.
    let p = Policy {
        aggregate_limit: Some(1_000_000.0),
        bi_sublimit: Some(500_000.0),
        coinsurance_percent: Some(20.0),
        ..policy()
    };
    let a = Assumptions {
        custom_days: Some(35.0),
        ..simple()
    };
    let e = model(&inputs(p, Registers::default()), &a).unwrap();
    assert_row(&e.scenarios[3], 1_086_500.0, 529_200.0, 557_300.0);
    assert_money(
        e.scenarios[3].outcome.recovery.coinsurance,
        217_300.0,
        "attributed",
    );
    let value = |term: &str| {
        e.term_values
            .iter()
            .find(|v| v.term == term)
            .unwrap_or_else(|| panic!("no entry for {term}"))
            .clone()
    };
    // Sublimit doubled to 1m: 840,000 is under it; costs 29,200 first, then
    // 840,000 within the 970,800 left of the aggregate: insured 869,200;
    // uninsured 217,300, a reduction of 340,000.
    let sublimit = value("bi_sublimit");
    assert_money(sublimit.improved, 1_000_000.0, "improved");
    assert_money(
        sublimit.uninsured_if_improved,
        217_300.0,
        "sublimit doubled",
    );
    assert_money(sublimit.reduction, 340_000.0, "sublimit reduction");
    // Co-insurance removed: BI still capped at 500,000; costs 36,500 in full:
    // insured 536,500, a reduction of only 7,300, not the 217,300 attributed.
    let coinsurance = value("coinsurance");
    assert_money(coinsurance.reduction, 7_300.0, "coinsurance reduction");
    // Aggregate doubled: the sublimit binds first, so nothing changes.
    assert_money(value("aggregate_limit").reduction, 0.0, "aggregate");
    // No retention and no waiting period: nothing to improve, no entry.
    assert!(e.term_values.iter().all(|v| v.term != "retention"));
}

#[test]
fn the_war_exclusion_flag_stays_after_review() {
    let war = |a: &Assumptions, p: Policy| {
        let e = model(&inputs(p, Registers::default()), a).unwrap();
        e.flags
            .into_iter()
            .find(|f| f.code == "policy.war_exclusion")
    };
    // Reviewed, clause not recorded: still high.
    let flag = war(&simple(), policy()).expect("flag stays when reviewed");
    assert_eq!(flag.severity, Severity::High);
    // Reviewed and recorded as LMA5567B: medium, and named.
    let mut a = Assumptions {
        custom_days: Some(10.0),
        ..simple()
    };
    a.wording.war_clause = WarClause {
        family: WarClauseFamily::Lma5567,
        variant: ClauseVariant::B,
    };
    let flag = war(&a, policy()).expect("flag stays with a known clause");
    assert_eq!(flag.severity, Severity::Medium);
    assert!(
        flag.explanation.contains("LMA5567B"),
        "{}",
        flag.explanation
    );
    // A custom length is named as such, not as the estimated restore time.
    assert!(
        flag.explanation
            .contains("in an assumed outage of 10 days (set by the assessor)"),
        "{}",
        flag.explanation
    );
    assert!(
        !flag.explanation.contains("estimated"),
        "{}",
        flag.explanation
    );
    // Not reviewed: high, whatever the clause.
    let p = Policy {
        war_exclusion_reviewed: Some(false),
        ..policy()
    };
    assert_eq!(war(&a, p).unwrap().severity, Severity::High);
    // A wording with no war exclusion: no flag.
    a.wording.war_clause.family = WarClauseFamily::NoExclusion;
    assert!(war(&a, policy()).is_none());
}

#[test]
fn response_costs_in_a_provider_outage_are_paid_only_when_the_wording_says_so() {
    // ERP at the cloud provider down 10 days: lost income 300,000, response
    // costs 25% of 36,500 = 9,125. Dependent cover, sublimit 200,000, waiting
    // 12 h + 12 h = 1 day: 9 × 30,000 = 270,000 capped at 200,000.
    let p = Policy {
        waiting_period_hours: Some(12.0),
        dependent_bi: DependentCover::AllItProviders,
        dependent_bi_sublimit: Some(200_000.0),
        ..policy()
    };
    // By default the costs stay with the company: 109,125 uninsured.
    assert_row(
        &outage(p.clone(), simple()).row,
        309_125.0,
        200_000.0,
        109_125.0,
    );
    // A wording that treats the provider's systems as the insured's own pays
    // them too: 209,125 paid, 100,000 uninsured.
    let own = Assumptions {
        provider_outage_costs_covered: true,
        ..simple()
    };
    assert_row(
        &outage(p.clone(), own.clone()).row,
        309_125.0,
        209_125.0,
        100_000.0,
    );
    // Never when the policy pays no response costs at all.
    let none = Assumptions {
        response_costs_covered: false,
        ..own
    };
    assert_row(&outage(p, none).row, 309_125.0, 200_000.0, 109_125.0);
}
