//! Checks of each question: its id (well formed, in its domain, unique), its
//! texts, then its kind, references, scoring data and fact, each in its own
//! module.
//!
//! Invariant: the first definition of an id wins; a later one is reported and
//! dropped, but still checked so that all its problems show at once.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use super::kind::KindFields;
use super::validator::Validator;
use crate::bank::issue::BankProblem;
use crate::bank::raw::RawQuestion;
use crate::bank::{AnswerKind, Question};
use crate::ids::{DomainCode, QuestionId};

/// Question ids and facts seen so far across the whole bank.
#[derive(Default)]
pub(super) struct SeenQuestions {
    /// Where each question id was first defined, as `name:line`.
    pub(super) places: BTreeMap<QuestionId, String>,
    /// The question that first records each fact.
    pub(super) facts: BTreeMap<String, QuestionId>,
}

impl Validator<'_> {
    /// Checks one question of the domain `domain` (`None` when its code is broken).
    pub(super) fn question(
        &mut self,
        file: usize,
        raw: Spanned<RawQuestion>,
        domain: Option<&DomainCode>,
        profile_ids: &[String],
        seen: &mut SeenQuestions,
    ) -> Option<Question> {
        let span = raw.span();
        let mut raw = raw.into_inner();
        let kind_fields = KindFields::of(&raw);
        let (id, id_span) = self.question_id(file, span, raw.id.as_ref())?;
        let item = id.to_string();
        let item = Some(item.as_str());
        self.check_id_in_domain(file, &id, &id_span, item, domain);
        let duplicate = self.is_duplicate_question(file, &id, &id_span, item, &mut seen.places);

        let title = self.required_text(file, &id_span, item, raw.title.take(), "title");
        let text = self.required_text(file, &id_span, item, raw.text.take(), "text");
        let guidance = self.required_text(file, &id_span, item, raw.guidance.take(), "guidance");
        let prompt = self.required_text(file, &id_span, item, raw.prompt.take(), "prompt");

        let (kind, kind_name) = self.answer_kind(file, &id_span, item, &mut raw)?;
        self.check_fields_fit_kind(file, &id_span, item, &kind, &kind_name, &kind_fields);

        let scored = is_scored(&kind);
        let refs = self.refs(file, &id_span, item, raw.refs.take(), scored);
        let scoring = if scored {
            Some(self.scoring(file, &id_span, item, &raw, profile_ids))
        } else {
            self.check_no_scoring_fields(file, &id_span, item, &raw);
            None
        };
        let fact = self.fact(file, item, &id, raw.fact.take(), &mut seen.facts);
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

    /// The question's id and its span: required and well formed.
    fn question_id(
        &mut self,
        file: usize,
        question_span: Range<usize>,
        raw: Option<&Spanned<String>>,
    ) -> Option<(QuestionId, Range<usize>)> {
        let Some(raw) = raw else {
            self.push(
                file,
                Some(question_span),
                None,
                BankProblem::MissingField { field: "id" },
            );
            return None;
        };
        let id_span = raw.span();
        match QuestionId::parse(raw.get_ref()) {
            Ok(id) => Some((id, id_span)),
            Err(e) => {
                self.push(file, Some(id_span), None, e.into());
                None
            }
        }
    }

    /// Reports an id whose prefix is not the code of the domain holding it.
    fn check_id_in_domain(
        &mut self,
        file: usize,
        id: &QuestionId,
        id_span: &Range<usize>,
        item: Option<&str>,
        domain: Option<&DomainCode>,
    ) {
        if let Some(domain) = domain
            && id.domain_code() != domain.as_str()
        {
            self.push(
                file,
                Some(id_span.clone()),
                item,
                BankProblem::IdOutsideDomain {
                    domain: domain.to_string(),
                },
            );
        }
    }

    /// Whether the id was defined before (reported); otherwise records where it is defined.
    fn is_duplicate_question(
        &mut self,
        file: usize,
        id: &QuestionId,
        id_span: &Range<usize>,
        item: Option<&str>,
        places: &mut BTreeMap<QuestionId, String>,
    ) -> bool {
        if let Some(first) = places.get(id) {
            let first = first.clone();
            self.push(
                file,
                Some(id_span.clone()),
                item,
                BankProblem::DuplicateQuestion { first },
            );
            true
        } else {
            places.insert(id.clone(), self.place(file, id_span));
            false
        }
    }

    /// Reports each scoring field given on a question that is not scored.
    fn check_no_scoring_fields(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        raw: &RawQuestion,
    ) {
        for (present, field) in [
            (raw.weight.is_some(), "weight"),
            (raw.criticality.is_some(), "criticality"),
            (raw.target.is_some(), "target"),
            (raw.recommendations.is_some(), "recommendations"),
        ] {
            if present {
                self.push(
                    file,
                    Some(id_span.clone()),
                    item,
                    BankProblem::ScoringFieldOnFact { field },
                );
            }
        }
    }

    /// The named fact the question records: a dotted lowercase key, each recorded once.
    fn fact(
        &mut self,
        file: usize,
        item: Option<&str>,
        id: &QuestionId,
        raw: Option<Spanned<String>>,
        facts: &mut BTreeMap<String, QuestionId>,
    ) -> Option<String> {
        let raw = raw?;
        let fspan = raw.span();
        let key = raw.into_inner();
        if !is_fact_key(&key) {
            self.push(
                file,
                Some(fspan.clone()),
                item,
                BankProblem::BadFactKey { key: key.clone() },
            );
        }
        if let Some(first) = facts.get(&key) {
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
            facts.insert(key.clone(), id.clone());
        }
        Some(key)
    }
}

/// Whether a question of this kind counts in the score.
fn is_scored(kind: &AnswerKind) -> bool {
    match kind {
        AnswerKind::Maturity { .. } => true,
        // One levelled option shows the intent to score; a missing level is reported in `options`.
        AnswerKind::Choice { options } => options.iter().any(|o| o.level.is_some()),
        _ => false,
    }
}

/// Whether a fact key is dot-separated non-empty parts of lowercase letters, digits and `_`.
fn is_fact_key(key: &str) -> bool {
    key.contains('.')
        && key.split('.').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
}
