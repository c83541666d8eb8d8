//! Scoring examples on the mini bank (`tests/fixtures/banks/valid-mini.toml`),
//! each worked out by hand.

use std::collections::BTreeMap;

use super::*;
use crate::bank::{Source, load};
use crate::frameworks::Catalogue;

fn mini() -> Bank {
    let text = include_str!("../../../../tests/fixtures/banks/valid-mini.toml");
    load(
        &[Source {
            name: "valid-mini.toml",
            text,
        }],
        Catalogue::shipped(),
    )
    .unwrap()
}

fn check(answers: &[(&str, Response)]) -> Scorecard {
    let responses: BTreeMap<QuestionId, Response> = answers
        .iter()
        .map(|(id, r)| (QuestionId::parse(id).unwrap(), r.clone()))
        .collect();
    let targets = Targets {
        profile: "high".into(),
        overrides: BTreeMap::new(),
    };
    score(&mini(), &responses, &targets)
}

fn level(n: u8) -> Response {
    Response::Level(Level::new(n).unwrap())
}

#[test]
fn domain_score_is_the_weighted_mean_of_answered_questions() {
    // AAA-01 level 3 (75, weight 3), AAA-02 level 2 (50, weight 1):
    // (3 × 75 + 1 × 50) / 4 = 68.75.
    let card = check(&[("AAA-01", level(3)), ("AAA-02", level(2))]);
    let aaa = card.domain("AAA").unwrap();
    assert_eq!(aaa.score, Some(68.75));
    assert!(aaa.caps.is_empty());
    assert_eq!(aaa.contributions.len(), 2);
}

#[test]
fn index_is_the_weighted_mean_of_domain_scores() {
    // AAA 68.75 (weight 2), BBB in force = 100 (weight 1): (137.5 + 100) / 3 = 79.1666…
    let card = check(&[
        ("AAA-01", level(3)),
        ("AAA-02", level(2)),
        ("BBB-01", Response::Choice("in_force".into())),
    ]);
    let index = card.index.unwrap();
    assert!((index - 237.5 / 3.0).abs() < 1e-9, "{index}");
    assert_eq!(card.weakest_domain.unwrap().as_str(), "AAA");
}

#[test]
fn unknown_scores_as_lowest_level() {
    // AAA-01 unknown (0, weight 3), AAA-02 level 4 (100, weight 1): 100 / 4 = 25;
    // and unknown fires CAP-AAA-01 (max 30), which does not bind below 30.
    let card = check(&[("AAA-01", Response::Unknown), ("AAA-02", level(4))]);
    let aaa = card.domain("AAA").unwrap();
    assert_eq!(aaa.score, Some(25.0));
    assert_eq!(aaa.completion.unknown, 1);
    assert_eq!(aaa.caps[0].trigger, "unknown");
}

#[test]
fn not_applicable_leaves_the_denominator() {
    let card = check(&[
        ("AAA-01", level(4)),
        ("AAA-02", Response::NotApplicable("no backups here".into())),
    ]);
    let aaa = card.domain("AAA").unwrap();
    assert_eq!(aaa.score, Some(100.0));
    assert_eq!(aaa.contributions.len(), 1);
    assert_eq!(aaa.completion.not_applicable, 1);
}

#[test]
fn caps_apply_and_say_why() {
    // AAA-01 level 1 (25 × 3), AAA-02 level 4 (100 × 1): 175 / 4 = 43.75, capped at 30.
    let card = check(&[("AAA-01", level(1)), ("AAA-02", level(4))]);
    let aaa = card.domain("AAA").unwrap();
    assert_eq!(aaa.uncapped, Some(43.75));
    assert_eq!(aaa.score, Some(30.0));
    let cap = &aaa.caps[0];
    assert_eq!(cap.id, "CAP-AAA-01");
    assert_eq!(cap.trigger, "level 1, below 2");
    assert!(cap.reason.contains("ransomware"), "{}", cap.reason);
}

#[test]
fn choice_and_yes_no_caps_fire_on_their_value() {
    let card = check(&[
        ("BBB-01", Response::Choice("in_force".into())),
        ("BBB-03", Response::YesNo(false)),
    ]);
    let bbb = card.domain("BBB").unwrap();
    assert_eq!(bbb.score, Some(60.0));
    assert_eq!(bbb.caps[0].id, "CAP-BBB-02");
    assert_eq!(bbb.caps[0].trigger, "answer \"no\"");

    let card = check(&[
        ("BBB-01", Response::Choice("none".into())),
        ("BBB-03", Response::YesNo(false)),
    ]);
    let bbb = card.domain("BBB").unwrap();
    // Both fire; the lower maximum binds and is listed first.
    assert_eq!(
        bbb.caps.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["CAP-BBB-01", "CAP-BBB-02"]
    );
    assert_eq!(bbb.score, Some(0.0));
}

#[test]
fn not_applicable_never_fires_a_cap() {
    let card = check(&[
        ("AAA-01", Response::NotApplicable("no data".into())),
        ("AAA-02", level(4)),
    ]);
    let aaa = card.domain("AAA").unwrap();
    assert!(aaa.caps.is_empty());
    assert_eq!(aaa.score, Some(100.0));
}

#[test]
fn unanswered_domain_has_no_score_and_no_index_weight() {
    let card = check(&[("BBB-01", Response::Choice("in_force".into()))]);
    assert_eq!(card.domain("AAA").unwrap().score, None);
    assert_eq!(card.index, Some(100.0));
    assert_eq!(card.index_contributions.len(), 1);
}

#[test]
fn gaps_rank_by_weight_times_shortfall_times_criticality() {
    // Profile "high": AAA-01 target 4, AAA-02 target 3, BBB-01 target 4.
    // AAA-01 level 2: 3 × 2 × 3 (critical) = 18.
    // AAA-02 level 1: 1 × 2 × 1 = 2.
    // BBB-01 none (level 0): 2 × 4 × 2 (high) = 16, fires CAP-BBB-01 → now.
    let card = check(&[
        ("AAA-01", level(2)),
        ("AAA-02", level(1)),
        ("BBB-01", Response::Choice("none".into())),
    ]);
    let summary: Vec<(&str, f64, Horizon)> = card
        .gaps
        .iter()
        .map(|g| (g.question.as_str(), g.priority, g.horizon))
        .collect();
    assert_eq!(
        summary,
        [
            ("AAA-01", 18.0, Horizon::Now),
            ("BBB-01", 16.0, Horizon::Now),
            ("AAA-02", 2.0, Horizon::Later)
        ]
    );
    let top = &card.gaps[0];
    assert_eq!(top.rank, 1);
    assert_eq!(
        top.recommendations,
        ["Make it daily and immutable.", "Test monthly."]
    );
    assert_eq!(
        top.reason,
        "AAA-01 at level 2 against a target of 4: shortfall 2 × weight 3 × critical (3) = priority 18"
    );
    assert_eq!(card.gaps[1].caps, ["CAP-BBB-01"]);
}

#[test]
fn target_overrides_replace_the_profile_target() {
    let mut overrides = BTreeMap::new();
    overrides.insert(QuestionId::parse("AAA-01").unwrap(), Level::new(2).unwrap());
    let responses = BTreeMap::from([(QuestionId::parse("AAA-01").unwrap(), level(2))]);
    let card = score(
        &mini(),
        &responses,
        &Targets {
            profile: "high".into(),
            overrides,
        },
    );
    assert!(card.gaps.is_empty());
}

#[test]
fn a_question_that_fires_a_cap_is_a_gap_even_at_its_target() {
    // The target is lowered to 1, but the cap fires below 2: level 1 is a gap to 2.
    let id = QuestionId::parse("AAA-01").unwrap();
    let overrides = BTreeMap::from([(id.clone(), Level::new(1).unwrap())]);
    let responses = BTreeMap::from([(id, level(1))]);
    let card = score(
        &mini(),
        &responses,
        &Targets {
            profile: "low".into(),
            overrides,
        },
    );
    assert_eq!(card.gaps.len(), 1);
    assert_eq!(card.gaps[0].target, Level::new(2).unwrap());
    assert_eq!(card.gaps[0].horizon, Horizon::Now);
}
