//! The table of contents: one line per section heading with the page it
//! lands on, filled in by a second layout pass.
//!
//! A template places an empty [`Contents`] block; [`crate::Document::layout`]
//! lays the document out once with the entries' titles and no numbers,
//! reads where each heading landed, and lays it out again with the numbers.
//! Each entry is exactly one line (a long title is cut with an ellipsis) and
//! the number column has a fixed width, so adding the numbers never moves a
//! heading: the pages printed are the pages the headings are on. Each line
//! is also a link to its heading (an [`Item::Link`] over the whole line).
//!
//! Invariant: entry `i` is the `i`-th heading of the document at a depth the
//! block lists, in document order, the same order as the outline.

use crate::layout::blocks::{Block, HeadingLevel};
use crate::layout::items::{Item, Link, Point, Rule, Stroke};
use crate::layout::paginate::OutlineEntry;
use crate::layout::shape::Shaper;
use crate::layout::slices::{Context, Group, Slice, Unit, baseline};
use crate::layout::text::{Line, Span, flow, single_line};
use crate::style::{Align, Colour, FontStyle};

/// Room kept at the right for the page number.
const NUMBER_WIDTH: f32 = 44.0;

/// A table of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct Contents {
    /// The deepest heading level listed: 1 for sections, 2 for subsections too.
    pub depth: u8,
    /// The entries, filled in at layout.
    pub entries: Vec<ContentsEntry>,
}

impl Contents {
    /// An empty table of contents listing headings down to `depth`.
    #[must_use]
    pub fn new(depth: u8) -> Self {
        Self {
            depth: depth.clamp(1, 2),
            entries: Vec::new(),
        }
    }
}

/// One line of a table of contents.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentsEntry {
    /// 1 for a section, 2 for a subsection.
    pub depth: u8,
    /// The heading's text.
    pub title: String,
    /// The page it lands on, numbered as the footer numbers it (the cover is
    /// page 1); none until the document has been laid out once.
    pub page: Option<usize>,
    /// Where the heading's top is on that page, from the page's top (the
    /// link's destination).
    pub top: f32,
}

/// Whether any block (at the top level or kept together) is a contents block.
pub(crate) fn has_contents(blocks: &[Block]) -> bool {
    blocks.iter().any(|block| match block {
        Block::Contents(_) => true,
        Block::KeepTogether(children) => has_contents(children),
        _ => false,
    })
}

/// The blocks with every contents block filled: titles from the headings,
/// pages from `outline` (a previous layout's) when given.
pub(crate) fn fill(blocks: &[Block], outline: Option<&[OutlineEntry]>) -> Vec<Block> {
    let mut headings = Vec::new();
    collect_headings(blocks, &mut headings);
    // The outline lists the same headings in the same order.
    let pages: Vec<(Option<usize>, f32)> = match outline {
        Some(outline) if outline.len() == headings.len() => {
            outline.iter().map(|e| (Some(e.page + 1), e.y)).collect()
        }
        _ => vec![(None, 0.0); headings.len()],
    };
    let entries: Vec<ContentsEntry> = headings
        .into_iter()
        .zip(pages)
        .map(|((depth, title), (page, top))| ContentsEntry {
            depth,
            title,
            page,
            top,
        })
        .collect();
    replace(blocks, &entries)
}

fn replace(blocks: &[Block], entries: &[ContentsEntry]) -> Vec<Block> {
    blocks
        .iter()
        .map(|block| match block {
            Block::Contents(c) => Block::Contents(Contents {
                depth: c.depth,
                entries: entries
                    .iter()
                    .filter(|e| e.depth <= c.depth)
                    .cloned()
                    .collect(),
            }),
            Block::KeepTogether(children) => Block::KeepTogether(replace(children, entries)),
            other => other.clone(),
        })
        .collect()
}

/// Headings that get an outline entry, with their depth, in document order.
fn collect_headings(blocks: &[Block], out: &mut Vec<(u8, String)>) {
    for block in blocks {
        match block {
            Block::Heading(h) if h.in_outline && h.level != HeadingLevel::H3 => {
                let depth = if h.level == HeadingLevel::H1 { 1 } else { 2 };
                out.push((depth, h.text.clone()));
            }
            Block::KeepTogether(children) => collect_headings(children, out),
            _ => {}
        }
    }
}

/// The contents as one group of one-line slices.
pub(crate) fn groups(ctx: &mut Context<'_>, contents: &Contents) -> Vec<Unit> {
    let theme = ctx.theme;
    let size = theme.body_size;
    let line_height = size * 1.9;
    let y = baseline(line_height, size);
    let right = ctx.left + ctx.width;
    let mut slices = Vec::new();
    for entry in &contents.entries {
        let (style, colour, indent) = if entry.depth <= 1 {
            (FontStyle::Bold, theme.heading, 0.0)
        } else {
            (FontStyle::Regular, theme.text, 16.0)
        };
        let room = (ctx.width - indent - NUMBER_WIDTH).max(1.0);
        let title = fitted_line(ctx.shaper, &entry.title, style, size, colour, room);
        let mut items = Vec::new();
        for run in title.runs {
            let mut item = Item::Text(run);
            item.translate(ctx.left + indent, y);
            items.push(item);
        }
        if let Some(page) = entry.page {
            // The whole line takes the reader to the heading.
            items.push(Item::Link(Link {
                origin: Point::new(ctx.left + indent, 0.0),
                width: right - ctx.left - indent,
                height: line_height,
                page,
                top: entry.top,
            }));
            let number = single_line(ctx.shaper, &page.to_string(), style, size, colour);
            let x = right - number.width;
            for run in number.runs {
                let mut item = Item::Text(run);
                item.translate(x, y);
                items.push(item);
            }
        }
        items.push(Item::Rule(Rule {
            from: Point::new(ctx.left + indent, line_height - 0.5),
            to: Point::new(right, line_height - 0.5),
            stroke: Stroke {
                colour: theme.rule,
                width: 0.4,
                dash: Some([1.0, 2.0]),
            },
        }));
        slices.push(Slice {
            height: line_height,
            items,
            ..Slice::default()
        });
    }
    if slices.is_empty() {
        return Vec::new();
    }
    vec![Unit::Group(Group {
        slices,
        glue_next: false,
    })]
}

/// One line of text no wider than `max_width`, cut with an ellipsis when
/// it is wider.
pub(crate) fn fitted_line(
    shaper: &mut Shaper,
    text: &str,
    style: FontStyle,
    size: f32,
    colour: Colour,
    max_width: f32,
) -> Line {
    let line = single_line(shaper, text, style, size, colour);
    if line.width <= max_width {
        return line;
    }
    let ellipsis = single_line(shaper, "\u{2026}", style, size, colour);
    let spans = [Span {
        text: text.replace('\n', " "),
        style,
        colour: None,
    }];
    let room = (max_width - ellipsis.width).max(1.0);
    let mut lines = flow(shaper, &spans, size, colour, room, Align::Left);
    let mut line = if lines.is_empty() {
        Line::default()
    } else {
        lines.swap_remove(0)
    };
    for mut run in ellipsis.runs {
        run.origin.x += line.width;
        line.runs.push(run);
    }
    line.width += ellipsis.width;
    line
}
