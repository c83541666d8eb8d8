//! Checks of a real PDF file with independent tools (qpdf, poppler's pdfinfo,
//! pdffonts and pdftotext), shared by the report's and the CLI's tests.
//!
//! Invariant: a missing tool skips its check with a message on a developer's
//! machine, and fails the test under CI (`CI` set), where tests/setup
//! installs them.

use std::path::Path;
use std::process::Command;

fn utf8(pdf: &Path) -> &str {
    pdf.to_str().expect("a UTF-8 path")
}

/// Runs a tool and returns its standard output and error, or `None` when it
/// is not installed (a failure under CI). A tool that fails fails the test.
pub fn tool(name: &str, args: &[&str]) -> Option<String> {
    match Command::new(name).args(args).output() {
        Ok(output) => {
            let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
            text.push_str(&String::from_utf8_lossy(&output.stderr));
            assert!(output.status.success(), "{name} {args:?} failed: {text}");
            Some(text)
        }
        Err(error) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{name} is required under CI (apt-get install qpdf poppler-utils): {error}"
            );
            eprintln!("skipping the {name} check: {error}");
            None
        }
    }
}

/// `qpdf --check` finds no damage and no warning.
pub fn qpdf_is_clean(pdf: &Path) {
    if let Some(out) = tool("qpdf", &["--check", utf8(pdf)]) {
        assert!(out.contains("No syntax or stream encoding errors"), "{out}");
        assert!(!out.to_lowercase().contains("warning"), "{out}");
    }
}

/// The page count `pdfinfo` reads.
pub fn page_count(pdf: &Path) -> Option<usize> {
    let info = tool("pdfinfo", &[utf8(pdf)])?;
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok());
    assert!(pages.is_some(), "pdfinfo gives no page count: {info}");
    pages
}

/// Every font `pdffonts` lists is embedded and subset; returns how many there are.
pub fn fonts_embedded_and_subset(pdf: &Path) -> Option<usize> {
    let out = tool("pdffonts", &[utf8(pdf)])?;
    let rows: Vec<&str> = out
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    for row in &rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name type... encoding emb sub uni object ID: emb is the fifth from the end.
        let at = |from_end: usize| {
            columns
                .len()
                .checked_sub(from_end)
                .and_then(|i| columns.get(i))
        };
        assert_eq!(at(5), Some(&"yes"), "font not embedded: {row}");
        assert_eq!(at(4), Some(&"yes"), "font not subset: {row}");
    }
    Some(rows.len())
}

/// The text `pdftotext` extracts, in reading order or (`layout`) as laid out.
pub fn text(pdf: &Path, layout: bool) -> Option<String> {
    if layout {
        tool("pdftotext", &["-layout", utf8(pdf), "-"])
    } else {
        tool("pdftotext", &[utf8(pdf), "-"])
    }
}

/// Every word's box from `pdftotext -bbox` lies inside its page's box, and
/// there are more than `more_than` words.
pub fn words_inside_pages(pdf: &Path, more_than: usize) {
    let Some(html) = tool("pdftotext", &["-bbox", utf8(pdf), "-"]) else {
        return;
    };
    let attr = |line: &str, name: &str| -> Option<f32> {
        let start = line.find(&format!("{name}=\""))? + name.len() + 2;
        let end = start + line[start..].find('"')?;
        line[start..end].parse().ok()
    };
    let (mut width, mut height) = (0.0, 0.0);
    let mut words = 0;
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
            words += 1;
        }
    }
    assert!(
        words > more_than,
        "{words} words, expected more than {more_than}"
    );
}
