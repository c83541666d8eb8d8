//! Checks rendered PDFs with independent tools: qpdf (structure), pdfinfo
//! (opens, page count), pdftotext (text is there, every word inside the page)
//! and pdffonts (every font embedded). A missing tool fails the test when CI
//! is set and is reported as a skip otherwise.

mod sample;

use std::path::{Path, PathBuf};

use ironbridge_report::Document;
use ironbridge_tests::pdf_tools;

struct Rendered {
    _dir: tempfile::TempDir,
    path: PathBuf,
    pages: usize,
}

fn render(name: &str, doc: &Document) -> Rendered {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("{name}.pdf"));
    let laid_out = doc.layout().expect("lays out");
    let pdf = doc.write_pdf(&laid_out).expect("renders");
    std::fs::write(&path, pdf).expect("writes");
    Rendered {
        _dir: dir,
        path,
        pages: laid_out.pages.len(),
    }
}

fn path(rendered: &Rendered) -> &str {
    rendered.path.to_str().expect("utf-8 temp path")
}

fn qpdf_is_clean(file: &Rendered) {
    pdf_tools::qpdf_is_clean(&file.path);
}

/// pdfinfo counts the pages the layout made.
fn page_count(file: &Rendered) {
    if let Some(pages) = pdf_tools::page_count(&file.path) {
        assert_eq!(pages, file.pages);
    }
}

fn fonts_are_embedded(file: &Rendered) -> usize {
    pdf_tools::fonts_embedded_and_subset(&file.path).unwrap_or(0)
}

fn text_of(file: &Rendered) -> Option<String> {
    pdf_tools::text(&file.path, true)
}

fn words_inside_pages(file: &Rendered) {
    pdf_tools::words_inside_pages(&file.path, 0);
}

#[test]
fn report_sample_passes_every_tool() {
    let file = render("report", &sample::report(60));
    assert!(file.pages >= 10, "{}", file.pages);
    qpdf_is_clean(&file);
    page_count(&file);
    assert!(fonts_are_embedded(&file) <= 4);
    if let Some(text) = text_of(&file) {
        for expected in [
            "Executive summary",
            "Hallam Precision Components Ltd",
            "Page 2 of",
            "Northgate Advisory",
            "How is backup and recovery evidenced",
        ] {
            assert!(text.contains(expected), "missing {expected:?}");
        }
    }
    if let Some(info) = pdf_tools::tool("pdfinfo", &[path(&file)]) {
        assert!(info.contains("Cyber resilience assessment"), "{info}");
        assert!(info.contains("Nov 24 16:00:00 2025"), "{info}");
        assert!(!info.contains("PDF/X"), "not a PDF/X file: {info}");
    }
    words_inside_pages(&file);
    // Sections and subsections are nested bookmarks, in document order.
    if let Some(json) = pdf_tools::tool("qpdf", &["--json", "--json-key=outlines", path(&file)]) {
        let compact: String = json.split_whitespace().collect::<Vec<_>>().join(" ");
        // qpdf lists an entry's kids before its title.
        let find = |title: &str| {
            compact
                .find(&format!(r#""title": "{title}""#))
                .expect("bookmark")
        };
        let nested = find("Domains against target");
        let parent = find("Executive summary");
        let next = find("1. Governance and risk");
        assert!(nested < parent && parent < next, "{compact}");
        assert!(
            compact[..parent].contains(r#""kids": [ {"#),
            "subsections nest: {compact}"
        );
    }
}

#[test]
fn robustness_sample_keeps_every_word_on_the_page() {
    let file = render("robustness", &sample::robustness());
    qpdf_is_clean(&file);
    page_count(&file);
    assert_eq!(
        fonts_are_embedded(&file),
        5,
        "regular, bold, the fallback, CJK and emoji"
    );
    if let Some(text) = text_of(&file) {
        // Text after missing glyphs, right-to-left and CJK runs continues.
        for expected in [
            "then text continues",
            "then Latin again",
            "in one line.",
            "Kept together",
            "Row 199 of the long table",
            "Before",
            "after",
        ] {
            assert!(text.contains(expected), "missing {expected:?}");
        }
        // CJK and emoji are in fallback faces: nothing is replaced.
        for expected in [
            "中文字符测试",
            "日本語のテキスト",
            "한국어",
            "👍",
            "✅",
            "🔥",
        ] {
            assert!(text.contains(expected), "missing {expected:?}");
        }
        assert!(!text.contains('\u{FFFD}'), "a replacement character");
        assert!(text.contains("word1000"), "the long paragraph is there");
    }
    words_inside_pages(&file);
}

#[test]
fn empty_document_is_a_valid_one_page_pdf() {
    let file = render("empty", &sample::empty());
    assert_eq!(file.pages, 1);
    qpdf_is_clean(&file);
    page_count(&file);
}

#[test]
fn same_input_gives_the_same_bytes_in_one_process() {
    let doc = sample::report(40);
    let first = doc.render_pdf().expect("renders");
    // Other documents in between must not change the next one's bytes.
    let other = sample::robustness().render_pdf().expect("renders");
    let second = doc.render_pdf().expect("renders");
    let third = std::thread::spawn(move || doc.render_pdf().expect("renders"))
        .join()
        .expect("thread");
    assert!(first == second && second == third, "renders differ");
    assert_ne!(first, other);
    let id = |pdf: &[u8]| {
        let at = pdf
            .windows(3)
            .rposition(|w| w == b"/ID")
            .expect("trailer id");
        pdf[at..at + 40].to_vec()
    };
    assert_ne!(id(&first), id(&other), "ids depend on the content");
}

#[test]
fn sample_dir_is_written_when_asked() {
    // Lets a person look at the samples: IRONBRIDGE_SAMPLE_DIR=/tmp/samples.
    let Some(dir) = std::env::var_os("IRONBRIDGE_SAMPLE_DIR") else {
        return;
    };
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir).expect("creates dir");
    for (name, doc) in [
        ("report", sample::report(60)),
        ("robustness", sample::robustness()),
        ("empty", sample::empty()),
    ] {
        let laid_out = doc.layout().expect("lays out");
        std::fs::write(
            dir.join(format!("{name}.pdf")),
            doc.write_pdf(&laid_out).expect("renders"),
        )
        .expect("writes");
        std::fs::write(dir.join(format!("{name}.txt")), laid_out.dump()).expect("writes");
    }
}
