//! The issue collector every check of a bank writes to, and the field checks
//! shared by all parts of the bank.
//!
//! Invariant: an issue's line is always computed from the source it names, so
//! `file:line` in a message points at the TOML that caused it.

use std::collections::BTreeSet;
use std::ops::Range;

use toml::Spanned;

use super::Source;
use crate::bank::issue::{BankIssue, BankProblem};
use crate::frameworks::{Catalogue, V1_FRAMEWORKS};

/// The sources being validated, the catalogues available and those the bank
/// selects (references are checked against the selection), the rules in force
/// and the issues found so far, in the order found.
pub(super) struct Validator<'a> {
    pub(super) sources: &'a [Source<'a>],
    pub(super) catalogue: &'a Catalogue,
    /// The catalogues the bank's header selects; bank 1's set until it is read.
    pub(super) selected: Catalogue,
    /// Whether the bank is version 2 or later, whose levels follow the partial-fit rule.
    pub(super) v2_rules: bool,
    pub(super) issues: Vec<BankIssue>,
}

/// The problems an item kind's id is reported as: malformed, or used twice.
pub(super) struct IdProblems {
    pub(super) bad: fn(String) -> BankProblem,
    pub(super) duplicate: fn(String) -> BankProblem,
}

impl<'a> Validator<'a> {
    /// A validator with no issues yet.
    pub(super) fn new(sources: &'a [Source<'a>], catalogue: &'a Catalogue) -> Self {
        Validator {
            sources,
            catalogue,
            selected: catalogue.select(V1_FRAMEWORKS),
            v2_rules: false,
            issues: Vec::new(),
        }
    }
}

impl Validator<'_> {
    /// Records a problem in source `file` at `span` (its line, when both are known).
    pub(super) fn push(
        &mut self,
        file: usize,
        span: Option<Range<usize>>,
        item: Option<&str>,
        problem: BankProblem,
    ) {
        let source = self.sources.get(file);
        let line = match (source, span) {
            (Some(s), Some(span)) => Some(line_of(s.text, span.start)),
            _ => None,
        };
        self.issues.push(BankIssue {
            file: source.map_or_else(String::new, |s| s.name.to_owned()),
            line,
            item: item.map(str::to_owned),
            problem,
        });
    }

    /// `name:line` of a span, as stored for "first defined at" messages.
    pub(super) fn place(&self, file: usize, span: &Range<usize>) -> String {
        let source = &self.sources[file];
        format!("{}:{}", source.name, line_of(source.text, span.start))
    }

    /// A text field that must be present and not blank; returns it trimmed, or
    /// an empty string after reporting the problem at `span`.
    pub(super) fn required_text(
        &mut self,
        file: usize,
        span: &Range<usize>,
        item: Option<&str>,
        value: Option<String>,
        field: &'static str,
    ) -> String {
        match value {
            Some(text) if !text.trim().is_empty() => text.trim().to_owned(),
            Some(_) => {
                self.push(
                    file,
                    Some(span.clone()),
                    item,
                    BankProblem::EmptyField { field },
                );
                String::new()
            }
            None => {
                self.push(
                    file,
                    Some(span.clone()),
                    item,
                    BankProblem::MissingField { field },
                );
                String::new()
            }
        }
    }

    /// A field that must be present: the value, or `None` after reporting it
    /// missing at `span` (the item's id).
    pub(super) fn required<T>(
        &mut self,
        file: usize,
        span: &Range<usize>,
        item: Option<&str>,
        value: Option<Spanned<T>>,
        field: &'static str,
    ) -> Option<Spanned<T>> {
        if value.is_none() {
            self.push(
                file,
                Some(span.clone()),
                item,
                BankProblem::MissingField { field },
            );
        }
        value
    }

    /// A score or index from 0 to 100 that must be present: kept even when out
    /// of range (reported as `out_of_range`), 0 after reporting it missing.
    pub(super) fn required_percent(
        &mut self,
        file: usize,
        span: &Range<usize>,
        item: Option<&str>,
        value: Option<Spanned<f64>>,
        field: &'static str,
        out_of_range: fn(f64) -> BankProblem,
    ) -> f64 {
        let Some(raw) = self.required(file, span, item, value, field) else {
            return 0.0;
        };
        let value = *raw.get_ref();
        if !(0.0..=100.0).contains(&value) {
            self.push(file, Some(raw.span()), item, out_of_range(value));
        }
        value
    }

    /// Reports an item id that is not `well_formed` and one already in `seen`,
    /// as the item kind's `problems`; records it in `seen`.
    pub(super) fn check_item_id(
        &mut self,
        file: usize,
        id: &str,
        span: &Range<usize>,
        seen: &mut BTreeSet<String>,
        well_formed: bool,
        problems: IdProblems,
    ) {
        if !well_formed {
            let problem = (problems.bad)(id.to_owned());
            self.push(file, Some(span.clone()), Some(id), problem);
        }
        if !seen.insert(id.to_owned()) {
            let problem = (problems.duplicate)(id.to_owned());
            self.push(file, Some(span.clone()), Some(id), problem);
        }
    }

    /// A weight that must be finite and positive; returns 1.0 after reporting one that is not.
    pub(super) fn positive(
        &mut self,
        file: usize,
        value: Spanned<f64>,
        item: Option<&str>,
        field: &'static str,
    ) -> f64 {
        let v = *value.get_ref();
        if v.is_finite() && v > 0.0 {
            v
        } else {
            self.push(
                file,
                Some(value.span()),
                item,
                BankProblem::BadWeight { field, value: v },
            );
            1.0
        }
    }
}

/// The 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
