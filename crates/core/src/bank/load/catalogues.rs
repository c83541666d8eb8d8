//! Checks of `[bank] frameworks`: the catalogue files the bank's references cite.
//!
//! Invariant: the selection names shipped catalogues, each once, and at most
//! one per prefix, so a reference's prefix names exactly one catalogue; when
//! the key is absent the selection is bank 1's ([`V1_FRAMEWORKS`]).

use std::ops::Range;

use toml::Spanned;

use super::validator::Validator;
use crate::bank::issue::BankProblem;
use crate::frameworks::V1_FRAMEWORKS;

impl Validator<'_> {
    /// Checks the selection, makes it the one references are checked against,
    /// and returns the file ids kept.
    pub(super) fn select_catalogues(
        &mut self,
        file: usize,
        header_span: &Range<usize>,
        raw: Option<Spanned<Vec<Spanned<String>>>>,
    ) -> Vec<String> {
        let Some(raw) = raw else {
            let ids: Vec<String> = V1_FRAMEWORKS.iter().map(|s| (*s).to_owned()).collect();
            self.selected = self.catalogue.select(&ids);
            return ids;
        };
        let list_span = raw.span();
        let mut ids: Vec<String> = Vec::new();
        for entry in raw.into_inner() {
            let span = entry.span();
            let id = entry.into_inner();
            if let Some(problem) = self.catalogue_problem(&ids, &id) {
                self.push(file, Some(span), None, problem);
            } else {
                ids.push(id);
            }
        }
        if ids.is_empty() {
            let span = if list_span.is_empty() {
                header_span.clone()
            } else {
                list_span
            };
            self.push(file, Some(span), None, BankProblem::NoCatalogues);
        }
        self.selected = self.catalogue.select(&ids);
        ids
    }

    /// What is wrong with adding catalogue `id` to those kept so far, if anything.
    fn catalogue_problem(&self, kept: &[String], id: &str) -> Option<BankProblem> {
        let Some(framework) = self.catalogue.by_id(id) else {
            return Some(BankProblem::UnknownCatalogue {
                id: id.to_owned(),
                known: self.catalogue.ids().collect::<Vec<_>>().join(", "),
            });
        };
        if kept.iter().any(|k| k == id) {
            return Some(BankProblem::DuplicateCatalogue { id: id.to_owned() });
        }
        let same_prefix = kept.iter().find(|k| {
            self.catalogue
                .by_id(k)
                .is_some_and(|f| f.prefix == framework.prefix)
        })?;
        Some(BankProblem::TwoEditions {
            prefix: framework.prefix.clone(),
            first: same_prefix.clone(),
            second: id.to_owned(),
        })
    }
}
