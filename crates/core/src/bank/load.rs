//! Loading and validating a bank from TOML sources.
//!
//! Invariant: [`load`] returns a [`Bank`] only when no rule is broken, and
//! otherwise every problem it found, each with file, line and item.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use toml::Spanned;

use super::issue::{BankIssue, BankIssues, BankProblem};
use super::raw::{RawCap, RawDomain, RawFile, RawHeader, RawQuestion};
use super::{
    AnswerKind, Bank, Cap, CapCondition, ChoiceOption, Criticality, Domain, Horizons, Profile,
    Question, Scoring, Unit,
};
use crate::frameworks::{Catalogue, FrameworkRef};
use crate::ids::{DomainCode, QuestionId};
use crate::level::Level;

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
pub fn load(sources: &[Source<'_>], catalogue: &Catalogue) -> Result<Bank, BankIssues> {
    let mut v = Validator {
        sources,
        catalogue,
        issues: Vec::new(),
    };
    let mut files = Vec::new();
    for (idx, source) in sources.iter().enumerate() {
        match toml::from_str::<RawFile>(source.text) {
            Ok(file) => files.push((idx, file)),
            Err(err) => {
                let span = err.span();
                v.push(
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

    let mut header = None;
    for (idx, file) in &mut files {
        if let Some(h) = file.bank.take() {
            match &header {
                None => header = Some((*idx, h)),
                Some((first, _)) => {
                    let first_file = sources[*first].name.to_owned();
                    v.push(
                        *idx,
                        Some(h.span()),
                        None,
                        BankProblem::DuplicateHeader { first_file },
                    );
                }
            }
        }
    }
    let header = match header {
        Some((idx, h)) => Some(v.header(idx, h)),
        None => {
            if files.len() == sources.len() {
                v.push(0, None, None, BankProblem::NoHeader);
            }
            None
        }
    };
    let profile_ids: Vec<String> = header
        .as_ref()
        .map(|h| h.profiles.iter().map(|p| p.id.clone()).collect())
        .unwrap_or_default();

    let mut seen_questions: BTreeMap<QuestionId, String> = BTreeMap::new();
    let mut seen_facts: BTreeMap<String, QuestionId> = BTreeMap::new();
    let mut domains: Vec<(usize, Range<usize>, Domain)> = Vec::new();
    let mut raw_caps = Vec::new();
    for (idx, file) in files {
        for raw in file.domains {
            let span = raw.span();
            let raw = raw.into_inner();
            let caps = raw.caps;
            let raw = RawDomain {
                caps: Vec::new(),
                ..raw
            };
            if let Some(domain) = v.domain(
                idx,
                span.clone(),
                raw,
                &profile_ids,
                &mut seen_questions,
                &mut seen_facts,
            ) {
                raw_caps.extend(caps.into_iter().map(|c| (idx, domain.code.clone(), c)));
                domains.push((idx, span, domain));
            }
        }
    }

    let all_questions: BTreeMap<QuestionId, Question> = domains
        .iter()
        .flat_map(|(_, _, d)| d.questions.iter().map(|q| (q.id.clone(), q.clone())))
        .collect();
    let mut seen_caps = BTreeSet::new();
    for (idx, code, raw) in raw_caps {
        if let Some(cap) = v.cap(idx, &code, raw, &all_questions, &mut seen_caps)
            && let Some((_, _, domain)) = domains.iter_mut().find(|(_, _, d)| d.code == code)
        {
            domain.caps.push(cap);
        }
    }

    let mut ordered = Vec::new();
    if let Some(header) = &header {
        for (idx, span, domain) in &domains {
            let code = domain.code.as_str();
            if !header.order.iter().any(|c| c == code) {
                v.push(
                    *idx,
                    Some(span.clone()),
                    None,
                    BankProblem::DomainNotListed {
                        code: code.to_owned(),
                    },
                );
            }
            if domains
                .iter()
                .filter(|(_, _, d)| d.code == domain.code)
                .count()
                > 1
                && !ordered.iter().any(|d: &Domain| d.code == domain.code)
                && domains.iter().position(|(_, _, d)| d.code == domain.code)
                    != domains.iter().position(|(_, s, _)| s == span)
            {
                v.push(
                    *idx,
                    Some(span.clone()),
                    None,
                    BankProblem::DuplicateDomain {
                        code: code.to_owned(),
                    },
                );
            }
        }
        for code in &header.order {
            match domains.iter().find(|(_, _, d)| d.code.as_str() == code) {
                Some((_, _, d)) => ordered.push(d.clone()),
                None => v.push(
                    header.file,
                    None,
                    None,
                    BankProblem::ListedDomainMissing { code: code.clone() },
                ),
            }
        }
        for id in &header.retired {
            if let Some(place) = seen_questions.get(id) {
                let (file, line) = place.rsplit_once(':').unwrap_or((place, ""));
                v.issues.push(BankIssue {
                    file: file.to_owned(),
                    line: line.parse().ok(),
                    item: Some(id.to_string()),
                    problem: BankProblem::RetiredIdReused,
                });
            }
        }
    }

    if !v.issues.is_empty() {
        let order: BTreeMap<&str, usize> = sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name, i))
            .collect();
        v.issues
            .sort_by_key(|i| (order.get(i.file.as_str()).copied(), i.line));
        return Err(BankIssues(v.issues));
    }
    let Some(header) = header else {
        return Err(BankIssues(vec![BankIssue {
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
        domains: ordered,
        retired: header.retired,
    })
}

struct Header {
    file: usize,
    id: String,
    version: String,
    title: String,
    order: Vec<String>,
    profiles: Vec<Profile>,
    horizons: Horizons,
    retired: Vec<QuestionId>,
}

struct Validator<'a> {
    sources: &'a [Source<'a>],
    catalogue: &'a Catalogue,
    issues: Vec<BankIssue>,
}

impl Validator<'_> {
    fn push(
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

    fn place(&self, file: usize, span: &Range<usize>) -> String {
        let source = &self.sources[file];
        format!("{}:{}", source.name, line_of(source.text, span.start))
    }

    fn header(&mut self, file: usize, raw: Spanned<RawHeader>) -> Header {
        let span = raw.span();
        let raw = raw.into_inner();
        let text_field = |v: &mut Self, value: Option<String>, field: &'static str| match value {
            Some(t) if !t.trim().is_empty() => t,
            Some(_) => {
                v.push(
                    file,
                    Some(span.clone()),
                    None,
                    BankProblem::EmptyField { field },
                );
                String::new()
            }
            None => {
                v.push(
                    file,
                    Some(span.clone()),
                    None,
                    BankProblem::MissingField { field },
                );
                String::new()
            }
        };
        let id = raw.id.map(|s| (s.span(), s.into_inner()));
        let id = match id {
            Some((s, id)) => {
                let ok = !id.is_empty()
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                if !ok {
                    self.push(
                        file,
                        Some(s),
                        None,
                        BankProblem::BadBankId { text: id.clone() },
                    );
                }
                id
            }
            None => text_field(self, None, "id"),
        };
        let version = match raw.version.map(|s| (s.span(), s.into_inner())) {
            Some((s, version)) => {
                let parts: Vec<&str> = version.split('.').collect();
                let ok = parts.len() == 3
                    && parts
                        .iter()
                        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
                if !ok {
                    self.push(
                        file,
                        Some(s),
                        None,
                        BankProblem::BadVersion {
                            text: version.clone(),
                        },
                    );
                }
                version
            }
            None => text_field(self, None, "version"),
        };
        let title = text_field(self, raw.title, "title");

        let mut profiles: Vec<Profile> = Vec::new();
        for p in raw.profiles {
            let pspan = p.span();
            let p = p.into_inner();
            let field = |v: &mut Self, value: Option<String>, field: &'static str| match value {
                Some(t) if !t.trim().is_empty() => t,
                _ => {
                    v.push(
                        file,
                        Some(pspan.clone()),
                        None,
                        BankProblem::MissingField { field },
                    );
                    String::new()
                }
            };
            let profile = Profile {
                id: field(self, p.id, "id"),
                name: field(self, p.name, "name"),
                description: field(self, p.description, "description"),
            };
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
            self.push(file, Some(span.clone()), None, BankProblem::NoProfiles);
        }

        let horizons = match raw.horizons {
            Some(h) => {
                let hspan = h.span();
                let h = h.into_inner();
                if !(h.now > h.next && h.next > 0.0 && h.now.is_finite()) {
                    self.push(
                        file,
                        Some(hspan),
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
            None => {
                self.push(
                    file,
                    Some(span.clone()),
                    None,
                    BankProblem::MissingField { field: "horizons" },
                );
                Horizons {
                    now: 12.0,
                    next: 6.0,
                }
            }
        };

        let mut order = Vec::new();
        for code in raw.domains {
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
                Some(span.clone()),
                None,
                BankProblem::MissingField { field: "domains" },
            );
        }

        let mut retired = Vec::new();
        for id in raw.retired {
            let rspan = id.span();
            match QuestionId::parse(id.get_ref()) {
                Ok(id) => retired.push(id),
                Err(e) => self.push(file, Some(rspan), None, e.into()),
            }
        }
        Header {
            file,
            id,
            version,
            title,
            order,
            profiles,
            horizons,
            retired,
        }
    }

    fn domain(
        &mut self,
        file: usize,
        span: Range<usize>,
        raw: RawDomain,
        profile_ids: &[String],
        seen_questions: &mut BTreeMap<QuestionId, String>,
        seen_facts: &mut BTreeMap<String, QuestionId>,
    ) -> Option<Domain> {
        let code = match raw.code {
            Some(c) => match DomainCode::parse(c.get_ref()) {
                Ok(code) => Some(code),
                Err(e) => {
                    self.push(file, Some(c.span()), None, e.into());
                    None
                }
            },
            None => {
                self.push(
                    file,
                    Some(span.clone()),
                    None,
                    BankProblem::MissingField { field: "code" },
                );
                None
            }
        };
        let item = code.as_ref().map(|c| c.to_string());
        let item = item.as_deref();
        let name = self.required_text(file, &span, item, raw.name, "name");
        let summary = self.required_text(file, &span, item, raw.summary, "summary");
        let weight = match raw.weight {
            Some(w) => self.positive(file, w, item, "domain weight"),
            None => {
                self.push(
                    file,
                    Some(span.clone()),
                    item,
                    BankProblem::MissingField { field: "weight" },
                );
                1.0
            }
        };
        let mut questions = Vec::new();
        for q in raw.questions {
            if let Some(question) = self.question(
                file,
                q,
                code.as_ref(),
                profile_ids,
                seen_questions,
                seen_facts,
            ) {
                questions.push(question);
            }
        }
        let code = code?;
        if !questions.iter().any(Question::is_scored) {
            self.push(
                file,
                Some(span),
                item,
                BankProblem::DomainWithoutScoredQuestion {
                    code: code.to_string(),
                },
            );
        }
        Some(Domain {
            code,
            name,
            weight,
            summary,
            questions,
            caps: Vec::new(),
        })
    }

    fn question(
        &mut self,
        file: usize,
        raw: Spanned<RawQuestion>,
        domain: Option<&DomainCode>,
        profile_ids: &[String],
        seen_questions: &mut BTreeMap<QuestionId, String>,
        seen_facts: &mut BTreeMap<String, QuestionId>,
    ) -> Option<Question> {
        let span = raw.span();
        let mut raw = raw.into_inner();
        let levels_span = raw.levels.as_ref().map(Spanned::span);
        let options_span = raw.options.as_ref().map(Spanned::span);
        let (id, id_span) = match &raw.id {
            Some(id) => (QuestionId::parse(id.get_ref()), id.span()),
            None => {
                self.push(
                    file,
                    Some(span),
                    None,
                    BankProblem::MissingField { field: "id" },
                );
                return None;
            }
        };
        let id = match id {
            Ok(id) => id,
            Err(e) => {
                self.push(file, Some(id_span), None, e.into());
                return None;
            }
        };
        let item = id.to_string();
        let item = Some(item.as_str());
        let at = |s: &Range<usize>| Some(s.clone());
        if let Some(domain) = domain
            && id.domain_code() != domain.as_str()
        {
            self.push(
                file,
                at(&id_span),
                item,
                BankProblem::IdOutsideDomain {
                    domain: domain.to_string(),
                },
            );
        }
        let mut duplicate = false;
        if let Some(first) = seen_questions.get(&id) {
            let first = first.clone();
            self.push(
                file,
                at(&id_span),
                item,
                BankProblem::DuplicateQuestion { first },
            );
            duplicate = true;
        } else {
            seen_questions.insert(id.clone(), self.place(file, &id_span));
        }

        let title = self.required_text(file, &id_span, item, raw.title.take(), "title");
        let text = self.required_text(file, &id_span, item, raw.text.take(), "text");
        let guidance = self.required_text(file, &id_span, item, raw.guidance.take(), "guidance");
        let prompt = self.required_text(file, &id_span, item, raw.prompt.take(), "prompt");

        let kind_name = match &raw.kind {
            Some(k) => k.get_ref().clone(),
            None => {
                self.push(
                    file,
                    at(&id_span),
                    item,
                    BankProblem::MissingField { field: "kind" },
                );
                return None;
            }
        };
        let kind_span = raw.kind.as_ref().map(Spanned::span);
        let kind = match kind_name.as_str() {
            "maturity" => {
                let levels = self.levels(file, &id_span, item, raw.levels.take());
                AnswerKind::Maturity { levels }
            }
            "choice" => AnswerKind::Choice {
                options: self.options(file, &id_span, item, raw.options.take()),
            },
            "yes_no" => AnswerKind::YesNo,
            "money" | "hours" | "number" | "percent" => {
                let unit = match kind_name.as_str() {
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
                    self.push(file, at(&id_span), item, BankProblem::BadRange { min, max });
                }
                AnswerKind::Number { unit, min, max }
            }
            other => {
                self.push(
                    file,
                    kind_span,
                    item,
                    BankProblem::UnknownKind {
                        kind: other.to_owned(),
                    },
                );
                return None;
            }
        };
        if !matches!(kind, AnswerKind::Maturity { .. })
            && let Some(levels_span) = levels_span
        {
            self.push(
                file,
                Some(levels_span),
                item,
                BankProblem::FieldNotForKind {
                    field: "levels",
                    kind: kind_name.clone(),
                },
            );
        }
        if !matches!(kind, AnswerKind::Choice { .. })
            && let Some(options_span) = options_span
        {
            self.push(
                file,
                Some(options_span),
                item,
                BankProblem::FieldNotForKind {
                    field: "options",
                    kind: kind_name.clone(),
                },
            );
        }
        if !matches!(kind, AnswerKind::Number { .. }) && (raw.min.is_some() || raw.max.is_some()) {
            self.push(
                file,
                at(&id_span),
                item,
                BankProblem::FieldNotForKind {
                    field: "min/max",
                    kind: kind_name.clone(),
                },
            );
        }

        let scored = match &kind {
            AnswerKind::Maturity { .. } => true,
            // One levelled option shows the intent to score; a missing level is reported above.
            AnswerKind::Choice { options } => options.iter().any(|o| o.level.is_some()),
            _ => false,
        };
        let refs = self.refs(file, &id_span, item, raw.refs.take(), scored);
        let scoring = if scored {
            Some(self.scoring(file, &id_span, item, &raw, profile_ids))
        } else {
            for (present, field) in [
                (raw.weight.is_some(), "weight"),
                (raw.criticality.is_some(), "criticality"),
                (raw.target.is_some(), "target"),
                (raw.recommendations.is_some(), "recommendations"),
            ] {
                if present {
                    self.push(
                        file,
                        at(&id_span),
                        item,
                        BankProblem::ScoringFieldOnFact { field },
                    );
                }
            }
            None
        };

        let fact = match raw.fact.take() {
            Some(f) => {
                let fspan = f.span();
                let key = f.into_inner();
                let ok = key.contains('.')
                    && key.split('.').all(|part| {
                        !part.is_empty()
                            && part
                                .bytes()
                                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                    });
                if !ok {
                    self.push(
                        file,
                        Some(fspan.clone()),
                        item,
                        BankProblem::BadFactKey { key: key.clone() },
                    );
                }
                if let Some(first) = seen_facts.get(&key) {
                    let first = first.to_string();
                    self.push(
                        file,
                        Some(fspan),
                        item,
                        BankProblem::DuplicateFact {
                            key: key.clone(),
                            first,
                        },
                    );
                } else {
                    seen_facts.insert(key.clone(), id.clone());
                }
                Some(key)
            }
            None => None,
        };
        (!duplicate).then_some(Question {
            id,
            title,
            text,
            guidance,
            prompt,
            kind,
            fact,
            refs,
            scoring,
        })
    }

    fn levels(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        raw: Option<Spanned<Vec<Spanned<String>>>>,
    ) -> Vec<String> {
        let Some(raw) = raw else {
            self.push(
                file,
                Some(id_span.clone()),
                item,
                BankProblem::MissingField { field: "levels" },
            );
            return Vec::new();
        };
        let span = raw.span();
        let levels = raw.into_inner();
        if levels.len() != 5 {
            self.push(
                file,
                Some(span),
                item,
                BankProblem::LevelCount {
                    found: levels.len(),
                },
            );
        }
        for (level, text) in levels.iter().enumerate() {
            if text.get_ref().trim().is_empty() {
                self.push(
                    file,
                    Some(text.span()),
                    item,
                    BankProblem::EmptyLevel { level },
                );
            } else if let Some(first) = levels[..level]
                .iter()
                .position(|t| t.get_ref().trim() == text.get_ref().trim())
            {
                self.push(
                    file,
                    Some(text.span()),
                    item,
                    BankProblem::DuplicateLevel {
                        first,
                        second: level,
                    },
                );
            }
        }
        levels
            .into_iter()
            .map(|t| t.into_inner().trim().to_owned())
            .collect()
    }

    fn options(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        raw: Option<Spanned<Vec<Spanned<super::raw::RawOption>>>>,
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
        let with_level = raw.iter().filter(|o| o.get_ref().level.is_some()).count();
        if with_level != 0 && with_level != raw.len() {
            let first_without = raw
                .iter()
                .find(|o| o.get_ref().level.is_none())
                .map(Spanned::span);
            self.push(
                file,
                first_without.or(Some(span)),
                item,
                BankProblem::PartialOptionLevels,
            );
        }
        let mut options: Vec<ChoiceOption> = Vec::new();
        for option in raw {
            let ospan = option.span();
            let option = option.into_inner();
            let value_ok = !option.value.is_empty()
                && option
                    .value
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !value_ok {
                self.push(
                    file,
                    Some(ospan.clone()),
                    item,
                    BankProblem::BadOptionValue {
                        value: option.value.clone(),
                    },
                );
            }
            if options.iter().any(|o| o.value == option.value) {
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
            let level = match option.level {
                Some(l) => match u8::try_from(l).ok().and_then(Level::new) {
                    Some(level) => Some(level),
                    None => {
                        self.push(
                            file,
                            Some(ospan),
                            item,
                            BankProblem::OptionLevelOutOfRange {
                                value: option.value.clone(),
                                level: l,
                            },
                        );
                        Some(Level::MIN)
                    }
                },
                None => None,
            };
            options.push(ChoiceOption {
                value: option.value,
                label: option.label,
                level,
            });
        }
        options
    }

    fn refs(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        raw: Option<Spanned<Vec<Spanned<String>>>>,
        scored: bool,
    ) -> Vec<FrameworkRef> {
        let (span, raw) = match raw {
            Some(r) => (r.span(), r.into_inner()),
            None => (id_span.clone(), Vec::new()),
        };
        let mut refs: Vec<FrameworkRef> = Vec::new();
        let issues_before = self.issues.len();
        for text in raw {
            let rspan = Some(text.span());
            let text = text.into_inner();
            let Some(reference) = FrameworkRef::parse(&text) else {
                self.push(file, rspan, item, BankProblem::MalformedRef { text });
                continue;
            };
            match self.catalogue.framework(&reference.framework) {
                None => self.push(
                    file,
                    rspan,
                    item,
                    BankProblem::UnknownFramework {
                        prefix: reference.framework.clone(),
                        text,
                    },
                ),
                Some(framework) if !framework.controls.contains_key(&reference.id) => {
                    let framework = format!("{} ({})", framework.name, framework.edition);
                    self.push(
                        file,
                        rspan,
                        item,
                        BankProblem::UnknownControl { text, framework },
                    );
                }
                Some(_) if refs.contains(&reference) => {
                    self.push(file, rspan, item, BankProblem::DuplicateRef { text });
                }
                Some(_) => refs.push(reference),
            }
        }
        // A broken reference is reported once; counting frameworks then would only repeat it.
        if scored && self.issues.len() == issues_before {
            let frameworks: BTreeSet<&str> = refs.iter().map(|r| r.framework.as_str()).collect();
            if frameworks.len() < 2 {
                self.push(
                    file,
                    Some(span),
                    item,
                    BankProblem::TooFewFrameworks {
                        found: frameworks.len(),
                    },
                );
            }
        }
        refs
    }

    fn scoring(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        raw: &RawQuestion,
        profile_ids: &[String],
    ) -> Scoring {
        let at = Some(id_span.clone());
        let weight = match &raw.weight {
            Some(w) => self.positive(file, w.clone(), item, "weight"),
            None => {
                self.push(
                    file,
                    at.clone(),
                    item,
                    BankProblem::MissingField { field: "weight" },
                );
                1.0
            }
        };
        let criticality = match &raw.criticality {
            Some(c) => match c.get_ref().as_str() {
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
            },
            None => {
                self.push(
                    file,
                    at.clone(),
                    item,
                    BankProblem::MissingField {
                        field: "criticality",
                    },
                );
                Criticality::Standard
            }
        };
        let mut targets = BTreeMap::new();
        match &raw.target {
            Some(t) => {
                let tspan = Some(t.span());
                for (profile, value) in t.get_ref() {
                    if !profile_ids.contains(profile) {
                        self.push(
                            file,
                            tspan.clone(),
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
                            tspan.clone(),
                            item,
                            BankProblem::TargetOutOfRange {
                                profile: profile.clone(),
                                value: *value,
                            },
                        ),
                    }
                }
                for profile in profile_ids {
                    if !t.get_ref().contains_key(profile) {
                        self.push(
                            file,
                            tspan.clone(),
                            item,
                            BankProblem::MissingTarget {
                                profile: profile.clone(),
                            },
                        );
                    }
                }
                for pair in profile_ids.windows(2) {
                    if let (Some(lower), Some(higher)) =
                        (targets.get(&pair[0]), targets.get(&pair[1]))
                        && higher < lower
                    {
                        self.push(
                            file,
                            tspan.clone(),
                            item,
                            BankProblem::TargetsDecrease {
                                lower: pair[0].clone(),
                                higher: pair[1].clone(),
                            },
                        );
                    }
                }
            }
            None => self.push(
                file,
                at.clone(),
                item,
                BankProblem::MissingField { field: "target" },
            ),
        }
        let recommendations = match &raw.recommendations {
            Some(r) => {
                let list = r.get_ref();
                if list.len() != 4 {
                    self.push(
                        file,
                        Some(r.span()),
                        item,
                        BankProblem::RecommendationCount { found: list.len() },
                    );
                }
                for (index, text) in list.iter().enumerate() {
                    if text.get_ref().trim().is_empty() {
                        self.push(
                            file,
                            Some(text.span()),
                            item,
                            BankProblem::EmptyRecommendation { index },
                        );
                    }
                }
                list.iter().map(|t| t.get_ref().trim().to_owned()).collect()
            }
            None => {
                self.push(
                    file,
                    at,
                    item,
                    BankProblem::MissingField {
                        field: "recommendations",
                    },
                );
                Vec::new()
            }
        };
        Scoring {
            weight,
            criticality,
            targets,
            recommendations,
        }
    }

    fn cap(
        &mut self,
        file: usize,
        domain: &DomainCode,
        raw: Spanned<RawCap>,
        questions: &BTreeMap<QuestionId, Question>,
        seen: &mut BTreeSet<String>,
    ) -> Option<Cap> {
        let span = raw.span();
        let raw = raw.into_inner();
        let Some(id) = raw.id else {
            self.push(
                file,
                Some(span),
                None,
                BankProblem::MissingField { field: "id" },
            );
            return None;
        };
        let id_span = id.span();
        let id = id.into_inner();
        let item = Some(id.as_str());
        let expected_prefix = format!("CAP-{domain}-");
        let id_ok = id
            .strip_prefix(&expected_prefix)
            .is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit()));
        if !id_ok {
            self.push(
                file,
                Some(id_span.clone()),
                item,
                BankProblem::BadCapId { id: id.clone() },
            );
        }
        if !seen.insert(id.clone()) {
            self.push(
                file,
                Some(id_span.clone()),
                item,
                BankProblem::DuplicateCap { id: id.clone() },
            );
        }
        let reason = self.required_text(file, &id_span, item, raw.reason, "reason");
        let max_score = match raw.max_score {
            Some(m) => {
                let value = *m.get_ref();
                if !(0.0..=100.0).contains(&value) {
                    self.push(
                        file,
                        Some(m.span()),
                        item,
                        BankProblem::CapMaxOutOfRange { value },
                    );
                }
                value
            }
            None => {
                self.push(
                    file,
                    Some(id_span.clone()),
                    item,
                    BankProblem::MissingField { field: "max_score" },
                );
                0.0
            }
        };
        let Some(question_ref) = raw.question else {
            self.push(
                file,
                Some(id_span),
                item,
                BankProblem::MissingField { field: "question" },
            );
            return None;
        };
        let qspan = question_ref.span();
        let question = QuestionId::parse(question_ref.get_ref())
            .ok()
            .and_then(|qid| questions.get(&qid));
        let Some(question) = question else {
            self.push(
                file,
                Some(qspan),
                item,
                BankProblem::CapUnknownQuestion {
                    question: question_ref.into_inner(),
                },
            );
            return None;
        };
        let condition = match (raw.below, raw.equals) {
            (Some(below), None) => {
                let value = *below.get_ref();
                if !question.is_scored() {
                    self.push(
                        file,
                        Some(below.span()),
                        item,
                        BankProblem::CapBelowOnUnscored {
                            question: question.id.to_string(),
                        },
                    );
                }
                match u8::try_from(value)
                    .ok()
                    .and_then(Level::new)
                    .filter(|l| l.get() > 0)
                {
                    Some(level) => CapCondition::Below(level),
                    None => {
                        self.push(
                            file,
                            Some(below.span()),
                            item,
                            BankProblem::CapBelowOutOfRange { value },
                        );
                        return None;
                    }
                }
            }
            (None, Some(equals)) => {
                let value = equals.get_ref().clone();
                let allowed: Vec<String> = match &question.kind {
                    AnswerKind::Choice { options } => {
                        options.iter().map(|o| o.value.clone()).collect()
                    }
                    AnswerKind::YesNo => vec!["yes".into(), "no".into()],
                    _ => Vec::new(),
                };
                if !allowed.contains(&value) {
                    let allowed = if allowed.is_empty() {
                        "none: use `below` for levels".to_owned()
                    } else {
                        allowed.join(", ")
                    };
                    self.push(
                        file,
                        Some(equals.span()),
                        item,
                        BankProblem::CapUnknownValue {
                            value: value.clone(),
                            question: question.id.to_string(),
                            allowed,
                        },
                    );
                }
                CapCondition::Equals(value)
            }
            _ => {
                self.push(file, Some(id_span), item, BankProblem::CapCondition);
                return None;
            }
        };
        Some(Cap {
            id,
            domain: domain.clone(),
            question: question.id.clone(),
            condition,
            max_score,
            reason,
        })
    }

    fn required_text(
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

    fn positive(
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
