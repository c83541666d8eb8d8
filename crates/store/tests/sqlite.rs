//! The store contract on SQLite, plus what only SQLite has: the file's mode,
//! the pragmas on every pooled connection, and catching a tampered chain.

mod support;

use std::os::unix::fs::PermissionsExt;

use ironbridge_store::{LogProblem, SqliteStore, Store};
use support::{Env, SqliteEnv, actor, demo};

async fn fresh() -> Option<SqliteEnv> {
    Some(SqliteEnv::new().await)
}

contract_tests!(fresh;
    stored_assessment_loads_back_equal,
    list_shows_each_assessment_in_one_line_latest_change_first,
    saving_an_answer_records_who_old_and_new_value,
    saving_an_unchanged_answer_writes_nothing,
    clearing_a_response_keeps_the_note_and_logs_the_removal,
    final_revision_is_frozen_and_a_change_makes_a_new_one,
    audit_log_rejects_update_and_delete,
    registers_round_trip_and_are_logged,
    narrative_edits_are_saved_logged_and_frozen_with_the_revision,
    saved_assumptions_are_saved_logged_and_frozen_with_the_revision,
    evidence_is_stored_once_per_digest_and_capped,
    export_import_export_round_trips,
    every_export_carries_its_log_head_and_those_before,
    encrypted_bundle_needs_the_right_passphrase,
    malformed_bundles_each_fail_precisely_and_change_nothing,
    a_failure_midway_through_an_import_rolls_everything_back,
    unknown_assessment_is_not_found,
    concurrent_writers_keep_every_answer_and_the_chain,
);

#[tokio::test]
async fn every_pooled_connection_is_durable_wal_with_foreign_keys() {
    let env = SqliteEnv::new().await;
    let pool = env.store.pool();
    let mut conns = Vec::new();
    // Hold every connection the pool allows at once, so each is checked.
    for _ in 0..pool.options().get_max_connections() {
        conns.push(pool.acquire().await.expect("a connection"));
    }
    for conn in &mut conns {
        let mut pragma = async |name: &'static str| -> String {
            let sql = sqlx::AssertSqlSafe(format!("PRAGMA {name}"));
            let value: sqlx::sqlite::SqliteRow = sqlx::query(sql)
                .fetch_one(&mut **conn)
                .await
                .expect("pragma");
            sqlx::Row::try_get::<i64, _>(&value, 0)
                .map(|n| n.to_string())
                .or_else(|_| sqlx::Row::try_get::<String, _>(&value, 0))
                .expect("a value")
        };
        assert_eq!(pragma("journal_mode").await, "wal");
        assert_eq!(pragma("synchronous").await, "2", "synchronous=FULL");
        assert_eq!(pragma("foreign_keys").await, "1");
        assert_eq!(pragma("secure_delete").await, "1");
        assert_eq!(
            pragma("wal_autocheckpoint").await,
            "0",
            "checkpoints run in the background, not inside a save"
        );
        let timeout: i64 = pragma("busy_timeout").await.parse().expect("a number");
        assert!(timeout >= 5000, "busy_timeout {timeout}");
    }
}

#[tokio::test]
async fn database_and_its_companions_are_readable_by_the_user_only() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("new/folder/ironbridge.db");
    let store = SqliteStore::open(&path).await.expect("opens");
    store
        .create_assessment(&actor("Ann"), &demo())
        .await
        .expect("stored");
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("exists").permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&path.with_extension("db-wal")), 0o600);
    assert_eq!(mode(&path.with_extension("db-shm")), 0o600);
    assert_eq!(mode(path.parent().expect("folder")), 0o700);
}

#[tokio::test]
async fn existing_database_with_loose_mode_is_narrowed_to_the_user() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("ironbridge.db");
    std::fs::write(&path, b"").expect("created");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    SqliteStore::open(&path).await.expect("opens");
    let mode = std::fs::metadata(&path)
        .expect("exists")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
}

#[tokio::test]
async fn tampering_with_the_log_behind_the_triggers_is_found() {
    let env = SqliteEnv::new().await;
    let ann = actor("Ann");
    env.store
        .create_assessment(&ann, &demo())
        .await
        .expect("stored");
    let mut record = demo().answers[0].clone();
    record.note = "first".into();
    env.store
        .save_answer(&ann, &demo().id, &record)
        .await
        .expect("saved");
    record.note = "second".into();
    env.store
        .save_answer(&ann, &demo().id, &record)
        .await
        .expect("saved");
    // Someone with the file drops the trigger and rewrites history.
    env.raw("DROP TRIGGER audit_log_no_update")
        .await
        .expect("dropped");
    env.raw("UPDATE audit_log SET new_value = '\"nothing to see\"' WHERE chain_seq = 2")
        .await
        .expect("rewritten");
    let verdict = env.store.verify_log(&demo().id).await.expect("verifies");
    assert_eq!(verdict.problems, [LogProblem::Altered { chain_seq: 2 }]);
}

#[tokio::test]
async fn bad_database_urls_name_the_problem() {
    let err = ironbridge_store::open(Some("mysql://root:hunter2@db/ironbridge"))
        .await
        .expect_err("it fails");
    assert_eq!(err.code(), "store.url_scheme");
    assert!(!err.to_string().contains("hunter2"), "{err}");
    let err = ironbridge_store::open(Some("postgres://u:hunter2@[::1/x"))
        .await
        .expect_err("it fails");
    assert_eq!(err.code(), "store.url_invalid");
    assert!(!err.to_string().contains("hunter2"), "{err}");
    let err = ironbridge_store::open(Some("postgres://u:hunter2@127.0.0.1:1/x"))
        .await
        .expect_err("it fails");
    assert_eq!(err.code(), "store.unavailable");
    assert!(!err.to_string().contains("hunter2"), "{err}");
    let err = ironbridge_store::open(Some("/proc/forbidden/ironbridge.db"))
        .await
        .expect_err("it fails");
    assert_eq!(err.code(), "store.io");
}

/// Frames in the write-ahead log and how many of them are already copied
/// into the database, read from the shared-memory WAL index without touching
/// the database (a `wal_checkpoint` pragma would itself checkpoint):
/// `mxFrame` at byte 16 of the index header, `nBackfill` at byte 96 (the
/// checkpoint info after the header's two copies), in native byte order.
fn wal_frames(db: &std::path::Path) -> (u32, u32) {
    let mut shm = db.as_os_str().to_owned();
    shm.push("-shm");
    let bytes = std::fs::read(&shm).expect("the WAL index");
    let word = |at: usize| u32::from_ne_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    (word(16), word(96))
}

#[tokio::test]
async fn the_background_task_checkpoints_the_log() {
    let env = SqliteEnv::new().await;
    let (store, actor, demo) = (&env.store, actor("Checkpoint tester"), demo());
    store
        .create_assessment(&actor, &demo)
        .await
        .expect("stored");
    for n in 0..40 {
        let mut record = demo.answers[n % demo.answers.len()].clone();
        record.note = format!("note {n}");
        store
            .save_answer(&actor, &demo.id, &record)
            .await
            .expect("saved");
    }
    // The saves logged far fewer frames than SQLite's own threshold (1000),
    // and autocheckpoint is off anyway: without the background task they
    // would stay pending for as long as the store is open.
    let (logged, _) = wal_frames(store.path());
    assert!(logged > 0, "the saves went through the log");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let (frames, copied) = wal_frames(store.path());
        if frames == copied {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{copied} of {frames} frames checkpointed after 15 s"
        );
    }
}
