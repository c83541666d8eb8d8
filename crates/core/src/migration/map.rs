//! The migration map from one bank to the next (`assets/bank-2/from-1.toml`):
//! for each question of the old bank, the question of the new bank its answer
//! moves to, or that it is retired; with a note shown to the user.
//!
//! Invariant: a [`MigrationMap`] from [`MigrationMap::check`] names every
//! question of the old bank exactly once, each target is a question of the new
//! bank, a retired entry has no target, and a level table maps the five old
//! levels onto levels 0–4 of a target that has levels. Every problem is
//! reported at once, with its line.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::bank::{AnswerKind, Bank, BankIssue, BankProblem};
use crate::ids::QuestionId;
use crate::level::Level;

/// Where an old question's answer goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "question", rename_all = "snake_case")]
pub enum Destination {
    /// To this question of the new bank.
    To(QuestionId),
    /// Nowhere: the question was dropped.
    Retired,
}

/// One entry of the map.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MapEntry {
    /// The old bank's question.
    pub from: QuestionId,
    /// Where its answer goes.
    pub to: Destination,
    /// What changed, shown to the user before migrating.
    pub note: String,
    /// Old level n becomes `levels[n]`, when the descriptors moved.
    pub levels: Option<[Level; 5]>,
    /// The line of its `from` in the map file.
    pub line: usize,
}

/// A checked migration map.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MigrationMap {
    /// The entries, in file order.
    pub entries: Vec<MapEntry>,
}

/// A problem in a migration map.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MapProblem {
    /// The TOML does not parse or does not fit the map format.
    #[error("{message}")]
    Syntax {
        /// The parser's message.
        message: String,
    },
    /// `from` is not a question of the old bank.
    #[error("`from` {id} is not a question of bank {version}")]
    UnknownFrom {
        /// The id.
        id: String,
        /// The old bank's version.
        version: String,
    },
    /// An old question is mapped twice.
    #[error("{id} is mapped twice (first at line {first})")]
    DuplicateFrom {
        /// The id.
        id: String,
        /// The first entry's line.
        first: usize,
    },
    /// An old question is not mapped.
    #[error("{id} of bank {version} has no [[map]] entry: every question appears once")]
    Unmapped {
        /// The id.
        id: String,
        /// The old bank's version.
        version: String,
    },
    /// `to` is not a question of the new bank.
    #[error("`to` {id} is not a question of bank {version}")]
    UnknownTo {
        /// The id.
        id: String,
        /// The new bank's version.
        version: String,
    },
    /// Neither or both of `to` and `retired = true`.
    #[error("an entry needs either `to` or `retired = true`, not both and not neither")]
    Destination,
    /// The note is empty.
    #[error("`note` is empty: say what changed, for the user to read before migrating")]
    EmptyNote,
    /// `levels` is not five levels 0–4.
    #[error("`levels` must list five levels from 0 to 4 (old level 0 first)")]
    BadLevels,
    /// The map is named after a bank that is not shipped.
    #[error("a map from bank {major} cannot be checked: the shipped banks are 1 and 2")]
    NoOldBank {
        /// The major version in the file name.
        major: u32,
    },
    /// `levels` on an entry whose target has no levels.
    #[error("`levels` maps levels, but {id} is not a levelled question")]
    LevelsWithoutLevels {
        /// The target question.
        id: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMap {
    #[serde(default)]
    map: Vec<Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    from: Spanned<String>,
    to: Option<Spanned<String>>,
    #[serde(default)]
    retired: bool,
    note: Option<String>,
    levels: Option<Vec<i64>>,
}

/// Collects problems with their lines.
struct Problems<'a> {
    name: &'a str,
    text: &'a str,
    found: Vec<BankIssue>,
}

impl Problems<'_> {
    fn push(&mut self, offset: usize, item: Option<&str>, problem: MapProblem) {
        let line = self.line(offset);
        self.found.push(BankIssue {
            file: self.name.to_owned(),
            line: Some(line),
            item: item.map(str::to_owned),
            problem: BankProblem::Mapping(problem),
        });
    }

    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }
}

impl MigrationMap {
    /// Parses the map in `text` (named `name` in messages) and checks it
    /// against the old bank `from` and the new bank `to`.
    pub fn check(name: &str, text: &str, from: &Bank, to: &Bank) -> Result<Self, Vec<BankIssue>> {
        let mut problems = Problems {
            name,
            text,
            found: Vec::new(),
        };
        let raw: RawMap = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                let message = e.message().trim_end().to_owned();
                problems.push(offset, None, MapProblem::Syntax { message });
                return Err(problems.found);
            }
        };
        let mut entries = Vec::new();
        let mut first_line: BTreeMap<QuestionId, usize> = BTreeMap::new();
        for raw in raw.map {
            let offset = raw.get_ref().from.span().start;
            let line = problems.line(offset);
            let from_id = QuestionId::parse(raw.get_ref().from.get_ref()).ok();
            let checked = entry(&mut problems, raw, from, to);
            let Some(from_id) = from_id else { continue };
            if let Some(first) = first_line.get(&from_id) {
                let id = from_id.to_string();
                let problem = MapProblem::DuplicateFrom {
                    id: id.clone(),
                    first: *first,
                };
                problems.push(offset, Some(&id), problem);
                continue;
            }
            first_line.insert(from_id, line);
            entries.extend(checked);
        }
        for question in from.questions() {
            if !first_line.contains_key(&question.id) {
                let id = question.id.to_string();
                problems.push(
                    text.len(),
                    Some(&id),
                    MapProblem::Unmapped {
                        id: id.clone(),
                        version: from.version.clone(),
                    },
                );
            }
        }
        if problems.found.is_empty() {
            Ok(MigrationMap { entries })
        } else {
            Err(problems.found)
        }
    }

    /// The entry for an old question.
    pub fn entry(&self, from: &QuestionId) -> Option<&MapEntry> {
        self.entries.iter().find(|e| &e.from == from)
    }
}

/// One entry, checked; `None` when it cannot be used.
fn entry(
    problems: &mut Problems<'_>,
    raw: Spanned<RawEntry>,
    from: &Bank,
    to: &Bank,
) -> Option<MapEntry> {
    let raw = raw.into_inner();
    let from_offset = raw.from.span().start;
    let start = from_offset;
    let from_text = raw.from.into_inner();
    let item = Some(from_text.as_str());
    let from_id = QuestionId::parse(&from_text)
        .ok()
        .filter(|id| from.question(id).is_some());
    if from_id.is_none() {
        problems.push(
            from_offset,
            item,
            MapProblem::UnknownFrom {
                id: from_text.clone(),
                version: from.version.clone(),
            },
        );
    }
    if raw.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
        problems.push(start, item, MapProblem::EmptyNote);
    }
    let destination = match (raw.to, raw.retired) {
        (Some(target), false) => {
            let offset = target.span().start;
            let text = target.into_inner();
            match QuestionId::parse(&text)
                .ok()
                .filter(|id| to.question(id).is_some())
            {
                Some(id) => Some(Destination::To(id)),
                None => {
                    problems.push(
                        offset,
                        item,
                        MapProblem::UnknownTo {
                            id: text,
                            version: to.version.clone(),
                        },
                    );
                    None
                }
            }
        }
        (None, true) => Some(Destination::Retired),
        _ => {
            problems.push(start, item, MapProblem::Destination);
            None
        }
    };
    let levels = match raw.levels {
        None => None,
        Some(list) => {
            let levels = level_table(&list);
            if levels.is_none() {
                problems.push(start, item, MapProblem::BadLevels);
            }
            if let Some(Destination::To(target)) = &destination
                && !to.question(target).is_some_and(has_levels)
            {
                let id = target.to_string();
                problems.push(start, item, MapProblem::LevelsWithoutLevels { id });
            }
            levels
        }
    };
    Some(MapEntry {
        from: from_id?,
        to: destination?,
        note: raw.note.unwrap_or_default().trim().to_owned(),
        levels,
        line: problems.line(start),
    })
}

/// Whether a question's answers are levels (maturity, or a scored choice).
fn has_levels(question: &crate::bank::Question) -> bool {
    match &question.kind {
        AnswerKind::Maturity { .. } => true,
        AnswerKind::Choice { options } => options.iter().all(|o| o.level.is_some()),
        _ => false,
    }
}

/// Five levels 0–4, or `None`.
fn level_table(list: &[i64]) -> Option<[Level; 5]> {
    let levels: Vec<Level> = list
        .iter()
        .filter_map(|n| u8::try_from(*n).ok().and_then(Level::new))
        .collect();
    <[Level; 5]>::try_from(levels)
        .ok()
        .filter(|_| list.len() == 5)
}
