//! The report's narrative drafted from the scoring: the executive summary, the
//! top risks in plain language and each domain's findings. The consultant
//! edits these before export; [`NarrativeEdits`] holds the edited text.
//!
//! Invariant: drafting is a pure function of (bank, assessment, scorecard);
//! every sentence says something the scorecard shows.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::assessment::{Assessment, Response};
use crate::bank::Bank;
use crate::ids::{DomainCode, QuestionId};
use crate::scoring::{AnswerState, Gap, Scorecard};

/// The drafted narrative.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Narrative {
    /// The executive summary, paragraphs separated by blank lines.
    pub executive_summary: String,
    /// The top risks, most urgent first.
    pub top_risks: Vec<Risk>,
    /// Findings per domain, paragraphs separated by blank lines.
    pub domain_findings: BTreeMap<DomainCode, String>,
}

/// A risk stated for a board.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Risk {
    /// The question behind it.
    pub question: QuestionId,
    /// A short headline.
    pub headline: String,
    /// What could happen and why, in plain language.
    pub statement: String,
}

/// Text the consultant edited; absent parts fall back to the draft.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrativeEdits {
    /// The edited executive summary.
    #[serde(default)]
    pub executive_summary: Option<String>,
    /// Edited findings per domain.
    #[serde(default)]
    pub domain_findings: BTreeMap<DomainCode, String>,
}

impl Narrative {
    /// Applies the consultant's edits over the draft.
    pub fn with_edits(mut self, edits: &NarrativeEdits) -> Self {
        if let Some(summary) = &edits.executive_summary {
            self.executive_summary.clone_from(summary);
        }
        for (code, text) in &edits.domain_findings {
            self.domain_findings.insert(code.clone(), text.clone());
        }
        self
    }
}

/// Drafts the narrative, then applies the assessment's saved edits.
pub fn narrative(bank: &Bank, assessment: &Assessment, card: &Scorecard) -> Narrative {
    draft(bank, assessment, card).with_edits(&assessment.narrative)
}

/// Drafts the narrative from the scoring alone.
pub fn draft(bank: &Bank, assessment: &Assessment, card: &Scorecard) -> Narrative {
    let top_risks: Vec<Risk> = card
        .gaps
        .iter()
        .take(5)
        .map(|g| risk(bank, card, g))
        .collect();
    let domain_findings = card
        .domains
        .iter()
        .map(|d| (d.code.clone(), domain_findings(bank, card, d.code.as_str())))
        .collect();
    Narrative {
        executive_summary: executive_summary(bank, assessment, card, &top_risks),
        top_risks,
        domain_findings,
    }
}

fn executive_summary(
    bank: &Bank,
    assessment: &Assessment,
    card: &Scorecard,
    risks: &[Risk],
) -> String {
    let org = &assessment.organisation.name;
    let profile = bank
        .profile(&card.target_profile)
        .map_or(card.target_profile.clone(), |p| p.name.to_lowercase());
    let mut paragraphs = Vec::new();
    match (card.index, card.weakest_domain.as_ref().and_then(|c| card.domain(c.as_str()))) {
        (Some(index), Some(weakest)) => paragraphs.push(format!(
            "{org} scores {index:.0} out of 100 on the resilience index, measured against the {profile} target profile. \
             Resilience is a chain: the weakest domain, {}, scores {}.",
            weakest.name,
            weakest.score.map_or("—".to_owned(), |s| format!("{s:.0}"))
        )),
        _ => paragraphs.push(format!("No scored question of {org}'s assessment has been answered yet.")),
    }
    let firing: Vec<&str> = card
        .domains
        .iter()
        .flat_map(|d| d.caps.iter())
        .map(|c| c.reason.as_str())
        .collect();
    let c = &card.completion;
    let mut state = Vec::new();
    if !firing.is_empty() {
        state.push(format!(
            "{} critical control{} missing; each caps the score of its domain, whatever else is in place.",
            count_words(firing.len()),
            if firing.len() == 1 { " is" } else { "s are" }
        ));
    }
    if c.unknown > 0 {
        state.push(format!(
            "{} of {} questions could not be answered by anyone present; they are scored as the lowest level, \
             because what nobody knows cannot be relied on in a crisis.",
            count_words(c.unknown),
            c.total
        ));
    }
    if c.unanswered > 0 {
        state.push(format!(
            "{} questions are still open; the scores cover the rest.",
            c.unanswered
        ));
    }
    if !state.is_empty() {
        paragraphs.push(state.join(" "));
    }
    if let Some(sentence) = insurance_sentence(bank, assessment) {
        paragraphs.push(sentence);
    }
    if !risks.is_empty() {
        // A gap nobody could answer is named as unknown, never as if its
        // state were established.
        let headlines: Vec<String> = risks
            .iter()
            .take(3)
            .map(|r| {
                let unknown = card
                    .gaps
                    .iter()
                    .any(|g| g.question == r.question && g.unknown);
                if unknown {
                    format!(
                        "{} (unknown: nobody present could say how it stands)",
                        lower_first(&r.headline)
                    )
                } else {
                    lower_first(&r.headline)
                }
            })
            .collect();
        paragraphs.push(format!(
            "The most urgent gaps to close are {}. The roadmap orders every gap by weight, shortfall and \
             criticality.",
            join_and(&headlines)
        ));
    }
    paragraphs.join("\n\n")
}

fn insurance_sentence(bank: &Bank, assessment: &Assessment) -> Option<String> {
    let fact = |key: &str| {
        let question = bank.fact_question(key)?;
        assessment.answer(&question.id)?.response.clone()
    };
    let money = |key: &str| match fact(key) {
        Some(Response::Number(n)) => Some(format_money(n, &assessment.organisation.currency)),
        _ => None,
    };
    match fact("insurance.policy_status")? {
        Response::Choice(status) if status == "in_force" => {
            let mut text = "A cyber insurance policy is in force".to_owned();
            if let Some(limit) = money("insurance.aggregate_limit") {
                text.push_str(&format!(" with an aggregate limit of {limit}"));
                if let Some(bi) = money("insurance.bi_sublimit") {
                    text.push_str(&format!(" and a business-interruption sublimit of {bi}"));
                }
            }
            text.push('.');
            if matches!(fact("insurance.dependent_bi"), Some(Response::Choice(v)) if v == "none") {
                text.push_str(" It does not cover an outage at an IT provider, which is how several 2025 attacks began.");
            }
            if matches!(fact("insurance.war_exclusion_reviewed"), Some(Response::YesNo(false))) {
                text.push_str(" How its war and state-backed attack exclusion would apply has not been reviewed.");
            }
            Some(text)
        }
        Response::Choice(_) => Some(
            "No cyber insurance policy is in force: the whole cost of a production halt, of the response and of \
             recovery would fall on the company."
                .to_owned(),
        ),
        Response::Unknown => Some("Nobody present could say whether a cyber insurance policy is in force.".to_owned()),
        _ => None,
    }
}

fn risk(bank: &Bank, card: &Scorecard, gap: &Gap) -> Risk {
    let cap_reason = card
        .domains
        .iter()
        .flat_map(|d| d.caps.iter())
        .find(|c| gap.caps.contains(&c.id))
        .map(|c| c.reason.clone());
    let statement = cap_reason.unwrap_or_else(|| {
        let today = bank
            .question(&gap.question)
            .and_then(|q| q.level_descriptor(gap.level))
            .map(first_sentence)
            .unwrap_or_default();
        if gap.unknown {
            "Nobody present could say how this stands; until it is established it cannot be relied on.".to_string()
        } else {
            format!("Today: {today}")
        }
    });
    Risk {
        question: gap.question.clone(),
        headline: gap.title.clone(),
        statement,
    }
}

fn domain_findings(bank: &Bank, card: &Scorecard, code: &str) -> String {
    let Some(domain) = card.domain(code) else {
        return String::new();
    };
    let mut paragraphs = Vec::new();
    match domain.score {
        Some(score) => {
            let mut first = format!("{} scores {score:.0} out of 100.", domain.name);
            if let Some(cap) = domain.caps.first() {
                if domain.uncapped.is_some_and(|u| u > score) {
                    first.push_str(&format!(
                        " The score is held at {:.0} because a critical control is missing: {}",
                        cap.max_score,
                        lower_first(&cap.reason)
                    ));
                } else {
                    first.push_str(&format!(
                        " A critical control is missing: {}",
                        lower_first(&cap.reason)
                    ));
                }
            }
            paragraphs.push(first);
        }
        None => paragraphs.push(format!("{} has no scored answer.", domain.name)),
    }
    let strengths: Vec<String> = domain
        .questions
        .iter()
        .filter(|q| q.state == AnswerState::Answered && q.level.is_some_and(|l| l >= q.target))
        .map(|q| lower_first(&q.title))
        .collect();
    if !strengths.is_empty() {
        paragraphs.push(format!("At or above target: {}.", join_and(&strengths)));
    }
    let gaps: Vec<&Gap> = card
        .gaps
        .iter()
        .filter(|g| g.domain.as_str() == code)
        .collect();
    if !gaps.is_empty() {
        let items: Vec<String> = gaps
            .iter()
            .take(3)
            .map(|g| {
                format!(
                    "{} (level {}, target {})",
                    lower_first(&g.title),
                    g.level,
                    g.target
                )
            })
            .collect();
        paragraphs.push(format!("Furthest from target: {}.", join_and(&items)));
    }
    let unknown: Vec<String> = domain
        .questions
        .iter()
        .filter(|q| q.state == AnswerState::Unknown)
        .map(|q| lower_first(&q.title))
        .collect();
    if !unknown.is_empty() {
        paragraphs.push(format!(
            "Not known to anyone present: {}.",
            join_and(&unknown)
        ));
    }
    let _ = bank;
    paragraphs.join("\n\n")
}

/// `£5,000,000`-style amounts; other currencies are prefixed with their code.
/// An amount that is not finite prints as
/// [`NOT_AN_AMOUNT`](crate::exposure::NOT_AN_AMOUNT), never `inf` or `NaN`.
pub fn format_money(amount: f64, currency: &str) -> String {
    if !amount.is_finite() {
        return crate::exposure::NOT_AN_AMOUNT.to_owned();
    }
    let rounded = amount.round();
    let negative = rounded < 0.0;
    let digits = format!("{:.0}", rounded.abs());
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let symbol = match currency {
        "GBP" => "£",
        "EUR" => "€",
        "USD" => "$",
        _ => "",
    };
    let sign = if negative { "-" } else { "" };
    if symbol.is_empty() {
        format!("{sign}{currency} {grouped}")
    } else {
        format!("{sign}{symbol}{grouped}")
    }
}

fn first_sentence(text: &str) -> String {
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    lower_first(text[..end].trim())
}

/// A title or reason as it reads inside a sentence: the first letter
/// lowered, unless the text starts with an acronym (MFA, OT, IT/OT) or with a
/// proper name: a capitalised word followed by another capitalised word
/// ("Active Directory") or a number ("Microsoft 365"). A following acronym
/// does not make a name ("Without EDR" becomes "without EDR").
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    let starts_a_name = text.split_whitespace().nth(1).is_some_and(|word| {
        let mut letters = word.chars();
        match letters.next() {
            Some(c) if c.is_ascii_digit() => true,
            Some(c) if c.is_uppercase() => letters.any(char::is_lowercase),
            _ => false,
        }
    });
    match chars.next() {
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) && !starts_a_name => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn count_words(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
        "Eleven", "Twelve",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn lower_first_keeps_acronyms_and_proper_names() {
        use super::lower_first;
        assert_eq!(lower_first("Backups kept offline"), "backups kept offline");
        assert_eq!(lower_first("Restore"), "restore");
        assert_eq!(
            lower_first("MFA for remote access"),
            "MFA for remote access"
        );
        assert_eq!(
            lower_first("Active Directory forest recovery"),
            "Active Directory forest recovery"
        );
        assert_eq!(lower_first("Microsoft 365 tenant"), "Microsoft 365 tenant");
        assert_eq!(lower_first("Without EDR, nothing"), "without EDR, nothing");
        assert_eq!(lower_first(""), "");
    }

    use super::*;
    use crate::scoring::score_assessment;

    fn demo() -> (Bank, Assessment, Scorecard) {
        let bank = Bank::shipped().unwrap();
        let demo = Assessment::from_json(crate::embedded::DEMO_ASSESSMENT).unwrap();
        let card = score_assessment(&bank, &demo);
        (bank, demo, card)
    }

    #[test]
    fn summary_names_index_weakest_domain_and_insurance() {
        let (bank, demo, card) = demo();
        let n = draft(&bank, &demo, &card);
        let index = format!("{:.0} out of 100", card.index.unwrap());
        assert!(
            n.executive_summary.contains(&index),
            "{}",
            n.executive_summary
        );
        let weakest = card
            .domain(card.weakest_domain.as_ref().unwrap().as_str())
            .unwrap();
        assert!(
            n.executive_summary.contains(&weakest.name),
            "{}",
            n.executive_summary
        );
        assert!(
            n.executive_summary.contains("cyber insurance policy"),
            "{}",
            n.executive_summary
        );
        assert_eq!(n.top_risks.len(), 5);
        assert_eq!(n.domain_findings.len(), bank.domains.len());
    }

    #[test]
    fn an_unknown_gap_among_the_most_urgent_is_named_as_unknown() {
        let (bank, mut demo, _) = demo();
        for answer in &mut demo.answers {
            if answer.question.as_str() == "INS-01" {
                answer.response = Some(Response::Unknown);
            }
        }
        let card = score_assessment(&bank, &demo);
        let n = draft(&bank, &demo, &card);
        let summary = &n.executive_summary;
        let urgent = summary
            .split("The most urgent gaps to close are ")
            .nth(1)
            .expect("the summary names the most urgent gaps");
        let mut unknown = 0;
        for gap in card.gaps.iter().take(3) {
            let named = lower_first(&gap.title);
            assert!(urgent.contains(&named), "{named}: {urgent}");
            let qualified = format!("{named} (unknown: nobody present could say how it stands)");
            if gap.unknown {
                unknown += 1;
                assert!(urgent.contains(&qualified), "{urgent}");
            } else {
                assert!(!urgent.contains(&qualified), "{urgent}");
            }
        }
        // The demo's most urgent gaps include one nobody could answer.
        assert!(unknown > 0, "{urgent}");
        // The policy's status is never stated as if it were known.
        if let Some(at) = summary.find("cyber insurance policy status") {
            assert!(
                summary[at..].starts_with("cyber insurance policy status (unknown"),
                "{summary}"
            );
        }
    }

    #[test]
    fn edits_replace_the_draft() {
        let (bank, mut demo, card) = demo();
        let code = bank.domains[0].code.clone();
        demo.narrative.executive_summary = Some("Edited.".into());
        demo.narrative
            .domain_findings
            .insert(code.clone(), "Edited findings.".into());
        let n = narrative(&bank, &demo, &card);
        assert_eq!(n.executive_summary, "Edited.");
        assert_eq!(n.domain_findings[&code], "Edited findings.");
        assert_ne!(n.domain_findings[&bank.domains[1].code], "Edited findings.");
    }

    #[test]
    fn money_is_grouped_with_its_symbol() {
        assert_eq!(format_money(5_000_000.0, "GBP"), "£5,000,000");
        for odd in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
            assert_eq!(format_money(odd, "GBP"), "—");
        }
        assert_eq!(format_money(999.4, "EUR"), "€999");
        assert_eq!(format_money(-1234.0, "CHF"), "-CHF 1,234");
    }
}
