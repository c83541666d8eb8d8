//! Commands of the settings screen: branding, the logo, the team database,
//! and where the data is.
//!
//! Invariant: a logo is read only from the file the user picked, through the
//! service's capped reader (`InputKind::Logo`, 2 MiB, also for a pipe or a
//! device), and stored only if the report can print it.

use tauri::{AppHandle, State};

use crate::app::App;
use crate::dto::DataLocationDto;
use crate::error::{AppError, CommandError};
use crate::files::{self, Pick};
use crate::settings::SettingsDto;
use ironbridge_service::input::InputKind;

/// The settings.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn get_settings(app: State<'_, App>) -> Result<SettingsDto, CommandError> {
    Ok(app.settings()?)
}

/// Saves the settings; a team database URL must connect first.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn save_settings(
    app: State<'_, App>,
    settings: SettingsDto,
) -> Result<SettingsDto, CommandError> {
    Ok(app.save_settings(settings).await?)
}

/// Asks for a PNG logo and stores it; `null` when the user cancels.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn choose_logo(
    handle: AppHandle,
    app: State<'_, App>,
) -> Result<Option<SettingsDto>, CommandError> {
    let pick = Pick {
        save: false,
        title: "Choose the logo for the report",
        file_name: "",
        filter: "PNG image",
        extensions: &["png"],
    };
    let Some(path) = files::pick(&handle, pick).await? else {
        return Ok(None);
    };
    let png =
        ironbridge_service::input::read_bytes(&path, InputKind::Logo).map_err(AppError::from)?;
    Ok(Some(app.set_logo(&png)?))
}

/// Removes the logo.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn clear_logo(app: State<'_, App>) -> Result<SettingsDto, CommandError> {
    Ok(app.clear_logo()?)
}

/// Where the assessments are kept.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn get_data_location(app: State<'_, App>) -> Result<DataLocationDto, CommandError> {
    Ok(app.location())
}
