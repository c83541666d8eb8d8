//! The document a template builds: metadata, branding, theme, page setup and
//! blocks, and the two things to do with it: lay it out, render it to PDF.
//!
//! Invariant: the output is a pure function of the document. The date is an
//! input (the CLI reads `SOURCE_DATE_EPOCH`), never the clock.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::error::ReportError;
use crate::fonts::FontSet;
use crate::image::decode_png;
use crate::layout::blocks::Block;
use crate::layout::contents::{fill, has_contents};
use crate::layout::items::RasterImage;
use crate::layout::paginate::{Furniture, OutlineEntry, Page, add_furniture, paginate};
use crate::layout::runs::{Keep, units_on};
use crate::layout::shape::Shaper;
use crate::layout::slices::Context;
use crate::pdf::{PdfMetadata, write};
use crate::style::{Colour, PageSetup, Theme};

/// Document metadata, written to the PDF and used in the running header.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentInfo {
    /// Title.
    pub title: String,
    /// Author (the assessor or consultancy).
    pub author: String,
    /// Subject.
    pub subject: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Creation date; explicit so the same input gives the same bytes.
    pub created: DateTime<Utc>,
}

impl DocumentInfo {
    /// Metadata with a title and a date, the rest empty.
    pub fn new(title: impl Into<String>, created: DateTime<Utc>) -> Self {
        Self {
            title: title.into(),
            author: String::new(),
            subject: String::new(),
            keywords: Vec::new(),
            created,
        }
    }
}

/// A decoded logo image.
#[derive(Debug, Clone, PartialEq)]
pub struct Logo(Arc<RasterImage>);

impl Logo {
    /// Decodes a PNG logo.
    ///
    /// # Errors
    /// [`ReportError::InvalidImage`] or [`ReportError::ImageTooLarge`].
    pub fn from_png(bytes: &[u8]) -> Result<Self, ReportError> {
        Ok(Self(Arc::new(decode_png(bytes)?)))
    }

    /// The pixels, to place with [`crate::Block::Image`] (on a cover, say).
    #[must_use]
    pub fn image(&self) -> &Arc<RasterImage> {
        &self.0
    }
}

/// The consultant's brand.
#[derive(Debug, Clone, PartialEq)]
pub struct Branding {
    /// The one accent colour.
    pub accent: Colour,
    /// Consultant or firm name, shown in the running header.
    pub consultant: String,
    /// Logo, shown in the running header instead of the name.
    pub logo: Option<Logo>,
}

impl Default for Branding {
    fn default() -> Self {
        Self {
            accent: Theme::default().accent,
            consultant: String::new(),
            logo: None,
        }
    }
}

/// A report document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Metadata.
    pub info: DocumentInfo,
    /// Brand.
    pub branding: Branding,
    /// Typography (its accent follows the branding when built with `new`).
    pub theme: Theme,
    /// Page size and margins.
    pub page: PageSetup,
    /// Running header and footer texts.
    pub furniture: Furniture,
    /// Content, top to bottom.
    pub blocks: Vec<Block>,
}

/// A laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct LaidOut {
    /// Pages with every item positioned.
    pub pages: Vec<Page>,
    /// Bookmarks.
    pub outline: Vec<OutlineEntry>,
}

impl LaidOut {
    /// A text dump of every page, for snapshot tests.
    #[must_use]
    pub fn dump(&self) -> String {
        crate::layout::dump::dump(&self.pages, &self.outline)
    }

    /// Each page's words as it draws them: its text runs in drawing order,
    /// joined by spaces (for checks on what a reader sees).
    #[must_use]
    pub fn page_texts(&self) -> Vec<String> {
        self.pages
            .iter()
            .map(|page| {
                page.items
                    .iter()
                    .filter_map(|item| match item {
                        crate::layout::items::Item::Text(run) => Some(run.text.as_str()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// A compact dump: each page's lines of text with their position, face
    /// and size, and a count of what is drawn; for snapshots of long documents.
    #[must_use]
    pub fn dump_text(&self) -> String {
        crate::layout::dump::text_lines(&self.pages)
    }
}

impl Document {
    /// A document with the default theme in the brand's accent, A4 pages and
    /// furniture taken from the metadata and brand.
    #[must_use]
    pub fn new(info: DocumentInfo, branding: Branding) -> Self {
        let furniture = Furniture {
            header_left: info.title.clone(),
            header_right: branding.consultant.clone(),
            footer_left: "Confidential".to_owned(),
            on_first_page: false,
            watermark: None,
        };
        Self {
            theme: Theme::with_accent(branding.accent),
            info,
            branding,
            page: PageSetup::A4,
            furniture,
            blocks: Vec::new(),
        }
    }

    /// Appends a block.
    pub fn push(&mut self, block: impl Into<Block>) -> &mut Self {
        self.blocks.push(block.into());
        self
    }

    /// Lays the document out into pages.
    ///
    /// # Errors
    /// [`ReportError::PageTooSmall`], [`ReportError::TableShape`], chart
    /// errors, or [`ReportError::FontUnreadable`].
    pub fn layout(&self) -> Result<LaidOut, ReportError> {
        self.layout_on(ironbridge_core::parallel::threads())
    }

    /// [`Document::layout`] on up to `threads` threads: the same result
    /// for any number.
    pub(crate) fn layout_on(&self, threads: usize) -> Result<LaidOut, ReportError> {
        self.page.check()?;
        let mut shaper = Shaper::new(FontSet::get()?);
        let mut ctx = Context {
            shaper: &mut shaper,
            theme: &self.theme,
            left: self.page.margin_left,
            width: self.page.content_width(),
            max_height: self.page.content_height(),
        };
        let (mut pages, outline) = if has_contents(&self.blocks) {
            // Lay out with the contents' titles, then again with the pages
            // their headings landed on, until the pages stop moving (the
            // numbers never change a line's height, so once is enough).
            let mut blocks = fill(&self.blocks, None);
            let (units, mut flows) = units_on(&mut ctx, &blocks, threads, None, Keep::Flows)?;
            let mut laid = paginate(&self.page, units);
            for _ in 0..3 {
                let filled = fill(&self.blocks, Some(&laid.1));
                if filled == blocks {
                    break;
                }
                // Only the contents' runs differ: the rest are taken over.
                // The numbers never change a line's height, so no third
                // pass is expected and this one keeps nothing (a third
                // would flow every run again).
                let earlier = std::mem::take(&mut flows);
                let (units, _) = units_on(
                    &mut ctx,
                    &filled,
                    threads,
                    Some((&blocks, earlier)),
                    Keep::Nothing,
                )?;
                laid = paginate(&self.page, units);
                blocks = filled;
            }
            laid
        } else {
            let (units, _) = units_on(&mut ctx, &self.blocks, threads, None, Keep::Nothing)?;
            paginate(&self.page, units)
        };
        let logo = self.branding.logo.as_ref().map(Logo::image);
        add_furniture(
            &mut shaper,
            &self.theme,
            &self.page,
            &self.furniture,
            logo,
            &mut pages,
        );
        Ok(LaidOut { pages, outline })
    }

    /// Lays the document out and writes it as PDF bytes.
    ///
    /// # Errors
    /// As [`Document::layout`], plus [`ReportError::PdfWrite`].
    pub fn render_pdf(&self) -> Result<Vec<u8>, ReportError> {
        let laid_out = self.layout()?;
        self.write_pdf(&laid_out)
    }

    /// Writes an already laid-out document as PDF bytes.
    ///
    /// # Errors
    /// [`ReportError::PdfWrite`] or [`ReportError::FontUnreadable`].
    pub fn write_pdf(&self, laid_out: &LaidOut) -> Result<Vec<u8>, ReportError> {
        self.write_pdf_on(laid_out, ironbridge_core::parallel::threads())
    }

    /// [`Document::write_pdf`] on up to `threads` threads: the same bytes
    /// for any number.
    pub(crate) fn write_pdf_on(
        &self,
        laid_out: &LaidOut,
        threads: usize,
    ) -> Result<Vec<u8>, ReportError> {
        let metadata = PdfMetadata {
            title: &self.info.title,
            author: &self.info.author,
            subject: &self.info.subject,
            keywords: &self.info.keywords,
            created: self.info.created,
        };
        write(&laid_out.pages, &laid_out.outline, &metadata, threads)
    }
}
