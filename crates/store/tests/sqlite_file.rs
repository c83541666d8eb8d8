//! The SQLite file as a whole: closing the store leaves every assessment in
//! the `.db` file itself (no write-ahead log needed), the file carries
//! Ironbridge's application id, and a file that is not Ironbridge's (another
//! application's database, a text file) is refused with its bytes and mode
//! unchanged and nothing created beside it.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use ironbridge_core::assessment::Assessment;
use ironbridge_store::{APPLICATION_ID, Actor, Close, SqliteStore, Store};
use sha2::{Digest, Sha256};
use sqlx::{ConnectOptions, Connection, SqliteConnection};

fn demo(id: &str) -> Assessment {
    let mut demo =
        Assessment::from_json(ironbridge_core::embedded::DEMO_ASSESSMENT).expect("the demo parses");
    demo.id = ironbridge_core::AssessmentId::parse(id).expect("a valid id");
    demo
}

fn actor() -> Actor {
    Actor::new("Ann Example").expect("a named actor")
}

/// The file's SHA-256 and mode.
fn fingerprint(path: &Path) -> (Vec<u8>, u32) {
    let bytes = std::fs::read(path).expect("the file reads");
    let mode = std::fs::metadata(path)
        .expect("the file exists")
        .permissions()
        .mode()
        & 0o777;
    (Sha256::digest(&bytes).to_vec(), mode)
}

/// The files in `dir`, sorted.
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

/// A plain SQLite connection, outside the store, creating the file.
async fn raw(path: &Path) -> SqliteConnection {
    sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .connect()
        .await
        .expect("a raw connection")
}

/// Makes another application's database at `path`, mode 0644.
async fn foreign_database(path: &Path, application_id: u32) {
    let mut conn = raw(path).await;
    let set_id = format!("PRAGMA application_id = {}", application_id as i32);
    sqlx::query(sqlx::AssertSqlSafe(set_id))
        .execute(&mut conn)
        .await
        .expect("the id is set");
    sqlx::query("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        .execute(&mut conn)
        .await
        .expect("a table");
    sqlx::query("INSERT INTO notes (body) VALUES ('mine')")
        .execute(&mut conn)
        .await
        .expect("a row");
    conn.close().await.expect("closed");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).expect("mode set");
}

fn header_application_id(path: &Path) -> u32 {
    let bytes = std::fs::read(path).expect("the file reads");
    u32::from_be_bytes(bytes[68..72].try_into().expect("four bytes"))
}

#[tokio::test]
async fn after_close_the_db_file_alone_holds_every_assessment() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ironbridge.db");
    let store = SqliteStore::open(&path).await.unwrap();
    for n in 0..3 {
        store
            .create_assessment(&actor(), &demo(&format!("copy-{n}")))
            .await
            .unwrap();
    }
    store.close().await.unwrap();
    store.close().await.expect("closing twice does nothing");
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    assert!(
        std::fs::metadata(&wal).map_or(true, |m| m.len() == 0),
        "the log is empty or gone"
    );
    assert_eq!(header_application_id(&path), APPLICATION_ID);
    // A backup of the database file alone, as a user would copy it.
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("copy.db");
    std::fs::copy(&path, &copy).unwrap();
    let reopened = SqliteStore::open(&copy).await.unwrap();
    let listed = reopened.list().await.unwrap();
    assert_eq!(listed.len(), 3, "{listed:?}");
    for n in 0..3 {
        let id = format!("copy-{n}");
        let mut loaded = reopened.load(&id, None).await.unwrap().answers;
        let mut stored = demo(&id).answers;
        loaded.sort_by(|a, b| a.question.as_str().cmp(b.question.as_str()));
        stored.sort_by(|a, b| a.question.as_str().cmp(b.question.as_str()));
        assert_eq!(loaded, stored, "every answer of {id} is in the copy");
        assert!(reopened.verify_log(&id).await.unwrap().is_intact());
    }
    reopened.close().await.unwrap();
}

#[tokio::test]
async fn another_applications_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    foreign_database(&path, 0x0f05_5112).await;
    let before = fingerprint(&path);
    let listing = entries(dir.path());
    let error = SqliteStore::open(&path).await.unwrap_err();
    assert_eq!(error.code(), "store.foreign_database");
    let message = error.to_string();
    assert!(
        message.contains("is another application's SQLite database (application id 0x0f055112)")
            && message.contains("Ironbridge will not write to it"),
        "{message}"
    );
    assert_eq!(fingerprint(&path), before, "bytes and mode unchanged");
    assert_eq!(entries(dir.path()), listing, "nothing created beside it");
}

#[tokio::test]
async fn a_database_without_an_id_and_with_other_tables_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("unclaimed.sqlite");
    foreign_database(&path, 0).await;
    let before = fingerprint(&path);
    let error = SqliteStore::open(&path).await.unwrap_err();
    assert_eq!(error.code(), "store.foreign_database");
    assert!(
        error.to_string().contains("(application id 0x00000000)"),
        "{error}"
    );
    assert_eq!(fingerprint(&path), before);
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_refused_before_its_mode_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "not a database\n".repeat(20)).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let before = fingerprint(&path);
    let error = SqliteStore::open(&path).await.unwrap_err();
    assert_eq!(error.code(), "store.not_a_database");
    assert!(
        error.to_string().contains("is not a SQLite database"),
        "{error}"
    );
    assert_eq!(fingerprint(&path), before, "bytes and mode 0644 unchanged");
    assert_eq!(entries(dir.path()), ["notes.txt"]);
}

#[tokio::test]
async fn an_empty_file_or_a_database_without_tables_is_taken_and_claimed() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    std::fs::set_permissions(&empty, std::fs::Permissions::from_mode(0o644)).unwrap();
    let store = SqliteStore::open(&empty).await.unwrap();
    store.close().await.unwrap();
    assert_eq!(fingerprint(&empty).1, 0o600, "narrowed once accepted");
    assert_eq!(header_application_id(&empty), APPLICATION_ID);
    // A SQLite database with no table at all (a header only).
    let bare = dir.path().join("bare.db");
    let mut conn = raw(&bare).await;
    sqlx::query("PRAGMA user_version = 1")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let store = SqliteStore::open(&bare).await.unwrap();
    store.close().await.unwrap();
    assert_eq!(header_application_id(&bare), APPLICATION_ID);
}

#[tokio::test]
async fn a_database_of_an_earlier_version_without_the_id_is_recognised_and_claimed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let store = SqliteStore::open(&path).await.unwrap();
    store
        .create_assessment(&actor(), &demo("kept-1"))
        .await
        .unwrap();
    store.close().await.unwrap();
    // As the versions before the id wrote it.
    let mut conn = raw(&path).await;
    sqlx::query("PRAGMA application_id = 0")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    assert_eq!(header_application_id(&path), 0);
    let store = SqliteStore::open(&path).await.unwrap();
    assert_eq!(store.list().await.unwrap().len(), 1);
    store.close().await.unwrap();
    assert_eq!(header_application_id(&path), APPLICATION_ID);
}
