//! Commands that check what the user is typing against `core`'s rules, so a
//! form shows, as the user types, exactly what a save would refuse.
//!
//! Invariant: the rules live in `core` (`Details::problems`,
//! `Registers::check`); the UI keeps no copy of them, only its field labels.

use ironbridge_core::assessment::{Details, Registers};

use crate::dto::{AssessmentDetails, FieldProblemDto, RegistersDto, RowProblemDto};

/// Every rule the details break, each with its field, in form order.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub fn check_details(details: AssessmentDetails) -> Vec<FieldProblemDto> {
    Details::from(details)
        .problems()
        .iter()
        .map(FieldProblemDto::from)
        .collect()
}

/// Every problem of the registers, each with its row; a register that
/// cannot even be read (a malformed date, say) is one problem without a row.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all)]
pub fn check_registers(registers: RegistersDto) -> Vec<RowProblemDto> {
    match Registers::try_from(registers) {
        Ok(registers) => registers
            .check()
            .err()
            .unwrap_or_default()
            .iter()
            .map(RowProblemDto::from)
            .collect(),
        Err(err) => vec![RowProblemDto {
            register: String::new(),
            index: 0,
            message: err.to_string(),
        }],
    }
}
