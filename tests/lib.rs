//! Cross-crate and end-to-end tests of Ironbridge live beside this file; the
//! library locates the shared fixtures, holds the PDF checks the report's
//! and the CLI's tests share ([`pdf_tools`]) and names the PostgreSQL server
//! the store's and the service's tests run against ([`postgres_url`]).

pub mod pdf_tools;

use std::path::PathBuf;

/// The PostgreSQL server to test against (`IRONBRIDGE_PG_URL`), or `None`,
/// with a message, when none is configured: the test then skips. Under CI a
/// missing server fails the test instead, so the PostgreSQL tests cannot be
/// skipped there by accident.
///
/// # Panics
/// Under CI (`CI` set) when `IRONBRIDGE_PG_URL` is not set.
pub fn postgres_url() -> Option<String> {
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

/// The folder `tests/fixtures`.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}
