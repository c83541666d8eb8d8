//! The exposure assumptions saved with an assessment: the overrides the
//! exposure screen sets, with the length of the custom outage and the
//! simulation's seed.
//!
//! Invariant: the overrides are kept in the form the screen sends them, an
//! assumption's key (as in `docs/EXPOSURE.md`) and a number, so a key the
//! model gains later is saved and read without a change here.
//! [`SavedAssumptions::assumptions`] lays them over the documented defaults
//! and checks them with the same bounds as a file of assumptions
//! ([`Assumptions::check`]); [`Assessment::check`](super::Assessment::check)
//! refuses an assessment whose saved assumptions fail it, so every output
//! (the app's screen, the PDF, `ironbridge exposure`) reads the same values.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::check::{AnswerProblem, Issues};
use super::limits::{MAX_LIST_ITEMS, MAX_NAME_CHARS, over};
use super::{Assessment, limits};
use crate::exposure::Assumptions;

/// The key of the custom scenario's length among the assumptions.
const DAYS_KEY: &str = "custom_days";
/// The key of the simulation's seed among the assumptions.
const SEED_KEY: &str = "seed";
/// The largest integer a double holds exactly (2^53): an integral value up
/// to it is written as an integer, so integer assumptions (`draws`) read it.
const EXACT_INTEGER: f64 = 9_007_199_254_740_992.0;

/// The exposure assumptions saved with an assessment; empty by default (the
/// documented defaults apply).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedAssumptions {
    /// Numeric assumptions changed from their defaults: key → value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub overrides: BTreeMap<String, f64>,
    /// The length of the custom outage scenario, in days; `None` takes the
    /// estimated time to restore.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outage_days: Option<f64>,
    /// The simulation's seed; `None` takes the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
}

/// What is wrong with saved assumptions, in the user's words.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{problem}")]
pub struct SavedAssumptionsProblem {
    /// The assumption concerned (`fixed_cost_share`, `outage_days`), if one.
    pub key: Option<String>,
    /// What is wrong.
    pub problem: String,
}

impl SavedAssumptions {
    /// Whether nothing is saved (the defaults apply).
    pub fn is_empty(&self) -> bool {
        self.overrides.is_empty() && self.outage_days.is_none() && self.seed.is_none()
    }

    /// The saved values from overrides as the screen sends them (key,
    /// value): `custom_days` becomes the outage length and `seed` the seed
    /// when it is a whole number; every other key is kept as an override.
    pub fn from_overrides(overrides: impl IntoIterator<Item = (String, f64)>) -> Self {
        let mut saved = Self::default();
        for (key, value) in overrides {
            match key.as_str() {
                DAYS_KEY => saved.outage_days = Some(value),
                SEED_KEY if whole(value) && value >= 0.0 => saved.seed = Some(value as u64),
                _ => {
                    saved.overrides.insert(key, value);
                }
            }
        }
        saved
    }

    /// Every saved value as (key, value), as the screen shows and sends them.
    pub fn to_overrides(&self) -> Vec<(String, f64)> {
        let mut out: Vec<(String, f64)> = self
            .overrides
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        if let Some(days) = self.outage_days {
            out.push((DAYS_KEY.to_owned(), days));
        }
        if let Some(seed) = self.seed {
            out.push((SEED_KEY.to_owned(), seed as f64));
        }
        out
    }

    /// The saved values as a JSON object of assumptions (the form of a file
    /// of assumptions): whole numbers written as integers, the outage as
    /// `custom_days`, the seed as `seed`.
    pub fn to_object(&self) -> Map<String, Value> {
        let mut object: Map<String, Value> = self
            .overrides
            .iter()
            .map(|(key, value)| (key.clone(), number(*value)))
            .collect();
        if let Some(days) = self.outage_days {
            object.insert(DAYS_KEY.to_owned(), number(days));
        }
        if let Some(seed) = self.seed {
            object.insert(SEED_KEY.to_owned(), Value::from(seed));
        }
        object
    }

    /// The documented defaults with the saved values laid over them, checked
    /// against their bounds; every problem at once.
    pub fn assumptions(&self) -> Result<Assumptions, Vec<SavedAssumptionsProblem>> {
        assumptions_from(self.to_object())
    }
}

/// The defaults with a JSON object of overrides laid over them, each key
/// read alone first so that a problem names its key, then checked against
/// the bounds of [`Assumptions::check`].
pub fn assumptions_from(
    object: Map<String, Value>,
) -> Result<Assumptions, Vec<SavedAssumptionsProblem>> {
    let mut problems = Vec::new();
    for (key, value) in &object {
        let alone = Value::Object([(key.clone(), value.clone())].into_iter().collect());
        if let Err(e) = serde_json::from_value::<Assumptions>(alone) {
            problems.push(SavedAssumptionsProblem {
                key: Some(key.clone()),
                problem: format!("{}: {e}", limits::shown(key)),
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let assumptions: Assumptions = serde_json::from_value(Value::Object(object)).map_err(|e| {
        vec![SavedAssumptionsProblem {
            key: None,
            problem: e.to_string(),
        }]
    })?;
    assumptions.check().map_err(|errors| {
        errors
            .into_iter()
            .map(|e| SavedAssumptionsProblem {
                key: None,
                problem: e.to_string(),
            })
            .collect::<Vec<_>>()
    })?;
    Ok(assumptions)
}

/// Whether a number is whole and exactly representable.
fn whole(value: f64) -> bool {
    value.is_finite() && value.fract() == 0.0 && value.abs() <= EXACT_INTEGER
}

/// A number as JSON: an integer when whole (so integer assumptions read it),
/// else a float; a value that is not finite becomes `null`, which no
/// numeric assumption accepts.
fn number(value: f64) -> Value {
    if whole(value) {
        if value >= 0.0 {
            Value::from(value as u64)
        } else {
            Value::from(value as i64)
        }
    } else {
        serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number)
    }
}

impl Assessment {
    /// The limits and bounds of the saved exposure assumptions.
    pub(super) fn check_saved_assumptions(&self, issues: &mut Issues) {
        let saved = &self.exposure_assumptions;
        if saved.overrides.len() > MAX_LIST_ITEMS {
            issues.push(
                "exposure_assumptions.overrides".into(),
                None,
                AnswerProblem::TooMany {
                    what: "saved exposure assumptions".to_owned(),
                    count: saved.overrides.len(),
                    max: MAX_LIST_ITEMS,
                },
            );
            return;
        }
        let mut long = false;
        for key in saved.overrides.keys() {
            if let Some(chars) = over(key, MAX_NAME_CHARS) {
                long = true;
                issues.push(
                    "exposure_assumptions.overrides".into(),
                    None,
                    AnswerProblem::TooLong {
                        what: "the name of a saved exposure assumption".to_owned(),
                        chars,
                        max: MAX_NAME_CHARS,
                    },
                );
            }
        }
        if long {
            return;
        }
        for problem in saved.assumptions().err().unwrap_or_default() {
            let field = match problem.key.as_deref() {
                Some(DAYS_KEY) => "exposure_assumptions.outage_days".to_owned(),
                Some(SEED_KEY) => "exposure_assumptions.seed".to_owned(),
                Some(key) => format!("exposure_assumptions.overrides.{}", limits::shown(key)),
                None => "exposure_assumptions".to_owned(),
            };
            issues.push(field, None, AnswerProblem::Assumption(problem));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(pairs: &[(&str, f64)]) -> SavedAssumptions {
        SavedAssumptions::from_overrides(pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)))
    }

    #[test]
    fn nothing_saved_gives_the_documented_defaults_and_serialises_as_an_empty_object() {
        let empty = SavedAssumptions::default();
        assert!(empty.is_empty());
        assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
        assert_eq!(empty.assumptions().unwrap(), Assumptions::default());
    }

    #[test]
    fn overrides_days_and_seed_are_laid_over_the_defaults() {
        let s = saved(&[
            ("fixed_cost_share", 0.3),
            ("custom_days", 21.0),
            ("seed", 7.0),
            ("draws", 5000.0),
        ]);
        assert_eq!(s.outage_days, Some(21.0));
        assert_eq!(s.seed, Some(7));
        assert_eq!(s.overrides.len(), 2);
        let a = s.assumptions().unwrap();
        assert_eq!(a.fixed_cost_share, 0.3);
        assert_eq!(a.custom_days, Some(21.0));
        assert_eq!(a.seed, 7);
        assert_eq!(a.draws, 5000);
        // Back to what the screen sends: the same pairs.
        let mut pairs = s.to_overrides();
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            pairs,
            vec![
                ("custom_days".to_owned(), 21.0),
                ("draws".to_owned(), 5000.0),
                ("fixed_cost_share".to_owned(), 0.3),
                ("seed".to_owned(), 7.0),
            ]
        );
    }

    #[test]
    fn a_value_out_of_bounds_an_unknown_key_or_a_fractional_count_is_refused_by_key() {
        let problems = saved(&[("fixed_cost_share", 1.5)])
            .assumptions()
            .unwrap_err();
        assert!(
            problems[0].problem.contains("fixed_cost_share"),
            "{problems:?}"
        );
        let problems = saved(&[("no_such_thing", 1.0)]).assumptions().unwrap_err();
        assert_eq!(problems[0].key.as_deref(), Some("no_such_thing"));
        let problems = saved(&[("draws", 2.5)]).assumptions().unwrap_err();
        assert_eq!(problems[0].key.as_deref(), Some("draws"));
        let problems = saved(&[("custom_days", -3.0)]).assumptions().unwrap_err();
        assert!(problems[0].problem.contains("custom_days"), "{problems:?}");
        let problems = saved(&[("investigation_days", f64::NAN)])
            .assumptions()
            .unwrap_err();
        assert_eq!(problems[0].key.as_deref(), Some("investigation_days"));
    }
}
