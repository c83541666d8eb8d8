//! The cover: the consultancy's mark, the client, the resilience index as one
//! big number with the weakest domain beside it, who prepared the report,
//! when, against which bank, where the audit log stood (a stored
//! assessment), and the confidentiality marking.
//!
//! Invariant: the cover is exactly one page (it has no running header or
//! footer); everything on it is short, so it never spills.

use chrono::{DateTime, Utc};

use crate::document::Document;
use crate::layout::blocks::{Block, ImageBlock, Paragraph};
use crate::layout::text::Span;
use crate::style::Align;
use crate::templates::format::{self, band_colour};
use crate::templates::front::{status_words, version};
use crate::templates::{ReportData, Sections, confidentiality};

/// Writes the cover page.
pub(crate) fn cover(
    out: &mut Sections,
    data: &ReportData<'_>,
    doc: &Document,
    date: DateTime<Utc>,
) {
    let theme = &doc.theme;
    let assessment = data.assessment;
    let card = &data.scorecard;
    // Long names are cut here so the cover stays one page; document control
    // and the body give them in full.
    let full_name = assessment.organisation.name.trim();
    let (client, name_size) = if full_name.chars().count() <= 36 {
        (full_name.to_owned(), 28.0)
    } else {
        (format::cut(full_name, 64), 21.0)
    };
    let client = client.as_str();
    match &doc.branding.logo {
        Some(logo) => out.push(Block::Image(ImageBlock {
            image: logo.image().clone(),
            width: 130.0,
            align: Align::Left,
        })),
        None if !doc.branding.consultant.trim().is_empty() => out.push(
            Paragraph::new(vec![Span::bold(doc.branding.consultant.clone())])
                .size(12.0)
                .colour(theme.accent)
                .space_after(0.0),
        ),
        None => {}
    }
    out.push(Block::Spacer(96.0));
    out.push(
        Paragraph::new(vec![Span::bold("CYBER RESILIENCE ASSESSMENT")])
            .size(9.0)
            .colour(theme.accent)
            .space_after(10.0),
    );
    out.push(
        Paragraph::new(vec![Span::bold(client)])
            .size(name_size)
            .colour(theme.heading)
            .space_after(8.0),
    );
    let mut subtitle = assessment.title.clone();
    if !assessment.organisation.sector.trim().is_empty() {
        subtitle.push_str(" \u{00b7} ");
        subtitle.push_str(&assessment.organisation.sector);
    }
    out.push(
        Paragraph::new(vec![Span::regular(format::cut(&subtitle, 200))])
            .size(11.5)
            .colour(theme.muted)
            .space_after(0.0),
    );
    out.push(Block::Spacer(40.0));

    // The index, big, with the weakest domain beside it in words.
    let weakest = card
        .weakest_domain
        .as_ref()
        .and_then(|code| card.domain(code.as_str()));
    out.push(
        Paragraph::new(vec![
            Span::bold(format::score(card.index)).with_colour(band_colour(card.index, theme)),
            Span::regular(" / 100").with_colour(theme.muted),
        ])
        .size(54.0)
        .space_after(0.0),
    );
    let mut line = vec![Span::bold("Resilience index").with_colour(theme.heading)];
    match weakest {
        Some(domain) => {
            line.push(Span::regular(" \u{2014} weakest domain: "));
            line.push(Span::bold(format!(
                "{} ({})",
                format::cut(&domain.name, 60),
                format::score(domain.score)
            )));
        }
        None => line.push(Span::regular(" \u{2014} no scored answer yet")),
    }
    out.push(
        Paragraph::new(line)
            .size(11.0)
            .colour(theme.text)
            .space_after(0.0),
    );
    out.push(Block::Spacer(44.0));

    // Who, when, against what.
    let assessor = &assessment.assessor;
    let mut by = format::cut(&assessor.name, 60);
    if !assessor.role.trim().is_empty() {
        by.push_str(", ");
        by.push_str(&format::cut(&assessor.role, 60));
    }
    let firm = assessor
        .organisation
        .clone()
        .filter(|f| !f.trim().is_empty())
        .unwrap_or_else(|| doc.branding.consultant.clone());
    let profile = data
        .bank
        .profile(&card.target_profile)
        .map_or(card.target_profile.clone(), |p| p.name.clone());
    let rows: Vec<(&str, String)> = vec![
        ("Prepared for", client.to_owned()),
        (
            "Prepared by",
            if firm.trim().is_empty() {
                by
            } else {
                format!("{by} \u{00b7} {}", format::cut(&firm, 60))
            },
        ),
        ("Date", format::long_date(date)),
        (
            "Status",
            format!(
                "{} \u{00b7} version {}",
                status_words(assessment.status),
                version(data)
            ),
        ),
        (
            "Method",
            format!(
                "{} {} \u{00b7} {} target profile",
                format::cut(&data.bank.title, 60),
                data.bank.version,
                format::cut(&profile, 40)
            ),
        ),
    ];
    let rows = rows.into_iter().chain(data.audit.as_ref().map(|stamp| {
        let short: String = stamp.hash.chars().take(16).collect();
        (
            "Audit record",
            format!(
                "Entry {} of the assessment's audit log \u{00b7} head {short}",
                stamp.entry
            ),
        )
    }));
    for (label, value) in rows {
        out.push(
            Paragraph::new(vec![Span::bold(label.to_uppercase())])
                .size(7.2)
                .colour(theme.muted)
                .space_after(1.0),
        );
        out.push(
            Paragraph::new(vec![Span::regular(value)])
                .size(10.0)
                .colour(theme.heading)
                .space_after(9.0),
        );
    }
    out.push(Block::Spacer(8.0));
    out.push(Block::Rule);
    out.push(
        Paragraph::new(vec![Span::bold(confidentiality(client))])
            .size(8.6)
            .colour(theme.accent)
            .space_after(2.0),
    );
    out.push(
        Paragraph::new(vec![Span::regular(
            "This report describes weaknesses in the organisation's defences. Share it only with the board, \
             its insurers and its auditors, and store it as the organisation's most sensitive documents are stored.",
        )])
        .size(7.8)
        .colour(theme.muted),
    );
}
