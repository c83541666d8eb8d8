//! Pagination: units are stacked down the body of each page, then every page
//! gets its running header and its "Page X of Y" footer.
//!
//! Invariant: nothing is placed below the body's bottom edge unless a single
//! slice is taller than the whole body (which the slice builders prevent).

use std::sync::Arc;

use crate::layout::items::{Item, Picture, Point, RasterImage, Rectangle, Rule, Stroke};
use crate::layout::shape::Shaper;
use crate::layout::slices::{Group, OutlineMark, Slice, Unit};
use crate::layout::text::{Line, Span, flow, single_line};
use crate::style::{Align, Colour, FontStyle, PageSetup, Theme};

/// A laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// Everything drawn on it, in painting order.
    pub items: Vec<Item>,
}

/// An outline (bookmark) entry.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// 1 for sections, 2 for subsections.
    pub depth: u8,
    /// Bookmark text.
    pub title: String,
    /// Zero-based page index.
    pub page: usize,
    /// Distance of the heading's top from the page top, in points.
    pub y: f32,
}

/// Texts of the running header and footer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Furniture {
    /// Header, left (the document title by default).
    pub header_left: String,
    /// Header, right (the consultant by default; the logo replaces it).
    pub header_right: String,
    /// Footer, left (a confidentiality marking).
    pub footer_left: String,
    /// Whether the first page (the cover) gets a header and footer.
    pub on_first_page: bool,
    /// A status mark (`DRAFT`) set large and faint behind every page,
    /// cover included, and small in the footer; none on a final document.
    pub watermark: Option<String>,
}

const EPSILON: f32 = 0.01;

/// Stacks units into pages.
pub(crate) fn paginate(setup: &PageSetup, units: Vec<Unit>) -> (Vec<Page>, Vec<OutlineEntry>) {
    let mut placer = Placer {
        setup: *setup,
        pages: vec![Vec::new()],
        y: 0.0,
        has_content: false,
        keep_top_gap: true,
        outline: Vec::new(),
    };
    for unit in units {
        match unit {
            Unit::PageBreak => {
                if placer.has_content {
                    placer.new_page(None);
                }
                placer.keep_top_gap = true;
            }
            Unit::Group(group) => placer.place_group(group),
        }
    }
    let pages = placer
        .pages
        .into_iter()
        .map(|items| Page {
            width: setup.width,
            height: setup.height,
            items,
        })
        .collect();
    (pages, placer.outline)
}

struct Placer {
    setup: PageSetup,
    pages: Vec<Vec<Item>>,
    /// Used height of the current page's body.
    y: f32,
    has_content: bool,
    /// Whether space above the first slice of this page is kept: yes at the
    /// start and after a forced break (a cover's layout), no after an
    /// automatic break.
    keep_top_gap: bool,
    outline: Vec<OutlineEntry>,
}

impl Placer {
    fn room(&self) -> f32 {
        self.setup.content_height() - self.y
    }

    fn new_page(&mut self, repeat: Option<&[Slice]>) {
        self.pages.push(Vec::new());
        self.y = 0.0;
        self.has_content = false;
        self.keep_top_gap = false;
        for slice in repeat.unwrap_or_default() {
            self.put(slice.clone(), 0.0);
        }
    }

    fn gap(&self, slice: &Slice) -> f32 {
        if self.has_content {
            slice.gap_before + slice.spacer_before
        } else if self.keep_top_gap {
            // Never so much that the slice would leave the page.
            slice
                .spacer_before
                .min(self.setup.content_height() - slice.height)
                .max(0.0)
        } else {
            0.0
        }
    }

    fn place_group(&mut self, group: Group) {
        let first_gap = group.slices.first().map_or(0.0, |s| self.gap(s));
        let height_here = first_gap + group_height(&group);
        let height_fresh = group_height(&group);
        if (self.has_content || first_gap > 0.0)
            && height_here > self.room() + EPSILON
            && height_fresh <= self.setup.content_height() + EPSILON
        {
            let repeat = group.slices.first().and_then(|s| s.repeat.clone());
            self.new_page(repeat.as_deref());
        }
        for slice in group.slices {
            let gap = self.gap(&slice);
            if self.has_content && gap + slice.height > self.room() + EPSILON {
                let repeat = slice.repeat.clone();
                self.new_page(repeat.as_deref());
                let gap = self.gap(&slice);
                self.put(slice, gap);
            } else {
                self.put(slice, gap);
            }
        }
    }

    fn put(&mut self, slice: Slice, gap: f32) {
        let top = self.setup.margin_top + self.y + gap;
        if let Some(OutlineMark { depth, title }) = slice.mark {
            self.outline.push(OutlineEntry {
                depth,
                title,
                page: self.pages.len() - 1,
                y: top,
            });
        }
        if let Some(page) = self.pages.last_mut() {
            for mut item in slice.items {
                item.translate(0.0, top);
                page.push(item);
            }
        }
        self.y += gap + slice.height;
        self.has_content = true;
    }
}

/// Height of a group without the space above its first slice.
fn group_height(group: &Group) -> f32 {
    group
        .slices
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let gap = if i > 0 {
                s.gap_before + s.spacer_before
            } else {
                0.0
            };
            gap + s.height
        })
        .sum()
}

/// Adds the running header and footer to every page.
pub(crate) fn add_furniture(
    shaper: &mut Shaper,
    theme: &Theme,
    setup: &PageSetup,
    furniture: &Furniture,
    logo: Option<&Arc<RasterImage>>,
    pages: &mut [Page],
) {
    let n_pages = pages.len();
    let left = setup.margin_left;
    let right = setup.width - setup.margin_right;
    let width = setup.content_width();
    let header_baseline = setup.margin_top - 34.0;
    let footer_rule_y = setup.height - setup.margin_bottom + 30.0;
    let footer_baseline = footer_rule_y + 14.0;
    let mark = furniture
        .watermark
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty());
    for (index, page) in pages.iter_mut().enumerate() {
        let mut footer_left = left;
        if let Some(mark) = mark {
            let mut pen = Pen {
                shaper: &mut *shaper,
                theme,
                items: Vec::new(),
            };
            let behind = pen.watermark(mark, setup);
            page.items.splice(0..0, behind);
            footer_left += pen.badge(mark, left, footer_baseline) + 10.0;
            page.items.extend(pen.items);
        }
        if index == 0 && !furniture.on_first_page {
            continue;
        }
        let mut pen = Pen {
            shaper: &mut *shaper,
            theme,
            items: Vec::new(),
        };
        // Header: a short accent mark over the title, the consultant or logo right.
        pen.items.push(Item::Rect(Rectangle {
            origin: Point::new(left, header_baseline - 15.0),
            width: 14.0,
            height: 2.0,
            fill: Some(theme.accent),
            stroke: None,
        }));
        pen.text(
            &furniture.header_left,
            FontStyle::Bold,
            Edge::Left(left),
            header_baseline,
            width * 0.62,
        );
        match logo {
            Some(image) => {
                let aspect = image.height.max(1) as f32 / image.width.max(1) as f32;
                let width = (18.0 / aspect).min(120.0);
                let height = width * aspect;
                pen.items.push(Item::Image(Picture {
                    origin: Point::new(right - width, header_baseline + 3.0 - height),
                    width,
                    height,
                    image: Arc::clone(image),
                }));
            }
            None => pen.text(
                &furniture.header_right,
                FontStyle::Regular,
                Edge::Right(right),
                header_baseline,
                width * 0.34,
            ),
        }
        // Footer: a hairline, the marking left, the page number right.
        pen.items.push(Item::Rule(Rule {
            from: Point::new(left, footer_rule_y),
            to: Point::new(right, footer_rule_y),
            stroke: Stroke::solid(theme.rule, 0.5),
        }));
        pen.text(
            &furniture.footer_left,
            FontStyle::Regular,
            Edge::Left(footer_left),
            footer_baseline,
            (width * 0.7 - (footer_left - left)).max(1.0),
        );
        let number = format!("Page {} of {}", index + 1, n_pages);
        pen.text(
            &number,
            FontStyle::Regular,
            Edge::Right(right),
            footer_baseline,
            width * 0.28,
        );
        page.items.extend(pen.items);
    }
}

enum Edge {
    Left(f32),
    Right(f32),
}

struct Pen<'a, 's> {
    shaper: &'a mut Shaper,
    theme: &'s Theme,
    items: Vec<Item>,
}

/// The faint status mark's colour: a pale brick red that prints under text.
const WATERMARK: Colour = Colour::rgb(0xf8, 0xec, 0xea);
/// The footer badge's colour.
const BADGE: Colour = Colour::rgb(0xb0, 0x3a, 0x2e);

impl Pen<'_, '_> {
    /// The status mark, large and faint across the middle of the page:
    /// items to paint before everything else.
    fn watermark(&mut self, mark: &str, setup: &PageSetup) -> Vec<Item> {
        let probe = single_line(self.shaper, mark, FontStyle::Bold, 100.0, WATERMARK);
        let room = setup.width * 0.78;
        let size = if probe.width > 0.0 {
            (100.0 * room / probe.width).min(120.0)
        } else {
            100.0
        };
        let line = single_line(self.shaper, mark, FontStyle::Bold, size, WATERMARK);
        let x = (setup.width - line.width) / 2.0;
        let y = setup.height * 0.52 + size * 0.35;
        line.runs
            .into_iter()
            .map(|run| {
                let mut item = Item::Text(run);
                item.translate(x, y);
                item
            })
            .collect()
    }

    /// The status mark, small and bold in the footer's left corner; returns
    /// its width.
    fn badge(&mut self, mark: &str, x: f32, baseline: f32) -> f32 {
        let line = single_line(
            self.shaper,
            &mark.to_uppercase(),
            FontStyle::Bold,
            self.theme.furniture_size,
            BADGE,
        );
        let width = line.width;
        for run in line.runs {
            let mut item = Item::Text(run);
            item.translate(x, baseline);
            self.items.push(item);
        }
        width
    }

    /// Sets one line of furniture text, cut short with an ellipsis if it is
    /// wider than `max_width`.
    fn text(&mut self, text: &str, style: FontStyle, edge: Edge, baseline: f32, max_width: f32) {
        let size = self.theme.furniture_size;
        let colour = self.theme.muted;
        let mut line = single_line(self.shaper, text, style, size, colour);
        if line.width > max_width {
            let ellipsis = single_line(self.shaper, "\u{2026}", style, size, colour);
            let spans = [Span {
                text: text.replace('\n', " "),
                style,
                colour: None,
            }];
            let room = (max_width - ellipsis.width).max(1.0);
            let mut lines = flow(self.shaper, &spans, size, colour, room, Align::Left);
            line = if lines.is_empty() {
                Line::default()
            } else {
                lines.swap_remove(0)
            };
            for mut run in ellipsis.runs {
                run.origin.x += line.width;
                line.runs.push(run);
            }
            line.width += ellipsis.width;
        }
        let x = match edge {
            Edge::Left(x) => x,
            Edge::Right(x) => x - line.width,
        };
        for run in line.runs {
            let mut item = Item::Text(run);
            item.translate(x, baseline);
            self.items.push(item);
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use crate::layout::blocks::{Block, Column, HeadingLevel, Table};
    use crate::layout::items::Item;
    use crate::{Branding, Document, DocumentInfo, LaidOut, PageSetup, ReportError};

    fn document(blocks: Vec<Block>) -> Document {
        let created = Utc
            .timestamp_opt(1_764_000_000, 0)
            .single()
            .unwrap_or_default();
        let mut doc = Document::new(
            DocumentInfo::new("Test report", created),
            Branding::default(),
        );
        doc.blocks = blocks;
        doc
    }

    /// Lays out the blocks and returns, per page, the texts of the body
    /// (header and footer left out), each text with its y.
    fn check(blocks: Vec<Block>) -> (LaidOut, Vec<Vec<(String, f32)>>) {
        let doc = document(blocks);
        let laid_out = doc.layout().expect("lays out");
        let top = doc.page.margin_top;
        let bottom = doc.page.height - doc.page.margin_bottom;
        let texts = laid_out
            .pages
            .iter()
            .map(|page| {
                page.items
                    .iter()
                    .filter_map(|item| match item {
                        Item::Text(run) if run.origin.y > top && run.origin.y < bottom + 20.0 => {
                            assert!(
                                run.origin.y <= bottom,
                                "{:?} at {} below the body",
                                run.text,
                                run.origin.y
                            );
                            Some((run.text.clone(), run.origin.y))
                        }
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        (laid_out, texts)
    }

    fn lorem(words: usize) -> String {
        (0..words)
            .map(|i| format!("word{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn table(rows: usize) -> Table {
        let mut table = Table::new(vec![
            Column::new("Key", 1.0),
            Column::new("Description", 4.0),
        ]);
        for i in 0..rows {
            table = table.row([format!("K{i}"), format!("Row {i} text")]);
        }
        table
    }

    #[test]
    fn table_rows_split_across_pages_with_the_header_repeated() {
        let (laid_out, pages) = check(vec![Block::paragraph("Intro"), table(120).into()]);
        assert!(laid_out.pages.len() >= 3, "{}", laid_out.pages.len());
        for page in &pages {
            // Every page starts with the header row: "Key" then "Description".
            let first: Vec<&str> = page
                .iter()
                .map(|(t, _)| t.as_str())
                .filter(|t| *t != "Intro")
                .take(2)
                .collect();
            assert_eq!(first, ["Key", "Description"]);
        }
        let rows: usize = pages
            .iter()
            .flatten()
            .filter(|(t, _)| t.starts_with('K') && t != "Key")
            .count();
        assert_eq!(rows, 120, "every row exactly once");
    }

    #[test]
    fn a_row_taller_than_a_page_splits_between_its_lines() {
        let tall = Table::new(vec![Column::new("Key", 1.0), Column::new("Text", 1.0)])
            .row(["short", &lorem(1500)])
            .row(["after", "end"]);
        let (_, pages) = check(vec![tall.into()]);
        assert!(pages.len() >= 3);
        for page in &pages {
            assert_eq!(page.first().map(|(t, _)| t.as_str()), Some("Key"));
        }
    }

    #[test]
    fn keep_together_moves_the_whole_block_to_the_next_page() {
        let (_, pages) = check(vec![
            Block::Spacer(560.0),
            Block::paragraph("Filler"),
            Block::KeepTogether(vec![
                Block::heading(HeadingLevel::H2, "Kept"),
                Block::paragraph(lorem(120)),
            ]),
        ]);
        assert_eq!(pages.len(), 2);
        assert!(
            pages[0]
                .iter()
                .all(|(t, _)| t != "Kept" && !t.starts_with("word"))
        );
        assert_eq!(pages[1].first().map(|(t, _)| t.as_str()), Some("Kept"));
    }

    #[test]
    fn a_heading_is_never_the_last_thing_on_a_page() {
        let (laid_out, pages) = check(vec![
            Block::Spacer(640.0),
            Block::heading(HeadingLevel::H2, "Orphan"),
            Block::paragraph(lorem(60)),
        ]);
        assert!(
            pages[0].iter().all(|(t, _)| t != "Orphan"),
            "{}",
            laid_out.dump()
        );
        assert_eq!(pages[1].first().map(|(t, _)| t.as_str()), Some("Orphan"));
    }

    #[test]
    fn paragraphs_leave_at_least_two_lines_on_each_page() {
        let (_, pages) = check(vec![Block::paragraph(lorem(3000))]);
        for page in &pages {
            let lines: std::collections::BTreeSet<i64> =
                page.iter().map(|(_, y)| (*y * 10.0) as i64).collect();
            assert!(lines.len() >= 2, "{} lines", lines.len());
        }
    }

    #[test]
    fn pages_are_numbered_x_of_y_except_the_cover() {
        let (laid_out, _) = check(vec![
            Block::paragraph("Cover"),
            Block::PageBreak,
            Block::paragraph(lorem(2000)),
        ]);
        let n = laid_out.pages.len();
        assert!(n >= 3);
        for (i, page) in laid_out.pages.iter().enumerate() {
            let numbers: Vec<String> = page
                .items
                .iter()
                .filter_map(|item| match item {
                    Item::Text(run)
                        if run.text == "Page"
                            || run.text == "of"
                            || run.text.parse::<usize>().is_ok() =>
                    {
                        Some(run.text.clone())
                    }
                    _ => None,
                })
                .collect();
            if i == 0 {
                assert!(numbers.is_empty(), "{numbers:?}");
            } else {
                assert_eq!(numbers.join(" "), format!("Page {} of {n}", i + 1));
            }
        }
    }

    #[test]
    fn page_breaks_start_pages_and_outline_points_at_headings() {
        let (laid_out, _) = check(vec![
            Block::heading(HeadingLevel::H1, "One"),
            Block::heading(HeadingLevel::H2, "One point one"),
            Block::paragraph("Text"),
            Block::PageBreak,
            Block::heading(HeadingLevel::H1, "Two"),
            Block::heading(HeadingLevel::H3, "Not in the outline"),
            Block::paragraph("Text"),
        ]);
        assert_eq!(laid_out.pages.len(), 2);
        let outline: Vec<(u8, &str, usize)> = laid_out
            .outline
            .iter()
            .map(|e| (e.depth, e.title.as_str(), e.page))
            .collect();
        assert_eq!(
            outline,
            [(1, "One", 0), (2, "One point one", 0), (1, "Two", 1)]
        );
    }

    #[test]
    fn a_ragged_table_is_an_error() {
        let table =
            Table::new(vec![Column::new("A", 1.0), Column::new("B", 1.0)]).row(["only one"]);
        let result = document(vec![table.into()]).layout();
        assert_eq!(
            result.err(),
            Some(ReportError::TableShape {
                row: 0,
                found: 1,
                expected: 2
            })
        );
    }

    #[test]
    fn an_empty_document_is_one_empty_page() {
        let (laid_out, pages) = check(Vec::new());
        assert_eq!(laid_out.pages.len(), 1);
        assert!(pages[0].is_empty());
    }

    #[test]
    fn a_page_with_no_room_is_an_error() {
        let mut doc = document(vec![Block::paragraph("x")]);
        doc.page = PageSetup {
            margin_top: 500.0,
            margin_bottom: 500.0,
            ..PageSetup::A4
        };
        assert!(matches!(
            doc.layout(),
            Err(ReportError::PageTooSmall { .. })
        ));
    }

    #[test]
    fn a_long_title_is_cut_short_in_the_running_header() {
        let mut doc = document(vec![
            Block::paragraph("Cover"),
            Block::PageBreak,
            Block::paragraph("Body"),
        ]);
        doc.furniture.header_left = "Very long title ".repeat(40);
        let laid_out = doc.layout().expect("lays out");
        let limit = doc.page.margin_left + doc.page.content_width() * 0.62 + 0.5;
        let header: Vec<_> = laid_out.pages[1]
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Text(run) if run.origin.y < doc.page.margin_top => Some(run),
                _ => None,
            })
            .collect();
        assert!(header.iter().any(|run| run.text == "\u{2026}"), "ellipsis");
        for run in header
            .iter()
            .filter(|run| run.origin.x < doc.page.width / 2.0)
        {
            assert!(
                run.origin.x + run.width <= limit,
                "{} > {limit}",
                run.origin.x + run.width
            );
        }
    }

    #[test]
    fn hostile_sizes_never_panic_or_leave_the_page() {
        use crate::layout::blocks::{ImageBlock, Paragraph};
        use crate::{Align, Chart, RadarChart, RasterImage, Span};
        let image = std::sync::Arc::new(RasterImage {
            width: 1,
            height: 5000,
            rgba: vec![0; 4 * 5000],
        });
        let (laid_out, _) = check(vec![
            Paragraph::new(vec![Span::regular("huge")])
                .size(f32::INFINITY)
                .into(),
            Paragraph::new(vec![Span::regular("negative")])
                .size(-3.0)
                .into(),
            Block::Spacer(f32::NAN),
            Block::Spacer(1e12),
            Block::chart(
                Chart::Radar(RadarChart {
                    axes: vec![],
                    max: 100.0,
                }),
                1e9,
            ),
            Block::Image(ImageBlock {
                image,
                width: f32::NAN,
                align: Align::Centre,
            }),
            Table::new(vec![
                Column::new("zero", 0.0),
                Column::new("nan", f32::NAN),
                Column::new("neg", -1.0),
            ])
            .row(["a", "b", "c"])
            .into(),
            Table::new(Vec::new()).into(),
        ]);
        for page in &laid_out.pages {
            for item in &page.items {
                if let Item::Image(picture) = item {
                    assert!(picture.origin.y + picture.height <= page.height);
                }
            }
        }
    }

    #[test]
    fn layout_dump_snapshot() {
        let (laid_out, _) = check(vec![
            Block::heading(HeadingLevel::H1, "Executive summary"),
            Block::rich(vec![
                crate::Span::regular("Index "),
                crate::Span::bold("44"),
                crate::Span::regular(" of 100."),
            ]),
            Block::bullets(["First risk", "Second risk"]),
            Table::new(vec![Column::new("Domain", 3.0), Column::new("Score", 1.0)])
                .row(["Recovery", "38"])
                .into(),
            Block::callout("Key message"),
        ]);
        insta::assert_snapshot!(laid_out.dump());
    }
}
