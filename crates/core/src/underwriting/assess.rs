//! Answering each readiness question from an assessment.
//!
//! Invariant (the rules of `docs/UNDERWRITING.md`): an item is "unknown" when
//! any deciding question is unanswered or answered unknown, or when every one
//! is marked not applicable; "yes" only when every applicable condition holds;
//! "no" when none holds even in part; "partly" otherwise. Anything short of
//! "yes" carries the item's overstatement warning.

use super::{
    Condition, Evidence, Fit, Readiness, ReadinessItem, ReadinessQuestion, ReadinessSet, Rule,
    Supported,
};
use crate::assessment::{AnswerRecord, Assessment, Response};
use crate::bank::{AnswerKind, Bank, Question, Unit};
use crate::ids::QuestionId;
use crate::level::Level;

impl ReadinessSet {
    /// Every item answered from `assessment`; `bank` is the bank this set was
    /// loaded against and the assessment was answered on.
    pub fn assess(&self, bank: &Bank, assessment: &Assessment) -> Readiness {
        Readiness {
            title: self.title.clone(),
            notice: self.notice.clone(),
            bank_version: self.bank_version.clone(),
            items: self
                .items
                .iter()
                .map(|item| answer_item(item, bank, assessment))
                .collect(),
        }
    }
}

fn answer_item(item: &ReadinessQuestion, bank: &Bank, assessment: &Assessment) -> ReadinessItem {
    let currency = assessment.organisation.currency.as_str();
    let mut evidence = Vec::new();
    let mut shortfalls = Vec::new();
    let mut cautions = Vec::new();
    for condition in &item.conditions {
        let record = assessment.answer(&condition.question);
        let question = bank.question(&condition.question);
        let response = record.and_then(|r| r.response.as_ref());
        let fit = fit(condition, question, response);
        let shown = shown(&condition.question, question, record, currency);
        match fit {
            Fit::Holds => {}
            Fit::NotApplicable => cautions.push(format!(
                "{} ({}) was marked {}: tell the underwriter so rather than answering a plain \"yes\"",
                condition.question, shown.title, shown.answer
            )),
            _ => shortfalls.push(shortfall(condition, response, &shown, question, currency)),
        }
        if shown.follow_up && fit != Fit::Unknown {
            cautions.push(format!(
                "{} ({}) is flagged for follow-up: confirm it before relying on this answer",
                condition.question, shown.title
            ));
        }
        evidence.push(Evidence {
            covers: Some(condition.covers.clone()),
            fit: Some(fit),
            ..shown
        });
    }
    let answer = combine(evidence.iter().filter_map(|e| e.fit));
    for id in &item.context {
        let shown = shown(id, bank.question(id), assessment.answer(id), currency);
        evidence.push(shown);
    }
    let providers = assessment
        .registers
        .providers
        .iter()
        .filter(|p| p.services.iter().any(|s| item.providers.contains(s)))
        .map(|p| p.name.clone())
        .collect();
    ReadinessItem {
        id: item.id.clone(),
        topic: item.topic.clone(),
        question: item.question.clone(),
        why: item.why.clone(),
        answer,
        evidence,
        shortfalls,
        warning: (answer != Supported::Yes).then(|| item.overstates.clone()),
        cautions,
        outside: item.outside.clone(),
        providers,
    }
}

/// The item's answer from its conditions' fits.
fn combine(fits: impl Iterator<Item = Fit>) -> Supported {
    let fits: Vec<Fit> = fits.filter(|f| *f != Fit::NotApplicable).collect();
    if fits.is_empty() || fits.contains(&Fit::Unknown) {
        Supported::Unknown
    } else if fits.iter().all(|f| *f == Fit::Holds) {
        Supported::Yes
    } else if fits.iter().all(|f| *f == Fit::Fails) {
        Supported::No
    } else {
        Supported::Partly
    }
}

/// How a response fits a condition.
fn fit(condition: &Condition, question: Option<&Question>, response: Option<&Response>) -> Fit {
    let Some(response) = response else {
        return Fit::Unknown;
    };
    match response {
        Response::Unknown => return Fit::Unknown,
        Response::NotApplicable(_) => return Fit::NotApplicable,
        _ => {}
    }
    let grade = |holds: bool, partly: bool| match (holds, partly) {
        (true, _) => Fit::Holds,
        (false, true) => Fit::Partly,
        (false, false) => Fit::Fails,
    };
    match &condition.rule {
        Rule::Level { yes, partly } => match level_of(question, response) {
            Some(level) => grade(level >= *yes, partly.is_some_and(|p| level >= p)),
            None => Fit::Unknown,
        },
        Rule::Values { yes, partly } => match value_of(response) {
            Some(value) => grade(yes.contains(&value), partly.contains(&value)),
            None => Fit::Unknown,
        },
        Rule::AtLeast { yes, partly } => match response {
            Response::Number(n) => grade(*n >= *yes, partly.is_some_and(|p| *n >= p)),
            _ => Fit::Unknown,
        },
        Rule::AtMost { yes, partly } => match response {
            Response::Number(n) => grade(*n <= *yes, partly.is_some_and(|p| *n <= p)),
            _ => Fit::Unknown,
        },
    }
}

/// The level of a level answer, or of a scored choice's option.
fn level_of(question: Option<&Question>, response: &Response) -> Option<Level> {
    match response {
        Response::Level(level) => Some(*level),
        Response::Choice(value) => match &question?.kind {
            AnswerKind::Choice { options } => options.iter().find(|o| &o.value == value)?.level,
            _ => None,
        },
        _ => None,
    }
}

/// The value of a choice or yes/no answer, as a values rule names it.
fn value_of(response: &Response) -> Option<String> {
    match response {
        Response::Choice(value) => Some(value.clone()),
        Response::YesNo(true) => Some("yes".to_owned()),
        Response::YesNo(false) => Some("no".to_owned()),
        _ => None,
    }
}

/// A question's answer as evidence, before it is matched with a condition.
fn shown(
    id: &QuestionId,
    question: Option<&Question>,
    record: Option<&AnswerRecord>,
    currency: &str,
) -> Evidence {
    let response = record.and_then(|r| r.response.as_ref());
    let descriptor = match response {
        Some(Response::Level(level)) => question
            .and_then(|q| q.level_descriptor(*level))
            .map(str::to_owned),
        _ => None,
    };
    Evidence {
        question: id.clone(),
        title: question.map_or_else(|| id.to_string(), |q| q.title.clone()),
        covers: None,
        answer: response.map_or_else(
            || "not answered".to_owned(),
            |r| answer_words(question, r, currency),
        ),
        descriptor,
        fit: None,
        note: record
            .map(|r| r.note.trim())
            .filter(|n| !n.is_empty())
            .map(str::to_owned),
        follow_up: record.is_some_and(|r| r.follow_up),
    }
}

/// A response in words: `level 1`, `In force`, `yes`, `68%`, `unknown`.
fn answer_words(question: Option<&Question>, response: &Response, currency: &str) -> String {
    match response {
        Response::Level(level) => format!("level {level}"),
        Response::Choice(value) => choice_label(question, value),
        Response::YesNo(true) => "yes".to_owned(),
        Response::YesNo(false) => "no".to_owned(),
        Response::Number(n) => number_words(*n, unit_of(question), currency),
        Response::Unknown => "unknown".to_owned(),
        Response::NotApplicable(reason) if reason.trim().is_empty() => "not applicable".to_owned(),
        Response::NotApplicable(reason) => format!("not applicable ({})", reason.trim()),
    }
}

/// A condition short of "yes", in words.
fn shortfall(
    condition: &Condition,
    response: Option<&Response>,
    shown: &Evidence,
    question: Option<&Question>,
    currency: &str,
) -> String {
    let id = &condition.question;
    let stands = match response {
        None => format!("{id} is not answered"),
        Some(Response::Unknown) => format!("{id} is answered unknown"),
        Some(Response::Level(_)) => format!("{id} is at {}", shown.answer),
        Some(_) => format!("{id} is answered {}", shown.answer),
    };
    let needs = match &condition.rule {
        Rule::Level { yes, .. } => format!("level {yes} or above"),
        Rule::Values { yes, .. } => yes
            .iter()
            .map(|v| choice_label(question, v))
            .collect::<Vec<_>>()
            .join(" or "),
        Rule::AtLeast { yes, .. } => {
            format!(
                "at least {}",
                number_words(*yes, unit_of(question), currency)
            )
        }
        Rule::AtMost { yes, .. } => {
            format!(
                "at most {}",
                number_words(*yes, unit_of(question), currency)
            )
        }
    };
    format!("{}: {stands}; \"yes\" needs {needs}", condition.covers)
}

fn choice_label(question: Option<&Question>, value: &str) -> String {
    let label = question.and_then(|q| match &q.kind {
        AnswerKind::Choice { options } => options.iter().find(|o| o.value == value),
        _ => None,
    });
    label.map_or_else(|| value.to_owned(), |o| o.label.clone())
}

fn unit_of(question: Option<&Question>) -> Option<Unit> {
    match question?.kind {
        AnswerKind::Number { unit, .. } => Some(unit),
        _ => None,
    }
}

/// A number with its unit: `95%`, `24 hours`, `250000 GBP`, `68`.
fn number_words(n: f64, unit: Option<Unit>, currency: &str) -> String {
    let text = if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        let fixed = format!("{n:.2}");
        fixed.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    match unit {
        Some(Unit::Percent) => format!("{text}%"),
        Some(Unit::Hours) if text == "1" => "1 hour".to_owned(),
        Some(Unit::Hours) => format!("{text} hours"),
        Some(Unit::Money) => format!("{text} {currency}"),
        Some(Unit::Count) | None => text,
    }
}
