//! Where the database is: parsing a database URL, and the default SQLite file
//! in the user's data folder.
//!
//! Invariant: errors name what is wrong with a URL but never repeat it, since
//! a PostgreSQL URL may carry a password.

use std::path::PathBuf;

use crate::error::{Result, StoreError};

/// A database location.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL server, by its URL.
    Postgres(String),
}

impl std::fmt::Debug for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Sqlite(path) => f.debug_tuple("Sqlite").field(path).finish(),
            // The URL may hold a password.
            Location::Postgres(_) => f.write_str("Postgres(..)"),
        }
    }
}

impl Location {
    /// Parses `sqlite:PATH`, `sqlite://PATH`, a plain file path, or
    /// `postgres://…` / `postgresql://…`.
    pub fn parse(url: &str) -> Result<Location> {
        let url = url.trim();
        if url.is_empty() {
            return Err(StoreError::UrlInvalid {
                reason: "it is empty".into(),
            });
        }
        if let Some(rest) = url.strip_prefix("sqlite:") {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            if path.is_empty() {
                return Err(StoreError::UrlInvalid {
                    reason: "sqlite: needs a file path (sqlite:/path/to/ironbridge.db)".into(),
                });
            }
            if path.starts_with(":memory:") || path.contains("mode=memory") {
                return Err(StoreError::UrlInvalid {
                    reason: "in-memory SQLite databases are not supported: answers must be durable"
                        .into(),
                });
            }
            if path.contains('?') {
                return Err(StoreError::UrlInvalid {
                    reason: "SQLite URLs take no options (the store sets them)".into(),
                });
            }
            return Ok(Location::Sqlite(PathBuf::from(path)));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Location::Postgres(url.to_owned()));
        }
        match url.split_once("://") {
            Some((scheme, _)) => Err(StoreError::UrlScheme {
                scheme: scheme.to_owned(),
            }),
            None if url.starts_with("postgres:") || url.starts_with("postgresql:") => {
                Err(StoreError::UrlInvalid {
                    reason: "a PostgreSQL URL starts with postgres://".into(),
                })
            }
            None => Ok(Location::Sqlite(PathBuf::from(url))),
        }
    }
}

/// The default database: `ironbridge.db` in the user's data folder
/// (`~/.local/share/ironbridge` on Linux, `~/Library/Application
/// Support/ironbridge` on macOS, `%APPDATA%\ironbridge\data` on Windows).
pub fn default_sqlite_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "ironbridge").ok_or(StoreError::NoDataDir)?;
    Ok(dirs.data_dir().join("ironbridge.db"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(url: &str) -> std::result::Result<Location, &'static str> {
        Location::parse(url).map_err(|e| e.code())
    }

    #[test]
    fn sqlite_urls_and_plain_paths_name_a_file() {
        let file = |p: &str| Ok(Location::Sqlite(PathBuf::from(p)));
        assert_eq!(check("sqlite:/tmp/a.db"), file("/tmp/a.db"));
        assert_eq!(check("sqlite:///tmp/a.db"), file("/tmp/a.db"));
        assert_eq!(check("sqlite:a.db"), file("a.db"));
        assert_eq!(check("./data/a.db"), file("./data/a.db"));
    }

    #[test]
    fn postgres_urls_are_kept_whole() {
        let url = "postgres://u:secret@localhost:5432/db";
        assert_eq!(check(url), Ok(Location::Postgres(url.into())));
        assert_eq!(
            format!("{:?}", Location::parse(url).unwrap()),
            "Postgres(..)"
        );
    }

    #[test]
    fn bad_urls_say_what_is_wrong_without_repeating_the_url() {
        assert_eq!(check("mysql://u:secret@h/db"), Err("store.url_scheme"));
        assert_eq!(check(""), Err("store.url_invalid"));
        assert_eq!(check("sqlite:"), Err("store.url_invalid"));
        assert_eq!(check("sqlite::memory:"), Err("store.url_invalid"));
        assert_eq!(check("sqlite:a.db?mode=rwc"), Err("store.url_invalid"));
        assert_eq!(check("postgres:u@h"), Err("store.url_invalid"));
        let message = Location::parse("mysql://u:secret@h/db")
            .unwrap_err()
            .to_string();
        assert!(!message.contains("secret"), "{message}");
    }
}
