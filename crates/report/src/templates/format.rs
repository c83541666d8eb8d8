//! How the report writes numbers, dates, answers and states, and the colours
//! that mark a score's band.
//!
//! Invariant: every template formats through here, so one score, amount or
//! answer reads the same on every page. User text passes through unchanged
//! (it is set as plain text by the layout, never interpreted).

use chrono::{DateTime, Utc};
use ironbridge_core::Level;
use ironbridge_core::assessment::{Assessment, Response};
use ironbridge_core::bank::{AnswerKind, Question, Unit};
use ironbridge_core::narrative::format_money;
use ironbridge_core::scoring::AnswerState;

use crate::style::{Colour, Theme};

/// Scores below this are weak (red band).
pub const WEAK_BELOW: f64 = 40.0;
/// Scores at or above this are strong (green band).
pub const STRONG_FROM: f64 = 70.0;

/// Brick red for weak scores and critical findings.
pub const RED: Colour = Colour::rgb(0xb0, 0x3a, 0x2e);
/// Ochre for middling scores and high findings.
pub const AMBER: Colour = Colour::rgb(0xb9, 0x77, 0x0e);
/// Green for strong scores.
pub const GREEN: Colour = Colour::rgb(0x2e, 0x7d, 0x4f);

/// A score as a whole number, or a dash when there is none.
pub fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "\u{2014}".to_owned(), |v| format!("{v:.0}"))
}

/// The colour of a score's band (the theme's muted grey when there is none).
pub fn band_colour(value: Option<f64>, theme: &Theme) -> Colour {
    match value {
        None => theme.muted,
        Some(v) if v < WEAK_BELOW => RED,
        Some(v) if v < STRONG_FROM => AMBER,
        Some(_) => GREEN,
    }
}

/// A date as a reader writes it: `24 November 2025`.
pub fn long_date(date: DateTime<Utc>) -> String {
    date.format("%-d %B %Y").to_string()
}

/// A calendar date as a reader writes it.
pub fn naive_date(date: chrono::NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// A count with its noun, plural when needed: `1 question`, `3 questions`.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

/// A number without a needless fraction: `3`, `2.5`.
pub fn number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// An amount in the assessment's currency.
pub fn money(amount: f64, assessment: &Assessment) -> String {
    format_money(amount, &assessment.organisation.currency)
}

/// An amount rounded as the whole report rounds amounts: `£12.4m`, `£85k`,
/// `£740` (never `inf` or `NaN`: an amount that is not finite is a dash).
pub fn money_brief(amount: f64, assessment: &Assessment) -> String {
    ironbridge_core::exposure::money_short(amount, &assessment.organisation.currency)
}

/// The name of an answer state, for tables.
pub fn state(state: AnswerState) -> &'static str {
    match state {
        AnswerState::Answered => "Answered",
        AnswerState::Unknown => "Unknown",
        AnswerState::NotApplicable => "Not applicable",
        AnswerState::Unanswered => "Not answered",
    }
}

/// A level with its number: `Level 2`.
pub fn level(level: Level) -> String {
    format!("Level {level}")
}

/// A response in words: the level and its descriptor, the choice's label,
/// the number with its unit, unknown, or not applicable with the reason.
pub fn answer(question: &Question, response: Option<&Response>, assessment: &Assessment) -> String {
    let Some(response) = response else {
        return "Not answered".to_owned();
    };
    match response {
        Response::Level(l) => match question.level_descriptor(*l) {
            Some(descriptor) => format!("Level {l}: {descriptor}"),
            None => level(*l),
        },
        Response::Choice(value) => match &question.kind {
            AnswerKind::Choice { options } => options
                .iter()
                .find(|o| &o.value == value)
                .map_or_else(|| value.clone(), |o| o.label.clone()),
            _ => value.clone(),
        },
        Response::YesNo(true) => "Yes".to_owned(),
        Response::YesNo(false) => "No".to_owned(),
        Response::Number(n) => match &question.kind {
            AnswerKind::Number { unit, .. } => match unit {
                Unit::Money => money(*n, assessment),
                Unit::Hours => format!("{} hours", number(*n)),
                Unit::Percent => format!("{}%", number(*n)),
                Unit::Count => number(*n),
            },
            _ => number(*n),
        },
        Response::Unknown => "Unknown: nobody present knew (scored as level 0)".to_owned(),
        Response::NotApplicable(reason) if reason.trim().is_empty() => "Not applicable".to_owned(),
        Response::NotApplicable(reason) => format!("Not applicable: {reason}"),
    }
}

/// The text cut to at most `max` characters at a word boundary where one
/// is near, with an ellipsis when it was cut (for the cover, where a name
/// must not push the page over).
pub fn cut(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let head: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word = head
        .rfind(char::is_whitespace)
        .filter(|i| *i > head.len() * 2 / 3)
        .map_or(head.as_str(), |i| &head[..i]);
    format!("{}\u{2026}", at_word.trim_end())
}

/// Splits narrative text into paragraphs at blank lines.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.trim().is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current.clear();
        } else {
            if !current.is_empty() {
                current.push('\n');
            }
            current.push_str(line);
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}

/// Items as a sentence lists them: "a", "a and b", "a, b and c".
pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_round_and_missing_scores_are_dashes() {
        assert_eq!(score(Some(43.75)), "44");
        assert_eq!(score(None), "\u{2014}");
    }

    #[test]
    fn paragraphs_split_at_blank_lines_only() {
        assert_eq!(
            paragraphs("One\nstill one\n\n\n  \nTwo\n"),
            ["One\nstill one", "Two"]
        );
        assert!(paragraphs("  \n").is_empty());
    }

    #[test]
    fn bands_follow_the_thresholds() {
        let theme = Theme::default();
        assert_eq!(band_colour(Some(39.9), &theme), RED);
        assert_eq!(band_colour(Some(40.0), &theme), AMBER);
        assert_eq!(band_colour(Some(70.0), &theme), GREEN);
        assert_eq!(band_colour(None, &theme), theme.muted);
    }

    #[test]
    fn money_never_prints_inf_or_nan() {
        let demo = Assessment::from_json(ironbridge_core::embedded::DEMO_ASSESSMENT)
            .expect("the demo parses");
        assert_eq!(money_brief(12_400_000.0, &demo), "£12.4m");
        for odd in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
            assert_eq!(money_brief(odd, &demo), "\u{2014}", "{odd}");
            assert_eq!(money(odd, &demo), "\u{2014}", "{odd}");
        }
    }

    #[test]
    fn cut_keeps_short_text_and_cuts_long_text_with_an_ellipsis() {
        assert_eq!(cut("Wrenmoor Ltd", 20), "Wrenmoor Ltd");
        let long = cut(&"Precision Components ".repeat(10), 40);
        assert!(long.ends_with('\u{2026}'), "{long}");
        assert!(long.chars().count() <= 40, "{long}");
        assert_eq!(cut(&"x".repeat(50), 10).chars().count(), 10);
    }

    #[test]
    fn numbers_drop_needless_fractions() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(count(1, "question", "questions"), "1 question");
        assert_eq!(count(0, "question", "questions"), "0 questions");
    }

    #[test]
    fn lists_join_as_a_sentence() {
        let items = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(join_and(&items(&[])), "");
        assert_eq!(join_and(&items(&["a"])), "a");
        assert_eq!(join_and(&items(&["a", "b"])), "a and b");
        assert_eq!(join_and(&items(&["a", "b", "c"])), "a, b and c");
    }
}
