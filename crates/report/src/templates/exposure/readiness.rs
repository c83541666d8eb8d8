//! "What to tell the underwriter": the questions cyber underwriters commonly
//! put to a manufacturer, each with the answer the assessment supports
//! (yes, partly, no, unknown) and, short of a clean yes, what a plain "yes"
//! on a proposal form would overstate.
//!
//! Invariant: the answers are `core::underwriting`'s; nothing is decided
//! here. No question id is printed (they belong to the appendix).

use ironbridge_core::underwriting::{Readiness, ReadinessItem, Supported};

use super::note;
use crate::layout::blocks::{Block, Cell, Column, Table};
use crate::layout::text::Span;
use crate::style::{Colour, Theme};
use crate::templates::format::{AMBER, GREEN, RED};
use crate::templates::{ReportData, Sections};

/// Writes the subsection, when the readiness questions fit the bank.
pub(super) fn underwriting_readiness(out: &mut Sections, data: &ReportData<'_>, theme: &Theme) {
    let Ok(readiness) = &data.readiness else {
        return;
    };
    out.subsection("What to tell the underwriter");
    out.push(Block::paragraph(readiness.notice.clone()));
    let mut table = Table::new(vec![
        Column::new("Underwriter's question", 3.4),
        Column::new("Supported", 1.0),
        Column::new("What a plain yes would overstate", 3.2),
    ]);
    for item in &readiness.items {
        table.rows.push(cells(item, theme));
    }
    out.table(table);
    out.push(Block::paragraph(tally(readiness)));
    out.push(note(
        "A misstatement on a proposal form can void the policy: where the answer is short of a plain yes, \
         say what was assessed rather than tick the box.",
        theme,
    ));
}

fn cells(item: &ReadinessItem, theme: &Theme) -> Vec<Cell> {
    let (label, colour) = answer(item.answer, theme);
    // The warning is prose; the shortfalls name question ids, which belong
    // to the appendix.
    let short = match (&item.outside, &item.warning) {
        (Some(outside), _) => outside.clone(),
        (None, Some(warning)) => warning.clone(),
        (None, None) => "\u{2014}".to_owned(),
    };
    vec![
        Cell::new(vec![
            Span::bold(item.topic.clone()),
            Span::regular(format!(" {}", item.question)),
        ]),
        Cell::new(vec![Span::bold(label).with_colour(colour)]),
        Cell::from(short),
    ]
}

/// The answer as printed, and its colour.
fn answer(answer: Supported, theme: &Theme) -> (&'static str, Colour) {
    match answer {
        Supported::Yes => ("Yes", GREEN),
        Supported::Partly => ("Partly", AMBER),
        Supported::No => ("No", RED),
        Supported::Unknown => ("Unknown", theme.muted),
    }
}

/// "Of 17 questions the assessment supports a plain yes to 2, partly 9, …".
fn tally(readiness: &Readiness) -> String {
    let count = |s: Supported| readiness.items.iter().filter(|i| i.answer == s).count();
    format!(
        "Of {} questions, the assessment supports a plain yes to {}, a partial answer to {}, no to {}; {} cannot be answered from it.",
        readiness.items.len(),
        count(Supported::Yes),
        count(Supported::Partly),
        count(Supported::No),
        count(Supported::Unknown),
    )
}

#[cfg(test)]
mod tests {
    use ironbridge_core::Bank;
    use ironbridge_core::assessment::Assessment;
    use ironbridge_core::embedded::DEMO_ASSESSMENT;
    use ironbridge_core::underwriting;

    use super::*;

    #[test]
    fn each_row_shows_core_s_answer_and_its_warning_and_no_question_id() {
        let bank = Bank::shipped().expect("the shipped bank is valid");
        let assessment = Assessment::from_json(DEMO_ASSESSMENT).expect("the demo reads");
        let readiness = underwriting::readiness(&bank, &assessment).expect("the questions fit");
        let theme = Theme::default();
        let text = |cell: &Cell| {
            cell.spans
                .iter()
                .map(|s| s.text.as_str())
                .collect::<String>()
        };
        for item in &readiness.items {
            let row = cells(item, &theme);
            assert_eq!(text(&row[1]).to_lowercase(), item.answer.label());
            match (&item.outside, &item.warning) {
                (Some(outside), _) => assert_eq!(&text(&row[2]), outside),
                (None, Some(warning)) => assert_eq!(&text(&row[2]), warning),
                (None, None) => assert_eq!(item.answer, Supported::Yes),
            }
            for cell in &row {
                let shown = text(cell);
                let id = shown.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).find(|w| {
                    let mut parts = w.split('-');
                    matches!((parts.next(), parts.next(), parts.next()),
                        (Some(a), Some(n), None) if a.len() >= 2 && a.chars().all(|c| c.is_ascii_uppercase()) && n.len() == 2 && n.chars().all(|c| c.is_ascii_digit()))
                });
                assert_eq!(id, None, "a question id in {shown:?}");
            }
        }
        let sentence = tally(&readiness);
        let yes = readiness
            .items
            .iter()
            .filter(|i| i.answer == Supported::Yes)
            .count();
        assert!(
            sentence.contains(&format!("plain yes to {yes},")),
            "{sentence}"
        );
        assert!(sentence.starts_with(&format!("Of {} questions", readiness.items.len())));
    }
}
