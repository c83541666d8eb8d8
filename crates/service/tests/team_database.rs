//! Checking a team database (the settings' team database field) with the
//! app's audit key: the first connection to a database written before the
//! audit log was signed signs the head of every log, so the check must sign
//! with the key the app then opens the database with, not the user's
//! default one.
//!
//! Runs against the PostgreSQL server at `IRONBRIDGE_PG_URL`; without it
//! the test says so and passes, except under CI.

mod support;

use std::path::Path;

use ironbridge_core::AssessmentId;
use ironbridge_service::check_team_database;
use ironbridge_store::{AnyStore, AuditKeyFile, Close as _, LogVerdict};
use support::{ScratchDatabase, open};

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
    let Some(database) = ScratchDatabase::create("team_check").await else {
        return;
    };
    let url = database.url.clone();

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

    database.drop().await;
}
