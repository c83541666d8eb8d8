//! Positioned items: what a laid-out page (or a chart drawing) is made of.
//!
//! Coordinates are points with the origin at the top-left and y growing
//! downwards, like SVG; only `pdf` flips them. Items carry shaped glyphs, so
//! the PDF and SVG writers never measure or shape text themselves.

use std::sync::Arc;

use crate::fonts::FaceId;
use crate::style::Colour;

/// A point in page (or drawing) space.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Distance from the left edge.
    pub x: f32,
    /// Distance from the top edge.
    pub y: f32,
}

impl Point {
    /// A point.
    #[must_use]
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

/// One shaped glyph of a [`TextRun`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Glyph id in the run's face.
    pub id: u16,
    /// Byte offset in the run's text where this glyph's characters start.
    pub cluster: u32,
    /// Pen advance after the glyph, in points.
    pub advance: f32,
    /// Horizontal displacement of this glyph (marks), in points.
    pub dx: f32,
    /// Upward displacement of this glyph (marks), in points.
    pub dy: f32,
}

/// A run of glyphs in one face, size and colour on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left end of the baseline.
    pub origin: Point,
    /// Font size in points.
    pub size: f32,
    /// The face the glyph ids belong to.
    pub face: FaceId,
    /// Fill colour.
    pub colour: Colour,
    /// The characters the glyphs draw, in logical order.
    pub text: String,
    /// Glyphs in visual (left-to-right) order.
    pub glyphs: Arc<[Glyph]>,
    /// Total advance, in points.
    pub width: f32,
}

/// How a line or outline is stroked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// Line colour.
    pub colour: Colour,
    /// Line width in points.
    pub width: f32,
    /// Dash and gap lengths, or solid.
    pub dash: Option<[f32; 2]>,
}

impl Stroke {
    /// A solid line.
    #[must_use]
    pub const fn solid(colour: Colour, width: f32) -> Self {
        Self {
            colour,
            width,
            dash: None,
        }
    }
}

/// A straight line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Start.
    pub from: Point,
    /// End.
    pub to: Point,
    /// Line style.
    pub stroke: Stroke,
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rectangle {
    /// Top-left corner.
    pub origin: Point,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
    /// Fill, if any.
    pub fill: Option<Colour>,
    /// Outline, if any.
    pub stroke: Option<Stroke>,
}

/// One step of a [`Path`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PathStep {
    /// Start a new subpath.
    MoveTo(Point),
    /// Straight segment.
    LineTo(Point),
    /// Cubic Bézier segment: two control points, then the end point.
    CubicTo(Point, Point, Point),
    /// Close the current subpath.
    Close,
}

/// A vector shape: polygons, circles, curves.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    /// The outline.
    pub steps: Vec<PathStep>,
    /// Fill, if any (non-zero winding).
    pub fill: Option<Colour>,
    /// Outline, if any.
    pub stroke: Option<Stroke>,
}

impl Path {
    /// A closed polygon through the points.
    #[must_use]
    pub fn polygon(points: &[Point], fill: Option<Colour>, stroke: Option<Stroke>) -> Self {
        let mut steps = Vec::with_capacity(points.len() + 1);
        for (i, p) in points.iter().enumerate() {
            steps.push(if i == 0 {
                PathStep::MoveTo(*p)
            } else {
                PathStep::LineTo(*p)
            });
        }
        if !steps.is_empty() {
            steps.push(PathStep::Close);
        }
        Self {
            steps,
            fill,
            stroke,
        }
    }

    /// A circle, as four Bézier arcs.
    #[must_use]
    pub fn circle(
        centre: Point,
        radius: f32,
        fill: Option<Colour>,
        stroke: Option<Stroke>,
    ) -> Self {
        const K: f32 = 0.552_284_8;
        let (cx, cy, r) = (centre.x, centre.y, radius);
        let k = K * r;
        let p = Point::new;
        let steps = vec![
            PathStep::MoveTo(p(cx + r, cy)),
            PathStep::CubicTo(p(cx + r, cy + k), p(cx + k, cy + r), p(cx, cy + r)),
            PathStep::CubicTo(p(cx - k, cy + r), p(cx - r, cy + k), p(cx - r, cy)),
            PathStep::CubicTo(p(cx - r, cy - k), p(cx - k, cy - r), p(cx, cy - r)),
            PathStep::CubicTo(p(cx + k, cy - r), p(cx + r, cy - k), p(cx + r, cy)),
            PathStep::Close,
        ];
        Self {
            steps,
            fill,
            stroke,
        }
    }
}

/// A decoded raster image, shared by every page that shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct RasterImage {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// RGBA, 8 bits per channel, row-major.
    pub rgba: Vec<u8>,
}

impl std::fmt::Debug for RasterImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RasterImage")
            .field("width", &self.width)
            .field("height", &self.height)
            .finish_non_exhaustive()
    }
}

/// A raster image placed in a box.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// Top-left corner.
    pub origin: Point,
    /// Width drawn.
    pub width: f32,
    /// Height drawn.
    pub height: f32,
    /// The pixels.
    pub image: Arc<RasterImage>,
}

/// A box that takes a reader elsewhere in the document when clicked (a
/// contents line to its heading). Nothing is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// Top-left corner.
    pub origin: Point,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
    /// The page to show, numbered from 1 (the cover).
    pub page: usize,
    /// Where on that page, from the page's top: shown at the window's top.
    pub top: f32,
}

/// Anything drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text.
    Text(TextRun),
    /// A straight line.
    Rule(Rule),
    /// A rectangle.
    Rect(Rectangle),
    /// A vector path.
    Path(Path),
    /// A raster image.
    Image(Picture),
    /// A link to another place in the document.
    Link(Link),
}

impl Item {
    /// Moves the item by `(dx, dy)`.
    pub fn translate(&mut self, dx: f32, dy: f32) {
        let shift = |p: &mut Point| {
            p.x += dx;
            p.y += dy;
        };
        match self {
            Item::Text(run) => shift(&mut run.origin),
            Item::Rule(rule) => {
                shift(&mut rule.from);
                shift(&mut rule.to);
            }
            Item::Rect(rect) => shift(&mut rect.origin),
            Item::Path(path) => {
                for step in &mut path.steps {
                    match step {
                        PathStep::MoveTo(p) | PathStep::LineTo(p) => shift(p),
                        PathStep::CubicTo(a, b, c) => {
                            shift(a);
                            shift(b);
                            shift(c);
                        }
                        PathStep::Close => {}
                    }
                }
            }
            Item::Image(picture) => shift(&mut picture.origin),
            Item::Link(link) => shift(&mut link.origin),
        }
    }
}
