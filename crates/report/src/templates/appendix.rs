//! The closing pages: scope, evidence basis, how the scores are computed
//! (from `docs/METHOD.md`, with this bank's figures), limitations and
//! reliance in the consultancy's voice; the glossary; then appendix A, every question of the bank
//! with its answer (level and descriptor, choice label, number with unit,
//! unknown, or not applicable with its justification) and follow-up flag
//! (the notes themselves are printed once, with the domain's findings).
//!
//! Invariant: the appendix lists every question of the bank, answered or
//! not, in bank order, so a reader can check any figure against its answer.

use ironbridge_core::assessment::Mode;
use ironbridge_core::bank::Domain;
use ironbridge_core::frameworks::{Catalogue, Framework};

use crate::layout::blocks::{Block, Cell, Column, HeadingLevel, Table};
use crate::layout::text::Span;
use crate::style::{Align, Theme};
use crate::templates::format;
use crate::templates::{OptionalSection, ReportData, Sections, bounds};

/// Writes the method section: scope, evidence basis, how the scores are
/// computed, limitations and reliance.
pub(crate) fn method(out: &mut Sections, data: &ReportData<'_>, theme: &Theme, consultant: &str) {
    let bank = data.bank;
    let a = data.assessment;
    let client = a.organisation.name.as_str();
    out.section("Scope, method and limitations");
    out.lead(
        "We assessed how well the organisation would withstand and recover from a serious cyber attack: one \
         that stops production for weeks, as the 2025 attack on Jaguar Land Rover did. We asked what a board, \
         an insurer and an auditor ask after such an attack: would the insurance pay, which systems and \
         providers could stop the plants, and who outside the company holds the keys?",
        theme.muted,
    );

    out.subsection("Scope");
    let registers = &a.registers;
    out.text(&format!(
        "The assessment covers {client} as a whole: {} areas{}, the {} \
         critical systems and {} providers recorded in its registers, and its cyber insurance as answered. It \
         did not include technical testing: no penetration test, vulnerability scan or configuration review \
         was carried out, and no system was restored to prove a recovery time.",
        bank.domains.len(),
        if data.sections.includes(OptionalSection::Findings) {
            " (the domains of the findings)"
        } else {
            " of resilience and insurance"
        },
        registers.systems.len(),
        registers.providers.len()
    ));

    out.subsection("Evidence basis");
    let how = match a.mode {
        Mode::Workshop => {
            "in a facilitated workshop, where the assessor set each answer against the bank's \
                           descriptors of what can be observed"
        }
        Mode::SelfAssessment => {
            "by the organisation itself, as a self-assessment the assessor then reviewed"
        }
    };
    let follow_ups = a.answers.iter().filter(|r| r.follow_up).count();
    let mut when = format!("from {}", format::naive_date(a.started_on));
    if let Some(done) = a.completed_on {
        when.push_str(&format!(" to {}", format::naive_date(done)));
    }
    let who = if data.sections.includes(OptionalSection::Answers) {
        "the people named in appendix A"
    } else {
        "the client's staff who took part"
    };
    out.text(&format!(
        "The answers were given {how}, {when}, by {who}. Where a document or a \
         screen was seen, the note against the answer says so; {} still await evidence and are marked \
         \u{201c}follow up\u{201d}. An answer nobody present could give is recorded as unknown and scored as \
         the lowest level: what nobody knows cannot be relied on in a crisis.",
        format::count(follow_ups, "answer", "answers")
    ));

    out.subsection("How the scores are computed");
    let n_questions = bank.questions().count();
    let n_scored = bank.questions().filter(|q| q.is_scored()).count();
    out.text(&format!(
        "The questions come from {} version {}: {} questions, of which {} are scored; the others record facts \
         (limits, waiting periods, recovery times) for the money-at-risk estimate. Each scored question is \
         answered on five levels, 0 to 4, each described by what an assessor can observe, so that two \
         assessors choose the same level. The scored questions cite the controls they bear on in {}.",
        bank.title,
        bank.version,
        n_questions,
        n_scored,
        format::join_and(&cited_frameworks(data))
    ));
    if let Some(rule) = bank.level_rule.as_deref() {
        out.text(&format!(
            "Where only some of a level's conditions hold, the rule is stated in the bank: {rule}"
        ));
    }
    let mut table = Table::new(vec![
        Column::new("Domain", 4.8),
        Column::new("Weight", 0.9).align(Align::Right),
        Column::new("Scored questions", 1.4).align(Align::Right),
    ]);
    for domain in &bank.domains {
        table.rows.push(vec![
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
    let mut bullets = vec![
        vec![
            Span::bold("Question score: "),
            Span::regular("the level as a share of the top level (level 2 of 4 scores 50)."),
        ],
        vec![
            Span::bold("Domain score: "),
            Span::regular(
                "the average of its answered, applicable questions, the important ones counting double and \
                 the essential ones triple.",
            ),
        ],
        vec![
            Span::bold("Ceilings for critical controls: "),
            Span::regular(
                "where a control without which an attack becomes weeks of lost production is missing, the \
                 domain's score cannot rise above a ceiling, whatever else is in place. The report mentions a \
                 ceiling only where it lowers the score.",
            ),
        ],
    ];
    bullets.extend(index_bullets(data));
    out.push(Block::Bullets(bullets));
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
        "Each question has a target level; this assessment uses the {profile} profile. A question below its \
         target is a gap. Gaps are ranked by how far they fall short, the question's weight and how critical \
         the control is; a missing critical control always comes in the first tier, the gaps to close now. Each gap \
         carries the recommended step for every level between where it stands and its target."
    ));
    out.text(
        "The same answers always give the same scores, raising any answer never lowers any score, and marking \
         a question not applicable only removes it from the average. We have checked these properties \
         against a large number of generated assessments.",
    );

    out.subsection("Limitations");
    out.push(Block::bullets(limitations(data)));

    out.subsection("Reliance");
    let firm = if consultant.trim().is_empty() {
        "the assessor".to_owned()
    } else {
        consultant.to_owned()
    };
    out.text(&format!(
        "This report was prepared for the board of {client} to inform its decisions on cyber resilience and \
         insurance. It may be shared with the company's insurers, broker and auditors to that end, but no \
         other party may rely on it, and {firm} accepts no responsibility to anyone else for its contents. A \
         version marked draft or in review is for comment and must not be relied on until it is issued as \
         final."
    ));
}

/// The limitations, each only where its section is in the report.
fn limitations(data: &ReportData<'_>) -> Vec<String> {
    let has = |section| data.sections.includes(section);
    let mut out = vec![
        "The findings describe the position when the answers were given. Controls change; the report \
         should be refreshed after significant change and at least once a year."
            .to_owned(),
        "Answers are the participants' account, checked against evidence where the notes say so. We did \
         not test controls technically, and an answer given in good faith may still be wrong."
            .to_owned(),
    ];
    if has(OptionalSection::MoneyAtRisk) {
        out.push(format!(
            "The money at risk is a scenario built on stated assumptions ({}), not a prediction or an \
             actuarial valuation. It does not replace the insurer's or the broker's reading of the policy \
             wording.",
            if has(OptionalSection::Answers) {
                "appendix A and the exposure method"
            } else {
                "set out in the money-at-risk section"
            }
        ));
    }
    if has(OptionalSection::Frameworks) {
        out.push(
            "The mapping to NIST CSF and the NCSC CAF shows where the questions touch those frameworks; it is \
             not a certification or an audit against them."
                .to_owned(),
        );
    }
    out
}

/// Writes the glossary.
pub(crate) fn glossary(out: &mut Sections, data: &ReportData<'_>, theme: &Theme) {
    out.section("Glossary");
    out.lead("The terms this report uses, in plain words.", theme.muted);
    let terms: [(&str, &str); 18] = [
        (
            "Resilience index",
            "One score from 0 to 100 for the whole organisation: the weighted average of the scores of the domains that measure resilience.",
        ),
        (
            "Domain",
            "One area of resilience, such as backup and recovery or identity and access.",
        ),
        (
            "Maturity level",
            "How far a control has come, from 0 (absent) to 4 (in place, tested and improved).",
        ),
        (
            "Target profile",
            "The level each question should reach for an organisation of this kind.",
        ),
        ("Gap", "A question whose level is below its target."),
        (
            "Critical control",
            "A control without which an attack turns into weeks of lost production.",
        ),
        (
            "Ceiling",
            "The most a domain can score while one of its critical controls is missing.",
        ),
        (
            "Roadmap tiers",
            "Now, next and later: the order in which to close the gaps.",
        ),
        (
            "Single point of failure",
            "A system or provider whose loss alone stops production.",
        ),
        (
            "Gross loss",
            "What a production halt costs before any insurance: lost gross profit, extra costs, response and recovery.",
        ),
        (
            "Insured recovery",
            "What a cyber policy would pay towards the gross loss, after its limits, waiting period and retention.",
        ),
        (
            "Uninsured loss",
            "The part of the gross loss that stays with the company.",
        ),
        (
            "Business-interruption sublimit",
            "The most the policy pays for lost profit and extra costs, within its overall limit.",
        ),
        (
            "Waiting period",
            "The hours of a halt the policy does not pay for before its business-interruption cover starts.",
        ),
        (
            "Retention",
            "The amount the company bears itself on each claim, like an excess.",
        ),
        (
            "Dependent business interruption",
            "Cover for a halt caused by an incident at a provider rather than at the company.",
        ),
        (
            "1 in 10, 1 in 100",
            "Of many simulated incidents, the loss exceeded in one in ten (or one in a hundred).",
        ),
        (
            "Days of cash",
            "The uninsured loss expressed in days of the company's operating costs.",
        ),
    ];
    let mut table = Table::new(vec![Column::new("Term", 2.0), Column::new("Meaning", 5.6)]);
    let card = &data.scorecard;
    let extra = [
        (
            !data.bank.gates.is_empty(),
            "Critical-failure gate",
            "The most the resilience index can be while one critical control is below the level it needs.",
        ),
        (
            bounds::has_risk_transfer(card),
            "Risk transfer",
            "Insurance, scored apart from the resilience index: it pays for part of a loss, it prevents none.",
        ),
        (
            !card.waivers.is_empty(),
            "Risk accepted",
            "A critical question marked not applicable with a justification: the limit it would set is not \
             applied, and the board carries the risk knowingly.",
        ),
    ];
    let extra = extra
        .into_iter()
        .filter(|(shown, _, _)| *shown)
        .map(|(_, term, meaning)| (term, meaning));
    for (term, meaning) in terms.into_iter().chain(extra) {
        table
            .rows
            .push(vec![Cell::from(Span::bold(term)), Cell::from(meaning)]);
    }
    out.table(table);
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
            "Every question of the bank in report order, with the answer given and whether it needs following \
             up; the notes taken are printed with each domain's findings. Assessment {when}; \
             participants: {}.{}",
            people.join("; "),
            simulation_settings(data)
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
        Column::new("Question and answer", 5.9),
        Column::new("Note", 1.4),
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
        // Notes are printed once, in full, with the domain's findings.
        let mut note = Vec::new();
        if record.is_some_and(|r| r.follow_up) {
            note.push(Span::bold("Follow up").with_colour(theme.accent));
        }
        if record.is_some_and(|r| !r.note.trim().is_empty()) {
            if !note.is_empty() {
                note.push(Span::regular("\n"));
            }
            note.push(Span::regular("Note with the findings").with_colour(theme.muted));
        }
        table.rows.push(vec![
            Cell::from(Span::regular(question.id.to_string()).with_colour(theme.muted)),
            Cell::new(cell),
            Cell::new(note),
        ]);
    }
    out.push(table);
}

/// The simulation's settings, for anyone reproducing its figures.
fn simulation_settings(data: &ReportData<'_>) -> String {
    data.exposure.as_ref().map_or_else(
        |_| String::new(),
        |e| {
            format!(
                " The money-at-risk simulation drew {} incidents from seed {}; the same seed and answers give \
                 the same figures.",
                e.simulation.draws, e.simulation.seed
            )
        },
    )
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

/// The frameworks the bank's questions cite, by their short names
/// ("NIST Cybersecurity Framework 2.0", "NCSC Cyber Assessment Framework
/// 4.0"), in the bank's order.
fn cited_frameworks(data: &ReportData<'_>) -> Vec<String> {
    let catalogue = Catalogue::shipped();
    data.bank
        .frameworks
        .iter()
        .filter_map(|id| catalogue.select(&[id]).frameworks().next().map(short_name))
        .collect()
}

/// A framework's name up to its subtitle, with the edition's number when the
/// name has none.
fn short_name(framework: &Framework) -> String {
    let name = framework.name.as_str();
    let cut = [": ", " ("]
        .iter()
        .filter_map(|sep| name.find(sep))
        .min()
        .unwrap_or(name.len());
    let short = &name[..cut];
    if short.chars().any(|c| c.is_ascii_digit()) {
        return short.to_owned();
    }
    let number = framework
        .edition
        .split_whitespace()
        .find(|token| token.chars().any(|c| c.is_ascii_digit()))
        .map(|token| {
            token
                .trim_start_matches(['v', 'V'])
                .trim_end_matches([',', ';'])
        });
    match number {
        Some(number) => format!("{short} {number}"),
        None => short.to_owned(),
    }
}

/// How the index is formed and bounded, and what "not applicable" does, as
/// the bank scores them (gates and risk transfer only where it has them).
fn index_bullets(data: &ReportData<'_>) -> Vec<Vec<Span>> {
    let bank = data.bank;
    let apart = bounds::has_risk_transfer(&data.scorecard);
    let mut out = vec![vec![
        Span::bold("Resilience index: "),
        Span::regular(if apart {
            "the weighted average of the resilience domains' scores, always shown beside the weakest domain: \
             resilience is a chain."
        } else {
            "the weighted average of the domain scores, always shown beside the weakest domain: resilience is \
             a chain."
        }),
    ]];
    if let Some(lowest) = bank
        .gates
        .iter()
        .map(|g| g.max_index)
        .min_by(f64::total_cmp)
    {
        out.push(vec![
            Span::bold("Critical-failure gates: "),
            Span::regular(format!(
                "{} critical controls also bound the index itself: while any is below the level it needs, the \
                 index cannot exceed its limit (the lowest is {lowest:.0}), however good the rest. An \
                 unanswered gate question makes the index provisional.",
                bank.gates.len()
            )),
        ]);
    }
    if apart {
        out.push(vec![
            Span::bold("Risk transfer: "),
            Span::regular(
                "insurance is scored on its own, beside the index and never inside it: a policy pays for part \
                 of a loss, it does not prevent one.",
            ),
        ]);
    }
    out.push(vec![
        Span::bold("Not applicable "),
        Span::regular(
            "answers are left out of the average and need a justification. On a critical question, or one \
             behind a ceiling or gate, the justification is reported as a risk accepted; without one, the \
             ceiling or gate still applies.",
        ),
    ]);
    out
}
