//! Checks of the index gates (`[[bank.gates]]`), run once every domain's
//! questions are known.
//!
//! Invariant: a gate kept has a unique `GATE-…` id, a non-empty reason, a
//! `max_index` from 0 to 100 and a `below` level from 1 to 4, and points at a
//! scored question whose criticality is critical.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use toml::Spanned;

use super::domain::FoundDomain;
use super::validator::{IdProblems, Validator};
use crate::bank::issue::BankProblem;
use crate::bank::raw::RawGate;
use crate::bank::{Criticality, Gate, Question};
use crate::ids::QuestionId;
use crate::level::Level;

impl Validator<'_> {
    /// Checks every gate of the header in source `file`, in the order written.
    pub(super) fn gates(
        &mut self,
        file: usize,
        raw: Vec<Spanned<RawGate>>,
        domains: &[FoundDomain],
    ) -> Vec<Gate> {
        let questions: BTreeMap<&QuestionId, &Question> = domains
            .iter()
            .flat_map(|f| f.domain.questions.iter().map(|q| (&q.id, q)))
            .collect();
        let mut seen = BTreeSet::new();
        raw.into_iter()
            .filter_map(|g| self.gate(file, g, &questions, &mut seen))
            .collect()
    }

    /// One gate; `seen` holds the gate ids read so far.
    fn gate(
        &mut self,
        file: usize,
        raw: Spanned<RawGate>,
        questions: &BTreeMap<&QuestionId, &Question>,
        seen: &mut BTreeSet<String>,
    ) -> Option<Gate> {
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
        self.check_gate_id(file, &id, &id_span, seen);
        let item = Some(id.as_str());
        let reason = self.required_text(file, &id_span, item, raw.reason, "reason");
        let max_index =
            self.required_percent(file, &id_span, item, raw.max_index, "max_index", |value| {
                BankProblem::GateMaxOutOfRange { value }
            });
        let below = self.gate_below(file, &id_span, item, raw.below);
        let question = self.gate_question(file, &id_span, item, raw.question, questions)?;
        Some(Gate {
            id,
            question: question.id.clone(),
            below: below?,
            max_index,
            reason,
        })
    }

    /// Reports a gate id not of the form `GATE-…`, and one already used.
    fn check_gate_id(
        &mut self,
        file: usize,
        id: &str,
        id_span: &Range<usize>,
        seen: &mut BTreeSet<String>,
    ) {
        let well_formed = id.strip_prefix("GATE-").is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
        });
        self.check_item_id(
            file,
            id,
            id_span,
            seen,
            well_formed,
            IdProblems {
                bad: |id| BankProblem::BadGateId { id },
                duplicate: |id| BankProblem::DuplicateGate { id },
            },
        );
    }

    /// The level below which the gate fires: required, 1–4.
    fn gate_below(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        raw: Option<Spanned<i64>>,
    ) -> Option<Level> {
        let raw = self.required(file, id_span, item, raw, "below")?;
        let value = *raw.get_ref();
        let level = u8::try_from(value)
            .ok()
            .and_then(Level::new)
            .filter(|l| l.get() > 0);
        if level.is_none() {
            self.push(
                file,
                Some(raw.span()),
                item,
                BankProblem::GateBelowOutOfRange { value },
            );
        }
        level
    }

    /// The gate's question: defined, scored and critical.
    fn gate_question<'q>(
        &mut self,
        file: usize,
        id_span: &Range<usize>,
        item: Option<&str>,
        raw: Option<Spanned<String>>,
        questions: &BTreeMap<&QuestionId, &'q Question>,
    ) -> Option<&'q Question> {
        let raw = self.required(file, id_span, item, raw, "question")?;
        let span = raw.span();
        let Some(question) = QuestionId::parse(raw.get_ref())
            .ok()
            .and_then(|qid| questions.get(&qid).copied())
        else {
            let question = raw.into_inner();
            self.push(
                file,
                Some(span),
                item,
                BankProblem::GateUnknownQuestion { question },
            );
            return None;
        };
        let question_id = question.id.to_string();
        match question.scoring.as_ref().map(|s| s.criticality) {
            None => self.push(
                file,
                Some(span),
                item,
                BankProblem::GateOnUnscored {
                    question: question_id,
                },
            ),
            Some(Criticality::Critical) => return Some(question),
            Some(other) => self.push(
                file,
                Some(span),
                item,
                BankProblem::GateNotCritical {
                    question: question_id,
                    criticality: match other {
                        Criticality::Standard => "standard",
                        _ => "high",
                    },
                },
            ),
        }
        None
    }
}
