//! Checks of a scored question's target levels per profile.
//!
//! Invariant: the targets kept are levels 0–4 for known profiles; every
//! profile must have one, and targets never fall from a profile to the more
//! demanding one after it.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use super::validator::Validator;
use crate::bank::issue::BankProblem;
use crate::level::Level;

impl Validator<'_> {
    /// The target level per profile id.
    pub(super) fn targets(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        raw: Option<&Spanned<BTreeMap<String, i64>>>,
        profile_ids: &[String],
    ) -> BTreeMap<String, Level> {
        let Some(raw) = raw else {
            self.push(
                file,
                Some(id_span.clone()),
                item,
                BankProblem::MissingField { field: "target" },
            );
            return BTreeMap::new();
        };
        let span = raw.span();
        let targets = self.target_levels(file, &span, item, raw.get_ref(), profile_ids);
        self.check_every_profile_targeted(file, &span, item, raw.get_ref(), profile_ids);
        self.check_targets_rise(file, &span, item, &targets, profile_ids);
        targets
    }

    /// The targets for known profiles that are levels; the others are reported.
    fn target_levels(
        &mut self,
        file: usize,
        span: &Range<usize>,
        item: Option<&str>,
        raw: &BTreeMap<String, i64>,
        profile_ids: &[String],
    ) -> BTreeMap<String, Level> {
        let mut targets = BTreeMap::new();
        for (profile, value) in raw {
            if !profile_ids.contains(profile) {
                self.push(
                    file,
                    Some(span.clone()),
                    item,
                    BankProblem::UnknownTargetProfile {
                        profile: profile.clone(),
                    },
                );
                continue;
            }
            match u8::try_from(*value).ok().and_then(Level::new) {
                Some(level) => {
                    targets.insert(profile.clone(), level);
                }
                None => self.push(
                    file,
                    Some(span.clone()),
                    item,
                    BankProblem::TargetOutOfRange {
                        profile: profile.clone(),
                        value: *value,
                    },
                ),
            }
        }
        targets
    }

    /// Reports each profile without a target.
    fn check_every_profile_targeted(
        &mut self,
        file: usize,
        span: &Range<usize>,
        item: Option<&str>,
        raw: &BTreeMap<String, i64>,
        profile_ids: &[String],
    ) {
        for profile in profile_ids {
            if !raw.contains_key(profile) {
                self.push(
                    file,
                    Some(span.clone()),
                    item,
                    BankProblem::MissingTarget {
                        profile: profile.clone(),
                    },
                );
            }
        }
    }

    /// Reports each profile whose target is below the previous (less demanding) profile's.
    fn check_targets_rise(
        &mut self,
        file: usize,
        span: &Range<usize>,
        item: Option<&str>,
        targets: &BTreeMap<String, Level>,
        profile_ids: &[String],
    ) {
        for pair in profile_ids.windows(2) {
            if let (Some(lower), Some(higher)) = (targets.get(&pair[0]), targets.get(&pair[1]))
                && higher < lower
            {
                self.push(
                    file,
                    Some(span.clone()),
                    item,
                    BankProblem::TargetsDecrease {
                        lower: pair[0].clone(),
                        higher: pair[1].clone(),
                    },
                );
            }
        }
    }
}
