//! Scoring examples on the version-2 mini bank
//! (`tests/fixtures/banks/valid-mini-v2.toml`): the index gate, risk transfer
//! apart from the index, waivers and a provisional index, each worked by hand.

use std::collections::BTreeMap;

use super::*;
use crate::bank::{Source, load};
use crate::frameworks::Catalogue;

fn mini2() -> Bank {
    let text = include_str!("../../../../tests/fixtures/banks/valid-mini-v2.toml");
    load(
        &[Source {
            name: "valid-mini-v2.toml",
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
    score(&mini2(), &responses, &targets)
}

fn level(n: u8) -> Response {
    Response::Level(Level::new(n).unwrap())
}

#[test]
fn risk_transfer_is_scored_apart_from_the_index() {
    // AAA: (3 × 100 + 1 × 100) / 4 = 100; CCC 75; BBB (insurance) 100 but not in the index.
    // Index = (2 × 100 + 1 × 75) / 3 = 91.666…; risk transfer = 100.
    let card = check(&[
        ("AAA-01", level(4)),
        ("AAA-02", level(4)),
        ("BBB-01", Response::Choice("in_force".into())),
        ("CCC-01", level(3)),
    ]);
    let index = card.index.unwrap();
    assert!((index - 275.0 / 3.0).abs() < 1e-9, "{index}");
    assert_eq!(card.risk_transfer, Some(100.0));
    let in_index: Vec<&str> = card
        .index_contributions
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(in_index, ["AAA", "CCC"]);
    assert_eq!(card.risk_transfer_contributions[0].id, "BBB");
    assert_eq!(card.domain("BBB").unwrap().role, DomainRole::RiskTransfer);
    // Buying no policy lowers the risk-transfer score, never the index.
    let without = check(&[
        ("AAA-01", level(4)),
        ("AAA-02", level(4)),
        ("BBB-01", Response::Choice("none".into())),
        ("CCC-01", level(3)),
    ]);
    assert_eq!(without.index, card.index);
    assert_eq!(without.risk_transfer, Some(0.0));
    assert!(!card.provisional);
}

#[test]
fn a_firing_gate_bounds_the_index_and_says_why() {
    // AAA-01 level 1: AAA = (3 × 25 + 1 × 100) / 4 = 43.75, capped at 30; CCC 100.
    // Ungated index = (2 × 30 + 100) / 3 = 53.33…; the gate holds it at 40.
    let card = check(&[
        ("AAA-01", level(1)),
        ("AAA-02", level(4)),
        ("CCC-01", level(4)),
    ]);
    let ungated = card.index_ungated.unwrap();
    assert!((ungated - 160.0 / 3.0).abs() < 1e-9, "{ungated}");
    assert_eq!(card.index, Some(40.0));
    let gate = &card.gates[0];
    assert_eq!(gate.id, "GATE-AAA-01");
    assert_eq!(gate.trigger, "level 1, below 2");
    assert!(gate.reason.contains("offline copy"), "{}", gate.reason);
    // The question is a gap now, and says it fires the gate.
    let gap = card
        .gaps
        .iter()
        .find(|g| g.question.as_str() == "AAA-01")
        .unwrap();
    assert_eq!(gap.gates, ["GATE-AAA-01"]);
    assert_eq!(gap.horizon, Horizon::Now);
    assert!(
        gap.reason.ends_with("fires CAP-AAA-01, GATE-AAA-01"),
        "{}",
        gap.reason
    );
}

#[test]
fn a_gate_below_the_mean_changes_nothing_but_is_still_listed() {
    // AAA-01 unknown (0 × 3) and AAA-02 0: AAA = 0; CCC 0: the index is 0, under the gate's 40.
    let card = check(&[
        ("AAA-01", Response::Unknown),
        ("AAA-02", level(0)),
        ("CCC-01", level(0)),
    ]);
    assert_eq!(card.index, Some(0.0));
    assert_eq!(card.gates[0].trigger, "unknown");
}

#[test]
fn an_unanswered_gate_question_makes_the_index_provisional() {
    let card = check(&[("AAA-02", level(4)), ("CCC-01", level(4))]);
    assert_eq!(card.index, Some(100.0));
    assert!(card.provisional);
    assert_eq!(card.pending_gates[0].id, "GATE-AAA-01");
    assert_eq!(card.pending_gates[0].question.as_str(), "AAA-01");
    assert!(card.gates.is_empty());
}

#[test]
fn not_applicable_waives_cap_and_gate_with_its_justification() {
    let card = check(&[
        (
            "AAA-01",
            Response::NotApplicable("No data is kept on site: all in the group's cloud.".into()),
        ),
        ("AAA-02", level(4)),
        ("CCC-01", level(4)),
    ]);
    assert_eq!(card.index, Some(100.0));
    assert!(card.gates.is_empty() && card.pending_gates.is_empty());
    let ids: Vec<(&str, BoundKind)> = card
        .waivers
        .iter()
        .map(|w| (w.id.as_str(), w.kind))
        .collect();
    assert_eq!(
        ids,
        [
            ("CAP-AAA-01", BoundKind::Cap),
            ("GATE-AAA-01", BoundKind::Gate)
        ]
    );
    assert!(
        card.waivers
            .iter()
            .all(|w| w.justification.starts_with("No data is kept"))
    );
    assert_eq!(card.domain("AAA").unwrap().waived[0].max, 30.0);
    assert!(card.unjustified_not_applicable.is_empty());
}

#[test]
fn not_applicable_without_justification_on_a_gated_question_fires_and_is_reported() {
    let card = check(&[
        ("AAA-01", Response::NotApplicable("  ".into())),
        ("AAA-02", level(4)),
        ("CCC-01", level(4)),
    ]);
    assert_eq!(
        card.unjustified_not_applicable
            .iter()
            .map(QuestionId::as_str)
            .collect::<Vec<_>>(),
        ["AAA-01"]
    );
    assert_eq!(
        card.gates[0].trigger,
        "not applicable without a justification"
    );
    assert_eq!(card.domain("AAA").unwrap().caps[0].id, "CAP-AAA-01");
    assert_eq!(card.index, Some(40.0));
    assert!(card.waivers.is_empty());
}
