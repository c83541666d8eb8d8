//! `ironbridge report FILE -o OUT.pdf [--brand FILE]` and `ironbridge demo
//! --pdf OUT.pdf`: the PDF report of an assessment. Glue only: the method
//! runs in `core`, the report is built and written by `ironbridge_report`.
//!
//! Invariants: with `SOURCE_DATE_EPOCH` set, the same input gives the same
//! bytes (the variable is the document date; without it, the current time);
//! the PDF is written atomically (temporary file, fsync, rename) and readable
//! only by its owner (mode 0600), because it maps a client's weaknesses.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, TimeZone, Utc};
use ironbridge_core::Bank;
use ironbridge_core::assessment::Assessment;
use ironbridge_report::templates::{ReportData, assessment_report};
use ironbridge_report::{BrandConfig, Branding};

/// Options shared by `report` and `demo --pdf`.
#[derive(Debug)]
pub struct ReportOptions {
    /// Where to write the PDF.
    pub output: PathBuf,
    /// The brand file, if any.
    pub brand: Option<PathBuf>,
}

/// Writes the report of an assessment file.
pub fn report_file(bank: &Bank, file: &Path, options: &ReportOptions) -> Result<ExitCode> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let assessment = Assessment::from_json(&text)
        .with_context(|| format!("{} is not a valid assessment", file.display()))?;
    report(bank, &assessment, options)
}

/// Writes the report of an assessment.
pub fn report(bank: &Bank, assessment: &Assessment, options: &ReportOptions) -> Result<ExitCode> {
    if let Err(issues) = assessment.check(bank) {
        let lines: Vec<String> = issues.iter().map(|i| format!("  {i}")).collect();
        bail!(
            "the assessment does not fit bank {} {}:\n{}",
            bank.id,
            bank.version,
            lines.join("\n")
        );
    }
    let date = document_date()?;
    let branding = branding(options.brand.as_deref())?;
    let data = ReportData::compute(bank, assessment);
    let doc = assessment_report(&data, branding, date);
    let laid_out = doc.layout().context("cannot lay out the report")?;
    let pdf = doc
        .write_pdf(&laid_out)
        .context("cannot write the report as PDF")?;
    ironbridge_store::private_file::write(&options.output, &pdf)
        .with_context(|| format!("cannot write {}", options.output.display()))?;
    eprintln!(
        "wrote {} ({} pages, {} KB)",
        options.output.display(),
        laid_out.pages.len(),
        pdf.len().div_ceil(1024)
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

/// The branding from a brand file (its logo path relative to the file), or
/// the default (the assessor's firm is filled in by the template).
fn branding(path: Option<&Path>) -> Result<Branding> {
    let Some(path) = path else {
        return Ok(Branding::default());
    };
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the brand file {}", path.display()))?;
    let config = BrandConfig::parse(&text).with_context(|| format!("{}", path.display()))?;
    let logo = match &config.logo {
        Some(logo) => {
            let full = path.parent().unwrap_or(Path::new("")).join(logo);
            Some(std::fs::read(&full).with_context(|| {
                format!(
                    "{}: field `logo`: cannot read {}",
                    path.display(),
                    full.display()
                )
            })?)
        }
        None => None,
    };
    config
        .into_branding(Branding::default(), logo.as_deref())
        .with_context(|| format!("{}", path.display()))
}
