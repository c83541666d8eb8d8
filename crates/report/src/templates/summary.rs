//! The executive summary: three key figures (the index, the weakest domain,
//! the money at risk), the narrative (the consultant's edit when there is
//! one), the radar of domain scores against the target profile and the top
//! five risks in plain language.
//!
//! Invariant: the weakest domain always stands beside the index, and the
//! target drawn for a domain is the weighted mean of its questions' targets
//! × 25 (the score those targets would give).

use ironbridge_core::scoring::{AnswerState, DomainScore, Scorecard};

use crate::charts::{Chart, RadarAxis, RadarChart};
use crate::layout::blocks::{Block, Callout, Figure, Paragraph};
use crate::layout::text::Span;
use crate::style::Theme;
use crate::templates::format::{self, band_colour};
use crate::templates::{ReportData, Sections};

/// Writes the executive summary.
pub(crate) fn summary(out: &mut Sections, data: &ReportData<'_>, theme: &Theme) {
    let card = &data.scorecard;
    let assessment = data.assessment;
    out.section("Executive summary");

    let mut figures = Vec::new();
    let target = index_target(data);
    figures.push(
        Figure::new("RESILIENCE INDEX", format::score(card.index))
            .unit("/ 100")
            .colour(band_colour(card.index, theme))
            .caption(vec![Span::regular(match target {
                Some(t) => format!(
                    "Weighted mean of {} domain scores; the target profile would score {t:.0}.",
                    card.index_contributions.len()
                ),
                None => "No domain has a scored answer yet.".to_owned(),
            })]),
    );
    let weakest = card
        .weakest_domain
        .as_ref()
        .and_then(|code| card.domain(code.as_str()));
    figures.push(match weakest {
        Some(domain) => {
            let mut caption = vec![Span::bold(domain.name.clone())];
            if let Some(cap) = binding_cap(domain) {
                caption.push(Span::regular(format!(
                    ": held at {:.0} because a critical control is missing.",
                    cap.max_score
                )));
            } else {
                caption.push(Span::regular(
                    ": resilience is a chain, and this is its weakest link.",
                ));
            }
            Figure::new("WEAKEST DOMAIN", format::score(domain.score))
                .unit("/ 100")
                .colour(band_colour(domain.score, theme))
                .caption(caption)
        }
        None => Figure::new("WEAKEST DOMAIN", "\u{2014}")
            .colour(theme.muted)
            .caption(vec![Span::regular("No domain has a scored answer yet.")]),
    });
    // The halt the narrative's headline speaks of: the estimated time to restore.
    let halt = data
        .exposure
        .as_ref()
        .ok()
        .and_then(|e| e.scenarios.iter().find(|s| s.key == "custom"));
    figures.push(match halt {
        Some(row) => Figure::new(
            format!(
                "UNINSURED LOSS, {}-DAY HALT",
                format::number(row.days.round())
            ),
            format::money_brief(row.uninsured_loss, assessment),
        )
        .colour(format::RED)
        .caption(vec![Span::regular(format!(
            "of {} gross; the policy would pay {}.",
            format::money_brief(row.gross_loss, assessment),
            format::money_brief(row.insured_recovery, assessment)
        ))]),
        None => {
            let c = &card.completion;
            Figure::new(
                "QUESTIONS ANSWERED",
                format!("{}", c.answered + c.unknown + c.not_applicable),
            )
            .unit(format!("/ {}", c.total))
            .caption(vec![Span::regular(format!(
                "{} unknown, {} not applicable.",
                c.unknown, c.not_applicable
            ))])
        }
    });
    out.push(Block::Figures(figures));

    out.subsection("Domains against the target profile");
    out.push(Block::KeepTogether(vec![
        Block::chart(domain_radar(card), 255.0),
        Paragraph::new(vec![Span::regular(
            "Each axis is a domain scored 0 to 100; the outline is the score the target profile would give. \
             A domain with no scored answer is drawn at 0.",
        )])
        .size(7.8)
        .colour(theme.muted)
        .into(),
    ]));

    out.subsection("Overview");
    out.text(&data.narrative.executive_summary);
    if let Ok(exposure) = &data.exposure {
        out.push(Block::Callout(Callout {
            spans: vec![
                Span::bold("Money at risk. "),
                Span::regular(exposure.headline.clone()),
            ],
        }));
    }

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
                    Span::regular(risk.statement.clone()),
                    Span::regular(format!(" ({})", risk.question)).with_colour(theme.muted),
                ]
            })
            .collect();
        out.push(Block::Bullets(items));
    }
}

/// The cap that holds a domain's score down, if one does.
pub(crate) fn binding_cap(domain: &DomainScore) -> Option<&ironbridge_core::scoring::AppliedCap> {
    let cap = domain.caps.first()?;
    let (Some(score), Some(uncapped)) = (domain.score, domain.uncapped) else {
        return None;
    };
    (uncapped > score).then_some(cap)
}

/// The score the target profile would give a domain: the weighted mean of
/// its applicable questions' targets × 25.
/// The radar of domain scores against the target profile, as the executive
/// summary draws it (and the desktop app's results screen, through
/// [`Chart::to_svg`]).
pub fn domain_radar(card: &Scorecard) -> Chart {
    Chart::Radar(RadarChart {
        axes: card
            .domains
            .iter()
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
