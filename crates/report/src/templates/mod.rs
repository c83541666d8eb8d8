//! The assessment report: from the method's results (bank, assessment,
//! scorecard, narrative, framework coverage, exposure and dependencies) to a
//! [`Document`] of blocks.
//!
//! [`ReportData::compute`] runs the method once (pure `core` calls);
//! [`assessment_report`] turns the data, the brand and the document date into
//! the report, section by section:
//!
//! 1. cover ([`cover`]): client, assessor and consultancy, date, status and
//!    version, bank version, confidentiality marking and the index as a big
//!    number;
//! 2. document control and contents ([`front`]), the contents' page numbers
//!    filled in at layout;
//! 3. the one-page board summary ending in the board's decisions ([`front`]);
//! 4. executive summary ([`summary`]): the narrative, the radar of domains
//!    against the target profile, the top five risks;
//! 5. money at risk and dependencies ([`exposure`]);
//! 6. one section per domain ([`domains`]), a domain to a page;
//! 7. the prioritised roadmap, with the gap grid ([`roadmap`]);
//! 8. framework coverage ([`frameworks`]);
//! 9. scope, method, limitations and reliance, the glossary ([`appendix`]),
//!    the sign-off page ([`front`]), then appendix A, every answer.
//!
//! The consultant may leave out sections 5 to 8, the glossary and appendix
//! A ([`SectionChoice`]); the rest is always there.
//!
//! Plain language ([`plain`]): no internal code before the appendix, a cap
//! named only where it holds a score down, an unknown answer never stated
//! as a fact. A draft or in-review assessment is marked on every page.
//!
//! Invariant: templates never see the PDF writer and never read the clock or a
//! file: the output is a function of the inputs. User text (names, notes,
//! justifications, edited narrative) is always set as plain text.

mod appendix;
mod bounds;
mod choice;
mod cover;
mod domains;
mod exposure;
mod format;
mod frameworks;
mod front;
mod money_svg;
mod plain;
mod roadmap;
mod summary;

pub use choice::{OptionalSection, SectionChoice};
pub use front::status_mark;
pub use money_svg::{ChartSvg, MoneyCharts, money_charts};
pub use summary::domain_radar;

use chrono::{DateTime, Utc};
use ironbridge_core::Bank;
use ironbridge_core::assessment::Assessment;
use ironbridge_core::coverage::{FrameworkCoverage, coverage};
use ironbridge_core::dependencies::{self, DependencyAnalysis, DependencyConfig};
use ironbridge_core::exposure::{self as core_exposure, Assumptions, Exposure, ExposureError};
use ironbridge_core::frameworks::Catalogue;
use ironbridge_core::narrative::{self, Narrative};
use ironbridge_core::scoring::{self, Scorecard};
use ironbridge_core::underwriting::{self, Readiness, UnderwritingIssues};

use crate::document::{Branding, Document, DocumentInfo};
use crate::layout::blocks::{Block, HeadingLevel, Table};
use crate::layout::text::Span;
use crate::style::Colour;

/// Tables of at most this many rows are kept on one page ...
const SHORT_TABLE_ROWS: usize = 4;

/// ... and hold at most this much text (bytes): a few rows of long cells are
/// as tall as a long table, and moving them whole can leave half a page
/// empty; they break between rows instead, the header repeated.
const SHORT_TABLE_TEXT: usize = 480;

/// The frameworks the coverage section shows (NIST CSF 2.0, NCSC CAF).
pub const COVERAGE_FRAMEWORKS: [&str; 2] = ["CSF", "CAF"];

/// Everything the report shows, computed from a bank and an assessment.
#[derive(Debug, Clone)]
pub struct ReportData<'a> {
    /// The question bank.
    pub bank: &'a Bank,
    /// The assessment.
    pub assessment: &'a Assessment,
    /// Its scores.
    pub scorecard: Scorecard,
    /// The narrative: the draft with the consultant's edits applied.
    pub narrative: Narrative,
    /// Coverage of [`COVERAGE_FRAMEWORKS`].
    pub coverage: Vec<FrameworkCoverage>,
    /// The money at risk, or why it cannot be computed (no revenue, say).
    pub exposure: Result<Exposure, ExposureError>,
    /// Single points of failure and provider concentration.
    pub dependencies: DependencyAnalysis,
    /// The underwriters' questions as far as the assessment supports them, or
    /// why they cannot be read against this bank (a bank other than the shipped ones).
    pub readiness: Result<Readiness, UnderwritingIssues>,
    /// Where the assessment's audit log ended when the report was made, for
    /// a report of a stored assessment (none for a file).
    pub audit: Option<AuditStamp>,
    /// Version, distribution and reviewer for the document-control block.
    pub control: DocumentControl,
    /// The optional sections left out.
    pub sections: SectionChoice,
}

/// What the document-control block prints beyond the assessment's own
/// status and the document date; every field has a default.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentControl {
    /// The version as the consultancy numbers it (`1.2`); by default from
    /// the status: 0.1 for a draft, 0.9 in review, 1.0 final.
    pub version: Option<String>,
    /// Who receives the report; by default the client's board, with its
    /// insurers and auditors at the board's discretion.
    pub distribution: Vec<String>,
    /// Who reviewed it, once someone has.
    pub reviewer: Option<String>,
}

/// The audit log's head printed on the cover: a later change to the
/// database, rewritten log or not, is evident against the delivered report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditStamp {
    /// The number of the log's last entry.
    pub entry: u64,
    /// That entry's hash (SHA-256, lowercase hex); the cover shows its
    /// first 16 characters.
    pub hash: String,
}

impl<'a> ReportData<'a> {
    /// Runs the method with the default exposure assumptions.
    #[must_use]
    pub fn compute(bank: &'a Bank, assessment: &'a Assessment) -> Self {
        Self::compute_with(bank, assessment, &Assumptions::default())
    }

    /// Runs the method with the given exposure assumptions.
    #[must_use]
    pub fn compute_with(
        bank: &'a Bank,
        assessment: &'a Assessment,
        assumptions: &Assumptions,
    ) -> Self {
        // The simulation is the longest step and needs nothing else this
        // computes: it runs on a second thread while the rest is computed
        // here and the faces every report draws are parsed. The data are the
        // same as one step after the other.
        let simulate = || core_exposure::assess(bank, assessment, assumptions);
        if ironbridge_core::parallel::threads() < 2 {
            return Self::around(bank, assessment, simulate);
        }
        std::thread::scope(|scope| {
            match std::thread::Builder::new().spawn_scoped(scope, simulate) {
                Ok(simulation) => {
                    crate::pdf::warm_up();
                    Self::around(bank, assessment, || {
                        simulation
                            .join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                    })
                }
                // A thread the system refuses to start only costs time.
                Err(_) => Self::around(bank, assessment, simulate),
            }
        })
    }

    /// Runs the method around an exposure already computed for this
    /// assessment (by a cache that holds it for the same content and
    /// assumptions), so the simulation does not run twice.
    #[must_use]
    pub fn compute_with_exposure(
        bank: &'a Bank,
        assessment: &'a Assessment,
        exposure: Result<Exposure, ExposureError>,
    ) -> Self {
        Self::around(bank, assessment, move || exposure)
    }

    /// Computes everything but the exposure, then takes the exposure from
    /// `exposure` (a thread to join, or the value itself).
    fn around(
        bank: &'a Bank,
        assessment: &'a Assessment,
        exposure: impl FnOnce() -> Result<Exposure, ExposureError>,
    ) -> Self {
        let scorecard = scoring::score_assessment(bank, assessment);
        let narrative = narrative::narrative(bank, assessment, &scorecard);
        let coverage = coverage(bank, &scorecard, Catalogue::shipped(), &COVERAGE_FRAMEWORKS);
        let dependencies =
            dependencies::analyse(&assessment.registers, &DependencyConfig::default());
        let readiness = underwriting::readiness(bank, assessment);
        Self {
            bank,
            assessment,
            scorecard,
            narrative,
            coverage,
            exposure: exposure(),
            dependencies,
            readiness,
            audit: None,
            control: DocumentControl::default(),
            sections: SectionChoice::all(),
        }
    }

    /// The same, without the optional sections `sections` leaves out.
    #[must_use]
    pub fn with_sections(mut self, sections: SectionChoice) -> Self {
        self.sections = sections;
        self
    }

    /// The same, with the audit log's head to print on the cover.
    #[must_use]
    pub fn with_audit(mut self, audit: Option<AuditStamp>) -> Self {
        self.audit = audit;
        self
    }

    /// The same, with the document-control details to print.
    #[must_use]
    pub fn with_control(mut self, control: DocumentControl) -> Self {
        self.control = control;
        self
    }
}

/// Builds the assessment report.
///
/// `branding.consultant` names the consultancy in the running header; when
/// it is empty the assessor's firm is used. `date` is the document date
/// printed on the cover and written to the PDF.
#[must_use]
pub fn assessment_report(
    data: &ReportData<'_>,
    branding: Branding,
    date: DateTime<Utc>,
) -> Document {
    let assessment = data.assessment;
    let mut branding = branding;
    if branding.consultant.trim().is_empty() {
        branding.consultant = assessment.assessor.organisation.clone().unwrap_or_default();
    }
    let client = assessment.organisation.name.as_str();
    let info = DocumentInfo {
        title: format!("{} \u{2014} {}", assessment.title, client),
        author: author(assessment, &branding),
        subject: format!("Cyber resilience assessment of {client}"),
        keywords: vec![
            "cyber resilience".to_owned(),
            "assessment".to_owned(),
            data.bank.id.clone(),
        ],
        created: date,
    };
    let mut doc = Document::new(info, branding);
    doc.furniture.header_left = format!("{client} \u{00b7} Cyber resilience assessment");
    doc.furniture.footer_left = confidentiality(client);
    doc.furniture.watermark = status_mark(assessment.status).map(str::to_owned);
    let mut out = Sections {
        blocks: Vec::new(),
        number: 0,
    };
    cover::cover(&mut out, data, &doc, date);
    front::control_and_contents(&mut out, data, &doc.info.author, date);
    front::board_summary(&mut out, data, &doc.theme);
    summary::summary(&mut out, data, &doc.theme);
    let has = |section| data.sections.includes(section);
    if has(OptionalSection::MoneyAtRisk) {
        exposure::money_at_risk(&mut out, data, &doc.theme);
    }
    if has(OptionalSection::Dependencies) {
        exposure::dependencies(&mut out, data, &doc.theme);
    }
    if has(OptionalSection::Findings) {
        domains::domains(&mut out, data, &doc.theme);
    }
    if has(OptionalSection::Roadmap) {
        roadmap::roadmap(&mut out, data, &doc.theme);
    }
    if has(OptionalSection::Frameworks) {
        frameworks::frameworks(&mut out, data, &doc.theme);
    }
    appendix::method(&mut out, data, &doc.theme, &doc.branding.consultant);
    if has(OptionalSection::Glossary) {
        appendix::glossary(&mut out, data, &doc.theme);
    }
    front::sign_off(&mut out, data, &doc.info.author, &doc.theme);
    if has(OptionalSection::Answers) {
        appendix::answers(&mut out, data, &doc.theme);
    }
    doc.blocks = out.blocks;
    doc
}

/// The confidentiality marking of every page.
#[must_use]
pub fn confidentiality(client: &str) -> String {
    format!("Confidential \u{2014} prepared for {client}")
}

fn author(assessment: &Assessment, branding: &Branding) -> String {
    let assessor = &assessment.assessor;
    match &assessor.organisation {
        Some(firm) if !firm.trim().is_empty() => format!("{}, {firm}", assessor.name),
        _ if !branding.consultant.trim().is_empty() => {
            format!("{}, {}", assessor.name, branding.consultant)
        }
        _ => assessor.name.clone(),
    }
}

/// The blocks being written, and the number of the last section.
#[derive(Debug)]
pub(crate) struct Sections {
    blocks: Vec<Block>,
    number: usize,
}

impl Sections {
    /// Appends a block.
    pub(crate) fn push(&mut self, block: impl Into<Block>) {
        self.blocks.push(block.into());
    }

    /// Starts a numbered section on a new page: `3  Money at risk`.
    pub(crate) fn section(&mut self, title: &str) {
        self.push(Block::PageBreak);
        self.section_here(title);
    }

    /// Starts a numbered section where the last one ended.
    pub(crate) fn section_here(&mut self, title: &str) {
        self.number += 1;
        self.push(Block::heading(
            HeadingLevel::H1,
            format!("{}\u{2003}{title}", self.number),
        ));
    }

    /// A table; a short one is kept on one page.
    pub(crate) fn table(&mut self, table: Table) {
        let text: usize = table
            .rows
            .iter()
            .flatten()
            .flat_map(|cell| &cell.spans)
            .map(|span| span.text.len())
            .sum();
        if table.rows.len() <= SHORT_TABLE_ROWS && text <= SHORT_TABLE_TEXT {
            self.push(Block::KeepTogether(vec![table.into()]));
        } else {
            self.push(table);
        }
    }

    /// A subsection heading.
    pub(crate) fn subsection(&mut self, title: impl Into<String>) {
        self.push(Block::heading(HeadingLevel::H2, title));
    }

    /// A minor heading, not in the outline.
    pub(crate) fn minor(&mut self, title: impl Into<String>) {
        self.push(Block::heading(HeadingLevel::H3, title));
    }

    /// Paragraphs of plain text, split at blank lines.
    pub(crate) fn text(&mut self, text: &str) {
        for paragraph in format::paragraphs(text) {
            self.push(Block::paragraph(paragraph));
        }
    }

    /// A short muted introduction under a heading.
    pub(crate) fn lead(&mut self, text: impl Into<String>, colour: Colour) {
        self.push(crate::layout::blocks::Paragraph::new(vec![Span::regular(text)]).colour(colour));
    }
}

#[cfg(test)]
mod tests;
