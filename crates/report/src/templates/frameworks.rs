//! Framework coverage: for each NIST CSF 2.0 function and NCSC CAF
//! objective, the questions that cite it, the controls cited and the mean
//! score of its answered questions; and the heat map of where the gaps sit,
//! domain by current maturity level (drawn at the head of the roadmap).
//!
//! Invariant: the figures are `core::coverage`'s and the scorecard's; this
//! module only lays them out.

use ironbridge_core::Level;
use ironbridge_core::frameworks::Catalogue;

use crate::charts::{Chart, HeatMap};
use crate::layout::blocks::{Block, Cell, Column, Table};
use crate::layout::text::Span;
use crate::style::{Align, Colour, Theme};
use crate::templates::exposure::note;
use crate::templates::format::{self, band_colour};
use crate::templates::{COVERAGE_FRAMEWORKS, ReportData, Sections};

/// Writes the framework coverage section.
pub(crate) fn frameworks(out: &mut Sections, data: &ReportData<'_>, theme: &Theme) {
    out.section("Framework coverage");
    out.lead(
        "The answers mapped onto the NIST Cybersecurity Framework 2.0 and the NCSC Cyber Assessment \
         Framework, for readers who report against them. A question counts once per group, however many of \
         the group's controls it cites; the mean is over its answered, applicable questions.",
        theme.muted,
    );
    // The editions the bank cites: CAF 3.2 for bank 1, 4.0 for bank 2.
    let catalogue = Catalogue::shipped().for_bank(data.bank);
    for prefix in COVERAGE_FRAMEWORKS {
        let Some(framework) = data.coverage.iter().find(|f| f.prefix == prefix) else {
            continue;
        };
        let groups = match prefix {
            "CSF" => "functions",
            "CAF" => "objectives",
            _ => "groups",
        };
        match catalogue.framework(prefix) {
            Some(f) => {
                out.subsection(format!("{}: {groups}", f.name));
                out.push(note(&f.edition, theme));
            }
            None => out.subsection(framework.name.clone()),
        }
        let mut table = Table::new(vec![
            Column::new("Group", 3.6),
            Column::new("Questions", 1.1).align(Align::Right),
            Column::new("Controls cited", 1.4).align(Align::Right),
            Column::new("Mean score", 1.2).align(Align::Right),
        ]);
        for group in &framework.groups {
            table.rows.push(vec![
                Cell::new(vec![
                    Span::regular(format!("{}  ", group.id)).with_colour(theme.muted),
                    Span::bold(group.name.clone()),
                ]),
                Cell::from(group.questions.len().to_string()),
                Cell::from(format!(
                    "{} of {}",
                    group.controls_cited, group.controls_total
                )),
                Cell::from(
                    Span::bold(format::score(group.mean_score))
                        .with_colour(band_colour(group.mean_score, theme)),
                ),
            ]);
        }
        out.table(table);
    }
}

/// The grid of where the gaps sit: domains × the level each gap's question
/// stands at today, over the levels a gap can stand at (below the highest
/// target), so no column is empty by construction.
pub(crate) fn gap_heat_map(out: &mut Sections, data: &ReportData<'_>, theme: &Theme) {
    let card = &data.scorecard;
    let top_target = card
        .domains
        .iter()
        .flat_map(|d| d.questions.iter())
        .map(|q| q.target)
        .max()
        .unwrap_or(Level::MIN);
    let levels: Vec<Level> = Level::ALL
        .iter()
        .copied()
        .filter(|l| *l < top_target)
        .collect();
    if levels.is_empty() {
        return;
    }
    out.subsection("Gaps by domain and current level");
    let values: Vec<Vec<Option<f32>>> = card
        .domains
        .iter()
        .map(|domain| {
            levels
                .iter()
                .map(|level| {
                    let n = card
                        .gaps
                        .iter()
                        .filter(|g| g.domain == domain.code && g.level == *level)
                        .count();
                    (n > 0).then_some(n as f32)
                })
                .collect()
        })
        .collect();
    let max = values
        .iter()
        .flatten()
        .flatten()
        .fold(1.0_f32, |a, b| a.max(*b));
    out.push(Block::KeepTogether(vec![
        Block::paragraph(
            "How many questions in each domain fall short of their target, by the level they stand at today. \
             The further left, the weaker the control: level 0 (which includes every unknown answer) is a \
             control that is absent or unproven. This is a count of gaps, not a rating of likelihood and impact.",
        ),
        Block::chart(
            Chart::HeatMap(HeatMap {
                rows: card.domains.iter().map(|d| d.name.clone()).collect(),
                columns: levels.iter().map(|l| format!("Level {l}")).collect(),
                values,
                min: 0.0,
                max,
                low: Some(Colour::rgb(0xf6, 0xe3, 0xdf)),
                high: Some(format::RED),
            }),
            19.0 * card.domains.len() as f32 + 34.0,
        ),
        note(
            &format!(
                "Each cell counts the gaps; a dash means none. No target is above level {top_target}, so no \
                 question at level {top_target} or higher is a gap and those levels have no column."
            ),
            theme,
        ),
    ]));
}
