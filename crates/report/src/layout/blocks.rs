//! The blocks a template writes: headings, paragraphs, lists, tables, charts,
//! images, callouts, spacing and breaks.
//!
//! Blocks say what, not where: the paginator decides positions. Builders
//! never fail; shape problems (a table row with the wrong number of cells)
//! are reported as errors when the document is laid out.

use std::sync::Arc;

use crate::charts::Chart;
use crate::layout::contents::Contents;
use crate::layout::items::RasterImage;
use crate::layout::text::Span;
use crate::style::{Align, Colour};

/// Heading levels; levels 1 and 2 appear in the PDF outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HeadingLevel {
    /// Section.
    H1,
    /// Subsection.
    H2,
    /// Minor heading, not in the outline.
    H3,
}

/// A section heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// Its level.
    pub level: HeadingLevel,
    /// Its text.
    pub text: String,
    /// Whether it gets a bookmark (default: levels 1 and 2).
    pub in_outline: bool,
}

/// Running text.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The text, in styled pieces.
    pub spans: Vec<Span>,
    /// Line alignment.
    pub align: Align,
    /// Text size, or the theme's body size.
    pub size: Option<f32>,
    /// Text colour, or the theme's text colour.
    pub colour: Option<Colour>,
    /// Space after, or the theme's paragraph gap.
    pub space_after: Option<f32>,
}

impl Paragraph {
    /// A paragraph of styled spans.
    #[must_use]
    pub fn new(spans: Vec<Span>) -> Self {
        Self {
            spans,
            align: Align::Start,
            size: None,
            colour: None,
            space_after: None,
        }
    }

    /// Sets the text size.
    #[must_use]
    pub fn size(mut self, size: f32) -> Self {
        self.size = Some(size);
        self
    }

    /// Sets the text colour.
    #[must_use]
    pub fn colour(mut self, colour: Colour) -> Self {
        self.colour = Some(colour);
        self
    }

    /// Sets the alignment.
    #[must_use]
    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }

    /// Sets the space after.
    #[must_use]
    pub fn space_after(mut self, space: f32) -> Self {
        self.space_after = Some(space);
        self
    }
}

/// A table column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Header text.
    pub title: String,
    /// Relative width (weights are shared out over the body width).
    pub weight: f32,
    /// Alignment of the column's cells.
    pub align: Align,
}

impl Column {
    /// A left-aligned column of the given relative width.
    pub fn new(title: impl Into<String>, weight: f32) -> Self {
        Self {
            title: title.into(),
            weight,
            align: Align::Start,
        }
    }

    /// Sets the alignment.
    #[must_use]
    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// The text.
    pub spans: Vec<Span>,
    /// Background, if any (a status colour).
    pub fill: Option<Colour>,
}

impl Cell {
    /// A cell of styled spans.
    #[must_use]
    pub fn new(spans: Vec<Span>) -> Self {
        Self { spans, fill: None }
    }

    /// Sets the background.
    #[must_use]
    pub fn fill(mut self, colour: Colour) -> Self {
        self.fill = Some(colour);
        self
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::new(vec![Span::regular(text)])
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::new(vec![Span::regular(text)])
    }
}

impl From<Span> for Cell {
    fn from(span: Span) -> Self {
        Cell::new(vec![span])
    }
}

/// A table with a header row that repeats on every page it spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Columns, with the header texts.
    pub columns: Vec<Column>,
    /// Body rows; each must have one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty table with these columns.
    #[must_use]
    pub fn new(columns: Vec<Column>) -> Self {
        Self {
            columns,
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    #[must_use]
    pub fn row<C: Into<Cell>>(mut self, cells: impl IntoIterator<Item = C>) -> Self {
        self.rows.push(cells.into_iter().map(Into::into).collect());
        self
    }
}

/// A raster image block (a logo on the cover).
#[derive(Debug, Clone, PartialEq)]
pub struct ImageBlock {
    /// The pixels.
    pub image: Arc<RasterImage>,
    /// Width on the page in points (the height follows the aspect ratio).
    pub width: f32,
    /// Horizontal placement.
    pub align: Align,
}

/// A chart drawn as vectors.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartBlock {
    /// What to draw.
    pub chart: Chart,
    /// Height on the page in points (the width is the body width).
    pub height: f32,
}

/// A highlighted box for a key message.
#[derive(Debug, Clone, PartialEq)]
pub struct Callout {
    /// The message.
    pub spans: Vec<Span>,
}

/// A key figure: a large number with its label and a short caption, set
/// with its siblings in a row of equal tiles ([`Block::Figures`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// What the number is (`Resilience index`), above it.
    pub label: String,
    /// The number as shown (`44`, `£12.4m`).
    pub value: String,
    /// Set smaller after the value (`/ 100`); may be empty.
    pub unit: String,
    /// One or two short lines under the value.
    pub caption: Vec<Span>,
    /// The colour of the value and of the tile's top bar, or the accent.
    pub colour: Option<Colour>,
}

impl Figure {
    /// A figure with a label and a value, no unit or caption.
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            value: value.into(),
            unit: String::new(),
            caption: Vec::new(),
            colour: None,
        }
    }

    /// Sets the unit.
    #[must_use]
    pub fn unit(mut self, unit: impl Into<String>) -> Self {
        self.unit = unit.into();
        self
    }

    /// Sets the caption.
    #[must_use]
    pub fn caption(mut self, caption: Vec<Span>) -> Self {
        self.caption = caption;
        self
    }

    /// Sets the colour of the value and the bar.
    #[must_use]
    pub fn colour(mut self, colour: Colour) -> Self {
        self.colour = Some(colour);
        self
    }
}

/// One unit of document content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading; it is never left alone at the foot of a page.
    Heading(Heading),
    /// Running text.
    Paragraph(Paragraph),
    /// A bulleted list, one paragraph per item.
    Bullets(Vec<Vec<Span>>),
    /// A table.
    Table(Table),
    /// A chart.
    Chart(ChartBlock),
    /// A raster image.
    Image(ImageBlock),
    /// A highlighted message.
    Callout(Callout),
    /// Key figures side by side in equal tiles, kept on one page.
    Figures(Vec<Figure>),
    /// Blocks moved to the next page together if they do not fit on this one.
    KeepTogether(Vec<Block>),
    /// Vertical space (dropped at the top of a page).
    Spacer(f32),
    /// A thin horizontal rule.
    Rule,
    /// Starts a new page.
    PageBreak,
    /// A table of contents, its page numbers filled in at layout.
    Contents(Contents),
}

impl Block {
    /// A heading.
    pub fn heading(level: HeadingLevel, text: impl Into<String>) -> Self {
        Block::Heading(Heading {
            level,
            text: text.into(),
            in_outline: level != HeadingLevel::H3,
        })
    }

    /// A paragraph of plain text.
    pub fn paragraph(text: impl Into<String>) -> Self {
        Block::Paragraph(Paragraph::new(vec![Span::regular(text)]))
    }

    /// A paragraph of styled spans.
    #[must_use]
    pub fn rich(spans: Vec<Span>) -> Self {
        Block::Paragraph(Paragraph::new(spans))
    }

    /// A bulleted list of plain items.
    pub fn bullets<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Self {
        Block::Bullets(
            items
                .into_iter()
                .map(|item| vec![Span::regular(item)])
                .collect(),
        )
    }

    /// A chart of the given height.
    #[must_use]
    pub fn chart(chart: Chart, height: f32) -> Self {
        Block::Chart(ChartBlock { chart, height })
    }

    /// A callout of plain text.
    pub fn callout(text: impl Into<String>) -> Self {
        Block::Callout(Callout {
            spans: vec![Span::regular(text)],
        })
    }
}

impl From<Paragraph> for Block {
    fn from(paragraph: Paragraph) -> Self {
        Block::Paragraph(paragraph)
    }
}

impl From<Table> for Block {
    fn from(table: Table) -> Self {
        Block::Table(table)
    }
}

impl From<Heading> for Block {
    fn from(heading: Heading) -> Self {
        Block::Heading(heading)
    }
}
