//! Tests of the writer as a whole: what the file holds, read back with
//! lopdf and, where installed, poppler's tools.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use lopdf::Object;
use printpdf::{Op, TextItem};

use super::content::{Resources, page_ops};
use super::glyphs::Usage;
use super::{PdfMetadata, write};
use crate::fonts::{FaceId, FontSet};
use crate::layout::items::{Glyph, Item, Picture, Point, RasterImage, TextRun};
use crate::layout::paginate::{OutlineEntry, Page};
use crate::style::Colour;

pub(super) fn metadata() -> PdfMetadata<'static> {
    PdfMetadata {
        title: "t",
        author: "a",
        subject: "s",
        keywords: &[],
        created: DateTime::<Utc>::default(),
    }
}

pub(super) fn page(items: Vec<Item>) -> Page {
    Page {
        width: 200.0,
        height: 200.0,
        items,
    }
}

/// A run of `text` in the regular face, one glyph per character (the
/// glyphs the face's character map gives), at `x` on the baseline `y`.
pub(super) fn run(text: &str, x: f32, y: f32) -> TextRun {
    let fonts = FontSet::get().expect("fonts");
    let glyphs: Vec<Glyph> = text
        .char_indices()
        .map(|(at, ch)| {
            let id = fonts.glyph(FaceId::Regular, ch).unwrap_or(0);
            Glyph {
                id,
                cluster: u32::try_from(at).expect("short text"),
                advance: fonts.pdf_width(FaceId::Regular, id) / 100.0,
                dx: 0.0,
                dy: 0.0,
            }
        })
        .collect();
    let width = glyphs.iter().map(|g| g.advance).sum();
    TextRun {
        origin: Point::new(x, y),
        size: 10.0,
        face: FaceId::Regular,
        colour: Colour::rgb(0, 0, 0),
        text: text.to_owned(),
        glyphs: glyphs.into(),
        width,
    }
}

fn ops_of(pages: &[Page]) -> Vec<Vec<Op>> {
    let usage = Usage::new(pages, FontSet::get().expect("fonts"));
    let font_ids: Vec<Option<printpdf::FontId>> = FaceId::ALL
        .iter()
        .map(|face| Some(printpdf::FontId(face.short_name().to_owned())))
        .collect();
    let plain = super::faces::plain_characters(&usage).expect("faces parse");
    let resources = Resources {
        fonts: FontSet::get().expect("fonts"),
        usage: &usage,
        font_ids: &font_ids,
        image_ids: &[],
        plain: &plain,
    };
    pages.iter().map(|p| page_ops(p, &resources)).collect()
}

#[test]
fn runs_that_continue_on_a_line_are_one_show() {
    let first = run("Back", 20.0, 50.0);
    let second = run("ups", 20.0 + first.width + 3.0, 50.0);
    let below = run("restored", 20.0, 62.0);
    let ops = ops_of(&[page(vec![
        Item::Text(first),
        Item::Text(second),
        Item::Text(below),
    ])]);
    let shows = ops[0]
        .iter()
        .filter(|op| matches!(op, Op::ShowText { .. }))
        .count();
    let texts = ops[0]
        .iter()
        .filter(|op| matches!(op, Op::StartTextSection))
        .count();
    assert_eq!((shows, texts), (2, 1), "{:?}", ops[0]);
    // The gap between the runs is one offset in the first show.
    let Some(Op::ShowText { items }) = ops[0].iter().find(|op| matches!(op, Op::ShowText { .. }))
    else {
        panic!("a show");
    };
    // Glyphs that are their character's glyph go as one string per stretch
    // without an offset.
    assert_eq!(
        items.as_slice(),
        [
            TextItem::Text("Back".to_owned()),
            TextItem::Offset(-300.0),
            TextItem::Text("ups".to_owned()),
        ],
        "3 pt at 10 pt is 300/1000 em"
    );
}

#[test]
fn a_glyph_that_is_not_its_characters_own_goes_by_id() {
    // A ligature: one glyph standing for "fi", which no single character
    // maps to; printpdf gets its id and its /ToUnicode text.
    let fonts = FontSet::get().expect("fonts");
    let mut office = run("ft", 20.0, 50.0);
    let mut glyphs = office.glyphs.to_vec();
    let ligature = fonts
        .glyph(FaceId::Regular, '\u{fb01}')
        .expect("Noto Sans has fi");
    glyphs[0].id = ligature;
    glyphs[1].cluster = 2;
    office.glyphs = glyphs.into();
    office.text = "fit".to_owned();
    let ops = ops_of(&[page(vec![Item::Text(office)])]);
    let Some(Op::ShowText { items }) = ops[0].iter().find(|op| matches!(op, Op::ShowText { .. }))
    else {
        panic!("a show");
    };
    let by_id: Vec<&printpdf::Codepoint> = items
        .iter()
        .filter_map(|item| match item {
            TextItem::GlyphIds(glyphs) => Some(glyphs),
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(by_id.len(), 1, "{items:?}");
    assert_eq!(by_id[0].gid, ligature);
    assert_eq!(by_id[0].cid.as_deref(), Some("fi"));
    assert!(
        matches!(items.last(), Some(TextItem::Text(t)) if t == "t"),
        "{items:?}"
    );
}

#[test]
fn a_glyph_standing_for_another_text_is_an_actual_text_span() {
    let mut nbsp = run("a b", 20.0, 80.0);
    nbsp.text = "a\u{a0}b".to_owned();
    let mut glyphs = nbsp.glyphs.to_vec();
    glyphs[2].cluster = 3;
    nbsp.glyphs = glyphs.into();
    let ops = ops_of(&[page(vec![
        Item::Text(run("a b", 20.0, 50.0)),
        Item::Text(nbsp),
    ])]);
    let spans: Vec<&Op> = ops[0]
        .iter()
        .filter(|op| matches!(op, Op::BeginMarkedContentWithProperties { .. }))
        .collect();
    assert_eq!(spans.len(), 1, "{:?}", ops[0]);
    let Op::BeginMarkedContentWithProperties { tag, properties } = spans[0] else {
        unreachable!("filtered");
    };
    assert_eq!(tag, "Span");
    let printpdf::DictItem::Dict { map } = properties else {
        panic!("a dictionary: {properties:?}");
    };
    assert!(
        matches!(map.get("ActualText"), Some(printpdf::DictItem::String { data, .. }) if data == &[0xFE, 0xFF, 0x00, 0xA0]),
        "{map:?}"
    );
}

pub(super) fn image_page(width: u32, height: u32, rgba: [u8; 4]) -> Page {
    let image = Arc::new(RasterImage {
        width,
        height,
        rgba: rgba.repeat((width * height) as usize),
    });
    page(vec![Item::Image(Picture {
        origin: Point::new(10.0, 10.0),
        width: 20.0,
        height: 20.0,
        image,
    })])
}

#[test]
fn images_decode_to_their_pixels_with_alpha_only_when_needed() {
    for (width, height, alpha) in [(1u32, 1u32, 128u8), (40, 30, 128), (40, 30, 255)] {
        let pdf = write(
            &[image_page(width, height, [200, 30, 40, alpha])],
            &[],
            &metadata(),
            1,
        )
        .expect("writes");
        let doc = lopdf::Document::load_mem(&pdf).expect("lopdf reads it back");
        let images: Vec<&lopdf::Stream> = doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
            .collect();
        assert_eq!(
            images.len(),
            if alpha == 255 { 1 } else { 2 },
            "{width}x{height}"
        );
        for stream in images {
            let gray = stream
                .dict
                .get(b"ColorSpace")
                .and_then(Object::as_name)
                .ok()
                == Some(b"DeviceGray");
            let pixels = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            let channels = if gray { 1 } else { 3 };
            assert_eq!(pixels.len(), (width * height) as usize * channels);
            let first = if gray { vec![alpha] } else { vec![200, 30, 40] };
            assert_eq!(pixels[..channels], first[..], "{width}x{height}");
        }
    }
}

#[test]
fn the_file_id_is_a_hash_of_the_content() {
    let one = [page(vec![Item::Text(run("one", 20.0, 50.0))])];
    let two = [page(vec![Item::Text(run("two", 20.0, 50.0))])];
    let id = |pdf: &[u8]| {
        let doc = lopdf::Document::load_mem(pdf).expect("reads");
        let ids = doc
            .trailer
            .get(b"ID")
            .and_then(Object::as_array)
            .expect("an /ID")
            .clone();
        ids.iter()
            .map(|o| o.as_str().expect("a string").to_vec())
            .collect::<Vec<_>>()
    };
    let first = write(&one, &[], &metadata(), 1).expect("writes");
    assert_eq!(first, write(&one, &[], &metadata(), 3).expect("writes"));
    let (a, b) = (
        id(&first),
        id(&write(&two, &[], &metadata(), 1).expect("writes")),
    );
    assert_eq!(a[0], a[1]);
    assert_eq!(a[0].len(), 16);
    assert_ne!(a[0], vec![0; 16], "not the placeholder");
    assert_ne!(a, b);
}

#[test]
fn the_outline_nests_subsections_and_points_at_their_pages() {
    let pages = [
        page(vec![Item::Text(run("Summary", 20.0, 50.0))]),
        page(vec![Item::Text(run("Domains", 20.0, 50.0))]),
    ];
    let entry = |depth: u8, title: &str, page: usize| OutlineEntry {
        depth,
        title: title.to_owned(),
        page,
        y: 40.0,
    };
    let outline = [
        entry(1, "Summary", 0),
        entry(2, "Scores", 0),
        entry(2, "Money at risk", 1),
        entry(1, "Domains", 1),
    ];
    let pdf = write(&pages, &outline, &metadata(), 2).expect("writes");
    let doc = lopdf::Document::load_mem(&pdf).expect("reads");
    let root = doc
        .catalog()
        .and_then(|c| c.get(b"Outlines"))
        .and_then(Object::as_reference);
    let root = doc
        .get_dictionary(root.expect("an outline"))
        .expect("a root");
    let first = doc
        .get_dictionary(
            root.get(b"First")
                .and_then(Object::as_reference)
                .expect("first"),
        )
        .expect("an entry");
    assert_eq!(
        first.get(b"Title").and_then(Object::as_str).ok(),
        Some(&b"Summary"[..])
    );
    assert_eq!(first.get(b"Count").and_then(Object::as_i64).ok(), Some(2));
    let last_child = doc
        .get_dictionary(
            first
                .get(b"Last")
                .and_then(Object::as_reference)
                .expect("last"),
        )
        .expect("an entry");
    let dest = last_child
        .get(b"Dest")
        .and_then(Object::as_array)
        .expect("a destination");
    let pages_ids: Vec<_> = doc.get_pages().into_values().collect();
    assert_eq!(dest[0].as_reference().ok(), Some(pages_ids[1]));
}

/// A document laid out by our own layout (harfrust shaping), written, and
/// read back with `pdftotext` where installed.
fn extracted(paragraphs: &[&str]) -> (crate::LaidOut, Option<String>) {
    use crate::{Block, Branding, Document, DocumentInfo};
    let created = DateTime::<Utc>::default();
    let mut doc = Document::new(
        DocumentInfo::new("Extraction", created),
        Branding::default(),
    );
    for text in paragraphs {
        doc.push(Block::paragraph(*text));
    }
    let laid_out = doc.layout().expect("lays out");
    let pdf = doc.write_pdf(&laid_out).expect("writes");
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("extraction.pdf");
    std::fs::write(&path, pdf).expect("writes the file");
    ironbridge_tests::pdf_tools::qpdf_is_clean(&path);
    if let Some(fonts) = ironbridge_tests::pdf_tools::fonts_embedded_and_subset(&path) {
        assert!(fonts >= 2, "the regular face and the fallback");
    }
    (laid_out, ironbridge_tests::pdf_tools::text(&path, false))
}

#[test]
fn ligatures_and_right_to_left_text_extract_as_their_text() {
    let latin = "The office staff affirm the firewall filters traffic.";
    let hebrew = "שלום עולם";
    let arabic = "مرحبا بالعالم";
    let (laid_out, text) = extracted(&[latin, hebrew, arabic]);
    // The shaper made at least one glyph of several characters (a
    // ligature), so the test says something about them.
    let mut ranges = Vec::new();
    let ligature = laid_out
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .any(|item| match item {
            Item::Text(run) => {
                super::glyphs::glyph_ranges(run, &mut ranges);
                ranges
                    .iter()
                    .any(|r| r.is_some_and(|(a, b)| run.text[a..b].chars().count() > 1))
            }
            _ => false,
        });
    assert!(ligature, "no ligature was shaped");
    let Some(text) = text else {
        return;
    };
    let words: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains(latin), "{words}");
    for rtl in [hebrew, arabic] {
        let reversed: String = rtl.chars().rev().collect();
        assert!(
            words.contains(rtl) || words.contains(&reversed),
            "{rtl:?} in {words}"
        );
    }
}

#[test]
fn a_glyph_drawn_for_two_texts_extracts_as_each() {
    // The glyph of "o" stands for "o", then (as a stand-in for a glyph
    // shared by two characters) for "0".
    let mut zero = run("R0ad", 20.0, 80.0);
    let o = run("o", 0.0, 0.0).glyphs[0].id;
    let mut glyphs = zero.glyphs.to_vec();
    glyphs[1].id = o;
    zero.glyphs = glyphs.into();
    let pages = [page(vec![
        Item::Text(run("Road", 20.0, 50.0)),
        Item::Text(zero),
    ])];
    let pdf = write(&pages, &[], &metadata(), 1).expect("writes");
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("two-texts.pdf");
    std::fs::write(&path, pdf).expect("writes the file");
    ironbridge_tests::pdf_tools::qpdf_is_clean(&path);
    if let Some(text) = ironbridge_tests::pdf_tools::text(&path, false) {
        assert!(text.contains("Road") && text.contains("R0ad"), "{text}");
    }
}
