//! Test support shared by the store's test binaries: a fresh store per test
//! on either database, raw SQL for poking at the schema, a fingerprint of
//! every table (to show a failed import changed nothing), and the demo data.

#![allow(dead_code)]

pub mod contract;

use std::future::Future;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use ironbridge_core::Bank;
use ironbridge_core::assessment::Assessment;
use ironbridge_core::bundle::Limits;
use ironbridge_store::{
    Actor, AuditKeyFile, PgStore, Saved, SqliteStore, Store, StoreError, bundle_file,
};

/// Every table of the schema, for fingerprints.
pub const TABLES: [&str; 12] = [
    "organisations",
    "assessments",
    "assessment_revisions",
    "participants",
    "answers",
    "notes",
    "follow_ups",
    "systems",
    "providers",
    "evidence_blobs",
    "evidence",
    "audit_log",
];

/// A fresh, empty store and what a test needs around it.
pub trait Env: Sized + Send + Sync {
    /// The store under test.
    type S: Store + Clone + 'static;
    /// The store.
    fn store(&self) -> &Self::S;
    /// Another fresh, empty store on the same kind of database.
    fn peer(&self) -> impl Future<Output = Self> + Send;
    /// Runs one statement, returning rows affected or the database's message.
    fn raw(&self, sql: &'static str) -> impl Future<Output = Result<u64, String>> + Send;
    /// Runs a query returning one integer.
    fn count(&self, sql: &'static str) -> impl Future<Output = i64> + Send;
}

/// Row counts of every table plus every audit hash: equal fingerprints mean
/// nothing was written.
pub async fn fingerprint<E: Env>(env: &E) -> Vec<i64> {
    let mut out = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM organisations",
        "SELECT COUNT(*) FROM assessments",
        "SELECT COUNT(*) FROM assessment_revisions",
        "SELECT COUNT(*) FROM participants",
        "SELECT COUNT(*) FROM answers",
        "SELECT COUNT(*) FROM notes",
        "SELECT COUNT(*) FROM follow_ups",
        "SELECT COUNT(*) FROM systems",
        "SELECT COUNT(*) FROM providers",
        "SELECT COUNT(*) FROM evidence_blobs",
        "SELECT COUNT(*) FROM evidence",
        "SELECT COUNT(*) FROM audit_log",
        "SELECT CAST(COALESCE(SUM(audit_seq), 0) AS BIGINT) FROM assessments",
    ] {
        out.push(env.count(sql).await);
    }
    out
}

pub fn demo() -> Assessment {
    Assessment::from_json(ironbridge_core::embedded::DEMO_ASSESSMENT).expect("the demo reads")
}

pub fn bank() -> Bank {
    Bank::shipped().expect("the shipped bank is valid")
}

/// Imports the bundle file at `path` as the product does once the service
/// has read it: decoded, checked against `bank`, then stored, all or nothing.
/// The file is read whole here; the product's capped reader, and its cases
/// (a pipe, `/dev/zero`, a folder), are the service's (`input/tests.rs`).
pub async fn import_file<S: Store>(
    store: &S,
    actor: &Actor,
    path: &Path,
    passphrase: Option<&str>,
    bank: &Bank,
    limits: &Limits,
) -> Result<Saved, StoreError> {
    let bytes = std::fs::read(path).expect("the test's bundle file reads");
    let bundle = bundle_file::decode(&bytes, passphrase, limits)?;
    bundle_file::check_against_bank(&bundle, bank)?;
    store.import_bundle(actor, &bundle).await
}

/// Decodes the bundle file at `path`, read whole.
pub fn decode_file(
    path: &Path,
    passphrase: Option<&str>,
    limits: &Limits,
) -> Result<ironbridge_core::bundle::Bundle, ironbridge_store::ImportError> {
    let bytes = std::fs::read(path).expect("the test's bundle file reads");
    bundle_file::decode(&bytes, passphrase, limits)
}

pub fn actor(name: &str) -> Actor {
    Actor::new(name).expect("a named actor")
}

/// The demo with its answers in question order, as the store returns them.
pub fn sorted(mut assessment: Assessment) -> Assessment {
    assessment
        .answers
        .sort_by(|a, b| a.question.as_str().cmp(b.question.as_str()));
    assessment
}

/// A fresh SQLite store in its own temporary folder.
#[derive(Debug)]
pub struct SqliteEnv {
    pub dir: tempfile::TempDir,
    pub store: SqliteStore,
}

impl SqliteEnv {
    pub async fn new() -> SqliteEnv {
        let dir = tempfile::tempdir().expect("a temporary folder");
        // The audit key beside the database, not in the user's data folder.
        let key = AuditKeyFile::at(dir.path().join("audit.key"));
        let store = SqliteStore::open_with_key(&dir.path().join("ironbridge.db"), key)
            .await
            .expect("the store opens");
        SqliteEnv { dir, store }
    }
}

impl Env for SqliteEnv {
    type S = SqliteStore;

    fn store(&self) -> &SqliteStore {
        &self.store
    }

    async fn peer(&self) -> SqliteEnv {
        SqliteEnv::new().await
    }

    async fn raw(&self, sql: &'static str) -> Result<u64, String> {
        sqlx::query(sql)
            .execute(self.store.pool())
            .await
            .map(|r| r.rows_affected())
            .map_err(|e| e.to_string())
    }

    async fn count(&self, sql: &'static str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(self.store.pool())
            .await
            .expect("the count runs")
    }
}

/// A fresh PostgreSQL database on the server at `IRONBRIDGE_PG_URL`.
#[derive(Debug)]
pub struct PgEnv {
    pub store: PgStore,
    pub database: String,
    /// Holds the audit key (`audit.key`), not the user's data folder.
    pub key_dir: tempfile::TempDir,
}

static N_DATABASES: AtomicU32 = AtomicU32::new(0);

impl PgEnv {
    /// A fresh database, or `None` (with a message) when no server is
    /// configured; under CI a missing server fails the test.
    pub async fn new() -> Option<PgEnv> {
        let url = ironbridge_tests::postgres_url()?;
        let admin = ironbridge_store::parse_pg_url(&url).expect("IRONBRIDGE_PG_URL parses");
        let database = format!(
            "ironbridge_test_{}_{}",
            std::process::id(),
            N_DATABASES.fetch_add(1, Ordering::Relaxed)
        );
        let mut conn = sqlx::ConnectOptions::connect(&admin)
            .await
            .expect("the PostgreSQL server at IRONBRIDGE_PG_URL answers");
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {database}"
        )))
        .execute(&mut conn)
        .await
        .expect("drop an old test database");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {database}")))
            .execute(&mut conn)
            .await
            .expect("create a test database");
        let key_dir = tempfile::tempdir().expect("a temporary folder");
        let key = AuditKeyFile::at(key_dir.path().join("audit.key"));
        let store = PgStore::connect_with_key(admin.database(&database), key)
            .await
            .expect("the store connects");
        Some(PgEnv {
            store,
            database,
            key_dir,
        })
    }
}

impl Env for PgEnv {
    type S = PgStore;

    fn store(&self) -> &PgStore {
        &self.store
    }

    async fn peer(&self) -> PgEnv {
        PgEnv::new().await.expect("a second database")
    }

    async fn raw(&self, sql: &'static str) -> Result<u64, String> {
        sqlx::query(sql)
            .execute(self.store.pool())
            .await
            .map(|r| r.rows_affected())
            .map_err(|e| e.to_string())
    }

    async fn count(&self, sql: &'static str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(self.store.pool())
            .await
            .expect("the count runs")
    }
}

/// One `#[tokio::test]` per contract case, each on a fresh store from `$fresh`
/// (an async fn returning `Option<impl Env>`; `None` skips).
#[macro_export]
macro_rules! contract_tests {
    ($fresh:path; $($case:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let Some(env) = $fresh().await else { return };
                support::contract::$case(&env).await;
            }
        )*
    };
}
