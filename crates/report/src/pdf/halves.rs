//! The pages as two printpdf documents, built on two threads and joined on
//! lopdf (printpdf's own object layer).
//!
//! printpdf turns a document into objects on one thread, and that is the
//! longest serial step of a report. The pages are therefore cut into two
//! halves of about equal content; each half is a printpdf document of its
//! own, with the same faces and images and, after its pages, one page that
//! draws every glyph the whole report draws (`content::every_glyph`), so
//! that both halves subset every face alike: the same glyphs, renumbered
//! alike, with the same widths and /ToUnicode entries. The second half's
//! pages then move into the first document, every page shares one
//! resource dictionary, the glyph pages and what only they used are
//! dropped, and the objects are numbered afresh in page order.
//! Invariant: where the pages are cut depends on the pages alone, so the
//! bytes are the same whatever the number of threads.

use lopdf::{Dictionary, Document, Object, ObjectId};
use printpdf::{Op, PdfDocument, PdfSaveOptions, PdfWarnMsg, TextItem};

use crate::error::ReportError;
use crate::pdf::finish::write_error;
use ironbridge_core::parallel;

/// What printpdf is asked for: subsets, no optimisation (streams are
/// deflated afterwards, on several threads, by `finish`).
const OPTIONS: PdfSaveOptions = PdfSaveOptions {
    optimize: false,
    subset_fonts: true,
    secure: true,
    image_optimization: None,
};

/// Where the second half starts: the cut that shares the pages' content
/// most evenly (by glyphs and operations), at least one page in each half
/// when there are two. One page gives one half.
pub(super) fn cut(pages: &[Vec<Op>]) -> usize {
    let weights: Vec<usize> = pages.iter().map(|ops| weight(ops)).collect();
    let total: usize = weights.iter().sum();
    let mut before = 0;
    let mut best = (usize::MAX, pages.len());
    for (at, w) in weights
        .iter()
        .enumerate()
        .take(pages.len().saturating_sub(1))
    {
        before += w;
        let gap = before.abs_diff(total - before);
        if gap < best.0 {
            best = (gap, at + 1);
        }
    }
    best.1
}

/// A page's work for printpdf: one per operation, plus one per glyph shown.
fn weight(ops: &[Op]) -> usize {
    ops.iter()
        .map(|op| match op {
            Op::ShowText { items } => items
                .iter()
                .map(|item| match item {
                    TextItem::Text(text) => text.len(),
                    TextItem::GlyphIds(glyphs) => glyphs.len(),
                    TextItem::Offset(_) => 1,
                })
                .sum(),
            _ => 1,
        })
        .sum()
}

/// Each half's lopdf document, built on up to `threads` threads; the
/// halves' warnings go to `check` (any error in either is the writer's).
///
/// # Errors
/// Whatever `check` finds in a half's warnings.
pub(super) fn build(
    halves: &[PdfDocument],
    threads: usize,
    check: impl Fn(&[PdfWarnMsg]) -> Result<(), ReportError>,
) -> Result<Vec<Document>, ReportError> {
    let built = parallel::map(
        halves,
        threads,
        || (),
        |(), half| {
            let mut warnings = Vec::new();
            let doc = half.to_lopdf_document(&OPTIONS, &mut warnings);
            (doc, warnings)
        },
    );
    built
        .into_iter()
        .map(|(doc, warnings)| check(&warnings).map(|()| doc))
        .collect()
}

/// The halves as one document: the first's pages, then the second's, each
/// half's last page (the glyph page) left out.
///
/// # Errors
/// [`ReportError::PdfWrite`] if a half lacks its page tree or a page its
/// content or resources.
pub(super) fn join(halves: Vec<Document>) -> Result<Document, ReportError> {
    let mut halves = halves.into_iter();
    let mut doc = halves
        .next()
        .ok_or_else(|| write_error("no document to write".to_owned()))?;
    let mut kids = without_glyph_page(&doc)?;
    for mut half in halves {
        half.renumber_objects_with(doc.max_id + 1);
        for page in without_glyph_page(&half)? {
            let dict = take_dictionary(&mut half, page)?;
            let contents = reference(&dict, b"Contents", page)?;
            let stream = half
                .objects
                .remove(&contents)
                .ok_or_else(|| missing(b"Contents", page))?;
            doc.objects.insert(contents, stream);
            doc.objects.insert(page, Object::Dictionary(dict));
            kids.push(page);
        }
    }
    let tree = share_resources(&mut doc, &kids)?;
    let count = i64::try_from(kids.len()).unwrap_or(i64::MAX);
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Count", Object::Integer(count));
    pages.set(
        "Kids",
        Object::Array(kids.iter().copied().map(Object::Reference).collect()),
    );
    doc.objects.insert(tree, Object::Dictionary(pages));
    // What only the glyph pages and the per-page resources used is left
    // behind; the objects are then numbered from 1 without gaps (which
    // also sets the next free id).
    doc.prune_objects();
    doc.renumber_objects();
    Ok(doc)
}

/// A half's pages in order, its last (the glyph page) left out.
fn without_glyph_page(doc: &Document) -> Result<Vec<ObjectId>, ReportError> {
    let mut pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    pages
        .pop()
        .ok_or_else(|| write_error("a half has no glyph page".to_owned()))?;
    Ok(pages)
}

/// Points every page at the first page's resources (every half's are the
/// same faces and images) and at the first half's page tree, drops their
/// empty annotation arrays, and returns that page tree.
fn share_resources(doc: &mut Document, kids: &[ObjectId]) -> Result<ObjectId, ReportError> {
    let first = *kids
        .first()
        .ok_or_else(|| write_error("the document has no pages".to_owned()))?;
    let first_page = doc
        .get_dictionary(first)
        .map_err(|_| missing(b"Type", first))?;
    let resources = reference(first_page, b"Resources", first)?;
    let tree = reference(first_page, b"Parent", first)?;
    for &page in kids {
        let dict = doc
            .get_dictionary_mut(page)
            .map_err(|_| missing(b"Type", page))?;
        dict.set("Resources", Object::Reference(resources));
        dict.set("Parent", Object::Reference(tree));
        if matches!(dict.get(b"Annots"), Ok(Object::Array(a)) if a.is_empty()) {
            dict.remove(b"Annots");
        }
    }
    Ok(tree)
}

fn take_dictionary(doc: &mut Document, id: ObjectId) -> Result<Dictionary, ReportError> {
    match doc.objects.remove(&id) {
        Some(Object::Dictionary(dict)) => Ok(dict),
        _ => Err(missing(b"Type", id)),
    }
}

fn reference(dict: &Dictionary, key: &[u8], page: ObjectId) -> Result<ObjectId, ReportError> {
    dict.get(key)
        .and_then(Object::as_reference)
        .map_err(|_| missing(key, page))
}

fn missing(key: &[u8], page: ObjectId) -> ReportError {
    write_error(format!(
        "page object {} has no /{}",
        page.0,
        String::from_utf8_lossy(key)
    ))
}

#[cfg(test)]
mod tests {
    use lopdf::Object;
    use printpdf::{Op, TextItem};

    use super::cut;
    use crate::layout::items::Item;
    use crate::pdf::tests::{image_page, metadata, page, run};
    use crate::pdf::write;

    fn pages_weighing(weights: &[usize]) -> Vec<Vec<Op>> {
        weights
            .iter()
            .map(|w| {
                vec![Op::ShowText {
                    items: vec![TextItem::Text("x".repeat(*w))],
                }]
            })
            .collect()
    }

    #[test]
    fn the_cut_shares_the_content_evenly_and_leaves_no_half_empty() {
        assert_eq!(cut(&pages_weighing(&[10, 1, 1, 10])), 2);
        assert_eq!(cut(&pages_weighing(&[1, 1, 1, 30])), 3);
        assert_eq!(cut(&pages_weighing(&[30, 1, 1, 1])), 1);
        assert_eq!(cut(&pages_weighing(&[5, 5])), 1);
        // One page is one half.
        assert_eq!(cut(&pages_weighing(&[5])), 1);
        assert_eq!(cut(&[]), 0);
    }

    /// Five pages, each with words the others lack, so each half draws
    /// glyphs the other does not.
    const WORDS: [&str; 5] = ["alpha", "bravo", "charlie", "delta", "quixotic jazz"];

    #[test]
    fn the_halves_join_into_one_document_with_one_subset_per_face() {
        let mut pages: Vec<_> = WORDS
            .iter()
            .map(|word| page(vec![Item::Text(run(word, 20.0, 50.0))]))
            .collect();
        // An image on the last page, in the second half.
        let image = image_page(4, 3, [10, 20, 30, 255]).items.remove(0);
        pages.last_mut().expect("pages").items.push(image);
        let pdf = write(&pages, &[], &metadata(), 2).expect("writes");
        for threads in [1, 4] {
            assert_eq!(
                pdf,
                write(&pages, &[], &metadata(), threads).expect("writes")
            );
        }
        let doc = lopdf::Document::load_mem(&pdf).expect("reads");
        let page_ids: Vec<_> = doc.get_pages().into_values().collect();
        assert_eq!(page_ids.len(), WORDS.len(), "no glyph page is left");
        let resources: Vec<_> = page_ids
            .iter()
            .map(|id| {
                let page = doc.get_dictionary(*id).expect("a page");
                page.get(b"Resources").and_then(Object::as_reference).ok()
            })
            .collect();
        assert!(resources[0].is_some());
        assert!(
            resources.iter().all(|r| *r == resources[0]),
            "{resources:?}"
        );
        let fonts = doc
            .objects
            .values()
            .filter(|o| {
                o.as_dict().is_ok_and(|d| {
                    d.get(b"Subtype").and_then(Object::as_name).ok() == Some(&b"Type0"[..])
                })
            })
            .count();
        assert_eq!(fonts, 1, "one face, subset once");
        let images = doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
            .count();
        assert_eq!(images, 1, "the image once, from the shared resources");
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("halves.pdf");
        std::fs::write(&path, &pdf).expect("writes the file");
        ironbridge_tests::pdf_tools::qpdf_is_clean(&path);
        if let Some(text) = ironbridge_tests::pdf_tools::text(&path, false) {
            let pages: Vec<&str> = text.split('\u{c}').map(str::trim).collect();
            assert_eq!(&pages[..WORDS.len()], &WORDS[..], "{text:?}");
        }
    }
}
