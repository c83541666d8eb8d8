//! Checks rendered PDFs with independent tools: qpdf (structure), pdfinfo
//! (opens, page count), pdftotext (text is there, every word inside the page)
//! and pdffonts (every font embedded). A missing tool fails the test when CI
//! is set and is reported as a skip otherwise.

mod sample;

use std::path::{Path, PathBuf};
use std::process::Command;

use ironbridge_report::Document;

/// Runs a tool, or says why it cannot (and fails under CI).
fn run(tool: &str, args: &[&str]) -> Option<String> {
    match Command::new(tool).args(args).output() {
        Ok(output) => {
            assert!(
                output.status.success() || tool == "qpdf",
                "{tool} {args:?} failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
            text.push_str(&String::from_utf8_lossy(&output.stderr));
            if tool == "qpdf" {
                assert_eq!(output.status.code(), Some(0), "qpdf --check: {text}");
            }
            Some(text)
        }
        Err(error) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{tool} is required under CI (apt-get install qpdf poppler-utils): {error}"
            );
            eprintln!("skipping {tool} check: {error}");
            None
        }
    }
}

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
    if let Some(out) = run("qpdf", &["--check", path(file)]) {
        assert!(out.contains("No syntax or stream encoding errors"), "{out}");
        assert!(!out.to_lowercase().contains("warning"), "{out}");
    }
}

fn page_count(file: &Rendered) {
    if let Some(out) = run("pdfinfo", &[path(file)]) {
        let pages = out
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .map(|n| n.trim().parse::<usize>().expect("a number"));
        assert_eq!(pages, Some(file.pages), "{out}");
    }
}

fn fonts_are_embedded(file: &Rendered) -> usize {
    let Some(out) = run("pdffonts", &[path(file)]) else {
        return 0;
    };
    let rows: Vec<&str> = out
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    for row in &rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name type... encoding emb sub uni object ID: emb is the fifth from the end.
        let emb = columns.len().checked_sub(5).and_then(|i| columns.get(i));
        assert_eq!(emb, Some(&"yes"), "font not embedded: {row}");
        let sub = columns.len().checked_sub(4).and_then(|i| columns.get(i));
        assert_eq!(sub, Some(&"yes"), "font not subset: {row}");
    }
    rows.len()
}

fn text_of(file: &Rendered) -> Option<String> {
    run("pdftotext", &["-layout", path(file), "-"])
}

/// Every word's box lies inside its page's box.
fn words_inside_pages(file: &Rendered) {
    let Some(html) = run("pdftotext", &["-bbox", path(file), "-"]) else {
        return;
    };
    let attr = |line: &str, name: &str| -> Option<f32> {
        let start = line.find(&format!("{name}=\""))? + name.len() + 2;
        let end = start + line[start..].find('"')?;
        line[start..end].parse().ok()
    };
    let (mut width, mut height) = (0.0, 0.0);
    let mut n_words = 0;
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            width = attr(line, "width").expect("page width");
            height = attr(line, "height").expect("page height");
        } else if line.starts_with("<word ") {
            let (x0, y0, x1, y1) = (
                attr(line, "xMin").expect("xMin"),
                attr(line, "yMin").expect("yMin"),
                attr(line, "xMax").expect("xMax"),
                attr(line, "yMax").expect("yMax"),
            );
            assert!(
                x0 >= 0.0 && y0 >= 0.0 && x1 <= width && y1 <= height,
                "word outside the page: {line}"
            );
            n_words += 1;
        }
    }
    assert!(n_words > 0);
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
    if let Some(info) = run("pdfinfo", &[path(&file)]) {
        assert!(info.contains("Cyber resilience assessment"), "{info}");
        assert!(info.contains("Nov 24 16:00:00 2025"), "{info}");
        assert!(!info.contains("PDF/X"), "not a PDF/X file: {info}");
    }
    words_inside_pages(&file);
    // Sections and subsections are nested bookmarks, in document order.
    if let Some(json) = run("qpdf", &["--json", "--json-key=outlines", path(&file)]) {
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
        3,
        "regular, bold and the fallback"
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
        assert!(
            text.contains('\u{FFFD}'),
            "replacement characters are visible"
        );
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
