//! `ironbridge migrate FILE --to 2`, and every file read on the bank it was
//! answered on: the v1 demo on bank 1, its migration and the bank 2 demo on
//! bank 2, without `--bank`.

mod support;

use support::{demo_file, demo_v1_file, ironbridge, repo_file, utf8};

/// The bank 2 demo (the v1 demo migrated and re-answered): the shipped demo.
fn bank_2_demo() -> String {
    demo_file()
}

#[test]
fn migrate_writes_a_bank_2_file_and_lists_the_plan_leaving_the_v1_file_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_path = dir.path().join("migrated.json");
    let before = std::fs::read(demo_v1_file()).unwrap();
    let out = ironbridge([
        "migrate",
        &demo_v1_file(),
        "--to",
        "2",
        "-o",
        utf8(&out_path),
    ])
    .run();
    let plan = out.expect_success();
    assert!(
        plan.starts_with("Moving this assessment from bank 1.0.0 to bank 2.0.0"),
        "{plan}"
    );
    assert!(plan.contains("\nKept ("), "{plan}");
    assert!(plan.contains("\nNew, unanswered ("), "{plan}");
    assert!(plan.contains("OT-10: new, unanswered"), "{plan}");
    assert!(out.stderr.contains("wrote "), "{}", out.stderr);
    assert_eq!(std::fs::read(demo_v1_file()).unwrap(), before);

    let v1: serde_json::Value = serde_json::from_slice(&before).unwrap();
    let v2: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(v2["bank"]["version"], "2.0.0");
    assert_eq!(v2["status"], "draft");
    // Every answer to a question bank 2 keeps under the same id is there, with its note.
    let answers = |v: &serde_json::Value| v["answers"].as_array().unwrap().clone();
    let v2_answers = answers(&v2);
    let mut kept = 0;
    for old in answers(&v1) {
        if let Some(new) = v2_answers.iter().find(|a| a["question"] == old["question"]) {
            let note = |a: &serde_json::Value| a["note"].as_str().unwrap_or_default().to_owned();
            assert_eq!(note(new), note(&old), "{}", old["question"]);
            kept += 1;
        }
    }
    assert!(kept >= 90, "only {kept} answers kept");

    // Scored on bank 2 with no --bank: the file names its bank.
    let card = ironbridge(["score", utf8(&out_path), "--json"])
        .run()
        .expect_json();
    assert_eq!(card["bank_version"], "2.0.0");
}

#[test]
fn migrate_without_output_prints_the_assessment_and_puts_the_plan_on_stderr() {
    let out = ironbridge(["migrate", &demo_v1_file(), "--to", "2"]).run();
    let json: serde_json::Value = serde_json::from_str(out.expect_success()).expect("JSON");
    assert_eq!(json["bank"]["version"], "2.0.0");
    assert!(out.stderr.contains("New, unanswered"), "{}", out.stderr);
}

#[test]
fn migrate_refuses_a_file_already_on_bank_2_or_an_unknown_bank() {
    let err = ironbridge(["migrate", &bank_2_demo(), "--to", "2"])
        .run()
        .expect_failure()
        .to_owned();
    assert!(err.contains("already on bank 2"), "{err}");
    let err = ironbridge(["migrate", &demo_v1_file(), "--to", "3"])
        .run()
        .expect_failure()
        .to_owned();
    assert!(err.contains("holds no bank 3"), "{err}");
}

#[test]
fn a_file_on_an_unknown_bank_version_is_refused_naming_both_versions() {
    let demo = std::fs::read_to_string(demo_v1_file()).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&demo).unwrap();
    value["bank"]["version"] = serde_json::Value::from("7.0.0");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bank-7.json");
    std::fs::write(&path, value.to_string()).expect("writes");
    let err = ironbridge(["score", utf8(&path)])
        .run()
        .expect_failure()
        .to_owned();
    assert!(
        err.contains(
            "answered on bank ironbridge-manufacturing 7.0.0, which this build cannot read"
        ),
        "{err}"
    );
    assert!(err.contains("ironbridge-manufacturing 1.0.0"), "{err}");
    assert!(err.contains("ironbridge-manufacturing 2.0.0"), "{err}");
}

#[test]
fn the_bank_2_demo_scores_clean_on_bank_2_and_renders_its_report() {
    let card = ironbridge(["score", &bank_2_demo(), "--json"])
        .run()
        .expect_json();
    assert_eq!(card["bank_version"], "2.0.0");
    let v1 = ironbridge(["score", &demo_v1_file(), "--json"])
        .run()
        .expect_json();
    assert_eq!(v1["bank_version"], "1.0.0");

    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("bank-2-demo.pdf");
    ironbridge(["report", &bank_2_demo(), "-o", utf8(&pdf)])
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .run()
        .expect_success();
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    // The same file on bank 1 alone does not fit, and says so.
    let err = ironbridge(["score", &bank_2_demo(), "--bank", &repo_file("assets/bank")])
        .run()
        .expect_failure()
        .to_owned();
    assert!(err.contains("2.0.0"), "{err}");
}

#[test]
fn validate_bank_without_a_path_checks_every_shipped_bank() {
    let out = ironbridge(["validate-bank"]).run();
    let text = out.expect_success();
    assert!(
        text.contains("ok: bank ironbridge-manufacturing 1.0.0"),
        "{text}"
    );
    assert!(
        text.contains("ok: bank ironbridge-manufacturing 2.0.0"),
        "{text}"
    );
}
