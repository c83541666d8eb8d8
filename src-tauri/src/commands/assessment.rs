//! Commands that list, create and open assessments.
//!
//! Invariant: each is one call on [`App`]; a `Saved` is returned only after the
//! store's durable write.

use tauri::State;

use crate::app::App;
use crate::dto::{AssessmentDetails, AssessmentDto, AssessmentSummary};
use crate::error::CommandError;

/// Every stored assessment, most recently changed first.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn list_assessments(app: State<'_, App>) -> Result<Vec<AssessmentSummary>, CommandError> {
    Ok(app.list().await?)
}

/// Creates a draft assessment from the new-assessment wizard.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn create_assessment(
    app: State<'_, App>,
    details: AssessmentDetails,
) -> Result<AssessmentDto, CommandError> {
    Ok(app.create(details).await?)
}

/// Copies the demo assessment into the store and returns the copy.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn create_demo_assessment(app: State<'_, App>) -> Result<AssessmentDto, CommandError> {
    Ok(app.create_demo().await?)
}

/// Opens a stored assessment.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(app))]
pub async fn open_assessment(
    app: State<'_, App>,
    assessment_id: String,
) -> Result<AssessmentDto, CommandError> {
    Ok(app.open_assessment(&assessment_id).await?)
}
