//! Shaping: a string in one face, size and direction becomes positioned glyphs.
//!
//! harfrust (the maintained Rust port of HarfBuzz) does the work (kerning,
//! ligatures, Arabic joining, mark placement); shape plans are cached per
//! face, direction and script because building one costs far more than
//! shaping a word, and one buffer is reused. Words shaped without context
//! are kept in font units in [`SharedWords`], which the shapers of one
//! layout share (its threads, its passes, its page furniture): a report
//! shapes each word once, at whatever sizes it is drawn. Clusters are kept
//! at character level so every glyph maps back to the characters it draws.
//! A character the face lacks (`fonts::Coverage::Replace`) comes out of
//! shaping as .notdef and is drawn as the face's U+FFFD glyph instead, its
//! cluster still pointing at the character (the PDF's text keeps it).

use std::sync::{Arc, PoisonError, RwLock};

use rustc_hash::FxHashMap;

use harfrust::{
    Buffer, ClusterLevel, Direction, Script, ShapeOptions, ShapePlan, ShaperFont, shape,
};

use crate::fonts::{FaceId, FontSet, REPLACEMENT, is_default_ignorable};
use crate::layout::items::Glyph;

/// Words of one face and direction, their glyphs' advances and offsets in
/// font units (any size is a multiplication away).
type WordsInUnits = FxHashMap<String, Arc<[Glyph]>>;

/// Words shaped without context, by face and direction.
#[derive(Debug, Default)]
pub struct SharedWords {
    words: RwLock<FxHashMap<(FaceId, bool), WordsInUnits>>,
}

impl SharedWords {
    fn get(&self, face: FaceId, rtl: bool, text: &str) -> Option<Arc<[Glyph]>> {
        let words = self.words.read().unwrap_or_else(PoisonError::into_inner);
        words.get(&(face, rtl))?.get(text).cloned()
    }

    fn insert(&self, face: FaceId, rtl: bool, text: &str, glyphs: Arc<[Glyph]>) {
        let mut words = self.words.write().unwrap_or_else(PoisonError::into_inner);
        words
            .entry((face, rtl))
            .or_default()
            .insert(text.to_owned(), glyphs);
    }
}

/// Shapes text with the embedded faces, caching shape plans.
pub struct Shaper {
    fonts: &'static FontSet,
    /// The faces prepared for shaping, in [`FaceId::ALL`] order, each on
    /// first use (preparing a large fallback face is not free).
    shaper_fonts: [Option<ShaperFont<'static, 'static>>; FaceId::ALL.len()],
    plans: FxHashMap<(FaceId, bool, Option<Script>), ShapePlan>,
    /// Reused between calls (it holds the glyphs of the last one).
    buffer: Option<Buffer>,
    /// Shaped words without context, by face, direction and size, as this
    /// shaper handed them out: reports repeat their words, and a lookup
    /// here takes no lock.
    words: FxHashMap<(FaceId, bool, u32), FxHashMap<String, Shaped>>,
    /// The same words in font units, shared with the other shapers of the
    /// layout.
    shared: Arc<SharedWords>,
}

impl std::fmt::Debug for Shaper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shaper")
            .field("plans", &self.plans.len())
            .finish_non_exhaustive()
    }
}

/// Glyphs of one shaped string.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shaped {
    /// Glyphs in visual order; clusters are byte offsets into the shaped text
    /// (shared: a cached word hands out the same glyphs every time).
    pub glyphs: Arc<[Glyph]>,
    /// Total advance in points.
    pub width: f32,
}

/// Longest text kept as a word (longer ones are seldom repeated).
const LONGEST_WORD: usize = 64;

impl Shaper {
    /// A shaper over the embedded faces, with words of its own.
    #[must_use]
    pub fn new(fonts: &'static FontSet) -> Self {
        Self::sharing(fonts, Arc::default())
    }

    /// A shaper over the embedded faces that shares `words` with others.
    #[must_use]
    pub fn sharing(fonts: &'static FontSet, words: Arc<SharedWords>) -> Self {
        Self {
            fonts,
            shaper_fonts: FaceId::ALL.map(|_| None),
            plans: FxHashMap::default(),
            buffer: None,
            words: FxHashMap::default(),
            shared: words,
        }
    }

    /// The faces.
    #[must_use]
    pub fn fonts(&self) -> &'static FontSet {
        self.fonts
    }

    /// The words this shaper shares, for another shaper to share them too.
    #[must_use]
    pub fn shared_words(&self) -> Arc<SharedWords> {
        Arc::clone(&self.shared)
    }

    /// Shapes `text` in `face` at `size` points. `before` and `after` are the
    /// neighbouring characters of the same word, used only as context (so an
    /// Arabic letter joins across a change of style).
    pub fn shape(
        &mut self,
        text: &str,
        face: FaceId,
        size: f32,
        rtl: bool,
        before: &str,
        after: &str,
    ) -> Shaped {
        if text.is_empty() {
            return Shaped::default();
        }
        let scale = size / self.fonts.units_per_em(face);
        let cacheable = before.is_empty() && after.is_empty() && text.len() <= LONGEST_WORD;
        if !cacheable {
            return scaled(&self.shape_in_units(text, face, rtl, before, after), scale);
        }
        let key = (face, rtl, size.to_bits());
        if let Some(shaped) = self.words.get(&key).and_then(|words| words.get(text)) {
            return shaped.clone();
        }
        let units = self.shared.get(face, rtl, text).unwrap_or_else(|| {
            let units = self.shape_in_units(text, face, rtl, "", "");
            self.shared.insert(face, rtl, text, Arc::clone(&units));
            units
        });
        let shaped = scaled(&units, scale);
        self.words
            .entry(key)
            .or_default()
            .insert(text.to_owned(), shaped.clone());
        shaped
    }

    /// Shapes `text`, its advances and offsets in font units.
    fn shape_in_units(
        &mut self,
        text: &str,
        face: FaceId,
        rtl: bool,
        before: &str,
        after: &str,
    ) -> Arc<[Glyph]> {
        let fonts = self.fonts;
        let font = fonts.face(face);
        let shaper_font =
            self.shaper_fonts[face.index()].get_or_insert_with(|| ShaperFont::new(font));
        let mut buffer = self.buffer.take().unwrap_or_default();
        buffer.clear();
        buffer.push_str(text);
        buffer.set_pre_context(before);
        buffer.set_post_context(after);
        buffer.set_cluster_level(ClusterLevel::MonotoneCharacters);
        buffer.guess_segment_properties();
        let direction = if rtl {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        };
        buffer.set_direction(direction);
        let script = buffer.script();
        let plan = self
            .plans
            .entry((face, rtl, script))
            .or_insert_with(|| ShapePlan::new(font, direction, script, None, &[]));
        let replacement = fonts.glyph(face, REPLACEMENT).filter(|&g| g != 0);
        let mut glyphs: Arc<[Glyph]> = Arc::from([]);
        // The plan matches the buffer by construction; if shaping still
        // fails the text is left unshaped (no glyphs) rather than panicking.
        if shape(
            shaper_font,
            &mut buffer,
            ShapeOptions::new().plan(Some(plan)),
        )
        .is_ok()
        {
            glyphs = buffer
                .glyph_infos()
                .iter()
                .zip(buffer.glyph_positions())
                .map(|(info, pos)| {
                    // Glyph ids of a TrueType face always fit in 16 bits.
                    let mut id = u16::try_from(info.glyph_id).unwrap_or(0);
                    let mut advance = pos.x_advance as f32;
                    // An invisible character (a variation selector, say)
                    // stays invisible.
                    let invisible = || {
                        text.get(info.cluster as usize..)
                            .and_then(|rest| rest.chars().next())
                            .is_none_or(is_default_ignorable)
                    };
                    if let (0, Some(glyph)) = (id, replacement)
                        && !invisible()
                    {
                        id = glyph;
                        advance = font
                            .glyph_metrics()
                            .h_advance(harfrust::GlyphId::new(u32::from(glyph)));
                    }
                    Glyph {
                        id,
                        cluster: info.cluster,
                        advance,
                        dx: pos.x_offset as f32,
                        dy: pos.y_offset as f32,
                    }
                })
                .collect();
        }
        self.buffer = Some(buffer);
        glyphs
    }

    /// Width of `text` in one face, ignoring fallback (for spaces and digits).
    pub fn width(&mut self, text: &str, face: FaceId, size: f32) -> f32 {
        self.shape(text, face, size, false, "", "").width
    }
}

/// Glyphs in font units at `scale` points per unit.
fn scaled(units: &[Glyph], scale: f32) -> Shaped {
    let mut width = 0.0;
    let glyphs = units
        .iter()
        .map(|glyph| {
            let advance = glyph.advance * scale;
            width += advance;
            Glyph {
                advance,
                dx: glyph.dx * scale,
                dy: glyph.dy * scale,
                ..*glyph
            }
        })
        .collect();
    Shaped { glyphs, width }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaper() -> Shaper {
        Shaper::new(FontSet::get().expect("embedded fonts parse"))
    }

    #[test]
    fn width_scales_with_size() {
        let mut shaper = shaper();
        let small = shaper.width("Resilience", FaceId::Regular, 10.0);
        let large = shaper.width("Resilience", FaceId::Regular, 20.0);
        assert!(small > 30.0 && small < 60.0, "{small}");
        assert!((large - 2.0 * small).abs() < 0.01);
    }

    #[test]
    fn rtl_glyphs_come_out_in_visual_order() {
        let mut shaper = shaper();
        let shaped = shaper.shape("שלום", FaceId::Fallback, 10.0, true, "", "");
        let clusters: Vec<u32> = shaped.glyphs.iter().map(|g| g.cluster).collect();
        assert_eq!(clusters, vec![6, 4, 2, 0]);
    }

    #[test]
    fn a_missing_character_is_drawn_as_the_replacement_glyph() {
        let mut shaper = shaper();
        let fonts = shaper.fonts();
        let replacement = fonts.glyph(FaceId::Fallback, REPLACEMENT).expect("U+FFFD");
        let shaped = shaper.shape("a\u{13000}b", FaceId::Fallback, 10.0, false, "", "");
        let ids: Vec<u16> = shaped.glyphs.iter().map(|g| g.id).collect();
        assert_eq!(ids[1], replacement);
        assert!(shaped.glyphs[1].advance > 3.0, "{:?}", shaped.glyphs[1]);
        // The glyph still stands for the character it replaces.
        assert_eq!(shaped.glyphs[1].cluster, 1);
        assert_eq!(shaped.glyphs[2].cluster, 5);
    }

    #[test]
    fn arabic_letters_join() {
        let mut shaper = shaper();
        // The initial form of beh differs from the isolated one.
        let joined = shaper.shape("بب", FaceId::Fallback, 10.0, true, "", "");
        let alone = shaper.shape("ب", FaceId::Fallback, 10.0, true, "", "");
        assert_ne!(joined.glyphs[1].id, alone.glyphs[0].id);
    }
}
