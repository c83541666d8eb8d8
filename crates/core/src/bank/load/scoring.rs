//! Checks of a scored question's scoring data: weight, criticality, targets
//! and recommendations (the last two in their own modules).
//!
//! Invariant: every scored question gets a [`Scoring`]; each missing or broken
//! part is reported and replaced by a neutral value (weight 1, standard
//! criticality, no target, no recommendation).

use std::ops::Range;

use super::validator::Validator;
use crate::bank::issue::BankProblem;
use crate::bank::raw::RawQuestion;
use crate::bank::{Criticality, Scoring};

impl Validator<'_> {
    /// The scoring data of a scored question.
    pub(super) fn scoring(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        raw: &RawQuestion,
        profile_ids: &[String],
    ) -> Scoring {
        let weight = self.question_weight(file, id_span, item, raw);
        let criticality = self.criticality(file, id_span, item, raw);
        let targets = self.targets(file, id_span, item, raw.target.as_ref(), profile_ids);
        let recommendations =
            self.recommendations(file, id_span, item, raw.recommendations.as_ref());
        Scoring {
            weight,
            criticality,
            targets,
            recommendations,
        }
    }

    /// The weight in the domain mean, required and positive.
    fn question_weight(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        raw: &RawQuestion,
    ) -> f64 {
        match &raw.weight {
            Some(w) => self.positive(file, w.clone(), item, "weight"),
            None => {
                self.push(
                    file,
                    Some(id_span.clone()),
                    item,
                    BankProblem::MissingField { field: "weight" },
                );
                1.0
            }
        }
    }

    /// The criticality, required and one of `standard`, `high`, `critical`.
    fn criticality(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        raw: &RawQuestion,
    ) -> Criticality {
        let Some(c) = &raw.criticality else {
            self.push(
                file,
                Some(id_span.clone()),
                item,
                BankProblem::MissingField {
                    field: "criticality",
                },
            );
            return Criticality::Standard;
        };
        match c.get_ref().as_str() {
            "standard" => Criticality::Standard,
            "high" => Criticality::High,
            "critical" => Criticality::Critical,
            other => {
                self.push(
                    file,
                    Some(c.span()),
                    item,
                    BankProblem::UnknownCriticality {
                        text: other.to_owned(),
                    },
                );
                Criticality::Standard
            }
        }
    }
}
