//! "Money at risk" and "Dependencies and single points of failure": the
//! exposure model's scenario table, simulated percentiles, the policy's
//! terms and the flags that may defeat a claim; then the single points of
//! failure, provider concentration and the dependency findings.
//!
//! Invariant: every amount is formatted with the narrative's money format in
//! the assessment's currency, and both sections say plainly that the figures
//! are a scenario, not a prediction. When the model cannot run (no revenue,
//! an empty register) the section still appears and says why.

mod broker;
mod dependency_map;
pub(crate) mod money_charts;
mod readiness;

use ironbridge_core::dependencies::{Finding, FindingKind, Severity, SubjectKind};
use ironbridge_core::exposure::{Exposure, RestoreBasis, ScenarioRow};

use crate::layout::blocks::{Block, Callout, Cell, Column, HeadingLevel, Table};
use crate::layout::text::Span;
use crate::style::{Align, Colour, Theme};
use crate::templates::format::{self, AMBER, RED};
use crate::templates::plain;
use crate::templates::{ReportData, Sections};

pub(crate) use money_charts::{days_set_by_hand, outage_words};

/// Writes the money-at-risk section.
pub(crate) fn money_at_risk(out: &mut Sections, data: &ReportData<'_>, theme: &Theme) {
    out.section("Money at risk");
    let exposure = match &data.exposure {
        Ok(exposure) => exposure,
        Err(error) => {
            out.lead(
                "This section puts money on a production halt: the daily loss, the time to restore, what the \
                 cyber policy would pay and what would stay with the company, as a scenario table and a \
                 simulation of many incidents.",
                theme.muted,
            );
            out.push(Block::callout(format!(
                "The estimate cannot be made from this assessment yet: {error}. Complete the organisation \
                 profile (annual revenue, operating days, operating profit, cash) and the insurance questions."
            )));
            return;
        }
    };
    let a = data.assessment;
    out.push(Block::Callout(Callout {
        spans: vec![Span::regular(money_headline(exposure, data))],
    }));
    let b = &exposure.basis;
    out.text(&format!(
        "A full stop of production loses about {} a day ({} a week): the gross profit forgone and the fixed \
         costs that keep running, plus the increased cost of working. Incident response adds about {} once, \
         and recovery work {} for each day of the outage.",
        format::money_brief(b.daily_loss, a),
        format::money_brief(b.weekly_loss, a),
        format::money_brief(b.response_costs, a),
        format::money_brief(b.recovery_cost_per_day, a),
    ));
    waterfall(out, exposure, data, theme);
    restore(out, exposure);

    out.subsection("Scenarios");
    let mut table = Table::new(vec![
        Column::new("Scenario", 3.2),
        Column::new("Gross loss", 1.55).align(Align::Right),
        Column::new("Insured", 1.55).align(Align::Right),
        Column::new("Uninsured", 1.55).align(Align::Right),
        Column::new("Days of cash", 1.2).align(Align::Right),
    ]);
    for row in &exposure.scenarios {
        table.rows.push(scenario_cells(row, data, false));
    }
    for outage in &exposure.provider_outages {
        table.rows.push(scenario_cells(&outage.row, data, true));
    }
    out.table(table);
    out.push(note(
        "Days of cash: the uninsured loss in days of the company's operating costs. Provider rows assume an \
         outage at that provider alone, paid only under dependent business-interruption cover.",
        theme,
    ));

    simulation(out, exposure, data, theme);

    policy(out, exposure, data, theme);
    broker::broker_questions(out, exposure, data, theme);
    readiness::underwriting_readiness(out, data, theme);
    if !exposure.flags.is_empty() {
        out.subsection("What may defeat or shrink a claim");
        out.push(Block::paragraph(
            "Each issue below is weighed on its own. Several can arise from the same incident and the amounts \
             at stake overlap, so they are not added together: none of them is a further loss on top of the \
             figures above.",
        ));
        let mut table = Table::new(vec![
            Column::new("Severity", 1.0),
            Column::new("Issue", 6.7),
        ]);
        for flag in &exposure.flags {
            let (title, explanation) = flag_text(flag, exposure, data);
            let mut spans = vec![
                Span::bold(format!("{}. ", title.trim_end_matches('.'))),
                Span::regular(explanation),
            ];
            if let Some(v) = flag.amount {
                spans.push(
                    Span::regular(format!(
                        "\nAt stake on its own: {}.",
                        format::money_brief(v, a)
                    ))
                    .with_colour(theme.muted),
                );
            }
            table
                .rows
                .push(vec![severity_cell(flag.severity), Cell::new(spans)]);
        }
        // Rows are long: the table may break between them rather than
        // leave its heading alone at the foot of a page.
        out.push(table);
    }
    out.push(note(
        "A scenario, not a prediction: every figure follows from the organisation profile, the registers, the \
         insurance answers and the model's published assumptions, each of which can be changed.",
        theme,
    ));
}

/// The simulation: its percentiles, reconciled with the headline estimate,
/// and the loss exceedance curve with the sentence that reads it.
fn simulation(out: &mut Sections, exposure: &Exposure, data: &ReportData<'_>, theme: &Theme) {
    let a = data.assessment;
    // The heading, its explanation and the table of percentiles read as one
    // unit, so they are kept on one page.
    let sim = &exposure.simulation;
    let intro = format!(
        "The estimate above is one incident. To show the range, {} incidents were simulated, their days to \
         restore, daily loss and response costs drawn from ranges around the most likely values and each \
         taken through the same policy terms. {}",
        group_digits(u64::from(sim.draws)),
        reconcile(exposure, data)
    );
    let mut table = Table::new(vec![
        Column::new("", 2.4),
        Column::new("Median", 1.4).align(Align::Right),
        Column::new("1 in 10", 1.6).align(Align::Right),
        Column::new("1 in 100", 1.6).align(Align::Right),
        Column::new("Mean", 1.4).align(Align::Right),
    ]);
    for (label, p) in [
        ("Gross loss", &sim.gross),
        ("Insured recovery", &sim.insured),
        ("Uninsured loss", &sim.uninsured),
    ] {
        table.rows.push(vec![
            Cell::from(Span::bold(label)),
            Cell::from(format::money_brief(p.p50, a)),
            Cell::from(format::money_brief(p.p90, a)),
            Cell::from(format::money_brief(p.p99, a)),
            Cell::from(format::money_brief(p.mean, a)),
        ]);
    }
    out.push(Block::KeepTogether(vec![
        Block::heading(HeadingLevel::H2, "Many incidents, simulated"),
        Block::paragraph(intro),
        table.into(),
    ]));
    out.push(Block::KeepTogether(vec![
        Block::chart(money_charts::exceedance_chart(exposure, a), 152.0),
        reading(&money_charts::exceedance_reading(exposure, a)),
    ]));
    out.push(note(
        "Each curve gives, for an amount on the bottom axis, the share of the simulated incidents that cost \
         more. It describes one incident once production has stopped, not how often an incident happens: the \
         model does not estimate the chance of an attack in a year.",
        theme,
    ));
    if let Some(p) = sim.probability_uninsured_exceeds_cash {
        out.text(&if p <= 0.0 {
            "In none of the simulated incidents does the uninsured loss exceed the cash available.".to_owned()
        } else if p < 0.01 {
            "In fewer than one simulated incident in a hundred does the uninsured loss exceed the cash available."
                .to_owned()
        } else {
            format!(
                "In {:.0}% of the simulated incidents the uninsured loss exceeds the cash available.",
                p * 100.0
            )
        });
    }
}

/// How long production would stop, system by system along the chain that
/// sets the length, in sentences rather than arithmetic.
fn restore(out: &mut Sections, exposure: &Exposure) {
    let r = &exposure.restore;
    if days_set_by_hand(exposure)
        && let Some(row) = exposure.scenarios.iter().find(|s| s.key == "custom")
    {
        out.text(&format!(
            "The figures in this section use an assumed outage of {} days, set by the assessor in place of \
             the estimated time to restore. For comparison, the registers alone give this estimate:",
            format::number(row.days.round()),
        ));
    }
    if r.defaulted || r.critical_path.is_empty() {
        out.text(&r.explanation);
        return;
    }
    out.text(&format!(
        "Production would restart after about {} days: about {} to find out what happened and make the \
         network safe, then these systems, each needing the one before, restored in turn:",
        format::number(r.days.round()),
        format::count(r.investigation_days.round() as usize, "day", "days")
    ));
    let items: Vec<Vec<Span>> = r
        .critical_path
        .iter()
        .filter_map(|id| r.systems.iter().find(|s| s.id == *id))
        .map(|system| {
            let days = format::count(system.restore_days.round() as usize, "day", "days");
            let why = match system.basis {
                RestoreBasis::TestedRto { hours, .. } => format!(
                    "its recovery objective of {} hours has been shown in a test; the estimate adds a margin \
                     for a real incident.",
                    format::number(hours)
                ),
                RestoreBasis::UntestedRto { hours, factor } => format!(
                    "its recovery objective of {} hours has never been tested, so the estimate allows {} \
                     times as long.",
                    format::number(hours),
                    format::number(factor)
                ),
                RestoreBasis::NoRto { .. } => {
                    "it has no recovery objective, so a rebuild is assumed.".to_owned()
                }
            };
            vec![
                Span::bold(format!("{}: ", system.name)),
                Span::regular(format!("{days}; {why}")),
            ]
        })
        .collect();
    out.push(Block::Bullets(items));
}

fn policy(out: &mut Sections, exposure: &Exposure, data: &ReportData<'_>, theme: &Theme) {
    let a = data.assessment;
    let t = &exposure.terms;
    out.subsection("The cyber policy as answered");
    if plain::policy_unknown(exposure) {
        out.push(Block::paragraph(
            "Nobody present could say whether a cyber policy is in force. Until that is confirmed the \
             estimate counts no insurance, so the tables above show every loss as uninsured; if a policy \
             exists, its terms should be recorded and the estimate run again.",
        ));
        return;
    }
    if !t.in_force {
        out.push(Block::paragraph(
            "No cyber policy is in force: every loss in the tables above stays with the company.",
        ));
        return;
    }
    let mut table = Table::new(vec![
        Column::new("Term", 2.4),
        Column::new("As answered", 4.6),
    ]);
    let rows = [
        ("Aggregate limit", format::money(t.aggregate_limit, a)),
        (
            "Business-interruption sublimit",
            format::money(t.bi_sublimit, a),
        ),
        (
            "Waiting period",
            format!("{} hours", format::number(t.waiting_period_hours)),
        ),
        ("Retention", format::money(t.retention, a)),
        (
            "Coinsurance",
            if t.coinsurance > 0.0 {
                format!(
                    "{}% of each covered loss",
                    format::number(t.coinsurance * 100.0)
                )
            } else {
                "None".to_owned()
            },
        ),
        (
            "Indemnity period",
            format!("{} days", format::number(t.indemnity_period_days)),
        ),
        (
            "Response and recovery costs",
            if t.costs_covered {
                "Covered"
            } else {
                "Not covered"
            }
            .to_owned(),
        ),
    ];
    for (term, value) in rows {
        table = table.row([Cell::from(term), Cell::from(value)]);
    }
    out.push(Block::KeepTogether(vec![table.into()]));
    if !t.gaps.is_empty() {
        out.push(note(
            &format!("Not answered, so assumed: {}.", t.gaps.join("; ")),
            theme,
        ));
    }
    term_values(out, exposure, data);
}

fn scenario_cells(row: &ScenarioRow, data: &ReportData<'_>, provider: bool) -> Vec<Cell> {
    let a = data.assessment;
    let label = if provider {
        Cell::new(vec![Span::regular(row.label.clone())])
    } else {
        Cell::new(vec![Span::bold(row.label.clone())])
    };
    vec![
        label,
        Cell::from(format::money_brief(row.gross_loss, a)),
        Cell::from(format::money_brief(row.insured_recovery, a)),
        Cell::from(Span::bold(format::money_brief(row.uninsured_loss, a))),
        Cell::from(format!("{:.0}", row.uninsured_days_of_cash)),
    ]
}

/// Writes the dependencies section.
pub(crate) fn dependencies(out: &mut Sections, data: &ReportData<'_>, theme: &Theme) {
    let analysis = &data.dependencies;
    out.section("Dependencies and single points of failure");
    out.lead(
        "Which systems and providers production cannot do without, how many critical systems one provider \
         can reach, and what a provider's compromise or outage would take down with it. From the registers \
         of critical systems and providers.",
        theme.muted,
    );
    if analysis.systems.is_empty() && analysis.providers.is_empty() {
        out.push(Block::callout(
            "The registers of critical systems and providers are empty, so no dependency can be traced. \
             Record the systems production needs (ERP, MES, identity, EDI…) and the providers that host or \
             administer them.",
        ));
        return;
    }

    if let Some(map) = dependency_map::map_block(analysis, theme) {
        out.push(map);
    }
    let names = SystemNames::new(data);
    out.subsection("Single points of failure");
    if analysis.single_points_of_failure.is_empty() {
        out.push(Block::paragraph(
            "No single system or provider stops production on its own.",
        ));
    } else {
        let mut table = Table::new(vec![
            Column::new("What fails", 2.0),
            Column::new("Why production stops", 3.2),
            Column::new("What stops with it", 2.4),
        ]);
        for spof in &analysis.single_points_of_failure {
            let kind = match spof.subject.kind {
                SubjectKind::System => "System",
                SubjectKind::Provider => "Provider",
            };
            let mut lost = Vec::new();
            if !spof.processes_lost.is_empty() {
                lost.push(Span::regular(spof.processes_lost.join(", ")));
            }
            let systems: Vec<String> = spof
                .systems_lost
                .iter()
                .filter(|id| **id != spof.subject.id)
                .map(|id| names.get(id))
                .collect();
            if !systems.is_empty() {
                let prefix = if lost.is_empty() { "" } else { "\n" };
                lost.push(
                    Span::regular(format!("{prefix}Systems: {}", systems.join(", ")))
                        .with_colour(theme.muted),
                );
            }
            table.rows.push(vec![
                Cell::new(vec![
                    Span::bold(spof.subject.name.clone()),
                    Span::regular(format!("\n{kind}")).with_colour(theme.muted),
                ]),
                Cell::from(sentence(&spof.reason)),
                Cell::new(lost),
            ]);
        }
        out.table(table);
    }

    if !analysis.providers.is_empty() {
        out.subsection("Provider concentration");
        let mut table = Table::new(vec![
            Column::new("Provider", 2.2),
            Column::new("Reaches", 1.0).align(Align::Right),
            Column::new("Share of production-stopping systems", 1.9).align(Align::Right),
            Column::new("A compromise would take down", 3.0),
        ]);
        for provider in &analysis.providers {
            let mut name = vec![Span::bold(provider.name.clone())];
            if provider.privileged_access {
                name.push(Span::regular("\nprivileged access").with_colour(theme.muted));
            }
            let down = if provider.compromise.systems.is_empty() {
                "\u{2014}".to_owned()
            } else {
                provider
                    .compromise
                    .systems
                    .iter()
                    .map(|id| names.get(id))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            table.rows.push(vec![
                Cell::new(name),
                Cell::from(format::count(provider.reaches.len(), "system", "systems")),
                Cell::from(format!(
                    "{:.0}%",
                    provider.share_of_production_stopping_systems * 100.0
                )),
                Cell::from(down),
            ]);
        }
        out.table(table);
    }

    // Single points of failure are in the table above; the other findings
    // are grouped by kind, so a weakness shared by several systems or
    // providers is read once.
    let others: Vec<&Finding> = analysis
        .findings
        .iter()
        .filter(|f| {
            !matches!(
                f.kind,
                FindingKind::SystemSinglePoint | FindingKind::ProviderSinglePoint
            )
        })
        .collect();
    if !others.is_empty() {
        out.subsection("Other findings");
        let mut table = Table::new(vec![
            Column::new("Severity", 1.0),
            Column::new("Finding", 3.9),
            Column::new("What to do", 2.7),
        ]);
        let mut seen = Vec::new();
        for finding in &others {
            if seen.contains(&finding.kind) {
                continue;
            }
            seen.push(finding.kind);
            let group: Vec<&&Finding> = others.iter().filter(|f| f.kind == finding.kind).collect();
            let severity = group
                .iter()
                .map(|f| f.severity)
                .min()
                .unwrap_or(finding.severity);
            let mut spans = Vec::new();
            if group.len() == 1 {
                spans.push(Span::bold(format!(
                    "{}. ",
                    finding.title.trim_end_matches('.')
                )));
                spans.push(Span::regular(finding.explanation.clone()));
            } else {
                // Each finding keeps its own explanation: they name
                // different systems and providers.
                for (i, f) in group.iter().enumerate() {
                    let prefix = if i == 0 { "" } else { "\n\n" };
                    spans.push(Span::bold(format!(
                        "{prefix}{}. ",
                        f.title.trim_end_matches('.')
                    )));
                    spans.push(Span::regular(f.explanation.clone()));
                }
            }
            table.rows.push(vec![
                severity_cell(severity),
                Cell::new(spans),
                Cell::from(finding.recommendation.clone()),
            ]);
        }
        out.table(table);
    }
}

/// Register ids to display names.
struct SystemNames<'a> {
    data: &'a ReportData<'a>,
}

impl<'a> SystemNames<'a> {
    fn new(data: &'a ReportData<'a>) -> Self {
        Self { data }
    }

    fn get(&self, id: &str) -> String {
        let registers = &self.data.assessment.registers;
        registers
            .systems
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.clone())
            .or_else(|| {
                registers
                    .providers
                    .iter()
                    .find(|p| p.id == id)
                    .map(|p| p.name.clone())
            })
            .unwrap_or_else(|| id.to_owned())
    }
}

/// The text with its first letter in capitals and a final full stop.
fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !out.is_empty() && !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// A severity in its colour.
fn severity_cell(severity: Severity) -> Cell {
    let colour: Colour = match severity {
        Severity::Critical => RED,
        Severity::High => AMBER,
        Severity::Medium | Severity::Low => Colour::rgb(0x55, 0x5d, 0x68),
    };
    Cell::from(Span::bold(severity.label()).with_colour(colour))
}

/// The text with its first letter in capitals.
fn plain_capital(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The sentence under a chart that says what it shows.
fn reading(text: &str) -> Block {
    crate::layout::blocks::Paragraph::new(vec![Span::bold(text)])
        .size(9.0)
        .space_after(4.0)
        .into()
}

/// The gross → insured → uninsured waterfall of the headline incident,
/// with the sentence that reads it.
fn waterfall(out: &mut Sections, exposure: &Exposure, data: &ReportData<'_>, theme: &Theme) {
    let a = data.assessment;
    let Some(row) = exposure.scenarios.iter().find(|s| s.key == "custom") else {
        return;
    };
    let unknown = plain::policy_unknown(exposure);
    let terms = &exposure.terms;
    out.push(Block::KeepTogether(vec![
        Block::heading(HeadingLevel::H2, "Where the loss of one incident goes"),
        Block::paragraph(format!(
            "For {}: the gross loss, what insurance would pay, and what stays with the company, \
             split by the policy term or gap that keeps each part with it.",
            outage_words(exposure, row.days)
        )),
        Block::chart(
            money_charts::waterfall_chart(row, terms, unknown, a),
            money_charts::waterfall_height(row, terms, unknown),
        ),
        reading(&money_charts::waterfall_reading(row, terms, unknown, a)),
        note(
            if exposure.term_values.is_empty() {
                "The parts are taken in the order the policy applies its terms. Where one term binds, easing \
                 another may recover less than its part."
            } else {
                "The parts are taken in the order the policy applies its terms. Where one term binds, easing \
                 another may recover less than its part: what improving each term alone would be worth is \
                 under the cyber policy below."
            },
            theme,
        ),
    ]));
}

/// What improving each policy term alone would take off the uninsured
/// loss of the headline incident: what the board can buy.
fn term_values(out: &mut Sections, exposure: &Exposure, data: &ReportData<'_>) {
    if exposure.term_values.is_empty() {
        return;
    }
    let a = data.assessment;
    let mut table = Table::new(vec![
        Column::new("If this one term were improved", 3.6),
        Column::new("Uninsured loss", 1.6).align(Align::Right),
        Column::new("Less by", 1.6).align(Align::Right),
    ]);
    for value in &exposure.term_values {
        table.rows.push(vec![
            Cell::from(value.label.clone()),
            Cell::from(format::money_brief(value.uninsured_if_improved, a)),
            Cell::from(Span::bold(format::money_brief(value.reduction, a))),
        ]);
    }
    out.push(Block::KeepTogether(vec![
        Block::heading(HeadingLevel::H3, "What a better term would be worth"),
        Block::paragraph(format!(
            "For the same incident of {} days, each term improved on its own, everything else as it is:",
            format::number(exposure.term_values[0].days.round())
        )),
        table.into(),
    ]));
}

/// One sentence reconciling the headline estimate with the simulated
/// median, so the two never look contradictory.
fn reconcile(exposure: &Exposure, data: &ReportData<'_>) -> String {
    let a = data.assessment;
    let m = |v: f64| format::money_brief(v, a);
    let Some(row) = exposure.scenarios.iter().find(|s| s.key == "custom") else {
        return String::new();
    };
    let point = row.uninsured_loss;
    let median = exposure.simulation.uninsured.p50;
    let why = if (median - point).abs() <= point.abs() * 0.05 {
        "the two agree to within 5%".to_owned()
    } else if median > point {
        "the median is higher because an outage overruns more often than it ends early, so the ranges \
         reach further up than down"
            .to_owned()
    } else {
        "the median is lower because the ranges reach further below the most likely values than above them"
            .to_owned()
    };
    format!(
        "The headline uninsured loss, {}, is one incident of {} days with every input at its most likely \
         value; the simulated median, {}, is the middle incident: {why}. Neither figure is wrong; the table \
         gives the range.",
        m(point),
        format::number(row.days.round()),
        m(median),
    )
}

/// Small muted text under a table.
pub(crate) fn note(text: &str, theme: &Theme) -> Block {
    crate::layout::blocks::Paragraph::new(vec![Span::regular(text)])
        .size(7.8)
        .colour(theme.muted)
        .into()
}

fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// The money at risk in two sentences, every amount rounded one way, an
/// unknown policy said to be unknown.
pub(crate) fn money_headline(exposure: &Exposure, data: &ReportData<'_>) -> String {
    let a = data.assessment;
    let m = |v: f64| format::money_brief(v, a);
    let Some(row) = exposure.scenarios.iter().find(|s| s.key == "custom") else {
        return exposure.headline.clone();
    };
    let paid = if plain::policy_unknown(exposure) {
        format!(
            "nobody could say whether a cyber policy is in force, so none is counted and all {} is shown \
             as uninsured",
            m(row.uninsured_loss)
        )
    } else if exposure.terms.in_force {
        format!(
            "the cyber policy would pay about {}, leaving {} uninsured",
            m(row.insured_recovery),
            m(row.uninsured_loss)
        )
    } else {
        format!(
            "with no cyber policy in force, all {} would stay with the company",
            m(row.uninsured_loss)
        )
    };
    let cash = match exposure.basis.cash_available {
        Some(c) if c > 0.0 => format!(
            " ({:.0}% of the {} of cash available)",
            row.uninsured_loss / c * 100.0,
            m(c)
        ),
        _ => String::new(),
    };
    format!(
        "{} would cost about {}; {}{}. In one incident in ten the uninsured loss would be more than {}.",
        plain_capital(&outage_words(exposure, row.days)),
        m(row.gross_loss),
        paid,
        cash,
        m(exposure.simulation.uninsured.p90)
    )
}

/// A flag's title and explanation; when nobody knew whether a policy is in
/// force, the "not in force" flag says that instead of stating it as fact.
fn flag_text(
    flag: &ironbridge_core::exposure::ExposureFlag,
    exposure: &Exposure,
    data: &ReportData<'_>,
) -> (String, String) {
    if flag.code == "policy.not_in_force" && plain::policy_unknown(exposure) {
        let five = exposure
            .scenarios
            .iter()
            .find(|s| s.key == "5_weeks")
            .map_or_else(String::new, |row| {
                format!(
                    " ({} for a five-week halt)",
                    format::money_brief(row.gross_loss, data.assessment)
                )
            });
        return (
            "Whether a cyber policy is in force is unknown".to_owned(),
            format!(
                "Nobody present could say whether the company holds a cyber policy. Until that is confirmed, \
                 the estimate counts no insurance: if there is none, the whole loss stays with the \
                 company{five}."
            ),
        );
    }
    if plain::policy_unknown(exposure) {
        let known = |text: &str| {
            text.replace("no policy in force", "no policy known to be in force")
                .replace(
                    "No cyber policy in force",
                    "No cyber policy known to be in force",
                )
        };
        return (known(&flag.title), known(&flag.explanation));
    }
    (flag.title.clone(), flag.explanation.clone())
}
