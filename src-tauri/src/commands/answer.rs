//! The command that saves one answer, the one a workshop calls most.
//!
//! Invariant: the answer is checked against the bank and durably written
//! before `Saved` returns; an invalid one changes nothing.

use tauri::State;

use crate::app::App;
use crate::dto::{AnswerDto, Saved};
use crate::error::CommandError;

/// Saves one answer: response, note and follow-up flag. An empty answer removes it.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(app, answer), fields(question = %answer.question))]
pub async fn save_answer(
    app: State<'_, App>,
    assessment_id: String,
    answer: AnswerDto,
) -> Result<Saved, CommandError> {
    Ok(app.save_answer(&assessment_id, answer).await?)
}
