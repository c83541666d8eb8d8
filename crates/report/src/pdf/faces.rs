//! The embedded faces as printpdf fonts: parsed once per process, and
//! registered with a document under a name that is also their subset tag.
//!
//! printpdf subsets each registered face to the glyphs the pages draw and
//! names it `<first six characters of its id>+<font name>`; the id is
//! therefore six capitals derived from the face and the glyphs it holds,
//! so the same document always gets the same names (printpdf's own ids are
//! random).

use std::sync::OnceLock;

use printpdf::{FontId, ParsedFont, PdfDocument, PdfFont};

use crate::error::ReportError;
use crate::fonts::FaceId;
use crate::pdf::fnv1a_128;
use crate::pdf::glyphs::{FaceGlyphs, Usage};

/// The printpdf font of a face, parsed once per process and only when a
/// document first draws it (parsing costs far more than cloning, and most
/// reports never need the large CJK and emoji faces).
fn parsed(face: FaceId) -> Result<&'static PdfFont, ReportError> {
    static FACES: [OnceLock<Option<PdfFont>>; FaceId::ALL.len()] =
        [const { OnceLock::new() }; FaceId::ALL.len()];
    FACES
        .get(face.index())
        .and_then(|cell| cell.get_or_init(|| parse(face)).as_ref())
        .ok_or(ReportError::FontUnreadable {
            face: face.file_name(),
        })
}

/// Parses the faces every report draws (Noto Sans regular, bold and
/// italic) and the shaping faces, so a render that follows does not wait on
/// them; a face that does not parse is reported by the render itself.
pub(crate) fn warm_up() {
    let _ = crate::fonts::FontSet::get();
    for face in [FaceId::Regular, FaceId::Bold, FaceId::Italic] {
        let _ = parsed(face);
    }
}

fn parse(face: FaceId) -> Option<PdfFont> {
    let mut warnings = Vec::new();
    let mut font = ParsedFont::from_bytes(face.bytes(), 0, &mut warnings)?;
    // The name after the subset tag: the file's, not whatever the name
    // table holds first.
    font.font_name = Some(postscript_name(face).to_owned());
    Some(PdfFont::new(font))
}

/// The face's name in the PDF (its file name without the extension).
fn postscript_name(face: FaceId) -> &'static str {
    let name = face.file_name();
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// Registers every face the document draws with `doc`; returns each
/// face's font id (also its resource name), by [`FaceId::index`].
///
/// # Errors
/// [`ReportError::FontUnreadable`] if a face does not parse.
pub(super) fn register(
    doc: &mut PdfDocument,
    usage: &Usage,
) -> Result<Vec<Option<FontId>>, ReportError> {
    let mut ids: Vec<Option<FontId>> = Vec::with_capacity(FaceId::ALL.len());
    for face in FaceId::ALL {
        let Some(glyphs) = usage.face(face).filter(|g| g.is_used()) else {
            ids.push(None);
            continue;
        };
        let mut salt = 0u8;
        let mut id = FontId(subset_tag(face, glyphs, salt));
        // Two faces with the same tag would share a resource name.
        while ids.iter().flatten().any(|taken| *taken == id) {
            salt = salt.wrapping_add(1);
            id = FontId(subset_tag(face, glyphs, salt));
        }
        doc.resources
            .fonts
            .map
            .insert(id.clone(), parsed(face)?.clone());
        ids.push(Some(id));
    }
    Ok(ids)
}

/// For each face (by [`FaceId::index`]) and each glyph it draws (by id):
/// the one character whose glyph, in printpdf's own character map, it is
/// and whose text is its /ToUnicode entry. printpdf can then write a run of
/// such glyphs from their characters as one string (one object, not one per
/// glyph), and it records the same /ToUnicode entry for them.
///
/// # Errors
/// [`ReportError::FontUnreadable`] if a face drawn does not parse.
pub(super) fn plain_characters(usage: &Usage) -> Result<Vec<Vec<Option<char>>>, ReportError> {
    let mut out = Vec::with_capacity(FaceId::ALL.len());
    for face in FaceId::ALL {
        let Some(glyphs) = usage.face(face).filter(|g| g.is_used()) else {
            out.push(Vec::new());
            continue;
        };
        let font = &parsed(face)?.parsed_font;
        let mut plain = Vec::new();
        for id in glyphs.ids() {
            let mut chars = glyphs.entry(id).unwrap_or_default().chars();
            let (Some(character), None) = (chars.next(), chars.next()) else {
                continue;
            };
            if font.lookup_glyph_index(u32::from(character)) == Some(id) {
                let index = usize::from(id);
                if plain.len() <= index {
                    plain.resize(index + 1, None);
                }
                plain[index] = Some(character);
            }
        }
        out.push(plain);
    }
    Ok(out)
}

/// Six capitals that name a subset (as the standard wants before the `+`),
/// from the face and the glyphs it holds.
fn subset_tag(face: FaceId, glyphs: &FaceGlyphs, salt: u8) -> String {
    let mut bytes = Vec::with_capacity(64);
    bytes.extend_from_slice(face.file_name().as_bytes());
    bytes.push(salt);
    for id in glyphs.ids() {
        bytes.extend_from_slice(&id.to_be_bytes());
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

/// Advance of a glyph in 1/1000 em, truncated: the /W width printpdf
/// writes for it, from the same font program.
#[cfg(test)]
pub(super) fn printpdf_width(face: FaceId, glyph: u16) -> Option<i64> {
    let font = &parsed(face).ok()?.parsed_font;
    let advance = font.get_or_decode_glyph(glyph)?.horz_advance;
    let scale = 1000.0 / f32::from(font.pdf_font_metrics.units_per_em);
    Some((f32::from(advance) * scale) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontSet;

    #[test]
    fn every_face_parses_with_its_file_name() {
        for face in FaceId::ALL {
            let font = parsed(face).expect("parses");
            assert_eq!(
                font.parsed_font.font_name.as_deref(),
                Some(postscript_name(face))
            );
        }
        assert_eq!(postscript_name(FaceId::Regular), "NotoSans-Regular");
    }

    #[test]
    fn our_advances_are_the_widths_printpdf_writes() {
        // TJ offsets are computed against FontSet::pdf_width; the reader
        // advances by printpdf's /W. They must agree for every glyph.
        let fonts = FontSet::get().expect("fonts");
        for face in FaceId::ALL {
            let count = parsed(face).expect("parses").parsed_font.num_glyphs;
            for glyph in (0..count).step_by(7) {
                let ours = fonts.pdf_width(face, glyph) as i64;
                assert_eq!(
                    Some(ours),
                    printpdf_width(face, glyph),
                    "{face:?} glyph {glyph}"
                );
            }
        }
    }
}
