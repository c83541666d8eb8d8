//! The front matter after the cover: document control and the table of
//! contents (page 2), then the one-page board summary: one headline, the
//! three figures that matter with the uninsured loss explained beside them,
//! the top risks in a line each, and the decisions the board is asked to
//! take.
//!
//! Invariant: every statement is drawn from the scorecard, the exposure
//! model and the registers; a decision is proposed only when the data
//! behind it is there (no insurance decision without an estimate).

use chrono::{DateTime, Utc};
use ironbridge_core::assessment::Status;
use ironbridge_core::exposure::Exposure;
use ironbridge_core::scoring::Horizon;

use crate::layout::blocks::{Block, Callout, Cell, Column, Figure, HeadingLevel, Paragraph, Table};
use crate::layout::contents::Contents;
use crate::layout::text::Span;
use crate::style::Theme;
use crate::templates::exposure::{days_set_by_hand, money_headline};
use crate::templates::format::{self, RED, band_colour};
use crate::templates::plain::{self, holding_cap};
use crate::templates::{OptionalSection, ReportData, Sections, bounds, roadmap};

/// The status mark printed on every page, or none for a final report.
#[must_use]
pub fn status_mark(status: Status) -> Option<&'static str> {
    match status {
        Status::Draft => Some("DRAFT"),
        Status::InReview => Some("IN REVIEW"),
        Status::Final => None,
    }
}

/// The status in words.
pub(crate) fn status_words(status: Status) -> &'static str {
    match status {
        Status::Draft => "Draft: not for reliance",
        Status::InReview => "In review: not for reliance until issued as final",
        Status::Final => "Final: issued",
    }
}

/// The version printed in document control: the one given, else by status.
pub(crate) fn version(data: &ReportData<'_>) -> String {
    data.control.version.clone().unwrap_or_else(|| {
        match data.assessment.status {
            Status::Draft => "0.1",
            Status::InReview => "0.9",
            Status::Final => "1.0",
        }
        .to_owned()
    })
}

/// Page 2: document control and contents.
pub(crate) fn control_and_contents(
    out: &mut Sections,
    data: &ReportData<'_>,
    author: &str,
    date: DateTime<Utc>,
) {
    let a = data.assessment;
    out.push(Block::PageBreak);
    out.push(Block::Heading(crate::layout::blocks::Heading {
        level: HeadingLevel::H2,
        text: "Document control".to_owned(),
        in_outline: false,
    }));
    let distribution = if data.control.distribution.is_empty() {
        format!(
            "The board of {}; its insurers and auditors at the board's discretion",
            a.organisation.name
        )
    } else {
        data.control.distribution.join("; ")
    };
    let mut rows = vec![
        (
            "Document",
            format!("{} \u{2014} {}", a.title, a.organisation.name),
        ),
        ("Version", version(data)),
        ("Status", status_words(a.status).to_owned()),
        ("Date", format::long_date(date)),
        ("Prepared by", author.to_owned()),
    ];
    if let Some(reviewer) = data
        .control
        .reviewer
        .as_ref()
        .filter(|r| !r.trim().is_empty())
    {
        rows.push(("Reviewed by", reviewer.clone()));
    }
    rows.push(("Distribution", distribution));
    let mut table = Table::new(vec![Column::new("", 1.5), Column::new("", 5.5)]);
    for (label, value) in rows {
        table
            .rows
            .push(vec![Cell::from(Span::bold(label)), Cell::from(value)]);
    }
    out.push(Block::KeepTogether(vec![table.into()]));
    out.push(Block::Spacer(10.0));
    out.push(Block::Heading(crate::layout::blocks::Heading {
        level: HeadingLevel::H2,
        text: "Contents".to_owned(),
        in_outline: false,
    }));
    out.push(Block::Contents(Contents::new(1)));
}

/// The one-page board summary.
pub(crate) fn board_summary(out: &mut Sections, data: &ReportData<'_>, theme: &Theme) {
    let card = &data.scorecard;
    let a = data.assessment;
    out.section("Board summary");
    out.push(
        Paragraph::new(vec![Span::bold(headline(data))])
            .size(12.5)
            .colour(theme.heading)
            .space_after(6.0),
    );

    let mut figures = vec![
        Figure::new("RESILIENCE INDEX", format::score(card.index))
            .unit("/ 100")
            .colour(band_colour(card.index, theme))
            .caption(vec![Span::regular(bounds::index_caption(data))]),
    ];
    figures.extend(bounds::risk_transfer_figure(card, theme));
    if let Some(domain) = weakest(data) {
        figures.push(
            Figure::new("WEAKEST DOMAIN", format::score(domain.score))
                .unit("/ 100")
                .colour(band_colour(domain.score, theme))
                .caption(vec![Span::bold(domain.name.clone())]),
        );
    }
    let halt = data.exposure.as_ref().ok().and_then(|e| {
        e.scenarios
            .iter()
            .find(|s| s.key == "custom")
            .map(|r| (e, r))
    });
    if let Some((exposure, row)) = halt {
        let days = format::number(row.days.round());
        figures.push(
            Figure::new("UNINSURED LOSS", format::money_brief(row.uninsured_loss, a))
                .colour(RED)
                .caption(vec![Span::regular(if days_set_by_hand(exposure) {
                    format!("from an assumed {days}-day halt of production (set by the assessor).")
                } else {
                    format!("from one {days}-day halt of production.")
                })]),
        );
    }
    out.push(Block::Figures(figures));
    if let Some((exposure, row)) = halt {
        out.push(Block::Callout(Callout {
            spans: vec![
                Span::bold("How the uninsured loss arises. "),
                Span::regular(money_headline(exposure, data)),
                Span::regular(format!(
                    " Gross loss {} \u{2212} insurance {} = uninsured {}.",
                    format::money_brief(row.gross_loss, a),
                    format::money_brief(row.insured_recovery, a),
                    format::money_brief(row.uninsured_loss, a)
                )),
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
            .take(3)
            .map(|risk| {
                let domain = data
                    .bank
                    .domain(risk.question.domain_code())
                    .map_or_else(String::new, |d| format!(" \u{2014} {}", d.name));
                vec![
                    Span::bold(risk.headline.trim_end_matches('.').to_owned()),
                    Span::regular(domain).with_colour(theme.muted),
                ]
            })
            .collect();
        out.push(Block::Bullets(items));
    }

    out.subsection("Decisions for the board");
    // A bullet each; a number beside the bullet would mark the item twice.
    let decisions: Vec<Vec<Span>> = decisions(data)
        .into_iter()
        .map(|(what, why)| {
            vec![
                Span::bold(format!("{what} ")),
                Span::regular(why).with_colour(theme.text),
            ]
        })
        .collect();
    out.push(Block::Bullets(decisions));
}

fn weakest<'d>(data: &'d ReportData<'_>) -> Option<&'d ironbridge_core::scoring::DomainScore> {
    let card = &data.scorecard;
    card.weakest_domain
        .as_ref()
        .and_then(|code| card.domain(code.as_str()))
}

/// How long the headline halt lasts: "about 26 days", or "an assumed 10
/// days (set by the assessor)" when the assessor set it.
fn halt_length(exposure: &Exposure, days: f64) -> String {
    let n = format::number(days.round());
    if days_set_by_hand(exposure) {
        format!("an assumed {n} days (set by the assessor)")
    } else {
        format!("about {n} days")
    }
}

/// The one sentence a board should remember.
fn headline(data: &ReportData<'_>) -> String {
    // A name too long for a headline is left to the cover and the header.
    let name = data.assessment.organisation.name.trim();
    let client = if name.chars().count() <= 60 {
        name
    } else {
        "the company"
    };
    let card = &data.scorecard;
    let Some(index) = card.index else {
        return format!(
            "No scored question of {client}'s assessment has been answered yet, so no conclusion can be drawn."
        );
    };
    let halt = data.exposure.as_ref().ok().and_then(|e| {
        e.scenarios
            .iter()
            .find(|s| s.key == "custom")
            .map(|r| (e, r))
    });
    let weakest = weakest(data).map_or_else(String::new, |d| {
        format!(
            "; the weakest link is {} at {}",
            d.name,
            format::score(d.score)
        )
    });
    match halt {
        Some((exposure, row)) if plain::policy_unknown(exposure) => format!(
            "A serious cyber attack could stop production at {client} for {} and cost about {}; \
             nobody could say whether insurance would pay any of it{weakest}.",
            halt_length(exposure, row.days),
            format::money_brief(row.gross_loss, data.assessment)
        ),
        Some((exposure, row)) => format!(
            "A serious cyber attack could stop production at {client} for {} and leave about {} \
             uninsured{weakest}.",
            halt_length(exposure, row.days),
            format::money_brief(row.uninsured_loss, data.assessment)
        ),
        None => format!("{client} scores {index:.0} out of 100 for cyber resilience{weakest}."),
    }
}

/// The decisions proposed to the board, each with its reason.
fn decisions(data: &ReportData<'_>) -> Vec<(String, String)> {
    let card = &data.scorecard;
    let a = data.assessment;
    let mut out = Vec::new();
    let now: Vec<&ironbridge_core::scoring::Gap> = card
        .gaps
        .iter()
        .filter(|g| g.horizon == Horizon::Now)
        .collect();
    if !now.is_empty() {
        let first: Vec<String> = now
            .iter()
            .take(3)
            .map(|g| {
                if g.unknown {
                    format!(
                        "{} (unknown: nobody present could say how it stands)",
                        g.title
                    )
                } else {
                    g.title.clone()
                }
            })
            .collect();
        out.push((
            if data.sections.includes(OptionalSection::Roadmap) {
                roadmap::first_tier_decision(data)
            } else {
                format!(
                    "Approve a plan for the {} to close first, with an owner and a date for each.",
                    format::count(now.len(), "gap", "gaps")
                )
            },
            format!("It starts with {}.", first.join("; ")),
        ));
    }
    let holding: Vec<String> = card
        .domains
        .iter()
        .filter_map(|d| holding_cap(d).map(|c| format!("{} (held at {:.0})", d.name, c.max_score)))
        .collect();
    if let Some(first) = out.first_mut()
        && !holding.is_empty()
    {
        first.1.push_str(&format!(
            " The missing critical controls come first: until they are in place, no other work can raise \
             the score of {}.",
            holding.join(", ")
        ));
    }
    if let Some(first) = out.first_mut()
        && let Some(gate) = bounds::gate_decision(data)
    {
        first.1.push_str(&gate);
    }
    out.extend(bounds::accepted_risk_decisions(data));
    if let Ok(exposure) = &data.exposure
        && let Some(row) = exposure.scenarios.iter().find(|s| s.key == "custom")
    {
        if plain::policy_unknown(exposure) {
            out.push((
                "Confirm whether a cyber policy is in force, and on what terms.".to_owned(),
                "Nobody present could say; until it is known, none of the loss can be counted as insured."
                    .to_owned(),
            ));
        } else if row.uninsured_loss > 0.0 {
            out.push((
                format!(
                    "Decide whether to accept, reduce or insure the {} that would stay with the company.",
                    format::money_brief(row.uninsured_loss, a)
                ),
                if exposure.terms.in_force {
                    "Options: a higher business-interruption limit, a shorter waiting period, or cash held \
                     against it."
                        .to_owned()
                } else {
                    "No cyber policy is in force: the whole loss would fall on the company.".to_owned()
                },
            ));
        }
    }
    let unknown = card.completion.unknown;
    if unknown > 0 {
        out.push((
            format!(
                "Ask management to establish the facts behind the {} nobody could answer.",
                format::count(unknown, "question", "questions")
            ),
            "What nobody knows cannot be relied on in a crisis; each is scored as missing until proven."
                .to_owned(),
        ));
    }
    let spofs = data.dependencies.single_points_of_failure.len();
    if spofs > 0 {
        out.push((
            format!(
                "Require a tested recovery plan for the {} that would stop production on {}.",
                format::count(spofs, "single point of failure", "single points of failure"),
                if spofs == 1 { "its own" } else { "their own" }
            ),
            if data.sections.includes(OptionalSection::Dependencies) {
                "The dependencies section lists them, with what stops when each fails.".to_owned()
            } else {
                "Each needs a way to keep production going, or to restore it, that has been tried."
                    .to_owned()
            },
        ));
    }
    out.push((
        "Set a date to review progress against this report.".to_owned(),
        "A reassessment after the first tier is complete shows whether the exposure has fallen."
            .to_owned(),
    ));
    out
}

/// The sign-off page: who prepared, reviewed and approved the report for
/// issue, and who received it for the board, with room to sign.
pub(crate) fn sign_off(out: &mut Sections, data: &ReportData<'_>, author: &str, theme: &Theme) {
    let a = data.assessment;
    out.section("Sign-off");
    out.lead(
        format!(
            "Version {} ({}). The report is issued when the reviewer and the approver have signed; a \
             draft or a version in review is for comment only.",
            version(data),
            status_words(a.status).to_lowercase()
        ),
        theme.muted,
    );
    let reviewer = data
        .control
        .reviewer
        .clone()
        .filter(|r| !r.trim().is_empty())
        .unwrap_or_default();
    let rows = [
        ("Prepared by", author.to_owned()),
        ("Reviewed by", reviewer),
        ("Approved for issue", String::new()),
        (
            "Received for the board",
            format!("On behalf of the board of {}", a.organisation.name),
        ),
    ];
    let mut table = Table::new(vec![
        Column::new("Role", 1.8),
        Column::new("Name", 3.0),
        Column::new("Signature", 2.0),
        Column::new("Date", 1.2),
    ]);
    for (role, name) in rows {
        table.rows.push(vec![
            Cell::from(Span::bold(role)),
            Cell::from(format!("{name}\n\n")),
            Cell::from(""),
            Cell::from(""),
        ]);
    }
    out.push(Block::KeepTogether(vec![table.into()]));
}
