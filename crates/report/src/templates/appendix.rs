//! The closing pages: how the scores are computed (from `docs/METHOD.md`,
//! with this bank's figures), then appendix A, every question of the bank
//! with its answer (level and descriptor, choice label, number with unit,
//! unknown, or not applicable with its justification), note and follow-up
//! flag.
//!
//! Invariant: the appendix lists every question of the bank, answered or
//! not, in bank order, so a reader can check any figure against its answer.

use ironbridge_core::bank::Domain;

use crate::layout::blocks::{Block, Cell, Column, HeadingLevel, Table};
use crate::layout::text::Span;
use crate::style::{Align, Theme};
use crate::templates::format;
use crate::templates::{ReportData, Sections};

/// Writes the method section.
pub(crate) fn method(out: &mut Sections, data: &ReportData<'_>, theme: &Theme) {
    let bank = data.bank;
    out.section("How the scores are computed");
    out.lead(
        "The method measures how well a manufacturer would withstand and recover from a serious cyber \
         attack: one that stops production for weeks, as the 2025 attack on Jaguar Land Rover did. It asks \
         what a board, an insurer and an auditor ask after such an attack: would the insurance pay, which \
         systems and providers could stop the plants, and who outside the company holds the keys?",
        theme.muted,
    );

    out.subsection("The question bank");
    let n_questions = bank.questions().count();
    let n_scored = bank.questions().filter(|q| q.is_scored()).count();
    out.text(&format!(
        "{} version {}: {} domains, {} questions of which {} are scored; the others record facts (limits, \
         waiting periods, recovery times) for the money-at-risk estimate. Maturity questions are answered on \
         five levels, 0 to 4, each with a descriptor of what an assessor can observe, so that two assessors \
         choose the same level. Every scored question cites controls of at least two of NIST CSF 2.0, NCSC \
         CAF 3.2, ISO/IEC 27001:2022 Annex A and IEC 62443-3-3.",
        bank.title,
        bank.version,
        bank.domains.len(),
        n_questions,
        n_scored
    ));
    let mut table = Table::new(vec![
        Column::new("Code", 0.8),
        Column::new("Domain", 4.0),
        Column::new("Weight", 0.9).align(Align::Right),
        Column::new("Scored questions", 1.4).align(Align::Right),
    ]);
    for domain in &bank.domains {
        table.rows.push(vec![
            Cell::from(Span::regular(domain.code.to_string()).with_colour(theme.muted)),
            Cell::from(domain.name.clone()),
            Cell::from(format::number(domain.weight)),
            Cell::from(
                domain
                    .questions
                    .iter()
                    .filter(|q| q.is_scored())
                    .count()
                    .to_string(),
            ),
        ]);
    }
    out.table(table);

    out.subsection("Scores");
    out.push(Block::Bullets(vec![
        vec![
            Span::bold("Question score "),
            Span::regular("= level ÷ 4 × 100."),
        ],
        vec![
            Span::bold("Domain score "),
            Span::regular(
                "= weighted mean of the domain's answered, applicable questions (weight 1 normal, 2 important, \
                 3 essential).",
            ),
        ],
        vec![
            Span::bold("Caps. "),
            Span::regular(
                "Where a critical control is missing, a rule caps the domain's score whatever else is in \
                 place. Every capped score is shown with its cap and reason.",
            ),
        ],
        vec![
            Span::bold("Resilience index "),
            Span::regular(
                "= weighted mean of the domain scores. The weakest domain is always shown beside it: \
                 resilience is a chain.",
            ),
        ],
        vec![
            Span::bold("Unknown "),
            Span::regular(
                "answers score as level 0 and are reported as uncertainty: what nobody knows cannot be relied \
                 on in a crisis. ",
            ),
            Span::bold("Not applicable "),
            Span::regular("answers need a justification and leave the denominator."),
        ],
    ]));

    out.subsection("Gaps and the roadmap");
    let profile = bank.profile(&data.scorecard.target_profile).map_or(
        data.scorecard.target_profile.clone(),
        |p| {
            format!(
                "{} ({})",
                p.name.to_lowercase(),
                lower_first(p.description.trim_end_matches('.'))
            )
        },
    );
    out.text(&format!(
        "Each question has a target level per profile; this assessment uses the {profile} profile. A gap is \
         target − level; its priority is weight × shortfall × criticality (standard ×1, high ×2, critical ×3). \
         Gaps that fire a cap, or whose priority is {} or more, go on the roadmap under now; {} or more under \
         next; the rest under later. Each gap carries the bank's recommendation for every step from the current \
         level to the target.",
        format::number(bank.horizons.now),
        format::number(bank.horizons.next)
    ));

    out.subsection("Guarantees");
    out.text(
        "Scoring is a pure function of the bank and the answers: the same inputs give the same scores on every \
         run. Raising any answer never lowers any score. Marking a question not applicable changes scores only \
         by removing it from the denominator. These hold as property tests over random answers.",
    );
}

/// Writes appendix A: every question and its answer.
pub(crate) fn answers(out: &mut Sections, data: &ReportData<'_>, theme: &Theme) {
    out.push(Block::PageBreak);
    out.push(Block::heading(
        HeadingLevel::H1,
        "Appendix A\u{2003}Every answer",
    ));
    let a = data.assessment;
    let mut people: Vec<String> = a
        .participants
        .iter()
        .map(|p| {
            if p.role.trim().is_empty() {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, p.role)
            }
        })
        .collect();
    if people.is_empty() {
        people.push("no participant recorded".to_owned());
    }
    let mut when = format!("started {}", format::naive_date(a.started_on));
    if let Some(done) = a.completed_on {
        when.push_str(&format!(", completed {}", format::naive_date(done)));
    }
    out.lead(
        format!(
            "Every question of the bank in report order, with the answer given, the note taken and whether it \
             needs following up. Assessment {when}; participants: {}.",
            people.join("; ")
        ),
        theme.muted,
    );
    for domain in &data.bank.domains {
        domain_answers(out, data, theme, domain);
    }
}

fn domain_answers(out: &mut Sections, data: &ReportData<'_>, theme: &Theme, domain: &Domain) {
    out.subsection(format!("{} \u{00b7} {}", domain.code, domain.name));
    let mut table = Table::new(vec![
        Column::new("ID", 0.8),
        Column::new("Question and answer", 4.3),
        Column::new("Note", 3.2),
    ]);
    for question in &domain.questions {
        let record = data.assessment.answer(&question.id);
        let response = record.and_then(|r| r.response.as_ref());
        let answer = format::answer(question, response, data.assessment);
        let mut cell = vec![Span::bold(question.title.clone())];
        if !question.is_scored() {
            cell.push(Span::regular("  fact, not scored").with_colour(theme.muted));
        }
        cell.push(if response.is_none() {
            Span::regular(format!("\n{answer}")).with_colour(theme.muted)
        } else {
            Span::regular(format!("\n{answer}"))
        });
        let mut note = Vec::new();
        if record.is_some_and(|r| r.follow_up) {
            note.push(Span::bold("Follow up").with_colour(theme.accent));
        }
        if let Some(text) = record.map(|r| r.note.trim()).filter(|t| !t.is_empty()) {
            if !note.is_empty() {
                note.push(Span::regular("\n"));
            }
            note.push(Span::regular(text.to_owned()));
        }
        table.rows.push(vec![
            Cell::from(Span::regular(question.id.to_string()).with_colour(theme.muted)),
            Cell::new(cell),
            Cell::new(note),
        ]);
    }
    out.push(table);
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}
