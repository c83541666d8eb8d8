//! Set-up shared by the service's integration tests: a service over the
//! store at a URL or over a new SQLite store in a folder, a runtime for the
//! plain tests, and a scratch database of a test's own on the PostgreSQL
//! server at `IRONBRIDGE_PG_URL`.

#![allow(dead_code)]

use std::path::Path;

use ironbridge_service::{OpenedStore, Service, open_store};
use ironbridge_store::AuditKeyFile;
use sqlx::postgres::PgConnectOptions;

/// The service over the store at `url`, signing its audit log with the key
/// file at `key` (made if missing).
pub async fn open(url: &str, key: &Path) -> Service {
    let store = ironbridge_store::open_with_key(Some(url), AuditKeyFile::at(key))
        .await
        .expect("the store opens");
    Service::shipped(store).expect("the shipped bank is valid")
}

/// Runs a future to completion on a runtime of its own (for the tests that
/// call the service from a plain `#[test]`).
pub fn block<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(f)
}

/// A new SQLite store in `dir` (`ironbridge.db`, audit key `audit.key`),
/// opened as the app and the command line open one.
pub fn sqlite_store(dir: &Path) -> OpenedStore {
    let url = format!("sqlite:{}", dir.join("ironbridge.db").display());
    let key = dir.join("audit.key");
    block(open_store(None, Some(&url), Some(&key))).expect("a store in a temporary folder")
}

/// A database made for one test on the server at `IRONBRIDGE_PG_URL`,
/// dropped by [`ScratchDatabase::drop`] (and dropped first if a run that
/// died left it behind).
pub struct ScratchDatabase {
    admin: PgConnectOptions,
    name: String,
    /// Its URL.
    pub url: String,
}

impl ScratchDatabase {
    /// A fresh database named `ironbridge_{label}_{process id}`, or `None`
    /// (with a message) when no server is configured; under CI a missing
    /// server fails the test.
    pub async fn create(label: &str) -> Option<Self> {
        let server = ironbridge_tests::postgres_url()?;
        let admin = ironbridge_store::parse_pg_url(&server).expect("IRONBRIDGE_PG_URL parses");
        let name = format!("ironbridge_{label}_{}", std::process::id());
        // The test server's URL ends with its database name, without options.
        let (base, _) = server.rsplit_once('/').expect("a URL with a database name");
        let url = format!("{base}/{name}");
        let database = Self { admin, name, url };
        database
            .exec(format!("DROP DATABASE IF EXISTS {}", database.name))
            .await;
        database
            .exec(format!("CREATE DATABASE {}", database.name))
            .await;
        Some(database)
    }

    /// Drops the database.
    pub async fn drop(self) {
        self.exec(format!("DROP DATABASE IF EXISTS {}", self.name))
            .await;
    }

    /// Runs one statement on a connection to the server's own database.
    async fn exec(&self, sql: String) {
        let mut conn = sqlx::ConnectOptions::connect(&self.admin)
            .await
            .expect("the PostgreSQL server at IRONBRIDGE_PG_URL answers");
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .execute(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
}
