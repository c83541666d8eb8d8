//! Checks of a scored question's recommendations.
//!
//! Invariant: a scored question has four non-blank recommendations, the n-th
//! saying how to go from level n to n + 1.

use std::ops::Range;

use toml::Spanned;

use super::validator::Validator;
use crate::bank::issue::BankProblem;

impl Validator<'_> {
    /// The recommendations, trimmed and in level order.
    pub(super) fn recommendations(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        raw: Option<&Spanned<Vec<Spanned<String>>>>,
    ) -> Vec<String> {
        let Some(raw) = raw else {
            self.push(
                file,
                Some(id_span.clone()),
                item,
                BankProblem::MissingField {
                    field: "recommendations",
                },
            );
            return Vec::new();
        };
        let list = raw.get_ref();
        if list.len() != 4 {
            self.push(
                file,
                Some(raw.span()),
                item,
                BankProblem::RecommendationCount { found: list.len() },
            );
        }
        for (index, text) in list.iter().enumerate() {
            if text.get_ref().trim().is_empty() {
                self.push(
                    file,
                    Some(text.span()),
                    item,
                    BankProblem::EmptyRecommendation { index },
                );
            }
        }
        list.iter().map(|t| t.get_ref().trim().to_owned()).collect()
    }
}
