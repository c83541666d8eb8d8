//! Checks of assessments against the mini bank: every answer that does not
//! fit is named with its index and question id.

use super::*;
use crate::assessment::limits;
use crate::bank::{Source, load};
use crate::frameworks::Catalogue;

fn mini() -> crate::Bank {
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
            "answers[4].response (BBB-02): -5 is out of range (0 to 10,000,000,000,000)",
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

fn issues_of(a: &Assessment) -> Vec<String> {
    match a.check(&mini()) {
        Ok(()) => Vec::new(),
        Err(issues) => issues.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_huge_note_is_refused_with_its_question_and_length() {
    let mut a = assessment(r#"{"question": "AAA-01", "response": {"level": 3}}"#);
    a.answers[0].note = "x".repeat(52_428_800);
    assert_eq!(
        issues_of(&a),
        [
            "answers[0].note (AAA-01): the note on question AAA-01 is 52,428,800 characters; \
          at most 20,000 are allowed"
        ]
    );
    a.answers[0].note = "x".repeat(limits::MAX_NOTE_CHARS);
    assert!(issues_of(&a).is_empty());
}

#[test]
fn long_justifications_and_choices_are_refused() {
    let why = "w".repeat(limits::MAX_JUSTIFICATION_CHARS + 1);
    let choice = "c".repeat(limits::MAX_NAME_CHARS + 1);
    let a = assessment(&format!(
        r#"{{"question": "BBB-01", "response": {{"not_applicable": "{why}"}}}},
           {{"question": "AAA-03", "response": {{"choice": "{choice}"}}}}"#
    ));
    let issues = issues_of(&a);
    assert_eq!(issues.len(), 3, "{issues:?}");
    assert!(
        issues[1].starts_with(
            "answers[0].response (BBB-01): the justification on question BBB-01 is 5,001 characters"
        ),
        "{issues:?}"
    );
    assert!(
        issues[2].starts_with(
            "answers[1].response (AAA-03): the choice on question AAA-03 is 501 characters"
        ),
        "{issues:?}"
    );
    // The unknown option is named without repeating the whole value.
    assert!(
        issues[0].starts_with("answers[1].response (AAA-03): \"ccc"),
        "{issues:?}"
    );
}

#[test]
fn too_many_answers_are_refused_in_one_problem() {
    let one = r#"{"question": "AAA-01", "response": {"level": 3}}"#;
    let many = vec![one; limits::MAX_ANSWERS + 1].join(",");
    let issues = issues_of(&assessment(&many));
    assert_eq!(
        issues,
        ["answers: 1,001 answers; at most 1,000 are allowed"]
    );
}

#[test]
fn money_answers_are_bounded_whatever_the_bank_says() {
    let issues = check(r#"{"question": "BBB-02", "response": {"number": 1e308}}"#);
    assert_eq!(
        issues,
        ["answers[0].response (BBB-02): 1e308 is out of range (0 to 10,000,000,000,000)"]
    );
    assert!(check(r#"{"question": "BBB-02", "response": {"number": 1e13}}"#).is_empty());
}

#[test]
fn a_completion_before_the_start_is_refused() {
    let mut a = assessment("");
    a.completed_on = Some(a.started_on.pred_opt().unwrap());
    assert_eq!(
        issues_of(&a),
        ["completed_on: completed on 2026-11-01, before it was started on 2026-11-02"]
    );
    a.completed_on = Some(a.started_on);
    assert!(issues_of(&a).is_empty());
}

#[test]
fn the_profile_numbers_every_model_reads_are_checked_by_every_command() {
    let mut a = assessment("");
    a.organisation.annual_revenue = 1e308;
    a.organisation.operating_days_per_year = 400;
    a.organisation.cash_available = Some(1e300);
    assert_eq!(
        issues_of(&a),
        [
            "organisation.operating_days_per_year: operating days a year must be between 1 and 366",
            "organisation.annual_revenue: annual revenue must be more than zero and at most 10,000,000,000,000",
            "organisation.cash_available: cash available must be zero or more and at most 10,000,000,000,000",
        ]
    );
}

#[test]
fn narrative_edits_are_limited() {
    let mut a = assessment("");
    a.narrative.executive_summary = Some("s".repeat(limits::MAX_NARRATIVE_CHARS + 1));
    assert_eq!(
        issues_of(&a),
        [
            "narrative.executive_summary: the executive summary is 20,001 characters; at most 20,000 are allowed"
        ]
    );
}

#[test]
fn another_major_version_of_the_bank_is_refused() {
    let mut a = assessment("");
    a.bank.version = "0.9.3".into();
    assert!(issues_of(&a).is_empty(), "same major version");
    a.bank.version = "2.0.0".into();
    assert_eq!(
        issues_of(&a),
        [
            "bank.version: the assessment was made against version 2.0.0 of the bank, which this \
          build cannot read: it has version 0.1.0, of another major version"
        ]
    );
}
