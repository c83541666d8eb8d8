//! Commands about the question bank.
//!
//! Invariant: the shipped banks are validated once at start-up; this only
//! hands out their IPC form.

use tauri::State;

use crate::app::App;
use crate::dto::BankDto;
use crate::error::CommandError;

/// The question bank: domains, questions, level descriptors, profiles. With
/// an assessment's id, the bank that assessment was answered on (bank 1 for
/// one made before bank 2); without, the bank new assessments are made on.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn get_bank(
    app: State<'_, App>,
    assessment_id: Option<String>,
) -> Result<BankDto, CommandError> {
    match assessment_id {
        Some(id) => Ok(app.assessment_bank(&id).await?),
        None => Ok(app.bank()),
    }
}
