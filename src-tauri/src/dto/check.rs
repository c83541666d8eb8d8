//! The problems `check_details` and `check_registers` report while a form is
//! being edited: a detail that breaks one of `core`'s rules, a register row
//! with a bad id, name, reference or number.
//!
//! Invariant: a problem carries where it is (a field's path; a row's register
//! and index) apart from what is wrong, so the UI places it beside the input
//! concerned in its own labels; the wording of what is wrong is `core`'s.

use ironbridge_core::assessment::{DetailProblem, RegisterProblem};
use serde::Serialize;
use specta::Type;

use super::count;

/// A detail that breaks one of core's rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Type)]
pub struct FieldProblemDto {
    /// The field's path (`organisation.currency`): the UI shows its own label.
    pub field: String,
    /// What is wrong (`a three-letter ISO 4217 code, like GBP`).
    pub message: String,
}

impl From<&DetailProblem> for FieldProblemDto {
    fn from(p: &DetailProblem) -> Self {
        Self {
            field: p.field.to_owned(),
            message: p.problem.to_string(),
        }
    }
}

/// A problem of one register row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Type)]
pub struct RowProblemDto {
    /// `systems` or `providers`; empty when no row is concerned.
    pub register: String,
    /// The row's index in its register.
    pub index: u32,
    /// What is wrong with it, in the screen's words.
    pub message: String,
}

impl From<&RegisterProblem> for RowProblemDto {
    fn from(p: &RegisterProblem) -> Self {
        let (register, index) = p.row();
        Self {
            register: register.to_owned(),
            index: count(index),
            message: p.describe(),
        }
    }
}
