//! End-to-end tests of the store commands of the `ironbridge` binary: `db
//! init`, `import`, `list`, `show`, `export` (plain and encrypted),
//! `verify-log`, the errors a user sees, and several CLI processes writing one
//! database at once.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn ironbridge(db: &Path, args: &[&str], passphrase: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ironbridge"));
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("IRONBRIDGE_DB")
        .env_remove("IRONBRIDGE_PASSPHRASE")
        .stdin(Stdio::null());
    if let Some(passphrase) = passphrase {
        command.env("IRONBRIDGE_PASSPHRASE", passphrase);
    }
    command.output().expect("the binary runs")
}

fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn failed(output: &Output) -> String {
    assert!(!output.status.success(), "succeeded unexpectedly");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn demo_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo/assessment.json")
}

const DEMO_ID: &str = "demo-wrenmoor-2026";

#[test]
fn import_list_show_export_and_reimport_round_trip() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("a.db");
    assert!(ok(&ironbridge(&db, &["db", "init"], None)).starts_with("ready: SQLite database"));
    let demo = demo_file();
    let out = ok(&ironbridge(
        &db,
        &["import", demo.to_str().expect("utf-8"), "--as", "Ann"],
        None,
    ));
    assert!(
        out.contains(&format!("imported {DEMO_ID} (revision 1)")),
        "{out}"
    );
    let out = ok(&ironbridge(&db, &["list"], None));
    assert!(out.contains(DEMO_ID) && out.contains("Wrenmoor"), "{out}");
    let out = ok(&ironbridge(&db, &["show", DEMO_ID], None));
    assert!(out.contains("answers        94 responses"), "{out}");
    let bundle = dir.path().join("demo.ironbridge");
    ok(&ironbridge(
        &db,
        &["export", DEMO_ID, "-o", bundle.to_str().expect("utf-8")],
        None,
    ));
    let other = dir.path().join("b.db");
    ok(&ironbridge(
        &other,
        &["import", bundle.to_str().expect("utf-8")],
        None,
    ));
    let a = ok(&ironbridge(&db, &["show", DEMO_ID, "--json"], None));
    let b = ok(&ironbridge(&other, &["show", DEMO_ID, "--json"], None));
    assert_eq!(a, b);
    let out = ok(&ironbridge(&other, &["verify-log", DEMO_ID], None));
    assert!(out.starts_with("ok: 1 entries, chain intact"), "{out}");
}

#[test]
fn encrypted_export_needs_the_passphrase_and_a_wrong_one_says_so() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("a.db");
    let demo = demo_file();
    ok(&ironbridge(
        &db,
        &["import", demo.to_str().expect("utf-8")],
        None,
    ));
    let bundle = dir.path().join("demo.ironbridge");
    let path = bundle.to_str().expect("utf-8");
    let err = failed(&ironbridge(
        &db,
        &["export", DEMO_ID, "-o", path, "--encrypt"],
        None,
    ));
    assert!(err.contains("set IRONBRIDGE_PASSPHRASE"), "{err}");
    ok(&ironbridge(
        &db,
        &["export", DEMO_ID, "-o", path, "--encrypt"],
        Some("tiger lily"),
    ));
    let bytes = std::fs::read(&bundle).expect("written");
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    assert!(!String::from_utf8_lossy(&bytes).contains("Wrenmoor"));
    let other = dir.path().join("b.db");
    let err = failed(&ironbridge(&other, &["import", path], None));
    assert!(err.contains("a passphrase is needed"), "{err}");
    let err = failed(&ironbridge(&other, &["import", path], Some("tiger lilly")));
    assert!(err.contains("the passphrase is wrong"), "{err}");
    assert_eq!(err.matches("the passphrase is wrong").count(), 1, "{err}");
    ok(&ironbridge(&other, &["import", path], Some("tiger lily")));
}

#[test]
fn bad_database_urls_are_named_without_the_password() {
    let err = failed(&ironbridge(
        Path::new("mysql://root:hunter2@db/x"),
        &["list"],
        None,
    ));
    assert!(err.contains("scheme \"mysql\" is not supported"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
    let err = failed(&ironbridge(Path::new("sqlite::memory:"), &["list"], None));
    assert!(err.contains("in-memory"), "{err}");
}

#[test]
fn unknown_assessment_is_named() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("a.db");
    let err = failed(&ironbridge(&db, &["show", "nope"], None));
    assert!(err.contains("no assessment with id \"nope\""), "{err}");
}

#[test]
fn several_cli_processes_writing_one_database_lose_nothing() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("shared.db");
    ok(&ironbridge(&db, &["db", "init"], None));
    let text = std::fs::read_to_string(demo_file()).expect("the demo");
    let ids: Vec<String> = (0..6).map(|n| format!("copy-{n}")).collect();
    let files: Vec<PathBuf> = ids
        .iter()
        .map(|id| {
            let path = dir.path().join(format!("{id}.json"));
            std::fs::write(&path, text.replace(DEMO_ID, id)).expect("written");
            path
        })
        .collect();
    let children: Vec<_> = files
        .iter()
        .map(|file| {
            Command::new(env!("CARGO_BIN_EXE_ironbridge"))
                .arg("--db")
                .arg(&db)
                .arg("import")
                .arg(file)
                .env_remove("IRONBRIDGE_DB")
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("starts")
        })
        .collect();
    for child in children {
        ok(&child.wait_with_output().expect("finishes"));
    }
    let list = ok(&ironbridge(&db, &["list", "--json"], None));
    let list: serde_json::Value = serde_json::from_str(&list).expect("json");
    assert_eq!(list.as_array().map(Vec::len), Some(ids.len()));
    for id in &ids {
        ok(&ironbridge(&db, &["verify-log", id], None));
    }
}
