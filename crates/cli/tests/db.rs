//! End-to-end tests of the store commands of the `ironbridge` binary: `db
//! init`, `import`, `list`, `show`, `export` (plain and encrypted),
//! `verify-log`, the errors a user sees, and several CLI processes writing one
//! database at once.

mod support;

use std::path::{Path, PathBuf};

use support::{Ironbridge, demo_file, ironbridge, utf8};

/// `ironbridge --db DB ARGS…`.
fn on(db: &Path, args: &[&str]) -> Ironbridge {
    ironbridge(["--db"]).arg(db).args(args).audit_key_beside(db)
}

const DEMO_ID: &str = "demo-wrenmoor-2026";

const PASSPHRASE: &str = "IRONBRIDGE_PASSPHRASE";

#[test]
fn import_list_show_export_and_reimport_round_trip() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("a.db");
    let out = on(&db, &["db", "init"]).run();
    assert!(out.expect_success().starts_with("ready: SQLite database"));
    let demo = demo_file();
    let out = on(&db, &["import", &demo, "--as", "Ann"]).run();
    let text = out.expect_success();
    assert!(
        text.contains(&format!("imported {DEMO_ID} (revision 1)")),
        "{text}"
    );
    let out = on(&db, &["list"]).run();
    let text = out.expect_success();
    assert!(
        text.contains(DEMO_ID) && text.contains("Wrenmoor"),
        "{text}"
    );
    let out = on(&db, &["show", DEMO_ID]).run();
    let text = out.expect_success();
    // The demo answers every one of bank 2's 107 questions.
    assert!(text.contains("answers        107 responses"), "{text}");
    let bundle = dir.path().join("demo.ironbridge");
    on(&db, &["export", DEMO_ID, "-o", utf8(&bundle)])
        .run()
        .expect_success();
    let other = dir.path().join("b.db");
    on(&other, &["import", utf8(&bundle)])
        .run()
        .expect_success();
    let a = on(&db, &["show", DEMO_ID, "--json"]).run();
    let b = on(&other, &["show", DEMO_ID, "--json"]).run();
    assert_eq!(a.expect_success(), b.expect_success());
    let out = on(&other, &["verify-log", DEMO_ID]).run();
    let text = out.expect_success();
    assert!(
        text.starts_with("ok: 1 entry, chain intact and signed"),
        "{text}"
    );
}

#[test]
fn encrypted_export_needs_the_passphrase_and_a_wrong_one_says_so() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("a.db");
    on(&db, &["import", &demo_file()]).run().expect_success();
    let bundle = dir.path().join("demo.ironbridge");
    let path = utf8(&bundle);
    let export = ["export", DEMO_ID, "-o", path, "--encrypt"];
    let out = on(&db, &export).run();
    let err = out.expect_failure();
    assert!(err.contains("set IRONBRIDGE_PASSPHRASE"), "{err}");
    on(&db, &export)
        .env(PASSPHRASE, "tiger lily")
        .run()
        .expect_success();
    let bytes = std::fs::read(&bundle).expect("written");
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    assert!(!String::from_utf8_lossy(&bytes).contains("Wrenmoor"));
    let other = dir.path().join("b.db");
    let out = on(&other, &["import", path]).run();
    let err = out.expect_failure();
    assert!(err.contains("a passphrase is needed"), "{err}");
    let out = on(&other, &["import", path])
        .env(PASSPHRASE, "tiger lilly")
        .run();
    let err = out.expect_failure();
    assert!(err.contains("the passphrase is wrong"), "{err}");
    assert_eq!(err.matches("the passphrase is wrong").count(), 1, "{err}");
    on(&other, &["import", path])
        .env(PASSPHRASE, "tiger lily")
        .run()
        .expect_success();
}

#[test]
fn bad_database_urls_are_named_without_the_password() {
    let out = on(Path::new("mysql://root:hunter2@db/x"), &["list"]).run();
    let err = out.expect_failure();
    assert!(err.contains("scheme \"mysql\" is not supported"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
    let out = on(Path::new("sqlite::memory:"), &["list"]).run();
    let err = out.expect_failure();
    assert!(err.contains("in-memory"), "{err}");
}

#[test]
fn unknown_assessment_is_named() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("a.db");
    let out = on(&db, &["show", "nope"]).run();
    let err = out.expect_failure();
    assert!(err.contains("no assessment with id \"nope\""), "{err}");
}

#[test]
fn several_cli_processes_writing_one_database_lose_nothing() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("shared.db");
    on(&db, &["db", "init"]).run().expect_success();
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
    let running: Vec<_> = files
        .iter()
        .map(|file| on(&db, &["import", utf8(file)]).start())
        .collect();
    for child in running {
        child.finish().expect_success();
    }
    let list = on(&db, &["list", "--json"]).run().expect_json();
    assert_eq!(list.as_array().map(Vec::len), Some(ids.len()));
    for id in &ids {
        on(&db, &["verify-log", id]).run().expect_success();
    }
}
