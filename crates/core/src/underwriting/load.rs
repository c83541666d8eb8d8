//! Loading a readiness file and checking it against a bank.
//!
//! Invariant: a [`ReadinessSet`] from [`ReadinessSet::load`] names only
//! questions of its bank; a level rule sits only on a scored question, a
//! values rule only on a choice or yes/no question with values it takes, a
//! number rule only on a number question; every partly threshold is short of
//! its yes threshold. Every problem is reported at once.

use serde::Deserialize;
use serde::de::IntoDeserializer;
use serde::de::value::{Error as ValueError, StrDeserializer};

use super::issue::{UnderwritingIssue, UnderwritingIssues, UnderwritingProblem};
use super::{Condition, ReadinessQuestion, ReadinessSet, Rule, SHIPPED, SHIPPED_NAME};
use crate::assessment::ProviderService;
use crate::bank::{AnswerKind, Bank, Question};
use crate::file_issues::FileIssues;
use crate::ids::QuestionId;
use crate::level::Level;

impl ReadinessSet {
    /// Parses the readiness file `text` (named `name` in messages) and checks
    /// it against `bank`, choosing the `bank2` conditions for a bank of major
    /// version 2.
    pub fn load(name: &str, text: &str, bank: &Bank) -> Result<Self, UnderwritingIssues> {
        let mut problems = Problems {
            file: name,
            found: Vec::new(),
        };
        let raw: RawFile = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                let message = e.message().trim_end().to_owned();
                problems.push(None, UnderwritingProblem::Syntax { message });
                return Err(FileIssues(problems.found));
            }
        };
        let use_bank2 = major_version(&bank.version) == Some(2);
        let mut items: Vec<ReadinessQuestion> = Vec::new();
        for raw_item in raw.items {
            let id = raw_item.id.clone();
            if items.iter().any(|i| i.id == id) {
                problems.push(
                    Some(&id),
                    UnderwritingProblem::DuplicateItem { id: id.clone() },
                );
                continue;
            }
            if let Some(item) = item(&mut problems, raw_item, bank, use_bank2) {
                items.push(item);
            }
        }
        for (field, text) in [
            ("title", &raw.readiness.title),
            ("notice", &raw.readiness.notice),
        ] {
            if text.trim().is_empty() {
                problems.push(None, UnderwritingProblem::EmptyText { field });
            }
        }
        if !problems.found.is_empty() {
            return Err(FileIssues(problems.found));
        }
        Ok(ReadinessSet {
            title: raw.readiness.title,
            notice: raw.readiness.notice,
            bank_version: bank.version.clone(),
            items,
        })
    }

    /// The shipped readiness file ([`SHIPPED`]), checked against `bank`.
    pub fn shipped(bank: &Bank) -> Result<Self, UnderwritingIssues> {
        Self::load(SHIPPED_NAME, SHIPPED, bank)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    readiness: RawHeader,
    #[serde(default)]
    items: Vec<RawItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    title: String,
    notice: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: String,
    topic: String,
    question: String,
    why: String,
    overstates: String,
    outside: Option<String>,
    #[serde(default)]
    providers: Vec<String>,
    #[serde(default)]
    context: Vec<String>,
    #[serde(default)]
    conditions: Vec<RawCondition>,
    bank2: Option<Vec<RawCondition>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    question: String,
    covers: String,
    yes_level: Option<Level>,
    partly_level: Option<Level>,
    yes_values: Option<Vec<String>>,
    partly_values: Option<Vec<String>>,
    yes_at_least: Option<f64>,
    partly_at_least: Option<f64>,
    yes_at_most: Option<f64>,
    partly_at_most: Option<f64>,
}

/// Collects problems with the file's name.
struct Problems<'a> {
    file: &'a str,
    found: Vec<UnderwritingIssue>,
}

impl Problems<'_> {
    fn push(&mut self, item: Option<&str>, problem: UnderwritingProblem) {
        self.found.push(UnderwritingIssue {
            file: self.file.to_owned(),
            line: None,
            item: item.map(str::to_owned),
            problem,
        });
    }
}

fn item(
    problems: &mut Problems<'_>,
    raw: RawItem,
    bank: &Bank,
    use_bank2: bool,
) -> Option<ReadinessQuestion> {
    let id = raw.id;
    let before = problems.found.len();
    if !well_formed_id(&id) {
        problems.push(Some(&id), UnderwritingProblem::BadId { id: id.clone() });
    }
    let texts = [
        ("topic", &raw.topic),
        ("question", &raw.question),
        ("why", &raw.why),
        ("overstates", &raw.overstates),
    ];
    for (field, text) in texts {
        if text.trim().is_empty() {
            problems.push(Some(&id), UnderwritingProblem::EmptyText { field });
        }
    }
    if raw.outside.as_ref().is_some_and(|o| o.trim().is_empty()) {
        let problem = UnderwritingProblem::EmptyText { field: "outside" };
        problems.push(Some(&id), problem);
    }
    let raw_conditions = match raw.bank2 {
        Some(bank2) if use_bank2 => bank2,
        _ => raw.conditions,
    };
    match (raw_conditions.is_empty(), raw.outside.is_some()) {
        (true, false) => problems.push(Some(&id), UnderwritingProblem::NoConditions),
        (false, true) => problems.push(Some(&id), UnderwritingProblem::OutsideWithConditions),
        _ => {}
    }
    let conditions: Vec<Condition> = raw_conditions
        .into_iter()
        .filter_map(|c| condition(problems, &id, c, bank))
        .collect();
    let context: Vec<QuestionId> = raw
        .context
        .iter()
        .filter_map(|q| question(problems, &id, q, bank).map(|q| q.id.clone()))
        .collect();
    let providers = raw
        .providers
        .iter()
        .filter_map(|service| {
            let de: StrDeserializer<'_, ValueError> = service.as_str().into_deserializer();
            let parsed = ProviderService::deserialize(de).ok();
            if parsed.is_none() {
                let service = service.clone();
                problems.push(Some(&id), UnderwritingProblem::UnknownService { service });
            }
            parsed
        })
        .collect();
    (problems.found.len() == before).then_some(ReadinessQuestion {
        id,
        topic: raw.topic,
        question: raw.question,
        why: raw.why,
        overstates: raw.overstates,
        outside: raw.outside,
        conditions,
        context,
        providers,
    })
}

fn condition(
    problems: &mut Problems<'_>,
    item: &str,
    raw: RawCondition,
    bank: &Bank,
) -> Option<Condition> {
    let question = question(problems, item, &raw.question, bank)?;
    let id = question.id.to_string();
    if raw.covers.trim().is_empty() {
        problems.push(
            Some(item),
            UnderwritingProblem::EmptyText { field: "covers" },
        );
    }
    let rule = rule(&raw, &id).and_then(|rule| check_rule(rule, question));
    match rule {
        Ok(rule) => Some(Condition {
            question: question.id.clone(),
            covers: raw.covers,
            rule,
        }),
        Err(problem) => {
            problems.push(Some(item), problem);
            None
        }
    }
}

/// The question an id names in the bank, or a problem.
fn question<'b>(
    problems: &mut Problems<'_>,
    item: &str,
    id: &str,
    bank: &'b Bank,
) -> Option<&'b Question> {
    let found = QuestionId::parse(id)
        .ok()
        .and_then(|parsed| bank.question(&parsed));
    if found.is_none() {
        let problem = UnderwritingProblem::UnknownQuestion {
            id: id.to_owned(),
            version: bank.version.clone(),
        };
        problems.push(Some(item), problem);
    }
    found
}

/// The one rule family a condition uses.
fn rule(raw: &RawCondition, id: &str) -> Result<Rule, UnderwritingProblem> {
    let families = [
        raw.yes_level.is_some() || raw.partly_level.is_some(),
        raw.yes_values.is_some() || raw.partly_values.is_some(),
        raw.yes_at_least.is_some() || raw.partly_at_least.is_some(),
        raw.yes_at_most.is_some() || raw.partly_at_most.is_some(),
    ];
    let id = id.to_owned();
    match families.iter().filter(|&&used| used).count() {
        0 => return Err(UnderwritingProblem::NoRule { id }),
        1 => {}
        _ => return Err(UnderwritingProblem::MixedRules { id }),
    }
    let without_yes = || UnderwritingProblem::PartlyWithoutYes { id: id.clone() };
    if families[0] {
        let yes = raw.yes_level.ok_or_else(without_yes)?;
        Ok(Rule::Level {
            yes,
            partly: raw.partly_level,
        })
    } else if families[1] {
        let yes = raw.yes_values.clone().ok_or_else(without_yes)?;
        if yes.is_empty() {
            return Err(UnderwritingProblem::NoRule { id });
        }
        let partly = raw.partly_values.clone().unwrap_or_default();
        Ok(Rule::Values { yes, partly })
    } else if families[2] {
        let yes = raw.yes_at_least.ok_or_else(without_yes)?;
        Ok(Rule::AtLeast {
            yes,
            partly: raw.partly_at_least,
        })
    } else {
        let yes = raw.yes_at_most.ok_or_else(without_yes)?;
        Ok(Rule::AtMost {
            yes,
            partly: raw.partly_at_most,
        })
    }
}

/// Checks that a rule fits its question's kind and that partly is short of yes.
fn check_rule(rule: Rule, question: &Question) -> Result<Rule, UnderwritingProblem> {
    let id = question.id.to_string();
    let kind = question.kind_name();
    let looser = match &rule {
        Rule::Level { yes, partly } => {
            if !question.is_scored() {
                return Err(UnderwritingProblem::LevelOnUnscored { id, kind });
            }
            partly.is_none_or(|p| p < *yes)
        }
        Rule::Values { yes, partly } => {
            let allowed =
                values_of(question).ok_or_else(|| UnderwritingProblem::ValuesOnWrongKind {
                    id: id.clone(),
                    kind,
                })?;
            if let Some(value) = yes.iter().chain(partly).find(|v| !allowed.contains(v)) {
                return Err(UnderwritingProblem::UnknownValue {
                    id,
                    value: value.clone(),
                    allowed: allowed.join(", "),
                });
            }
            !partly.iter().any(|p| yes.contains(p))
        }
        Rule::AtLeast { yes, partly } | Rule::AtMost { yes, partly } => {
            if !matches!(question.kind, AnswerKind::Number { .. }) {
                return Err(UnderwritingProblem::NumberOnWrongKind { id, kind });
            }
            if !yes.is_finite() || partly.is_some_and(|p| !p.is_finite()) {
                return Err(UnderwritingProblem::NotFinite { id });
            }
            let at_least = matches!(rule, Rule::AtLeast { .. });
            partly.is_none_or(|p| if at_least { p < *yes } else { p > *yes })
        }
    };
    if looser {
        Ok(rule)
    } else {
        Err(UnderwritingProblem::PartlyNotBelowYes { id })
    }
}

/// The values a choice or yes/no question takes.
fn values_of(question: &Question) -> Option<Vec<String>> {
    match &question.kind {
        AnswerKind::Choice { options } => Some(options.iter().map(|o| o.value.clone()).collect()),
        AnswerKind::YesNo => Some(vec!["yes".to_owned(), "no".to_owned()]),
        _ => None,
    }
}

fn well_formed_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The major version of a semantic version (`2` of `2.0.0`).
pub(super) fn major_version(version: &str) -> Option<u32> {
    version.split('.').next()?.parse().ok()
}
