//! Opening the SQLite store: the file checked and claimed before anything
//! is written, the pool with the settings every connection gets, the
//! migrations, closing, and the transactions the store's logic runs in.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use super::SqliteTx;
use crate::audit_key::AuditKeyFile;
use crate::backend::Backend;
use crate::error::{Result, StoreError};
use crate::sqlite_file;

/// How long a writer waits for another to finish before [`StoreError::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A store in one SQLite file.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
    path: PathBuf,
    /// The background checkpoint task, stopped on close or with the last clone.
    checkpoints: std::sync::Arc<crate::checkpoint::Checkpoints>,
    /// Where the audit key is.
    audit_key: AuditKeyFile,
}

/// Whether the migration that signs the log has run on this database (a
/// new file has no migrations table yet: nothing to sign either).
async fn signing_applied(pool: &SqlitePool) -> bool {
    sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM _sqlx_migrations WHERE version = 20261206000000 AND success",
    )
    .fetch_one(pool)
    .await
    .is_ok_and(|n| n > 0)
}

impl SqliteStore {
    /// Opens the database at `path`, creating the file (mode 0600) and its
    /// folder if needed, and migrating the schema. A file that is not a
    /// SQLite database, or is another application's, is refused before
    /// anything is written or its mode changed; the file gets Ironbridge's
    /// [`APPLICATION_ID`](crate::APPLICATION_ID).
    /// The audit key is the default one ([`AuditKeyFile::default_location`]).
    pub async fn open(path: &Path) -> Result<SqliteStore> {
        SqliteStore::open_with_key(path, AuditKeyFile::default_location()?).await
    }

    /// Opens the database at `path` as [`SqliteStore::open`] does, with the
    /// audit key in `key`. The first open after the upgrade to a signed log
    /// signs the head of every existing assessment's log (creating the key
    /// if there is none yet).
    pub async fn open_with_key(path: &Path, key: AuditKeyFile) -> Result<SqliteStore> {
        sqlite_file::inspect(path).await?;
        sqlite_file::prepare(path)?;
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(connect_options(path))
            .await
            .map_err(|e| StoreError::Unavailable {
                backend: "sqlite",
                reason: e.to_string(),
            })?;
        sqlite_file::claim(&pool, path).await?;
        // Two processes opening a new file at once may race to create the
        // schema; the loser finds it done on the second try.
        let upgrading = !signing_applied(&pool).await;
        let migrator = &sqlite_file::MIGRATOR;
        if migrator.run(&pool).await.is_err() {
            migrator.run(&pool).await.map_err(|e| StoreError::Migrate {
                reason: e.to_string(),
            })?;
        }
        let checkpoints = crate::checkpoint::start(&pool);
        let store = SqliteStore {
            pool,
            path: path.to_owned(),
            checkpoints: std::sync::Arc::new(checkpoints),
            audit_key: key,
        };
        if upgrading {
            crate::ops::sign_unsigned_heads(&store).await?;
        }
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection pool, for tests and tools that inspect the file.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

impl crate::Close for SqliteStore {
    /// Stops the background checkpoints, copies the whole write-ahead log
    /// into the database file (`wal_checkpoint(TRUNCATE)`) and closes every
    /// connection, for this store and all its clones. Closing again does
    /// nothing.
    async fn close(&self) -> Result<()> {
        if self.pool.is_closed() {
            return Ok(());
        }
        self.checkpoints.stop();
        // When another process keeps reading, the log is not emptied; that
        // process copies the rest in when it closes.
        let result = crate::checkpoint::truncate(&self.pool).await;
        self.pool.close().await;
        result?;
        Ok(())
    }
}

/// The connection settings every pooled connection gets.
pub fn connect_options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT)
        .pragma("secure_delete", "ON")
        // Checkpoints run in the background (crate::checkpoint), not inside
        // the commit that happens to fill the log.
        .pragma("wal_autocheckpoint", "0")
}

impl Backend for SqliteStore {
    type Tx = SqliteTx;

    async fn begin_write(&self) -> Result<SqliteTx> {
        Ok(SqliteTx {
            tx: self.pool.begin_with("BEGIN IMMEDIATE").await?,
        })
    }

    async fn begin_read(&self) -> Result<SqliteTx> {
        Ok(SqliteTx {
            tx: self.pool.begin().await?,
        })
    }

    fn audit_key(&self) -> &AuditKeyFile {
        &self.audit_key
    }
}
