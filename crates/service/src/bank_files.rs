//! Reading a question bank from disk (one `.toml` file, or a folder of
//! them) instead of the one shipped in the binary: `--bank PATH` and
//! `ironbridge validate-bank PATH`.
//!
//! Invariant: every file is read before anything is validated, and the
//! validation is `core`'s (`bank::load`), which reports every problem with
//! its file, line and id; a folder is read in file-name order, so the same
//! folder always gives the same bank and the same report. Each file is read
//! through [`input`], at most [`input::BANK_FILE_CAP`].

use std::path::{Path, PathBuf};

use ironbridge_core::Bank;
use ironbridge_core::bank::{BankIssues, Source, load};
use ironbridge_core::frameworks::Catalogue;

use crate::banks::Banks;
use crate::input::{self, InputKind};
use crate::{Result, ServiceError};

/// Reads the bank at `path` and validates it: I/O problems are `Err`, the
/// bank's own problems `Ok(Err)` (to print them all).
pub fn read(path: &Path) -> Result<Result<Bank, BankIssues>> {
    let files = bank_files(path)?;
    let mut texts = Vec::with_capacity(files.len());
    for file in &files {
        let text = input::read_text(file, InputKind::BankFile)?;
        texts.push((file.display().to_string(), text));
    }
    let sources: Vec<Source<'_>> = texts
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    Ok(load(&sources, Catalogue::shipped()))
}

/// The bank at `path`, or the shipped one new assessments are made on; a
/// bank with problems is an error listing them all.
pub fn bank_at(path: Option<&Path>) -> Result<Bank> {
    match path {
        Some(path) => read(path)?.map_err(ServiceError::BankFile),
        None => Ok(Bank::shipped_current()?),
    }
}

/// The bank at `path` alone, or every shipped bank (each assessment is then
/// checked against the one it was answered on).
pub fn banks_at(path: Option<&Path>) -> Result<Banks> {
    match path {
        Some(path) => Ok(Banks::one(read(path)?.map_err(ServiceError::BankFile)?)),
        None => Banks::shipped(),
    }
}

/// The `.toml` files of a folder in name order, or the one file named.
fn bank_files(path: &Path) -> Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let folder_error = |cause| ServiceError::ReadFolder {
        path: path.to_owned(),
        cause,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(folder_error)? {
        let entry_path = entry.map_err(folder_error)?.path();
        if entry_path.extension().is_some_and(|e| e == "toml") {
            files.push(entry_path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(ServiceError::NoBankFiles {
            path: path.to_owned(),
        });
    }
    Ok(files)
}
