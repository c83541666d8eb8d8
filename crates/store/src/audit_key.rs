//! The audit key: 32 random bytes kept outside the database that sign
//! (HMAC-SHA256) every audit entry and every recorded chain head, so that
//! someone who can write the database but does not hold the key cannot
//! append, rewrite or rewind an assessment's log without `verify_log`
//! saying so.
//!
//! The key lives in a file only its owner can read (0600): by default
//! `audit.key` in the user's data folder (beside the default database),
//! elsewhere when [`KEY_FILE_ENV`] names a file or the store is opened with
//! an [`AuditKeyFile`]. The file holds the key as 64 hexadecimal characters,
//! so that a team can hand the key of its shared database to each colleague
//! with the team settings.
//!
//! Invariants: the key is created only by a write (never by a check, which
//! reports "no key" instead), once, atomically (written to a temporary file
//! and linked into place, so two processes starting together end up with
//! the same key); a key file wider than 0600 is narrowed when read; entry
//! and head signatures use different prefixes, so an entry's signature is
//! never a valid head signature.

use std::fmt;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The environment variable that names the audit key file.
pub const KEY_FILE_ENV: &str = "IRONBRIDGE_AUDIT_KEY_FILE";

/// The key file's name in the user's data folder.
pub const KEY_FILE_NAME: &str = "audit.key";

/// Why the audit key cannot be read or created.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// Neither the environment nor the system names a place for the key.
    #[error("no user data folder found for the audit key; set {KEY_FILE_ENV} to a file path")]
    NoLocation,
    /// The key file cannot be read, created or restricted.
    #[error("cannot {action} the audit key {}: {cause}", path.display())]
    Io {
        /// What was being done.
        action: &'static str,
        /// The key file.
        path: PathBuf,
        /// The cause.
        cause: io::Error,
    },
    /// The key file does not hold a key.
    #[error(
        "the audit key {} is damaged: it must hold 64 hexadecimal characters; restore it from a backup or the team settings",
        path.display()
    )]
    Malformed {
        /// The key file.
        path: PathBuf,
    },
}

impl KeyError {
    /// The stable error code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            KeyError::NoLocation => "store.audit_key_location",
            KeyError::Io { .. } => "store.audit_key_io",
            KeyError::Malformed { .. } => "store.audit_key_malformed",
        }
    }
}

/// Where a store finds its audit key; the key is read (or created) on
/// first use and kept for the life of the store.
#[derive(Clone)]
pub struct AuditKeyFile {
    path: PathBuf,
    key: Arc<OnceLock<AuditKey>>,
}

impl fmt::Debug for AuditKeyFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the key itself.
        f.debug_tuple("AuditKeyFile").field(&self.path).finish()
    }
}

impl AuditKeyFile {
    /// The key in the file at `path`.
    pub fn at(path: impl Into<PathBuf>) -> AuditKeyFile {
        AuditKeyFile {
            path: path.into(),
            key: Arc::new(OnceLock::new()),
        }
    }

    /// The file [`KEY_FILE_ENV`] names, else `audit.key` in the user's data
    /// folder (`~/.local/share/ironbridge` on Linux).
    pub fn default_location() -> Result<AuditKeyFile, KeyError> {
        if let Some(path) = std::env::var_os(KEY_FILE_ENV).filter(|p| !p.is_empty()) {
            return Ok(AuditKeyFile::at(PathBuf::from(path)));
        }
        let dirs =
            directories::ProjectDirs::from("", "", "ironbridge").ok_or(KeyError::NoLocation)?;
        Ok(AuditKeyFile::at(dirs.data_dir().join(KEY_FILE_NAME)))
    }

    /// The key file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The key, created if the file does not exist yet.
    pub(crate) fn load_or_create(&self) -> Result<&AuditKey, KeyError> {
        if let Some(key) = self.load()? {
            return Ok(key);
        }
        let fresh = AuditKey::generate(&self.path)?;
        create(&self.path, &fresh)?;
        // Another process may have linked its key first: read back what is there.
        self.load()?.ok_or_else(|| KeyError::Io {
            action: "read back",
            path: self.path.clone(),
            cause: io::ErrorKind::NotFound.into(),
        })
    }

    /// The key, or `None` when the file does not exist.
    pub(crate) fn load(&self) -> Result<Option<&AuditKey>, KeyError> {
        if let Some(key) = self.key.get() {
            return Ok(Some(key));
        }
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                return Err(KeyError::Malformed {
                    path: self.path.clone(),
                });
            }
            Err(cause) => {
                return Err(KeyError::Io {
                    action: "read",
                    path: self.path.clone(),
                    cause,
                });
            }
        };
        restrict(&self.path)?;
        let key = AuditKey::from_hex(text.trim()).ok_or_else(|| KeyError::Malformed {
            path: self.path.clone(),
        })?;
        Ok(Some(self.key.get_or_init(|| key)))
    }
}

/// The secret itself.
#[derive(Clone)]
pub(crate) struct AuditKey([u8; 32]);

impl AuditKey {
    fn generate(path: &Path) -> Result<AuditKey, KeyError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| KeyError::Io {
            action: "create",
            path: path.to_owned(),
            cause: io::Error::other(e.to_string()),
        })?;
        Ok(AuditKey(bytes))
    }

    fn from_hex(text: &str) -> Option<AuditKey> {
        let bytes = text.as_bytes();
        if bytes.len() != 64 {
            return None;
        }
        let mut key = [0u8; 32];
        for (i, pair) in bytes.chunks(2).enumerate() {
            let digit = |b: u8| char::from(b).to_digit(16);
            key[i] = u8::try_from(digit(pair[0])? * 16 + digit(pair[1])?).ok()?;
        }
        Some(AuditKey(key))
    }

    fn to_hex(&self) -> String {
        hex(&self.0)
    }

    fn mac(&self, parts: &[&[u8]]) -> String {
        // HMAC takes a key of any length, so this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC accepts a 32-byte key"));
        for part in parts {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part);
        }
        hex(&mac.finalize().into_bytes())
    }

    /// A public name for the key (16 hex characters), so that a log signed
    /// with another key says so instead of looking forged.
    pub(crate) fn id(&self) -> String {
        self.mac(&[b"ironbridge audit key id v1"])[..16].to_owned()
    }

    /// The signature of an audit entry: over its hash, which covers the
    /// assessment, its number, its content and the previous hash.
    pub(crate) fn sign_entry(&self, hash: &str) -> String {
        self.mac(&[b"ironbridge audit entry v1", hash.as_bytes()])
    }

    /// The signature of an assessment's recorded head.
    pub(crate) fn sign_head(&self, assessment_id: &str, seq: u64, head: &str) -> String {
        self.mac(&[
            b"ironbridge audit head v1",
            assessment_id.as_bytes(),
            &seq.to_be_bytes(),
            head.as_bytes(),
        ])
    }
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        out.push(char::from(b"0123456789abcdef"[usize::from(byte & 15)]));
    }
    out
}

/// Writes the key to a temporary file (0600) and links it into place; an
/// existing key file is left as it is.
fn create(path: &Path, key: &AuditKey) -> Result<(), KeyError> {
    let io = |action, cause| KeyError::Io {
        action,
        path: path.to_owned(),
        cause,
    };
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(parent) = parent
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
    let name = path.file_name().map_or_else(
        || KEY_FILE_NAME.into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let temp = path.with_file_name(format!(".{name}.{}.partial", std::process::id()));
    let _ = std::fs::remove_file(&temp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = (|| {
        let mut file = options.open(&temp)?;
        writeln!(file, "{}", key.to_hex())?;
        file.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(io("create", e));
    }
    let linked = std::fs::hard_link(&temp, path);
    let _ = std::fs::remove_file(&temp);
    match linked {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(()),
        Err(e) => return Err(io("create", e)),
    }
    if let Some(parent) = parent {
        std::fs::File::open(parent)
            .and_then(|dir| dir.sync_all())
            .map_err(|e| io("create", e))?;
    }
    Ok(())
}

/// Narrows the key file to 0600 when others could read it.
fn restrict(path: &Path) -> Result<(), KeyError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let io = |action, cause| KeyError::Io {
            action,
            path: path.to_owned(),
            cause,
        };
        let mode = std::fs::metadata(path)
            .map_err(|e| io("read", e))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .map_err(|e| io("restrict the permissions of", e))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_created_once_readable_by_the_user_only_and_read_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys/audit.key");
        let file = AuditKeyFile::at(&path);
        assert!(
            file.load().unwrap().is_none(),
            "no key before the first write"
        );
        let id = file.load_or_create().unwrap().id();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Another store (another process) reads the same key.
        let again = AuditKeyFile::at(&path);
        assert_eq!(again.load().unwrap().unwrap().id(), id);
        assert_eq!(again.load_or_create().unwrap().id(), id);
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
    }

    #[test]
    fn a_damaged_key_file_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.key");
        std::fs::write(&path, "not a key").unwrap();
        let err = AuditKeyFile::at(&path).load_or_create().err().unwrap();
        assert_eq!(err.code(), "store.audit_key_malformed");
        assert!(err.to_string().contains("audit.key"), "{err}");
    }

    #[test]
    fn entry_and_head_signatures_differ_and_depend_on_the_key() {
        let a = AuditKey([1; 32]);
        let b = AuditKey([2; 32]);
        let hash = "ab".repeat(32);
        assert_ne!(a.sign_entry(&hash), a.sign_head("x", 1, &hash));
        assert_ne!(a.sign_entry(&hash), b.sign_entry(&hash));
        assert_ne!(a.sign_head("x", 1, &hash), a.sign_head("x", 2, &hash));
        assert_ne!(a.id(), b.id());
        assert_eq!(AuditKey::from_hex(&a.to_hex()).unwrap().id(), a.id());
    }
}
