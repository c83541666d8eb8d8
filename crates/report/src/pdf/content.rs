//! One laid-out page as printpdf `Op`s, as few as the content needs.
//!
//! y is flipped (PDF measures from the bottom). Consecutive text items share
//! one text object (`BT`…`ET`); runs that continue one another on a
//! baseline in one face, size and colour become one `TJ` (one `ShowText`),
//! with the gaps between them and every difference between a glyph's
//! shaped advance and its /W width as offsets. Glyph ids are our shaper's;
//! printpdf renumbers them for its subsets. A glyph whose text differs from
//! its /ToUnicode entry (see `glyphs`) is wrapped in an /ActualText span.
//! Colours, widths, dashes and fonts are set only when they change.

use printpdf::{
    Codepoint, Color, DictItem, FontId, Line, LineDashPattern, LinePoint, Op, PaintMode,
    PdfFontHandle, Polygon, PolygonRing, Pt, Rect, Rgb, TextItem, WindingOrder, XObjectId,
    XObjectTransform,
};

use crate::fonts::{FaceId, FontSet};
use crate::layout::items::{Item, Path, PathStep, Picture, Point, Rectangle, Stroke, TextRun};
use crate::layout::paginate::Page;
use crate::pdf::glyphs::{Usage, drawn, glyph_ranges, range_text};
use crate::style::Colour;

/// What every page's content refers to.
pub(super) struct Resources<'a> {
    pub(super) fonts: &'a FontSet,
    pub(super) usage: &'a Usage,
    /// Font ids by [`FaceId::index`] (`None`: the face is not drawn).
    pub(super) font_ids: &'a [Option<FontId>],
    /// Image ids, in the order of [`Usage::images`].
    pub(super) image_ids: &'a [XObjectId],
    /// By face index, then glyph id: the character printpdf writes that
    /// glyph for, where it is the glyph's /ToUnicode entry too
    /// ([`super::faces::plain_characters`]).
    pub(super) plain: &'a [Vec<Option<char>>],
}

/// The page's content.
pub(super) fn page_ops(page: &Page, resources: &Resources<'_>) -> Vec<Op> {
    let mut writer = Writer {
        resources,
        height: page.height,
        ops: Vec::with_capacity(page.items.len() * 2),
        state: State::default(),
        ranges: Vec::new(),
    };
    for item in &page.items {
        if !matches!(item, Item::Text(_)) {
            writer.end_text();
        }
        match item {
            Item::Text(run) => writer.text(run),
            Item::Rule(rule) => {
                writer.set_stroke(rule.stroke);
                let points = vec![writer.point(rule.from, false), writer.point(rule.to, false)];
                writer.ops.push(Op::DrawLine {
                    line: Line {
                        points,
                        is_closed: false,
                    },
                });
            }
            Item::Rect(rect) => writer.rect(rect),
            Item::Path(path) => writer.path(path),
            Item::Image(picture) => writer.image(picture),
            // Links are annotations, not content (`finish` writes them).
            Item::Link(_) => {}
        }
    }
    writer.end_text();
    writer.ops
}

/// A page that draws, in each face, every glyph the document draws, each
/// with its /ToUnicode entry: with it, a document holding only some of the
/// pages subsets every face exactly as the whole document would.
pub(super) fn every_glyph(resources: &Resources<'_>) -> Vec<Op> {
    let mut ops = vec![Op::StartTextSection];
    for face in FaceId::ALL {
        let (Some(Some(font)), Some(glyphs)) = (
            resources.font_ids.get(face.index()),
            resources.usage.face(face),
        ) else {
            continue;
        };
        let codepoints: Vec<Codepoint> = glyphs
            .ids()
            .map(|gid| Codepoint {
                gid,
                offset: 0.0,
                cid: glyphs.entry(gid).map(str::to_owned),
            })
            .collect();
        if codepoints.is_empty() {
            continue;
        }
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(font.clone()),
            size: Pt(10.0),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(codepoints)],
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// Rounds to a multiple of `1 / scale` (content carries no noise digits).
pub(super) fn round_to(value: f32, scale: f32) -> f32 {
    let rounded = (value * scale).round() / scale;
    // Never write "-0".
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// A colour in printpdf's terms: channels in 0..1 with three decimals
/// (enough for 256 levels).
fn colour(c: Colour) -> Color {
    let channel = |v: u8| round_to(f32::from(v) / 255.0, 1000.0);
    Color::Rgb(Rgb {
        r: channel(c.r),
        g: channel(c.g),
        b: channel(c.b),
        icc_profile: None,
    })
}

/// Graphics state already set in the content, to skip repeats.
#[derive(Default)]
struct State {
    fill: Option<Colour>,
    stroke: Option<Colour>,
    width: Option<f32>,
    dash: Option<[f32; 2]>,
    font: Option<(FaceId, u32)>,
    in_text: bool,
    /// Start of the current text line (what `Td` moves), inside BT..ET.
    line: (f32, f32),
    /// The `TJ` being gathered.
    show: Option<Show>,
}

/// Glyphs gathered into one `TJ`: runs on one baseline in one face, size
/// and colour.
struct Show {
    /// Where it starts (page space, y up).
    at: (f32, f32),
    /// Whether the text line has been moved to `at` yet.
    placed: bool,
    /// Where the pen is after the glyphs so far.
    pen: f32,
    key: (FaceId, u32, Colour),
    /// What the `TJ` shows so far: runs of plain characters as one string
    /// each, other glyphs by id, and the offsets between them.
    items: Vec<TextItem>,
}

impl Show {
    fn new(at: (f32, f32), key: (FaceId, u32, Colour)) -> Show {
        Show {
            at,
            placed: false,
            pen: at.0,
            key,
            items: Vec::new(),
        }
    }

    /// Moves the next glyph by `offset` thousandths of an em (positive:
    /// to the left, as in `TJ`); offsets that meet add up, and one that
    /// comes to nothing is not written.
    fn offset(&mut self, offset: f32) {
        match self.items.last_mut() {
            Some(TextItem::GlyphIds(glyphs)) => {
                if let Some(last) = glyphs.last_mut() {
                    last.offset = round_to(last.offset + offset, 10.0);
                }
            }
            Some(TextItem::Offset(sum)) => {
                *sum = round_to(*sum + offset, 10.0);
                if *sum == 0.0 {
                    self.items.pop();
                }
            }
            Some(TextItem::Text(_)) | None => {
                let offset = round_to(offset, 10.0);
                if offset != 0.0 {
                    self.items.push(TextItem::Offset(offset));
                }
            }
        }
    }

    /// Adds a glyph that printpdf can write from its character: to the
    /// string the `TJ` shows last, or as a new one.
    fn plain(&mut self, character: char) {
        if let Some(TextItem::Text(text)) = self.items.last_mut() {
            text.push(character);
        } else {
            self.items.push(TextItem::Text(character.to_string()));
        }
    }

    /// Adds a glyph by its id, with the text its /ToUnicode entry holds.
    fn by_id(&mut self, codepoint: Codepoint) {
        if let Some(TextItem::GlyphIds(glyphs)) = self.items.last_mut() {
            glyphs.push(codepoint);
        } else {
            self.items.push(TextItem::GlyphIds(vec![codepoint]));
        }
    }

    /// Whether any glyph waits to be shown (not only an offset).
    fn has_glyphs(&self) -> bool {
        self.items
            .iter()
            .any(|item| !matches!(item, TextItem::Offset(_)))
    }
}

struct Writer<'a> {
    resources: &'a Resources<'a>,
    height: f32,
    ops: Vec<Op>,
    state: State,
    /// Reused from run to run.
    ranges: Vec<Option<(usize, usize)>>,
}

impl Writer<'_> {
    /// A layout point in PDF space, on a 0.01 pt grid.
    fn point(&self, p: Point, bezier: bool) -> LinePoint {
        LinePoint {
            p: printpdf::Point {
                x: Pt(round_to(p.x, 100.0)),
                y: Pt(round_to(self.height - p.y, 100.0)),
            },
            bezier,
        }
    }

    /// Adds a run's glyphs to the open `TJ` (or starts one). Marks placed
    /// off the pen go out on their own.
    fn text(&mut self, run: &TextRun) {
        let resources = self.resources;
        let (Some(Some(font)), Some(usage)) = (
            resources.font_ids.get(run.face.index()),
            resources.usage.face(run.face),
        ) else {
            return;
        };
        if !drawn(run) {
            return;
        }
        let baseline = self.height - run.origin.y;
        let to_em = 1000.0 / run.size;
        let key = (run.face, run.size.to_bits(), run.colour);
        let continues = self.state.show.as_ref().is_some_and(|show| {
            show.key == key && show.at.1 == baseline && run.origin.x >= show.pen - 0.01
        });
        if continues {
            if let Some(show) = self.state.show.as_mut() {
                let gap = round_to(-(run.origin.x - show.pen) * to_em, 10.0);
                if gap != 0.0 {
                    show.offset(gap);
                }
            }
        } else {
            self.close_show();
            self.begin_text(font, run);
            self.state.show = Some(Show::new((run.origin.x, baseline), key));
        }
        let mut ranges = std::mem::take(&mut self.ranges);
        glyph_ranges(run, &mut ranges);
        let mut pen = run.origin.x;
        for (glyph, range) in run.glyphs.iter().zip(&ranges) {
            let text = range_text(run, *range);
            let entry = usage.entry(glyph.id).unwrap_or_default();
            let width = resources.fonts.pdf_width(run.face, glyph.id);
            if glyph.dx != 0.0 || glyph.dy != 0.0 {
                // A mark: shown at its own place, then the pen moves on.
                self.emit();
                self.restart((pen + glyph.dx, baseline + glyph.dy));
                self.glyph(run.face, glyph.id, entry, text, 0.0);
                self.emit();
                pen += glyph.advance;
                self.restart((pen, baseline));
                continue;
            }
            // Tenths of a thousandth of an em: invisible, and short to write.
            let offset = round_to(width - glyph.advance * to_em, 10.0);
            self.glyph(run.face, glyph.id, entry, text, offset);
            pen += glyph.advance;
        }
        self.ranges = ranges;
        if let Some(show) = self.state.show.as_mut() {
            show.pen = pen;
        }
    }

    /// Opens a text object if none is open, and sets the run's font and
    /// colour.
    fn begin_text(&mut self, font: &FontId, run: &TextRun) {
        if !self.state.in_text {
            self.ops.push(Op::StartTextSection);
            self.state.in_text = true;
            self.state.line = (0.0, 0.0);
        }
        let size = (run.face, run.size.to_bits());
        if self.state.font != Some(size) {
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: Pt(run.size),
            });
            self.state.font = Some(size);
        }
        self.set_fill(run.colour);
    }

    /// Starts the open `TJ` afresh at `at` (same font, size and colour).
    fn restart(&mut self, at: (f32, f32)) {
        if let Some(show) = self.state.show.as_mut() {
            show.at = at;
            show.placed = false;
            show.pen = at.0;
        }
    }

    /// Adds one glyph to the open `TJ`: as it is when it stands for its
    /// /ToUnicode entry, else on its own in an /ActualText span.
    fn glyph(&mut self, face: FaceId, id: u16, entry: &str, text: &str, offset: f32) {
        if text == entry {
            let plain = self
                .resources
                .plain
                .get(face.index())
                .and_then(|p| p.get(usize::from(id)));
            if let Some(show) = self.state.show.as_mut() {
                match plain {
                    Some(&Some(character)) => show.plain(character),
                    _ => show.by_id(Codepoint {
                        gid: id,
                        offset: 0.0,
                        cid: Some(entry.to_owned()),
                    }),
                }
                show.offset(offset);
            }
            return;
        }
        let codepoint = Codepoint {
            gid: id,
            offset,
            cid: Some(entry.to_owned()),
        };
        self.emit();
        self.ops.push(Op::BeginMarkedContentWithProperties {
            tag: "Span".to_owned(),
            properties: actual_text(text),
        });
        if let Some(show) = self.state.show.as_mut() {
            show.by_id(codepoint);
        }
        self.emit();
        self.ops.push(Op::EndMarkedContentWithProperties);
    }

    /// Writes the glyphs gathered so far as one `ShowText`, moving the text
    /// line to the show's start first (relative `Td`: lines start on a 0.01
    /// pt grid, and the moves are rounded again so they carry no noise).
    fn emit(&mut self) {
        let Some(show) = self.state.show.as_mut() else {
            return;
        };
        if !show.has_glyphs() {
            return;
        }
        if !show.placed {
            let at = (round_to(show.at.0, 100.0), round_to(show.at.1, 100.0));
            let line = self.state.line;
            self.ops.push(Op::SetTextCursor {
                pos: printpdf::Point {
                    x: Pt(round_to(at.0 - line.0, 100.0)),
                    y: Pt(round_to(at.1 - line.1, 100.0)),
                },
            });
            self.state.line = at;
            show.placed = true;
        }
        let items = std::mem::take(&mut show.items);
        self.ops.push(Op::ShowText { items });
    }

    fn close_show(&mut self) {
        self.emit();
        self.state.show = None;
    }

    fn end_text(&mut self) {
        self.close_show();
        if self.state.in_text {
            self.ops.push(Op::EndTextSection);
            self.state.in_text = false;
        }
    }

    fn set_fill(&mut self, c: Colour) {
        if self.state.fill != Some(c) {
            self.ops.push(Op::SetFillColor { col: colour(c) });
            self.state.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, stroke: Stroke) {
        if self.state.stroke != Some(stroke.colour) {
            self.ops.push(Op::SetOutlineColor {
                col: colour(stroke.colour),
            });
            self.state.stroke = Some(stroke.colour);
        }
        if self.state.width != Some(stroke.width) {
            self.ops.push(Op::SetOutlineThickness {
                pt: Pt(stroke.width),
            });
            self.state.width = Some(stroke.width);
        }
        if self.state.dash != stroke.dash {
            let pattern = stroke.dash.unwrap_or_default();
            let dash = match stroke.dash {
                Some(_) => LineDashPattern::new(0.0, &pattern),
                None => LineDashPattern::new(0.0, &[]),
            };
            self.ops.push(Op::SetLineDashPattern { dash });
            self.state.dash = stroke.dash;
        }
    }

    /// Sets the fill and stroke; the paint mode, or `None` when there is
    /// nothing to paint.
    fn set_paint(&mut self, fill: Option<Colour>, stroke: Option<Stroke>) -> Option<PaintMode> {
        if let Some(c) = fill {
            self.set_fill(c);
        }
        if let Some(s) = stroke {
            self.set_stroke(s);
        }
        match (fill.is_some(), stroke.is_some()) {
            (true, true) => Some(PaintMode::FillStroke),
            (true, false) => Some(PaintMode::Fill),
            (false, true) => Some(PaintMode::Stroke),
            (false, false) => None,
        }
    }

    fn rect(&mut self, rect: &Rectangle) {
        let Some(mode) = self.set_paint(rect.fill, rect.stroke) else {
            return;
        };
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(round_to(rect.origin.x, 100.0)),
                y: Pt(round_to(self.height - rect.origin.y - rect.height, 100.0)),
                width: Pt(round_to(rect.width, 100.0)),
                height: Pt(round_to(rect.height, 100.0)),
                mode: Some(mode),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
    }

    /// A filled or explicitly closed path is a polygon (every subpath
    /// closed, non-zero winding); otherwise its subpaths are open lines.
    fn path(&mut self, path: &Path) {
        let Some(mode) = self.set_paint(path.fill, path.stroke) else {
            return;
        };
        let closed = path.fill.is_some() || path.steps.iter().any(|s| matches!(s, PathStep::Close));
        let rings = self.subpaths(&path.steps);
        if path.fill.is_some() {
            // printpdf closes only the last ring before stroking: several
            // rings are filled together, then each stroked closed.
            let split = rings.len() > 1 && mode == PaintMode::FillStroke;
            self.ops.push(Op::DrawPolygon {
                polygon: Polygon {
                    rings: rings
                        .iter()
                        .map(|points| PolygonRing {
                            points: points.clone(),
                        })
                        .collect(),
                    mode: if split { PaintMode::Fill } else { mode },
                    winding_order: WindingOrder::NonZero,
                },
            });
            if !split {
                return;
            }
        }
        for points in rings {
            self.ops.push(Op::DrawLine {
                line: Line {
                    points,
                    is_closed: closed,
                },
            });
        }
    }

    /// The path's subpaths as printpdf points (control points marked).
    fn subpaths(&self, steps: &[PathStep]) -> Vec<Vec<LinePoint>> {
        let mut rings: Vec<Vec<LinePoint>> = Vec::new();
        for step in steps {
            match step {
                PathStep::MoveTo(p) => rings.push(vec![self.point(*p, false)]),
                PathStep::LineTo(p) => push_point(&mut rings, self.point(*p, false)),
                PathStep::CubicTo(a, b, c) => {
                    push_point(&mut rings, self.point(*a, true));
                    push_point(&mut rings, self.point(*b, true));
                    push_point(&mut rings, self.point(*c, false));
                }
                PathStep::Close => {}
            }
        }
        rings.retain(|ring| ring.len() > 1);
        rings
    }

    fn image(&mut self, picture: &Picture) {
        let resources = self.resources;
        let Some(id) = resources
            .usage
            .image_index(&picture.image)
            .and_then(|i| resources.image_ids.get(i))
        else {
            return;
        };
        self.ops.push(Op::UseXobject {
            id: id.clone(),
            transform: XObjectTransform {
                translate_x: Some(Pt(picture.origin.x)),
                translate_y: Some(Pt(self.height - picture.origin.y - picture.height)),
                rotate: None,
                scale_x: Some(picture.width),
                scale_y: Some(picture.height),
                dpi: None,
                no_auto_scale: true,
            },
        });
    }
}

/// Adds a point to the last subpath (starting one if there is none).
fn push_point(rings: &mut Vec<Vec<LinePoint>>, point: LinePoint) {
    match rings.last_mut() {
        Some(ring) => ring.push(point),
        None => rings.push(vec![point]),
    }
}

/// The property list of a `Span` whose glyphs stand for `text`.
fn actual_text(text: &str) -> DictItem {
    let mut data = Vec::with_capacity(2 + 2 * text.len());
    if !text.is_empty() {
        data.extend_from_slice(&[0xFE, 0xFF]);
        for unit in text.encode_utf16() {
            data.extend_from_slice(&unit.to_be_bytes());
        }
    }
    let mut map = std::collections::BTreeMap::new();
    map.insert(
        "ActualText".to_owned(),
        DictItem::String {
            data,
            literal: false,
        },
    );
    DictItem::Dict { map }
}
