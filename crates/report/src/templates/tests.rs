//! Report-level tests: the demo report's layout (snapshotted as text), its
//! sections and facts, and a corpus of hostile assessments that must lay out
//! without panicking and with every word inside its page.

use chrono::{DateTime, TimeZone, Utc};
use ironbridge_core::Bank;
use ironbridge_core::assessment::{AnswerRecord, Assessment, Response};
use ironbridge_core::bank::{AnswerKind, Source, load};
use ironbridge_core::embedded::{BANK2_FILES, DEMO_ASSESSMENT};
use ironbridge_core::frameworks::Catalogue;

use super::*;
use crate::layout::items::Item;
use crate::{LaidOut, Page};

fn date() -> DateTime<Utc> {
    Utc.timestamp_opt(1_764_000_000, 0)
        .single()
        .unwrap_or_default()
}

fn demo() -> (Bank, Assessment) {
    let bank = Bank::shipped().expect("the shipped bank is valid");
    let assessment = Assessment::from_json(DEMO_ASSESSMENT).expect("the demo reads");
    (bank, assessment)
}

/// Lays out the report of `assessment` and checks that every text run and
/// picture lies inside its page.
fn check(bank: &Bank, assessment: &Assessment) -> LaidOut {
    let data = ReportData::compute(bank, assessment);
    let doc = assessment_report(&data, Branding::default(), date());
    let laid_out = doc.layout_on(3).expect("lays out");
    for (index, page) in laid_out.pages.iter().enumerate() {
        inside(index, page);
    }
    // Flowing runs of blocks on several threads gives what one pass gives.
    assert!(
        laid_out == doc.layout_on(1).expect("lays out"),
        "the layout on three threads differs from the layout on one"
    );
    laid_out
}

fn inside(index: usize, page: &Page) {
    for item in &page.items {
        if let Item::Text(run) = item {
            let right = run.origin.x + run.width;
            assert!(
                run.origin.x >= 0.0 && right <= page.width + 0.01,
                "page {}: {:?} spans x {}..{right}",
                index + 1,
                run.text,
                run.origin.x
            );
            assert!(
                run.origin.y - run.size >= 0.0 && run.origin.y <= page.height,
                "page {}: {:?} at y {}",
                index + 1,
                run.text,
                run.origin.y
            );
        }
    }
}

/// All the text of a laid-out report, runs joined by spaces.
fn text(laid_out: &LaidOut) -> String {
    laid_out
        .pages
        .iter()
        .flat_map(|p| p.items.iter())
        .filter_map(|item| match item {
            Item::Text(run) => Some(run.text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn note_on(assessment: &mut Assessment, question: &str, note: &str) {
    let record = assessment
        .answers
        .iter_mut()
        .find(|a| a.question.as_str() == question)
        .expect("the demo answers the question");
    record.note = note.to_owned();
    record.follow_up = true;
}

#[test]
fn demo_report_snapshot() {
    let (bank, assessment) = demo();
    let data = ReportData::compute(&bank, &assessment);
    let doc = assessment_report(&data, Branding::default(), date());
    let laid_out = doc.layout().expect("lays out");
    insta::assert_snapshot!(laid_out.dump_text());
}

#[test]
fn demo_report_has_every_section_in_order() {
    let (bank, assessment) = demo();
    let laid_out = check(&bank, &assessment);
    let outline: Vec<&str> = laid_out
        .outline
        .iter()
        .filter(|e| e.depth == 1)
        .map(|e| e.title.as_str())
        .collect();
    let expected = [
        "1\u{2003}Board summary",
        "2\u{2003}Executive summary",
        "3\u{2003}Money at risk",
        "4\u{2003}Dependencies and single points of failure",
        "5\u{2003}Findings by domain",
        "6\u{2003}Prioritised roadmap",
        "7\u{2003}Framework coverage",
        "8\u{2003}Scope, method and limitations",
        "9\u{2003}Glossary",
        "10\u{2003}Sign-off",
        "Appendix A\u{2003}Every answer",
    ];
    assert_eq!(outline, expected);
    // Every domain has a bookmark under its section.
    for domain in &bank.domains {
        assert!(
            laid_out.outline.iter().any(|e| e.title == domain.name),
            "{}",
            domain.name
        );
    }
}

#[test]
fn demo_report_shows_client_index_weakest_domain_and_caps() {
    let (bank, assessment) = demo();
    let data = ReportData::compute(&bank, &assessment);
    let laid_out = check(&bank, &assessment);
    let all = text(&laid_out);
    let index = format!("{:.0}", data.scorecard.index.expect("the demo scores"));
    assert!(all.contains(&index));
    assert!(all.contains("Wrenmoor"));
    assert!(all.contains("Confidential"));
    let weakest = data
        .scorecard
        .weakest_domain
        .as_ref()
        .and_then(|c| data.scorecard.domain(c.as_str()))
        .expect("a weakest domain");
    let first_page: String = text(&LaidOut {
        pages: laid_out.pages[..1].to_vec(),
        outline: Vec::new(),
    });
    assert!(first_page.contains(&index), "{first_page}");
    for word in weakest.name.split_whitespace() {
        assert!(first_page.contains(word), "{word} not on the cover");
    }
    // Every cap that fires is explained: with its reason, or, when nobody
    // knew the answer, as unknown with the question's title.
    for cap in data.scorecard.domains.iter().flat_map(|d| d.caps.iter()) {
        let explanation = if cap.trigger == "unknown" {
            bank.question(&cap.question)
                .expect("the cap's question is in the bank")
                .title
                .clone()
        } else {
            cap.reason.clone()
        };
        let opening: String = explanation
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(all.contains(&opening), "{} not explained", cap.id);
    }
}

#[test]
fn edited_summary_replaces_the_draft() {
    let (bank, mut assessment) = demo();
    assessment.narrative.executive_summary =
        Some("Edited by the consultant: the board must act on backups.".to_owned());
    let all = text(&check(&bank, &assessment));
    assert!(all.contains("Edited by the consultant"), "edit missing");
}

#[test]
fn same_input_same_layout() {
    let (bank, assessment) = demo();
    let data = ReportData::compute(&bank, &assessment);
    let one = assessment_report(&data, Branding::default(), date());
    let two = assessment_report(&data, Branding::default(), date());
    assert_eq!(one, two);
    let on_one = one.layout_on(1).expect("lays out");
    let pdf_on_one = one.write_pdf_on(&on_one, 1).expect("writes");
    for threads in [2, 4] {
        let laid_out = one.layout_on(threads).expect("lays out");
        assert!(
            laid_out == on_one,
            "the layout on {threads} threads differs from the layout on one"
        );
        assert!(
            one.write_pdf_on(&laid_out, threads).expect("writes") == pdf_on_one,
            "the PDF written on {threads} threads differs from the one written on one"
        );
    }
}

// The robustness corpus.

#[test]
fn a_ten_thousand_character_note() {
    let (bank, mut assessment) = demo();
    let note: String = "Backups reviewed on site with the provider. "
        .repeat(230)
        .chars()
        .take(10_000)
        .collect();
    note_on(&mut assessment, "REC-02", &note);
    check(&bank, &assessment);
}

#[test]
fn a_three_thousand_character_word() {
    let (bank, mut assessment) = demo();
    let word = "x".repeat(3_000);
    note_on(&mut assessment, "GOV-01", &word);
    assessment.organisation.name = format!("Wrenmoor{}", "W".repeat(300));
    assessment.narrative.executive_summary = Some(word.clone());
    check(&bank, &assessment);
}

#[test]
fn right_to_left_emoji_and_combining_marks() {
    let (bank, mut assessment) = demo();
    note_on(
        &mut assessment,
        "GOV-01",
        "שלום עולם: הגיבוי נבדק. مرحبا بالعالم، النسخ الاحتياطي تم فحصه.",
    );
    note_on(
        &mut assessment,
        "GOV-02",
        "Plant 🏭 down 🔥🦀 for 5 weeks 👍🏽 ✅",
    );
    note_on(
        &mut assessment,
        "GOV-03",
        "Ze\u{301}\u{302}\u{303}\u{304}ro de\u{323}\u{308}fe\u{301}nce Z\u{336}\u{337}a\u{338}l\u{335}g\u{334}o",
    );
    assessment.organisation.name = "مصنع Wrenmoor 🏭 Zu\u{308}rich".to_owned();
    assessment.assessor.name = "דנה כהן".to_owned();
    check(&bank, &assessment);
}

#[test]
fn an_empty_assessment() {
    let (bank, mut assessment) = demo();
    assessment.answers.clear();
    assessment.registers = Default::default();
    assessment.organisation.annual_revenue = 0.0;
    let laid_out = check(&bank, &assessment);
    let all = text(&laid_out);
    assert!(
        all.contains("cannot be made"),
        "the exposure section says why"
    );
}

#[test]
fn a_domain_that_is_all_not_applicable() {
    let (bank, mut assessment) = demo();
    let domain = bank.domain("OT").expect("an OT domain");
    assessment
        .answers
        .retain(|a| a.question.domain_code() != "OT");
    for question in &domain.questions {
        assessment.answers.push(AnswerRecord {
            question: question.id.clone(),
            response: Some(Response::NotApplicable(
                "No production equipment at any site.".to_owned(),
            )),
            note: String::new(),
            follow_up: false,
        });
    }
    let data = ReportData::compute(&bank, &assessment);
    assert_eq!(data.scorecard.domain("OT").and_then(|d| d.score), None);
    check(&bank, &assessment);
}

#[test]
fn two_hundred_notes() {
    let bank = bank_with_copies();
    let (_, mut assessment) = demo();
    assessment.answers = bank
        .questions()
        .map(|q| AnswerRecord {
            question: q.id.clone(),
            response: match &q.kind {
                AnswerKind::Maturity { .. } => Some(Response::Level(
                    ironbridge_core::Level::new(u8::try_from(q.id.as_str().len() % 5).unwrap_or(0))
                        .unwrap_or(ironbridge_core::Level::MIN),
                )),
                _ => Some(Response::Unknown),
            },
            note: format!(
                "Note on {}: evidence seen in the workshop, owner named, review booked. {}",
                q.id,
                "Detail. ".repeat(12)
            ),
            follow_up: q.id.as_str().ends_with('3'),
        })
        .collect();
    let n_notes = assessment
        .answers
        .iter()
        .filter(|a| !a.note.is_empty())
        .count();
    assert!(n_notes >= 200, "{n_notes}");
    check(&bank, &assessment);
}

/// The demo's bank (bank 2) with every question that records no fact copied
/// twice under new ids (`GOV-01` → `GOV-41`, `GOV-71`): over 200 questions.
fn bank_with_copies() -> Bank {
    let files: Vec<(String, String)> = BANK2_FILES
        .iter()
        .map(|(name, text)| ((*name).to_owned(), copy_questions(text)))
        .collect();
    let sources: Vec<Source<'_>> = files
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    load(&sources, Catalogue::shipped()).expect("the copied bank is valid")
}

fn copy_questions(text: &str) -> String {
    const MARK: &str = "[[domains.questions]]";
    let Some(first) = text.find(MARK) else {
        return text.to_owned();
    };
    let end = text.find("[[domains.caps]]").unwrap_or(text.len());
    let questions = &text[first..end];
    let mut copies = String::new();
    for block in questions.split(MARK).filter(|b| !b.trim().is_empty()) {
        if block.contains("\nfact =") {
            continue;
        }
        let Some(start) = block.find("id = \"") else {
            continue;
        };
        let id_start = start + 6;
        let id: String = block[id_start..]
            .chars()
            .take_while(|c| *c != '"')
            .collect();
        let Some((code, number)) = id.split_once('-') else {
            continue;
        };
        let Ok(number) = number.parse::<u32>() else {
            continue;
        };
        for offset in [40, 70] {
            let copy = block.replacen(&id, &format!("{code}-{:02}", number + offset), 1);
            copies.push_str(MARK);
            copies.push_str(&copy);
        }
    }
    format!("{}{}{}", &text[..end], copies, &text[end..])
}
