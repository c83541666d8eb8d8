//! What is at a SQLite path before Ironbridge opens it, and the file's
//! preparation once it is Ironbridge's to use.
//!
//! Invariant: a path holding anything but nothing, an empty file, a SQLite
//! database without tables, or Ironbridge's own database is refused by
//! [`inspect`] before anything is created, written, migrated or has its mode
//! changed. Ironbridge's databases carry [`APPLICATION_ID`] in their header
//! (`PRAGMA application_id`, set by [`claim`] when the store first opens
//! them); those made by earlier versions carry 0 and are recognised by their
//! migrations table and schema, then claimed.

use std::io::Read as _;
use std::path::Path;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use sqlx::{ConnectOptions as _, Connection as _, SqliteConnection};

use crate::error::{Result, StoreError};

/// Ironbridge's `PRAGMA application_id`: ASCII "IRBG".
pub const APPLICATION_ID: u32 = 0x4952_4247;

/// Sets [`APPLICATION_ID`] (a PRAGMA takes no bound parameters; the test
/// below checks the number is the constant).
const SET_APPLICATION_ID: &str = "PRAGMA application_id = 1230127687";

/// The first 16 bytes of every SQLite database file.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// The length of the database header.
const HEADER_LEN: usize = 100;
/// Where the header keeps the application id (4 bytes, big-endian).
const APPLICATION_ID_OFFSET: usize = 68;
/// Tables only an Ironbridge database has together.
const IRONBRIDGE_TABLES: [&str; 3] = ["_sqlx_migrations", "assessments", "audit_log"];

/// The schema migrations of the SQLite store.
pub(crate) static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

/// What the path holds, when Ironbridge may use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// No file: it will be created.
    Nothing,
    /// A zero-length file, or a SQLite database without tables.
    Empty,
    /// Ironbridge's database (its application id, or an earlier version's schema).
    Ironbridge,
}

/// Reads what is at `path` without changing it; refuses a file that is not a
/// SQLite database or belongs to another application.
pub(crate) async fn inspect(path: &Path) -> Result<Found> {
    let io = |action, cause| StoreError::Io {
        action,
        path: path.to_owned(),
        cause,
    };
    // Looked at before it is opened: opening a named pipe would wait for a writer.
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => return Err(io("read", e)),
    };
    let not_a_database = |reason| StoreError::NotADatabase {
        path: path.to_owned(),
        reason,
    };
    if metadata.is_dir() {
        return Err(not_a_database("it is a folder"));
    }
    if !metadata.is_file() {
        return Err(not_a_database("it is not a regular file"));
    }
    let file = std::fs::File::open(path).map_err(|e| io("read", e))?;
    let mut header = Vec::with_capacity(HEADER_LEN);
    file.take(HEADER_LEN as u64)
        .read_to_end(&mut header)
        .map_err(|e| io("read", e))?;
    match header_verdict(&header) {
        Header::Empty => Ok(Found::Empty),
        Header::NotSqlite => Err(not_a_database("it does not start with the SQLite header")),
        Header::ApplicationId(APPLICATION_ID) => Ok(Found::Ironbridge),
        Header::ApplicationId(0) => unclaimed(path).await,
        Header::ApplicationId(application_id) => Err(StoreError::ForeignDatabase {
            path: path.to_owned(),
            application_id,
        }),
    }
}

/// What the first bytes of a file say.
#[derive(Debug, PartialEq, Eq)]
enum Header {
    /// No bytes at all.
    Empty,
    /// Not SQLite's header.
    NotSqlite,
    /// A SQLite database with this application id.
    ApplicationId(u32),
}

fn header_verdict(bytes: &[u8]) -> Header {
    if bytes.is_empty() {
        return Header::Empty;
    }
    if bytes.len() < HEADER_LEN || !bytes.starts_with(MAGIC) {
        return Header::NotSqlite;
    }
    let mut id = [0; 4];
    id.copy_from_slice(&bytes[APPLICATION_ID_OFFSET..APPLICATION_ID_OFFSET + 4]);
    Header::ApplicationId(u32::from_be_bytes(id))
}

/// A SQLite database whose header carries no application id: looked at
/// through a read-only connection (which also sees a write-ahead log the
/// file's own header does not reflect yet).
async fn unclaimed(path: &Path) -> Result<Found> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .create_if_missing(false)
        .busy_timeout(crate::sqlite::BUSY_TIMEOUT);
    let unreadable = |_| StoreError::NotADatabase {
        path: path.to_owned(),
        reason: "SQLite cannot read it",
    };
    let mut conn = options.connect().await.map_err(unreadable)?;
    let found = look_inside(&mut conn, path).await;
    let _ = conn.close().await;
    found
}

async fn look_inside(conn: &mut SqliteConnection, path: &Path) -> Result<Found> {
    let unreadable = |_| StoreError::NotADatabase {
        path: path.to_owned(),
        reason: "SQLite cannot read it",
    };
    let application_id: i64 = sqlx::query_scalar("PRAGMA application_id")
        .fetch_one(&mut *conn)
        .await
        .map_err(unreadable)?;
    // The id may sit in the write-ahead log, not yet in the file's header.
    let application_id = application_id as u32;
    if application_id == APPLICATION_ID {
        return Ok(Found::Ironbridge);
    }
    let foreign = StoreError::ForeignDatabase {
        path: path.to_owned(),
        application_id,
    };
    if application_id != 0 {
        return Err(foreign);
    }
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(&mut *conn)
            .await
            .map_err(unreadable)?;
    if tables.is_empty() {
        return Ok(Found::Empty);
    }
    let has_schema = IRONBRIDGE_TABLES
        .iter()
        .all(|name| tables.iter().any(|t| t == name));
    if has_schema && has_our_migrations(conn).await {
        Ok(Found::Ironbridge)
    } else {
        Err(foreign)
    }
}

/// Whether every migration recorded is one of Ironbridge's (same version and
/// description), and there is at least one.
async fn has_our_migrations(conn: &mut SqliteConnection) -> bool {
    let applied: Vec<(i64, String)> =
        match sqlx::query_as("SELECT version, description FROM _sqlx_migrations")
            .fetch_all(&mut *conn)
            .await
        {
            Ok(rows) => rows,
            Err(_) => return false,
        };
    !applied.is_empty()
        && applied.iter().all(|(version, description)| {
            MIGRATOR
                .iter()
                .any(|m| m.version == *version && m.description == description.as_str())
        })
}

/// Creates the folder (0700) and the file (0600) if missing, and narrows the
/// mode of an existing file to 0600. Only after [`inspect`] accepted the path.
pub(crate) fn prepare(path: &Path) -> Result<()> {
    let io = |action, cause| StoreError::Io {
        action,
        path: path.to_owned(),
        cause,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.exists()
    {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
            .create(parent)
            .map_err(|e| io("create the folder of", e))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|e| io("create", e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map_err(|e| io("read", e))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .map_err(|e| io("restrict the permissions of", e))?;
        }
    }
    Ok(())
}

/// Marks the database Ironbridge's ([`APPLICATION_ID`]) unless it is already;
/// refuses one another application claimed since [`inspect`] looked.
pub(crate) async fn claim(pool: &SqlitePool, path: &Path) -> Result<()> {
    let current: i64 = sqlx::query_scalar("PRAGMA application_id")
        .fetch_one(pool)
        .await?;
    match current as u32 {
        APPLICATION_ID => Ok(()),
        0 => {
            sqlx::query(SET_APPLICATION_ID).execute(pool).await?;
            Ok(())
        }
        application_id => Err(StoreError::ForeignDatabase {
            path: path.to_owned(),
            application_id,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(application_id: u32) -> Vec<u8> {
        let mut bytes = vec![0; HEADER_LEN];
        bytes[..16].copy_from_slice(MAGIC);
        bytes[68..72].copy_from_slice(&application_id.to_be_bytes());
        bytes
    }

    #[test]
    fn the_header_says_empty_not_sqlite_or_whose_database() {
        assert_eq!(header_verdict(b""), Header::Empty);
        assert_eq!(header_verdict(b"hello, world\n"), Header::NotSqlite);
        assert_eq!(header_verdict(&header(7)[..99]), Header::NotSqlite);
        assert_eq!(
            header_verdict(&header(APPLICATION_ID)),
            Header::ApplicationId(APPLICATION_ID)
        );
        assert_eq!(
            header_verdict(&header(0x0f05_5112)),
            Header::ApplicationId(0x0f05_5112)
        );
        assert_eq!(APPLICATION_ID.to_be_bytes(), *b"IRBG");
        assert_eq!(
            SET_APPLICATION_ID,
            format!("PRAGMA application_id = {APPLICATION_ID}")
        );
    }

    #[tokio::test]
    async fn a_missing_or_zero_length_file_is_free_and_a_folder_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        assert_eq!(inspect(&path).await.unwrap(), Found::Nothing);
        std::fs::write(&path, b"").unwrap();
        assert_eq!(inspect(&path).await.unwrap(), Found::Empty);
        let error = inspect(dir.path()).await.unwrap_err();
        assert_eq!(error.code(), "store.not_a_database");
        assert!(error.to_string().contains("it is a folder"), "{error}");
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn a_device_or_a_pipe_is_refused_without_being_opened() {
        let error = inspect(Path::new("/dev/zero")).await.unwrap_err();
        assert!(
            error.to_string().contains("it is not a regular file"),
            "{error}"
        );
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.db");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // Opening it would block until a writer came; inspecting does not.
        let error = tokio::time::timeout(std::time::Duration::from_secs(5), inspect(&fifo))
            .await
            .expect("no wait for a writer")
            .unwrap_err();
        assert_eq!(error.code(), "store.not_a_database");
    }
}
