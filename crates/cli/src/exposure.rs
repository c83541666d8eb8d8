//! `ironbridge exposure FILE` and `ironbridge dependencies FILE`: the money
//! at risk and the dependency analysis of an assessment, as text for the
//! terminal or as JSON (format: docs/EXPOSURE.md). Glue only: the figures
//! come from `ironbridge_service::files`, over `core`'s exposure model and
//! dependency analysis. Written through [`crate::terminal`]; names from the
//! file stay on their line ([`one_line`]).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use ironbridge_core::assessment::Assessment;
use ironbridge_core::dependencies::{DependencyAnalysis, DependencyConfig, SubjectKind};
use ironbridge_core::exposure::{Exposure, money, money_short};
use ironbridge_service::files::{self, Input};

use crate::terminal::{Output, line as one_line};

/// The longest custom scenario, in days (ten years), as `core` checks it.
const MAX_DAYS: f64 = 3650.0;

/// Options of `ironbridge exposure`.
#[derive(Debug)]
pub struct ExposureOptions {
    /// Print JSON.
    pub json: bool,
    /// Seed of the simulation.
    pub seed: Option<u64>,
    /// Length of the custom scenario, days.
    pub days: Option<f64>,
    /// A JSON file of assumption overrides.
    pub assumptions: Option<PathBuf>,
}

/// Runs `ironbridge exposure`.
pub fn exposure(
    bank_path: Option<&Path>,
    file: &Path,
    options: &ExposureOptions,
) -> Result<ExitCode> {
    let banks = crate::load_banks(bank_path)?;
    let request = files::ExposureRequest {
        assumptions_file: options.assumptions.as_deref(),
        seed: options.seed,
        days: options.days,
    };
    let (assessment, result) = files::exposure_of(&banks, Input::File(file), &request)?;
    if options.json {
        let mut text = serde_json::to_string_pretty(&result)?;
        text.push('\n');
        crate::emit(&text, Output::Json)
    } else {
        crate::emit(&exposure_text(&assessment, &result), Output::Text)
    }
}

/// Parses `--days`: a number of days more than 0 and at most [`MAX_DAYS`].
pub fn parse_days(text: &str) -> Result<f64, String> {
    let range = || format!("must be more than 0 and at most {MAX_DAYS} days");
    let days: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("not a number of days: it {}", range()))?;
    if days.is_finite() && days > 0.0 && days <= MAX_DAYS {
        Ok(days)
    } else {
        Err(range())
    }
}

/// Runs `ironbridge dependencies`.
pub fn dependencies(
    bank_path: Option<&Path>,
    file: &Path,
    json: bool,
    threshold: usize,
) -> Result<ExitCode> {
    let banks = crate::load_banks(bank_path)?;
    let config = DependencyConfig {
        provider_threshold: threshold,
    };
    let (assessment, analysis) = files::dependencies_of(&banks, Input::File(file), &config)?;
    if json {
        let mut text = serde_json::to_string_pretty(&analysis)?;
        text.push('\n');
        crate::emit(&text, Output::Json)
    } else {
        crate::emit(&dependencies_text(&assessment, &analysis), Output::Text)
    }
}

/// Appends a line (writing to a `String` cannot fail).
macro_rules! line {
    ($out:expr) => { $out.push('\n') };
    ($out:expr, $($arg:tt)*) => {{ let _ = writeln!($out, $($arg)*); }};
}

fn exposure_text(assessment: &Assessment, e: &Exposure) -> String {
    let mut out = String::new();
    basis_text(&mut out, assessment, e);
    scenarios_text(&mut out, e);
    broker_text(&mut out, e);
    simulation_text(&mut out, e);
    drivers_text(&mut out, e);
    out
}

/// The headline, the daily loss and the time to restore.
fn basis_text(out: &mut String, assessment: &Assessment, e: &Exposure) {
    let c = e.currency.as_str();
    let m = |v: f64| money_short(v, c);
    line!(
        out,
        "{} — money at risk ({})",
        one_line(&assessment.organisation.name),
        one_line(c)
    );
    line!(out);
    line!(out, "{}", e.headline);
    let set_by_hand = e
        .assumptions
        .iter()
        .any(|row| row.key == "custom_days" && !row.value.is_null());
    if let Some(row) = e.scenarios.iter().find(|s| s.key == "custom")
        && set_by_hand
    {
        line!(
            out,
            "Assumed outage of {:.0} days (set by the assessor); the registers alone give an estimated time to restore of {:.0} days.",
            row.days,
            e.restore.days
        );
    }
    line!(out);
    let b = &e.basis;
    line!(
        out,
        "Daily loss at a full stop: {} ({} a week): revenue lost {} a day × ({:.1}% gross profit + {:.1}% increased cost of working).",
        money(b.daily_loss, c),
        m(b.weekly_loss),
        money(b.daily_revenue_lost, c),
        b.contribution_share * 100.0,
        if b.daily_revenue_lost > 0.0 {
            b.daily_extra_costs / b.daily_revenue_lost * 100.0
        } else {
            0.0
        }
    );
    line!(
        out,
        "Response costs {} one-off + {} a day of outage. A day of cash = {} of operating costs{}.",
        money(b.response_costs, c),
        money(b.recovery_cost_per_day, c),
        money(b.daily_operating_costs, c),
        b.cash_days
            .map(|d| format!(
                "; cash available {} covers {:.0} days",
                m(b.cash_available.unwrap_or(0.0)),
                d
            ))
            .unwrap_or_default()
    );
    line!(out, "{}", e.restore.explanation);
    line!(out);
}

/// The scenario table and the provider outages' cover.
fn scenarios_text(out: &mut String, e: &Exposure) {
    let m = |v: f64| money_short(v, &e.currency);
    line!(
        out,
        "{:<38} {:>6} {:>10} {:>10} {:>10} {:>8} {:>9}",
        "Scenario",
        "Days",
        "Gross",
        "Insured",
        "Uninsured",
        "Cash d.",
        "% profit"
    );
    let rows = e
        .scenarios
        .iter()
        .chain(e.provider_outages.iter().map(|p| &p.row));
    for row in rows {
        line!(
            out,
            "{:<38} {:>6.1} {:>10} {:>10} {:>10} {:>8.1} {:>9}",
            one_line(&truncate(&row.label, 38)),
            row.days,
            m(row.gross_loss),
            m(row.insured_recovery),
            m(row.uninsured_loss),
            row.uninsured_days_of_cash,
            row.uninsured_share_of_annual_profit
                .map(|s| format!("{:.0}%", s * 100.0))
                .unwrap_or_else(|| "-".into())
        );
    }
    for p in &e.provider_outages {
        line!(
            out,
            "  {}: dependent cover {} ({}).",
            one_line(&p.name),
            if p.dependent_cover {
                "responds"
            } else {
                "does not respond"
            },
            p.cover_reason
        );
    }
}

/// The questions a broker asks, with a range where cover is argued.
fn broker_text(out: &mut String, e: &Exposure) {
    if e.broker_scenarios.is_empty() {
        return;
    }
    let m = |v: f64| money_short(v, &e.currency);
    line!(out);
    line!(
        out,
        "What a broker will ask (uninsured loss; a range where cover is argued or unknown):"
    );
    for b in &e.broker_scenarios {
        let uninsured = match b.uninsured_if_cover_responds {
            Some(low) => format!("{} to {}", m(low), m(b.row.uninsured_loss)),
            None => m(b.row.uninsured_loss),
        };
        line!(out, "  {}", b.question);
        line!(
            out,
            "    {}: gross {}, uninsured {}.",
            one_line(&b.row.label),
            m(b.row.gross_loss),
            uninsured
        );
        line!(out, "    {}", one_line(&b.reading));
    }
}

/// The simulation's setup and percentiles.
fn simulation_text(out: &mut String, e: &Exposure) {
    let m = |v: f64| money_short(v, &e.currency);
    let s = &e.simulation;
    line!(out);
    line!(
        out,
        "Simulation: {} incidents, seed {}; days {:.0}/{:.0}/{:.0}, daily loss {}/{}/{}, response {}/{}/{} (low/most likely/high).",
        money(f64::from(s.draws), ""),
        s.seed,
        s.days.low,
        s.days.most_likely,
        s.days.high,
        m(s.daily_loss.low),
        m(s.daily_loss.most_likely),
        m(s.daily_loss.high),
        m(s.response_costs.low),
        m(s.response_costs.most_likely),
        m(s.response_costs.high)
    );
    line!(
        out,
        "{:<10} {:>10} {:>10} {:>10} {:>10}",
        "",
        "P50",
        "P90",
        "P99",
        "Mean"
    );
    for (name, p) in [
        ("Gross", s.gross),
        ("Insured", s.insured),
        ("Uninsured", s.uninsured),
    ] {
        line!(
            out,
            "{:<10} {:>10} {:>10} {:>10} {:>10}",
            name,
            m(p.p50),
            m(p.p90),
            m(p.p99),
            m(p.mean)
        );
    }
    if let Some(p) = s.probability_uninsured_exceeds_cash {
        line!(
            out,
            "Uninsured loss exceeds the cash available in {:.1}% of incidents.",
            p * 100.0
        );
    }
    line!(out);
}

/// What moves the loss most, the flags, the notes and the caveat.
fn drivers_text(out: &mut String, e: &Exposure) {
    let m = |v: f64| money_short(v, &e.currency);
    line!(
        out,
        "What moves the uninsured loss most ({:.0}-day scenario, {} at the values used):",
        e.sensitivity.scenario_days,
        m(e.sensitivity.base_uninsured)
    );
    for t in e
        .sensitivity
        .entries
        .iter()
        .filter(|t| t.swing > 0.0)
        .take(8)
    {
        line!(
            out,
            "  {:<58} {} to {}: {} to {}",
            truncate(&t.label, 58),
            short_number(t.low_value),
            short_number(t.high_value),
            m(t.uninsured_at_low),
            m(t.uninsured_at_high)
        );
    }
    if !e.flags.is_empty() {
        line!(out);
        line!(out, "Flags:");
        for f in &e.flags {
            line!(out, "  [{}] {}", f.severity.label(), f.title);
            line!(out, "       {}", f.explanation);
        }
    }
    if !e.notes.is_empty() {
        line!(out);
        line!(out, "Notes:");
        for n in &e.notes {
            line!(out, "  {n}");
        }
    }
    line!(out);
    line!(
        out,
        "A scenario, not a prediction: every assumption is listed with its source in the JSON (--json) and in docs/EXPOSURE.md."
    );
}

fn dependencies_text(assessment: &Assessment, a: &DependencyAnalysis) -> String {
    let mut out = String::new();
    line!(
        out,
        "{} — dependencies: {} systems, {} providers, {} processes",
        one_line(&assessment.organisation.name),
        a.systems.len(),
        a.providers.len(),
        a.processes.len()
    );
    if a.systems.is_empty() {
        line!(out);
        line!(
            out,
            "The registers are empty: record critical systems and providers to analyse dependencies."
        );
        return out;
    }
    line!(out);
    line!(out, "Single points of failure:");
    if a.single_points_of_failure.is_empty() {
        line!(out, "  none");
    }
    for s in &a.single_points_of_failure {
        let kind = match s.subject.kind {
            SubjectKind::System => "system",
            SubjectKind::Provider => "provider",
        };
        line!(
            out,
            "  {:<8} {}: {}",
            kind,
            one_line(&s.subject.name),
            s.reason
        );
        if !s.processes_lost.is_empty() {
            line!(
                out,
                "           processes lost: {}",
                one_line(&s.processes_lost.join(", "))
            );
        }
    }
    line!(out);
    line!(
        out,
        "{:<28} {:>5} {:>7} {:>12} {:>10}  {}",
        "Provider",
        "Hosts",
        "Reaches",
        "Blast radius",
        "Stopping",
        "Combines"
    );
    for p in &a.providers {
        line!(
            out,
            "{:<28} {:>5} {:>7} {:>12} {:>9.0}%  {}",
            one_line(&truncate(&p.name, 28)),
            p.hosts.len(),
            p.reaches.len(),
            format!("{} sys", p.compromise.systems.len()),
            p.share_of_production_stopping_systems * 100.0,
            if p.combines_critical_services {
                "IT + help desk + security pattern"
            } else {
                ""
            }
        );
    }
    line!(out);
    line!(out, "Findings ({}):", a.findings.len());
    for f in &a.findings {
        line!(out, "  [{}] {}", f.severity.label(), f.title);
        line!(out, "       {}", f.explanation);
        line!(out, "       → {}", f.recommendation);
    }
    out
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut t: String = text.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn short_number(value: f64) -> String {
    if value != 0.0 && value.abs() < 0.01 {
        format!("{value:.4}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}
