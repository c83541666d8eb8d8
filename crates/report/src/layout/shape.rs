//! Shaping: a string in one face, size and direction becomes positioned glyphs.
//!
//! harfrust (the maintained Rust port of HarfBuzz) does the work (kerning,
//! ligatures, Arabic joining, mark placement); shape plans are cached per
//! face, direction and script because building one costs far more than
//! shaping a word, and one buffer is reused. Clusters are kept at character
//! level so every glyph maps back to the characters it draws. A character
//! the face lacks (`fonts::Coverage::Replace`) comes out of shaping as
//! .notdef and is drawn as the face's U+FFFD glyph instead, its cluster
//! still pointing at the character (the PDF's text keeps it).

use std::sync::Arc;

use rustc_hash::FxHashMap;

use harfrust::{
    Buffer, ClusterLevel, Direction, Script, ShapeOptions, ShapePlan, ShaperFont, shape,
};

use crate::fonts::{FaceId, FontSet, REPLACEMENT, is_default_ignorable};
use crate::layout::items::Glyph;

/// Shapes text with the embedded faces, caching shape plans.
pub struct Shaper {
    fonts: &'static FontSet,
    /// The faces prepared for shaping, in [`FaceId::ALL`] order, each on
    /// first use (preparing a large fallback face is not free).
    shaper_fonts: [Option<ShaperFont<'static, 'static>>; FaceId::ALL.len()],
    plans: FxHashMap<(FaceId, bool, Option<Script>), ShapePlan>,
    /// Reused between calls (it holds the glyphs of the last one).
    buffer: Option<Buffer>,
    /// Shaped words without context, by face, direction and size: reports
    /// repeat their words, and shaping costs more than a lookup.
    words: FxHashMap<(FaceId, bool, u32), FxHashMap<String, Shaped>>,
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

impl Shaper {
    /// A shaper over the embedded faces.
    #[must_use]
    pub fn new(fonts: &'static FontSet) -> Self {
        Self {
            fonts,
            shaper_fonts: FaceId::ALL.map(|_| None),
            plans: FxHashMap::default(),
            buffer: None,
            words: FxHashMap::default(),
        }
    }

    /// The faces.
    #[must_use]
    pub fn fonts(&self) -> &'static FontSet {
        self.fonts
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
        let cacheable = before.is_empty() && after.is_empty() && text.len() <= 64;
        let key = (face, rtl, size.to_bits());
        if cacheable && let Some(shaped) = self.words.get(&key).and_then(|words| words.get(text)) {
            return shaped.clone();
        }
        let shaped = self.shape_uncached(text, face, size, rtl, before, after);
        if cacheable {
            self.words
                .entry(key)
                .or_default()
                .insert(text.to_owned(), shaped.clone());
        }
        shaped
    }

    fn shape_uncached(
        &mut self,
        text: &str,
        face: FaceId,
        size: f32,
        rtl: bool,
        before: &str,
        after: &str,
    ) -> Shaped {
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
        let scale = size / fonts.units_per_em(face);
        let replacement = fonts.glyph(face, REPLACEMENT).filter(|&g| g != 0);
        let mut width = 0.0;
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
                    let mut advance = pos.x_advance as f32 * scale;
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
                            .h_advance(harfrust::GlyphId::new(u32::from(glyph)))
                            * scale;
                    }
                    width += advance;
                    Glyph {
                        id,
                        cluster: info.cluster,
                        advance,
                        dx: pos.x_offset as f32 * scale,
                        dy: pos.y_offset as f32 * scale,
                    }
                })
                .collect();
        }
        self.buffer = Some(buffer);
        Shaped { glyphs, width }
    }

    /// Width of `text` in one face, ignoring fallback (for spaces and digits).
    pub fn width(&mut self, text: &str, face: FaceId, size: f32) -> f32 {
        self.shape(text, face, size, false, "", "").width
    }
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
