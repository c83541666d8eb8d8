//! The consultant can leave optional sections out: each one left out is
//! gone from the pages and the contents, the others stay, and no sentence
//! still sends the reader to a section that is not there.

mod demo;

use ironbridge_report::LaidOut;
use ironbridge_report::templates::{OptionalSection, ReportData, SectionChoice};

fn laid_out(choice: SectionChoice) -> LaidOut {
    let (bank, assessment) = (demo::bank(), demo::assessment());
    demo::report(&ReportData::compute(&bank, &assessment).with_sections(choice)).1
}

fn text(laid_out: &LaidOut) -> String {
    laid_out.page_texts().join(" ")
}

/// Whether a section heading with this title (after its number) is in the outline.
fn has_section(laid_out: &LaidOut, title: &str) -> bool {
    laid_out
        .outline
        .iter()
        .filter(|e| e.depth <= 1)
        .any(|e| e.title.ends_with(title) || e.title.starts_with(title))
}

/// The heading a section starts with.
fn heading(section: OptionalSection) -> &'static str {
    match section {
        OptionalSection::Answers => "Appendix A",
        other => other.title(),
    }
}

#[test]
fn every_section_is_there_by_default() {
    let full = laid_out(SectionChoice::all());
    for section in OptionalSection::ALL {
        assert!(has_section(&full, heading(section)), "{section} is missing");
    }
}

#[test]
fn each_section_left_out_is_gone_and_the_others_stay() {
    let full = laid_out(SectionChoice::all()).pages.len();
    for section in OptionalSection::ALL {
        let without = laid_out(SectionChoice::all().without(section));
        assert!(
            !has_section(&without, heading(section)),
            "{section} is still there"
        );
        for other in OptionalSection::ALL.into_iter().filter(|s| *s != section) {
            assert!(
                has_section(&without, heading(other)),
                "{other} went with {section}"
            );
        }
        assert!(
            without.pages.len() < full,
            "{section}: the report is no shorter"
        );
    }
}

#[test]
fn nothing_points_at_a_section_left_out() {
    let all_out = OptionalSection::ALL.map(OptionalSection::key).join(",");
    let bare = laid_out(SectionChoice::omitting(&all_out).expect("known names"));
    let words = text(&bare);
    for pointer in [
        "appendix A",
        "The dependencies section",
        "first tier of the roadmap",
        "The roadmap orders",
        "the domains of the findings",
        "The mapping to NIST CSF",
    ] {
        assert!(!words.contains(pointer), "{pointer:?} is still said");
    }
    // What always stays.
    for title in [
        "Board summary",
        "Executive summary",
        "Scope, method and limitations",
        "Sign-off",
    ] {
        assert!(has_section(&bare, title), "{title} is missing");
    }
    // The full report does say them: the checks above can fail.
    let full = text(&laid_out(SectionChoice::all()));
    for pointer in [
        "appendix A",
        "The dependencies section",
        "first tier of the roadmap",
    ] {
        assert!(
            full.contains(pointer),
            "{pointer:?} is not in the full report"
        );
    }
}
