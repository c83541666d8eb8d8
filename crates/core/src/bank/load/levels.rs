//! Checks of a maturity question's level descriptors.
//!
//! Invariant: a maturity question has exactly five descriptors, level 0 first,
//! each non-blank and distinct from the levels below it.

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
        levels
            .into_iter()
            .map(|t| t.into_inner().trim().to_owned())
            .collect()
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
