//! Loading and validating a bank from TOML sources.
//!
//! Invariant: [`load`] returns a [`Bank`] only when no rule is broken, and
//! otherwise every problem it found, each with file, line and item, sorted by
//! source and line (problems on one line stay in the order they were found).
//!
//! The checks run in a fixed order, which that last rule makes visible: parse
//! every source, the `[bank]` header (with the catalogues it selects, against
//! which every reference is then checked), each domain with its questions,
//! then the caps and the index gates (which may point at any domain's
//! questions), then the header's domain list and retired ids against what was
//! found. Each part of the bank has its own module of checks.

mod cap;
mod catalogues;
mod domain;
mod domain_order;
mod gate;
mod header;
mod kind;
mod levels;
mod options;
mod question;
mod recommendations;
mod refs;
mod scoring;
mod targets;
mod validator;

use std::collections::BTreeMap;

use toml::Spanned;

use super::issue::{BankIssue, BankIssues, BankProblem};
use super::raw::{RawFile, RawHeader};
use super::{Bank, Domain, Gate};
use crate::file_issues::FileIssues;
use crate::frameworks::Catalogue;
use crate::ids::QuestionId;
use header::Header;
use question::SeenQuestions;
use validator::Validator;

/// One TOML source of a bank: a name for messages (usually the file path) and its text.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// How issues name the source.
    pub name: &'a str,
    /// The TOML text.
    pub text: &'a str,
}

/// Loads a bank from its sources and checks every rule of `docs/BANK_FORMAT.md`.
///
/// Exactly one source holds the `[bank]` header; any source may hold domains.
/// References are checked against `catalogue`.
///
/// A source named `from-N.toml` is not part of the bank: it is the migration
/// map from shipped bank N, checked (once the bank itself is valid) against
/// both banks by [`MigrationMap::check`](crate::migration::MigrationMap::check).
pub fn load(sources: &[Source<'_>], catalogue: &Catalogue) -> Result<Bank, BankIssues> {
    let (maps, bank_sources): (Vec<Source<'_>>, Vec<Source<'_>>) = sources
        .iter()
        .partition(|s| migration_source(s.name).is_some());
    let bank = load_bank(&bank_sources, catalogue)?;
    let mut issues = Vec::new();
    for map in maps {
        let major = migration_source(map.name).unwrap_or_default();
        match Bank::shipped_ref(major) {
            Some(Ok(old)) => {
                if let Err(found) =
                    crate::migration::MigrationMap::check(map.name, map.text, old, &bank)
                {
                    issues.extend(found);
                }
            }
            _ => issues.push(BankIssue {
                file: map.name.to_owned(),
                line: None,
                item: None,
                problem: BankProblem::Mapping(crate::migration::MapProblem::NoOldBank { major }),
            }),
        }
    }
    if issues.is_empty() {
        Ok(bank)
    } else {
        Err(FileIssues(issues))
    }
}

/// `N` when a source is named `from-N.toml` (a migration map from bank N).
fn migration_source(name: &str) -> Option<u32> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    file.strip_prefix("from-")?
        .strip_suffix(".toml")?
        .parse()
        .ok()
}

/// Loads the bank itself from its sources.
fn load_bank(sources: &[Source<'_>], catalogue: &Catalogue) -> Result<Bank, BankIssues> {
    let mut v = Validator::new(sources, catalogue);
    let mut files = v.parse_sources();
    let mut header = v.header_of(&mut files);
    let profile_ids: Vec<String> = header
        .as_ref()
        .map(|h| h.profiles.iter().map(|p| p.id.clone()).collect())
        .unwrap_or_default();

    let mut seen = SeenQuestions::default();
    let (mut domains, pending_caps) = v.domains(files, &profile_ids, &mut seen);
    v.attach_caps(&mut domains, pending_caps);

    let mut ordered = Vec::new();
    let mut gates = Vec::new();
    if let Some(header) = &mut header {
        let raw_gates = std::mem::take(&mut header.gates);
        gates = v.gates(header.file, raw_gates, &domains);
        ordered = v.order_domains(header, &domains);
        v.check_retired_not_reused(header, &seen.places);
    }
    v.finish(header, ordered, gates)
}

impl Validator<'_> {
    /// Parses every source, reporting each one that is not valid TOML for a bank.
    fn parse_sources(&mut self) -> Vec<(usize, RawFile)> {
        let mut files = Vec::new();
        for (idx, source) in self.sources.iter().enumerate() {
            match toml::from_str::<RawFile>(source.text) {
                Ok(file) => files.push((idx, file)),
                Err(err) => {
                    let span = err.span();
                    self.push(
                        idx,
                        span,
                        None,
                        BankProblem::Syntax {
                            message: err.message().trim_end().to_owned(),
                        },
                    );
                }
            }
        }
        files
    }

    /// Takes the `[bank]` header out of the parsed files and checks it.
    ///
    /// A header after the first is reported; no header at all is reported only
    /// when every source parsed, since a broken source may be the one holding it.
    fn header_of(&mut self, files: &mut [(usize, RawFile)]) -> Option<Header> {
        let mut header: Option<(usize, Spanned<RawHeader>)> = None;
        for (idx, file) in files.iter_mut() {
            if let Some(h) = file.bank.take() {
                match &header {
                    None => header = Some((*idx, h)),
                    Some((first, _)) => {
                        let first_file = self.sources[*first].name.to_owned();
                        self.push(
                            *idx,
                            Some(h.span()),
                            None,
                            BankProblem::DuplicateHeader { first_file },
                        );
                    }
                }
            }
        }
        match header {
            Some((idx, h)) => Some(self.header(idx, h)),
            None => {
                if files.len() == self.sources.len() {
                    self.push(0, None, None, BankProblem::NoHeader);
                }
                None
            }
        }
    }

    /// Reports every retired id that a question of the bank uses again.
    fn check_retired_not_reused(
        &mut self,
        header: &Header,
        question_places: &BTreeMap<QuestionId, String>,
    ) {
        for id in &header.retired {
            if let Some(place) = question_places.get(id) {
                let (file, line) = place.rsplit_once(':').unwrap_or((place, ""));
                self.issues.push(BankIssue {
                    file: file.to_owned(),
                    line: line.parse().ok(),
                    item: Some(id.to_string()),
                    problem: BankProblem::RetiredIdReused,
                });
            }
        }
    }

    /// The bank, or every issue found sorted by source and line.
    fn finish(
        self,
        header: Option<Header>,
        domains: Vec<Domain>,
        gates: Vec<Gate>,
    ) -> Result<Bank, BankIssues> {
        let mut issues = self.issues;
        if !issues.is_empty() {
            let order: BTreeMap<&str, usize> = self
                .sources
                .iter()
                .enumerate()
                .map(|(i, s)| (s.name, i))
                .collect();
            issues.sort_by_key(|i| (order.get(i.file.as_str()).copied(), i.line));
            return Err(FileIssues(issues));
        }
        let Some(header) = header else {
            return Err(FileIssues(vec![BankIssue {
                file: String::new(),
                line: None,
                item: None,
                problem: BankProblem::NoHeader,
            }]));
        };
        Ok(Bank {
            id: header.id,
            version: header.version,
            title: header.title,
            profiles: header.profiles,
            horizons: header.horizons,
            domains,
            retired: header.retired,
            frameworks: header.frameworks,
            level_rule: header.level_rule,
            gates,
        })
    }
}
