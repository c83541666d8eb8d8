//! Commands that move a stored assessment answered on an older bank onto
//! the current one: the plan to show first, then the move once accepted.
//!
//! Invariant: each is one call on [`App`]; `migration_plan` stores nothing,
//! and `migrate_assessment` returns only after the new assessment is stored
//! durably (the one it read is never changed).

use tauri::State;

use crate::app::App;
use crate::dto::{MigratedDto, MigrationPlanDto};
use crate::error::CommandError;

/// What moving an assessment onto the current bank would do, answer by
/// answer (kept, moved, retired, new and unanswered), with the map's notes.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(app))]
pub async fn migration_plan(
    app: State<'_, App>,
    assessment_id: String,
) -> Result<MigrationPlanDto, CommandError> {
    Ok(app.migration_plan(&assessment_id).await?)
}

/// Moves an assessment onto the current bank as a new draft assessment;
/// the old one stays as it is, on its own bank.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(app))]
pub async fn migrate_assessment(
    app: State<'_, App>,
    assessment_id: String,
) -> Result<MigratedDto, CommandError> {
    Ok(app.migrate(&assessment_id).await?)
}
