//! "What a broker will ask": the exposure model's broker scenarios (a
//! state-attributed attack, a widespread cloud outage, a precautionary
//! shutdown, a halt beyond the indemnity period) as one table, and the
//! answer to each question in a sentence or two.
//!
//! Invariant: where cover is argued or unknown the table shows a range,
//! from what stays with the company if cover responds to what stays if it
//! does not; nothing here is computed beyond that difference.

use ironbridge_core::exposure::{BrokerScenario, Exposure};

use super::note;
use crate::layout::blocks::{Block, Cell, Column, Table};
use crate::layout::text::Span;
use crate::style::{Align, Theme};
use crate::templates::format;
use crate::templates::{ReportData, Sections};

/// Writes the subsection, when any scenario applies.
pub(super) fn broker_questions(
    out: &mut Sections,
    exposure: &Exposure,
    data: &ReportData<'_>,
    theme: &Theme,
) {
    if exposure.broker_scenarios.is_empty() {
        return;
    }
    out.subsection("What a broker will ask");
    let mut table = Table::new(vec![
        Column::new("Question", 3.6),
        Column::new("Gross loss", 1.3).align(Align::Right),
        Column::new("Insurance pays", 1.6).align(Align::Right),
        Column::new("Uninsured", 1.6).align(Align::Right),
    ]);
    for scenario in &exposure.broker_scenarios {
        table.rows.push(cells(scenario, data));
    }
    out.table(table);
    out.push(Block::paragraph(
        "The questions a broker or an underwriter puts to a manufacturer after the 2025 attacks, each \
         answered from the policy as recorded. Where cover hangs on a clause that is argued or a term \
         nobody has read, the amounts are a range: the lower uninsured figure if cover responds, the \
         higher if it does not.",
    ));
    out.push(Block::bullets(
        exposure
            .broker_scenarios
            .iter()
            .map(|s| format!("{} \u{2014} {}", s.row.label, s.reading)),
    ));
    out.push(note(
        "Each row is one incident of its own; the rows are alternatives, not added together.",
        theme,
    ));
}

/// The question with its scenario, the gross loss, and the paid and
/// uninsured amounts (as ranges where cover is argued).
fn cells(scenario: &BrokerScenario, data: &ReportData<'_>) -> Vec<Cell> {
    let a = data.assessment;
    let m = |v: f64| format::money_brief(v, a);
    let row = &scenario.row;
    let (paid, uninsured) = match scenario.uninsured_if_cover_responds {
        Some(low) => (
            format!("{} to {}", m(row.insured_recovery), m(row.gross_loss - low)),
            format!("{} to {}", m(low), m(row.uninsured_loss)),
        ),
        None => (m(row.insured_recovery), m(row.uninsured_loss)),
    };
    vec![
        Cell::new(vec![
            Span::bold(scenario.question.clone()),
            Span::regular(format!(" {}.", row.label)),
        ]),
        Cell::from(m(row.gross_loss)),
        Cell::from(paid),
        Cell::from(Span::bold(uninsured)),
    ]
}

#[cfg(test)]
mod tests {
    use ironbridge_core::Bank;
    use ironbridge_core::assessment::Assessment;
    use ironbridge_core::embedded::DEMO_ASSESSMENT;
    use ironbridge_core::exposure::Assumptions;

    use super::*;

    #[test]
    fn an_argued_cover_is_shown_as_a_range_and_a_settled_one_as_one_figure() {
        let bank = Bank::shipped().expect("the shipped bank is valid");
        let assessment = Assessment::from_json(DEMO_ASSESSMENT).expect("the demo reads");
        let assumptions = Assumptions {
            draws: 2_000,
            ..Assumptions::default()
        };
        let data = ReportData::compute_with(&bank, &assessment, &assumptions);
        let exposure = data.exposure.as_ref().expect("the demo has an exposure");
        let m = |v: f64| format::money_brief(v, &assessment);
        let text = |cell: &Cell| {
            cell.spans
                .iter()
                .map(|s| s.text.as_str())
                .collect::<String>()
        };
        for scenario in &exposure.broker_scenarios {
            let shown = cells(scenario, &data);
            let row = &scenario.row;
            let uninsured = text(&shown[3]);
            match scenario.uninsured_if_cover_responds {
                Some(low) => {
                    assert_eq!(
                        uninsured,
                        format!("{} to {}", m(low), m(row.uninsured_loss))
                    );
                    assert_eq!(
                        text(&shown[2]),
                        format!("{} to {}", m(row.insured_recovery), m(row.gross_loss - low))
                    );
                }
                None => {
                    assert_eq!(uninsured, m(row.uninsured_loss));
                    assert_eq!(text(&shown[2]), m(row.insured_recovery));
                }
            }
            assert!(text(&shown[0]).starts_with(&scenario.question));
        }
        // The demo's war exclusion is not identified: argued, so a range.
        let war = exposure
            .broker_scenarios
            .iter()
            .find(|s| s.row.key == "broker.state_attributed")
            .expect("the demo has a policy");
        assert!(war.uninsured_if_cover_responds.is_some());
    }
}
