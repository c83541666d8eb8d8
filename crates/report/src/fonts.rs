//! The font faces compiled into the binary and the choice of face per character.
//!
//! Noto Sans (regular, bold, italic) sets the report. Characters it lacks
//! fall back, one character at a time and in a fixed order, to DejaVu Sans
//! (bold for bold text: Arabic, Hebrew, many symbols), WenQuanYi Micro Hei
//! (Chinese, Japanese, Korean) and Symbola (monochrome emoji and symbols).
//! A character that no face has keeps its place in the text and is drawn
//! as DejaVu Sans's U+FFFD glyph (`layout::shape`), so missing coverage is
//! visible, never swallows the text after it, and still extracts as itself.
//! The bytes live here once; `layout` measures with them and `pdf` embeds
//! only the faces a document draws, subset.

use std::sync::OnceLock;

use crate::error::ReportError;
use crate::style::FontStyle;

/// One of the embedded faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceId {
    /// Noto Sans Regular.
    Regular,
    /// Noto Sans Bold.
    Bold,
    /// Noto Sans Italic.
    Italic,
    /// DejaVu Sans, the per-character fallback.
    Fallback,
    /// DejaVu Sans Bold, the fallback for bold text.
    FallbackBold,
    /// WenQuanYi Micro Hei: Chinese, Japanese and Korean.
    Cjk,
    /// Symbola: monochrome emoji and symbols.
    Emoji,
}

impl FaceId {
    /// Every face, in a fixed order.
    pub const ALL: [FaceId; 7] = [
        FaceId::Regular,
        FaceId::Bold,
        FaceId::Italic,
        FaceId::Fallback,
        FaceId::FallbackBold,
        FaceId::Cjk,
        FaceId::Emoji,
    ];

    /// The faces tried, in order, for a character the style's face lacks.
    #[must_use]
    pub fn fallbacks(style: FontStyle) -> &'static [FaceId] {
        match style {
            FontStyle::Bold => &[
                FaceId::FallbackBold,
                FaceId::Fallback,
                FaceId::Cjk,
                FaceId::Emoji,
            ],
            FontStyle::Regular | FontStyle::Italic => {
                &[FaceId::Fallback, FaceId::Cjk, FaceId::Emoji]
            }
        }
    }

    /// The face that sets text of the given style.
    #[must_use]
    pub fn for_style(style: FontStyle) -> FaceId {
        match style {
            FontStyle::Regular => FaceId::Regular,
            FontStyle::Bold => FaceId::Bold,
            FontStyle::Italic => FaceId::Italic,
        }
    }

    /// The font file's bytes.
    #[must_use]
    pub fn bytes(self) -> &'static [u8] {
        match self {
            FaceId::Regular => NOTO_SANS_REGULAR,
            FaceId::Bold => NOTO_SANS_BOLD,
            FaceId::Italic => NOTO_SANS_ITALIC,
            FaceId::Fallback => DEJAVU_SANS,
            FaceId::FallbackBold => DEJAVU_SANS_BOLD,
            FaceId::Cjk => WENQUANYI_MICRO_HEI,
            FaceId::Emoji => SYMBOLA,
        }
    }

    /// The font file's name, for messages and dumps.
    #[must_use]
    pub fn file_name(self) -> &'static str {
        match self {
            FaceId::Regular => "NotoSans-Regular.ttf",
            FaceId::Bold => "NotoSans-Bold.ttf",
            FaceId::Italic => "NotoSans-Italic.ttf",
            FaceId::Fallback => "DejaVuSans.ttf",
            FaceId::FallbackBold => "DejaVuSans-Bold.ttf",
            FaceId::Cjk => "WenQuanYiMicroHei.ttf",
            FaceId::Emoji => "Symbola.ttf",
        }
    }

    /// A short name for text dumps.
    #[must_use]
    pub fn short_name(self) -> &'static str {
        match self {
            FaceId::Regular => "regular",
            FaceId::Bold => "bold",
            FaceId::Italic => "italic",
            FaceId::Fallback => "fallback",
            FaceId::FallbackBold => "fallback-bold",
            FaceId::Cjk => "cjk",
            FaceId::Emoji => "emoji",
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            FaceId::Regular => 0,
            FaceId::Bold => 1,
            FaceId::Italic => 2,
            FaceId::Fallback => 3,
            FaceId::FallbackBold => 4,
            FaceId::Cjk => 5,
            FaceId::Emoji => 6,
        }
    }
}

/// The parsed faces. Parsing reads only a font's table directory: a
/// fallback face costs nothing until a character needs it.
pub struct FontSet {
    faces: [harfrust::Font; FaceId::ALL.len()],
    /// Coverage of printable ASCII per style, looked up far more than
    /// anything else.
    ascii: [[Coverage; 95]; 3],
}

impl std::fmt::Debug for FontSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontSet").finish_non_exhaustive()
    }
}

/// How one character is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// The face has the character.
    Face(FaceId),
    /// No face has it: the character stays in the text, set in this face,
    /// and is drawn as the face's [`REPLACEMENT`] glyph (`layout::shape`).
    Replace(FaceId),
}

/// The character drawn for text no embedded face covers.
pub const REPLACEMENT: char = '\u{FFFD}';

impl FontSet {
    /// The faces, parsed once per process.
    ///
    /// # Errors
    /// [`ReportError::FontUnreadable`] if an embedded font does not parse
    /// (which would be a build defect, but is still not a panic).
    pub fn get() -> Result<&'static FontSet, ReportError> {
        static FONTS: OnceLock<Result<FontSet, ReportError>> = OnceLock::new();
        FONTS
            .get_or_init(FontSet::parse)
            .as_ref()
            .map_err(Clone::clone)
    }

    fn parse() -> Result<FontSet, ReportError> {
        let load = |id: FaceId| {
            harfrust::Font::new(id.bytes(), 0).ok_or(ReportError::FontUnreadable {
                face: id.file_name(),
            })
        };
        let mut set = FontSet {
            faces: [
                load(FaceId::Regular)?,
                load(FaceId::Bold)?,
                load(FaceId::Italic)?,
                load(FaceId::Fallback)?,
                load(FaceId::FallbackBold)?,
                load(FaceId::Cjk)?,
                load(FaceId::Emoji)?,
            ],
            ascii: [[Coverage::Face(FaceId::Regular); 95]; 3],
        };
        for (i, style) in [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic]
            .into_iter()
            .enumerate()
        {
            for (j, ch) in (' '..='~').enumerate() {
                set.ascii[i][j] = set.lookup(style, ch);
            }
        }
        Ok(set)
    }

    /// The parsed face (shaping, character map, metrics).
    #[must_use]
    pub fn face(&self, id: FaceId) -> &harfrust::Font {
        &self.faces[id.index()]
    }

    /// Design units per em of a face.
    #[must_use]
    pub fn units_per_em(&self, id: FaceId) -> f32 {
        self.face(id).units_per_em().max(1) as f32
    }

    /// Whether the face has a glyph for the character.
    #[must_use]
    pub fn has_glyph(&self, id: FaceId, ch: char) -> bool {
        self.glyph(id, ch).is_some_and(|g| g != 0)
    }

    /// The glyph the face's character map gives the character, if any.
    #[must_use]
    pub fn glyph(&self, id: FaceId, ch: char) -> Option<u16> {
        self.face(id)
            .charmap()
            .map_unicode(ch)
            .and_then(|g| u16::try_from(g.to_u32()).ok())
    }

    /// The face that draws `ch` in `style`: the style's face, else the first
    /// of its [`FaceId::fallbacks`] that has it, else a replacement.
    #[must_use]
    pub fn coverage(&self, style: FontStyle, ch: char) -> Coverage {
        let index = match style {
            FontStyle::Regular => 0,
            FontStyle::Bold => 1,
            FontStyle::Italic => 2,
        };
        let ascii = (ch as usize).checked_sub(0x20);
        match ascii.and_then(|j| self.ascii[index].get(j)) {
            Some(coverage) => *coverage,
            None => self.lookup(style, ch),
        }
    }

    fn lookup(&self, style: FontStyle, ch: char) -> Coverage {
        let primary = FaceId::for_style(style);
        if self.has_glyph(primary, ch) {
            return Coverage::Face(primary);
        }
        if let Some(&face) = FaceId::fallbacks(style)
            .iter()
            .find(|&&face| self.has_glyph(face, ch))
        {
            Coverage::Face(face)
        } else if self.has_glyph(FaceId::Fallback, REPLACEMENT) {
            Coverage::Replace(FaceId::Fallback)
        } else {
            Coverage::Replace(primary)
        }
    }

    /// Advance width of a glyph in the face's `/W` units (1/1000 em, truncated
    /// as a PDF reader sees it).
    #[must_use]
    pub fn pdf_width(&self, id: FaceId, glyph: u16) -> f32 {
        let advance = self
            .face(id)
            .glyph_metrics()
            .h_advance(harfrust::GlyphId::new(u32::from(glyph)));
        (advance * 1000.0 / self.units_per_em(id)).trunc()
    }
}

/// Characters that are invisible by definition (joiners, variation selectors,
/// direction marks): they never switch faces and never become replacements.
#[must_use]
pub fn is_default_ignorable(ch: char) -> bool {
    matches!(ch,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// Combining marks that attach to the character before them.
#[must_use]
pub fn is_combining_mark(ch: char) -> bool {
    matches!(ch,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}' | '\u{05C1}' | '\u{05C2}' | '\u{05C4}' | '\u{05C5}' | '\u{05C7}'
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}'
        | '\u{06EA}'..='\u{06ED}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

static NOTO_SANS_REGULAR: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf");
static NOTO_SANS_BOLD: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf");
static NOTO_SANS_ITALIC: &[u8] = include_bytes!("../../../assets/fonts/NotoSans-Italic.ttf");
static DEJAVU_SANS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
static WENQUANYI_MICRO_HEI: &[u8] = include_bytes!("../../../assets/fonts/WenQuanYiMicroHei.ttf");
static SYMBOLA: &[u8] = include_bytes!("../../../assets/fonts/Symbola.ttf");

#[cfg(test)]
mod tests {
    use super::*;

    fn check(style: FontStyle, ch: char, expected: Coverage) {
        let fonts = FontSet::get().expect("embedded fonts parse");
        assert_eq!(fonts.coverage(style, ch), expected, "{ch:?} in {style:?}");
    }

    #[test]
    fn latin_uses_the_style_face() {
        check(FontStyle::Regular, 'a', Coverage::Face(FaceId::Regular));
        check(FontStyle::Bold, 'é', Coverage::Face(FaceId::Bold));
        check(FontStyle::Italic, '€', Coverage::Face(FaceId::Italic));
    }

    #[test]
    fn arabic_and_hebrew_fall_back_to_dejavu_of_the_same_weight() {
        check(FontStyle::Regular, 'ب', Coverage::Face(FaceId::Fallback));
        check(FontStyle::Italic, 'ש', Coverage::Face(FaceId::Fallback));
        check(FontStyle::Bold, 'ש', Coverage::Face(FaceId::FallbackBold));
        check(FontStyle::Bold, 'ب', Coverage::Face(FaceId::FallbackBold));
    }

    #[test]
    fn chinese_japanese_and_korean_use_the_cjk_face() {
        for ch in ['漢', '语', 'ひ', 'カ', '한', '。', '（'] {
            for style in [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic] {
                check(style, ch, Coverage::Face(FaceId::Cjk));
            }
        }
    }

    #[test]
    fn emoji_use_the_emoji_face_and_symbols_stay_in_dejavu() {
        for ch in ['🏭', '✅', '🔒', '🦀', '👍'] {
            check(FontStyle::Regular, ch, Coverage::Face(FaceId::Emoji));
            check(FontStyle::Bold, ch, Coverage::Face(FaceId::Emoji));
        }
        check(FontStyle::Regular, '⚠', Coverage::Face(FaceId::Fallback));
    }

    #[test]
    fn a_character_no_face_has_is_a_replacement() {
        // Egyptian hieroglyph A001: in none of the faces.
        check(
            FontStyle::Regular,
            '\u{13000}',
            Coverage::Replace(FaceId::Fallback),
        );
        check(
            FontStyle::Bold,
            '\u{13000}',
            Coverage::Replace(FaceId::Fallback),
        );
    }

    #[test]
    fn every_face_parses() {
        let fonts = FontSet::get().expect("embedded fonts parse");
        for id in FaceId::ALL {
            assert!(fonts.units_per_em(id) >= 1000.0, "{id:?}");
        }
    }
}
