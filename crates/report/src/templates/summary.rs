//! The executive summary, after the board summary's figures: the narrative
//! (the consultant's edit when there is one), the radar of domain scores
//! against the target profile and the top five risks in plain language.
//!
//! Invariant: the target drawn for a domain is the weighted mean of its
//! questions' targets × 25 (the score those targets would give).

use ironbridge_core::bank::DomainRole;
use ironbridge_core::scoring::{AnswerState, DomainScore, Scorecard};

use crate::charts::{Chart, RadarAxis, RadarChart};
use crate::layout::blocks::{Block, Paragraph};
use crate::layout::text::Span;
use crate::style::Theme;
use crate::templates::format;
use crate::templates::{ReportData, Sections};

/// Writes the executive summary.
pub(crate) fn summary(out: &mut Sections, data: &ReportData<'_>, theme: &Theme) {
    let card = &data.scorecard;
    out.section("Executive summary");

    out.subsection("Overview");
    if let Some(t) = index_target(data) {
        out.lead(
            format!(
                "The resilience index is {} out of 100; the target profile would score {t:.0}.",
                format::score(card.index)
            ),
            theme.muted,
        );
    }
    out.text(&crate::templates::plain::summary_text(data));
    crate::templates::bounds::section(out, data, theme);

    out.subsection("Domains against the target profile");
    out.push(Block::KeepTogether(vec![
        Block::chart(domain_radar(card), 255.0),
        Paragraph::new(vec![Span::regular(radar_note(card))])
            .size(7.8)
            .colour(theme.muted)
            .into(),
    ]));

    out.subsection("Top risks");
    if data.narrative.top_risks.is_empty() {
        out.push(Block::paragraph(
            "No answer falls short of its target: there is no gap to rank.",
        ));
    } else {
        let items: Vec<Vec<Span>> = data
            .narrative
            .top_risks
            .iter()
            .map(|risk| {
                vec![
                    Span::bold(format!("{}. ", risk.headline.trim_end_matches('.'))),
                    Span::regular(crate::templates::plain::risk_statement(data, risk)),
                    Span::regular(format!(" ({})", risk.question)).with_colour(theme.muted),
                ]
            })
            .collect();
        out.push(Block::Bullets(items));
    }
}

/// The score the target profile would give a domain: the weighted mean of
/// its applicable questions' targets × 25.
/// The radar of domain scores against the target profile, as the executive
/// summary draws it (and the desktop app's results screen, through
/// [`Chart::to_svg`]).
pub fn domain_radar(card: &Scorecard) -> Chart {
    Chart::Radar(RadarChart {
        // Risk transfer (insurance) is scored apart from resilience, so it
        // is not drawn among the resilience domains.
        axes: card
            .domains
            .iter()
            .filter(|d| d.role == DomainRole::Resilience)
            .map(|d| RadarAxis {
                label: d.name.clone(),
                value: d.score.map(|s| s as f32),
                target: domain_target(d).map(|t| t as f32),
            })
            .collect(),
        max: 100.0,
    })
}

pub(crate) fn domain_target(domain: &DomainScore) -> Option<f64> {
    let (sum, weight) = domain
        .questions
        .iter()
        .filter(|q| q.state != AnswerState::NotApplicable)
        .fold((0.0, 0.0), |(sum, weight), q| {
            (sum + q.weight * q.target.score(), weight + q.weight)
        });
    (weight > 0.0).then(|| sum / weight)
}

/// The index the target profile would give: the weighted mean of the domain
/// targets, over the domains that count in the index.
fn index_target(data: &ReportData<'_>) -> Option<f64> {
    let card = &data.scorecard;
    let (sum, weight) = card
        .domains
        .iter()
        .filter(|d| d.score.is_some())
        .filter_map(|d| Some((domain_target(d)?, d.weight)))
        .fold((0.0, 0.0), |(sum, weight), (t, w)| {
            (sum + w * t, weight + w)
        });
    (weight > 0.0).then(|| sum / weight)
}

/// The note under the radar.
fn radar_note(card: &Scorecard) -> String {
    let mut note =
        "Each axis is a domain scored 0 to 100; the outline is the score the target profile would \
                    give. A domain with no scored answer is drawn at 0."
            .to_owned();
    if crate::templates::bounds::has_risk_transfer(card) {
        note.push_str(" Insurance is scored apart, as risk transfer, and is not drawn.");
    }
    note
}
