//! What the app's tests share: an app on a fresh SQLite store in a
//! temporary folder, and a way to wait for its operations.

use std::future::Future;

use super::App;
use crate::settings::SettingsFiles;

/// Runs an operation of the app to its end.
pub(crate) fn block<F: Future>(f: F) -> F::Output {
    tauri::async_runtime::block_on(f)
}

/// The app as it opens on `dir`: its database, audit key and settings there.
pub(crate) fn app(dir: &tempfile::TempDir) -> App {
    let url = format!("sqlite:{}", dir.path().join("ironbridge.db").display());
    block(App::open(
        Some(&url),
        Some(&dir.path().join("audit.key")),
        SettingsFiles::new(dir.path()),
    ))
    .expect("the app opens on a fresh folder")
}
