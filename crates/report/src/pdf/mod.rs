//! The PDF writer: laid-out pages to PDF bytes, with printpdf.
//!
//! One pass in page order notes the glyphs each face draws and the text
//! each stands for (`glyphs`); then every page becomes printpdf `Op`s on
//! several threads (`content`: one text object per run of text, one `TJ`
//! per line of a face, glyph ids from our own shaping). printpdf's
//! `PdfDocument` holds the pages, the faces (`faces`: subset by printpdf,
//! with /W widths and a /ToUnicode map) and the images, and builds the
//! file's objects: as two documents of half the pages each, on two
//! threads, joined afterwards (`halves`). `finish` adds on the lopdf
//! document what printpdf does not do (links across the halves, a nested
//! outline, the language, streams deflated on several threads, a file id
//! hashed from the content) and writes it.
//! Invariant: the same pages and metadata give the same bytes, whatever
//! the process wrote before and however many threads write them.

mod content;
mod faces;
mod finish;
mod glyphs;
mod halves;
#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};
use printpdf::{
    PdfConformance, PdfDocument, PdfPage, PdfWarnMsg, Pt, RawImage, RawImageData, RawImageFormat,
    XObject, XObjectId,
};

use crate::error::ReportError;
use crate::fonts::FontSet;
use crate::layout::items::RasterImage;
use crate::layout::paginate::{OutlineEntry, Page};
use ironbridge_core::parallel;

pub(crate) use faces::warm_up;

/// Document metadata written to the PDF info dictionary.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfMetadata<'a> {
    /// Title.
    pub title: &'a str,
    /// Author.
    pub author: &'a str,
    /// Subject.
    pub subject: &'a str,
    /// Keywords.
    pub keywords: &'a [String],
    /// Creation (and modification) date.
    pub created: DateTime<Utc>,
}

/// Writes pages, outline and metadata as PDF bytes, on up to `threads`
/// threads (the same bytes for any number).
///
/// # Errors
/// [`ReportError::FontUnreadable`] if an embedded font does not parse,
/// [`ReportError::FontSubset`] if printpdf could not subset one,
/// [`ReportError::PdfWrite`] if the file cannot be put together.
pub fn write(
    pages: &[Page],
    outline: &[OutlineEntry],
    metadata: &PdfMetadata<'_>,
    threads: usize,
) -> Result<Vec<u8>, ReportError> {
    let fonts = FontSet::get()?;
    let usage = glyphs::Usage::new(pages, fonts);
    let mut doc = PdfDocument::new(metadata.title);
    set_info(&mut doc, metadata);
    let font_ids = faces::register(&mut doc, &usage)?;
    let image_ids: Vec<XObjectId> = usage
        .images
        .iter()
        .enumerate()
        .map(|(i, image)| {
            let id = XObjectId(format!("Im{}", i + 1));
            doc.resources
                .xobjects
                .map
                .insert(id.clone(), XObject::Image(raw_image(image)));
            id
        })
        .collect();
    let plain = faces::plain_characters(&usage)?;
    let resources = content::Resources {
        fonts,
        usage: &usage,
        font_ids: &font_ids,
        image_ids: &image_ids,
        plain: &plain,
    };
    let ops = parallel::map(
        pages,
        threads,
        || (),
        |(), page| content::page_ops(page, &resources),
    );
    let docs = halves_of(doc, pages, ops, content::every_glyph(&resources));
    let built = halves::build(&docs, threads, |warnings| {
        check_warnings(warnings, &font_ids)
    })?;
    drop(docs);
    finish::finish(halves::join(built)?, pages, outline, threads)
}

/// The document (faces and images registered, no pages yet) as its two
/// halves (one when there is one page), each with the glyph page last.
fn halves_of(
    mut first: PdfDocument,
    pages: &[Page],
    ops: Vec<Vec<printpdf::Op>>,
    every_glyph: Vec<printpdf::Op>,
) -> Vec<PdfDocument> {
    let cut = halves::cut(&ops);
    let glyph_page = pages.first().map(|page| pdf_page(page, every_glyph));
    let mut second = first.clone();
    let mut pdf_pages = pages.iter().zip(ops).map(|(page, ops)| pdf_page(page, ops));
    first.pages = pdf_pages.by_ref().take(cut).collect();
    second.pages = pdf_pages.collect();
    let mut docs = vec![first];
    if !second.pages.is_empty() {
        docs.push(second);
    }
    for half in &mut docs {
        half.pages.extend(glyph_page.clone());
    }
    docs
}

/// A page of printpdf's: the laid-out page's size, the given content.
fn pdf_page(page: &Page, ops: Vec<printpdf::Op>) -> PdfPage {
    let mut pdf_page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
    let size = printpdf::Rect::from_wh(Pt(page.width), Pt(page.height));
    pdf_page.media_box = size.clone();
    pdf_page.trim_box = size.clone();
    pdf_page.crop_box = size;
    pdf_page
}

/// printpdf reports what went wrong as warnings and carries on (with the
/// whole font, say, when subsetting fails): for this writer any error is
/// one.
fn check_warnings(
    warnings: &[PdfWarnMsg],
    font_ids: &[Option<printpdf::FontId>],
) -> Result<(), ReportError> {
    let Some(error) = warnings
        .iter()
        .find(|w| w.severity == printpdf::PdfParseErrorSeverity::Error)
    else {
        return Ok(());
    };
    // A message naming a face's id is about that face.
    let face = crate::fonts::FaceId::ALL.into_iter().find(|face| {
        font_ids
            .get(face.index())
            .and_then(Option::as_ref)
            .is_some_and(|id| error.msg.contains(&id.0))
    });
    Err(match face {
        Some(face) => ReportError::FontSubset {
            face: face.file_name(),
            reason: error.msg.clone(),
        },
        None => ReportError::PdfWrite {
            reason: format!("printpdf, page {}: {}", error.page, error.msg),
        },
    })
}

/// The info dictionary's entries, in printpdf's document model.
fn set_info(doc: &mut PdfDocument, metadata: &PdfMetadata<'_>) {
    let info = &mut doc.metadata.info;
    info.document_title = metadata.title.to_owned();
    info.author = metadata.author.to_owned();
    info.subject = metadata.subject.to_owned();
    info.keywords = vec![metadata.keywords.join(", ")];
    info.keywords.retain(|k| !k.is_empty());
    info.creator = "Ironbridge".to_owned();
    info.producer = "Ironbridge report engine (printpdf)".to_owned();
    // Out of range (past the year 9999) leaves printpdf's default, 1970.
    if let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(metadata.created.timestamp()) {
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }
    info.conformance = PdfConformance::default();
}

/// An image in printpdf's terms: RGB when every pixel is opaque, else RGBA
/// (printpdf writes the alpha as a soft mask).
fn raw_image(image: &RasterImage) -> RawImage {
    let opaque = image.rgba.chunks_exact(4).all(|p| p[3] == 255);
    let (pixels, data_format) = if opaque {
        let rgb = image
            .rgba
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        (rgb, RawImageFormat::RGB8)
    } else {
        (image.rgba.clone(), RawImageFormat::RGBA8)
    };
    RawImage {
        pixels: RawImageData::U8(pixels),
        width: usize::try_from(image.width).unwrap_or(1),
        height: usize::try_from(image.height).unwrap_or(1),
        data_format,
        tag: Vec::new(),
    }
}

/// FNV-1a, 128 bits: stable across Rust versions, unlike `DefaultHasher`.
pub(crate) fn fnv1a_128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013B;
    bytes.iter().fold(OFFSET, |hash, b| {
        (hash ^ u128::from(*b)).wrapping_mul(PRIME)
    })
}
