//! The PDF report of an assessment: rendered, and written where the user
//! asked, readable by the user only.
//!
//! Invariant: the same assessment, branding and date give the same bytes; the
//! assessment is checked against the bank first, so the report never shows
//! an answer that does not fit its question. The money at risk is computed
//! under the assumptions saved with the assessment (or, from the command
//! line, those with the request's overrides over them), as the app's
//! exposure screen and `ironbridge exposure` compute it.

use std::path::Path;

use chrono::{DateTime, Utc};
use ironbridge_core::Bank;
use ironbridge_core::assessment::Assessment;
use ironbridge_core::exposure::{Exposure, ExposureError};
use ironbridge_core::scoring::Scorecard;
use ironbridge_report::templates::{AuditStamp, ReportData, SectionChoice, assessment_report};
use ironbridge_report::{BrandConfig, Branding, Document};

use crate::banks::Banks;
use crate::files::{ExposureRequest, Input, assumptions_for, check, saved_assumptions};
use crate::input::{self, InputKind};
use crate::{Result, ServiceError};

/// How a report looks and what it holds: the consultancy's branding and
/// the optional sections left out.
#[derive(Clone, Debug, Default)]
pub struct Presentation {
    /// Logo, colour and consultancy name.
    pub branding: Branding,
    /// The optional sections left out.
    pub sections: SectionChoice,
}

/// A rendered report.
#[derive(Clone, Debug)]
pub struct RenderedPdf {
    /// The PDF file's bytes.
    pub bytes: Vec<u8>,
    /// Its number of pages.
    pub pages: usize,
}

/// Renders the report of `assessment` (checked against `bank` first), dated
/// `date`, with the audit log's head on the cover when it is stored, and
/// its money at risk under the assumptions saved with it.
pub fn render(
    bank: &Bank,
    assessment: &Assessment,
    branding: Branding,
    date: DateTime<Utc>,
    audit: Option<AuditStamp>,
) -> Result<RenderedPdf> {
    check(bank, assessment)?;
    let assumptions = saved_assumptions(assessment)?;
    let data = ReportData::compute_with(bank, assessment, &assumptions).with_audit(audit);
    render_data(&data, branding, date)
}

/// Renders the report of a stored assessment around its money at risk as
/// the exposure screen's cache holds it (same content, same assumptions),
/// and writes it to `path` atomically, mode 0600.
pub fn write_with_exposure(
    bank: &Bank,
    assessment: &Assessment,
    exposure: Result<Exposure, ExposureError>,
    presentation: Presentation,
    date: DateTime<Utc>,
    audit: Option<AuditStamp>,
    path: &Path,
) -> Result<RenderedPdf> {
    check(bank, assessment)?;
    let data = ReportData::compute_with_exposure(bank, assessment, exposure)
        .with_audit(audit)
        .with_sections(presentation.sections);
    write_file(path, render_data(&data, presentation.branding, date)?)
}

fn render_data(
    data: &ReportData<'_>,
    branding: Branding,
    date: DateTime<Utc>,
) -> Result<RenderedPdf> {
    render_document(&assessment_report(data, branding, date))
}

fn render_document(doc: &Document) -> Result<RenderedPdf> {
    let laid_out = doc.layout()?;
    let bytes = doc.write_pdf(&laid_out)?;
    Ok(RenderedPdf {
        bytes,
        pages: laid_out.pages.len(),
    })
}

/// Renders a report [`document_from`] made and writes it to `output`
/// (atomic, mode 0600).
pub fn write_document(doc: &Document, output: &Path) -> Result<RenderedPdf> {
    write_file(output, render_document(doc)?)
}

/// Reads an assessment and checks it against the bank it was answered on
/// (one of `banks`), and makes its report, before layout: with the brand
/// file's branding (else the default) and the sections chosen, its money at
/// risk under the saved assumptions with `request`'s overrides over them.
/// [`write_document`] writes it; the report benchmark's peers typeset the
/// same document (`bench/report-peer`).
pub fn document_from(
    banks: &Banks,
    input: Input<'_>,
    request: &ExposureRequest<'_>,
    brand_file: Option<&Path>,
    sections: &SectionChoice,
    date: DateTime<Utc>,
) -> Result<Document> {
    let (bank, assessment) = input.read_checked(banks)?;
    let assumptions = assumptions_for(&assessment, request)?;
    let branding = match brand_file {
        Some(path) => branding_from_file(path)?,
        None => Branding::default(),
    };
    let data =
        ReportData::compute_with(bank, &assessment, &assumptions).with_sections(sections.clone());
    Ok(assessment_report(&data, branding, date))
}

/// Writes a rendered report to `path` atomically, mode 0600.
fn write_file(path: &Path, pdf: RenderedPdf) -> Result<RenderedPdf> {
    ironbridge_store::private_file::write(path, &pdf.bytes).map_err(|cause| {
        ServiceError::Write {
            path: path.to_owned(),
            cause,
        }
    })?;
    Ok(pdf)
}

/// The report's radar of domain scores against their targets, as SVG of
/// `width` × `height` points (the desktop app's results screen shows it).
pub fn radar_svg(card: &Scorecard, width: f32, height: f32) -> Result<String> {
    let radar = ironbridge_report::templates::domain_radar(card);
    Ok(radar.to_svg(&ironbridge_report::Theme::default(), width, height)?)
}

/// The branding a brand file describes (TOML: consultant, logo, accent; the
/// logo's path is relative to the file), over the default.
pub fn branding_from_file(path: &Path) -> Result<Branding> {
    // Both reads go through the input caps; an I/O failure keeps its
    // brand-file wording, a file over its cap says so in its own.
    let text = input::read_text(path, InputKind::BrandFile).map_err(|e| match e {
        ServiceError::Read { cause, .. } => {
            brand_error(format!("cannot read the brand file {}", path.display()))(cause)
        }
        other => other,
    })?;
    let config = BrandConfig::parse(&text).map_err(brand_error(format!("{}", path.display())))?;
    let logo = match &config.logo {
        Some(logo) => {
            let full = path.parent().unwrap_or(Path::new("")).join(logo);
            let field = format!("{}: field `logo`", path.display());
            Some(
                input::read_bytes(&full, InputKind::Logo).map_err(|e| match e {
                    ServiceError::Read { cause, .. } => {
                        brand_error(format!("{field}: cannot read {}", full.display()))(cause)
                    }
                    other => brand_error(field)(other),
                })?,
            )
        }
        None => None,
    };
    config
        .into_branding(Branding::default(), logo.as_deref())
        .map_err(brand_error(format!("{}", path.display())))
}

/// Wraps a brand file's failure with the file (and field) it concerns.
fn brand_error<E>(context: String) -> impl FnOnce(E) -> ServiceError
where
    E: std::error::Error + Send + Sync + 'static,
{
    move |source| ServiceError::BrandFile {
        context,
        source: Box::new(source),
    }
}
