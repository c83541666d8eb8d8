//! Text flow: styled spans become shaped words, and words become lines that
//! fit a width.
//!
//! Lines break at spaces, using the real advances of the shaped glyphs. A word
//! wider than the line is cut between characters, so no text ever runs past
//! the right edge. Each character is set in its style's face, else the
//! fallback face, else drawn as U+FFFD; the text after it carries on.
//! Right-to-left runs are found with the Unicode bidi algorithm, shaped
//! right-to-left and reordered per line.

use std::sync::Arc;

use unicode_bidi::BidiInfo;

use crate::fonts::{Coverage, FaceId, is_combining_mark, is_default_ignorable};
use crate::layout::items::{Glyph, Point, TextRun};
use crate::layout::shape::Shaper;
use crate::style::{Align, Colour, FontStyle};

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The characters. Spaces and newlines break lines; a newline forces one.
    pub text: String,
    /// Regular, bold or italic.
    pub style: FontStyle,
    /// Colour, or the surrounding block's colour.
    pub colour: Option<Colour>,
}

impl Span {
    /// Regular text.
    pub fn regular(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            style: FontStyle::Regular,
            colour: None,
        }
    }

    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Self {
        Self {
            style: FontStyle::Bold,
            ..Self::regular(text)
        }
    }

    /// Italic text.
    pub fn italic(text: impl Into<String>) -> Self {
        Self {
            style: FontStyle::Italic,
            ..Self::regular(text)
        }
    }

    /// The same span in another colour.
    #[must_use]
    pub fn with_colour(mut self, colour: Colour) -> Self {
        self.colour = Some(colour);
        self
    }
}

impl From<&str> for Span {
    fn from(text: &str) -> Self {
        Span::regular(text)
    }
}

impl From<String> for Span {
    fn from(text: String) -> Self {
        Span::regular(text)
    }
}

/// One line of flowed text: runs on a baseline at y = 0, x from the left
/// edge of the box the text was flowed into.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// Runs in visual order.
    pub runs: Vec<TextRun>,
    /// Width of the inked part.
    pub width: f32,
}

/// Flows spans into lines no wider than `max_width`, aligned inside it.
pub(crate) fn flow(
    shaper: &mut Shaper,
    spans: &[Span],
    size: f32,
    colour: Colour,
    max_width: f32,
    align: Align,
) -> Vec<Line> {
    let prepared = prepare(shaper, spans, colour);
    let words = shape_words(shaper, &prepared, size);
    let max_width = if max_width.is_finite() {
        max_width.max(1.0)
    } else {
        f32::INFINITY
    };
    let boxes = break_lines(words, max_width);
    let align = match align {
        Align::Start if prepared.rtl => Align::Right,
        Align::Start => Align::Left,
        other => other,
    };
    boxes
        .into_iter()
        .map(|line| position(line, size, max_width, align))
        .collect()
}

/// Sets a single line with no wrapping (labels, page numbers).
pub(crate) fn single_line(
    shaper: &mut Shaper,
    text: &str,
    style: FontStyle,
    size: f32,
    colour: Colour,
) -> Line {
    let span = Span {
        text: text.replace('\n', " "),
        style,
        colour: None,
    };
    let mut lines = flow(
        shaper,
        std::slice::from_ref(&span),
        size,
        colour,
        f32::INFINITY,
        Align::Left,
    );
    let mut line = lines.pop().unwrap_or_default();
    // Joining every line keeps text that had forced breaks.
    for earlier in lines.into_iter().rev() {
        let shift = earlier.width;
        for run in &mut line.runs {
            run.origin.x += shift;
        }
        let mut runs = earlier.runs;
        runs.append(&mut line.runs);
        line.runs = runs;
        line.width += shift;
    }
    line
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Visible,
    Space,
    Break,
}

#[derive(Debug, Clone, Copy)]
struct CharInfo {
    byte: usize,
    end: usize,
    kind: Kind,
    face: FaceId,
    style: FontStyle,
    colour: Colour,
    level: u8,
}

#[derive(Debug)]
struct Prepared {
    text: String,
    chars: Vec<CharInfo>,
    rtl: bool,
}

/// Normalises whitespace, drops control characters, picks a face per
/// character and resolves bidi levels.
fn prepare(shaper: &Shaper, spans: &[Span], default_colour: Colour) -> Prepared {
    let fonts = shaper.fonts();
    let mut text = String::new();
    let mut chars: Vec<CharInfo> = Vec::new();
    let mut any_rtl = false;
    for span in spans {
        let colour = span.colour.unwrap_or(default_colour);
        for ch in span.text.chars() {
            let previous = chars.last().filter(|c| c.kind == Kind::Visible);
            let (kind, shown, face) = match ch {
                '\n' | '\u{2028}' | '\u{2029}' => {
                    (Kind::Break, '\n', FaceId::for_style(span.style))
                }
                '\u{00A0}' | '\u{2007}' | '\u{202F}' => {
                    (Kind::Visible, '\u{00A0}', FaceId::for_style(span.style))
                }
                c if c.is_whitespace() => (Kind::Space, ' ', FaceId::for_style(span.style)),
                c if c.is_control() => continue,
                c if is_default_ignorable(c) => {
                    let face = previous.map_or(FaceId::for_style(span.style), |p| p.face);
                    (Kind::Visible, c, face)
                }
                c if is_combining_mark(c)
                    && previous.is_some_and(|p| fonts.has_glyph(p.face, c)) =>
                {
                    let face = previous.map_or(FaceId::for_style(span.style), |p| p.face);
                    (Kind::Visible, c, face)
                }
                c => match fonts.coverage(span.style, c) {
                    Coverage::Face(face) => (Kind::Visible, c, face),
                    // Drawn as the face's U+FFFD glyph; the text keeps `c`.
                    Coverage::Replace(face) => (Kind::Visible, c, face),
                },
            };
            any_rtl |= is_rtl_char(shown);
            let byte = text.len();
            text.push(shown);
            chars.push(CharInfo {
                byte,
                end: text.len(),
                kind,
                face,
                style: span.style,
                colour,
                level: 0,
            });
        }
    }
    let mut rtl = false;
    if any_rtl {
        let bidi = BidiInfo::new(&text, None);
        rtl = bidi.paragraphs.first().is_some_and(|p| p.level.is_rtl());
        for info in &mut chars {
            if let Some(level) = bidi.levels.get(info.byte) {
                info.level = level.number();
            }
        }
    }
    Prepared { text, chars, rtl }
}

/// A strong right-to-left character or an explicit right-to-left control.
fn is_rtl_char(ch: char) -> bool {
    matches!(ch,
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}'
        | '\u{200F}' | '\u{202B}' | '\u{202E}' | '\u{2067}')
}

/// Characters of one face, colour and bidi level, shaped together.
#[derive(Debug, Clone, PartialEq)]
struct Atom {
    text: String,
    face: FaceId,
    colour: Colour,
    level: u8,
    glyphs: Arc<[Glyph]>,
    width: f32,
}

/// Atoms between two break opportunities.
#[derive(Debug, Clone, PartialEq, Default)]
struct Word {
    atoms: Vec<Atom>,
    width: f32,
    /// Width of the space that follows, 0 if none.
    space: f32,
    /// Bidi level of that space.
    space_level: u8,
    /// A forced line break follows.
    hard_break: bool,
}

fn shape_words(shaper: &mut Shaper, prepared: &Prepared, size: f32) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut start: Option<usize> = None;
    let chars = &prepared.chars;
    for (i, info) in chars.iter().enumerate() {
        match info.kind {
            Kind::Visible => {
                start.get_or_insert(i);
            }
            Kind::Space | Kind::Break => {
                if let Some(first) = start.take() {
                    words.push(shape_word(shaper, prepared, &chars[first..i], size));
                }
                if info.kind == Kind::Space {
                    // Leading spaces and runs of spaces collapse into one.
                    if let Some(last) = words.last_mut().filter(|w| !w.hard_break && w.space == 0.0)
                    {
                        last.space = shaper.width(" ", FaceId::for_style(info.style), size);
                        last.space_level = info.level;
                    }
                } else {
                    match words.last_mut() {
                        Some(last) if !last.hard_break => last.hard_break = true,
                        // An empty line.
                        _ => words.push(Word {
                            hard_break: true,
                            ..Word::default()
                        }),
                    }
                }
            }
        }
    }
    if let Some(first) = start {
        words.push(shape_word(shaper, prepared, &chars[first..], size));
    }
    words
}

fn shape_word(shaper: &mut Shaper, prepared: &Prepared, chars: &[CharInfo], size: f32) -> Word {
    let text = &prepared.text;
    let (Some(first), Some(last)) = (chars.first(), chars.last()) else {
        return Word::default();
    };
    let (word_start, word_end) = (first.byte, last.end);
    let mut atoms = Vec::new();
    let mut atom_start = 0;
    for i in 1..=chars.len() {
        let boundary = chars.get(i).is_none_or(|next| {
            let current = &chars[atom_start];
            next.face != current.face
                || next.colour != current.colour
                || next.level != current.level
        });
        if !boundary {
            continue;
        }
        let head = &chars[atom_start];
        let (from, to) = (head.byte, chars[i - 1].end);
        let rtl = head.level % 2 == 1;
        let shaped = shaper.shape(
            &text[from..to],
            head.face,
            size,
            rtl,
            &text[word_start..from],
            &text[to..word_end],
        );
        atoms.push(Atom {
            text: text[from..to].to_owned(),
            face: head.face,
            colour: head.colour,
            level: head.level,
            glyphs: shaped.glyphs,
            width: shaped.width,
        });
        atom_start = i;
    }
    let width = atoms.iter().map(|a| a.width).sum();
    Word {
        atoms,
        width,
        ..Word::default()
    }
}

/// An atom or a space on a line, before visual reordering.
#[derive(Debug, Clone, PartialEq)]
enum LineBox {
    Atom(Atom),
    Space { width: f32, level: u8 },
}

impl LineBox {
    fn level(&self) -> u8 {
        match self {
            LineBox::Atom(atom) => atom.level,
            LineBox::Space { level, .. } => *level,
        }
    }

    fn width(&self) -> f32 {
        match self {
            LineBox::Atom(atom) => atom.width,
            LineBox::Space { width, .. } => *width,
        }
    }
}

const FIT_TOLERANCE: f32 = 0.01;

/// Greedy line breaking at spaces; over-long words are cut between characters.
fn break_lines(words: Vec<Word>, max_width: f32) -> Vec<Vec<LineBox>> {
    let mut lines = Vec::new();
    let mut current: Vec<LineBox> = Vec::new();
    let mut current_width = 0.0;
    let mut pending_space: Option<(f32, u8)> = None;
    for word in words {
        let gap = if current.is_empty() {
            0.0
        } else {
            pending_space.map_or(0.0, |(w, _)| w)
        };
        if word.atoms.is_empty() {
            // Only a forced break.
        } else if current_width + gap + word.width <= max_width + FIT_TOLERANCE {
            push_word(
                &mut current,
                &mut current_width,
                gap,
                pending_space,
                word.atoms,
            );
        } else if word.width <= max_width + FIT_TOLERANCE {
            lines.push(std::mem::take(&mut current));
            current_width = 0.0;
            push_word(&mut current, &mut current_width, 0.0, None, word.atoms);
        } else {
            let room = if current.is_empty() {
                max_width
            } else {
                max_width - current_width - gap
            };
            let chunks = split_word(&word, room, max_width);
            for (i, chunk) in chunks.into_iter().enumerate() {
                if chunk.is_empty() {
                    // Nothing fitted in the room left: continue on a new line.
                    lines.push(std::mem::take(&mut current));
                    current_width = 0.0;
                    continue;
                }
                if i > 0 && !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                    current_width = 0.0;
                }
                let gap = if current.is_empty() { 0.0 } else { gap };
                push_word(&mut current, &mut current_width, gap, pending_space, chunk);
            }
        }
        pending_space = (word.space > 0.0).then_some((word.space, word.space_level));
        if word.hard_break {
            lines.push(std::mem::take(&mut current));
            current_width = 0.0;
            pending_space = None;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

fn push_word(
    line: &mut Vec<LineBox>,
    width: &mut f32,
    gap: f32,
    space: Option<(f32, u8)>,
    atoms: Vec<Atom>,
) {
    if gap > 0.0 {
        let level = space.map_or(0, |(_, level)| level);
        line.push(LineBox::Space { width: gap, level });
        *width += gap;
    }
    for atom in atoms {
        *width += atom.width;
        line.push(LineBox::Atom(atom));
    }
}

/// Glyphs of one cluster inside an atom.
#[derive(Debug, Clone, Copy)]
struct ClusterGroup {
    atom: usize,
    glyph_start: usize,
    glyph_end: usize,
    text_start: usize,
    text_end: usize,
    width: f32,
}

/// Cuts a word between characters into pieces: the first no wider than
/// `first_room` (possibly empty), the others no wider than `max_width`.
fn split_word(word: &Word, first_room: f32, max_width: f32) -> Vec<Vec<Atom>> {
    let groups = cluster_groups(word);
    let mut chunks: Vec<Vec<ClusterGroup>> = vec![Vec::new()];
    let mut room = first_room;
    let mut used = 0.0;
    for group in groups {
        if used + group.width > room + FIT_TOLERANCE {
            let current_is_empty = chunks.last().is_none_or(Vec::is_empty);
            // A non-empty piece is full; an empty first piece means nothing fits
            // in the room left on the current line. An empty piece on a fresh
            // line takes the cluster even if it is wider than the line.
            if !current_is_empty || (chunks.len() == 1 && first_room < max_width) {
                chunks.push(Vec::new());
                room = max_width;
                used = 0.0;
            }
        }
        used += group.width;
        if let Some(chunk) = chunks.last_mut() {
            chunk.push(group);
        }
    }
    chunks
        .into_iter()
        .map(|groups| materialise(word, &groups))
        .collect()
}

/// The clusters of a word in logical order.
fn cluster_groups(word: &Word) -> Vec<ClusterGroup> {
    let mut all = Vec::new();
    for (atom_idx, atom) in word.atoms.iter().enumerate() {
        let mut visual: Vec<ClusterGroup> = Vec::new();
        for (i, glyph) in atom.glyphs.iter().enumerate() {
            match visual.last_mut() {
                Some(group) if atom.glyphs[group.glyph_start].cluster == glyph.cluster => {
                    group.glyph_end = i + 1;
                    group.width += glyph.advance;
                }
                _ => visual.push(ClusterGroup {
                    atom: atom_idx,
                    glyph_start: i,
                    glyph_end: i + 1,
                    text_start: glyph.cluster as usize,
                    text_end: 0,
                    width: glyph.advance,
                }),
            }
        }
        if atom.level % 2 == 1 {
            visual.reverse();
        }
        let mut logical = visual;
        logical.sort_by_key(|g| g.text_start);
        let ends: Vec<usize> = logical
            .iter()
            .skip(1)
            .map(|g| g.text_start)
            .chain(std::iter::once(atom.text.len()))
            .collect();
        for (group, end) in logical.iter_mut().zip(ends) {
            group.text_end = end;
        }
        all.extend(logical);
    }
    all
}

/// Rebuilds atoms from consecutive cluster groups.
fn materialise(word: &Word, groups: &[ClusterGroup]) -> Vec<Atom> {
    let mut atoms = Vec::new();
    let mut i = 0;
    while i < groups.len() {
        let atom_idx = groups[i].atom;
        let mut j = i;
        while j < groups.len() && groups[j].atom == atom_idx {
            j += 1;
        }
        let run = &groups[i..j];
        if let (Some(atom), Some(first), Some(last)) =
            (word.atoms.get(atom_idx), run.first(), run.last())
        {
            let glyph_start = run
                .iter()
                .map(|g| g.glyph_start)
                .min()
                .unwrap_or(first.glyph_start);
            let glyph_end = run
                .iter()
                .map(|g| g.glyph_end)
                .max()
                .unwrap_or(last.glyph_end);
            let (text_start, text_end) = (first.text_start, last.text_end);
            let glyphs: Arc<[Glyph]> = atom.glyphs[glyph_start..glyph_end]
                .iter()
                .map(|g| Glyph {
                    cluster: g.cluster.saturating_sub(text_start as u32),
                    ..*g
                })
                .collect();
            let width = glyphs.iter().map(|g| g.advance).sum();
            atoms.push(Atom {
                text: atom
                    .text
                    .get(text_start..text_end)
                    .unwrap_or_default()
                    .to_owned(),
                face: atom.face,
                colour: atom.colour,
                level: atom.level,
                glyphs,
                width,
            });
        }
        i = j;
    }
    atoms
}

/// Reorders a line visually (bidi rule L2) and places its runs.
fn position(mut boxes: Vec<LineBox>, size: f32, max_width: f32, align: Align) -> Line {
    while matches!(boxes.last(), Some(LineBox::Space { .. })) {
        boxes.pop();
    }
    while matches!(boxes.first(), Some(LineBox::Space { .. })) {
        boxes.remove(0);
    }
    let highest = boxes.iter().map(LineBox::level).max().unwrap_or(0);
    let lowest_odd = boxes
        .iter()
        .map(LineBox::level)
        .filter(|l| l % 2 == 1)
        .min();
    if let Some(lowest_odd) = lowest_odd {
        for level in (lowest_odd..=highest).rev() {
            let mut i = 0;
            while i < boxes.len() {
                if boxes[i].level() >= level {
                    let start = i;
                    while i < boxes.len() && boxes[i].level() >= level {
                        i += 1;
                    }
                    boxes[start..i].reverse();
                } else {
                    i += 1;
                }
            }
        }
    }
    let width: f32 = boxes.iter().map(LineBox::width).sum();
    let offset = if max_width.is_finite() {
        match align {
            Align::Right => (max_width - width).max(0.0),
            Align::Centre => ((max_width - width) / 2.0).max(0.0),
            Align::Left | Align::Start => 0.0,
        }
    } else {
        0.0
    };
    let mut x = offset;
    let mut runs = Vec::new();
    for b in boxes {
        match b {
            LineBox::Space { width, .. } => x += width,
            LineBox::Atom(atom) => {
                runs.push(TextRun {
                    origin: Point::new(x, 0.0),
                    size,
                    face: atom.face,
                    colour: atom.colour,
                    text: atom.text,
                    glyphs: atom.glyphs,
                    width: atom.width,
                });
                x += atom.width;
            }
        }
    }
    Line { runs, width }
}

#[cfg(test)]
mod tests;
