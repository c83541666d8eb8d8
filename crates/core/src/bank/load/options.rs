//! Checks of a choice question's options.
//!
//! Invariant: a choice question has at least two options with distinct,
//! well-formed values and non-blank labels; either every option has a level
//! (a scored choice) or none has.

use std::ops::Range;

use toml::Spanned;

use super::validator::Validator;
use crate::bank::ChoiceOption;
use crate::bank::issue::BankProblem;
use crate::bank::raw::RawOption;
use crate::level::Level;

impl Validator<'_> {
    /// The options, in order; an option with a level out of range scores as level 0.
    pub(super) fn options(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        raw: Option<Spanned<Vec<Spanned<RawOption>>>>,
    ) -> Vec<ChoiceOption> {
        let Some(raw) = raw else {
            self.push(
                file,
                Some(id_span.clone()),
                item,
                BankProblem::MissingField { field: "options" },
            );
            return Vec::new();
        };
        let span = raw.span();
        let raw = raw.into_inner();
        if raw.len() < 2 {
            self.push(file, Some(span.clone()), item, BankProblem::TooFewOptions);
        }
        self.check_levels_all_or_none(file, &span, item, &raw);
        let mut options: Vec<ChoiceOption> = Vec::new();
        for option in raw {
            let option = self.option(file, item, option, &options);
            options.push(option);
        }
        options
    }

    /// Reports the first option without a level when some other option has one.
    fn check_levels_all_or_none(
        &mut self,
        file: usize,
        span: &Range<usize>,
        item: Option<&str>,
        raw: &[Spanned<RawOption>],
    ) {
        let with_level = raw.iter().filter(|o| o.get_ref().level.is_some()).count();
        if with_level != 0 && with_level != raw.len() {
            let first_without = raw
                .iter()
                .find(|o| o.get_ref().level.is_none())
                .map(Spanned::span);
            self.push(
                file,
                first_without.or(Some(span.clone())),
                item,
                BankProblem::PartialOptionLevels,
            );
        }
    }

    /// One option, checked against the options before it.
    fn option(
        &mut self,
        file: usize,
        item: Option<&str>,
        raw: Spanned<RawOption>,
        before: &[ChoiceOption],
    ) -> ChoiceOption {
        let ospan = raw.span();
        let option = raw.into_inner();
        if !is_option_value(&option.value) {
            self.push(
                file,
                Some(ospan.clone()),
                item,
                BankProblem::BadOptionValue {
                    value: option.value.clone(),
                },
            );
        }
        if before.iter().any(|o| o.value == option.value) {
            self.push(
                file,
                Some(ospan.clone()),
                item,
                BankProblem::DuplicateOption {
                    value: option.value.clone(),
                },
            );
        }
        if option.label.trim().is_empty() {
            self.push(
                file,
                Some(ospan.clone()),
                item,
                BankProblem::EmptyField { field: "label" },
            );
        }
        let level = option
            .level
            .map(|level| self.option_level(file, &ospan, item, &option.value, level));
        ChoiceOption {
            value: option.value,
            label: option.label,
            level,
        }
    }

    /// An option's level, which must be 0–4; reported and taken as 0 otherwise.
    fn option_level(
        &mut self,
        file: usize,
        span: &Range<usize>,
        item: Option<&str>,
        value: &str,
        level: i64,
    ) -> Level {
        match u8::try_from(level).ok().and_then(Level::new) {
            Some(level) => level,
            None => {
                self.push(
                    file,
                    Some(span.clone()),
                    item,
                    BankProblem::OptionLevelOutOfRange {
                        value: value.to_owned(),
                        level,
                    },
                );
                Level::MIN
            }
        }
    }
}

/// Whether an option value is non-empty lowercase letters, digits and `_`.
fn is_option_value(value: &str) -> bool {
    !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}
