//! `ironbridge migrate FILE --to 2 [-o OUT]`: an assessment file answered on
//! bank 1 moved onto bank 2 through the shipped map. Glue only: the
//! migration is `ironbridge_service::migrate`'s. [`print_plan`] is the one
//! printer of a migration plan, here and in `db migrate`.
//!
//! Invariants: the file read is never changed; the plan (kept, moved,
//! retired, new and unanswered) goes to standard error, or to standard
//! output when the migrated assessment is written to `-o OUT` (atomically,
//! readable only by its owner), so the JSON on standard output is always
//! the assessment alone.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use ironbridge_core::migration::Plan;
use ironbridge_service::Banks;
use ironbridge_service::files::Input;

use crate::terminal::{self, Output, errln};

/// Where a migration plan is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanOn {
    /// Standard output: the plan is what the command prints.
    Stdout,
    /// Standard error: standard output carries the assessment's JSON.
    Stderr,
}

/// Prints a migration plan, grouped by what happens to each answer (kept,
/// moved, to answer again, merged, retired, new and unanswered), its text
/// escaped like everything the CLI writes.
pub fn print_plan(plan: &Plan, on: PlanOn) -> Result<()> {
    let text = plan.to_text();
    match on {
        PlanOn::Stdout => {
            terminal::stdout(&text, Output::Text).context("cannot write to standard output")
        }
        PlanOn::Stderr => {
            terminal::stderr(&text);
            Ok(())
        }
    }
}

/// Runs `ironbridge migrate`.
pub fn migrate(
    banks: &Banks,
    file: &Path,
    to_major: u32,
    output: Option<&PathBuf>,
) -> Result<ExitCode> {
    let migration = ironbridge_service::migrate::migrate_input(banks, Input::File(file), to_major)?;
    let mut json = migration.assessment.to_json();
    if !json.ends_with('\n') {
        json.push('\n');
    }
    match output {
        Some(path) => {
            ironbridge_service::private_file::write(path, json.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            print_plan(&migration.plan, PlanOn::Stdout)?;
            errln!(
                "wrote {} (bank {}); {} is unchanged",
                path.display(),
                migration.assessment.bank.version,
                file.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        None => {
            print_plan(&migration.plan, PlanOn::Stderr)?;
            crate::emit(&json, Output::Json)
        }
    }
}
