//! What printpdf does not do, done on the lopdf document it builds (lopdf
//! is printpdf's own object layer): links to any page of the report (each
//! half printpdf builds knows only its own pages), a nested outline, the
//! catalogue's language, an info dictionary without printpdf's PDF/X leftovers,
//! streams deflated on several threads with libdeflate, and a file id that
//! is a hash of the file's content rather than random.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use crate::error::ReportError;
use crate::layout::items::{Item, Link};
use crate::layout::paginate::{OutlineEntry, Page};
use crate::pdf::content::round_to;
use crate::pdf::fnv1a_128;
use ironbridge_core::parallel;

/// The zlib level of every stream (libdeflate: 1 is fastest, 12 smallest).
/// The 72-page bank-2 demo is 325 KB at level 1, 285 KB at 4 and 273 KB at
/// 6, under the 300 KB target with room for longer notes; the time it costs
/// is in docs/PERFORMANCE.md.
const DEFLATE_LEVEL: i32 = 6;

/// The file id written before the content is known, then replaced by its
/// hash (the same length, so no offset moves).
const ID_PLACEHOLDER: [u8; 16] = [0; 16];

/// Finishes printpdf's document and writes it out.
///
/// # Errors
/// [`ReportError::PdfWrite`] if the document lacks its catalogue or pages,
/// or lopdf cannot write it.
pub(super) fn finish(
    mut doc: Document,
    pages: &[Page],
    outline: &[OutlineEntry],
    threads: usize,
) -> Result<Vec<u8>, ReportError> {
    doc.version = "1.7".to_owned();
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if page_ids.len() != pages.len() {
        return Err(write_error(format!(
            "the document has {} pages where {} were laid out",
            page_ids.len(),
            pages.len()
        )));
    }
    write_links(&mut doc, pages, &page_ids);
    let outline_root = write_outline(&mut doc, pages, &page_ids, outline);
    let catalog = doc
        .catalog_mut()
        .map_err(|e| write_error(format!("the document has no catalogue: {e}")))?;
    catalog.set("Lang", Object::string_literal("en-GB"));
    match outline_root {
        Some(root) => {
            catalog.set("Outlines", Object::Reference(root));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        None => catalog.set("PageMode", Object::Name(b"UseNone".to_vec())),
    }
    tidy_info(&mut doc);
    deflate_streams(&mut doc, threads);
    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    let mut bytes = Vec::with_capacity(256 * 1024);
    doc.save_to(&mut bytes)
        .map_err(|e| write_error(format!("lopdf could not write the file: {e}")))?;
    set_file_id(&mut bytes)?;
    Ok(bytes)
}

/// The writer's error, with its reason.
pub(super) fn write_error(reason: String) -> ReportError {
    ReportError::PdfWrite { reason }
}

/// Drops what printpdf writes for PDF/X (an empty version and identifier,
/// `/Trapped`) and an empty keyword list from the info dictionary.
fn tidy_info(doc: &mut Document) {
    let Ok(Object::Reference(id)) = doc.trailer.get(b"Info").cloned() else {
        return;
    };
    let Ok(info) = doc.get_dictionary_mut(id) else {
        return;
    };
    for key in [&b"GTS_PDFXVersion"[..], b"Identifier", b"Trapped"] {
        info.remove(key);
    }
    let empty = |o: &Object| matches!(o, Object::String(s, _) if s.is_empty());
    if info.get(b"Keywords").is_ok_and(empty) {
        info.remove(b"Keywords");
    }
}

/// Deflates every stream printpdf left uncompressed, on up to `threads`
/// threads, marking it /FlateDecode only when that made it shorter (by
/// more than the /Filter entry costs).
fn deflate_streams(doc: &mut Document, threads: usize) {
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|object| match object {
            Object::Stream(stream) if !stream.dict.has(b"Filter") => Some(stream),
            _ => None,
        })
        .collect();
    let contents: Vec<&[u8]> = streams.iter().map(|s| s.content.as_slice()).collect();
    let deflated = parallel::map(&contents, threads, || (), |(), data| deflate(data));
    for (stream, compressed) in streams.iter_mut().zip(deflated) {
        if let Some(compressed) = compressed {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(compressed);
        }
    }
}

/// `data` deflated (zlib format) when that makes it shorter; `None` means
/// store it as it is.
pub(super) fn deflate(data: &[u8]) -> Option<Vec<u8>> {
    let level = libdeflater::CompressionLvl::new(DEFLATE_LEVEL).ok()?;
    let mut compressor = libdeflater::Compressor::new(level);
    let mut out = vec![0; compressor.zlib_compress_bound(data.len())];
    let written = compressor.zlib_compress(data, &mut out).ok()?;
    out.truncate(written);
    (written + 20 < data.len()).then_some(out)
}

/// Replaces the placeholder id in the trailer by a hash of everything
/// before the trailer: the same content gives the same id, different
/// content a different one.
fn set_file_id(bytes: &mut [u8]) -> Result<(), ReportError> {
    let missing = || write_error("the trailer has no file id".to_owned());
    let trailer = rfind(bytes, b"trailer").ok_or_else(missing)?;
    let hex: String = ID_PLACEHOLDER.iter().map(|b| format!("{b:02X}")).collect();
    let hash: String = fnv1a_128(&bytes[..trailer])
        .to_be_bytes()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    let mut from = trailer;
    for _ in 0..2 {
        let at = find(&bytes[from..], hex.as_bytes()).ok_or_else(missing)? + from;
        bytes[at..at + hex.len()].copy_from_slice(hash.as_bytes());
        from = at + hex.len();
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Writes each page's links (the contents' entries) as link annotations:
/// no border, inverted when clicked, the target page shown from the
/// link's place at the window's top.
fn write_links(doc: &mut Document, pages: &[Page], page_ids: &[ObjectId]) {
    for (page, id) in pages.iter().zip(page_ids) {
        let annotations: Vec<Object> = page
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Link(link) => Some(Object::Dictionary(link_annotation(link, page, page_ids))),
                _ => None,
            })
            .collect();
        if annotations.is_empty() {
            continue;
        }
        if let Ok(dict) = doc.get_dictionary_mut(*id) {
            dict.set("Annots", Object::Array(annotations));
        }
    }
}

fn link_annotation(link: &Link, page: &Page, page_ids: &[ObjectId]) -> Dictionary {
    let left = round_to(link.origin.x, 100.0);
    let bottom = round_to(page.height - link.origin.y - link.height, 100.0);
    let right = left + round_to(link.width, 100.0);
    let top = bottom + round_to(link.height, 100.0);
    let target = link
        .page
        .checked_sub(1)
        .and_then(|index| page_ids.get(index))
        .map_or(Object::Null, |id| Object::Reference(*id));
    let shown_from = round_to(page.height - link.top, 100.0);
    let mut action = Dictionary::new();
    action.set("S", Object::Name(b"GoTo".to_vec()));
    action.set(
        "D",
        Object::Array(vec![
            target,
            Object::Name(b"XYZ".to_vec()),
            Object::Null,
            Object::Real(shown_from),
            Object::Null,
        ]),
    );
    let mut annotation = Dictionary::new();
    annotation.set("Type", Object::Name(b"Annot".to_vec()));
    annotation.set("Subtype", Object::Name(b"Link".to_vec()));
    annotation.set(
        "Rect",
        Object::Array([left, bottom, right, top].map(Object::Real).to_vec()),
    );
    annotation.set("A", Object::Dictionary(action));
    annotation.set("Border", Object::Array(vec![Object::Integer(0); 3]));
    annotation.set("H", Object::Name(b"I".to_vec()));
    annotation
}

/// Writes a nested outline (level-2 entries under the level-1 entry
/// before them, each pointing at its heading's page and height) and
/// returns its root.
fn write_outline(
    doc: &mut Document,
    pages: &[Page],
    page_ids: &[ObjectId],
    outline: &[OutlineEntry],
) -> Option<ObjectId> {
    if outline.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = outline.iter().map(|_| doc.new_object_id()).collect();
    // Top-level entries with their children.
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
    let mut levels: Vec<(ObjectId, &[usize])> = vec![(root, &top)];
    levels.extend(
        tree.iter()
            .map(|(parent, members)| (ids[*parent], members.as_slice())),
    );
    for (parent, members) in levels {
        for (k, &i) in members.iter().enumerate() {
            let mut item = Dictionary::new();
            item.set("Title", text_string(&outline[i].title));
            item.set("Parent", Object::Reference(parent));
            if k > 0 {
                item.set("Prev", Object::Reference(ids[members[k - 1]]));
            }
            if let Some(next) = members.get(k + 1) {
                item.set("Next", Object::Reference(ids[*next]));
            }
            if let (Some(first), Some(last)) = (children[i].first(), children[i].last()) {
                item.set("First", Object::Reference(ids[*first]));
                item.set("Last", Object::Reference(ids[*last]));
                item.set("Count", count(children[i].len()));
            }
            let entry = &outline[i];
            if let (Some(page_id), Some(page)) = (page_ids.get(entry.page), pages.get(entry.page)) {
                let top = (page.height - entry.y + 6.0).clamp(0.0, page.height);
                item.set(
                    "Dest",
                    Object::Array(vec![
                        Object::Reference(*page_id),
                        Object::Name(b"XYZ".to_vec()),
                        Object::Integer(0),
                        Object::Real(top),
                        Object::Null,
                    ]),
                );
            }
            doc.set_object(ids[i], item);
        }
    }
    let mut root_dict = Dictionary::new();
    root_dict.set("Type", Object::Name(b"Outlines".to_vec()));
    if let (Some(first), Some(last)) = (top.first(), top.last()) {
        root_dict.set("First", Object::Reference(ids[*first]));
        root_dict.set("Last", Object::Reference(ids[*last]));
    }
    root_dict.set("Count", count(outline.len()));
    doc.set_object(root, root_dict);
    Some(root)
}

fn count(n: usize) -> Object {
    Object::Integer(i64::try_from(n).unwrap_or(i64::MAX))
}

/// A PDF text string: as it is when it is printable ASCII, else UTF-16BE
/// with a byte order mark.
fn text_string(text: &str) -> Object {
    if text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return Object::string_literal(text);
    }
    let mut data = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        data.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(data, StringFormat::Hexadecimal)
}
