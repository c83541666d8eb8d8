//! Commands of the report screen: the narrative, and the PDF export.
//!
//! Invariant: the PDF is written only to a path the user picked in the native
//! save dialog (`files::pick`), and it uses the narrative as edited.

use tauri::{AppHandle, State};

use crate::app::App;
use crate::dto::{BrandingDto, ExportedDto, NarrativeDto, Saved};
use crate::error::CommandError;
use crate::files::{self, Pick};

/// The narrative: each part drafted from the scoring, beside the consultant's edits.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(app))]
pub async fn get_narrative(
    app: State<'_, App>,
    assessment_id: String,
) -> Result<NarrativeDto, CommandError> {
    Ok(app.narrative(&assessment_id).await?)
}

/// Saves the consultant's narrative edits; returns once they are durable.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(app, narrative))]
pub async fn save_narrative(
    app: State<'_, App>,
    assessment_id: String,
    narrative: NarrativeDto,
) -> Result<Saved, CommandError> {
    Ok(app.save_narrative(&assessment_id, narrative).await?)
}

/// Opens the PDF exported last in the system's viewer.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(app))]
pub fn open_exported_pdf(app: State<'_, App>) -> Result<(), CommandError> {
    Ok(app.open_last_pdf()?)
}

/// Asks where to save the PDF report, then writes it; `null` when the user cancels.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(handle, app, branding))]
pub async fn export_pdf(
    handle: AppHandle,
    app: State<'_, App>,
    assessment_id: String,
    branding: BrandingDto,
) -> Result<Option<ExportedDto>, CommandError> {
    let name = format!("{}.pdf", app.file_stem(&assessment_id).await?);
    let pick = Pick {
        save: true,
        title: "Export the report as PDF",
        file_name: &name,
        filter: "PDF document",
        extensions: &["pdf"],
    };
    let Some(path) = files::pick(&handle, pick).await? else {
        return Ok(None);
    };
    let logo = app.logo();
    Ok(Some(
        app.export_pdf(&assessment_id, &path, branding, logo.as_deref())
            .await?,
    ))
}
