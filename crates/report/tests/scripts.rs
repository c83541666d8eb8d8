//! Chinese, Japanese, Korean, emoji and right-to-left text in a report: set
//! in an embedded fallback face (never .notdef), extracted by `pdftotext` as
//! themselves, also in the running header; a character no face has is drawn
//! as U+FFFD and still extracts as itself through /ActualText.
//!
//! Each check runs on the laid-out pages (which face sets each character)
//! and, where poppler is installed (always under CI), on the PDF.

mod demo;

use std::path::Path;

use ironbridge_report::templates::{ReportData, assessment_report};
use ironbridge_report::{
    Block, Branding, Document, DocumentInfo, FaceId, HeadingLevel, Item, LaidOut, Span,
};
use ironbridge_tests::pdf_tools;

const ORGANISATION: &str = "深圳精工 🏭 東京工場 한국지사";
const SYSTEM: &str = "生産管理システム ⚠\u{FE0F} 🔒";
const NOTE: &str = "备份已验证 ✅ バックアップ確認済み 백업 확인 완료 🔒";

/// Egyptian hieroglyph A001 and a Unicode 14 emoji: in none of the faces.
const UNCOVERED: [char; 2] = ['\u{13000}', '\u{1FAE0}'];

/// The demo assessment with CJK and emoji in the organisation's name (so in
/// the cover, the running header and the PDF's title), a system's name and
/// the first answer's note.
fn assessment_fixture() -> Document {
    let bank = demo::bank();
    let mut assessment = demo::assessment();
    assessment.organisation.name = ORGANISATION.to_owned();
    assessment.registers.systems[0].name = SYSTEM.to_owned();
    assessment.answers[0].note = NOTE.to_owned();
    let data = ReportData::compute(&bank, &assessment);
    assessment_report(&data, Branding::default(), demo::date())
}

/// A short document with the scripts in its header, a heading, bold text
/// and a paragraph, plus characters no face has.
fn document_fixture() -> Document {
    let mut doc = Document::new(
        DocumentInfo::new("Scripts", demo::date()),
        Branding::default(),
    );
    doc.furniture.header_left = format!("{ORGANISATION} · 报告");
    doc.furniture.on_first_page = true;
    doc.push(Block::heading(HeadingLevel::H1, SYSTEM));
    doc.push(Block::rich(vec![
        Span::bold("مصنع الشمال שלום 東京 "),
        Span::regular(NOTE),
    ]));
    doc.push(Block::paragraph(format!(
        "Missing: {} and {} stay in the text.",
        UNCOVERED[0], UNCOVERED[1]
    )));
    doc
}

fn is_cjk(ch: char) -> bool {
    matches!(ch, '\u{3000}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}')
}

fn is_emoji(ch: char) -> bool {
    matches!(ch, '🏭' | '✅' | '🔒')
}

/// Every character of `fixture` that the pages draw is in the face made for
/// it, with real glyphs; returns how many such characters were seen.
fn faces_of(laid_out: &LaidOut, fixture: &str) -> usize {
    let mut seen = 0;
    for page in &laid_out.pages {
        for item in &page.items {
            let Item::Text(run) = item else { continue };
            for ch in run.text.chars().filter(|&c| fixture.contains(c)) {
                let expected = if is_cjk(ch) {
                    FaceId::Cjk
                } else if is_emoji(ch) {
                    FaceId::Emoji
                } else {
                    continue;
                };
                assert_eq!(run.face, expected, "{ch:?} in {:?}", run.text);
                assert!(run.glyphs.iter().all(|g| g.id != 0), "{:?}", run.text);
                seen += 1;
            }
        }
    }
    seen
}

struct Pdf {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    pages: usize,
}

fn write(doc: &Document, laid_out: &LaidOut) -> Pdf {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("scripts.pdf");
    let bytes = doc.write_pdf(laid_out).expect("writes");
    std::fs::write(&path, &bytes).expect("saves");
    Pdf {
        _dir: dir,
        path,
        pages: laid_out.pages.len(),
    }
}

fn page_text(pdf: &Path, page: usize) -> Option<String> {
    let file = pdf.to_str().expect("a UTF-8 path");
    let n = page.to_string();
    pdf_tools::tool("pdftotext", &["-f", &n, "-l", &n, file, "-"])
}

/// Every character of `expected` (but spaces) is in `text`.
fn extracts_every_character(text: &str, expected: &str, what: &str) {
    // Spaces and the emoji variation selector are invisible.
    for ch in expected
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{FE0F}')
    {
        assert!(
            text.contains(ch),
            "{what}: {ch:?} not extracted from {text}"
        );
    }
}

/// The names of the fonts pdffonts lists, all embedded and subset.
fn font_names(pdf: &Path) -> Option<Vec<String>> {
    pdf_tools::fonts_embedded_and_subset(pdf)?;
    let out = pdf_tools::tool("pdffonts", &[pdf.to_str().expect("a UTF-8 path")])?;
    Some(
        out.lines()
            .skip(2)
            .filter_map(|l| l.split_whitespace().next())
            .filter_map(|name| name.split_once('+').map(|(_, n)| n.to_owned()))
            .collect(),
    )
}

#[test]
fn cjk_and_emoji_in_a_report_render_and_extract() {
    let doc = assessment_fixture();
    let laid_out = doc.layout().expect("lays out");
    for fixture in [ORGANISATION, SYSTEM, NOTE] {
        assert!(faces_of(&laid_out, fixture) > 0, "{fixture:?} not drawn");
    }
    let pdf = write(&doc, &laid_out);
    pdf_tools::qpdf_is_clean(&pdf.path);
    if let Some(names) = font_names(&pdf.path) {
        for face in ["WenQuanYiMicroHei", "Symbola", "NotoSans-Regular"] {
            assert!(names.iter().any(|n| n == face), "{face} not in {names:?}");
        }
    }
    let Some(text) = pdf_tools::text(&pdf.path, false) else {
        return;
    };
    assert!(
        !text.contains('\u{FFFD}'),
        "a replacement character: {text}"
    );
    for (fixture, what) in [
        (ORGANISATION, "organisation"),
        (SYSTEM, "system"),
        (NOTE, "note"),
    ] {
        extracts_every_character(&text, fixture, what);
    }
    // The running header of every page after the cover names the client.
    for page in [2, pdf.pages / 2, pdf.pages] {
        let header = page_text(&pdf.path, page).expect("pdftotext ran before");
        extracts_every_character(&header, ORGANISATION, &format!("header of page {page}"));
    }
    if let Some(info) = pdf_tools::tool("pdfinfo", &[pdf.path.to_str().expect("UTF-8")]) {
        assert!(info.contains(ORGANISATION), "title: {info}");
    }
}

#[test]
fn bold_arabic_and_hebrew_stay_bold() {
    let laid_out = document_fixture().layout().expect("lays out");
    let faces: Vec<FaceId> = laid_out
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            Item::Text(run) if run.text.contains("שלום") || run.text.contains("مصنع") => {
                Some(run.face)
            }
            _ => None,
        })
        .collect();
    assert!(!faces.is_empty());
    assert!(
        faces.iter().all(|f| *f == FaceId::FallbackBold),
        "{faces:?}"
    );
}

#[test]
fn scripts_in_header_heading_and_text_extract() {
    let doc = document_fixture();
    let laid_out = doc.layout().expect("lays out");
    assert!(
        faces_of(&laid_out, ORGANISATION) >= 13,
        "the header's characters"
    );
    let pdf = write(&doc, &laid_out);
    pdf_tools::qpdf_is_clean(&pdf.path);
    if let Some(names) = font_names(&pdf.path) {
        for face in [
            "WenQuanYiMicroHei",
            "Symbola",
            "DejaVuSans-Bold",
            "DejaVuSans",
        ] {
            assert!(names.iter().any(|n| n == face), "{face} not in {names:?}");
        }
    }
    let Some(text) = pdf_tools::text(&pdf.path, false) else {
        return;
    };
    extracts_every_character(&text, ORGANISATION, "header");
    extracts_every_character(&text, SYSTEM, "heading");
    extracts_every_character(&text, NOTE, "paragraph");
    extracts_every_character(&text, "مصنع الشمال שלום", "bold right-to-left");
}

#[test]
fn a_character_no_face_has_extracts_through_actual_text() {
    let doc = document_fixture();
    let laid_out = doc.layout().expect("lays out");
    let runs: Vec<_> = laid_out
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            Item::Text(run) if run.text.contains(UNCOVERED) => Some(run),
            _ => None,
        })
        .collect();
    // Kept in the text, drawn with a real glyph (U+FFFD) rather than .notdef.
    assert_eq!(runs.len(), 2, "{runs:?}");
    for run in &runs {
        assert_eq!(run.face, FaceId::Fallback);
        assert!(run.glyphs.iter().all(|g| g.id != 0), "{run:?}");
    }
    let pdf_bytes = doc.write_pdf(&laid_out).expect("writes");
    assert_eq!(pdf_bytes, doc.render_pdf().expect("renders"), "same bytes");
    let pdf = write(&doc, &laid_out);
    pdf_tools::qpdf_is_clean(&pdf.path);
    let Some(text) = pdf_tools::text(&pdf.path, false) else {
        return;
    };
    assert!(
        text.contains(&format!(
            "Missing: {} and {} stay",
            UNCOVERED[0], UNCOVERED[1]
        )),
        "{text}"
    );
    assert!(!text.contains('\u{FFFD}'), "{text}");
}
