//! The commands of the exposure screen: money at risk and single points of
//! failure, and saving the assumptions the user changes.
//!
//! Invariant: the figures are `core::exposure::assess` and
//! `core::dependencies::analyse` over the stored assessment under the
//! assumptions saved with it, the same functions and values as `ironbridge
//! exposure --json` and the PDF report; `Saved` means durable.

use tauri::State;

use crate::app::App;
use crate::dto::{AssumptionOverrideDto, ExposureDto, Saved};
use crate::error::CommandError;

/// The exposure under the assumptions saved with the assessment, and the dependency analysis.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(app))]
pub async fn get_exposure(
    app: State<'_, App>,
    assessment_id: String,
) -> Result<ExposureDto, CommandError> {
    Ok(app.exposure(&assessment_id).await?)
}

/// Saves the assumptions the user changed (key and value each; they replace
/// the saved ones) with the assessment.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(app, overrides))]
pub async fn save_assumptions(
    app: State<'_, App>,
    assessment_id: String,
    overrides: Vec<AssumptionOverrideDto>,
) -> Result<Saved, CommandError> {
    Ok(app.save_assumptions(&assessment_id, overrides).await?)
}
