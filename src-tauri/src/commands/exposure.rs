//! The command of the exposure screen: money at risk and single points of failure.
//!
//! Invariant: the figures are `core::exposure::assess` and
//! `core::dependencies::analyse` over the stored assessment, the same
//! functions as `ironbridge exposure --json`.

use tauri::State;

use crate::app::App;
use crate::dto::{AssumptionOverrideDto, ExposureDto};
use crate::error::CommandError;

/// The exposure under the default assumptions with `overrides`, and the dependency analysis.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(app, overrides))]
pub async fn get_exposure(
    app: State<'_, App>,
    assessment_id: String,
    overrides: Vec<AssumptionOverrideDto>,
) -> Result<ExposureDto, CommandError> {
    Ok(app.exposure(&assessment_id, overrides).await?)
}
