//! The broker's scenarios computed by hand on the round company of
//! `tests.rs`: £30,000 of lost gross profit a day at a full stop, one-off
//! response costs of £36,500, no ramp-up; a halt of 10 days (the custom
//! length) loses 300,000 + 36,500 = £336,500. The policy is in force with a
//! £10m limit and sublimit, no deductions and a 365-day indemnity period
//! unless a case says otherwise.

use super::tests::{assert_money, assert_row, inputs, policy, simple};
use super::wording_tests::cloud_hosted;
use super::*;
use crate::assessment::ProviderService;

fn broker(p: Policy, registers: Registers, a: Assumptions) -> Vec<BrokerScenario> {
    let a = Assumptions {
        custom_days: Some(10.0),
        ..a
    };
    model(&inputs(p, registers), &a)
        .expect("model runs")
        .broker_scenarios
}

fn find(scenarios: &[BrokerScenario], key: &str) -> Option<BrokerScenario> {
    scenarios.iter().find(|s| s.row.key == key).cloned()
}

fn own(p: Policy, a: Assumptions, key: &str) -> BrokerScenario {
    find(&broker(p, Registers::default(), a), key).expect("the scenario applies")
}

fn war(family: WarClauseFamily) -> Assumptions {
    let mut a = simple();
    a.wording.war_clause = WarClause {
        family,
        variant: ClauseVariant::B,
    };
    a
}

#[test]
fn a_state_attributed_attack_is_a_range_while_a_war_exclusion_may_apply() {
    // Exclusion upheld: nothing paid, all 336,500 uninsured. Cover as written:
    // all 336,500 paid, nothing uninsured. The row is the upheld end.
    for family in [
        WarClauseFamily::Lma5564,
        WarClauseFamily::Lma5567,
        WarClauseFamily::Other,
        WarClauseFamily::Unknown,
    ] {
        let s = own(policy(), war(family), "broker.state_attributed");
        assert_row(&s.row, 336_500.0, 0.0, 336_500.0);
        let low = s.uninsured_if_cover_responds.expect("a range");
        assert_money(low, 0.0, "uninsured if cover responds");
        assert!(
            s.row.explanation.iter().any(|l| l.contains("range")),
            "{:?}",
            s.row.explanation
        );
    }
    // No war exclusion in the wording: cover as written, no range.
    let s = own(
        policy(),
        war(WarClauseFamily::NoExclusion),
        "broker.state_attributed",
    );
    assert_row(&s.row, 336_500.0, 336_500.0, 0.0);
    assert_eq!(s.uninsured_if_cover_responds, None);
    // No policy: all uninsured whoever attacked, no range.
    let s = own(
        Policy::none(),
        war(WarClauseFamily::Lma5567),
        "broker.state_attributed",
    );
    assert_row(&s.row, 336_500.0, 0.0, 336_500.0);
    assert_eq!(s.uninsured_if_cover_responds, None);
}

#[test]
fn a_precautionary_shutdown_is_paid_only_when_the_wording_says_so() {
    // Business interruption 300,000 unpaid unless the wording covers a
    // voluntary shutdown; response costs 36,500 paid either way.
    let key = "broker.precautionary_shutdown";
    let unknown = own(policy(), simple(), key);
    assert_row(&unknown.row, 336_500.0, 36_500.0, 300_000.0);
    assert_money(
        unknown
            .uninsured_if_cover_responds
            .expect("a range while unknown"),
        0.0,
        "uninsured if the wording covers it",
    );
    let mut covered = simple();
    covered.wording.voluntary_shutdown_covered = Answer::Yes;
    let yes = own(policy(), covered, key);
    assert_row(&yes.row, 336_500.0, 336_500.0, 0.0);
    assert_eq!(yes.uninsured_if_cover_responds, None);
    let mut excluded = simple();
    excluded.wording.voluntary_shutdown_covered = Answer::No;
    let no = own(policy(), excluded, key);
    assert_row(&no.row, 336_500.0, 36_500.0, 300_000.0);
    assert_eq!(no.uninsured_if_cover_responds, None);
}

#[test]
fn a_halt_beyond_the_indemnity_period_leaves_the_tail_uninsured() {
    // Indemnity 90 days, halt 90 + 30 = 120 days: gross 120 × 30,000 +
    // 36,500 = 3,636,500; paid 90 × 30,000 + 36,500 = 2,736,500; the last
    // 30 days, 900,000, stay with the company.
    let p = Policy {
        indemnity_period_days: Some(90.0),
        ..policy()
    };
    let s = own(p, simple(), "broker.beyond_indemnity");
    assert_money(s.row.days, 120.0, "days");
    assert_row(&s.row, 3_636_500.0, 2_736_500.0, 900_000.0);
    assert_money(
        s.row.outcome.recovery.outside_indemnity_loss,
        900_000.0,
        "outside the indemnity period",
    );
    // Without a policy the scenario does not apply.
    assert!(
        find(
            &broker(Policy::none(), Registers::default(), simple()),
            "broker.beyond_indemnity"
        )
        .is_none()
    );
}

#[test]
fn a_widespread_cloud_outage_is_a_range_while_the_exclusion_is_unknown() {
    // ERP at the cloud provider down 10 days: 300,000 + 25% of 36,500 =
    // 309,125. Dependent cover with a 200,000 sublimit and a 12 + 12 hour
    // wait pays 200,000 when it responds (109,125 uninsured); a widespread
    // event it may exclude pays nothing.
    let p = Policy {
        waiting_period_hours: Some(12.0),
        dependent_bi: DependentCover::AllItProviders,
        dependent_bi_sublimit: Some(200_000.0),
        ..policy()
    };
    let hosted = cloud_hosted(ProviderService::Hosting);
    let s = find(
        &broker(p.clone(), hosted.clone(), simple()),
        "broker.cloud_outage",
    )
    .expect("a cloud provider hosts the ERP");
    assert_row(&s.row, 309_125.0, 0.0, 309_125.0);
    assert_money(
        s.uninsured_if_cover_responds.expect("a range"),
        109_125.0,
        "uninsured if the exclusion does not bite",
    );
    // The wording excludes widespread events: no range.
    let mut excluded = simple();
    excluded.wording.widespread_event_exclusion = Answer::Yes;
    let s = find(
        &broker(p.clone(), hosted.clone(), excluded),
        "broker.cloud_outage",
    )
    .expect("applies");
    assert_row(&s.row, 309_125.0, 0.0, 309_125.0);
    assert_eq!(s.uninsured_if_cover_responds, None);
    // It does not: paid as any dependent outage.
    let mut not_excluded = simple();
    not_excluded.wording.widespread_event_exclusion = Answer::No;
    let s = find(
        &broker(p.clone(), hosted, not_excluded),
        "broker.cloud_outage",
    )
    .expect("applies");
    assert_row(&s.row, 309_125.0, 200_000.0, 109_125.0);
    // A provider that is not a cloud provider: no such scenario.
    let other = cloud_hosted(ProviderService::Other);
    assert!(find(&broker(p, other, simple()), "broker.cloud_outage").is_none());
}

#[test]
fn the_range_never_counts_more_cover_than_the_row_withholds() {
    let demo = Assessment::from_json(crate::embedded::DEMO_ASSESSMENT).expect("the demo parses");
    let bank = Bank::shipped().expect("the shipped bank loads");
    let mut a = Assumptions {
        draws: 2_000,
        ..Assumptions::default()
    };
    for family in [WarClauseFamily::Unknown, WarClauseFamily::Lma5565] {
        a.wording.war_clause.family = family;
        let e = assess(&bank, &demo, &a).expect("the demo runs");
        assert!(e.broker_scenarios.len() >= 3, "{:?}", e.broker_scenarios);
        for s in &e.broker_scenarios {
            assert!(s.row.insured_recovery <= s.row.gross_loss + EPS_MONEY);
            if let Some(low) = s.uninsured_if_cover_responds {
                assert!(
                    low <= s.row.uninsured_loss + EPS_MONEY,
                    "{}: {low} > {}",
                    s.row.key,
                    s.row.uninsured_loss
                );
            }
        }
    }
}

const EPS_MONEY: f64 = 1e-6;

#[test]
fn the_headline_never_states_an_unknown_policy_as_no_policy() {
    let unknown = Policy {
        status: PolicyStatus::Unknown,
        ..Policy::none()
    };
    let a = Assumptions {
        custom_days: Some(10.0),
        ..simple()
    };
    let headline = model(&inputs(unknown, Registers::default()), &a)
        .expect("model runs")
        .headline;
    assert!(!headline.contains("no cyber policy in force"), "{headline}");
    assert!(headline.contains("is not known"), "{headline}");
    let none = model(&inputs(Policy::none(), Registers::default()), &a)
        .expect("model runs")
        .headline;
    assert!(none.contains("with no cyber policy in force"), "{none}");
}
