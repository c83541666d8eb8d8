//! One section per domain: the score against its target (with the uncapped
//! score and the cap's reason when a cap binds), the findings from the
//! narrative, the table of its questions (level, target, state), and the
//! notes and follow-up flags taken during the assessment.
//!
//! Invariant: wherever a capped score appears, the cap and its reason appear
//! with it.

use ironbridge_core::bank::DomainRole;
use ironbridge_core::scoring::{AnswerState, DomainScore};

use crate::layout::blocks::{Block, Callout, Cell, Column, Figure, HeadingLevel, Paragraph, Table};
use crate::layout::text::Span;
use crate::style::{Align, Theme};
use crate::templates::format::{self, RED, band_colour};
use crate::templates::plain::{
    cap_statement, cross_references, findings_text, fired_by_unknown, holding_cap,
};
use crate::templates::summary::domain_target;
use crate::templates::{ReportData, Sections};

/// Writes every domain's section.
pub(crate) fn domains(out: &mut Sections, data: &ReportData<'_>, theme: &Theme) {
    out.section("Findings by domain");
    out.lead(
        "Each domain is scored 0 to 100 from its answered, applicable questions, the more important \
         questions counting for more. Where a critical control is missing, the method also sets a ceiling on \
         the domain's score; this report mentions a ceiling only where it actually lowers a score. The target \
         is the score the target profile's levels would give.",
        theme.muted,
    );
    let n = data.scorecard.domains.len();
    for (i, domain) in data.scorecard.domains.iter().enumerate() {
        domain_section(out, data, theme, domain, i, n);
    }
}

fn domain_section(
    out: &mut Sections,
    data: &ReportData<'_>,
    theme: &Theme,
    domain: &DomainScore,
    index: usize,
    n_domains: usize,
) {
    let bank_domain = data.bank.domain(domain.code.as_str());
    // The domain's head (its name, what it covers, its figures) moves to
    // the next page as a whole rather than leave the name at a page's foot.
    // Every domain after the first starts a page, so each reads as a unit
    // and none starts halfway down.
    if index > 0 {
        out.push(Block::PageBreak);
    }
    let mut head = vec![
        Block::Spacer(if index == 0 { 6.0 } else { 0.0 }),
        Block::Rule,
        Paragraph::new(vec![Span::bold(format!(
            "DOMAIN {} OF {}",
            index + 1,
            n_domains
        ))])
        .size(7.6)
        .colour(theme.accent)
        .space_after(0.0)
        .into(),
        Block::heading(HeadingLevel::H2, domain.name.clone()),
    ];
    if let Some(summary) = bank_domain
        .map(|d| d.summary.as_str())
        .filter(|s| !s.is_empty())
    {
        head.push(
            Paragraph::new(vec![Span::regular(cross_references(data, summary))])
                .size(8.8)
                .colour(theme.muted)
                .into(),
        );
    }
    if domain.role == DomainRole::RiskTransfer {
        head.push(
            Paragraph::new(vec![Span::bold(
                "Scored apart from the resilience index, as risk transfer: insurance pays for part of a loss, \
                 it does not prevent one.",
            )])
            .size(8.8)
            .colour(theme.muted)
            .into(),
        );
    }

    let target = domain_target(domain);
    let cap = holding_cap(domain);
    let c = &domain.completion;
    let mut figures = vec![
        Figure::new("SCORE", format::score(domain.score))
            .unit("/ 100")
            .colour(band_colour(domain.score, theme))
            .caption(vec![Span::regular(match (domain.score, cap) {
                (None, _) => "No scored answer in this domain.".to_owned(),
                (Some(_), Some(cap)) if fired_by_unknown(cap) => format!(
                    "Held at {:.0}: a critical control could not be confirmed.",
                    cap.max_score
                ),
                (Some(_), Some(cap)) => format!(
                    "Held at {:.0}: a critical control is missing.",
                    cap.max_score
                ),
                (Some(_), None) => "Weighted mean of the answered questions.".to_owned(),
            })]),
        Figure::new("TARGET", format::score(target))
            .unit("/ 100")
            .colour(theme.heading)
            .caption(vec![Span::regular(match (domain.score, target) {
                (Some(s), Some(t)) if s >= t => "Met.".to_owned(),
                (Some(s), Some(t)) => format!("{:.0} points short.", t - s),
                _ => "From the target profile's levels.".to_owned(),
            })]),
    ];
    if let Some(cap) = cap {
        figures.push(
            Figure::new("WITHOUT THE CAP", format::score(domain.uncapped))
                .unit("/ 100")
                .colour(theme.muted)
                .caption(vec![Span::regular(format!(
                    "What the answers alone would score, were it not for the missing control ({}).",
                    cap.question
                ))]),
        );
    }
    figures.push(
        Figure::new(
            "ANSWERED",
            format!("{}", c.answered + c.unknown + c.not_applicable),
        )
        .unit(format!("/ {}", c.total))
        .colour(theme.heading)
        .caption(vec![Span::regular(format!(
            "{} unknown, {} not applicable.",
            c.unknown, c.not_applicable
        ))]),
    );
    head.push(Block::Figures(figures));
    out.push(Block::KeepTogether(head));

    if let Some(holding) = cap {
        out.push(Block::Callout(Callout {
            spans: vec![
                Span::bold(format!("Score held at {:.0}. ", holding.max_score)).with_colour(RED),
                Span::regular(cap_statement(data, holding)),
                Span::regular(format!(
                    " Without this ceiling the answers would score {}.",
                    format::score(domain.uncapped)
                )),
                Span::regular(format!(" ({})", holding.question)).with_colour(theme.muted),
            ],
        }));
    }
    let others: Vec<Vec<Span>> = domain
        .caps
        .iter()
        .filter(|c| cap.is_none_or(|holding| holding.id != c.id))
        .map(|c| {
            vec![
                Span::regular(cap_statement(data, c)),
                Span::regular(format!(" ({})", c.question)).with_colour(theme.muted),
            ]
        })
        .collect();
    if !others.is_empty() {
        let unconfirmed = domain
            .caps
            .iter()
            .any(|c| fired_by_unknown(c) && cap.is_none_or(|holding| holding.id != c.id));
        out.minor(match (others.len(), unconfirmed) {
            (1, false) => "Critical control missing",
            (1, true) => "Critical control not confirmed",
            (_, false) => "Critical controls missing",
            (_, true) => "Critical controls missing or not confirmed",
        });
        out.push(Block::Bullets(others));
    }

    out.minor("Findings");
    let findings = findings_text(data, domain);
    if findings.trim().is_empty() {
        out.push(Block::paragraph(
            "No findings have been written for this domain.",
        ));
    } else {
        out.text(&findings);
    }

    out.minor("Questions");
    let mut table = Table::new(vec![
        Column::new("ID", 0.9),
        Column::new("Question", 4.6),
        Column::new("Level", 0.8).align(Align::Centre),
        Column::new("Target", 0.8).align(Align::Centre),
        Column::new("State", 1.4),
    ]);
    for q in &domain.questions {
        let below = q.level.is_some_and(|l| l < q.target);
        let level = match q.level {
            Some(l) if below => Cell::from(Span::bold(l.to_string()).with_colour(RED)),
            Some(l) => Cell::from(Span::bold(l.to_string())),
            None => Cell::from(Span::regular("\u{2014}").with_colour(theme.muted)),
        };
        let state = match q.state {
            AnswerState::Answered => {
                Cell::from(Span::regular(format::state(q.state)).with_colour(theme.muted))
            }
            AnswerState::Unknown => Cell::from(Span::bold(format::state(q.state)).with_colour(RED)),
            AnswerState::NotApplicable | AnswerState::Unanswered => {
                Cell::from(Span::regular(format::state(q.state)).with_colour(theme.muted))
            }
        };
        table.rows.push(vec![
            Cell::from(Span::regular(q.id.to_string()).with_colour(theme.muted)),
            Cell::from(q.title.clone()),
            level,
            Cell::from(q.target.to_string()),
            state,
        ]);
    }
    out.table(table);

    notes(out, data, theme, domain);
}

/// The notes and follow-up flags of a domain's questions, in bank order.
fn notes(out: &mut Sections, data: &ReportData<'_>, theme: &Theme, domain: &DomainScore) {
    let Some(bank_domain) = data.bank.domain(domain.code.as_str()) else {
        return;
    };
    let items: Vec<Vec<Span>> = bank_domain
        .questions
        .iter()
        .filter_map(|question| {
            let record = data.assessment.answer(&question.id)?;
            if record.note.trim().is_empty() && !record.follow_up {
                return None;
            }
            let mut spans = vec![
                Span::bold(question.title.clone()),
                Span::regular(format!(" ({})", question.id)).with_colour(theme.muted),
            ];
            if record.follow_up {
                spans.push(Span::bold("  Follow up").with_colour(theme.accent));
            }
            if !record.note.trim().is_empty() {
                spans.push(Span::regular("\n"));
                spans.push(Span::regular(record.note.trim().to_owned()));
            }
            Some(spans)
        })
        .collect();
    if items.is_empty() {
        return;
    }
    out.minor("Notes and follow-ups");
    out.push(Block::Bullets(items));
}
