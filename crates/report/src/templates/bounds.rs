//! What bounds the resilience index and what stands apart from it, in a
//! board's words: the critical-failure gates (the one that holds the index
//! down, and those that would), an index still provisional while a gate's
//! question is unanswered, the risks accepted by a justified "not
//! applicable", the "not applicable" answers still waiting for their
//! justification, and insurance scored apart as risk transfer.
//!
//! Invariant: a gate is said to hold the index only when the index is below
//! what the answers alone would give; a bank without gates, waivers or
//! risk-transfer domains (bank 1) gets none of these sentences.

use ironbridge_core::QuestionId;
use ironbridge_core::bank::DomainRole;
use ironbridge_core::scoring::{AppliedGate, BoundKind, Scorecard};

use crate::layout::blocks::{Block, Callout, Cell, Column, Figure, Table};
use crate::layout::text::Span;
use crate::style::Theme;
use crate::templates::format::{self, RED, band_colour};
use crate::templates::{ReportData, Sections};

/// The gate that holds the index below what the answers alone give.
pub(crate) fn binding_gate(card: &Scorecard) -> Option<&AppliedGate> {
    let gate = card.gates.first()?;
    let (index, ungated) = (card.index?, card.index_ungated?);
    (index < ungated).then_some(gate)
}

/// Whether any domain is scored apart from the index (risk transfer).
pub(crate) fn has_risk_transfer(card: &Scorecard) -> bool {
    card.domains
        .iter()
        .any(|d| d.role == DomainRole::RiskTransfer)
}

/// A question's title, for a board; its id only when the bank lacks it.
fn title(data: &ReportData<'_>, id: &QuestionId) -> String {
    data.bank
        .question(id)
        .map_or_else(|| id.to_string(), |q| q.title.clone())
}

/// The level a gate's question must reach for the gate not to fire.
fn gate_level(data: &ReportData<'_>, gate_id: &str) -> Option<u8> {
    data.bank
        .gates
        .iter()
        .find(|g| g.id == gate_id)
        .map(|g| g.below.get())
}

/// The caption under the resilience index on the board summary.
pub(crate) fn index_caption(data: &ReportData<'_>) -> String {
    let card = &data.scorecard;
    let resilience = card
        .domains
        .iter()
        .filter(|d| d.role == DomainRole::Resilience)
        .count();
    let mut caption = if let Some(gate) = binding_gate(card) {
        format!(
            "A critical gap keeps it at {:.0}: {}. The answers alone would give {}.",
            gate.max_index,
            title(data, &gate.question),
            format::score(card.index_ungated)
        )
    } else if has_risk_transfer(card) {
        format!("The {resilience} resilience domains together; insurance is scored apart.")
    } else {
        format!(
            "The {resilience} domains together; 100 would mean every control in place and proven."
        )
    };
    if card.provisional {
        caption
            .push_str(" Provisional: it may fall when the open critical questions are answered.");
    }
    caption
}

/// The risk-transfer figure of the board summary, when the bank scores
/// insurance apart.
pub(crate) fn risk_transfer_figure(card: &Scorecard, theme: &Theme) -> Option<Figure> {
    if !has_risk_transfer(card) {
        return None;
    }
    Some(
        Figure::new("RISK TRANSFER", format::score(card.risk_transfer))
            .unit("/ 100")
            .colour(band_colour(card.risk_transfer, theme))
            .caption(vec![Span::regular(
                "Insurance, scored apart: it pays for a loss, it prevents none.",
            )]),
    )
}

/// The sentence the first decision of the board summary gains when gates
/// fire: what the index cannot exceed until which controls are in place.
pub(crate) fn gate_decision(data: &ReportData<'_>) -> Option<String> {
    let card = &data.scorecard;
    let gate = card.gates.first()?;
    let titles: Vec<String> = card
        .gates
        .iter()
        .filter(|g| g.max_index <= gate.max_index)
        .map(|g| title(data, &g.question))
        .collect();
    let held = if binding_gate(card).is_some() {
        "stays at"
    } else {
        "could not rise above"
    };
    Some(format!(
        " Until {} {} in place, the index {held} {:.0}.",
        format::join_and(&titles),
        if titles.len() == 1 { "is" } else { "are" },
        gate.max_index
    ))
}

/// The decisions on accepted risks and unjustified "not applicable"
/// answers, each with its reason.
pub(crate) fn accepted_risk_decisions(data: &ReportData<'_>) -> Vec<(String, String)> {
    let card = &data.scorecard;
    let mut out = Vec::new();
    if !card.waivers.is_empty() {
        // A question may lift both a cap and a gate: one risk, named once.
        let mut titles: Vec<String> = Vec::new();
        for waiver in &card.waivers {
            let t = title(data, &waiver.question);
            if !titles.contains(&t) {
                titles.push(t);
            }
        }
        out.push((
            format!(
                "Accept knowingly, or reject, the {} accepted in this report.",
                format::count(titles.len(), "risk", "risks")
            ),
            format!(
                "Each rests on a critical question marked not applicable: {}. The executive summary gives the \
                 justification recorded for each.",
                format::join_and(&titles)
            ),
        ));
    }
    if !card.unjustified_not_applicable.is_empty() {
        out.push((
            format!(
                "Have management justify, or answer, the {} marked not applicable without a reason.",
                format::count(card.unjustified_not_applicable.len(), "question", "questions")
            ),
            "Until a justification is recorded each counts as a missing control, with the limits it sets."
                .to_owned(),
        ));
    }
    out
}

/// The executive summary's account of what bounds the index, when there is
/// anything to say.
pub(crate) fn section(out: &mut Sections, data: &ReportData<'_>, theme: &Theme) {
    let card = &data.scorecard;
    let anything = !card.gates.is_empty()
        || !card.pending_gates.is_empty()
        || !card.waivers.is_empty()
        || !card.unjustified_not_applicable.is_empty()
        || has_risk_transfer(card);
    if !anything {
        return;
    }
    out.subsection("What bounds the index");
    gates(out, data, theme);
    pending(out, data);
    waivers(out, data, theme);
    unjustified(out, data);
    risk_transfer(out, data);
}

fn gates(out: &mut Sections, data: &ReportData<'_>, theme: &Theme) {
    let card = &data.scorecard;
    if card.gates.is_empty() {
        return;
    }
    if let Some(gate) = binding_gate(card) {
        out.push(Block::Callout(Callout {
            spans: vec![
                Span::bold(format!(
                    "A critical gap keeps the index at {:.0}. ",
                    gate.max_index
                )),
                Span::regular(format!(
                    "{} {} The answers alone would give {}; no other improvement raises the index above {:.0} \
                     until this control is in place{}.",
                    title(data, &gate.question),
                    gate_reason(gate),
                    format::score(card.index_ungated),
                    gate.max_index,
                    level_clause(data, gate)
                )),
            ],
        }));
    }
    let others: Vec<&AppliedGate> = card
        .gates
        .iter()
        .filter(|g| binding_gate(card).is_none_or(|b| b.id != g.id))
        .collect();
    if others.is_empty() {
        return;
    }
    out.text(&if binding_gate(card).is_some() {
        "These critical gaps would also limit the index, whatever else is in place; each is among the \
         first things to put right."
            .to_owned()
    } else {
        format!(
            "The index, {}, is already below the limits these critical gaps set, so none holds it down \
             today; but until each is closed, no improvement elsewhere can lift the index above its limit.",
            format::score(card.index)
        )
    });
    let mut table = Table::new(vec![
        Column::new("Critical gap", 2.4),
        Column::new("Index at most", 1.1),
        Column::new("Why it limits the index", 4.5),
    ]);
    for gate in others {
        table.rows.push(vec![
            Cell::from(Span::bold(title(data, &gate.question))),
            Cell::from(Span::bold(format!("{:.0}", gate.max_index)).with_colour(RED)),
            Cell::new(vec![
                Span::regular(gate_reason(gate)),
                Span::regular(level_clause_sentence(data, gate)).with_colour(theme.muted),
            ]),
        ]);
    }
    out.table(table);
}

/// A gate's reason, with "nobody knew" first when the answer was unknown.
fn gate_reason(gate: &AppliedGate) -> String {
    if gate.trigger == "unknown" {
        format!(
            "Nobody present could say how it stands, so it counts as missing until confirmed. {}",
            gate.reason
        )
    } else {
        gate.reason.clone()
    }
}

fn level_clause(data: &ReportData<'_>, gate: &AppliedGate) -> String {
    gate_level(data, &gate.id).map_or_else(String::new, |level| {
        format!(" (level {level} of the question at least)")
    })
}

fn level_clause_sentence(data: &ReportData<'_>, gate: &AppliedGate) -> String {
    gate_level(data, &gate.id).map_or_else(String::new, |level| {
        format!(" The limit lifts at level {level}.")
    })
}

fn pending(out: &mut Sections, data: &ReportData<'_>) {
    let card = &data.scorecard;
    if card.pending_gates.is_empty() {
        return;
    }
    let items: Vec<Vec<Span>> = card
        .pending_gates
        .iter()
        .map(|p| {
            vec![
                Span::bold(format!("{}: ", title(data, &p.question))),
                Span::regular(format!(
                    "below level {}, the index could be at most {:.0}.",
                    p.below.get(),
                    p.max_index
                )),
            ]
        })
        .collect();
    out.text(&format!(
        "The index is provisional: {} not answered yet, and the index falls if the answer is low.",
        format::count(
            card.pending_gates.len(),
            "critical question is",
            "critical questions are"
        )
    ));
    out.push(Block::Bullets(items));
}

fn waivers(out: &mut Sections, data: &ReportData<'_>, theme: &Theme) {
    let card = &data.scorecard;
    if card.waivers.is_empty() {
        return;
    }
    out.text(
        "Risks accepted: these critical questions were marked not applicable with a justification, so the \
         limit each would set is not applied. The board should read each as a risk it accepts.",
    );
    let mut table = Table::new(vec![
        Column::new("Question", 2.2),
        Column::new("Limit not applied", 1.6),
        Column::new("Justification recorded", 4.2),
    ]);
    for waiver in &card.waivers {
        let limit = match waiver.kind {
            BoundKind::Gate => format!("index at most {:.0}", waiver.max),
            BoundKind::Cap => {
                let domain = data
                    .bank
                    .domain(waiver.question.domain_code())
                    .map_or_else(|| "its domain".to_owned(), |d| d.name.clone());
                format!("{domain} at most {:.0}", waiver.max)
            }
        };
        table.rows.push(vec![
            Cell::from(Span::bold(title(data, &waiver.question))),
            Cell::from(limit),
            Cell::new(vec![
                Span::regular(waiver.justification.clone()),
                Span::regular(format!(" Why the limit exists: {}", waiver.reason))
                    .with_colour(theme.muted),
            ]),
        ]);
    }
    out.table(table);
}

fn unjustified(out: &mut Sections, data: &ReportData<'_>) {
    let ids = &data.scorecard.unjustified_not_applicable;
    if ids.is_empty() {
        return;
    }
    let titles: Vec<String> = ids.iter().map(|id| title(data, id)).collect();
    out.text(&format!(
        "Marked not applicable without the justification a critical question needs: {}. Until one is \
         recorded, each counts as a missing control and its limits apply.",
        format::join_and(&titles)
    ));
}

fn risk_transfer(out: &mut Sections, data: &ReportData<'_>) {
    let card = &data.scorecard;
    if !has_risk_transfer(card) {
        return;
    }
    out.text(&format!(
        "Insurance is scored apart from the index, as risk transfer: {} out of 100. A good policy pays for \
         part of a loss; it does not make the company more resilient, so it never raises the index.",
        format::score(card.risk_transfer)
    ));
}
