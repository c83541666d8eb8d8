//! The prioritised roadmap: how many gaps fall under now, next and later, a
//! heat map of where they sit, then every ranked gap with the bank's
//! recommended steps towards its target and the priority arithmetic that
//! placed it.
//!
//! Invariant: the order is the scorecard's ranking (priority, then bank
//! order); nothing here re-ranks.

use ironbridge_core::bank::Criticality;
use ironbridge_core::scoring::{Gap, Horizon};

use crate::layout::blocks::{Block, Cell, Column, Table};
use crate::layout::text::Span;
use crate::style::{Align, Theme};
use crate::templates::format::{self, AMBER, RED};
use crate::templates::plain::{self, holding_cap};
use crate::templates::{ReportData, Sections};

/// Writes the roadmap section.
pub(crate) fn roadmap(out: &mut Sections, data: &ReportData<'_>, theme: &Theme) {
    let gaps = &data.scorecard.gaps;
    out.section("Prioritised roadmap");
    out.lead(
        "Every question below its target is a gap. Gaps are ranked by how far they fall short, how much \
         the question weighs and how critical the control is. A missing critical control and the highest \
         priorities come now, with every step to the target; the next tier comes next; the rest later, with \
         the next step for each. Each gap's question is given in brackets for reference.",
        theme.muted,
    );
    if gaps.is_empty() {
        out.push(Block::paragraph(
            "No answer falls short of its target: there is nothing to prioritise.",
        ));
        return;
    }
    let counts = [Horizon::Now, Horizon::Next, Horizon::Later]
        .map(|horizon| gaps.iter().filter(|g| g.horizon == horizon).count());
    out.push(Block::Figures(vec![
        crate::layout::blocks::Figure::new("NOW", counts[0].to_string())
            .unit(plural_gaps(counts[0]))
            .colour(RED)
            .caption(vec![Span::regular(
                "Missing critical controls and the highest priorities.",
            )]),
        crate::layout::blocks::Figure::new("NEXT", counts[1].to_string())
            .unit(plural_gaps(counts[1]))
            .colour(AMBER)
            .caption(vec![Span::regular("Important, after the first tier.")]),
        crate::layout::blocks::Figure::new("LATER", counts[2].to_string())
            .unit(plural_gaps(counts[2]))
            .colour(theme.muted)
            .caption(vec![Span::regular("Worth doing once the rest is in hand.")]),
    ]));
    crate::templates::frameworks::gap_heat_map(out, data, theme);
    for (horizon, title) in [
        (Horizon::Now, "Now"),
        (Horizon::Next, "Next"),
        (Horizon::Later, "Later"),
    ] {
        let in_horizon: Vec<&Gap> = gaps.iter().filter(|g| g.horizon == horizon).collect();
        if in_horizon.is_empty() {
            continue;
        }
        out.subsection(format!(
            "{title} \u{00b7} {}",
            format::count(in_horizon.len(), "gap", "gaps")
        ));
        let mut table = Table::new(vec![
            Column::new("#", 0.45).align(Align::Right),
            Column::new("Gap and recommended steps", 5.6),
            Column::new("Level", 0.95).align(Align::Centre),
            Column::new("Priority", 0.85).align(Align::Right),
        ]);
        for gap in in_horizon {
            table.rows.push(gap_row(gap, data, theme));
        }
        out.table(table);
    }
}

fn plural_gaps(n: usize) -> &'static str {
    if n == 1 { "gap" } else { "gaps" }
}

fn gap_row(gap: &Gap, data: &ReportData<'_>, theme: &Theme) -> Vec<Cell> {
    let domain = data
        .bank
        .domain(gap.domain.as_str())
        .map_or(gap.domain.to_string(), |d| d.name.clone());
    let mut spans = vec![
        Span::bold(gap.title.clone()),
        Span::regular(format!("  {domain} ({})", gap.question)).with_colour(theme.muted),
    ];
    if gap.unknown {
        spans.push(Span::regular("\nUnknown today: establish the facts first.").with_colour(RED));
    }
    // Gaps to close now show every step to the target; the others the next
    // step, the rest being the same path taken later.
    let shown = if gap.horizon == Horizon::Now {
        gap.recommendations.len()
    } else {
        1
    };
    for (i, step) in gap.recommendations.iter().take(shown).enumerate() {
        let from = usize::from(gap.level.get()) + i;
        spans.push(
            Span::regular(format!("\n{} \u{2192} {}\u{2002}", from, from + 1))
                .with_colour(theme.accent),
        );
        spans.push(Span::regular(plain::cross_references(data, step)));
    }
    let rest = gap.recommendations.len().saturating_sub(shown);
    if rest > 0 {
        spans.push(
            Span::italic(format!(
                "\nThen {} to reach the target.",
                format::count(rest, "further step", "further steps")
            ))
            .with_colour(theme.muted),
        );
    }
    if !gap.caps.is_empty() {
        let holding = data
            .scorecard
            .domain(gap.domain.as_str())
            .and_then(holding_cap)
            .filter(|cap| gap.caps.contains(&cap.id));
        let text = match holding {
            Some(cap) => format!(
                "\nA critical control: until it is in place, the {domain} score cannot rise above {:.0}.",
                cap.max_score
            ),
            None => "\nA critical control: among the first things to put right.".to_owned(),
        };
        spans.push(Span::regular(text).with_colour(RED));
    }
    let criticality = match gap.criticality {
        Criticality::Critical => "critical",
        Criticality::High => "high",
        Criticality::Standard => "standard",
    };
    vec![
        Cell::from(Span::regular(gap.rank.to_string()).with_colour(theme.muted)),
        Cell::new(spans),
        Cell::from(format!("{} \u{2192} {}", gap.level, gap.target)),
        Cell::new(vec![
            Span::bold(format::number(gap.priority)),
            Span::regular(format!("\n{criticality}")).with_colour(theme.muted),
        ]),
    ]
}
