//! Commands that export and import bundle files (one assessment, portable,
//! optionally encrypted with a passphrase).
//!
//! Invariant: files are read and written only at paths the user picked in a
//! native dialog; an import stores everything or nothing.

use tauri::{AppHandle, State};

use crate::app::App;
use crate::dto::{AssessmentDto, ExportedDto};
use crate::error::CommandError;
use crate::files::{self, Pick};

const EXTENSIONS: &[&str] = &["ironbridge", "json", "age"];

/// Asks where to save the bundle, then writes it (encrypted when a passphrase
/// is given); `null` when the user cancels.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(handle, app, passphrase))]
pub async fn export_bundle(
    handle: AppHandle,
    app: State<'_, App>,
    assessment_id: String,
    passphrase: Option<String>,
) -> Result<Option<ExportedDto>, CommandError> {
    let name = format!("{}.ironbridge", app.file_stem(&assessment_id).await?);
    let pick = Pick {
        save: true,
        title: "Export the assessment as a bundle",
        file_name: &name,
        filter: "Ironbridge bundle",
        extensions: EXTENSIONS,
    };
    let Some(path) = files::pick(&handle, pick).await? else {
        return Ok(None);
    };
    Ok(Some(
        app.export_bundle(&assessment_id, &path, passphrase.as_deref())
            .await?,
    ))
}

/// Asks for a bundle file, then imports it as a new assessment; `null` when
/// the user cancels.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(handle, app, passphrase))]
pub async fn import_bundle(
    handle: AppHandle,
    app: State<'_, App>,
    passphrase: Option<String>,
) -> Result<Option<AssessmentDto>, CommandError> {
    let pick = Pick {
        save: false,
        title: "Import an assessment bundle",
        file_name: "",
        filter: "Ironbridge bundle",
        extensions: EXTENSIONS,
    };
    let Some(path) = files::pick(&handle, pick).await? else {
        return Ok(None);
    };
    Ok(Some(app.import_bundle(&path, passphrase.as_deref()).await?))
}
