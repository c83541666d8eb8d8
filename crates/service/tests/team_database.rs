//! Checking a team database (the settings' team database field) with the
//! app's audit key: the first connection to a database written before the
//! audit log was signed signs the head of every log, so the check must sign
//! with the key the app then opens the database with, not the user's
//! default one.
//!
//! Runs against the PostgreSQL server at `IRONBRIDGE_PG_URL`; without it
//! the test says so and passes, except under CI.

use std::path::Path;

use ironbridge_core::AssessmentId;
use ironbridge_service::{Service, check_team_database};
use ironbridge_store::{AnyStore, AuditKeyFile, Close as _, LogVerdict};

/// The server's URL, or `None` (with a message) outside CI.
fn server_url() -> Option<String> {
    let Ok(url) = std::env::var("IRONBRIDGE_PG_URL") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "IRONBRIDGE_PG_URL is not set under CI: the PostgreSQL tests must run"
        );
        eprintln!("skipping: IRONBRIDGE_PG_URL is not set, no PostgreSQL server to test against");
        return None;
    };
    Some(url)
}

/// Runs one statement on a connection to `options`.
async fn exec(options: &sqlx::postgres::PgConnectOptions, sql: String) {
    let mut conn = sqlx::ConnectOptions::connect(options)
        .await
        .expect("the PostgreSQL server at IRONBRIDGE_PG_URL answers");
    sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
        .execute(&mut conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// Opens the database at `url` with the audit key file at `key`.
async fn open(url: &str, key: &Path) -> Service {
    let store = ironbridge_store::open_with_key(Some(url), AuditKeyFile::at(key))
        .await
        .expect("the team database opens");
    Service::shipped(store).expect("the shipped bank is valid")
}

/// The verdict on the log of `id` in the database at `url`, read with `key`.
async fn verdict(url: &str, key: &Path, id: &AssessmentId) -> LogVerdict {
    let service = open(url, key).await;
    let verdict = service.verify_log(id).await.expect("the log reads");
    service.close().await.expect("closes");
    verdict
}

/// Takes the database at `url` back to schema version 1, as an Ironbridge
/// from before the signed log left it: no signatures, no later columns.
async fn unsign(url: &str, key: &Path) {
    let store = ironbridge_store::open_with_key(Some(url), AuditKeyFile::at(key))
        .await
        .expect("the team database opens");
    let AnyStore::Postgres(pg) = &store else {
        panic!("a postgres:// URL opens PostgreSQL")
    };
    for sql in [
        "DELETE FROM _sqlx_migrations WHERE version >= 20261206000000",
        "ALTER TABLE assessment_revisions DROP COLUMN exposure_assumptions",
        "ALTER TABLE assessment_revisions DROP COLUMN roadmap_plan",
        "ALTER TABLE assessments DROP COLUMN audit_key_id, DROP COLUMN audit_head_mac",
        "ALTER TABLE audit_log DROP COLUMN mac",
    ] {
        sqlx::query(sql)
            .execute(pg.pool())
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    store.close().await.expect("closes");
}

#[tokio::test]
async fn the_check_signs_an_unsigned_team_database_with_the_app_key() {
    let Some(server) = server_url() else { return };
    let admin = ironbridge_store::parse_pg_url(&server).expect("IRONBRIDGE_PG_URL parses");
    let database = format!("ironbridge_team_check_{}", std::process::id());
    exec(&admin, format!("DROP DATABASE IF EXISTS {database}")).await;
    exec(&admin, format!("CREATE DATABASE {database}")).await;
    // The test server's URL ends with its database name, without options.
    let (base, _) = server.rsplit_once('/').expect("a URL with a database name");
    let url = format!("{base}/{database}");

    let dir = tempfile::tempdir().expect("a temporary folder");
    let writer_key = dir.path().join("writer.key");
    let app_key = dir.path().join("app.key");
    let writer = open(&url, &writer_key).await;
    let id = writer.create_demo().await.expect("the demo is stored").id;
    writer.close().await.expect("closes");
    unsign(&url, &writer_key).await;

    check_team_database(&url, Some(&app_key))
        .await
        .expect("the team database answers");
    assert!(
        app_key.exists(),
        "the check made the app's key to sign the heads"
    );
    let with_app_key = verdict(&url, &app_key, &id).await;
    assert!(with_app_key.is_intact(), "{with_app_key:?}");
    assert!(with_app_key.unsigned > 0, "{with_app_key:?}");
    // The verdict depends on the key: another one finds the heads not its own.
    let with_other_key = verdict(&url, &writer_key, &id).await;
    assert!(!with_other_key.is_intact(), "{with_other_key:?}");

    exec(&admin, format!("DROP DATABASE IF EXISTS {database}")).await;
}
