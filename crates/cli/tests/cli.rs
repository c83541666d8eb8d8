//! End-to-end tests of the `ironbridge` binary: the demo, scoring a file,
//! listing and validating banks, and the errors a user sees.

mod support;

use support::{demo_file, ironbridge, repo_file, utf8};

#[test]
fn demo_prints_index_weakest_domain_and_top_ten_gaps() {
    let out = ironbridge(["demo"]).run();
    let text = out.expect_success();
    assert!(text.contains("Resilience index"), "{text}");
    assert!(text.contains("Weakest domain"), "{text}");
    assert!(text.contains("Top 10 gaps"), "{text}");
    assert_eq!(text.matches("       why: ").count(), 10, "{text}");
    for domain in [
        "GOV ", "INS ", "DEP ", "OT ", "OUT ", "IAM ", "DET ", "IR ", "REC ", "BCM ",
    ] {
        assert!(text.contains(domain), "missing domain {domain}: {text}");
    }
}

#[test]
fn score_json_matches_the_demo_and_is_documented_shape() {
    let card = ironbridge(["score", &demo_file(), "--json"])
        .run()
        .expect_json();
    for field in [
        "bank_id",
        "bank_version",
        "target_profile",
        "index",
        "index_contributions",
        "weakest_domain",
        "domains",
        "gaps",
        "completion",
    ] {
        assert!(card.get(field).is_some(), "missing {field}");
    }
    assert_eq!(card["domains"].as_array().unwrap().len(), 10);
    let demo = ironbridge(["demo", "--json"]).run().expect_json();
    assert_eq!(card, demo);
}

#[test]
fn validate_bank_passes_on_the_shipped_bank() {
    let out = ironbridge(["validate-bank"]).run();
    let text = out.expect_success();
    assert!(
        text.starts_with("ok: bank ironbridge-manufacturing"),
        "{text}"
    );
    ironbridge(["validate-bank", &repo_file("assets/bank")])
        .run()
        .expect_success();
}

#[test]
fn validate_bank_fails_with_file_line_and_question() {
    let path = repo_file("tests/fixtures/banks/broken/zero-weight.toml");
    let out = ironbridge(["validate-bank", &path]).run();
    assert_eq!(out.status.code(), Some(1));
    let err = &out.stderr;
    assert!(err.contains("the question bank has 1 problem"), "{err}");
    assert!(
        err.contains("zero-weight.toml:39: AAA-01: weight 0 must be a positive number"),
        "{err}"
    );
}

#[test]
fn score_rejects_a_malformed_file_with_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.json");
    std::fs::write(
        &path,
        "{\n  \"format\": \"ironbridge.assessment\",\n  \"version\": 1,,\n}",
    )
    .expect("writes");
    let out = ironbridge(["score", utf8(&path)]).run();
    assert_eq!(out.status.code(), Some(1));
    let err = &out.stderr;
    assert!(
        err.contains("is not a valid assessment: line 3, column"),
        "{err}"
    );
}

#[test]
fn score_rejects_an_answer_that_does_not_fit_the_bank() {
    let demo = std::fs::read_to_string(demo_file()).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&demo).unwrap();
    value["answers"][0]["question"] = serde_json::Value::from("GOV-77");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("unknown-question.json");
    std::fs::write(&path, value.to_string()).expect("writes");
    let out = ironbridge(["score", utf8(&path)]).run();
    assert_eq!(out.status.code(), Some(1));
    let err = &out.stderr;
    assert!(
        err.contains("answers[0] (GOV-77): no such question in bank ironbridge-manufacturing"),
        "{err}"
    );
}

#[test]
fn bank_lists_every_question() {
    let out = ironbridge(["bank"]).run();
    let text = out.expect_success();
    assert!(text.contains("OUT-03"), "{text}");
    assert!(text.contains("[fact]"), "{text}");
}

#[test]
fn missing_file_is_named() {
    let out = ironbridge(["score", "/nonexistent/assessment.json"]).run();
    assert_eq!(out.status.code(), Some(1));
    let err = &out.stderr;
    assert!(
        err.contains("cannot read /nonexistent/assessment.json"),
        "{err}"
    );
}
