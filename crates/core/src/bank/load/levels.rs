//! Checks of a maturity question's level descriptors.
//!
//! Invariant: a maturity question has exactly five descriptors, level 0 first,
//! each non-blank and distinct from the levels below it. From bank version 2
//! on, no descriptor builds on level 0 or 1 ("As level 1, and …", "Everything
//! in level 1, and …"): those levels describe a failing state, and under the
//! partial-fit rule every condition a level names must be checkable on its own.

use std::ops::Range;

use toml::Spanned;

use super::validator::Validator;
use crate::bank::issue::BankProblem;

impl Validator<'_> {
    /// The five level descriptors, trimmed.
    pub(super) fn levels(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        raw: Option<Spanned<Vec<Spanned<String>>>>,
    ) -> Vec<String> {
        let Some(raw) = raw else {
            self.push(
                file,
                Some(id_span.clone()),
                item,
                BankProblem::MissingField { field: "levels" },
            );
            return Vec::new();
        };
        let span = raw.span();
        let levels = raw.into_inner();
        if levels.len() != 5 {
            self.push(
                file,
                Some(span),
                item,
                BankProblem::LevelCount {
                    found: levels.len(),
                },
            );
        }
        self.check_level_texts(file, item, &levels);
        if self.v2_rules {
            self.check_no_failing_base(file, item, &levels);
        }
        levels
            .into_iter()
            .map(|t| t.into_inner().trim().to_owned())
            .collect()
    }

    /// Reports each descriptor that opens by building on level 0 or 1.
    fn check_no_failing_base(
        &mut self,
        file: usize,
        item: Option<&str>,
        levels: &[Spanned<String>],
    ) {
        for (level, text) in levels.iter().enumerate() {
            if let Some((lower, start)) = failing_base(text.get_ref()) {
                self.push(
                    file,
                    Some(text.span()),
                    item,
                    BankProblem::LevelExtendsFailing {
                        level,
                        lower,
                        start,
                    },
                );
            }
        }
    }

    /// Reports each blank descriptor, and each one repeating a lower level's.
    fn check_level_texts(&mut self, file: usize, item: Option<&str>, levels: &[Spanned<String>]) {
        for (level, text) in levels.iter().enumerate() {
            if text.get_ref().trim().is_empty() {
                self.push(
                    file,
                    Some(text.span()),
                    item,
                    BankProblem::EmptyLevel { level },
                );
            } else if let Some(first) = levels[..level]
                .iter()
                .position(|t| t.get_ref().trim() == text.get_ref().trim())
            {
                self.push(
                    file,
                    Some(text.span()),
                    item,
                    BankProblem::DuplicateLevel {
                        first,
                        second: level,
                    },
                );
            }
        }
    }
}

/// The failing level (0 or 1) a descriptor opens by building on, with its
/// opening words: "As level 1", "Everything in level 0", in any case.
fn failing_base(text: &str) -> Option<(usize, String)> {
    let trimmed = text.trim_start();
    let lower = trimmed.to_lowercase();
    for opening in ["as level ", "everything in level ", "everything at level "] {
        let Some(rest) = lower.strip_prefix(opening) else {
            continue;
        };
        let digit = rest.bytes().next()?;
        let next_is_digit = rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit);
        if (digit == b'0' || digit == b'1') && !next_is_digit {
            let end = opening.len() + 1;
            let start = trimmed.get(..end).unwrap_or(trimmed).to_owned();
            return Some((usize::from(digit - b'0'), start));
        }
    }
    None
}
