//! The report as a board reads it: plain language before the appendix, caps
//! mentioned only where they bind, an unknown answer stated as unknown, the
//! status marked on every page of a draft and on none of a final report, a
//! one-page board summary, and a table of contents whose page numbers are
//! the pages the headings are on.
//!
//! Each check runs on the laid-out pages (the text the PDF writer is given)
//! and, where it is about what a reader sees, on the PDF through
//! `pdftotext -f N -l N` as well.

mod demo;

use std::path::Path;

use ironbridge_core::assessment::{Assessment, Response, Status};
use ironbridge_core::bank::AnswerKind;
use ironbridge_core::{Bank, Level};
use ironbridge_report::templates::ReportData;
use ironbridge_report::{Document, LaidOut};
use ironbridge_tests::pdf_tools;

fn demo() -> (Bank, Assessment) {
    (demo::bank(), demo::assessment())
}

fn report(bank: &Bank, assessment: &Assessment) -> (Document, LaidOut) {
    demo::report(&ReportData::compute(bank, assessment))
}

/// The index of the page where the first heading starting with `title` lands.
fn page_of(laid_out: &LaidOut, title: &str) -> usize {
    laid_out
        .outline
        .iter()
        .find(|e| e.title.starts_with(title))
        .unwrap_or_else(|| panic!("no heading {title:?}"))
        .page
}

/// The text before the appendix.
fn before_appendix(laid_out: &LaidOut) -> String {
    let appendix = page_of(laid_out, "Appendix A");
    laid_out.page_texts()[..appendix].join("\n")
}

/// The PDF's text, page by page, through pdftotext; none when the tool is
/// missing (outside CI).
fn pdf_pages(doc: &Document, laid_out: &LaidOut) -> Option<Vec<String>> {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("report.pdf");
    let pdf = doc.write_pdf(laid_out).expect("writes");
    std::fs::write(&path, pdf).expect("saves");
    let file = path.to_str().expect("a UTF-8 path");
    (1..=laid_out.pages.len())
        .map(|n| page_text(file, n))
        .collect()
}

fn page_text(file: &str, n: usize) -> Option<String> {
    let n = n.to_string();
    pdf_tools::tool("pdftotext", &["-f", &n, "-l", &n, file, "-"])
}

fn set(assessment: &mut Assessment, question: &str, response: Response) {
    let record = assessment
        .answers
        .iter_mut()
        .find(|a| a.question.as_str() == question)
        .expect("the demo answers the question");
    record.response = Some(response);
}

const INTERNAL: [&str; 7] = [
    "CAP-",
    "seed",
    "Fired by",
    "Fires ",
    "\u{00d7}",
    "property test",
    "held at 40 by",
];

#[test]
fn no_internal_code_before_the_appendix() {
    let (bank, assessment) = demo();
    let (doc, laid_out) = report(&bank, &assessment);
    let text = before_appendix(&laid_out);
    for code in INTERNAL {
        assert!(!text.contains(code), "{code:?} before the appendix");
    }
    // The appendix still records the simulation's seed, for reproduction.
    let all = laid_out.page_texts().join("\n");
    assert!(all.contains("seed"), "the appendix gives the seed");
    if let Some(pdf) = pdf_pages(&doc, &laid_out) {
        let appendix = page_of(&laid_out, "Appendix A");
        for (i, page) in pdf[..appendix].iter().enumerate() {
            for code in INTERNAL {
                assert!(!page.contains(code), "{code:?} on page {}", i + 1);
            }
        }
    }
}

#[test]
fn question_ids_appear_only_as_references_in_brackets() {
    let (bank, assessment) = demo();
    let (_, laid_out) = report(&bank, &assessment);
    let text = before_appendix(&laid_out);
    let ids: Vec<String> = bank.questions().map(|q| q.id.to_string()).collect();
    for id in &ids {
        for (at, _) in text.match_indices(id.as_str()) {
            let before = text[..at].chars().next_back();
            let after = text[at + id.len()..].chars().next();
            // In brackets, or alone in the questions table's ID column.
            let bracketed = before == Some('(') || after == Some(')');
            let in_table = before == Some(' ') && after == Some(' ');
            assert!(
                bracketed || in_table,
                "{id} used in running text: …{}…",
                &text[at.saturating_sub(60)..(at + id.len() + 20).min(text.len())]
            );
        }
    }
}

/// How many domains a cap holds below their uncapped score, and how many
/// caps fire in all.
fn holding_and_firing(data: &ReportData<'_>) -> (usize, usize) {
    let holding = data
        .scorecard
        .domains
        .iter()
        .filter(|d| {
            d.caps
                .first()
                .zip(d.uncapped)
                .is_some_and(|(cap, uncapped)| cap.max_score < uncapped)
        })
        .count();
    let firing: usize = data.scorecard.domains.iter().map(|d| d.caps.len()).sum();
    (holding, firing)
}

#[test]
fn caps_are_mentioned_only_where_they_hold_a_score_down() {
    // The demo as answered on bank 2: 21 caps fire, and every domain already
    // scores below its lowest ceiling, so none holds a score down.
    let (bank, assessment) = demo();
    let data = ReportData::compute(&bank, &assessment);
    let (holding, firing) = holding_and_firing(&data);
    assert!(
        holding == 0 && firing > 0,
        "the demo has caps that fire, none binding"
    );
    let (_, laid_out) = report(&bank, &assessment);
    let all = laid_out.page_texts().join("\n");
    assert_eq!(all.matches("Score held at").count(), 0);
    assert!(!all.contains("Would be capped"));
    assert!(
        !all.contains("each caps the score of its domain"),
        "the summary says each cap holds a score down"
    );
    assert!(all.contains("None of them lowers a score further than the answers already do"));

    // Recovery strong everywhere but on the questions its caps name: the
    // cap on REC-02 (no offline copy) now holds the domain's score down.
    let mut strong_recovery = assessment.clone();
    let rec = bank.domain("REC").expect("a REC domain");
    for question in &rec.questions {
        let named_by_a_cap = rec.caps.iter().any(|c| c.question == question.id);
        if !named_by_a_cap && matches!(question.kind, AnswerKind::Maturity { .. }) {
            let level = Level::new(4).expect("level 4");
            set(
                &mut strong_recovery,
                question.id.as_str(),
                Response::Level(level),
            );
        }
    }
    let data = ReportData::compute(&bank, &strong_recovery);
    let (holding, firing) = holding_and_firing(&data);
    assert!(
        holding == 1 && firing > holding,
        "one cap binds ({holding}), the others ({firing} fire) do not"
    );
    let (_, laid_out) = report(&bank, &strong_recovery);
    let all = laid_out.page_texts().join("\n");
    assert_eq!(all.matches("Score held at").count(), holding);
    assert!(!all.contains("Would be capped"));
    assert!(all.contains("One of them holds its domain's score"));
}

#[test]
fn an_unknown_insurance_answer_is_never_stated_as_fact() {
    let (bank, mut assessment) = demo();
    set(&mut assessment, "INS-01", Response::Unknown);
    let (doc, laid_out) = report(&bank, &assessment);
    let all = laid_out.page_texts().join("\n");
    let lower = all.to_lowercase();
    for fact in [
        "no cyber policy is in force",
        "with no cyber policy in force,",
        "no policy in force)",
        "the cyber policy would pay",
    ] {
        assert!(!lower.contains(fact), "{fact:?} with the answer unknown");
    }
    assert!(all.contains("Nobody present could say whether"));
    if let Some(pdf) = pdf_pages(&doc, &laid_out) {
        let lower = pdf.join("\n").to_lowercase().replace('\n', " ");
        assert!(!lower.contains("no cyber policy is in force"));
        assert!(!lower.contains("with no cyber policy in force,"));
    }
    // A policy answered "none" is stated as a fact.
    set(
        &mut assessment,
        "INS-01",
        Response::Choice("none".to_owned()),
    );
    let (_, laid_out) = report(&bank, &assessment);
    let all = laid_out.page_texts().join("\n");
    assert!(all.contains("No cyber policy is in force"));
}

fn marked_pages(status: Status) -> (Vec<String>, Option<Vec<String>>) {
    let (bank, mut assessment) = demo();
    assessment.status = status;
    let (doc, laid_out) = report(&bank, &assessment);
    let pdf = pdf_pages(&doc, &laid_out);
    (laid_out.page_texts(), pdf)
}

#[test]
fn a_draft_is_marked_on_every_page() {
    for (status, mark) in [(Status::Draft, "DRAFT"), (Status::InReview, "IN REVIEW")] {
        let (laid, pdf) = marked_pages(status);
        for (i, page) in laid.iter().enumerate() {
            assert!(page.contains(mark), "page {} lacks {mark}", i + 1);
        }
        for (i, page) in pdf.iter().flatten().enumerate() {
            assert!(page.contains(mark), "PDF page {} lacks {mark}", i + 1);
        }
        let control = &laid[1];
        for field in [
            "Document control",
            "Version",
            "Status",
            "Date",
            "Distribution",
        ] {
            assert!(control.contains(field), "page 2 lacks {field}");
        }
        assert!(control.contains("not for reliance"));
    }
}

#[test]
fn a_final_report_carries_no_mark() {
    let (laid, pdf) = marked_pages(Status::Final);
    for (i, page) in laid.iter().chain(pdf.iter().flatten()).enumerate() {
        for mark in ["DRAFT", "IN REVIEW", "not for reliance until"] {
            assert!(!page.contains(mark), "page {} carries {mark}", i + 1);
        }
    }
    assert!(laid[1].contains("Final: issued"));
    assert!(laid[1].contains("1.0"));
}

#[test]
fn the_board_summary_is_one_page_that_ends_in_decisions() {
    let (bank, assessment) = demo();
    let (_, laid_out) = report(&bank, &assessment);
    let summary = page_of(&laid_out, "1\u{2003}Board summary");
    let next = page_of(&laid_out, "2\u{2003}");
    assert_eq!(next, summary + 1, "the board summary runs over one page");
    let page = &laid_out.page_texts()[summary];
    let data = ReportData::compute(&bank, &assessment);
    let row = data
        .exposure
        .as_ref()
        .expect("the demo has an estimate")
        .scenarios
        .iter()
        .find(|s| s.key == "custom")
        .expect("the estimated halt");
    let uninsured = format!("\u{00a3}{:.1}m", row.uninsured_loss / 1e6);
    assert!(page.contains(&uninsured), "{uninsured} not on the summary");
    assert!(page.contains("How the uninsured loss arises"));
    assert!(page.contains("Top risks"));
    let decisions = page.find("Decisions for the board").expect("decisions");
    assert!(page.find("Top risks").is_some_and(|t| t < decisions));
}

#[test]
fn contents_pages_match_where_the_headings_land() {
    let (bank, assessment) = demo();
    let (doc, laid_out) = report(&bank, &assessment);
    let contents = &laid_out.page_texts()[1];
    let sections: Vec<_> = laid_out.outline.iter().filter(|e| e.depth == 1).collect();
    assert!(sections.len() >= 9);
    let contents = words(contents);
    for section in &sections {
        let entry = words(&format!("{} {}", section.title, section.page + 1));
        assert!(contents.contains(&entry), "contents lacks {entry:?}");
    }
    let Some(pdf) = pdf_pages(&doc, &laid_out) else {
        return;
    };
    // Read the contents back from the PDF (as laid out, so each entry is
    // one line: title, then its page) and open each page it names.
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, doc.write_pdf(&laid_out).expect("writes")).expect("saves");
    let file = path.to_str().expect("a UTF-8 path");
    let Some(contents) =
        pdf_tools::tool("pdftotext", &["-layout", "-f", "2", "-l", "2", file, "-"])
    else {
        return;
    };
    let titles: Vec<String> = sections.iter().map(|s| words(&s.title)).collect();
    let listed: Vec<(String, usize)> = contents
        .lines()
        .filter_map(|line| {
            let line = words(line);
            let (title, page) = line.rsplit_once(' ')?;
            Some((title.to_owned(), page.parse().ok()?))
        })
        .filter(|(title, _)| titles.contains(title))
        .collect();
    assert_eq!(listed.len(), sections.len(), "{contents}");
    for (title, page) in listed {
        let text = &pdf[page - 1];
        assert!(
            text.lines().any(|l| words(l) == title),
            "{title:?} is not on page {page}"
        );
        // And on no page before it.
        assert!(
            pdf[2..page - 1]
                .iter()
                .all(|p| !p.lines().any(|l| words(l) == title)),
            "{title:?} is on a page before {page}"
        );
    }
}

/// The text with every run of whitespace as one space.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn long_names_are_cut_on_the_cover_and_in_headers_but_full_elsewhere() {
    let (bank, mut assessment) = demo();
    let name = format!("Wrenmoor {}", "Precision Components ".repeat(25));
    assessment.organisation.name = name.trim().to_owned();
    let (_, laid_out) = report(&bank, &assessment);
    let text = laid_out.page_texts();
    let cover_to_summary = page_of(&laid_out, "1\u{2003}Board summary");
    assert_eq!(
        cover_to_summary, 2,
        "the cover and page 2 stay one page each"
    );
    assert!(text[0].contains('\u{2026}'), "the cover cuts the name");
    assert!(
        text[3].contains('\u{2026}'),
        "the running header cuts the name"
    );
    assert!(
        words(&text[1]).contains(name.trim()),
        "document control gives it in full"
    );
}

#[test]
fn demo_renders_as_a_file_a_reader_opens() {
    let (bank, assessment) = demo();
    let (doc, laid_out) = report(&bank, &assessment);
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("demo.pdf");
    std::fs::write(&path, doc.write_pdf(&laid_out).expect("writes")).expect("saves");
    pdf_tools::qpdf_is_clean(Path::new(&path));
}
