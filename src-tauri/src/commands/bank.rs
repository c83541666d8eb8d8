//! Commands about the question bank.
//!
//! Invariant: the bank is validated once at start-up; this only hands out its IPC form.

use tauri::State;

use crate::app::App;
use crate::dto::BankDto;
use crate::error::CommandError;

/// The question bank: domains, questions, level descriptors, profiles.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub async fn get_bank(app: State<'_, App>) -> Result<BankDto, CommandError> {
    Ok(app.bank())
}
