//! The Ironbridge report engine: documents of headings, paragraphs, lists,
//! tables, charts and images, laid out on A4 pages and written as PDF.
//!
//! A template builds a [`Document`] from [`Block`]s; [`Document::layout`]
//! turns it into [`Page`]s of positioned items (with a text [`LaidOut::dump`]
//! for snapshot tests) and [`Document::render_pdf`] writes the PDF. Charts
//! ([`Chart`]) are geometry first, drawn into the PDF and, through
//! [`Chart::to_svg`], into the desktop UI.
//!
//! The crate is split by job: `layout` (text flow, tables, pagination) and
//! `charts` know nothing of PDF; `pdf` is the only module that writes it
//! (with printpdf, and lopdf for what printpdf lacks). Fonts (Noto Sans; DejaVu
//! Sans, WenQuanYi Micro Hei and Symbola as fallbacks per character) are
//! compiled in and subset. Laying out and writing use a few threads
//! (`ironbridge_core::parallel`). Output is deterministic: the date is an
//! input, and the same document gives the same bytes on any number of
//! threads.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use ironbridge_report::{
//!     Block, Branding, Colour, Column, Document, DocumentInfo, HeadingLevel, Table,
//! };
//!
//! # fn main() -> Result<(), ironbridge_report::ReportError> {
//! let created = Utc.timestamp_opt(1_764_000_000, 0).single().unwrap_or_default();
//! let branding = Branding {
//!     accent: Colour::from_hex("#0b4f8a")?,
//!     consultant: "Northgate Advisory".into(),
//!     logo: None,
//! };
//! let mut doc = Document::new(DocumentInfo::new("Cyber resilience assessment", created), branding);
//! doc.push(Block::heading(HeadingLevel::H1, "Executive summary"));
//! doc.push(Block::paragraph("Production depends on three systems with no tested restore."));
//! doc.push(Table::new(vec![Column::new("Domain", 3.0), Column::new("Score", 1.0)]).row(["Recovery", "38"]));
//! let pdf = doc.render_pdf()?;
//! assert!(pdf.starts_with(b"%PDF"));
//! assert_eq!(doc.render_pdf()?, pdf, "same input, same bytes");
//! # Ok(())
//! # }
//! ```

mod brand;
mod document;
mod error;
mod fonts;
mod image;
mod pdf;
mod style;

pub mod charts;
pub mod layout;
pub mod templates;

pub use brand::BrandConfig;
pub use charts::{Bar, BarChart, Chart, Drawing, HeatMap, RadarAxis, RadarChart};
pub use document::{Branding, Document, DocumentInfo, LaidOut, Logo};
pub use error::ReportError;
pub use fonts::FaceId;
pub use image::encode_png;
pub use layout::blocks::{
    Block, Callout, Cell, ChartBlock, Column, Figure, Heading, HeadingLevel, ImageBlock, Paragraph,
    Table,
};
pub use layout::contents::{Contents, ContentsEntry};
pub use layout::items::{Item, RasterImage};
pub use layout::paginate::{Furniture, OutlineEntry, Page};
pub use layout::text::Span;
pub use style::{Align, Colour, FontStyle, PageSetup, Theme};
