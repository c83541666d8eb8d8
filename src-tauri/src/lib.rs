//! The Ironbridge desktop app: a Tauri 2 shell of thin commands over the use
//! cases of `ironbridge-service`, serving the Svelte UI built into `ui/dist`.
//!
//! - [`commands`]: the Tauri commands (one file per area) and the builder
//!   that registers them and generates `ui/src/lib/bindings.ts`.
//! - [`dto`]: every type that crosses IPC, with its conversions from `core`.
//! - [`app`]: the state the commands share: the `ironbridge_service::Service`
//!   (over SQLite in the user's data folder, or a team PostgreSQL database),
//!   each operation a DTO conversion and one service call.
//! - [`files`]: the native dialogs (shown by the backend) and private writes.
//! - [`settings`]: report branding and the team database URL.
//! - [`error`]: `AppError` and the `{code, message}` the UI receives.
//!
//! Invariant: only this crate knows IPC; the UI reaches the machine through the
//! commands listed in [`COMMANDS`] and nothing else (no shell, no file system
//! plugin, no remote content: see `tauri.conf.json` and `capabilities/`).
//!
//! ```
//! # tauri::async_runtime::block_on(async {
//! use ironbridge_app::{app::App, settings::SettingsFiles};
//! let dir = tempfile::tempdir().unwrap();
//! let url = format!("sqlite:{}", dir.path().join("ironbridge.db").display());
//! let key = dir.path().join("audit.key");
//! let app = App::open(Some(&url), Some(&key), SettingsFiles::new(dir.path())).await.unwrap();
//! let demo = app.create_demo().await.unwrap();
//! let card = app.score(&demo.id).await.unwrap();
//! assert!(card.index.is_some_and(|i| (0.0..=100.0).contains(&i)));
//! # });
//! ```

pub mod app;
pub mod commands;
pub mod dto;
pub mod error;
pub mod files;
pub mod settings;

#[cfg(test)]
mod security;

use std::path::PathBuf;

use tauri::Manager;

include!(concat!(env!("OUT_DIR"), "/commands.rs"));

/// The environment variable that moves the app's data (its database and
/// settings) to another folder, as the end-to-end test does.
pub const DATA_DIR_ENV: &str = "IRONBRIDGE_DATA_DIR";

static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// When [`run`] was called (the app's start, for the start-up time it logs).
pub(crate) fn started() -> std::time::Instant {
    *STARTED.get_or_init(std::time::Instant::now)
}

/// Starts the app and runs until its window closes, then closes the store.
///
/// Assessments are kept in `ironbridge.db` in the user's data folder (on Linux
/// `$XDG_DATA_HOME/ironbridge`, by default `~/.local/share/ironbridge`: the
/// database the `ironbridge` command uses too), or in the team database named
/// in the settings. With `IRONBRIDGE_DATA_DIR` set, the database and the
/// settings (and the audit key) are kept in that folder instead.
pub fn run() -> Result<(), tauri::Error> {
    started();
    // Colours only on a terminal: a log redirected to a file stays plain text.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_max_level(tracing::Level::INFO)
        .init();
    let builder = commands::builder();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(builder.invoke_handler())
        .setup(|tauri_app| {
            let data_dir = std::env::var_os(DATA_DIR_ENV).map(PathBuf::from);
            let config_dir = match &data_dir {
                Some(dir) => dir.clone(),
                None => tauri_app.path().app_config_dir()?,
            };
            let local = data_dir
                .as_ref()
                .map(|dir| format!("sqlite:{}", dir.join("ironbridge.db").display()));
            let audit_key = data_dir.map(|dir| dir.join("audit.key"));
            let settings = settings::SettingsFiles::new(&config_dir);
            let app = tauri::async_runtime::block_on(app::App::open(
                local.as_deref(),
                audit_key.as_deref(),
                settings,
            ))
            .map_err(|err| {
                tracing::error!("cannot open the assessments database: {err}");
                Box::new(err) as Box<dyn std::error::Error>
            })?;
            let location = app.location();
            tracing::info!(
                "assessments are kept in the {} database {}",
                location.kind,
                location.path.as_deref().unwrap_or("(team server)")
            );
            tauri_app.manage(app);
            Ok(())
        })
        .build(tauri::generate_context!())?
        .run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                close_store(handle);
            }
        });
    Ok(())
}

/// Closes the store as the app exits, so that a SQLite database is whole
/// in its `.db` file (nothing left in the write-ahead log beside it).
fn close_store(handle: &tauri::AppHandle) {
    let Some(app) = handle.try_state::<app::App>() else {
        // The setup failed: no store was opened.
        return;
    };
    if let Err(err) = tauri::async_runtime::block_on(app.close()) {
        tracing::error!("the assessments database did not close cleanly: {err}");
    }
}
