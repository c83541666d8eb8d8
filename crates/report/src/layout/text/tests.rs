//! Line breaking, shaping and positioning on hand-made text.

use super::*;
use crate::fonts::{FontSet, REPLACEMENT};

fn shaper() -> Shaper {
    Shaper::new(FontSet::get().expect("embedded fonts parse"))
}

/// Flows `text` into `width` and returns each line's text, words joined by
/// a space, plus the widest line.
fn check(text: &str, width: f32, expected: &[&str]) -> f32 {
    let mut shaper = shaper();
    let lines = flow(
        &mut shaper,
        &[Span::regular(text)],
        10.0,
        Colour::rgb(0, 0, 0),
        width,
        Align::Left,
    );
    let texts: Vec<String> = lines
        .iter()
        .map(|l| {
            l.runs
                .iter()
                .map(|r| r.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(texts, expected);
    lines.iter().map(|l| l.width).fold(0.0, f32::max)
}

#[test]
fn short_text_stays_on_one_line() {
    check("Board summary", 200.0, &["Board summary"]);
}

#[test]
fn lines_break_at_spaces_using_font_metrics() {
    let widest = check(
        "The plant halted for five weeks after the attack",
        120.0,
        &["The plant halted for five", "weeks after the attack"],
    );
    assert!(widest <= 120.0, "{widest}");
}

#[test]
fn runs_of_spaces_collapse() {
    check("  cyber   resilience  ", 500.0, &["cyber resilience"]);
}

#[test]
fn newline_forces_a_break_and_blank_lines_survive() {
    check("one\ntwo\n\nthree", 500.0, &["one", "two", "", "three"]);
}

#[test]
fn a_word_longer_than_the_line_is_cut_between_characters() {
    let word = "x".repeat(200);
    let mut shaper = shaper();
    let lines = flow(
        &mut shaper,
        &[Span::regular(format!("ab {word} cd"))],
        10.0,
        Colour::rgb(0, 0, 0),
        100.0,
        Align::Left,
    );
    assert!(lines.len() > 5, "{}", lines.len());
    for line in &lines {
        assert!(line.width <= 100.0 + FIT_TOLERANCE, "{}", line.width);
    }
    let joined: String = lines
        .iter()
        .flat_map(|l| l.runs.iter().map(|r| r.text.clone()))
        .collect();
    assert_eq!(joined, format!("ab{word}cd"));
}

#[test]
fn cjk_without_spaces_fills_lines_in_the_cjk_face() {
    let mut shaper = shaper();
    let lines = flow(
        &mut shaper,
        &[Span::regular("漢字".repeat(40))],
        10.0,
        Colour::rgb(0, 0, 0),
        80.0,
        Align::Left,
    );
    assert!(lines.len() > 3);
    for line in &lines {
        assert!(line.width <= 80.0 + FIT_TOLERANCE);
        for run in &line.runs {
            assert!(run.text.chars().all(|c| c == '漢' || c == '字'));
            assert_eq!(run.face, FaceId::Cjk);
            assert!(run.glyphs.iter().all(|g| g.id != 0), "no .notdef");
        }
    }
}

#[test]
fn text_after_a_missing_glyph_continues() {
    let mut shaper = shaper();
    let lines = flow(
        &mut shaper,
        &[Span::regular("risk \u{13000} rating")],
        10.0,
        Colour::rgb(0, 0, 0),
        500.0,
        Align::Left,
    );
    let texts: Vec<&str> = lines[0].runs.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["risk", "\u{13000}", "rating"]);
    let fonts = shaper.fonts();
    let replacement = fonts.glyph(FaceId::Fallback, REPLACEMENT);
    assert_eq!(Some(lines[0].runs[1].glyphs[0].id), replacement);
}

#[test]
fn mixed_scripts_use_the_fallback_face_per_character() {
    let mut shaper = shaper();
    let lines = flow(
        &mut shaper,
        &[Span::regular("Zürich–שלום")],
        10.0,
        Colour::rgb(0, 0, 0),
        500.0,
        Align::Left,
    );
    let faces: Vec<FaceId> = lines[0].runs.iter().map(|r| r.face).collect();
    assert_eq!(faces, [FaceId::Regular, FaceId::Fallback]);
}

#[test]
fn rtl_paragraph_is_right_aligned_and_reordered() {
    let mut shaper = shaper();
    let lines = flow(
        &mut shaper,
        &[Span::regular("אחת שתיים")],
        10.0,
        Colour::rgb(0, 0, 0),
        300.0,
        Align::Start,
    );
    let line = &lines[0];
    assert_eq!(line.runs.len(), 2);
    // The first word in reading order is the rightmost.
    assert_eq!(line.runs[1].text, "אחת");
    assert!(line.runs[0].origin.x > 200.0);
    let right = line.runs[1].origin.x + line.runs[1].width;
    assert!((right - 300.0).abs() < 0.01, "{right}");
}

#[test]
fn combining_marks_stay_with_their_base() {
    let mut shaper = shaper();
    let line = single_line(
        &mut shaper,
        "e\u{301}te\u{301}",
        FontStyle::Regular,
        10.0,
        Colour::rgb(0, 0, 0),
    );
    assert_eq!(line.runs.len(), 1);
    assert_eq!(line.runs[0].face, FaceId::Regular);
}

#[test]
fn control_characters_are_dropped() {
    check("a\u{7}b\tc", 500.0, &["ab c"]);
}
