//! A plain-text dump of laid-out pages, for snapshot tests and debugging.
//!
//! One line per item with positions rounded to 0.1 pt, so a snapshot changes
//! only when the layout visibly changes.

use std::fmt::Write as _;

use crate::layout::items::{Item, PathStep, Stroke};
use crate::layout::paginate::{OutlineEntry, Page};
use crate::style::Colour;

/// Renders pages and outline as text.
#[must_use]
pub fn dump(pages: &[Page], outline: &[OutlineEntry]) -> String {
    let mut out = String::new();
    let n_pages = pages.len();
    for (index, page) in pages.iter().enumerate() {
        let _ = writeln!(
            out,
            "page {} of {} ({:.1} x {:.1})",
            index + 1,
            n_pages,
            page.width,
            page.height
        );
        for item in &page.items {
            out.push_str("  ");
            dump_item(&mut out, item);
            out.push('\n');
        }
    }
    if !outline.is_empty() {
        out.push_str("outline\n");
        for entry in outline {
            let _ = writeln!(
                out,
                "  {}{:?} -> page {} y {:.1}",
                "  ".repeat(usize::from(entry.depth.saturating_sub(1))),
                entry.title,
                entry.page + 1,
                entry.y
            );
        }
    }
    out
}

/// Renders pages as lines of text (runs on one baseline joined, with the
/// position, face and size of the first) and a count of the drawing items:
/// a compact dump for snapshots of long documents.
#[must_use]
pub fn text_lines(pages: &[Page]) -> String {
    let mut out = String::new();
    let n_pages = pages.len();
    for (index, page) in pages.iter().enumerate() {
        let _ = writeln!(out, "page {} of {}", index + 1, n_pages);
        let mut runs: Vec<&crate::layout::items::TextRun> = page
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Text(run) => Some(run),
                _ => None,
            })
            .collect();
        // Top to bottom, then left to right; a line is the runs on one baseline.
        runs.sort_by(|a, b| {
            (a.origin.y * 10.0)
                .round()
                .total_cmp(&(b.origin.y * 10.0).round())
                .then(a.origin.x.total_cmp(&b.origin.x))
        });
        let mut line: Option<(f32, f32, String, f32)> = None;
        for run in runs {
            match line.as_mut() {
                Some((y, _, text, end)) if (run.origin.y - *y).abs() < 0.05 => {
                    if run.origin.x - *end > 0.5 {
                        text.push(' ');
                    }
                    text.push_str(&run.text);
                    *end = run.origin.x + run.width;
                }
                _ => {
                    if let Some((y, x, text, _)) = line.take() {
                        let _ = writeln!(out, "  {y:6.1} {x:6.1} {text}");
                    }
                    let head = format!("[{} {:.1}] {}", run.face.short_name(), run.size, run.text);
                    line = Some((run.origin.y, run.origin.x, head, run.origin.x + run.width));
                }
            }
        }
        if let Some((y, x, text, _)) = line {
            let _ = writeln!(out, "  {y:6.1} {x:6.1} {text}");
        }
        let count = |f: fn(&Item) -> bool| page.items.iter().filter(|i| f(i)).count();
        let _ = writeln!(
            out,
            "  drawn: {} rects, {} rules, {} paths, {} images, {} links",
            count(|i| matches!(i, Item::Rect(_))),
            count(|i| matches!(i, Item::Rule(_))),
            count(|i| matches!(i, Item::Path(_))),
            count(|i| matches!(i, Item::Image(_))),
            count(|i| matches!(i, Item::Link(_))),
        );
    }
    out
}

/// One item on one line.
pub fn dump_item(out: &mut String, item: &Item) {
    let _ = match item {
        Item::Text(run) => write!(
            out,
            "text {:.1},{:.1} {} {:.1} {} {:?}",
            run.origin.x,
            run.origin.y,
            run.face.short_name(),
            run.size,
            hex(run.colour),
            run.text
        ),
        Item::Rule(rule) => write!(
            out,
            "rule {:.1},{:.1} -> {:.1},{:.1} {}",
            rule.from.x,
            rule.from.y,
            rule.to.x,
            rule.to.y,
            stroke(Some(rule.stroke))
        ),
        Item::Rect(rect) => write!(
            out,
            "rect {:.1},{:.1} {:.1}x{:.1} fill {} stroke {}",
            rect.origin.x,
            rect.origin.y,
            rect.width,
            rect.height,
            rect.fill.map_or_else(|| "none".to_owned(), hex),
            stroke(rect.stroke)
        ),
        Item::Path(path) => {
            let start = path.steps.iter().find_map(|s| match s {
                PathStep::MoveTo(p) => Some(*p),
                _ => None,
            });
            write!(
                out,
                "path {} steps from {} fill {} stroke {}",
                path.steps.len(),
                start.map_or_else(|| "-".to_owned(), |p| format!("{:.1},{:.1}", p.x, p.y)),
                path.fill.map_or_else(|| "none".to_owned(), hex),
                stroke(path.stroke)
            )
        }
        Item::Image(picture) => write!(
            out,
            "image {:.1},{:.1} {:.1}x{:.1} ({}x{} px)",
            picture.origin.x,
            picture.origin.y,
            picture.width,
            picture.height,
            picture.image.width,
            picture.image.height
        ),
        Item::Link(link) => write!(
            out,
            "link {:.1},{:.1} {:.1}x{:.1} -> page {} at {:.1}",
            link.origin.x, link.origin.y, link.width, link.height, link.page, link.top
        ),
    };
}

fn hex(colour: Colour) -> String {
    colour.to_hex()
}

fn stroke(stroke: Option<Stroke>) -> String {
    match stroke {
        None => "none".to_owned(),
        Some(s) => match s.dash {
            None => format!("{} {:.2}", hex(s.colour), s.width),
            Some([dash, gap]) => {
                format!("{} {:.2} dash {dash:.1}/{gap:.1}", hex(s.colour), s.width)
            }
        },
    }
}
