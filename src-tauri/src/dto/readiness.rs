//! The underwriters' questions on the exposure screen
//! (`core::underwriting`): each with the answer the assessment supports, the
//! answers it rests on, and what a plain "yes" would overstate.
//!
//! Invariant: every answer is copied from `core`, never decided here, so the
//! screen says what the report's "What to tell the underwriter" says.

use ironbridge_core::underwriting::{Readiness, Supported, UnderwritingIssues};
use serde::Serialize;
use specta::Type;

/// The underwriters' questions as far as the assessment supports them.
#[derive(Clone, Debug, Default, Serialize, Type)]
pub struct ReadinessDto {
    /// Why the questions cannot be answered (a bank they do not fit).
    pub unavailable: Option<String>,
    /// What this is not, and what to confirm before it goes on a proposal.
    pub notice: String,
    /// One per question, in the file's order.
    pub items: Vec<ReadinessItemDto>,
}

/// One underwriter's question.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ReadinessItemDto {
    /// Stable id (`mfa-email`).
    pub id: String,
    /// Short label.
    pub topic: String,
    /// The question as a broker would put it.
    pub question: String,
    /// `yes`, `partly`, `no` or `unknown`.
    pub answer: String,
    /// What a plain "yes" would overstate; none only for a clean "yes".
    pub warning: Option<String>,
    /// Why the assessment cannot answer it, when it does not ask.
    pub outside: Option<String>,
    /// The answers it rests on, in words ("MFA on remote access: level 1").
    pub evidence: Vec<String>,
}

impl ReadinessDto {
    /// The screen's form of `core`'s answers, or of why there are none.
    pub fn new(readiness: Result<&Readiness, &UnderwritingIssues>) -> Self {
        let readiness = match readiness {
            Ok(r) => r,
            Err(issues) => {
                return Self {
                    unavailable: Some(issues.to_string()),
                    ..Self::default()
                };
            }
        };
        Self {
            unavailable: None,
            notice: readiness.notice.clone(),
            items: readiness
                .items
                .iter()
                .map(|i| ReadinessItemDto {
                    id: i.id.clone(),
                    topic: i.topic.clone(),
                    question: i.question.clone(),
                    answer: answer(i.answer).to_owned(),
                    warning: i.warning.clone(),
                    outside: i.outside.clone(),
                    evidence: i
                        .evidence
                        .iter()
                        .map(|e| format!("{}: {}", e.title, e.answer))
                        .collect(),
                })
                .collect(),
        }
    }
}

/// The answer's serde name, through an exhaustive match.
fn answer(answer: Supported) -> &'static str {
    match answer {
        Supported::Yes => "yes",
        Supported::Partly => "partly",
        Supported::No => "no",
        Supported::Unknown => "unknown",
    }
}
