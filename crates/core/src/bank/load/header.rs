//! Checks of the `[bank]` header: id, version, title, profiles, roadmap
//! horizons, the domain list, the retired question ids, the partial-fit rule
//! and (in their own modules) the catalogues selected; its gates are set aside
//! for when every question is known.
//!
//! Invariant: a [`Header`] is always returned, with a placeholder for each
//! broken field, so the domains can still be checked against what was read.

use std::ops::Range;

use toml::Spanned;

use super::validator::Validator;
use crate::bank::issue::BankProblem;
use crate::bank::raw::{RawGate, RawHeader, RawHorizons, RawProfile};
use crate::bank::{Horizons, Profile};
use crate::ids::{DomainCode, QuestionId};

/// The `[bank]` header as checked.
pub(super) struct Header {
    /// The source holding it.
    pub(super) file: usize,
    pub(super) id: String,
    pub(super) version: String,
    pub(super) title: String,
    /// Domain codes in report order, each once.
    pub(super) order: Vec<String>,
    pub(super) profiles: Vec<Profile>,
    pub(super) horizons: Horizons,
    pub(super) retired: Vec<QuestionId>,
    /// File ids of the catalogues selected.
    pub(super) frameworks: Vec<String>,
    /// The partial-fit rule, when stated.
    pub(super) level_rule: Option<String>,
    /// The gates as written, checked once every question is known.
    pub(super) gates: Vec<Spanned<RawGate>>,
}

impl Validator<'_> {
    /// Checks the header found in source `file`.
    pub(super) fn header(&mut self, file: usize, raw: Spanned<RawHeader>) -> Header {
        let span = raw.span();
        let raw = raw.into_inner();
        let id = self.bank_id(file, &span, raw.id);
        let version = self.bank_version(file, &span, raw.version);
        let title = self.header_text(file, &span, raw.title, "title");
        let profiles = self.profiles(file, &span, raw.profiles);
        let horizons = self.horizons(file, &span, raw.horizons);
        let order = self.domain_list(file, &span, raw.domains);
        let retired = self.retired_ids(file, raw.retired);
        self.v2_rules = major_version(&version).is_some_and(|m| m >= 2);
        let frameworks = self.select_catalogues(file, &span, raw.frameworks);
        let level_rule = self.level_rule(file, &span, raw.level_rule);
        Header {
            file,
            id,
            version,
            title,
            order,
            profiles,
            horizons,
            retired,
            frameworks,
            level_rule,
            gates: raw.gates,
        }
    }

    /// The partial-fit rule: required from version 2 on, never blank.
    fn level_rule(
        &mut self,
        file: usize,
        header_span: &Range<usize>,
        raw: Option<Spanned<String>>,
    ) -> Option<String> {
        match raw {
            Some(rule) if rule.get_ref().trim().is_empty() => {
                self.push(
                    file,
                    Some(rule.span()),
                    None,
                    BankProblem::EmptyField {
                        field: "level_rule",
                    },
                );
                None
            }
            Some(rule) => Some(rule.into_inner().trim().to_owned()),
            None => {
                if self.v2_rules {
                    self.push(
                        file,
                        Some(header_span.clone()),
                        None,
                        BankProblem::MissingField {
                            field: "level_rule",
                        },
                    );
                }
                None
            }
        }
    }

    /// A header text field: kept as written when not blank, else reported at the header.
    fn header_text(
        &mut self,
        file: usize,
        span: &Range<usize>,
        value: Option<String>,
        field: &'static str,
    ) -> String {
        match value {
            Some(t) if !t.trim().is_empty() => t,
            Some(_) => {
                self.push(
                    file,
                    Some(span.clone()),
                    None,
                    BankProblem::EmptyField { field },
                );
                String::new()
            }
            None => {
                self.push(
                    file,
                    Some(span.clone()),
                    None,
                    BankProblem::MissingField { field },
                );
                String::new()
            }
        }
    }

    /// The bank id, which must be lowercase letters, digits and dashes.
    fn bank_id(
        &mut self,
        file: usize,
        header_span: &Range<usize>,
        raw: Option<Spanned<String>>,
    ) -> String {
        let Some(raw) = raw else {
            return self.header_text(file, header_span, None, "id");
        };
        let span = raw.span();
        let id = raw.into_inner();
        if !is_bank_id(&id) {
            self.push(
                file,
                Some(span),
                None,
                BankProblem::BadBankId { text: id.clone() },
            );
        }
        id
    }

    /// The content version, which must be `major.minor.patch` in digits.
    fn bank_version(
        &mut self,
        file: usize,
        header_span: &Range<usize>,
        raw: Option<Spanned<String>>,
    ) -> String {
        let Some(raw) = raw else {
            return self.header_text(file, header_span, None, "version");
        };
        let span = raw.span();
        let version = raw.into_inner();
        if !is_three_part_version(&version) {
            self.push(
                file,
                Some(span),
                None,
                BankProblem::BadVersion {
                    text: version.clone(),
                },
            );
        }
        version
    }

    /// The target profiles, each id once; at least one is required.
    fn profiles(
        &mut self,
        file: usize,
        header_span: &Range<usize>,
        raw: Vec<Spanned<RawProfile>>,
    ) -> Vec<Profile> {
        let mut profiles: Vec<Profile> = Vec::new();
        for p in raw {
            let pspan = p.span();
            let profile = self.profile(file, &pspan, p.into_inner());
            if profiles.iter().any(|q| q.id == profile.id) {
                self.push(
                    file,
                    Some(pspan),
                    None,
                    BankProblem::DuplicateProfile { id: profile.id },
                );
            } else {
                profiles.push(profile);
            }
        }
        if profiles.is_empty() {
            self.push(
                file,
                Some(header_span.clone()),
                None,
                BankProblem::NoProfiles,
            );
        }
        profiles
    }

    /// One profile, every field required.
    fn profile(&mut self, file: usize, span: &Range<usize>, raw: RawProfile) -> Profile {
        Profile {
            id: self.profile_field(file, span, raw.id, "id"),
            name: self.profile_field(file, span, raw.name, "name"),
            description: self.profile_field(file, span, raw.description, "description"),
        }
    }

    /// A profile field: kept as written when not blank; blank counts as missing.
    fn profile_field(
        &mut self,
        file: usize,
        span: &Range<usize>,
        value: Option<String>,
        field: &'static str,
    ) -> String {
        match value {
            Some(t) if !t.trim().is_empty() => t,
            _ => {
                self.push(
                    file,
                    Some(span.clone()),
                    None,
                    BankProblem::MissingField { field },
                );
                String::new()
            }
        }
    }

    /// The roadmap thresholds, which need `now > next > 0`; 12 and 6 when missing.
    fn horizons(
        &mut self,
        file: usize,
        header_span: &Range<usize>,
        raw: Option<Spanned<RawHorizons>>,
    ) -> Horizons {
        let Some(raw) = raw else {
            self.push(
                file,
                Some(header_span.clone()),
                None,
                BankProblem::MissingField { field: "horizons" },
            );
            return Horizons {
                now: 12.0,
                next: 6.0,
            };
        };
        let span = raw.span();
        let h = raw.into_inner();
        if !(h.now > h.next && h.next > 0.0 && h.now.is_finite()) {
            self.push(
                file,
                Some(span),
                None,
                BankProblem::BadHorizons {
                    now: h.now,
                    next: h.next,
                },
            );
        }
        Horizons {
            now: h.now,
            next: h.next,
        }
    }

    /// The domain codes in report order: well formed, each once, at least one.
    fn domain_list(
        &mut self,
        file: usize,
        header_span: &Range<usize>,
        raw: Vec<Spanned<String>>,
    ) -> Vec<String> {
        let mut order = Vec::new();
        for code in raw {
            let cspan = code.span();
            let code = code.into_inner();
            if let Err(e) = DomainCode::parse(&code) {
                self.push(file, Some(cspan), None, e.into());
            } else if order.contains(&code) {
                self.push(
                    file,
                    Some(cspan),
                    None,
                    BankProblem::DuplicateDomain { code },
                );
            } else {
                order.push(code);
            }
        }
        if order.is_empty() {
            self.push(
                file,
                Some(header_span.clone()),
                None,
                BankProblem::MissingField { field: "domains" },
            );
        }
        order
    }

    /// The retired question ids; malformed ones are reported and dropped.
    fn retired_ids(&mut self, file: usize, raw: Vec<Spanned<String>>) -> Vec<QuestionId> {
        let mut retired = Vec::new();
        for id in raw {
            let rspan = id.span();
            match QuestionId::parse(id.get_ref()) {
                Ok(id) => retired.push(id),
                Err(e) => self.push(file, Some(rspan), None, e.into()),
            }
        }
        retired
    }
}

/// Whether a bank id is non-empty lowercase ASCII letters, digits and dashes.
fn is_bank_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The major number of a `major.minor.patch` version.
fn major_version(version: &str) -> Option<u64> {
    version.split('.').next()?.parse().ok()
}

/// Whether a version is three non-empty dot-separated runs of digits.
fn is_three_part_version(version: &str) -> bool {
    let parts: Vec<&str> = version.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}
