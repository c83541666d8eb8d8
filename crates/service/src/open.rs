//! Opening the store: the team database when one is named, else this
//! computer's SQLite database, and why the fallback was taken.
//!
//! Invariant: an unreachable team database never blocks for more than
//! [`TEAM_TIMEOUT`], and its failure is kept as a sentence for the user, never
//! with the URL (the store's errors carry no password).

use std::path::{Path, PathBuf};
use std::time::Duration;

use ironbridge_store::{AnyStore, AuditKeyFile, Close as _, StoreError};

/// How long to wait for a team database before giving up on it.
pub const TEAM_TIMEOUT: Duration = Duration::from_secs(15);

/// Where the assessments are kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreLocation {
    /// A SQLite file on this computer.
    Sqlite(PathBuf),
    /// A PostgreSQL team database.
    Postgres,
}

/// A store opened by [`open_store`], with where it is and why the team
/// database named was not used, if it was not.
#[derive(Debug)]
pub struct OpenedStore {
    /// The store.
    pub store: AnyStore,
    /// Where it is.
    pub location: StoreLocation,
    /// Why the team database is not the one in use.
    pub fallback_reason: Option<String>,
}

/// Opens the team database at `team` (a `postgres://` URL) when given and
/// reachable, else the SQLite database at `local` (a URL or path; `None` for
/// the user's data folder). An error only when the local one fails too.
/// The audit key is the file `audit_key`, else the user's
/// ([`AuditKeyFile::default_location`]).
pub async fn open_store(
    team: Option<&str>,
    local: Option<&str>,
    audit_key: Option<&Path>,
) -> Result<OpenedStore, StoreError> {
    let key = audit_key_file(audit_key)?;
    let mut fallback_reason = None;
    if let Some(team) = team.map(str::trim).filter(|t| !t.is_empty()) {
        match open_within_timeout(team, key.clone()).await {
            Ok(store) => return Ok(OpenedStore::new(store, None)),
            Err(err) => {
                fallback_reason = Some(format!(
                    "The team database could not be opened ({err}); this computer's database is used instead."
                ));
            }
        }
    }
    let store = ironbridge_store::open_with_key(local, key).await?;
    Ok(OpenedStore::new(store, fallback_reason))
}

/// The audit key at `audit_key`, else the user's.
fn audit_key_file(audit_key: Option<&Path>) -> Result<AuditKeyFile, StoreError> {
    match audit_key {
        Some(path) => Ok(AuditKeyFile::at(path)),
        None => Ok(AuditKeyFile::default_location()?),
    }
}

/// Opens the store at `url` with the audit key `key`, giving up after
/// [`TEAM_TIMEOUT`] (an unreachable server).
pub async fn open_within_timeout(url: &str, key: AuditKeyFile) -> Result<AnyStore, StoreError> {
    match tokio::time::timeout(
        TEAM_TIMEOUT,
        ironbridge_store::open_with_key(Some(url), key),
    )
    .await
    {
        Ok(store) => store,
        Err(_) => Err(StoreError::Unavailable {
            backend: "postgres",
            reason: format!("no answer within {} seconds", TEAM_TIMEOUT.as_secs()),
        }),
    }
}

impl OpenedStore {
    fn new(store: AnyStore, fallback_reason: Option<String>) -> Self {
        let location = match &store {
            AnyStore::Sqlite(s) => StoreLocation::Sqlite(s.path().to_owned()),
            AnyStore::Postgres(_) => StoreLocation::Postgres,
        };
        Self {
            store,
            location,
            fallback_reason,
        }
    }
}

/// Checks that `url` names a team database that answers: a `postgres://`
/// URL, connected to within [`TEAM_TIMEOUT`]. The audit key is the file
/// `audit_key`, else the user's, as for [`open_store`]: a first connection
/// to a database written before the log was signed signs its heads, and
/// must sign them with the key the app then uses.
pub async fn check_team_database(url: &str, audit_key: Option<&Path>) -> Result<(), StoreError> {
    let url = url.trim();
    if !url.starts_with("postgres://") && !url.starts_with("postgresql://") {
        return Err(StoreError::UrlInvalid {
            reason: "a team database URL starts with postgres://".into(),
        });
    }
    open_within_timeout(url, audit_key_file(audit_key)?)
        .await?
        .close()
        .await
}
