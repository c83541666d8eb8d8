//! Checks of the caps, run once every domain's questions are known.
//!
//! Invariant: a cap kept has a unique `CAP-<domain>-NN` id, points at a real
//! question, and has exactly one condition that question's answers can meet:
//! `below` a level 1–4 of a scored question, or `equals` one of its values.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use toml::Spanned;

use super::domain::{FoundDomain, PendingCap};
use super::validator::{IdProblems, Validator};
use crate::bank::issue::BankProblem;
use crate::bank::raw::RawCap;
use crate::bank::{AnswerKind, Cap, CapCondition, Question};
use crate::ids::{DomainCode, QuestionId};
use crate::level::Level;

impl Validator<'_> {
    /// Checks every cap, in the order read, and adds each one kept to the first
    /// domain with its code.
    pub(super) fn attach_caps(&mut self, domains: &mut [FoundDomain], pending: Vec<PendingCap>) {
        let all_questions: BTreeMap<QuestionId, Question> = domains
            .iter()
            .flat_map(|f| f.domain.questions.iter().map(|q| (q.id.clone(), q.clone())))
            .collect();
        let mut seen_caps = BTreeSet::new();
        for PendingCap { file, domain, raw } in pending {
            if let Some(cap) = self.cap(file, &domain, raw, &all_questions, &mut seen_caps)
                && let Some(found) = domains.iter_mut().find(|f| f.domain.code == domain)
            {
                found.domain.caps.push(cap);
            }
        }
    }

    /// One cap of `domain`; `seen` holds the cap ids read so far.
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
        self.check_cap_id(file, domain, &id, &id_span, seen);
        let item = Some(id.as_str());
        let reason = self.required_text(file, &id_span, item, raw.reason, "reason");
        let max_score =
            self.required_percent(file, &id_span, item, raw.max_score, "max_score", |value| {
                BankProblem::CapMaxOutOfRange { value }
            });
        let question = self.cap_question(file, &id_span, item, raw.question, questions)?;
        let condition =
            self.cap_condition(file, &id_span, item, question, raw.below, raw.equals)?;
        Some(Cap {
            id,
            domain: domain.clone(),
            question: question.id.clone(),
            condition,
            max_score,
            reason,
        })
    }

    /// Reports a cap id not of the form `CAP-<domain>-NN`, and one already used.
    fn check_cap_id(
        &mut self,
        file: usize,
        domain: &DomainCode,
        id: &str,
        id_span: &Range<usize>,
        seen: &mut BTreeSet<String>,
    ) {
        let well_formed = id
            .strip_prefix(&format!("CAP-{domain}-"))
            .is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit()));
        self.check_item_id(
            file,
            id,
            id_span,
            seen,
            well_formed,
            IdProblems {
                bad: |id| BankProblem::BadCapId { id },
                duplicate: |id| BankProblem::DuplicateCap { id },
            },
        );
    }

    /// The question whose answer fires the cap: required and defined in the bank.
    fn cap_question<'q>(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        raw: Option<Spanned<String>>,
        questions: &'q BTreeMap<QuestionId, Question>,
    ) -> Option<&'q Question> {
        let raw = self.required(file, id_span, item, raw, "question")?;
        let question = QuestionId::parse(raw.get_ref())
            .ok()
            .and_then(|qid| questions.get(&qid));
        if question.is_none() {
            self.push(
                file,
                Some(raw.span()),
                item,
                BankProblem::CapUnknownQuestion {
                    question: raw.into_inner(),
                },
            );
        }
        question
    }

    /// When the cap fires: exactly one of `below` and `equals`.
    fn cap_condition(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        question: &Question,
        below: Option<Spanned<i64>>,
        equals: Option<Spanned<String>>,
    ) -> Option<CapCondition> {
        match (below, equals) {
            (Some(below), None) => self.below_condition(file, item, question, below),
            (None, Some(equals)) => Some(self.equals_condition(file, item, question, equals)),
            _ => {
                self.push(file, Some(id_span.clone()), item, BankProblem::CapCondition);
                None
            }
        }
    }

    /// A `below` condition: on a scored question, with a level 1–4 (the cap is
    /// dropped when the level is out of range).
    fn below_condition(
        &mut self,
        file: usize,
        item: Option<&str>,
        question: &Question,
        below: Spanned<i64>,
    ) -> Option<CapCondition> {
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
        let level = u8::try_from(value)
            .ok()
            .and_then(Level::new)
            .filter(|l| l.get() > 0);
        if level.is_none() {
            self.push(
                file,
                Some(below.span()),
                item,
                BankProblem::CapBelowOutOfRange { value },
            );
        }
        level.map(CapCondition::Below)
    }

    /// An `equals` condition: a value of the choice question, or `yes` / `no`
    /// (kept even when the question cannot give it).
    fn equals_condition(
        &mut self,
        file: usize,
        item: Option<&str>,
        question: &Question,
        equals: Spanned<String>,
    ) -> CapCondition {
        let value = equals.get_ref().clone();
        let allowed = answer_values(&question.kind);
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
}

/// The values an answer of this kind can take, for `equals`; none for levels and numbers.
fn answer_values(kind: &AnswerKind) -> Vec<String> {
    match kind {
        AnswerKind::Choice { options } => options.iter().map(|o| o.value.clone()).collect(),
        AnswerKind::YesNo => vec!["yes".into(), "no".into()],
        _ => Vec::new(),
    }
}
