//! `ironbridge report FILE -o OUT.pdf [--brand FILE] [--assumptions FILE]
//! [--days N] [--seed N]` and `ironbridge demo --pdf OUT.pdf`: the PDF
//! report of an assessment, its money at risk under the assumptions saved
//! with it (each flag given overrides them, as for `ironbridge exposure`).
//! Glue only: the report is rendered and written by
//! `ironbridge_service::report`.
//!
//! Invariants: with `SOURCE_DATE_EPOCH` set, the same input gives the same
//! bytes (the variable is the document date; without it, the current time);
//! the PDF is written atomically (temporary file, fsync, rename) and readable
//! only by its owner (mode 0600), because it maps a client's weaknesses.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, TimeZone, Utc};
use ironbridge_report::templates::SectionChoice;
use ironbridge_service::Banks;
use ironbridge_service::files::{ExposureRequest, Input};

use crate::terminal::errln;

/// Options shared by `report` and `demo --pdf`.
#[derive(Debug)]
pub struct ReportOptions {
    /// Where to write the PDF.
    pub output: PathBuf,
    /// The brand file, if any.
    pub brand: Option<PathBuf>,
    /// Seed of the simulation, over the saved one.
    pub seed: Option<u64>,
    /// Length of the custom scenario, days, over the saved one.
    pub days: Option<f64>,
    /// A JSON file of assumption overrides, over the saved ones.
    pub assumptions: Option<PathBuf>,
    /// The optional sections left out.
    pub sections: SectionChoice,
}

/// `--omit money,answers`: the sections named are left out.
pub fn parse_sections(list: &str) -> Result<SectionChoice, String> {
    SectionChoice::omitting(list).map_err(|e| e.to_string())
}

/// Writes the report of an assessment.
pub fn report(banks: &Banks, input: Input<'_>, options: &ReportOptions) -> Result<ExitCode> {
    let date = document_date()?;
    let brand = options.brand.as_deref();
    let request = ExposureRequest {
        assumptions_file: options.assumptions.as_deref(),
        seed: options.seed,
        days: options.days,
    };
    let doc = ironbridge_service::report::document_from(
        banks,
        input,
        &request,
        brand,
        &options.sections,
        date,
    )?;
    let pdf = ironbridge_service::report::write_document(&doc, &options.output)?;
    errln!(
        "wrote {} ({} pages, {} KB)",
        options.output.display(),
        pdf.pages,
        pdf.bytes.len().div_ceil(1024)
    );
    Ok(ExitCode::SUCCESS)
}

/// The document date: `SOURCE_DATE_EPOCH` (seconds since 1970) when set,
/// else now.
fn document_date() -> Result<DateTime<Utc>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => {
            let seconds: i64 = value.trim().parse().with_context(|| {
                format!("SOURCE_DATE_EPOCH={value:?} is not a whole number of seconds")
            })?;
            Utc.timestamp_opt(seconds, 0)
                .single()
                .with_context(|| format!("SOURCE_DATE_EPOCH={seconds} is out of range"))
        }
        Err(std::env::VarError::NotPresent) => Ok(Utc::now()),
        Err(std::env::VarError::NotUnicode(_)) => bail!("SOURCE_DATE_EPOCH is not valid text"),
    }
}
