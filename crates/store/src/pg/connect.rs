//! Connecting to a PostgreSQL server: the URL, a first probe that says at
//! once why a server cannot be used, the pool with its per-connection
//! settings, the migrations, and the transactions the store's logic runs in.

use std::str::FromStr;
use std::time::Duration;

use sqlx::Connection as _;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};

use super::PgTx;
use crate::audit_key::AuditKeyFile;
use crate::backend::Backend;
use crate::error::{Result, StoreError};

/// A store on a PostgreSQL server.
#[derive(Clone, Debug)]
pub struct PgStore {
    pool: PgPool,
    /// Where the audit key is.
    audit_key: AuditKeyFile,
}

impl PgStore {
    /// Connects to the server at `url` (`postgres://user:password@host/db`)
    /// and migrates the schema.
    pub async fn connect(url: &str) -> Result<PgStore> {
        PgStore::connect_with(parse_url(url)?).await
    }

    /// Connects as [`PgStore::connect_with`] does, with the audit key in
    /// `key` (colleagues on one team database share one key, handed out
    /// with the team settings). The first connection after the upgrade to a
    /// signed log signs the head of every existing assessment's log.
    pub async fn connect_with_key(options: PgConnectOptions, key: AuditKeyFile) -> Result<PgStore> {
        let (pool, upgrading) = PgStore::connect_pool(options).await?;
        let store = PgStore {
            pool,
            audit_key: key,
        };
        if upgrading {
            crate::ops::sign_unsigned_heads(&store).await?;
        }
        Ok(store)
    }

    /// Connects with options already parsed (see [`parse_url`]) and migrates the schema.
    ///
    /// One connection is made first, outside the pool: the pool retries a
    /// refused connection until its acquire timeout and then reports only
    /// that time ran out, while a refused connection (nothing listening)
    /// should fail at once and say so. Only a server that accepts but does
    /// not answer is waited for, up to [`CONNECT_TIMEOUT`].
    ///
    /// The audit key is the default one ([`AuditKeyFile::default_location`]).
    pub async fn connect_with(options: PgConnectOptions) -> Result<PgStore> {
        PgStore::connect_with_key(options, AuditKeyFile::default_location()?).await
    }

    /// The pool, migrated, and whether this connection ran the migration
    /// that signs the log.
    async fn connect_pool(options: PgConnectOptions) -> Result<(PgPool, bool)> {
        let options = options
            .application_name("ironbridge")
            .options([("synchronous_commit", "on"), ("lock_timeout", "10s")]);
        probe(&options).await?;
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Unavailable {
                backend: "postgres",
                reason: describe_connect_error(&e),
            })?;
        let upgrading = !signing_applied(&pool).await;
        sqlx::migrate!("./migrations/postgres")
            .run(&pool)
            .await
            .map_err(|e| StoreError::Migrate {
                reason: e.to_string(),
            })?;
        Ok((pool, upgrading))
    }

    /// The connection pool, for tests and tools that inspect the database.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

impl crate::Close for PgStore {
    /// Closes every connection, for this store and all its clones (the
    /// server has nothing to copy: each commit is already in place).
    async fn close(&self) -> Result<()> {
        self.pool.close().await;
        Ok(())
    }
}

/// How long to wait for a server that accepts the connection but does not
/// complete the start-up (TLS, authentication) exchange.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Makes and closes one connection, so that why the server cannot be used
/// (refused, unknown host, authentication, no answer) is known at once.
async fn probe(options: &PgConnectOptions) -> Result<()> {
    let unavailable = |reason| StoreError::Unavailable {
        backend: "postgres",
        reason,
    };
    match tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(options)).await {
        Ok(Ok(connection)) => {
            // The pool makes its own; a failed goodbye changes nothing.
            let _ = connection.close().await;
            Ok(())
        }
        Ok(Err(e)) => Err(unavailable(describe_connect_error(&e))),
        Err(_) => Err(unavailable(format!(
            "the server accepted the connection but did not answer within {} seconds",
            CONNECT_TIMEOUT.as_secs()
        ))),
    }
}

impl Backend for PgStore {
    type Tx = PgTx;

    async fn begin_write(&self) -> Result<PgTx> {
        Ok(PgTx {
            tx: self.pool.begin().await?,
        })
    }

    async fn begin_read(&self) -> Result<PgTx> {
        Ok(PgTx {
            tx: self
                .pool
                .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                .await?,
        })
    }

    fn audit_key(&self) -> &AuditKeyFile {
        &self.audit_key
    }
}

/// Whether the migration that signs the log has run on this database (a
/// new database has no migrations table yet: nothing to sign either).
async fn signing_applied(pool: &PgPool) -> bool {
    sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM _sqlx_migrations WHERE version = 20261206000000 AND success",
    )
    .fetch_one(pool)
    .await
    .is_ok_and(|n| n > 0)
}

/// Parses a PostgreSQL URL; the error says what is wrong without repeating it.
pub fn parse_url(url: &str) -> Result<PgConnectOptions> {
    PgConnectOptions::from_str(url).map_err(|e| StoreError::UrlInvalid {
        reason: describe_url_error(&e),
    })
}

/// What is wrong with a PostgreSQL URL, without repeating it.
fn describe_url_error(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Configuration(source) => source.to_string(),
        _ => "it cannot be parsed".to_owned(),
    }
}

/// Why the server could not be reached, in words a user can act on.
fn describe_connect_error(error: &sqlx::Error) -> String {
    match error {
        sqlx::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused: no server is listening at that address and port".to_owned()
        }
        sqlx::Error::Io(e) => format!("the server cannot be reached ({e})"),
        sqlx::Error::Tls(_) => "the TLS handshake failed".to_owned(),
        sqlx::Error::PoolTimedOut => "the server did not answer in time".to_owned(),
        sqlx::Error::Database(db) => match db.code().as_deref() {
            Some("28P01" | "28000") => "authentication failed".to_owned(),
            Some("3D000") => "the database does not exist".to_owned(),
            _ => db.message().to_owned(),
        },
        other => other.to_string(),
    }
}
