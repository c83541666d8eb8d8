//! End-to-end tests of the `ironbridge` binary: the demo, scoring a file,
//! listing and validating banks, and the errors a user sees.

use std::path::PathBuf;
use std::process::{Command, Output};

fn ironbridge(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ironbridge"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn repo(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
        .display()
        .to_string()
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ironbridge-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir can be created");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("temp file can be written");
    path
}

#[test]
fn demo_prints_index_weakest_domain_and_top_ten_gaps() {
    let out = ironbridge(&["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
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
    let out = ironbridge(&["score", &repo("assets/demo/assessment.json"), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let card: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
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
    let demo: serde_json::Value =
        serde_json::from_str(&stdout(&ironbridge(&["demo", "--json"]))).unwrap();
    assert_eq!(card, demo);
}

#[test]
fn validate_bank_passes_on_the_shipped_bank() {
    let out = ironbridge(&["validate-bank"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("ok: bank ironbridge-manufacturing"),
        "{}",
        stdout(&out)
    );
    let folder = ironbridge(&["validate-bank", &repo("assets/bank")]);
    assert!(folder.status.success(), "{}", stderr(&folder));
}

#[test]
fn validate_bank_fails_with_file_line_and_question() {
    let path = repo("tests/fixtures/banks/broken/zero-weight.toml");
    let out = ironbridge(&["validate-bank", &path]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("the question bank has 1 problem"), "{err}");
    assert!(
        err.contains("zero-weight.toml:39: AAA-01: weight 0 must be a positive number"),
        "{err}"
    );
}

#[test]
fn score_rejects_a_malformed_file_with_line_and_column() {
    let path = temp_file(
        "broken.json",
        "{\n  \"format\": \"ironbridge.assessment\",\n  \"version\": 1,,\n}",
    );
    let out = ironbridge(&["score", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("is not a valid assessment: line 3, column"),
        "{err}"
    );
}

#[test]
fn score_rejects_an_answer_that_does_not_fit_the_bank() {
    let demo = std::fs::read_to_string(repo("assets/demo/assessment.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&demo).unwrap();
    value["answers"][0]["question"] = serde_json::Value::from("GOV-77");
    let path = temp_file("unknown-question.json", &value.to_string());
    let out = ironbridge(&["score", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("answers[0] (GOV-77): no such question in bank ironbridge-manufacturing"),
        "{err}"
    );
}

#[test]
fn bank_lists_every_question() {
    let out = ironbridge(&["bank"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("OUT-03"), "{text}");
    assert!(text.contains("[fact]"), "{text}");
}

#[test]
fn missing_file_is_named() {
    let out = ironbridge(&["score", "/nonexistent/assessment.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cannot read /nonexistent/assessment.json"),
        "{}",
        stderr(&out)
    );
}
