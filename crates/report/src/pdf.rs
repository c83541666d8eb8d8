//! The PDF writer: laid-out pages to PDF bytes, with pdf-writer.
//!
//! Each page's content stream is written straight into one buffer (y
//! flipped, since PDF measures from the bottom). Text is set in Type 0
//! fonts whose two-byte codes are CIDs of our own: one per (glyph, text)
//! pair in order of first use, so a ligature or a replacement box still
//! extracts as the characters it stands for. Each face used is embedded
//! once, subset by `subsetter`, with its /W widths, CID-to-glyph map and
//! /ToUnicode map. Streams are deflated; the outline is nested; the
//! trailer /ID is a hash of the file's body. Invariant: the same pages and
//! metadata give the same bytes, whatever the process wrote before.

use rustc_hash::FxHashMap;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Datelike, Timelike, Utc};
use pdf_writer::types::{CidFontType, FontFlags, PageMode, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Date, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use read_fonts::{FontRef, TableProvider};
use subsetter::GlyphRemapper;

use crate::error::ReportError;
use crate::fonts::{FaceId, FontSet};
use crate::layout::items::{Item, Path, PathStep, Point, RasterImage, Stroke, TextRun};
use crate::layout::paginate::{OutlineEntry, Page};
use crate::parallel;
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

/// The zlib level of every stream: 1 is fastest, 9 smallest.
const DEFLATE_LEVEL: i32 = 1;

/// Writes pages, outline and metadata as PDF bytes, on up to `threads`
/// threads (the same bytes for any number).
///
/// # Errors
/// [`ReportError::FontUnreadable`] if an embedded font does not parse,
/// [`ReportError::FontSubset`] if one cannot be subset.
pub fn write(
    pages: &[Page],
    outline: &[OutlineEntry],
    metadata: &PdfMetadata<'_>,
    threads: usize,
) -> Result<Vec<u8>, ReportError> {
    let fonts = FontSet::get()?;
    // Glyph codes are numbered in document order first (that needs one
    // pass in order); then the costly, independent part runs on several
    // threads: writing and deflating each page's content, subsetting each
    // face (faces first: they take longest).
    let numbering = Numbering::new(fonts, pages);
    let faces = &numbering.faces;
    let images = &numbering.images;
    let jobs: Vec<Job<'_>> = FaceId::ALL
        .into_iter()
        .filter(|face| faces[face.index()].is_used())
        .map(|face| Job::Face(face, &faces[face.index()]))
        .chain(
            pages
                .iter()
                .zip(&numbering.cids)
                .map(|(page, cids)| Job::Page(page, cids)),
        )
        .collect();
    let mut done = parallel::map(&jobs, threads, || (), |(), job| job.run(&numbering)).into_iter();
    let mut programs = Vec::new();
    for _ in FaceId::ALL
        .iter()
        .filter(|face| faces[face.index()].is_used())
    {
        programs.push(match done.next() {
            Some(Done::Face(program)) => program?,
            _ => unreachable_job()?,
        });
    }
    let mut contents = Vec::new();
    for _ in pages {
        contents.push(match done.next() {
            Some(Done::Page(stream)) => stream,
            _ => unreachable_job()?,
        });
    }

    let mut refs = Refs::default();
    let catalog_id = refs.next();
    let tree_id = refs.next();
    let info_id = refs.next();
    let page_ids: Vec<(Ref, Ref)> = pages.iter().map(|_| (refs.next(), refs.next())).collect();
    let font_ids: Vec<(FaceId, FontRefs)> = FaceId::ALL
        .into_iter()
        .filter(|face| faces[face.index()].is_used())
        .map(|face| (face, FontRefs::new(&mut refs)))
        .collect();
    let image_ids: Vec<(Ref, Ref)> = images
        .list
        .iter()
        .map(|_| (refs.next(), refs.next()))
        .collect();

    let mut pdf = Pdf::new();
    pdf.set_version(1, 7);
    write_info(&mut pdf, info_id, metadata);

    let mut tree = pdf.pages(tree_id);
    tree.kids(page_ids.iter().map(|(page, _)| *page))
        .count(i32::try_from(pages.len()).unwrap_or(i32::MAX));
    let mut resources = tree.resources();
    let mut font_dict = resources.fonts();
    for (face, ids) in &font_ids {
        font_dict.pair(Name(resource_name(*face).as_bytes()), ids.type0);
    }
    font_dict.finish();
    if !image_ids.is_empty() {
        let mut xobjects = resources.x_objects();
        for (i, (image, _)) in image_ids.iter().enumerate() {
            xobjects.pair(Name(format!("Im{}", i + 1).as_bytes()), *image);
        }
    }
    resources.finish();
    tree.finish();

    for ((page, (page_id, content_id)), content) in pages.iter().zip(&page_ids).zip(contents) {
        pdf.page(*page_id)
            .parent(tree_id)
            .media_box(Rect::new(0.0, 0.0, page.width, page.height))
            .contents(*content_id);
        put_stream(&mut pdf, *content_id, &content.raw, content.deflated);
    }

    for ((face, ids), program) in font_ids.iter().zip(programs) {
        write_font(&mut pdf, *face, &faces[face.index()], ids, program)?;
    }
    for (image, (image_id, mask_id)) in images.list.iter().zip(&image_ids) {
        write_image(&mut pdf, image, *image_id, *mask_id);
    }

    let outline_id = write_outline(&mut pdf, &mut refs, pages, &page_ids, outline);
    let mut catalog = pdf.catalog(catalog_id);
    catalog.pages(tree_id).lang(TextStr("en-GB"));
    if let Some(outline_id) = outline_id {
        catalog
            .outlines(outline_id)
            .page_mode(PageMode::UseOutlines);
    }
    catalog.finish();

    // The /ID hashes everything written so far: the same content gives the
    // same ID, different content a different one.
    let hash = fnv1a_128(pdf.as_bytes()).to_be_bytes().to_vec();
    pdf.set_file_id((hash.clone(), hash));
    Ok(pdf.finish())
}

/// Object numbers, handed out in order.
struct Refs(i32);

impl Default for Refs {
    fn default() -> Self {
        Refs(1)
    }
}

impl Refs {
    fn next(&mut self) -> Ref {
        let id = Ref::new(self.0);
        self.0 += 1;
        id
    }
}

/// The objects of one embedded face.
struct FontRefs {
    type0: Ref,
    cid_font: Ref,
    descriptor: Ref,
    file: Ref,
    to_unicode: Ref,
    cid_to_gid: Ref,
}

impl FontRefs {
    fn new(refs: &mut Refs) -> FontRefs {
        FontRefs {
            type0: refs.next(),
            cid_font: refs.next(),
            descriptor: refs.next(),
            file: refs.next(),
            to_unicode: refs.next(),
            cid_to_gid: refs.next(),
        }
    }
}

/// The name a face has in the page resources.
fn resource_name(face: FaceId) -> &'static str {
    match face {
        FaceId::Regular => "F1",
        FaceId::Bold => "F2",
        FaceId::Italic => "F3",
        FaceId::Fallback => "F4",
    }
}

/// Deflates `data` (zlib format) when that makes it shorter (by more than
/// the /Filter entry costs); `None` means store it as it is.
fn deflate(data: &[u8]) -> Option<Vec<u8>> {
    zlib(data).filter(|compressed| compressed.len() + 20 < data.len())
}

/// `data` as a zlib stream; `None` only if libdeflate fails.
fn zlib(data: &[u8]) -> Option<Vec<u8>> {
    let level = libdeflater::CompressionLvl::new(DEFLATE_LEVEL).ok()?;
    let mut compressor = libdeflater::Compressor::new(level);
    let mut out = vec![0; compressor.zlib_compress_bound(data.len())];
    let written = compressor.zlib_compress(data, &mut out).ok()?;
    out.truncate(written);
    Some(out)
}

/// Work done on several threads.
enum Job<'a> {
    /// Subset a face and deflate the result.
    Face(FaceId, &'a FaceUse),
    /// Write a page's content with its glyph codes, and deflate it.
    Page(&'a Page, &'a [u16]),
}

enum Done {
    Face(Result<Stream, ReportError>),
    Page(Stream),
}

/// A stream's bytes, and their deflated form when that paid.
struct Stream {
    raw: Vec<u8>,
    deflated: Option<Vec<u8>>,
}

impl Stream {
    fn deflating(raw: Vec<u8>) -> Stream {
        let deflated = deflate(&raw);
        Stream { raw, deflated }
    }
}

impl Job<'_> {
    fn run(&self, numbering: &Numbering) -> Done {
        match self {
            Job::Face(face, used) => Done::Face(subset(*face, used)),
            Job::Page(page, cids) => {
                Done::Page(Stream::deflating(Encoder::new(numbering, cids).page(page)))
            }
        }
    }
}

/// A job's result did not come back in its place: a defect of
/// [`parallel::map`], reported rather than panicking.
fn unreachable_job<T>() -> Result<T, ReportError> {
    Err(ReportError::PdfWrite {
        reason: "a parallel job's result is missing".to_owned(),
    })
}

/// The subset face program, as its stream.
fn subset(face: FaceId, used: &FaceUse) -> Result<Stream, ReportError> {
    let raw = subsetter::subset(face.bytes(), 0, &used.remapper).map_err(|e| {
        ReportError::FontSubset {
            face: face.file_name(),
            reason: e.to_string(),
        }
    })?;
    Ok(Stream::deflating(raw))
}

/// Writes a stream: deflated if given, else as it is.
fn put_stream(pdf: &mut Pdf, id: Ref, raw: &[u8], deflated: Option<Vec<u8>>) {
    match deflated {
        Some(compressed) => {
            pdf.stream(id, &compressed).filter(Filter::FlateDecode);
        }
        None => {
            pdf.stream(id, raw);
        }
    }
}

/// Writes a stream, deflated when that pays.
fn write_stream(pdf: &mut Pdf, id: Ref, data: &[u8]) {
    put_stream(pdf, id, data, deflate(data));
}

fn write_info(pdf: &mut Pdf, id: Ref, metadata: &PdfMetadata<'_>) {
    let created = metadata.created;
    let date = Date::new(u16::try_from(created.year()).unwrap_or(1970).min(9999))
        .month(u8::try_from(created.month()).unwrap_or(1))
        .day(u8::try_from(created.day()).unwrap_or(1))
        .hour(u8::try_from(created.hour()).unwrap_or(0))
        .minute(u8::try_from(created.minute()).unwrap_or(0))
        .second(u8::try_from(created.second()).unwrap_or(0))
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    let keywords = metadata.keywords.join(", ");
    let mut info = pdf.document_info(id);
    info.title(TextStr(metadata.title))
        .author(TextStr(metadata.author))
        .subject(TextStr(metadata.subject))
        .creator(TextStr("Ironbridge"))
        .producer(TextStr("Ironbridge report engine (pdf-writer)"))
        .creation_date(date)
        .modified_date(date);
    if !keywords.is_empty() {
        info.keywords(TextStr(&keywords));
    }
}

/// One CID of a face: the glyph it draws and the text it stands for.
struct Cid {
    /// Its two-byte code in content streams (see [`code`]).
    code: u16,
    /// The glyph's number in the subset.
    subset_glyph: u16,
    /// Advance in the face's /W units (1/1000 em, truncated as a reader
    /// sees it).
    width: f32,
    text: Box<str>,
}

/// The bytes glyph codes are made of: first the 92 that a literal string
/// holds as they are (printable ASCII but `(`, `)` and the backslash), so most glyphs
/// cost two bytes in a content stream; then the 163 others. Byte 0 is left
/// out, so code 0 is only ever .notdef.
const CODE_BYTES: [u8; 255] = {
    let mut table = [0u8; 255];
    let mut n = 0;
    let mut b = 0x20u8;
    while b <= 0x7E {
        if b != b'(' && b != b')' && b != b'\\' {
            table[n] = b;
            n += 1;
        }
        b += 1;
    }
    let mut b = 1u8;
    loop {
        if b < 0x20 || b > 0x7E || b == b'(' || b == b')' || b == b'\\' {
            table[n] = b;
            n += 1;
        }
        if b == 0xFF {
            break;
        }
        b += 1;
    }
    table
};

/// How many of [`CODE_BYTES`] are printable.
const PRINTABLE: usize = 92;

/// The most glyph codes a face can have (every pair of [`CODE_BYTES`]),
/// .notdef included.
const MAX_CODES: usize = 255 * 255 + 1;

/// The two-byte code (also the CID) of a face's `index`-th glyph use:
/// both bytes printable for the first 8,464, then the other pairs.
fn code(index: u16) -> u16 {
    let Some(m) = usize::from(index).checked_sub(1) else {
        return 0;
    };
    let (hi, lo) = if m < PRINTABLE * PRINTABLE {
        (m / PRINTABLE, m % PRINTABLE)
    } else {
        let m = m - PRINTABLE * PRINTABLE;
        let rest = 255 - PRINTABLE;
        if m < PRINTABLE * rest {
            (m / rest, PRINTABLE + m % rest)
        } else {
            let m = m - PRINTABLE * rest;
            (PRINTABLE + m / 255, m % 255)
        }
    };
    match (CODE_BYTES.get(hi), CODE_BYTES.get(lo)) {
        (Some(&hi), Some(&lo)) => u16::from_be_bytes([hi, lo]),
        _ => 0,
    }
}

/// What a document uses of one face.
struct FaceUse {
    remapper: GlyphRemapper,
    /// CID 0 is .notdef; the others in order of first use.
    cids: Vec<Cid>,
    /// The first CID of each glyph (0: none yet), by glyph id.
    first: Vec<u16>,
    /// Further CIDs of a glyph that stands for different texts.
    more: FxHashMap<u16, Vec<u16>>,
}

impl FaceUse {
    fn new() -> FaceUse {
        FaceUse {
            remapper: GlyphRemapper::new(),
            cids: vec![Cid {
                code: 0,
                subset_glyph: 0,
                width: 0.0,
                text: "".into(),
            }],
            first: Vec::new(),
            more: FxHashMap::default(),
        }
    }

    fn is_used(&self) -> bool {
        self.cids.len() > 1
    }

    /// The CID for `glyph` standing for `text`, made on first use. Past
    /// [`MAX_CODES`] (never in practice) the glyph is drawn as .notdef.
    fn cid(&mut self, fonts: &FontSet, face: FaceId, glyph: u16, text: &str) -> u16 {
        let index = usize::from(glyph);
        let first = self.first.get(index).copied().unwrap_or(0);
        if first != 0 {
            if *self.cids[usize::from(first)].text == *text {
                return first;
            }
            if let Some(found) = self.more.get(&glyph).and_then(|list| {
                list.iter()
                    .copied()
                    .find(|&c| *self.cids[usize::from(c)].text == *text)
            }) {
                return found;
            }
        }
        let Ok(cid) = u16::try_from(self.cids.len()) else {
            return 0;
        };
        if self.cids.len() >= MAX_CODES {
            return 0;
        }
        self.cids.push(Cid {
            code: code(cid),
            subset_glyph: self.remapper.remap(glyph),
            width: fonts.pdf_width(face, glyph),
            text: text.into(),
        });
        if first == 0 {
            if self.first.len() <= index {
                self.first.resize(index + 1, 0);
            }
            self.first[index] = cid;
        } else {
            self.more.entry(glyph).or_default().push(cid);
        }
        cid
    }
}

/// Images by identity, named `Im1`, `Im2`… in order of first use.
#[derive(Default)]
struct ImageIds {
    list: Vec<Arc<RasterImage>>,
}

impl ImageIds {
    /// Numbers an image on its first use.
    fn add(&mut self, image: &Arc<RasterImage>) {
        if !self.list.iter().any(|i| Arc::ptr_eq(i, image)) {
            self.list.push(Arc::clone(image));
        }
    }

    /// The resource name of a numbered image.
    fn name(&self, image: &Arc<RasterImage>) -> Option<String> {
        let index = self.list.iter().position(|i| Arc::ptr_eq(i, image))?;
        Some(format!("Im{}", index + 1))
    }
}

/// Rounds to a multiple of `1 / scale` (content streams carry no noise digits).
fn round_to(value: f32, scale: f32) -> f32 {
    let rounded = (value * scale).round() / scale;
    // Never write "-0".
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// A colour channel in 0..1 with three decimals (enough for 256 levels).
fn channel(c: u8) -> f32 {
    round_to(f32::from(c) / 255.0, 1000.0)
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
    /// The TJ array being gathered.
    show: Show,
}

struct OpenShow {
    at: (f32, f32),
    pen: f32,
    key: (FaceId, u32, Colour),
}

/// A TJ array: glyph codes back to back, cut into strings by offsets.
#[derive(Default)]
struct Show {
    codes: Vec<u8>,
    parts: Vec<Part>,
    /// Where the string being gathered starts in `codes`.
    start: usize,
}

enum Part {
    Codes(usize, usize),
    Offset(f32),
}

impl Show {
    fn code(&mut self, code: u16) {
        self.codes.extend_from_slice(&code.to_be_bytes());
    }

    fn offset(&mut self, offset: f32) {
        self.cut();
        self.parts.push(Part::Offset(offset));
    }

    fn cut(&mut self) {
        if self.codes.len() > self.start {
            self.parts.push(Part::Codes(self.start, self.codes.len()));
            self.start = self.codes.len();
        }
    }

    fn is_empty(&self) -> bool {
        self.parts.is_empty() && self.codes.len() == self.start
    }

    /// Writes the array as `Tj` (one string) or `TJ`, and empties it.
    fn write(&mut self, content: &mut Content) {
        self.cut();
        match self.parts.as_slice() {
            [] => {}
            [Part::Codes(a, b)] => {
                content.show(Str(&self.codes[*a..*b]));
            }
            parts => {
                let mut op = content.show_positioned();
                let mut items = op.items();
                for part in parts {
                    match part {
                        Part::Codes(a, b) => {
                            items.show(Str(&self.codes[*a..*b]));
                        }
                        Part::Offset(offset) => {
                            items.adjust(*offset);
                        }
                    }
                }
            }
        }
        self.codes.clear();
        self.parts.clear();
        self.start = 0;
    }
}

/// Whether a run is drawn at all (both passes must agree).
fn drawn(run: &TextRun) -> bool {
    !run.glyphs.is_empty() && run.size.is_finite() && run.size > 0.0
}

/// The document's glyph codes (one per (glyph, text) pair of a face, in
/// order of first use) and images, numbered in one pass in page order.
struct Numbering {
    faces: [FaceUse; 4],
    images: ImageIds,
    /// Per page, the CID of every glyph drawn, in drawing order.
    cids: Vec<Vec<u16>>,
}

impl Numbering {
    fn new(fonts: &FontSet, pages: &[Page]) -> Numbering {
        let mut faces = [
            FaceUse::new(),
            FaceUse::new(),
            FaceUse::new(),
            FaceUse::new(),
        ];
        let mut images = ImageIds::default();
        let mut ranges = Vec::new();
        let cids = pages
            .iter()
            .map(|page| {
                let mut cids = Vec::new();
                for item in &page.items {
                    match item {
                        Item::Text(run) if drawn(run) => {
                            glyph_ranges(run, &mut ranges);
                            let face = &mut faces[run.face.index()];
                            for (glyph, range) in run.glyphs.iter().zip(&ranges) {
                                let text = range
                                    .and_then(|(a, b)| run.text.get(a..b))
                                    .unwrap_or_default();
                                cids.push(face.cid(fonts, run.face, glyph.id, text));
                            }
                        }
                        Item::Image(picture) => images.add(&picture.image),
                        _ => {}
                    }
                }
                cids
            })
            .collect();
        Numbering {
            faces,
            images,
            cids,
        }
    }
}

/// Writes one page's content stream from its numbered glyphs.
struct Encoder<'a> {
    faces: &'a [FaceUse; 4],
    images: &'a ImageIds,
    cids: std::slice::Iter<'a, u16>,
}

impl<'a> Encoder<'a> {
    fn new(numbering: &'a Numbering, cids: &'a [u16]) -> Encoder<'a> {
        Encoder {
            faces: &numbering.faces,
            images: &numbering.images,
            cids: cids.iter(),
        }
    }

    /// The page's content stream, uncompressed.
    fn page(&mut self, page: &Page) -> Vec<u8> {
        let mut content = Content::with_capacity(page.items.len() * 48);
        let mut state = State::default();
        let flip = |p: Point| (round_to(p.x, 100.0), round_to(page.height - p.y, 100.0));
        for item in &page.items {
            if !matches!(item, Item::Text(_)) && state.in_text {
                flush_show(&mut content, &mut state);
                content.end_text();
                state.in_text = false;
            }
            match item {
                Item::Text(run) => self.text(run, page.height, &mut state, &mut content),
                Item::Rule(rule) => {
                    set_stroke(&mut content, &mut state, rule.stroke);
                    let (x1, y1) = flip(rule.from);
                    let (x2, y2) = flip(rule.to);
                    content.move_to(x1, y1).line_to(x2, y2).stroke();
                }
                Item::Rect(rect) => {
                    if set_paint(&mut content, &mut state, rect.fill, rect.stroke) {
                        content.rect(
                            round_to(rect.origin.x, 100.0),
                            round_to(page.height - rect.origin.y - rect.height, 100.0),
                            round_to(rect.width, 100.0),
                            round_to(rect.height, 100.0),
                        );
                        paint(&mut content, rect.fill.is_some(), rect.stroke.is_some());
                    }
                }
                Item::Path(path) => path_ops(path, &flip, &mut state, &mut content),
                Item::Image(picture) => {
                    let Some(name) = self.images.name(&picture.image) else {
                        continue;
                    };
                    content
                        .save_state()
                        .transform([
                            picture.width,
                            0.0,
                            0.0,
                            picture.height,
                            picture.origin.x,
                            page.height - picture.origin.y - picture.height,
                        ])
                        .x_object(Name(name.as_bytes()))
                        .restore_state();
                }
            }
        }
        if state.in_text {
            flush_show(&mut content, &mut state);
            content.end_text();
        }
        content.finish().into_vec()
    }

    /// Adds a run's glyphs to the open TJ (or starts one). A TJ offset
    /// after a glyph corrects the reader's /W advance to the shaped one
    /// (kerning); marks placed off the pen go out on their own.
    fn text(&mut self, run: &TextRun, page_height: f32, state: &mut State, content: &mut Content) {
        if !drawn(run) {
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
            if let Some(open) = state.open.as_ref() {
                let gap = round_to(-(run.origin.x - open.pen) * to_em, 10.0);
                if gap != 0.0 {
                    state.show.offset(gap);
                }
            }
        } else {
            flush_show(content, state);
            if !state.in_text {
                content.begin_text();
                state.in_text = true;
                state.line = (0.0, 0.0);
            }
            if state.font != Some((run.face, key.1)) {
                content.set_font(Name(resource_name(run.face).as_bytes()), run.size);
                state.font = Some((run.face, key.1));
            }
            set_fill(content, state, run.colour);
            state.open = Some(OpenShow {
                at: (run.origin.x, baseline),
                pen: run.origin.x,
                key,
            });
        }
        let face = &self.faces[run.face.index()];
        let mut pen = run.origin.x;
        for glyph in run.glyphs.iter() {
            let cid = self.cids.next().copied().unwrap_or(0);
            let (code, width) = face
                .cids
                .get(usize::from(cid))
                .map_or((0, 0.0), |c| (c.code, c.width));
            if glyph.dx != 0.0 || glyph.dy != 0.0 {
                // Marks are placed on their own, then a new TJ starts after them.
                flush_show(content, state);
                state.show.code(code);
                state.open = Some(OpenShow {
                    at: (pen + glyph.dx, baseline + glyph.dy),
                    pen,
                    key,
                });
                flush_show(content, state);
                pen += glyph.advance;
                state.open = Some(OpenShow {
                    at: (pen, baseline),
                    pen,
                    key,
                });
                continue;
            }
            state.show.code(code);
            // Tenths of a thousandth of an em: invisible, and short to write.
            let offset = round_to(width - glyph.advance * to_em, 10.0);
            if offset != 0.0 {
                state.show.offset(offset);
            }
            pen += glyph.advance;
        }
        if let Some(open) = state.open.as_mut() {
            open.pen = pen;
        }
    }
}

/// Writes the open TJ, moving the text line to its start with a relative
/// `Td` (lines start on a 0.01 pt grid; the moves are rounded again so the
/// text carries no float noise).
fn flush_show(content: &mut Content, state: &mut State) {
    let Some(open) = state.open.take() else {
        return;
    };
    if state.show.is_empty() {
        return;
    }
    let at = (round_to(open.at.0, 100.0), round_to(open.at.1, 100.0));
    content.next_line(
        round_to(at.0 - state.line.0, 100.0),
        round_to(at.1 - state.line.1, 100.0),
    );
    state.line = at;
    state.show.write(content);
}

fn set_fill(content: &mut Content, state: &mut State, colour: Colour) {
    if state.fill != Some(colour) {
        content.set_fill_rgb(channel(colour.r), channel(colour.g), channel(colour.b));
        state.fill = Some(colour);
    }
}

fn set_stroke(content: &mut Content, state: &mut State, stroke: Stroke) {
    let colour = stroke.colour;
    if state.stroke != Some(colour) {
        content.set_stroke_rgb(channel(colour.r), channel(colour.g), channel(colour.b));
        state.stroke = Some(colour);
    }
    if state.width != Some(stroke.width) {
        content.set_line_width(stroke.width);
        state.width = Some(stroke.width);
    }
    match stroke.dash {
        Some([dash, gap]) => {
            content.set_dash_pattern([dash, gap], 0.0);
            state.dashed = true;
        }
        None if state.dashed => {
            content.set_dash_pattern([], 0.0);
            state.dashed = false;
        }
        None => {}
    }
}

/// Sets the fill and stroke; false when there is nothing to paint.
fn set_paint(
    content: &mut Content,
    state: &mut State,
    fill: Option<Colour>,
    stroke: Option<Stroke>,
) -> bool {
    if let Some(colour) = fill {
        set_fill(content, state, colour);
    }
    if let Some(stroke) = stroke {
        set_stroke(content, state, stroke);
    }
    fill.is_some() || stroke.is_some()
}

/// Paints the current path (non-zero winding).
fn paint(content: &mut Content, fill: bool, stroke: bool) {
    match (fill, stroke) {
        (true, true) => {
            content.fill_nonzero_and_stroke();
        }
        (true, false) => {
            content.fill_nonzero();
        }
        (false, true) => {
            content.stroke();
        }
        (false, false) => {
            content.end_path();
        }
    }
}

fn path_ops(
    path: &Path,
    flip: &impl Fn(Point) -> (f32, f32),
    state: &mut State,
    content: &mut Content,
) {
    if !set_paint(content, state, path.fill, path.stroke) {
        return;
    }
    // A filled or explicitly closed path is a polygon: every subpath is
    // closed. Otherwise the subpaths are open lines.
    let close = path.fill.is_some() || path.steps.iter().any(|s| matches!(s, PathStep::Close));
    let mut open = false;
    for step in &path.steps {
        match step {
            PathStep::MoveTo(p) => {
                if open && close {
                    content.close_path();
                }
                let (x, y) = flip(*p);
                content.move_to(x, y);
                open = true;
            }
            PathStep::LineTo(p) => {
                let (x, y) = flip(*p);
                content.line_to(x, y);
            }
            PathStep::CubicTo(a, b, c) => {
                let (x1, y1) = flip(*a);
                let (x2, y2) = flip(*b);
                let (x3, y3) = flip(*c);
                content.cubic_to(x1, y1, x2, y2, x3, y3);
            }
            PathStep::Close => {}
        }
    }
    if open && close {
        content.close_path();
    }
    paint(content, path.fill.is_some(), path.stroke.is_some());
}

/// The byte range of the characters each glyph stands for: its cluster for
/// the first glyph of a cluster, nothing for the others. Written into
/// `out`, whose memory is reused from run to run.
fn glyph_ranges(run: &TextRun, out: &mut Vec<Option<(usize, usize)>>) {
    out.clear();
    // Clusters run forwards (left-to-right text) or backwards (right-to-
    // left): then each glyph's range ends where the next cluster begins.
    let clusters = || run.glyphs.iter().map(|g| g.cluster as usize);
    let ascending = clusters().zip(clusters().skip(1)).all(|(a, b)| a <= b);
    if ascending {
        let mut previous = None;
        for (i, glyph) in run.glyphs.iter().enumerate() {
            let start = glyph.cluster as usize;
            if previous == Some(start) {
                out.push(None);
                continue;
            }
            previous = Some(start);
            let end = run.glyphs[i + 1..]
                .iter()
                .map(|g| g.cluster as usize)
                .find(|&c| c != start)
                .unwrap_or(run.text.len());
            out.push(Some((start, end)));
        }
        return;
    }
    let mut starts: Vec<usize> = clusters().collect();
    starts.sort_unstable();
    starts.dedup();
    let mut seen = vec![false; starts.len()];
    out.extend(run.glyphs.iter().map(|glyph| {
        let start = glyph.cluster as usize;
        let index = starts.binary_search(&start).ok()?;
        if std::mem::replace(&mut seen[index], true) {
            return None;
        }
        let end = starts.get(index + 1).copied().unwrap_or(run.text.len());
        Some((start, end))
    }));
}

/// The numbers a font descriptor needs, in 1/1000 em, read once per face.
#[derive(Clone, Copy)]
struct FaceMetrics {
    bbox: [f32; 4],
    italic_angle: f32,
    ascent: f32,
    descent: f32,
    cap_height: f32,
    weight: u16,
}

fn face_metrics(face: FaceId) -> Result<FaceMetrics, ReportError> {
    static METRICS: OnceLock<[Option<FaceMetrics>; 4]> = OnceLock::new();
    let all = METRICS.get_or_init(|| FaceId::ALL.map(|id| read_metrics(id.bytes())));
    all[face.index()].ok_or(ReportError::FontUnreadable {
        face: face.file_name(),
    })
}

fn read_metrics(bytes: &[u8]) -> Option<FaceMetrics> {
    let font = FontRef::new(bytes).ok()?;
    let head = font.head().ok()?;
    let hhea = font.hhea().ok()?;
    let scale = 1000.0 / f32::from(head.units_per_em().max(1));
    let to_em = |v: i16| (f32::from(v) * scale).round();
    let os2 = font.os2().ok();
    let ascent = to_em(hhea.ascender().to_i16());
    Some(FaceMetrics {
        bbox: [
            to_em(head.x_min()),
            to_em(head.y_min()),
            to_em(head.x_max()),
            to_em(head.y_max()),
        ],
        italic_angle: font.post().map_or(0.0, |post| post.italic_angle().to_f32()),
        ascent,
        descent: to_em(hhea.descender().to_i16()),
        cap_height: os2
            .as_ref()
            .and_then(|os2| os2.s_cap_height())
            .map_or(ascent, to_em),
        weight: os2.as_ref().map_or(400, |os2| os2.us_weight_class()),
    })
}

/// Six capitals that name the subset (as the standard wants before the
/// `+`), from the glyphs it holds.
fn subset_tag(face: &FaceUse) -> String {
    let mut bytes = Vec::with_capacity(face.cids.len() * 2);
    for gid in face.remapper.remapped_gids() {
        bytes.extend_from_slice(&gid.to_be_bytes());
    }
    let mut hash = fnv1a_128(&bytes);
    (0..6)
        .map(|_| {
            let letter = char::from(b'A' + (hash % 26) as u8);
            hash /= 26;
            letter
        })
        .collect()
}

fn write_font(
    pdf: &mut Pdf,
    face: FaceId,
    used: &FaceUse,
    ids: &FontRefs,
    program: Stream,
) -> Result<(), ReportError> {
    let metrics = face_metrics(face)?;
    let postscript = face.file_name().trim_end_matches(".ttf");
    let base_font = format!("{}+{postscript}", subset_tag(used));

    pdf.type0_font(ids.type0)
        .base_font(Name(base_font.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(ids.cid_font)
        .to_unicode(ids.to_unicode);

    let system_info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    let mut cid_font = pdf.cid_font(ids.cid_font);
    cid_font
        .subtype(CidFontType::Type2)
        .base_font(Name(base_font.as_bytes()))
        .system_info(system_info)
        .font_descriptor(ids.descriptor)
        .default_width(0.0)
        .cid_to_gid_map_stream(ids.cid_to_gid);
    let mut by_code: Vec<(u16, f32)> = used.cids[1..].iter().map(|c| (c.code, c.width)).collect();
    by_code.sort_unstable_by_key(|(code, _)| *code);
    let mut widths = cid_font.widths();
    for run in by_code.chunk_by(|a, b| b.0 == a.0 + 1) {
        widths.consecutive(run[0].0, run.iter().map(|(_, width)| *width));
    }
    widths.finish();
    cid_font.finish();

    let mut flags = FontFlags::SYMBOLIC;
    if face == FaceId::Italic {
        flags |= FontFlags::ITALIC;
    }
    let [left, bottom, right, top] = metrics.bbox;
    pdf.font_descriptor(ids.descriptor)
        .name(Name(base_font.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(left, bottom, right, top))
        .italic_angle(metrics.italic_angle)
        .ascent(metrics.ascent)
        .descent(metrics.descent)
        .cap_height(metrics.cap_height)
        .stem_v(10.0 + 0.244 * (f32::from(metrics.weight) - 50.0))
        .font_file2(ids.file);

    put_stream(pdf, ids.file, &program.raw, program.deflated);

    // CID to glyph: two bytes per CID up to the highest code used.
    let highest = by_code.last().map_or(0, |(code, _)| usize::from(*code));
    let mut map = vec![0u8; 2 * (highest + 1)];
    for cid in &used.cids[1..] {
        let at = usize::from(cid.code) * 2;
        if let Some(slot) = map.get_mut(at..at + 2) {
            slot.copy_from_slice(&cid.subset_glyph.to_be_bytes());
        }
    }
    write_stream(pdf, ids.cid_to_gid, &map);

    let mut cmap = UnicodeCmap::new(Name(b"Ironbridge-UCS"), system_info);
    for cid in &used.cids[1..] {
        if !cid.text.is_empty() {
            cmap.pair_with_multiple(cid.code, cid.text.chars());
        }
    }
    write_stream(pdf, ids.to_unicode, &cmap.finish().into_vec());
    Ok(())
}

/// An image as an RGB XObject, with its alpha as a soft mask when any
/// pixel is not opaque.
fn write_image(pdf: &mut Pdf, image: &RasterImage, id: Ref, mask_id: Ref) {
    let pixels = image.rgba.chunks_exact(4);
    let rgb: Vec<u8> = pixels.clone().flat_map(|p| [p[0], p[1], p[2]]).collect();
    let alpha: Vec<u8> = pixels.map(|p| p[3]).collect();
    let opaque = alpha.iter().all(|&a| a == 255);
    let width = i32::try_from(image.width).unwrap_or(1);
    let height = i32::try_from(image.height).unwrap_or(1);
    // Deflated whatever the gain, and marked so only when it was.
    let rgb_zlib = zlib(&rgb);
    let mut xobject = pdf.image_xobject(id, rgb_zlib.as_deref().unwrap_or(&rgb));
    if rgb_zlib.is_some() {
        xobject.filter(Filter::FlateDecode);
    }
    xobject
        .width(width)
        .height(height)
        .bits_per_component(8)
        .color_space()
        .device_rgb();
    if !opaque {
        xobject.s_mask(mask_id);
    }
    xobject.finish();
    if !opaque {
        let alpha_zlib = zlib(&alpha);
        let mut mask = pdf.image_xobject(mask_id, alpha_zlib.as_deref().unwrap_or(&alpha));
        if alpha_zlib.is_some() {
            mask.filter(Filter::FlateDecode);
        }
        mask.width(width)
            .height(height)
            .bits_per_component(8)
            .color_space()
            .device_gray();
    }
}

/// Writes a nested outline (level-2 entries under the level-1 entry
/// before them, each pointing at its heading's page and height) and
/// returns its root.
fn write_outline(
    pdf: &mut Pdf,
    refs: &mut Refs,
    pages: &[Page],
    page_ids: &[(Ref, Ref)],
    outline: &[OutlineEntry],
) -> Option<Ref> {
    if outline.is_empty() {
        return None;
    }
    let root = refs.next();
    let ids: Vec<Ref> = outline.iter().map(|_| refs.next()).collect();
    // Tree: top-level entries with their children.
    let mut tree: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, entry) in outline.iter().enumerate() {
        match tree.last_mut() {
            Some((_, children)) if entry.depth > 1 => children.push(i),
            _ => tree.push((i, Vec::new())),
        }
    }
    let mut children: Vec<&[usize]> = vec![&[]; outline.len()];
    for (parent, members) in &tree {
        children[*parent] = members;
    }
    let top: Vec<usize> = tree.iter().map(|(i, _)| *i).collect();
    let mut levels: Vec<(Ref, &[usize])> = vec![(root, &top)];
    for (parent, members) in &tree {
        levels.push((ids[*parent], members));
    }
    for (parent, members) in levels {
        for (k, &i) in members.iter().enumerate() {
            let entry = &outline[i];
            let mut item = pdf.outline_item(ids[i]);
            item.title(TextStr(&entry.title)).parent(parent);
            if k > 0 {
                item.prev(ids[members[k - 1]]);
            }
            if let Some(next) = members.get(k + 1) {
                item.next(ids[*next]);
            }
            if let (Some(first), Some(last)) = (children[i].first(), children[i].last()) {
                item.first(ids[*first])
                    .last(ids[*last])
                    .count(i32::try_from(children[i].len()).unwrap_or(0));
            }
            if let Some((page_id, _)) = page_ids.get(entry.page) {
                let height = pages.get(entry.page).map_or(0.0, |p| p.height);
                item.dest()
                    .page(*page_id)
                    .xyz(0.0, height - entry.y + 6.0, None);
            }
        }
    }
    let mut root_dict = pdf.outline(root);
    if let (Some(first), Some(last)) = (top.first(), top.last()) {
        root_dict.first(ids[*first]).last(ids[*last]);
    }
    root_dict.count(i32::try_from(outline.len()).unwrap_or(0));
    Some(root)
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
    use crate::layout::items::Glyph;

    fn run(text: &str, clusters: &[u32]) -> TextRun {
        TextRun {
            origin: Point::default(),
            size: 10.0,
            face: FaceId::Regular,
            colour: Colour::rgb(0, 0, 0),
            text: text.to_owned(),
            glyphs: clusters
                .iter()
                .map(|&cluster| Glyph {
                    id: 1,
                    cluster,
                    advance: 1.0,
                    dx: 0.0,
                    dy: 0.0,
                })
                .collect(),
            width: 4.0,
        }
    }

    fn texts(run: &TextRun) -> Vec<&str> {
        let mut ranges = Vec::new();
        glyph_ranges(run, &mut ranges);
        ranges
            .into_iter()
            .map(|r| r.and_then(|(a, b)| run.text.get(a..b)).unwrap_or_default())
            .collect()
    }

    #[test]
    fn glyph_texts_follow_clusters() {
        // "o", "ffi" ligature, "c", "e"
        assert_eq!(texts(&run("office", &[0, 1, 4, 5])), ["o", "ffi", "c", "e"]);
        // A cluster of two glyphs: the second stands for nothing.
        assert_eq!(texts(&run("ab", &[0, 0, 1])), ["a", "", "b"]);
        // Right to left: clusters run backwards.
        assert_eq!(texts(&run("abc", &[2, 1, 0])), ["c", "b", "a"]);
    }

    /// Every image stream of `pdf`: its dictionary and its bytes.
    fn image_streams(pdf: &[u8]) -> Vec<(String, Vec<u8>)> {
        let find = |needle: &[u8], from: usize| {
            pdf[from..]
                .windows(needle.len())
                .position(|w| w == needle)
                .map(|at| from + at)
        };
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = find(b"/Subtype /Image", from) {
            let dict_start = pdf[..at]
                .windows(4)
                .rposition(|w| w == b" obj")
                .unwrap_or(0);
            let stream = find(b"stream\n", at).expect("a stream follows") + 7;
            let dict = String::from_utf8_lossy(&pdf[dict_start..stream]).into_owned();
            let length: usize = dict
                .split("/Length ")
                .nth(1)
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|n| n.parse().ok())
                .expect("a /Length");
            found.push((dict, pdf[stream..stream + length].to_vec()));
            from = stream + length;
        }
        found
    }

    #[test]
    fn image_streams_are_marked_deflated_only_when_they_are() {
        // A 1 x 1 half-transparent image: too small for deflate to pay, the
        // case where raw bytes were once marked /FlateDecode.
        for (width, height) in [(1u32, 1u32), (40, 30)] {
            let pixels = (width * height) as usize;
            let image = Arc::new(RasterImage {
                width,
                height,
                rgba: [200, 30, 40, 128].repeat(pixels),
            });
            let page = Page {
                width: 200.0,
                height: 200.0,
                items: vec![Item::Image(crate::layout::items::Picture {
                    origin: Point::new(10.0, 10.0),
                    width: 20.0,
                    height: 20.0,
                    image,
                })],
            };
            let metadata = PdfMetadata {
                title: "t",
                author: "a",
                subject: "s",
                keywords: &[],
                created: DateTime::<Utc>::default(),
            };
            let pdf = write(&[page], &[], &metadata, 1).expect("writes");
            let streams = image_streams(&pdf);
            assert_eq!(streams.len(), 2, "colour and soft mask");
            for (dict, bytes) in streams {
                let channels = if dict.contains("/DeviceGray") { 1 } else { 3 };
                let decoded = if dict.contains("/FlateDecode") {
                    let mut out = vec![0; pixels * channels];
                    let n = libdeflater::Decompressor::new()
                        .zlib_decompress(&bytes, &mut out)
                        .unwrap_or_else(|e| panic!("{width}x{height}: {dict}: {e}"));
                    out.truncate(n);
                    out
                } else {
                    bytes
                };
                assert_eq!(decoded.len(), pixels * channels, "{width}x{height}: {dict}");
            }
        }
    }

    #[test]
    fn glyph_codes_are_distinct_and_printable_first() {
        let mut seen = std::collections::HashSet::new();
        for index in 1..MAX_CODES {
            let c = code(u16::try_from(index).expect("fits"));
            assert_ne!(c, 0, "index {index}");
            assert!(seen.insert(c), "index {index} repeats code {c:#06x}");
            let printable = |b: u8| (0x20..=0x7E).contains(&b) && !b"()\\".contains(&b);
            let [hi, lo] = c.to_be_bytes();
            assert_eq!(
                printable(hi) && printable(lo),
                index <= PRINTABLE * PRINTABLE,
                "index {index}"
            );
        }
        assert_eq!(code(0), 0);
    }

    #[test]
    fn a_glyph_standing_for_two_texts_gets_two_cids() {
        let fonts = FontSet::get().expect("fonts");
        let mut face = FaceUse::new();
        let a = face.cid(fonts, FaceId::Fallback, 7, "漢");
        let b = face.cid(fonts, FaceId::Fallback, 7, "字");
        assert_ne!(a, b);
        assert_eq!(face.cid(fonts, FaceId::Fallback, 7, "漢"), a);
        assert_eq!(face.cid(fonts, FaceId::Fallback, 7, "字"), b);
        // Both draw the same glyph of the subset.
        assert_eq!(
            face.cids[usize::from(a)].subset_glyph,
            face.cids[usize::from(b)].subset_glyph
        );
    }

    #[test]
    fn subset_tags_are_six_capitals_and_follow_the_glyphs() {
        let fonts = FontSet::get().expect("fonts");
        let mut one = FaceUse::new();
        one.cid(fonts, FaceId::Regular, 36, "A");
        let mut two = FaceUse::new();
        two.cid(fonts, FaceId::Regular, 37, "B");
        let tag = subset_tag(&one);
        assert_eq!(tag.len(), 6);
        assert!(tag.chars().all(|c| c.is_ascii_uppercase()));
        assert_ne!(tag, subset_tag(&two));
    }
}
