//! Files the user picks: the native open and save dialogs, shown by the
//! backend, and private atomic writes.
//!
//! Invariant: the webview never hands the backend a path. A command that
//! reads or writes a file asks [`pick`] for one, which shows the native
//! dialog and returns what the user chose (or nothing when they cancel).
//!
//! For the end-to-end test only, and in debug builds only (a release build
//! ignores the variable): when `IRONBRIDGE_TEST_PICK_FILE` names a file, the
//! dialog is not shown and the path written in that file is taken
//! as the user's choice (an empty or missing file is a cancel). WebDriver
//! cannot drive a native GTK dialog; everything after the choice runs as in
//! normal use. Nobody else sets the variable; whoever can set it can already
//! write the user's files.

use std::io::Write;
use std::path::{Path, PathBuf};

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use crate::error::AppError;

/// The environment variable the end-to-end test uses in place of the dialog.
pub const TEST_PICK_ENV: &str = "IRONBRIDGE_TEST_PICK_FILE";

/// What to ask the user for.
#[derive(Clone, Copy, Debug)]
pub struct Pick<'a> {
    /// Save (a new file) or open (an existing one).
    pub save: bool,
    /// The dialog's title.
    pub title: &'a str,
    /// The suggested file name, for a save.
    pub file_name: &'a str,
    /// The filter's name (`PDF document`).
    pub filter: &'a str,
    /// The extensions it shows, without dots.
    pub extensions: &'a [&'a str],
}

/// Shows the dialog; `None` when the user cancels.
pub async fn pick(app: &AppHandle, pick: Pick<'_>) -> Result<Option<PathBuf>, AppError> {
    #[cfg(debug_assertions)]
    if let Some(control) = std::env::var_os(TEST_PICK_ENV) {
        let chosen = std::fs::read_to_string(&control).unwrap_or_default();
        let chosen = chosen.trim();
        return Ok((!chosen.is_empty()).then(|| PathBuf::from(chosen)));
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    let dialog = app
        .dialog()
        .file()
        .set_title(pick.title)
        .add_filter(pick.filter, pick.extensions);
    if pick.save {
        dialog.set_file_name(pick.file_name).save_file(move |path| {
            let _ = tx.send(path);
        });
    } else {
        dialog.pick_file(move |path| {
            let _ = tx.send(path);
        });
    }
    let chosen = rx.await.map_err(|_| AppError::Dialog {
        reason: "it closed without an answer".into(),
    })?;
    chosen
        .map(|p| {
            p.into_path().map_err(|e| AppError::Dialog {
                reason: e.to_string(),
            })
        })
        .transpose()
}

/// A file name made of the letters, digits and a few safe signs of `text`.
pub fn file_stem(text: &str) -> String {
    let stem: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if stem.is_empty() {
        "assessment".into()
    } else {
        stem
    }
}

/// Writes bytes to `path` atomically, readable only by the owner: a
/// temporary file beside it (mode 0600), fsync, rename, fsync of the folder.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let file_name = path
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(".{file_name}.{}.partial", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let result = (|| {
        let mut file = options.open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::File::open(parent)?.sync_all()?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stem_keeps_words_and_drops_path_signs() {
        assert_eq!(file_stem("Acme / Pressings: 2026"), "Acme Pressings 2026");
        assert_eq!(file_stem("../.."), "assessment");
    }

    #[test]
    fn private_write_replaces_the_file_with_mode_0600() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.pdf");
        std::fs::write(&path, b"old").unwrap();
        write_private(&path, b"%PDF-new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
