//! Checks of a question's answer kind and of the fields that only some kinds
//! take (`levels`, `options`, `min`/`max`).
//!
//! Invariant: a question with a missing or unknown kind is dropped, since
//! nothing about its answers can be checked; a kind-specific field on another
//! kind is reported, never silently ignored.

use std::ops::Range;

use toml::Spanned;

use super::validator::Validator;
use crate::bank::issue::BankProblem;
use crate::bank::raw::RawQuestion;
use crate::bank::{AnswerKind, Unit};

/// Which kind-specific fields a question gives, read before the kind is checked.
pub(super) struct KindFields {
    /// The span of `levels`, if given.
    levels: Option<Range<usize>>,
    /// The span of `options`, if given.
    options: Option<Range<usize>>,
    /// Whether `min` or `max` is given.
    min_or_max: bool,
}

impl KindFields {
    /// The kind-specific fields of a question as written.
    pub(super) fn of(raw: &RawQuestion) -> Self {
        KindFields {
            levels: raw.levels.as_ref().map(Spanned::span),
            options: raw.options.as_ref().map(Spanned::span),
            min_or_max: raw.min.is_some() || raw.max.is_some(),
        }
    }
}

impl Validator<'_> {
    /// The answer kind and its name as written, taking the levels or options it needs.
    pub(super) fn answer_kind(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        raw: &mut RawQuestion,
    ) -> Option<(AnswerKind, String)> {
        let Some(kind) = &raw.kind else {
            self.push(
                file,
                Some(id_span.clone()),
                item,
                BankProblem::MissingField { field: "kind" },
            );
            return None;
        };
        let kind_name = kind.get_ref().clone();
        let kind_span = kind.span();
        let kind = match kind_name.as_str() {
            "maturity" => AnswerKind::Maturity {
                levels: self.levels(file, id_span, item, raw.levels.take()),
            },
            "choice" => AnswerKind::Choice {
                options: self.options(file, id_span, item, raw.options.take()),
            },
            "yes_no" => AnswerKind::YesNo,
            "money" | "hours" | "number" | "percent" => {
                self.number_kind(file, id_span, item, &kind_name, raw)
            }
            other => {
                self.push(
                    file,
                    Some(kind_span),
                    item,
                    BankProblem::UnknownKind {
                        kind: other.to_owned(),
                    },
                );
                return None;
            }
        };
        Some((kind, kind_name))
    }

    /// A number kind: its unit, and its range (percentages default to 0–100,
    /// other numbers to a minimum of 0), which must be finite and ordered.
    fn number_kind(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        kind_name: &str,
        raw: &RawQuestion,
    ) -> AnswerKind {
        let unit = match kind_name {
            "money" => Unit::Money,
            "hours" => Unit::Hours,
            "percent" => Unit::Percent,
            _ => Unit::Count,
        };
        let (min, max) = match unit {
            Unit::Percent => (Some(raw.min.unwrap_or(0.0)), Some(raw.max.unwrap_or(100.0))),
            _ => (raw.min.or(Some(0.0)), raw.max),
        };
        if let (Some(min), Some(max)) = (min, max)
            && (min > max || !min.is_finite() || !max.is_finite())
        {
            self.push(
                file,
                Some(id_span.clone()),
                item,
                BankProblem::BadRange { min, max },
            );
        }
        AnswerKind::Number { unit, min, max }
    }

    /// Reports `levels`, `options` or `min`/`max` given on a kind that does not take them.
    pub(super) fn check_fields_fit_kind(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        kind: &AnswerKind,
        kind_name: &str,
        fields: &KindFields,
    ) {
        let misplaced = [
            (
                !matches!(kind, AnswerKind::Maturity { .. }),
                fields.levels.clone(),
                "levels",
            ),
            (
                !matches!(kind, AnswerKind::Choice { .. }),
                fields.options.clone(),
                "options",
            ),
            (
                !matches!(kind, AnswerKind::Number { .. }),
                fields.min_or_max.then(|| id_span.clone()),
                "min/max",
            ),
        ];
        for (not_for_kind, span, field) in misplaced {
            if not_for_kind && let Some(span) = span {
                self.push(
                    file,
                    Some(span),
                    item,
                    BankProblem::FieldNotForKind {
                        field,
                        kind: kind_name.to_owned(),
                    },
                );
            }
        }
    }
}
