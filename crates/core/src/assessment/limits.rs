//! The limits on what an assessment may hold: the length of every free text,
//! the number of rows and answers, and the range of every number a model
//! reads.
//!
//! Invariant: each limit is a named constant documented here, set well above
//! what a real workshop writes (the longest note seen in practice is a few
//! thousand characters; the largest manufacturer has revenue near 10^12) but
//! low enough that no field can make scoring, the exposure model or the
//! report do unbounded work: a 50 MB note once made a 60,162-page report.
//! [`Assessment::check`](super::Assessment::check) applies them all, so every
//! command (score, exposure, dependencies, report, import, save) refuses the
//! same fields in the same words.

use super::check::{AnswerProblem, Issues};
use super::{Assessment, Response};

/// The longest name or title: the assessment's title, names of people,
/// organisations, sites, systems and providers, roles, sectors, owners,
/// processes and certifications (a long legal name is under 200).
pub const MAX_NAME_CHARS: usize = 500;
/// The longest short description: a site's activity, a manual fallback.
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;
/// The longest note on an answer (about eight pages of the report).
pub const MAX_NOTE_CHARS: usize = 20_000;
/// The longest justification of a "not applicable" answer.
pub const MAX_JUSTIFICATION_CHARS: usize = 5_000;
/// The longest narrative text: the executive summary, one domain's findings.
pub const MAX_NARRATIVE_CHARS: usize = 20_000;
/// The most answers, and the most target overrides, an assessment may hold
/// (a bank has about a hundred questions).
pub const MAX_ANSWERS: usize = 1_000;
/// The most rows in one register (systems, providers): a register of
/// critical systems holds ten to fifty. The dependency analysis and the
/// report grow with rows times references: at this limit, with every list
/// full, the report has about 900 pages.
pub const MAX_REGISTER_ROWS: usize = 100;
/// The most entries in one list of a record: participants, sites, the
/// processes, dependencies, reaches and certifications of a register row,
/// narrative findings (a workshop has a dozen people; a large group a few
/// dozen sites; a provider may reach every system of a full register).
pub const MAX_LIST_ITEMS: usize = 100;
/// The largest amount of money, in the assessment's currency (10^13: ten
/// times the revenue of the largest company in the world).
pub const MAX_AMOUNT: f64 = 1e13;
/// The longest duration in hours (ten years): RTO, RPO, waiting periods.
pub const MAX_HOURS: f64 = 87_600.0;
/// The longest duration in days (ten years): a manual fallback.
pub const MAX_DAYS: f64 = 3_650.0;
/// The largest plain count an answer may give.
pub const MAX_COUNT: f64 = 1e9;
/// The most employees (the largest employer in the world has about 2.1 million).
pub const MAX_EMPLOYEES: u32 = 10_000_000;

/// The length of `text` in characters when it is over `max`.
pub(crate) fn over(text: &str, max: usize) -> Option<usize> {
    // Bytes bound characters from above: most texts are decided without counting.
    if text.len() <= max {
        return None;
    }
    let chars = text.chars().count();
    (chars > max).then_some(chars)
}

/// A value as a message quotes it: cut short when it is beyond any name's
/// length, so a huge value is named without being repeated whole.
pub(crate) fn shown(text: &str) -> String {
    if text.len() <= MAX_NAME_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(40).collect();
    format!("{cut}…")
}

/// A count with thousands separators: `52,428,800`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number as a person reads it: `3,650`, `2.5`, `1e308`, `not a number`.
pub fn number_words(value: f64) -> String {
    if value.is_nan() {
        return "not a number".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 {
            "infinity"
        } else {
            "minus infinity"
        }
        .to_owned();
    }
    if value.abs() >= 1e15 {
        return format!("{value:e}");
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let whole = value.abs().trunc();
    let fraction = value.abs() - whole;
    // Below 10^15 the whole part is an exact integer that fits a usize on 64 bits.
    let mut text = format!("{sign}{}", grouped(whole as usize));
    if fraction > 0.0 {
        let decimals = format!("{fraction:.6}");
        text.push_str(decimals.trim_start_matches('0').trim_end_matches('0'));
    }
    text
}

impl Assessment {
    /// The limits on answers, target overrides and the narrative.
    pub(super) fn check_limits(&self, issues: &mut Issues) {
        if let (Some(completed), started) = (self.completed_on, self.started_on)
            && completed < started
        {
            issues.push(
                "completed_on".into(),
                None,
                AnswerProblem::CompletedBeforeStarted { started, completed },
            );
        }
        for (index, answer) in self.answers.iter().take(MAX_ANSWERS).enumerate() {
            let id = answer.question.as_str();
            if let Some(chars) = over(&answer.note, MAX_NOTE_CHARS) {
                issues.push(
                    format!("answers[{index}].note"),
                    Some(id),
                    too_long(format!("the note on question {id}"), chars, MAX_NOTE_CHARS),
                );
            }
            let text = match &answer.response {
                Some(Response::NotApplicable(why)) => Some(("the justification", why)),
                Some(Response::Choice(value)) => Some(("the choice", value)),
                _ => None,
            };
            if let Some((what, text)) = text {
                let max = if what == "the choice" {
                    MAX_NAME_CHARS
                } else {
                    MAX_JUSTIFICATION_CHARS
                };
                if let Some(chars) = over(text, max) {
                    issues.push(
                        format!("answers[{index}].response"),
                        Some(id),
                        too_long(format!("{what} on question {id}"), chars, max),
                    );
                }
            }
        }
        self.check_narrative(issues);
    }

    fn check_narrative(&self, issues: &mut Issues) {
        let edits = &self.narrative;
        if let Some(summary) = &edits.executive_summary
            && let Some(chars) = over(summary, MAX_NARRATIVE_CHARS)
        {
            issues.push(
                "narrative.executive_summary".into(),
                None,
                too_long(
                    "the executive summary".to_owned(),
                    chars,
                    MAX_NARRATIVE_CHARS,
                ),
            );
        }
        if edits.domain_findings.len() > MAX_LIST_ITEMS {
            issues.push(
                "narrative.domain_findings".into(),
                None,
                AnswerProblem::TooMany {
                    what: "edited domain findings".to_owned(),
                    count: edits.domain_findings.len(),
                    max: MAX_LIST_ITEMS,
                },
            );
            return;
        }
        for (code, text) in &edits.domain_findings {
            if let Some(chars) = over(text, MAX_NARRATIVE_CHARS) {
                issues.push(
                    format!("narrative.domain_findings.{code}"),
                    None,
                    too_long(
                        format!("the findings of domain {code}"),
                        chars,
                        MAX_NARRATIVE_CHARS,
                    ),
                );
            }
        }
    }
}

fn too_long(what: String, chars: usize, max: usize) -> AnswerProblem {
    AnswerProblem::TooLong { what, chars, max }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_numbers_read_as_a_person_writes_them() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(52_428_800), "52,428,800");
        assert_eq!(number_words(3650.0), "3,650");
        assert_eq!(number_words(-5.0), "-5");
        assert_eq!(number_words(2.5), "2.5");
        assert_eq!(number_words(1e13), "10,000,000,000,000");
        assert_eq!(number_words(1e308), "1e308");
        assert_eq!(number_words(f64::NAN), "not a number");
        assert_eq!(number_words(f64::NEG_INFINITY), "minus infinity");
    }

    #[test]
    fn over_counts_characters_not_bytes() {
        assert_eq!(over("abc", 3), None);
        assert_eq!(over("abcd", 3), Some(4));
        // Four two-byte characters: eight bytes, but four characters.
        assert_eq!(over("éééé", 4), None);
        assert_eq!(over("ééééé", 4), Some(5));
    }
}
