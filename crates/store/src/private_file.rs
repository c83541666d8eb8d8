//! Files only their owner can read, written so that a crash never leaves
//! half a file under the name: reports, bundles and settings.
//!
//! The bytes go to a temporary file beside the destination, created with
//! mode 0600 (never an existing file, whose mode could be wider), synced,
//! renamed over the destination, then the folder is synced so the rename
//! itself is durable. On failure the temporary file is removed and the
//! destination is untouched.

use std::fs::{File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically, readable by the owner only.
///
/// # Errors
/// Any I/O error on the way (the folder does not exist or is not writable,
/// the disk is full, the rename fails); `path` is then as it was.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = temporary_beside(path);
    // One left by a crashed run of a process with the same id.
    match std::fs::remove_file(&temp) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let result = (|| {
        let mut file = options.open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            File::open(parent)?.sync_all()?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// `.NAME.PID.partial` in the destination's folder (a rename never crosses
/// file systems).
fn temporary_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{}.partial", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    fn entries(dir: &Path) -> usize {
        std::fs::read_dir(dir).unwrap().count()
    }

    #[test]
    fn replaces_the_file_with_mode_0600_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.pdf");
        std::fs::write(&path, b"old").unwrap();
        write(&path, b"%PDF-new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-new");
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600);
        assert_eq!(entries(dir.path()), 1, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn a_stale_readable_temporary_file_is_not_reused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bundle.json");
        let stale = temporary_beside(&path);
        std::fs::write(&stale, b"stale").unwrap();
        std::fs::set_permissions(&stale, std::fs::Permissions::from_mode(0o644)).unwrap();
        write(&path, b"{}").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{}");
        assert_eq!(
            mode(&path),
            0o600,
            "the stale file's wider mode must not survive"
        );
        assert_eq!(entries(dir.path()), 1);
    }

    #[test]
    fn a_failed_write_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing folder").join("report.pdf");
        let error = write(&path, b"%PDF").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
        assert_eq!(entries(dir.path()), 0);
        // The destination is a folder: the rename fails and the temporary
        // file goes.
        let folder = dir.path().join("taken");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("inside"), b"x").unwrap();
        assert!(write(&folder, b"%PDF").is_err());
        assert_eq!(entries(dir.path()), 1, "only the folder remains");
    }
}
