//! The report of an assessment on bank 2 says what bank 2's scoring says:
//! insurance scored apart as risk transfer, the critical-failure gate that
//! holds the index down (with its reason, wherever the index appears), an
//! index that is provisional while a gate's question is open, a justified
//! "not applicable" on a gated question as a risk accepted, an unjustified
//! one named, and the method in the bank's own framework editions.

mod demo;

use ironbridge_core::assessment::{AnswerRecord, Assessment, Response};
use ironbridge_core::bank::{AnswerKind, DomainRole};
use ironbridge_core::{Bank, Level, QuestionId};
use ironbridge_report::LaidOut;
use ironbridge_report::templates::{ReportData, domain_radar};

fn bank() -> Bank {
    Bank::shipped_v2().expect("bank 2 is valid")
}

/// The demo, answered on bank 2.
fn demo() -> Assessment {
    let assessment = demo::assessment();
    assert!(
        assessment.bank.version.starts_with("2."),
        "the demo is answered on bank 2"
    );
    assessment
}

/// Every maturity question of the bank at level 4, except those given.
fn strong_but(bank: &Bank, except: &[(&str, Option<Response>)]) -> Assessment {
    let mut assessment = demo();
    assessment.answers = bank
        .questions()
        .filter_map(|q| {
            let special = except.iter().find(|(id, _)| *id == q.id.as_str());
            let response = match (special, &q.kind) {
                (Some((_, response)), _) => response.clone()?,
                (None, AnswerKind::Maturity { .. }) => Response::Level(Level::MAX),
                (None, _) => assessment_answer(q.id.as_str())?,
            };
            Some(AnswerRecord {
                question: q.id.clone(),
                response: Some(response),
                note: String::new(),
                follow_up: false,
            })
        })
        .collect();
    assessment
}

/// The demo's own answer to a fact question (limits, hours), if any.
fn assessment_answer(id: &str) -> Option<Response> {
    demo()
        .answers
        .into_iter()
        .find(|a| a.question.as_str() == id)
        .and_then(|a| a.response)
}

fn level(n: u8) -> Option<Response> {
    Some(Response::Level(Level::new(n).expect("a level")))
}

fn laid_out(bank: &Bank, assessment: &Assessment) -> (ReportData<'static>, LaidOut) {
    let bank: &'static Bank = Box::leak(Box::new(bank.clone()));
    let assessment: &'static Assessment = Box::leak(Box::new(assessment.clone()));
    let data = ReportData::compute(bank, assessment);
    let (_, laid_out) = demo::report(&data);
    (data, laid_out)
}

/// The text of the section whose heading starts with `title`, up to the next
/// section's first page.
fn section(laid_out: &LaidOut, title: &str) -> String {
    let outline = &laid_out.outline;
    let at = outline
        .iter()
        .position(|e| e.title.starts_with(title))
        .unwrap_or_else(|| panic!("no heading {title:?}"));
    let first = outline[at].page;
    let next = outline[at + 1..]
        .iter()
        .find(|e| e.depth <= outline[at].depth)
        .map_or(laid_out.pages.len(), |e| e.page);
    // Sections start on a new page.
    laid_out.page_texts()[first..next.max(first + 1)].join("\n")
}

fn before_appendix(laid_out: &LaidOut) -> String {
    let appendix = laid_out
        .outline
        .iter()
        .find(|e| e.title.starts_with("Appendix A"))
        .expect("an appendix")
        .page;
    laid_out.page_texts()[..appendix].join("\n")
}

fn title(bank: &Bank, id: &str) -> String {
    bank.question(&QuestionId::parse(id).expect("an id"))
        .expect("in the bank")
        .title
        .clone()
}

#[test]
fn the_demo_shows_risk_transfer_apart_from_the_index() {
    let bank = bank();
    let (data, laid_out) = laid_out(&bank, &demo());
    let board = section(&laid_out, "1\u{2003}Board summary");
    assert!(board.contains("RISK TRANSFER"), "{board}");
    assert!(
        board.contains("resilience domains together; insurance is scored apart"),
        "{board}"
    );
    let risk_transfer = data.scorecard.risk_transfer.expect("a risk-transfer score");
    assert!(
        board.contains(&format!("{risk_transfer:.0}")),
        "the board summary shows the risk-transfer score {risk_transfer:.0}: {board}"
    );
    let summary = section(&laid_out, "2\u{2003}Executive summary");
    assert!(summary.contains("What bounds the index"), "{summary}");
    assert!(
        summary.contains("Insurance is scored apart from the index"),
        "{summary}"
    );
    // The radar draws the resilience domains only.
    let resilience = data
        .scorecard
        .domains
        .iter()
        .filter(|d| d.role == DomainRole::Resilience)
        .count();
    assert!(resilience < data.scorecard.domains.len());
    match domain_radar(&data.scorecard) {
        ironbridge_report::charts::Chart::Radar(radar) => assert_eq!(radar.axes.len(), resilience),
        other => panic!("not a radar: {other:?}"),
    }
    // Gate ids are internal: never printed before the appendix.
    assert!(!before_appendix(&laid_out).contains("GATE-"));
}

#[test]
fn a_binding_gate_is_named_with_its_reason_wherever_the_index_appears() {
    let bank = bank();
    let assessment = strong_but(&bank, &[("REC-02", level(1))]);
    let (data, laid_out) = laid_out(&bank, &assessment);
    let card = &data.scorecard;
    let gate = card
        .gates
        .first()
        .expect("REC-02 at level 1 fires its gate");
    assert_eq!(gate.question.as_str(), "REC-02");
    assert!(card.index < card.index_ungated, "the gate binds");
    let backups = title(&bank, "REC-02");
    let board = section(&laid_out, "1\u{2003}Board summary");
    assert!(
        board.contains(&format!("A critical gap keeps it at {:.0}", gate.max_index)),
        "{board}"
    );
    assert!(board.contains(&backups), "{board}");
    assert!(board.contains("The answers alone would give"), "{board}");
    let summary = section(&laid_out, "2\u{2003}Executive summary");
    assert!(
        summary.contains(&format!(
            "A critical gap keeps the index at {:.0}",
            gate.max_index
        )),
        "{summary}"
    );
    // The bank's reason, in its first words (the line may wrap after them).
    let reason_start: String = gate
        .reason
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(summary.contains(&reason_start), "{summary}");
    assert!(!before_appendix(&laid_out).contains("GATE-"));
}

#[test]
fn a_gate_that_does_not_bind_is_never_said_to_hold_the_index() {
    let bank = bank();
    let (data, laid_out) = laid_out(&bank, &demo());
    let card = &data.scorecard;
    assert!(!card.gates.is_empty(), "the demo has critical gaps");
    assert_eq!(card.index, card.index_ungated, "none binds in the demo");
    let text = before_appendix(&laid_out);
    assert!(!text.contains("A critical gap keeps"), "{text}");
    assert!(text.contains("could not rise above"), "{text}");
}

#[test]
fn an_open_gate_question_makes_the_index_provisional() {
    let bank = bank();
    let assessment = strong_but(&bank, &[("IR-01", None)]);
    let (data, laid_out) = laid_out(&bank, &assessment);
    assert!(data.scorecard.provisional);
    let board = section(&laid_out, "1\u{2003}Board summary");
    assert!(board.contains("Provisional"), "{board}");
    let summary = section(&laid_out, "2\u{2003}Executive summary");
    assert!(summary.contains("The index is provisional"), "{summary}");
    assert!(summary.contains(&title(&bank, "IR-01")), "{summary}");
}

#[test]
fn a_justified_not_applicable_on_a_gated_question_is_a_risk_accepted() {
    let bank = bank();
    let why = "The plants run no networked controllers: every machine is stand-alone.";
    let assessment = strong_but(
        &bank,
        &[("OT-02", Some(Response::NotApplicable(why.to_owned())))],
    );
    let (data, laid_out) = laid_out(&bank, &assessment);
    assert!(!data.scorecard.waivers.is_empty(), "the gate is waived");
    let summary = section(&laid_out, "2\u{2003}Executive summary");
    assert!(summary.contains("Risks accepted"), "{summary}");
    assert!(summary.contains("stand-alone"), "{summary}");
    let board = section(&laid_out, "1\u{2003}Board summary");
    assert!(board.contains("1 risk accepted in this report"), "{board}");
}

#[test]
fn an_unjustified_not_applicable_is_named_and_its_gate_applies() {
    let bank = bank();
    let assessment = strong_but(
        &bank,
        &[("OT-02", Some(Response::NotApplicable(String::new())))],
    );
    let (data, laid_out) = laid_out(&bank, &assessment);
    assert!(!data.scorecard.unjustified_not_applicable.is_empty());
    assert!(
        data.scorecard
            .gates
            .iter()
            .any(|g| g.question.as_str() == "OT-02"),
        "the gate still fires"
    );
    let summary = section(&laid_out, "2\u{2003}Executive summary");
    assert!(
        summary.contains("Marked not applicable without the justification"),
        "{summary}"
    );
}

#[test]
fn the_method_names_the_framework_editions_the_bank_cites() {
    let bank = bank();
    let (_, laid_out) = laid_out(&bank, &demo());
    let method = section(&laid_out, "8\u{2003}Scope, method and limitations");
    assert!(
        method.contains("NCSC Cyber Assessment Framework 4.0"),
        "{method}"
    );
    assert!(!method.contains("Framework 3.2"), "{method}");
    assert!(method.contains("Cyber Essentials"), "{method}");
    let rule = bank
        .level_rule
        .clone()
        .expect("bank 2 states its partial-fit rule");
    let start: String = rule
        .split_whitespace()
        .take(5)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(method.contains(&start), "{method}");
    let coverage = section(&laid_out, "7\u{2003}Framework coverage");
    assert!(coverage.contains("Version 4.0"), "{coverage}");
}
