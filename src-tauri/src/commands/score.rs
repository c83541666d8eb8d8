//! The command that scores an assessment.
//!
//! Invariant: the scorecard is `core::scoring` over the stored assessment, so
//! the app shows exactly what the CLI and the report show.

use tauri::State;

use crate::app::App;
use crate::dto::ScorecardDto;
use crate::error::CommandError;

/// Scores the stored assessment: index, weakest domain, domains, caps, gaps.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(app))]
pub async fn score_assessment(
    app: State<'_, App>,
    assessment_id: String,
) -> Result<ScorecardDto, CommandError> {
    Ok(app.score(&assessment_id).await?)
}
