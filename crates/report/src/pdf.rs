//! The PDF writer: the only module that knows printpdf (and its lopdf).
//!
//! It turns laid-out pages into printpdf ops (flipping y, since PDF measures
//! from the bottom), embeds and subsets the fonts, writes the metadata, a
//! nested outline and a content-derived trailer /ID. Invariant: the same
//! pages and metadata give the same bytes, however many documents the
//! process has written before (printpdf's own ids come from a process-wide
//! counter, so every id here is chosen by us or replaced afterwards).

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use printpdf::{
    Codepoint, Color, FontId, Line, LineDashPattern, LinePoint, Op, PaintMode, ParsedFont,
    PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point as PdfPoint, Polygon,
    PolygonRing, Pt, RawImage, RawImageData, RawImageFormat, Rect, Rgb, TextItem, WindingOrder,
    XObject, XObjectId, XObjectTransform,
};

use crate::error::ReportError;
use crate::fonts::{FaceId, FontSet};
use crate::layout::items::{Item, Path, PathStep, Point, RasterImage, Stroke, TextRun};
use crate::layout::paginate::{OutlineEntry, Page};
use crate::style::Colour;

/// Document metadata written to the PDF info dictionary.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfMetadata<'a> {
    /// Title.
    pub title: &'a str,
    /// Author.
    pub author: &'a str,
    /// Subject.
    pub subject: &'a str,
    /// Keywords.
    pub keywords: &'a [String],
    /// Creation (and modification) date.
    pub created: DateTime<Utc>,
}

/// Writes pages, outline and metadata as PDF bytes.
///
/// # Errors
/// [`ReportError::FontUnreadable`] if printpdf cannot parse an embedded font,
/// [`ReportError::PdfWrite`] if lopdf cannot serialise the document.
pub fn write(
    pages: &[Page],
    outline: &[OutlineEntry],
    metadata: &PdfMetadata<'_>,
) -> Result<Vec<u8>, ReportError> {
    let fonts = FontSet::get()?;
    let parsed = parsed_fonts()?;
    let mut doc = PdfDocument::new(metadata.title);
    set_info(&mut doc, metadata);
    for (id, font) in FaceId::ALL.iter().zip(parsed) {
        doc.resources
            .fonts
            .map
            .insert(font_id(*id), PdfFont::new(font.clone()));
    }
    let mut images = ImageIds::default();
    for page in pages {
        let ops = page_ops(fonts, page, &mut images);
        doc.pages.push(PdfPage::new(
            Pt(page.width).into(),
            Pt(page.height).into(),
            ops,
        ));
    }
    for (id, image) in &images.list {
        doc.resources
            .xobjects
            .map
            .insert(id.clone(), XObject::Image(raw_image(image)));
    }
    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    clean_info(&mut lo, metadata);
    add_outline(&mut lo, pages, outline);
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(vec![0; 16], StringFormat::Hexadecimal),
            Object::String(vec![0; 16], StringFormat::Hexadecimal),
        ]),
    );
    compress_streams(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| ReportError::PdfWrite {
        reason: e.to_string(),
    })?;
    stamp_id(&mut bytes)?;
    Ok(bytes)
}

/// printpdf's parsed faces, parsed once per process.
fn parsed_fonts() -> Result<&'static [ParsedFont; 4], ReportError> {
    static PARSED: OnceLock<Result<[ParsedFont; 4], ReportError>> = OnceLock::new();
    PARSED
        .get_or_init(|| {
            let parse = |id: FaceId| {
                let mut warnings = Vec::new();
                ParsedFont::from_bytes(id.bytes(), 0, &mut warnings).ok_or(
                    ReportError::FontUnreadable {
                        face: id.file_name(),
                    },
                )
            };
            Ok([
                parse(FaceId::Regular)?,
                parse(FaceId::Bold)?,
                parse(FaceId::Italic)?,
                parse(FaceId::Fallback)?,
            ])
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Resource names double as subset tags (six capitals, as the PDF standard
/// wants before the `+`).
fn font_id(face: FaceId) -> FontId {
    FontId(
        match face {
            FaceId::Regular => "IBNREG",
            FaceId::Bold => "IBNBLD",
            FaceId::Italic => "IBNITA",
            FaceId::Fallback => "IBDJVS",
        }
        .to_owned(),
    )
}

fn set_info(doc: &mut PdfDocument, metadata: &PdfMetadata<'_>) {
    let timestamp = metadata.created.timestamp();
    let date = printpdf::OffsetDateTime::from_unix_timestamp(timestamp)
        .or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0));
    let info = &mut doc.metadata.info;
    info.document_title = metadata.title.to_owned();
    info.author = metadata.author.to_owned();
    info.subject = metadata.subject.to_owned();
    info.keywords = metadata.keywords.to_vec();
    info.creator = "Ironbridge".to_owned();
    info.producer = "Ironbridge report engine (printpdf)".to_owned();
    if let Ok(date) = date {
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }
}

/// Images by identity, named in order of first use.
#[derive(Default)]
struct ImageIds {
    list: Vec<(XObjectId, Arc<RasterImage>)>,
}

impl ImageIds {
    fn id(&mut self, image: &Arc<RasterImage>) -> XObjectId {
        if let Some((id, _)) = self.list.iter().find(|(_, i)| Arc::ptr_eq(i, image)) {
            return id.clone();
        }
        let id = XObjectId(format!("Im{}", self.list.len() + 1));
        self.list.push((id.clone(), Arc::clone(image)));
        id
    }
}

fn raw_image(image: &RasterImage) -> RawImage {
    RawImage {
        pixels: RawImageData::U8(image.rgba.clone()),
        width: image.width as usize,
        height: image.height as usize,
        data_format: RawImageFormat::RGBA8,
        tag: Vec::new(),
    }
}

fn rgb(colour: Colour) -> Color {
    // Three decimals tell 256 levels apart and keep the content short.
    let channel = |c: u8| round_to(f32::from(c) / 255.0, 1000.0);
    Color::Rgb(Rgb {
        r: channel(colour.r),
        g: channel(colour.g),
        b: channel(colour.b),
        icc_profile: None,
    })
}

/// Rounds to a multiple of `1 / scale` (content streams carry no noise digits).
fn round_to(value: f32, scale: f32) -> f32 {
    let rounded = (value * scale).round() / scale;
    // Never write "-0".
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// Graphics state already set in the content stream, to skip repeats.
#[derive(Default)]
struct State {
    fill: Option<Colour>,
    stroke: Option<Colour>,
    width: Option<f32>,
    dashed: bool,
    font: Option<(FaceId, u32)>,
    in_text: bool,
    /// Start of the current text line (what `Td` moves), inside BT..ET.
    line: (f32, f32),
    /// Text being gathered into one TJ: runs on one baseline in one face,
    /// size and colour, with the gaps between them as offsets.
    open: Option<OpenShow>,
}

struct OpenShow {
    items: TextItems,
    at: (f32, f32),
    pen: f32,
    key: (FaceId, u32, Colour),
}

fn flush_show(ops: &mut Vec<Op>, state: &mut State) {
    if let Some(mut open) = state.open.take() {
        let items = open.items.finish();
        show(ops, state, items, open.at);
    }
}

fn page_ops(fonts: &FontSet, page: &Page, images: &mut ImageIds) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut state = State::default();
    let flip = |p: Point| PdfPoint {
        x: Pt(round_to(p.x, 100.0)),
        y: Pt(round_to(page.height - p.y, 100.0)),
    };
    for item in &page.items {
        if !matches!(item, Item::Text(_)) && state.in_text {
            flush_show(&mut ops, &mut state);
            ops.push(Op::EndTextSection);
            state.in_text = false;
        }
        match item {
            Item::Text(run) => text_ops(fonts, run, page.height, &mut state, &mut ops),
            Item::Rule(rule) => {
                set_stroke(&mut ops, &mut state, rule.stroke);
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: flip(rule.from),
                                bezier: false,
                            },
                            LinePoint {
                                p: flip(rule.to),
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            Item::Rect(rect) => {
                let mode = paint_mode(&mut ops, &mut state, rect.fill, rect.stroke);
                if let Some(mode) = mode {
                    ops.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(round_to(rect.origin.x, 100.0)),
                            y: Pt(round_to(page.height - rect.origin.y - rect.height, 100.0)),
                            width: Pt(round_to(rect.width, 100.0)),
                            height: Pt(round_to(rect.height, 100.0)),
                            mode: Some(mode),
                            winding_order: Some(WindingOrder::NonZero),
                        },
                    });
                }
            }
            Item::Path(path) => path_ops(path, &flip, &mut state, &mut ops),
            Item::Image(picture) => {
                let id = images.id(&picture.image);
                ops.push(Op::UseXobject {
                    id,
                    transform: XObjectTransform {
                        translate_x: Some(Pt(picture.origin.x)),
                        translate_y: Some(Pt(page.height - picture.origin.y - picture.height)),
                        rotate: None,
                        scale_x: Some(picture.width),
                        scale_y: Some(picture.height),
                        dpi: None,
                        no_auto_scale: true,
                    },
                });
            }
        }
    }
    if state.in_text {
        flush_show(&mut ops, &mut state);
        ops.push(Op::EndTextSection);
    }
    ops
}

fn set_fill(ops: &mut Vec<Op>, state: &mut State, colour: Colour) {
    if state.fill != Some(colour) {
        ops.push(Op::SetFillColor { col: rgb(colour) });
        state.fill = Some(colour);
    }
}

fn set_stroke(ops: &mut Vec<Op>, state: &mut State, stroke: Stroke) {
    if state.stroke != Some(stroke.colour) {
        ops.push(Op::SetOutlineColor {
            col: rgb(stroke.colour),
        });
        state.stroke = Some(stroke.colour);
    }
    if state.width != Some(stroke.width) {
        ops.push(Op::SetOutlineThickness {
            pt: Pt(stroke.width),
        });
        state.width = Some(stroke.width);
    }
    match stroke.dash {
        Some([dash, gap]) => {
            ops.push(Op::SetLineDashPattern {
                dash: LineDashPattern::new(0.0, &[dash, gap]),
            });
            state.dashed = true;
        }
        None if state.dashed => {
            ops.push(Op::SetLineDashPattern {
                dash: LineDashPattern::new(0.0, &[]),
            });
            state.dashed = false;
        }
        None => {}
    }
}

fn paint_mode(
    ops: &mut Vec<Op>,
    state: &mut State,
    fill: Option<Colour>,
    stroke: Option<Stroke>,
) -> Option<PaintMode> {
    if let Some(colour) = fill {
        set_fill(ops, state, colour);
    }
    if let Some(stroke) = stroke {
        set_stroke(ops, state, stroke);
    }
    match (fill, stroke) {
        (Some(_), Some(_)) => Some(PaintMode::FillStroke),
        (Some(_), None) => Some(PaintMode::Fill),
        (None, Some(_)) => Some(PaintMode::Stroke),
        (None, None) => None,
    }
}

fn path_ops(path: &Path, flip: &impl Fn(Point) -> PdfPoint, state: &mut State, ops: &mut Vec<Op>) {
    let Some(mode) = paint_mode(ops, state, path.fill, path.stroke) else {
        return;
    };
    let mut rings: Vec<PolygonRing> = Vec::new();
    let mut current: Vec<LinePoint> = Vec::new();
    let mut closed = false;
    let point = |p: Point, bezier: bool| LinePoint { p: flip(p), bezier };
    for step in &path.steps {
        match step {
            PathStep::MoveTo(p) => {
                if !current.is_empty() {
                    rings.push(PolygonRing {
                        points: std::mem::take(&mut current),
                    });
                }
                current.push(point(*p, false));
            }
            PathStep::LineTo(p) => current.push(point(*p, false)),
            PathStep::CubicTo(a, b, c) => {
                current.push(point(*a, true));
                current.push(point(*b, true));
                current.push(point(*c, false));
            }
            PathStep::Close => closed = true,
        }
    }
    if !current.is_empty() {
        rings.push(PolygonRing { points: current });
    }
    if closed || path.fill.is_some() {
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings,
                mode,
                winding_order: WindingOrder::NonZero,
            },
        });
    } else {
        for ring in rings {
            ops.push(Op::DrawLine {
                line: Line {
                    points: ring.points,
                    is_closed: false,
                },
            });
        }
    }
}

/// Glyphs the font's character map gives for their character go out as
/// text (one string per run: printpdf builds an object per glyph id, which
/// dominated the writing time); shaped glyphs (ligatures, Arabic forms,
/// fallback replacements) go out as glyph ids with their characters for
/// /ToUnicode. A TJ offset after a glyph corrects the reader's /W advance to
/// the shaped one (kerning).
fn text_ops(
    fonts: &FontSet,
    run: &TextRun,
    page_height: f32,
    state: &mut State,
    ops: &mut Vec<Op>,
) {
    if run.glyphs.is_empty() || !run.size.is_finite() || run.size <= 0.0 {
        return;
    }
    let baseline = page_height - run.origin.y;
    let to_em = 1000.0 / run.size;
    let key = (run.face, run.size.to_bits(), run.colour);
    // Continue the open TJ if this run follows it on the same line.
    let continues = state.open.as_ref().is_some_and(|open| {
        open.key == key && open.at.1 == baseline && run.origin.x >= open.pen - 0.01
    });
    if continues {
        if let Some(open) = state.open.as_mut() {
            let gap = round_to(-(run.origin.x - open.pen) * to_em, 10.0);
            if gap != 0.0 {
                open.items.offset(gap);
            }
        }
    } else {
        flush_show(ops, state);
        if !state.in_text {
            ops.push(Op::StartTextSection);
            state.in_text = true;
            state.line = (0.0, 0.0);
        }
        if state.font != Some((run.face, key.1)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(run.face)),
                size: Pt(run.size),
            });
            state.font = Some((run.face, key.1));
        }
        set_fill(ops, state, run.colour);
        state.open = Some(OpenShow {
            items: TextItems::default(),
            at: (run.origin.x, baseline),
            pen: run.origin.x,
            key,
        });
    }
    let ranges = glyph_ranges(run);
    let mut pen = run.origin.x;
    for (glyph, range) in run.glyphs.iter().zip(ranges) {
        let text = range
            .and_then(|(a, b)| run.text.get(a..b))
            .unwrap_or_default();
        if glyph.dx != 0.0 || glyph.dy != 0.0 {
            // Marks are placed on their own, then a new TJ starts after them.
            flush_show(ops, state);
            let mut mark = TextItems::default();
            mark.glyph(glyph.id, text, 0.0);
            let items = mark.finish();
            show(ops, state, items, (pen + glyph.dx, baseline + glyph.dy));
            pen += glyph.advance;
            state.open = Some(OpenShow {
                items: TextItems::default(),
                at: (pen, baseline),
                pen,
                key,
            });
            continue;
        }
        // Tenths of a thousandth of an em: invisible, and short to write.
        let offset = round_to(
            fonts.pdf_width(run.face, glyph.id) - glyph.advance * to_em,
            10.0,
        );
        let mut chars = text.chars();
        let plain = match (chars.next(), chars.next()) {
            (Some(ch), None) => fonts.glyph(run.face, ch) == Some(glyph.id),
            _ => false,
        };
        if let Some(open) = state.open.as_mut() {
            if plain {
                open.items.text(text, offset);
            } else {
                open.items.glyph(glyph.id, text, offset);
            }
        }
        pen += glyph.advance;
    }
    if let Some(open) = state.open.as_mut() {
        open.pen = pen;
    }
}

/// Builds a TJ array: runs of plain characters as one string, other glyphs
/// as ids, offsets between them.
#[derive(Default)]
struct TextItems {
    items: Vec<TextItem>,
    text: String,
    glyphs: Vec<Codepoint>,
}

impl TextItems {
    fn text(&mut self, text: &str, offset: f32) {
        self.flush_glyphs();
        self.text.push_str(text);
        if offset != 0.0 {
            self.flush_text();
            self.items.push(TextItem::Offset(offset));
        }
    }

    fn glyph(&mut self, gid: u16, text: &str, offset: f32) {
        self.flush_text();
        self.glyphs.push(Codepoint {
            gid,
            offset,
            cid: Some(text.to_owned()),
        });
    }

    fn offset(&mut self, offset: f32) {
        self.flush_text();
        self.flush_glyphs();
        self.items.push(TextItem::Offset(offset));
    }

    fn flush_text(&mut self) {
        if !self.text.is_empty() {
            self.items
                .push(TextItem::Text(std::mem::take(&mut self.text)));
        }
    }

    fn flush_glyphs(&mut self) {
        if !self.glyphs.is_empty() {
            self.items
                .push(TextItem::GlyphIds(std::mem::take(&mut self.glyphs)));
        }
    }

    fn finish(&mut self) -> Vec<TextItem> {
        self.flush_text();
        self.flush_glyphs();
        std::mem::take(&mut self.items)
    }
}

/// Moves the text line to `at` with a relative `Td` (an absolute `Tm`
/// would make printpdf re-measure every glyph) and shows the items.
fn show(ops: &mut Vec<Op>, state: &mut State, items: Vec<TextItem>, at: (f32, f32)) {
    if items.is_empty() {
        return;
    }
    // Lines start on a 0.01 pt grid; the moves between them are rounded
    // again so the text carries no float noise.
    let at = (round_to(at.0, 100.0), round_to(at.1, 100.0));
    ops.push(Op::SetTextCursor {
        pos: PdfPoint {
            x: Pt(round_to(at.0 - state.line.0, 100.0)),
            y: Pt(round_to(at.1 - state.line.1, 100.0)),
        },
    });
    state.line = at;
    ops.push(Op::ShowText { items });
}

/// The byte range of the characters each glyph stands for: its cluster for
/// the first glyph of a cluster, nothing for the others.
fn glyph_ranges(run: &TextRun) -> Vec<Option<(usize, usize)>> {
    let mut starts: Vec<usize> = run.glyphs.iter().map(|g| g.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut seen = vec![false; starts.len()];
    run.glyphs
        .iter()
        .map(|glyph| {
            let start = glyph.cluster as usize;
            let index = starts.binary_search(&start).ok()?;
            if std::mem::replace(&mut seen[index], true) {
                return None;
            }
            let end = starts.get(index + 1).copied().unwrap_or(run.text.len());
            Some((start, end))
        })
        .collect()
}

/// Writes a nested outline: level-2 entries under the level-1 entry before
/// them, each pointing at its heading's page and height.
fn add_outline(doc: &mut lopdf::Document, pages: &[Page], outline: &[OutlineEntry]) {
    if outline.is_empty() {
        return;
    }
    let page_ids: BTreeMap<u32, ObjectId> = doc.get_pages();
    let root_id = doc.new_object_id();
    // Tree: top-level entries with their children.
    let mut tree: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, entry) in outline.iter().enumerate() {
        match tree.last_mut() {
            Some((_, children)) if entry.depth > 1 => children.push(i),
            _ => tree.push((i, Vec::new())),
        }
    }
    let ids: Vec<ObjectId> = outline.iter().map(|_| doc.new_object_id()).collect();
    let dest = |entry: &OutlineEntry| -> Object {
        let page_number = u32::try_from(entry.page + 1).unwrap_or(u32::MAX);
        let height = pages.get(entry.page).map_or(0.0, |p| p.height);
        match page_ids.get(&page_number) {
            Some(page_id) => Object::Array(vec![
                Object::Reference(*page_id),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Real(height - entry.y + 6.0),
                Object::Null,
            ]),
            None => Object::Null,
        }
    };
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); outline.len()];
    for (parent, members) in &tree {
        children[*parent].clone_from(members);
    }
    let top: Vec<usize> = tree.iter().map(|(i, _)| *i).collect();
    let mut levels: Vec<(ObjectId, &[usize])> = vec![(root_id, &top)];
    for (parent, members) in &tree {
        levels.push((ids[*parent], members));
    }
    for (parent, members) in levels {
        for (k, &i) in members.iter().enumerate() {
            let entry = &outline[i];
            let mut dict = Dictionary::new();
            dict.set(
                "Title",
                Object::String(utf16(&entry.title), StringFormat::Hexadecimal),
            );
            dict.set("Parent", Object::Reference(parent));
            dict.set("Dest", dest(entry));
            if k > 0 {
                dict.set("Prev", Object::Reference(ids[members[k - 1]]));
            }
            if let Some(next) = members.get(k + 1) {
                dict.set("Next", Object::Reference(ids[*next]));
            }
            if let (Some(first), Some(last)) = (children[i].first(), children[i].last()) {
                dict.set("First", Object::Reference(ids[*first]));
                dict.set("Last", Object::Reference(ids[*last]));
                dict.set(
                    "Count",
                    Object::Integer(i64::try_from(children[i].len()).unwrap_or(0)),
                );
            }
            doc.objects.insert(ids[i], Object::Dictionary(dict));
        }
    }
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(first), Some(last)) = (top.first(), top.last()) {
        root.set("First", Object::Reference(ids[*first]));
        root.set("Last", Object::Reference(ids[*last]));
    }
    root.set(
        "Count",
        Object::Integer(i64::try_from(outline.len()).unwrap_or(0)),
    );
    doc.objects.insert(root_id, Object::Dictionary(root));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Outlines", Object::Reference(root_id));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
}

/// printpdf writes a PDF/X version key (empty for plain PDF), which makes
/// readers call the file PDF/X; it is not, so the key goes, as do empty ones.
fn clean_info(doc: &mut lopdf::Document, metadata: &PdfMetadata<'_>) {
    let Ok(info_id) = doc.trailer.get(b"Info").and_then(Object::as_reference) else {
        return;
    };
    if let Ok(Object::Dictionary(info)) = doc.get_object_mut(info_id) {
        info.remove(b"GTS_PDFXVersion");
        info.remove(b"Identifier");
        if metadata.keywords.is_empty() {
            info.remove(b"Keywords");
        }
    }
}

/// The zlib level of every stream: 1 is fastest, 9 smallest.
const DEFLATE_LEVEL: u32 = 4;

/// Deflates every stream that is not yet filtered. lopdf's own `compress`
/// uses the slowest level, which cost more than the whole layout; level
/// [`DEFLATE_LEVEL`] keeps the demo report under 250 KB in a few
/// milliseconds (docs/PERFORMANCE.md).
fn compress_streams(doc: &mut lopdf::Document) {
    use std::io::Write as _;
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 2),
            flate2::Compression::new(DEFLATE_LEVEL),
        );
        let compressed = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish());
        if let Ok(compressed) = compressed
            && compressed.len() + 19 < stream.content.len()
        {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(compressed);
        }
    }
}

/// UTF-16BE with a byte-order mark, as PDF text strings want.
fn utf16(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

/// Replaces the all-zero placeholder /ID in the trailer by a hash of the
/// whole file, so the ID depends on the content only.
fn stamp_id(bytes: &mut [u8]) -> Result<(), ReportError> {
    const PLACEHOLDER: &[u8] = b"<00000000000000000000000000000000>";
    let trailer = find_last(bytes, b"trailer").ok_or_else(|| ReportError::PdfWrite {
        reason: "no trailer written".to_owned(),
    })?;
    let hash = fnv1a_128(bytes);
    let hex: Vec<u8> = format!("<{hash:032X}>").into_bytes();
    let mut from = trailer;
    let mut replaced = 0;
    while let Some(at) = find_first(&bytes[from..], PLACEHOLDER) {
        let at = from + at;
        bytes[at..at + PLACEHOLDER.len()].copy_from_slice(&hex);
        from = at + PLACEHOLDER.len();
        replaced += 1;
    }
    if replaced == 2 {
        Ok(())
    } else {
        Err(ReportError::PdfWrite {
            reason: format!("expected 2 placeholder ids in the trailer, found {replaced}"),
        })
    }
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn find_first(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// FNV-1a, 128 bits: stable across Rust versions, unlike `DefaultHasher`.
fn fnv1a_128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013B;
    bytes.iter().fold(OFFSET, |hash, b| {
        (hash ^ u128::from(*b)).wrapping_mul(PRIME)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_texts_follow_clusters() {
        use crate::layout::items::Glyph;
        let glyph = |cluster| Glyph {
            id: 1,
            cluster,
            advance: 1.0,
            dx: 0.0,
            dy: 0.0,
        };
        let run = TextRun {
            origin: Point::default(),
            size: 10.0,
            face: FaceId::Regular,
            colour: Colour::rgb(0, 0, 0),
            text: "office".to_owned(),
            // "o", "ffi" ligature, "c", "e"
            glyphs: vec![glyph(0), glyph(1), glyph(4), glyph(5)],
            width: 4.0,
        };
        let texts: Vec<&str> = glyph_ranges(&run)
            .into_iter()
            .map(|r| r.and_then(|(a, b)| run.text.get(a..b)).unwrap_or_default())
            .collect();
        assert_eq!(texts, ["o", "ffi", "c", "e"]);
    }

    #[test]
    fn id_placeholder_is_replaced_by_a_content_hash() {
        let mut a = b"%PDF\ntrailer\n<</ID [<00000000000000000000000000000000> <00000000000000000000000000000000>]>>".to_vec();
        let mut b = a.clone();
        b[1] = b'Q';
        stamp_id(&mut a).expect("stamps");
        stamp_id(&mut b).expect("stamps");
        assert_ne!(a, b);
        assert!(!a.windows(4).any(|w| w == b"<000"));
    }
}
