//! Which glyphs a document draws, and the text each stands for.
//!
//! printpdf gives every glyph of a face one /ToUnicode entry (the text of
//! its `Codepoint::cid`). A glyph can stand for different texts (a space
//! and a no-break space, the second glyph of a cluster and a glyph on its
//! own): its entry is the text it stands for where the document first draws
//! it, and every later use with another text is wrapped in an /ActualText
//! span (see `content`). A face's U+FFFD glyph always has the entry U+FFFD:
//! where it stands in for a character no face has, that character is its
//! /ActualText, so the text extracts as itself. Invariant: the same pages
//! give the same entries, whatever the number of threads (one pass, in page
//! order).

use std::sync::Arc;

use crate::fonts::{FaceId, FontSet, REPLACEMENT};
use crate::layout::items::{Item, RasterImage, TextRun};
use crate::layout::paginate::Page;

/// Whether a run is drawn at all (the usage pass and the content must agree).
pub(super) fn drawn(run: &TextRun) -> bool {
    !run.glyphs.is_empty() && run.size.is_finite() && run.size > 0.0
}

/// The glyphs one face draws, each with the text of its /ToUnicode entry.
#[derive(Debug, Default)]
pub(super) struct FaceGlyphs {
    /// By glyph id: the text it stands for where first drawn, if drawn.
    entries: Vec<Option<Box<str>>>,
    used: usize,
}

impl FaceGlyphs {
    /// Notes a use of `glyph` for `text`; the first use decides the entry.
    fn note(&mut self, glyph: u16, text: &str) {
        let index = usize::from(glyph);
        if self.entries.len() <= index {
            self.entries.resize(index + 1, None);
        }
        if self.entries[index].is_none() {
            self.entries[index] = Some(text.into());
            self.used += 1;
        }
    }

    /// The text of `glyph`'s /ToUnicode entry, if the document draws it.
    pub(super) fn entry(&self, glyph: u16) -> Option<&str> {
        self.entries.get(usize::from(glyph))?.as_deref()
    }

    /// Whether the document draws anything in this face.
    pub(super) fn is_used(&self) -> bool {
        self.used > 0
    }

    /// The glyph ids drawn, in ascending order.
    pub(super) fn ids(&self) -> impl Iterator<Item = u16> + '_ {
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, entry)| entry.is_some())
            .filter_map(|(id, _)| u16::try_from(id).ok())
    }
}

/// What a document draws: the glyphs of every face and its images, in
/// order of first use.
#[derive(Debug)]
pub(super) struct Usage {
    /// By [`FaceId::index`].
    pub(super) faces: Vec<FaceGlyphs>,
    pub(super) images: Vec<Arc<RasterImage>>,
}

impl Usage {
    /// One pass over the pages, in order.
    pub(super) fn new(pages: &[Page], fonts: &FontSet) -> Usage {
        let mut faces: Vec<FaceGlyphs> =
            FaceId::ALL.iter().map(|_| FaceGlyphs::default()).collect();
        let replacements =
            FaceId::ALL.map(|face| fonts.glyph(face, REPLACEMENT).filter(|&g| g != 0));
        let mut replacement_text = [0; 4];
        let replacement_text: &str = REPLACEMENT.encode_utf8(&mut replacement_text);
        let mut images: Vec<Arc<RasterImage>> = Vec::new();
        let mut ranges = Vec::new();
        for item in pages.iter().flat_map(|page| &page.items) {
            match item {
                Item::Text(run) if drawn(run) => {
                    let Some(face) = faces.get_mut(run.face.index()) else {
                        continue;
                    };
                    let replacement = replacements[run.face.index()];
                    glyph_ranges(run, &mut ranges);
                    for (glyph, range) in run.glyphs.iter().zip(&ranges) {
                        if Some(glyph.id) == replacement {
                            face.note(glyph.id, replacement_text);
                        } else {
                            face.note(glyph.id, range_text(run, *range));
                        }
                    }
                }
                Item::Image(picture) if !images.iter().any(|i| Arc::ptr_eq(i, &picture.image)) => {
                    images.push(Arc::clone(&picture.image));
                }
                _ => {}
            }
        }
        Usage { faces, images }
    }

    /// The glyphs drawn in `face`.
    pub(super) fn face(&self, face: FaceId) -> Option<&FaceGlyphs> {
        self.faces.get(face.index())
    }

    /// The position of an image among the document's images.
    pub(super) fn image_index(&self, image: &Arc<RasterImage>) -> Option<usize> {
        self.images.iter().position(|i| Arc::ptr_eq(i, image))
    }
}

/// The text a glyph's byte range covers (empty for none).
pub(super) fn range_text(run: &TextRun, range: Option<(usize, usize)>) -> &str {
    range
        .and_then(|(a, b)| run.text.get(a..b))
        .unwrap_or_default()
}

/// The byte range of the characters each glyph stands for: its cluster for
/// the first glyph of a cluster, nothing for the others. Written into
/// `out`, whose memory is reused from run to run.
pub(super) fn glyph_ranges(run: &TextRun, out: &mut Vec<Option<(usize, usize)>>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::items::{Glyph, Point};
    use crate::style::Colour;

    fn run(text: &str, ids: &[u16], clusters: &[u32]) -> TextRun {
        TextRun {
            origin: Point::default(),
            size: 10.0,
            face: FaceId::Regular,
            colour: Colour::rgb(0, 0, 0),
            text: text.to_owned(),
            glyphs: ids
                .iter()
                .zip(clusters)
                .map(|(&id, &cluster)| Glyph {
                    id,
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
        ranges.into_iter().map(|r| range_text(run, r)).collect()
    }

    #[test]
    fn glyph_texts_follow_clusters() {
        let same = |text: &str, clusters: &[u32]| run(text, &vec![1; clusters.len()], clusters);
        // "o", "ffi" ligature, "c", "e"
        assert_eq!(
            texts(&same("office", &[0, 1, 4, 5])),
            ["o", "ffi", "c", "e"]
        );
        // A cluster of two glyphs: the second stands for nothing.
        assert_eq!(texts(&same("ab", &[0, 0, 1])), ["a", "", "b"]);
        // Right to left: clusters run backwards.
        assert_eq!(texts(&same("abc", &[2, 1, 0])), ["c", "b", "a"]);
    }

    #[test]
    fn the_first_use_of_a_glyph_gives_its_entry() {
        let page = |runs: Vec<TextRun>| Page {
            width: 100.0,
            height: 100.0,
            items: runs.into_iter().map(Item::Text).collect(),
        };
        // Glyph 3 draws a space, then a no-break space; glyph 9 a ligature.
        let pages = [
            page(vec![run("a b", &[5, 3, 6], &[0, 1, 2])]),
            page(vec![
                run("a\u{a0}b", &[5, 3, 6], &[0, 1, 3]),
                run("fi", &[9], &[0]),
            ]),
        ];
        let usage = Usage::new(&pages, FontSet::get().expect("fonts"));
        let regular = usage.face(FaceId::Regular).expect("a face");
        assert_eq!(regular.entry(3), Some(" "));
        assert_eq!(regular.entry(9), Some("fi"));
        assert_eq!(regular.entry(4), None);
        assert_eq!(regular.ids().collect::<Vec<_>>(), [3, 5, 6, 9]);
        assert!(regular.is_used());
        assert!(!usage.face(FaceId::Bold).expect("a face").is_used());
    }
}
