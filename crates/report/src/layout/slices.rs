//! Blocks become groups of slices: horizontal strips of positioned items that
//! the paginator stacks down the page.
//!
//! A slice is never split; a group is kept on one page when it fits on a
//! fresh one, and otherwise splits between its slices. That one rule gives
//! keep-together blocks, headings that stay with what follows, paragraphs
//! without orphan or widow lines, and table rows that stay whole unless they
//! are taller than a page. Slices of table rows name the header slices to
//! repeat when a page starts with them.

use std::sync::Arc;

use crate::error::ReportError;
use crate::layout::blocks::{
    Block, Callout, ChartBlock, Figure, Heading, HeadingLevel, ImageBlock, Paragraph,
};
use crate::layout::items::{Item, Path, Picture, Point, Rectangle, Rule, Stroke};
use crate::layout::shape::Shaper;
use crate::layout::text::{Line, Span, flow, single_line};
use crate::layout::{contents, table};
use crate::style::{Align, Colour, Theme};

/// Where a heading starts, for the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineMark {
    /// 1 for sections, 2 for subsections.
    pub depth: u8,
    /// The heading text.
    pub title: String,
}

/// An unbreakable strip; item x is absolute, y is relative to the strip top.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Slice {
    /// Height of the strip.
    pub height: f32,
    /// Margin above it, dropped at the top of a page.
    pub gap_before: f32,
    /// Explicit space above it (spacers): dropped at the top of a page that
    /// an automatic break started, kept at the start and after a forced break.
    pub spacer_before: f32,
    /// What it draws.
    pub items: Vec<Item>,
    /// A heading starts here.
    pub mark: Option<OutlineMark>,
    /// Slices to draw first if this one starts a page (a table header).
    pub repeat: Option<Arc<[Slice]>>,
}

/// Slices kept on one page where possible.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Group {
    /// The strips, top to bottom.
    pub slices: Vec<Slice>,
    /// Keep with the next group too (headings).
    pub glue_next: bool,
}

/// What the paginator consumes.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    /// Content.
    Group(Group),
    /// A forced page break.
    PageBreak,
}

/// Shared state while turning blocks into slices.
#[derive(Debug)]
pub struct Context<'a> {
    /// The shaper (with its plan cache).
    pub shaper: &'a mut Shaper,
    /// Sizes and colours.
    pub theme: &'a Theme,
    /// Left edge of the body.
    pub left: f32,
    /// Width of the body.
    pub width: f32,
    /// Height of the body: no slice is taller.
    pub max_height: f32,
}

/// Where the baseline sits in a line box: half the leading plus the part of
/// the ascent above the centre (Noto Sans: ascender 1.069 em, descender
/// 0.293 em, so (1.069 - 0.293) / 2).
pub fn baseline(line_height: f32, size: f32) -> f32 {
    line_height / 2.0 + 0.388 * size
}

/// Space before and after each kind of block.
fn spacing(theme: &Theme, block: &Block) -> (f32, f32) {
    match block {
        Block::Heading(h) => match h.level {
            HeadingLevel::H1 => (26.0, 12.0),
            HeadingLevel::H2 => (18.0, 6.0),
            HeadingLevel::H3 => (12.0, 3.0),
        },
        Block::Paragraph(p) => (0.0, p.space_after.unwrap_or(theme.paragraph_gap)),
        Block::Bullets(_) => (0.0, theme.paragraph_gap + 2.0),
        Block::Table(_) => (8.0, 16.0),
        Block::Chart(_) | Block::Image(_) => (8.0, 14.0),
        Block::Callout(_) => (8.0, 14.0),
        Block::Figures(_) => (10.0, 18.0),
        Block::Rule => (6.0, 10.0),
        Block::Contents(_) => (4.0, 14.0),
        Block::KeepTogether(_) | Block::Spacer(_) | Block::PageBreak => (0.0, 0.0),
    }
}

/// Space owed since the last slice.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Pending {
    /// The previous block's bottom margin (margins collapse: the larger wins).
    pub(super) margin: f32,
    /// Explicit spacers (they add up).
    pub(super) spacer: f32,
}

impl Pending {
    /// Nothing owed (the start of the document or of a page).
    pub(super) fn is_none(self) -> bool {
        self.margin == 0.0 && self.spacer == 0.0
    }
}

/// Appends the units of one block.
pub(super) fn flatten(
    ctx: &mut Context<'_>,
    block: &Block,
    out: &mut Vec<Unit>,
    gap: &mut Pending,
) -> Result<(), ReportError> {
    let (before, after) = spacing(ctx.theme, block);
    let start = out.len();
    match block {
        Block::Heading(heading) => out.push(Unit::Group(heading_group(ctx, heading))),
        Block::Paragraph(paragraph) => out.extend(paragraph_groups(ctx, paragraph)),
        Block::Bullets(items) => bullet_groups(ctx, items, out),
        Block::Table(t) => out.extend(table::groups(ctx, t)?),
        Block::Chart(chart) => out.push(Unit::Group(chart_group(ctx, chart)?)),
        Block::Image(image) => out.push(Unit::Group(image_group(ctx, image))),
        Block::Callout(callout) => out.push(Unit::Group(callout_group(ctx, callout))),
        Block::Contents(contents) => out.extend(contents::groups(ctx, contents)),
        Block::Figures(figures) => {
            if !figures.is_empty() {
                out.push(Unit::Group(figures_group(ctx, figures)));
            }
        }
        Block::Rule => out.push(Unit::Group(Group {
            slices: vec![Slice {
                height: 1.0,
                items: vec![Item::Rule(Rule {
                    from: Point::new(ctx.left, 0.5),
                    to: Point::new(ctx.left + ctx.width, 0.5),
                    stroke: Stroke::solid(ctx.theme.rule, 0.6),
                })],
                ..Slice::default()
            }],
            glue_next: false,
        })),
        Block::Spacer(height) => {
            if height.is_finite() && *height > 0.0 {
                gap.spacer = (gap.spacer + height).min(ctx.max_height);
            }
            return Ok(());
        }
        Block::PageBreak => {
            out.push(Unit::PageBreak);
            *gap = Pending::default();
            return Ok(());
        }
        Block::KeepTogether(children) => {
            let mut inner = Vec::new();
            for child in children {
                flatten(ctx, child, &mut inner, gap)?;
            }
            let slices: Vec<Slice> = inner
                .into_iter()
                .filter_map(|unit| match unit {
                    Unit::Group(group) => Some(group.slices),
                    Unit::PageBreak => None,
                })
                .flatten()
                .collect();
            if !slices.is_empty() {
                out.push(Unit::Group(Group {
                    slices,
                    glue_next: false,
                }));
            }
            return Ok(());
        }
    }
    // The first slice of the block carries the collapsed gap.
    if let Some(Unit::Group(group)) = out.get_mut(start)
        && let Some(first) = group.slices.first_mut()
    {
        first.gap_before = gap.margin.max(before);
        first.spacer_before = gap.spacer;
        *gap = Pending {
            margin: after,
            spacer: 0.0,
        };
    }
    Ok(())
}

/// Merges each glued group with the group after it.
pub(super) fn glue(units: Vec<Unit>) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    for unit in units {
        match (out.last_mut(), unit) {
            (Some(Unit::Group(previous)), Unit::Group(mut next)) if previous.glue_next => {
                previous.slices.append(&mut next.slices);
                previous.glue_next = next.glue_next;
            }
            (_, unit) => out.push(unit),
        }
    }
    out
}

/// Slices for flowed lines, `x` from the body's left edge.
pub fn line_slices(lines: Vec<Line>, x: f32, size: f32, leading: f32) -> Vec<Slice> {
    let line_height = size * leading;
    let y = baseline(line_height, size);
    lines
        .into_iter()
        .map(|line| Slice {
            height: line_height,
            items: line
                .runs
                .into_iter()
                .map(|run| {
                    let mut item = Item::Text(run);
                    item.translate(x, y);
                    item
                })
                .collect(),
            ..Slice::default()
        })
        .collect()
}

/// Keeps the first two and the last two lines of a paragraph together, so no
/// page starts or ends with a lone line of it.
fn orphan_groups(slices: Vec<Slice>) -> Vec<Unit> {
    if slices.len() <= 4 {
        return vec![Unit::Group(Group {
            slices,
            glue_next: false,
        })];
    }
    let n = slices.len();
    let mut units = Vec::new();
    let mut iter = slices.into_iter().enumerate();
    let mut head = Vec::new();
    let mut tail = Vec::new();
    for (i, slice) in iter.by_ref() {
        if i < 2 {
            head.push(slice);
            if i == 1 {
                units.push(Unit::Group(Group {
                    slices: std::mem::take(&mut head),
                    glue_next: false,
                }));
            }
        } else if i >= n - 2 {
            tail.push(slice);
        } else {
            units.push(Unit::Group(Group {
                slices: vec![slice],
                glue_next: false,
            }));
        }
    }
    units.push(Unit::Group(Group {
        slices: tail,
        glue_next: false,
    }));
    units
}

fn paragraph_groups(ctx: &mut Context<'_>, paragraph: &Paragraph) -> Vec<Unit> {
    let size = finite_or(paragraph.size, ctx.theme.body_size).clamp(4.0, 96.0);
    let colour = paragraph.colour.unwrap_or(ctx.theme.text);
    let lines = flow(
        ctx.shaper,
        &paragraph.spans,
        size,
        colour,
        ctx.width,
        paragraph.align,
    );
    if lines.is_empty() {
        return Vec::new();
    }
    orphan_groups(line_slices(lines, ctx.left, size, ctx.theme.leading))
}

fn heading_group(ctx: &mut Context<'_>, heading: &Heading) -> Group {
    let theme = ctx.theme;
    let (index, colour, leading) = match heading.level {
        HeadingLevel::H1 => (0, theme.heading, 1.25),
        HeadingLevel::H2 => (1, theme.heading, 1.3),
        HeadingLevel::H3 => (2, theme.text, 1.35),
    };
    let size = theme.heading_sizes[index];
    let spans = [Span::bold(heading.text.clone())];
    let lines = flow(ctx.shaper, &spans, size, colour, ctx.width, Align::Start);
    let mut slices = line_slices(lines, ctx.left, size, leading);
    if heading.level == HeadingLevel::H1 {
        // A short accent bar above section titles.
        let bar_height = 2.6;
        let bar_gap = 9.0;
        let bar = Slice {
            height: bar_height + bar_gap,
            items: vec![Item::Rect(Rectangle {
                origin: Point::new(ctx.left, 0.0),
                width: 30.0,
                height: bar_height,
                fill: Some(theme.accent),
                stroke: None,
            })],
            ..Slice::default()
        };
        slices.insert(0, bar);
    }
    if heading.in_outline
        && heading.level != HeadingLevel::H3
        && let Some(first) = slices.first_mut()
    {
        first.mark = Some(OutlineMark {
            depth: if heading.level == HeadingLevel::H1 {
                1
            } else {
                2
            },
            title: heading.text.clone(),
        });
    }
    Group {
        slices,
        glue_next: true,
    }
}

fn bullet_groups(ctx: &mut Context<'_>, items: &[Vec<Span>], out: &mut Vec<Unit>) {
    let theme = ctx.theme;
    let size = theme.body_size;
    let indent = 16.0;
    let line_height = size * theme.leading;
    for (i, item) in items.iter().enumerate() {
        let lines = flow(
            ctx.shaper,
            item,
            size,
            theme.text,
            ctx.width - indent,
            Align::Start,
        );
        let mut slices = line_slices(lines, ctx.left + indent, size, theme.leading);
        if let Some(first) = slices.first_mut() {
            // The dot sits on the x-height centre of the first line.
            let cy = baseline(line_height, size) - 0.27 * size;
            first.items.push(Item::Path(Path::circle(
                Point::new(ctx.left + 5.0, cy),
                1.9,
                Some(theme.accent),
                None,
            )));
            if i > 0 {
                first.gap_before = 3.5;
            }
        }
        out.extend(orphan_groups(slices));
    }
}

fn chart_group(ctx: &mut Context<'_>, block: &ChartBlock) -> Result<Group, ReportError> {
    let height = finite_or(Some(block.height), 200.0).clamp(20.0, ctx.max_height);
    let drawing = block.chart.draw(ctx.shaper, ctx.theme, ctx.width, height)?;
    let items = drawing
        .items
        .into_iter()
        .map(|mut item| {
            item.translate(ctx.left, 0.0);
            item
        })
        .collect();
    Ok(Group {
        slices: vec![Slice {
            height: drawing.height,
            items,
            ..Slice::default()
        }],
        glue_next: false,
    })
}

fn image_group(ctx: &mut Context<'_>, block: &ImageBlock) -> Group {
    let image = &block.image;
    let aspect = image.height.max(1) as f32 / image.width.max(1) as f32;
    let mut width = finite_or(Some(block.width), 100.0).clamp(1.0, ctx.width);
    let mut height = width * aspect;
    if height > ctx.max_height {
        height = ctx.max_height;
        width = height / aspect;
    }
    let x = match block.align {
        Align::Centre => ctx.left + (ctx.width - width) / 2.0,
        Align::Right => ctx.left + ctx.width - width,
        Align::Start | Align::Left => ctx.left,
    };
    Group {
        slices: vec![Slice {
            height,
            items: vec![Item::Image(Picture {
                origin: Point::new(x, 0.0),
                width,
                height,
                image: Arc::clone(image),
            })],
            ..Slice::default()
        }],
        glue_next: false,
    }
}

fn callout_group(ctx: &mut Context<'_>, callout: &Callout) -> Group {
    let theme = ctx.theme;
    let size = theme.body_size + 0.6;
    let pad_x = 14.0;
    let pad_y = 10.0;
    let lines = flow(
        ctx.shaper,
        &callout.spans,
        size,
        theme.heading,
        ctx.width - 2.0 * pad_x - 3.0,
        Align::Start,
    );
    let mut slices = line_slices(lines, ctx.left + pad_x + 3.0, size, theme.leading);
    let count = slices.len();
    let background = theme.accent.tint(0.07);
    for (i, slice) in slices.iter_mut().enumerate() {
        let top = if i == 0 { pad_y } else { 0.0 };
        let bottom = if i + 1 == count { pad_y } else { 0.0 };
        for item in &mut slice.items {
            item.translate(0.0, top);
        }
        slice.height += top + bottom;
        let band = |x: f32, width: f32, fill: Colour| {
            Item::Rect(Rectangle {
                origin: Point::new(x, 0.0),
                width,
                height: slice.height,
                fill: Some(fill),
                stroke: None,
            })
        };
        let items = std::mem::take(&mut slice.items);
        slice.items = vec![
            band(ctx.left, ctx.width, background),
            band(ctx.left, 3.0, theme.accent),
        ];
        slice.items.extend(items);
    }
    Group {
        slices,
        glue_next: false,
    }
}

/// Sizes of a key figure tile.
const FIGURE_GUTTER: f32 = 14.0;
const FIGURE_LABEL_SIZE: f32 = 7.6;
const FIGURE_VALUE_SIZE: f32 = 26.0;
const FIGURE_UNIT_SIZE: f32 = 10.5;
const FIGURE_CAPTION_SIZE: f32 = 8.2;

/// Key figures in a row of equal tiles: a coloured bar, the label, the
/// value (with its unit) and the caption, all in one unbreakable slice.
fn figures_group(ctx: &mut Context<'_>, figures: &[Figure]) -> Group {
    let theme = ctx.theme;
    let n = figures.len() as f32;
    let tile_width = ((ctx.width - FIGURE_GUTTER * (n - 1.0)) / n).max(8.0);
    let mut items = Vec::new();
    let mut height: f32 = 0.0;
    for (i, figure) in figures.iter().enumerate() {
        let x = ctx.left + i as f32 * (tile_width + FIGURE_GUTTER);
        let colour = figure.colour.unwrap_or(theme.accent);
        items.push(Item::Rect(Rectangle {
            origin: Point::new(x, 0.0),
            width: tile_width,
            height: 2.2,
            fill: Some(colour),
            stroke: None,
        }));
        let mut y = 9.0;
        let label = flow(
            ctx.shaper,
            &[Span::bold(figure.label.clone())],
            FIGURE_LABEL_SIZE,
            theme.muted,
            tile_width,
            Align::Left,
        );
        let label_height = FIGURE_LABEL_SIZE * 1.3;
        for line in label {
            push_line(
                &mut items,
                line,
                x,
                y + baseline(label_height, FIGURE_LABEL_SIZE),
            );
            y += label_height;
        }
        y += 2.0;
        let value_height = FIGURE_VALUE_SIZE * 1.12;
        let value = single_line(
            ctx.shaper,
            &figure.value,
            crate::style::FontStyle::Bold,
            FIGURE_VALUE_SIZE,
            colour,
        );
        let value_baseline = y + FIGURE_VALUE_SIZE * 0.93;
        let value_width = value.width;
        push_line(&mut items, value, x, value_baseline);
        if !figure.unit.is_empty() {
            let unit = single_line(
                ctx.shaper,
                &figure.unit,
                crate::style::FontStyle::Regular,
                FIGURE_UNIT_SIZE,
                theme.muted,
            );
            push_line(&mut items, unit, x + value_width + 3.0, value_baseline);
        }
        y += value_height + 3.0;
        if !figure.caption.is_empty() {
            let caption_height = FIGURE_CAPTION_SIZE * 1.35;
            let lines = flow(
                ctx.shaper,
                &figure.caption,
                FIGURE_CAPTION_SIZE,
                theme.text,
                tile_width,
                Align::Left,
            );
            for line in lines {
                push_line(
                    &mut items,
                    line,
                    x,
                    y + baseline(caption_height, FIGURE_CAPTION_SIZE),
                );
                y += caption_height;
            }
        }
        height = height.max(y);
    }
    Group {
        slices: vec![Slice {
            height: height.min(ctx.max_height),
            items,
            ..Slice::default()
        }],
        glue_next: false,
    }
}

/// Adds a flowed line's runs with its baseline at `baseline_y`.
fn push_line(items: &mut Vec<Item>, line: Line, x: f32, baseline_y: f32) {
    for run in line.runs {
        let mut item = Item::Text(run);
        item.translate(x, baseline_y);
        items.push(item);
    }
}

/// The value if it is a finite number, else the default.
pub fn finite_or(value: Option<f32>, default: f32) -> f32 {
    value.filter(|v| v.is_finite()).unwrap_or(default)
}
