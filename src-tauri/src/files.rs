//! Files the user picks: the native open and save dialogs, shown by the
//! backend (writes go through `ironbridge_service::private_file`).
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

use std::path::PathBuf;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stem_keeps_words_and_drops_path_signs() {
        assert_eq!(file_stem("Acme / Pressings: 2026"), "Acme Pressings 2026");
        assert_eq!(file_stem("../.."), "assessment");
    }
}
