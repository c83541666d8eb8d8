//! The database the CLI is pointed at, as a file and as a server: after any
//! command the `.db` file alone is the whole database; a file that is not
//! Ironbridge's is refused with its bytes and mode unchanged; a PostgreSQL
//! port nothing listens on is reported at once as refused. Also `--days`,
//! whose range is checked before anything is read.

#![cfg(unix)]

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use support::{Ironbridge, demo_file, ironbridge, repo_file, utf8};

const DEMO_ID: &str = "demo-wrenmoor-2026";

/// `ironbridge --db DB ARGS…`.
fn on(db: &Path, args: &[&str]) -> Ironbridge {
    ironbridge(["--db"]).arg(db).args(args).audit_key_beside(db)
}

/// The file's bytes and mode.
fn fingerprint(path: &Path) -> (Vec<u8>, u32) {
    let mode = std::fs::metadata(path)
        .expect("the file exists")
        .permissions()
        .mode()
        & 0o777;
    (std::fs::read(path).expect("the file reads"), mode)
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the folder reads")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn after_init_and_import_a_copy_of_the_db_file_alone_holds_every_assessment() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("ironbridge.db");
    on(&db, &["db", "init"]).run().expect_success();
    let text = std::fs::read_to_string(demo_file()).expect("the demo");
    let ids = [DEMO_ID, "second-copy", "third-copy"];
    for id in ids {
        let file = dir.path().join(format!("{id}.json"));
        std::fs::write(&file, text.replace(DEMO_ID, id)).expect("written");
        on(&db, &["import", utf8(&file)]).run().expect_success();
    }
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    assert!(
        std::fs::metadata(&wal).map_or(true, |m| m.len() == 0),
        "nothing is left in the log"
    );
    // A user copies the database file, and only it, to another computer.
    let elsewhere = tempfile::tempdir().expect("temp");
    let copy = elsewhere.path().join("ironbridge.db");
    std::fs::copy(&db, &copy).expect("copied");
    let list = on(&copy, &["list", "--json"]).run().expect_json();
    let mut listed: Vec<&str> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|a| a["id"].as_str().expect("an id"))
        .collect();
    listed.sort_unstable();
    let mut expected = ids.to_vec();
    expected.sort_unstable();
    assert_eq!(listed, expected);
    // Each copy of the demo answers all 107 of bank 2's questions.
    for id in ids {
        let shown = on(&copy, &["show", id]).run();
        assert!(
            shown
                .expect_success()
                .contains("answers        107 responses"),
            "{}",
            shown.stdout
        );
    }
}

#[test]
fn a_failed_command_still_leaves_the_db_file_whole() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("ironbridge.db");
    on(&db, &["import", &demo_file()]).run().expect_success();
    // Fails after opening the store: the assessment exists already.
    on(&db, &["import", &demo_file()]).run().expect_failure();
    let copy = tempfile::tempdir().expect("temp");
    let copied = copy.path().join("copy.db");
    std::fs::copy(&db, &copied).expect("copied");
    let list = on(&copied, &["list", "--json"]).run().expect_json();
    assert_eq!(list.as_array().map(Vec::len), Some(1));
}

/// Copies a hostile fixture to a fresh folder with mode 0644 and runs
/// `list` on it; returns the error and checks nothing changed.
fn refused(fixture: &str) -> String {
    let dir = tempfile::tempdir().expect("temp");
    let name = Path::new(fixture).file_name().expect("a file name");
    let path = dir.path().join(name);
    std::fs::copy(repo_file(fixture), &path).expect("copied");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("mode set");
    let before = fingerprint(&path);
    let listing = entries(dir.path());
    for args in [&["list"][..], &["db", "init"], &["import", &demo_file()]] {
        let run = on(&path, args).run();
        run.expect_failure();
        assert_eq!(
            fingerprint(&path),
            before,
            "{fixture}: bytes and mode unchanged"
        );
        assert_eq!(entries(dir.path()), listing, "{fixture}: nothing beside it");
    }
    on(&path, &["list"]).run().stderr
}

#[test]
fn another_applications_database_is_refused_with_its_bytes_and_mode_unchanged() {
    let err = refused("tests/fixtures/hostile/another-application.sqlite");
    assert!(
        err.contains(
            "is another application's SQLite database (application id 0x0f055112); \
             Ironbridge will not write to it"
        ),
        "{err}"
    );
    let err = refused("tests/fixtures/hostile/unclaimed-application.sqlite");
    assert!(err.contains("(application id 0x00000000)"), "{err}");
}

#[test]
fn a_text_file_is_refused_as_not_a_database_before_its_mode_changes() {
    let err = refused("tests/fixtures/hostile/not-a-database.txt");
    assert!(err.contains("is not a SQLite database"), "{err}");
}

#[test]
fn a_postgres_port_nothing_listens_on_is_refused_at_once() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a free port")
        .local_addr()
        .expect("its address")
        .port();
    let url = format!("postgres://ironbridge:hunter2@127.0.0.1:{port}/ironbridge");
    let started = Instant::now();
    let run = on(Path::new(&url), &["list"]).run();
    let elapsed = started.elapsed();
    let err = run.expect_failure();
    assert!(elapsed < Duration::from_secs(2), "took {elapsed:?}: {err}");
    assert!(err.contains("connection refused"), "{err}");
    assert!(!err.contains("did not answer"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
}

#[test]
fn days_out_of_range_says_the_range_in_words() {
    for days in ["0", "-1", "3651", "inf", "NaN", "ten"] {
        let run = ironbridge(["exposure".to_owned(), demo_file(), format!("--days={days}")]).run();
        let err = run.expect_failure();
        assert!(
            err.contains("must be more than 0 and at most 3650 days"),
            "--days {days}: {err}"
        );
        assert!(!err.contains("(0 to 3650)"), "{err}");
    }
    for days in ["0.5", "3650"] {
        ironbridge(["exposure", &demo_file(), "--days", days, "--json"])
            .run()
            .expect_success();
    }
}
