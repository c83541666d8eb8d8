//! The prioritised roadmap: how many gaps fall under now, next and later, a
//! heat map of where they sit, then every ranked gap with the bank's
//! recommended steps towards its target and the priority arithmetic that
//! placed it, and the plan saved for it: owner, target date, effort and
//! status, or "not yet assigned" when none is.
//!
//! Invariant: the order is the scorecard's ranking (priority, then bank
//! order); nothing here re-ranks. A plan entry is shown beside its gap only;
//! an entry whose gap has closed is not printed.

use ironbridge_core::assessment::{PlanItem, PlanStatus};
use ironbridge_core::bank::Criticality;
use ironbridge_core::scoring::{Gap, Horizon};

use crate::layout::blocks::{Block, Cell, Column, Table};
use crate::layout::text::Span;
use crate::style::{Align, Theme};
use crate::templates::format::{self, AMBER, GREEN, RED};
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
    out.push(Block::paragraph(plan_summary(gaps, data)));
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

/// The board summary's first decision when the roadmap is included: approve
/// the first tier, saying how many of its gaps already have an owner and a
/// target date in the plan (unchanged wording when none has).
pub(crate) fn first_tier_decision(data: &ReportData<'_>) -> String {
    let now: Vec<&Gap> = data
        .scorecard
        .gaps
        .iter()
        .filter(|g| g.horizon == Horizon::Now)
        .collect();
    let (assigned, total) = (assigned(&now, data), now.len());
    let tier = format!(
        "Approve the first tier of the roadmap ({})",
        format::count(total, "gap", "gaps")
    );
    match (assigned, total - assigned) {
        (0, _) => format!("{tier} and name an owner and a date for each."),
        (_, 0) if total == 1 => {
            format!("{tier}: it has an owner and a date; hold the owner to it.")
        }
        (_, 0) => format!("{tier}: each has an owner and a date; hold the owners to them."),
        (done, 1) => format!(
            "{tier}: {done} {} an owner and a date; name both for the last one.",
            if done == 1 { "has" } else { "have" }
        ),
        (done, left) => format!(
            "{tier}: {done} {} an owner and a date; name both for the other {left}.",
            if done == 1 { "has" } else { "have" }
        ),
    }
}

/// How many of `gaps` have an owner and a target date.
fn assigned(gaps: &[&Gap], data: &ReportData<'_>) -> usize {
    gaps.iter()
        .filter(|gap| plan_of(gap, data).is_some_and(PlanItem::is_assigned))
        .count()
}

/// How far the plan has got, tier by tier ("With an owner and a target
/// date: 2 of the 23 gaps to close now, none of the 20 to close next and
/// none of the 35 to close later."), and how the rows show it. Said once,
/// above the tiers, so each tier's heading stays with its table.
fn plan_summary(gaps: &[Gap], data: &ReportData<'_>) -> String {
    let mut parts = Vec::new();
    for (horizon, which) in [
        (Horizon::Now, "to close now"),
        (Horizon::Next, "to close next"),
        (Horizon::Later, "to close later"),
    ] {
        let tier: Vec<&Gap> = gaps.iter().filter(|g| g.horizon == horizon).collect();
        if tier.is_empty() {
            continue;
        }
        let set = assigned(&tier, data);
        // The first figure names its noun; the others read on from it.
        let total = if parts.is_empty() {
            format::count(tier.len(), "gap", "gaps")
        } else {
            tier.len().to_string()
        };
        parts.push(match (set, tier.len()) {
            (0, 1) => format!("not the one gap {which}"),
            (1, 1) => format!("the one gap {which}"),
            (0, _) => format!("none of the {total} {which}"),
            (set, n) if set == n => format!("all {total} {which}"),
            (set, _) => format!("{set} of the {total} {which}"),
        });
    }
    format!(
        "With an owner and a target date: {}. Each gap to close now shows its plan under its \
         title, or that it is not yet assigned; a later gap shows a plan line only when it has one.",
        format::join_and(&parts)
    )
}

/// The plan entry saved for a gap, if one with something set is.
fn plan_of<'a>(gap: &Gap, data: &'a ReportData<'_>) -> Option<&'a PlanItem> {
    data.assessment
        .plan
        .get(&gap.question)
        .filter(|item| !item.is_empty())
}

/// A space the line breaker keeps: a date or an effort band stays whole.
const NBSP: &str = "\u{a0}";

/// The gap's plan as one line (and its note on the next): status first,
/// then owner, target date and effort, owner and date said to be missing
/// when they are.
fn plan_spans(item: Option<&PlanItem>, theme: &Theme) -> Vec<Span> {
    let label = Span::bold("\nPlan\u{2002}").with_colour(theme.accent);
    let Some(item) = item else {
        return vec![
            label,
            Span::italic("not yet assigned: no owner or target date").with_colour(theme.muted),
        ];
    };
    let mut parts = Vec::new();
    let owner = item.owner.trim();
    parts.push(if owner.is_empty() {
        "owner not yet assigned".to_owned()
    } else {
        owner.to_owned()
    });
    parts.push(match item.target_date {
        Some(date) => format!("by {}", format::naive_date(date)).replace(' ', NBSP),
        None => "no target date yet".to_owned(),
    });
    if let Some(effort) = item.effort {
        parts.push(format!("effort {}", effort.label()).replace(' ', NBSP));
    }
    let status_colour = match item.status {
        PlanStatus::Blocked => RED,
        PlanStatus::Done => GREEN,
        PlanStatus::InProgress => theme.accent,
        PlanStatus::NotStarted => theme.muted,
    };
    let mut spans = vec![
        label,
        Span::bold(item.status.label()).with_colour(status_colour),
        Span::regular(format!(" \u{00b7} {}", parts.join(" \u{00b7} "))),
    ];
    let note = item.note.trim();
    if !note.is_empty() {
        spans.push(Span::italic(format!("\n{note}")).with_colour(theme.muted));
    }
    spans
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
    // The first tier shows every gap's plan, "not yet assigned" included;
    // later tiers only the plans set (their tier's sentence says the rest).
    let plan = plan_of(gap, data);
    if plan.is_some() || gap.horizon == Horizon::Now {
        spans.extend(plan_spans(plan, theme));
    }
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
