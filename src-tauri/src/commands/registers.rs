//! The command that saves the registers of critical systems and providers.
//!
//! Invariant: the registers are checked (every reference resolves, ids are
//! unique) before the store writes them, and `Saved` means durable.

use tauri::State;

use crate::app::App;
use crate::dto::{RegistersDto, Saved};
use crate::error::CommandError;

/// Replaces an assessment's registers.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(app, registers))]
pub async fn save_registers(
    app: State<'_, App>,
    assessment_id: String,
    registers: RegistersDto,
) -> Result<Saved, CommandError> {
    Ok(app.save_registers(&assessment_id, registers).await?)
}
