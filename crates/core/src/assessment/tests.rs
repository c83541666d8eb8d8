//! Checks of assessments against the mini bank: every answer that does not
//! fit is named with its index and question id.

use super::*;
use crate::bank::{Source, load};
use crate::frameworks::Catalogue;

fn mini() -> crate::Bank {
    let text = include_str!("../../../../tests/fixtures/banks/valid-mini.toml");
    load(
        &[Source {
            name: "valid-mini.toml",
            text,
        }],
        &Catalogue::shipped(),
    )
    .unwrap()
}

fn assessment(answers: &str) -> Assessment {
    let text = format!(
        r#"{{"format": "ironbridge.assessment", "version": 1, "id": "a", "title": "t",
  "bank": {{"id": "mini", "version": "0.1.0"}},
  "organisation": {{"name": "Acme", "sector": "s", "employees": 1, "annual_revenue": 1,
    "currency": "GBP", "operating_days_per_year": 250}},
  "assessor": {{"name": "A"}}, "mode": "self_assessment", "status": "draft",
  "started_on": "2026-11-02", "target_profile": "low", "answers": [{answers}]}}"#
    );
    Assessment::from_json(&text).unwrap()
}

fn check(answers: &str) -> Vec<String> {
    match assessment(answers).check(&mini()) {
        Ok(()) => Vec::new(),
        Err(issues) => issues.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn fitting_answers_pass() {
    let issues = check(
        r#"{"question": "AAA-01", "response": {"level": 3}},
           {"question": "AAA-02", "response": "unknown"},
           {"question": "AAA-03", "response": {"choice": "other"}},
           {"question": "BBB-01", "response": {"not_applicable": "no insurance market for us"}},
           {"question": "BBB-02", "response": {"number": 5000000}},
           {"question": "BBB-03", "response": {"yes_no": true}}"#,
    );
    assert!(issues.is_empty(), "{issues:?}");
}

#[test]
fn every_misfit_is_named_with_index_and_question() {
    let issues = check(
        r#"{"question": "AAA-01", "response": {"choice": "x"}},
           {"question": "AAA-01", "response": {"level": 1}},
           {"question": "AAA-03", "response": {"choice": "vendor_z"}},
           {"question": "BBB-01", "response": {"not_applicable": "  "}},
           {"question": "BBB-02", "response": {"number": -5}},
           {"question": "CCC-01", "response": {"level": 1}}"#,
    );
    assert_eq!(
        issues,
        [
            "answers[0].response (AAA-01): a maturity question cannot take a choice response",
            "answers[1] (AAA-01): second answer to the same question (the first is answers[0])",
            "answers[2].response (AAA-03): \"vendor_z\" is not an option (allowed: vendor_a, other)",
            "answers[3].response (BBB-01): not applicable needs a justification",
            "answers[4].response (BBB-02): -5 is out of range (at least 0)",
            "answers[5] (CCC-01): no such question in bank mini 0.1.0",
        ]
    );
}

#[test]
fn other_bank_and_unknown_profile_are_reported() {
    let mut a = assessment("");
    a.bank.id = "other".into();
    a.target_profile = "extreme".into();
    let issues: Vec<String> = a
        .check(&mini())
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        issues,
        [
            "bank.id: the assessment uses bank \"other\", not \"mini\"",
            "target_profile: unknown target profile \"extreme\" (the bank has: low, high)",
        ]
    );
}

#[test]
fn note_without_response_is_kept_and_unscored() {
    let a = assessment(r#"{"question": "AAA-01", "note": "ask the MSP", "follow_up": true}"#);
    assert!(a.check(&mini()).is_ok());
    assert!(a.responses().is_empty());
    assert!(a.answers[0].follow_up);
}
