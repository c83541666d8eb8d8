//! End-to-end tests of `ironbridge exposure` and `ironbridge dependencies` on
//! the demo assessment: the documented JSON shape (docs/EXPOSURE.md), the
//! seed and days options, and the errors a user sees.

mod support;

use std::path::PathBuf;

use support::{demo_file, ironbridge, repo_file, utf8};

fn json(args: &[&str]) -> serde_json::Value {
    ironbridge(args).run().expect_json()
}

#[test]
fn exposure_json_has_the_documented_shape() {
    let e = json(&["exposure", &demo_file(), "--json"]);
    for field in [
        "currency",
        "headline",
        "basis",
        "policy",
        "terms",
        "restore",
        "output",
        "scenarios",
        "provider_outages",
        "flags",
        "sensitivity",
        "simulation",
        "assumptions",
        "notes",
    ] {
        assert!(e.get(field).is_some(), "missing {field}");
    }
    assert_eq!(e["currency"], "GBP");
    let keys: Vec<&str> = e["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["1_day", "1_week", "5_weeks", "custom"]);
    for row in e["scenarios"].as_array().unwrap() {
        let gross = row["gross_loss"].as_f64().unwrap();
        let insured = row["insured_recovery"].as_f64().unwrap();
        let uninsured = row["uninsured_loss"].as_f64().unwrap();
        assert!((gross - insured - uninsured).abs() < 1e-6 * gross.max(1.0));
        assert!(row["uninsured_days_of_cash"].is_number());
        assert!(!row["explanation"].as_array().unwrap().is_empty());
    }
    let sim = &e["simulation"];
    assert_eq!(sim["draws"], 100_000);
    for p in ["p50", "p90", "p99"] {
        assert!(sim["uninsured"][p].is_number() && sim["gross"][p].is_number());
    }
    assert_eq!(sim["exceedance"].as_array().unwrap().len(), 102);
    let assumptions = e["assumptions"].as_array().unwrap();
    assert!(
        assumptions
            .iter()
            .all(|a| a["source"].as_str().is_some_and(|s| !s.is_empty()))
    );
    assert!(!e["sensitivity"]["entries"].as_array().unwrap().is_empty());
}

#[test]
fn exposure_is_reproducible_and_takes_a_custom_length() {
    let demo = demo_file();
    let args = ["exposure", &demo, "--json", "--seed", "7", "--days", "10"];
    let a = ironbridge(args).run();
    let b = ironbridge(args).run();
    let e = a.expect_json();
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(e["scenarios"][3]["days"], 10.0);
    assert_eq!(e["simulation"]["seed"], 7);
    let other = json(&["exposure", &demo, "--json", "--seed", "8", "--days", "10"]);
    assert_ne!(
        e["simulation"]["uninsured"]["p50"],
        other["simulation"]["uninsured"]["p50"]
    );
}

#[test]
fn exposure_text_shows_the_scenario_table_and_percentiles() {
    let out = ironbridge(["exposure", &demo_file()]).run();
    let text = out.expect_success();
    for needle in [
        "money at risk",
        "5 weeks (the JLR halt)",
        "Uninsured",
        "P90",
        "Flags:",
    ] {
        assert!(text.contains(needle), "missing {needle:?}: {text}");
    }
}

#[test]
fn assumption_overrides_come_from_a_file_and_are_checked() {
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path();
    let good = dir.join("good.json");
    std::fs::write(&good, r#"{"fixed_cost_share": 0.3, "draws": 2000}"#).unwrap();
    let e = json(&[
        "exposure",
        &demo_file(),
        "--json",
        "--assumptions",
        utf8(&good),
    ]);
    assert_eq!(e["simulation"]["draws"], 2000);
    let row = e["assumptions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "fixed_cost_share")
        .unwrap()
        .clone();
    assert_eq!(row["overridden"], true);
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"fixed_cost_share": 3}"#).unwrap();
    let out = ironbridge(["exposure", &demo_file(), "--assumptions", utf8(&bad)]).run();
    let err = out.expect_failure();
    assert!(err.contains("fixed_cost_share"), "{err}");
    let typo = dir.join("typo.json");
    std::fs::write(&typo, r#"{"fixed_costs": 0.3}"#).unwrap();
    let out = ironbridge(["exposure", &demo_file(), "--assumptions", utf8(&typo)]).run();
    let err = out.expect_failure();
    assert!(err.contains("fixed_costs"), "{err}");
}

#[test]
fn dependencies_json_lists_single_points_of_failure_and_blast_radius() {
    let d = json(&["dependencies", &demo_file(), "--json"]);
    for field in [
        "provider_threshold",
        "nodes",
        "edges",
        "systems",
        "providers",
        "processes",
        "single_points_of_failure",
        "findings",
        "cycles",
    ] {
        assert!(d.get(field).is_some(), "missing {field}");
    }
    assert_eq!(d["provider_threshold"], 3);
    let spofs: Vec<String> = d["single_points_of_failure"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}:{}",
                s["subject"]["kind"].as_str().unwrap(),
                s["subject"]["id"].as_str().unwrap()
            )
        })
        .collect();
    assert!(spofs.contains(&"provider:corvane".to_owned()), "{spofs:?}");
    assert!(spofs.contains(&"system:erp".to_owned()), "{spofs:?}");
    let corvane = d["providers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "corvane")
        .unwrap()
        .clone();
    assert_eq!(corvane["combines_critical_services"], true);
    assert!(
        !corvane["compromise"]["systems"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let severities: Vec<&str> = d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities.first(), Some(&"critical"));
}

#[test]
fn dependencies_text_and_threshold() {
    let out = ironbridge(["dependencies", &demo_file(), "--threshold", "100"]).run();
    let text = out.expect_success();
    assert!(text.contains("Single points of failure:"), "{text}");
    assert!(
        !text.contains("provider Corvane"),
        "threshold 100 leaves no provider: {text}"
    );
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let out = ironbridge(["exposure", "/nonexistent/assessment.json"]).run();
    let err = out.expect_failure();
    assert!(err.contains("cannot read"), "{err}");
}

/// The demo's `exposure --json`, committed: the desktop app's test
/// (src-tauri, `exposure_figures_equal_the_cli_json_for_the_same_assessment`)
/// checks the figures it shows against this very output.
fn committed_demo_exposure() -> PathBuf {
    PathBuf::from(repo_file("tests/fixtures/exposure/demo.json"))
}

#[test]
fn demo_exposure_json_equals_the_committed_output_the_app_is_tested_against() {
    let out = ironbridge(["exposure", &demo_file(), "--json"]).run();
    let printed = out.expect_success();
    let path = committed_demo_exposure();
    if std::env::var_os("IRONBRIDGE_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
        std::fs::write(&path, printed).expect("written");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == printed,
        "tests/fixtures/exposure/demo.json differs from `ironbridge exposure DEMO --json`: \
         if the change is intended, regenerate it with \
         `IRONBRIDGE_BLESS=1 cargo test -p ironbridge-cli --test exposure` and commit it"
    );
}
