//! Plain language for a board: which caps to mention (only the one that
//! holds a score down), how a missing critical control reads when nobody
//! knew the answer, and the drafted narrative with those two rules applied.
//!
//! Bank text that names another question by its bare id ("scored in
//! GOV-02") gets its title, with the id in brackets (`cross_references`);
//! the consultant's notes and justifications are printed as written.
//!
//! Invariant: nothing here invents a fact. A cap is said to hold a score
//! only when its ceiling is below what the answers alone would score; an
//! answer of "unknown" is never turned into a statement that the control is
//! absent (or that a policy is not in force): it is said to be unknown.
//! Text the consultant edited is printed as written.

use ironbridge_core::assessment::Response;
use ironbridge_core::exposure::{Exposure, PolicyStatus};
use ironbridge_core::narrative::Risk;
use ironbridge_core::scoring::{AppliedCap, DomainScore};

use crate::templates::ReportData;
use ironbridge_core::QuestionId;

/// The drafted narrative's pointer to the roadmap, dropped when the roadmap
/// is left out.
const ROADMAP_SENTENCE: &str =
    " The roadmap orders every gap by weight, shortfall and criticality.";

/// What a cap's trigger says when the answer was "unknown".
const UNKNOWN_TRIGGER: &str = "unknown";

/// The cap that holds a domain's score down: the lowest ceiling, when it is
/// below what the answers alone would score. Every other cap that fires
/// changes nothing on the page and is reported as a missing control only.
pub(crate) fn holding_cap(domain: &DomainScore) -> Option<&AppliedCap> {
    let cap = domain.caps.first()?;
    let uncapped = domain.uncapped?;
    (cap.max_score < uncapped).then_some(cap)
}

/// Whether the cap fired because nobody knew the answer.
pub(crate) fn fired_by_unknown(cap: &AppliedCap) -> bool {
    cap.trigger == UNKNOWN_TRIGGER
}

/// The missing control in a sentence: the bank's reason, or, when the
/// answer was unknown, that nobody could confirm it.
pub(crate) fn cap_statement(data: &ReportData<'_>, cap: &AppliedCap) -> String {
    if fired_by_unknown(cap) {
        unknown_statement(data, cap)
    } else {
        cap.reason.clone()
    }
}

fn unknown_statement(data: &ReportData<'_>, cap: &AppliedCap) -> String {
    let title = data
        .bank
        .question(&cap.question)
        .map_or_else(|| cap.question.to_string(), |q| q.title.clone());
    format!(
        "Nobody present could answer \u{201c}{title}\u{201d}. Until it is confirmed, the assessment treats \
         this critical control as missing."
    )
}

/// A top risk's statement, with an unknown answer stated as unknown.
pub(crate) fn risk_statement(data: &ReportData<'_>, risk: &Risk) -> String {
    let unknown = matches!(
        data.assessment
            .answer(&risk.question)
            .and_then(|a| a.response.as_ref()),
        Some(Response::Unknown)
    );
    if unknown {
        "Nobody present could say how this stands. Until it is established it cannot be relied on, and the \
         assessment treats it as missing."
            .to_owned()
    } else {
        risk.statement.clone()
    }
}

/// The executive summary: the consultant's text as edited, or the draft
/// with the caps sentence made true (only caps that hold a score down are
/// said to) and unknown answers stated as unknown.
pub(crate) fn summary_text(data: &ReportData<'_>) -> String {
    let mut text = data.narrative.executive_summary.clone();
    if data.assessment.narrative.executive_summary.is_some() {
        return text;
    }
    if !data
        .sections
        .includes(crate::templates::OptionalSection::Roadmap)
    {
        text = text.replace(ROADMAP_SENTENCE, "");
    }
    let caps: Vec<&AppliedCap> = data
        .scorecard
        .domains
        .iter()
        .flat_map(|d| d.caps.iter())
        .collect();
    if caps.is_empty() {
        return text;
    }
    let drafted = format!(
        "{} critical control{} missing; each caps the score of its domain, whatever else is in place.",
        count_words(caps.len()),
        if caps.len() == 1 { " is" } else { "s are" }
    );
    text.replace(&drafted, &caps_sentence(data, caps.len()))
}

/// How many critical controls are missing, and which hold a score down.
fn caps_sentence(data: &ReportData<'_>, n_caps: usize) -> String {
    let holding: Vec<String> = data
        .scorecard
        .domains
        .iter()
        .filter_map(|d| holding_cap(d).map(|cap| format!("{} at {:.0}", d.name, cap.max_score)))
        .collect();
    let missing = format!(
        "{} critical control{} missing or unconfirmed",
        count_words(n_caps),
        if n_caps == 1 { " is" } else { "s are" }
    );
    match holding.as_slice() {
        [] => format!(
            "{missing}. None of them lowers a score further than the answers already do, but each is among \
             the first things to put right."
        ),
        [one] => format!(
            "{missing}. One of them holds its domain's score below what the other answers would give \
             ({one}); the rest are among the first things to put right."
        ),
        many => format!(
            "{missing}. {} of them hold their domain's score below what the other answers would give ({}).",
            count_words(many.len()),
            many.join("; ")
        ),
    }
}

/// A domain's findings: the consultant's text as edited, or the draft with
/// every critical control that was only unknown stated as unknown.
pub(crate) fn findings_text(data: &ReportData<'_>, domain: &DomainScore) -> String {
    let Some(text) = data.narrative.domain_findings.get(&domain.code) else {
        return String::new();
    };
    if data
        .assessment
        .narrative
        .domain_findings
        .contains_key(&domain.code)
    {
        return text.clone();
    }
    let mut text = text.clone();
    for cap in domain.caps.iter().filter(|c| fired_by_unknown(c)) {
        let unknown = unknown_statement(data, cap);
        for reason in [cap.reason.clone(), lower_first(&cap.reason)] {
            let missing = format!("a critical control is missing: {reason}");
            if text.contains(&missing) {
                text = text.replace(
                    &missing,
                    &format!("a critical control could not be confirmed. {unknown}"),
                );
                break;
            }
            let missing = format!("A critical control is missing: {reason}");
            if text.contains(&missing) {
                text = text.replace(
                    &missing,
                    &format!("A critical control could not be confirmed. {unknown}"),
                );
                break;
            }
        }
    }
    text
}

/// Whether nobody could say if a cyber policy is in force.
pub(crate) fn policy_unknown(exposure: &Exposure) -> bool {
    exposure.policy.status == PolicyStatus::Unknown
}

/// The text with its first letter lowered.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Small counts in words, as the drafted narrative writes them.
pub(crate) fn count_words(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
        "Eleven", "Twelve",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// Bank text with every bare question id that points at another question
/// ("scored in GOV-02") written for a reader: the question's title, then the
/// id in brackets. Ids already in brackets stay as they are.
pub(crate) fn cross_references(data: &ReportData<'_>, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((at, len)) = next_id(rest) {
        let (before, tail) = rest.split_at(at);
        let (id, after) = tail.split_at(len);
        out.push_str(before);
        let bracketed = before.ends_with('(') || after.starts_with(')');
        match QuestionId::parse(id)
            .ok()
            .and_then(|q| data.bank.question(&q))
        {
            Some(question) if !bracketed => {
                out.push_str(&format!("\u{201c}{}\u{201d} ({id})", question.title));
            }
            _ => out.push_str(id),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Where the next token shaped like a question id (two or three capitals,
/// a hyphen, two digits, standing alone) starts, and its length in bytes.
fn next_id(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let alone = |b: Option<&u8>| !b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-');
    (0..bytes.len()).find_map(|i| {
        if i > 0 && !alone(bytes.get(i - 1)) {
            return None;
        }
        let letters = bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_uppercase())
            .count();
        let digits = i + letters + 1;
        let shaped = (2..=3).contains(&letters)
            && bytes.get(i + letters) == Some(&b'-')
            && bytes.get(digits).is_some_and(u8::is_ascii_digit)
            && bytes.get(digits + 1).is_some_and(u8::is_ascii_digit)
            && alone(bytes.get(digits + 2));
        shaped.then_some((i, letters + 3))
    })
}

#[cfg(test)]
mod tests {
    use ironbridge_core::Bank;
    use ironbridge_core::assessment::Assessment;
    use ironbridge_core::embedded::DEMO_ASSESSMENT;

    use super::*;

    #[test]
    fn bare_question_ids_become_titles_with_the_id_in_brackets() {
        let bank = Bank::shipped_v2().expect("bank 2");
        let assessment = Assessment::from_json(DEMO_ASSESSMENT).expect("the demo");
        let data = ReportData::compute(&bank, &assessment);
        let title = &bank
            .question(&QuestionId::parse("GOV-02").expect("an id"))
            .expect("GOV-02")
            .title;
        assert_eq!(
            cross_references(&data, "The cost is scored in GOV-02, not here."),
            format!("The cost is scored in \u{201c}{title}\u{201d} (GOV-02), not here.")
        );
        for unchanged in [
            "Already a reference (GOV-02).",
            "Not an id: XGOV-02, GOV-021, GOV-02a, CAP-GOV-02.",
            "Not a question: ZZ-99.",
            "",
        ] {
            assert_eq!(cross_references(&data, unchanged), unchanged);
        }
    }
}
