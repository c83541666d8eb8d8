//! The exposure screen: the money at risk (`core::exposure`) and the
//! dependency graph with its findings (`core::dependencies`).
//!
//! Invariant: every figure is copied from `core`, never computed here, so the
//! screen shows what `ironbridge exposure --json` prints. Kinds and severities
//! become the strings of their serde names through exhaustive matches; a new
//! variant fails to compile rather than arriving as an empty string.

use ironbridge_core::dependencies::{DependencyAnalysis, EdgeKind, NodeKind, Severity};
use ironbridge_core::exposure::{Exposure, ExposureError, ScenarioRow};
use ironbridge_report::templates::MoneyCharts;
use serde::{Deserialize, Serialize};
use specta::Type;

use super::ReadinessDto;

/// The money at risk and the dependency analysis, as the exposure screen shows them.
///
/// Every figure is copied from `core::exposure::assess` and
/// `core::dependencies::analyse`, the functions behind `ironbridge exposure
/// --json`; a test compares the two.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ExposureDto {
    /// Why no figures could be computed (no revenue, say); the rest is then empty.
    pub unavailable: Option<String>,
    /// ISO 4217 code of every amount.
    pub currency: String,
    /// One sentence for a board.
    pub headline: String,
    /// Loss per day at a full stop.
    pub daily_loss: f64,
    /// Estimated days to restore production.
    pub restore_days: f64,
    /// The scenario table: 1 day, 1 week, 5 weeks, custom.
    pub scenarios: Vec<ScenarioDto>,
    /// An outage of the custom length at each provider hosting production systems.
    pub provider_outages: Vec<ProviderOutageDto>,
    /// The scenarios a broker asks for (state-attributed attack, widespread
    /// cloud outage, precautionary shutdown, halt beyond the indemnity period).
    pub broker_scenarios: Vec<BrokerScenarioDto>,
    /// Exclusions, conditions and gaps that may defeat or shrink a claim.
    pub flags: Vec<FindingDto>,
    /// Every assumption with its value, default and source.
    pub assumptions: Vec<AssumptionDto>,
    /// Simulated percentiles of the uninsured loss: 50th, 90th, 99th.
    pub uninsured_percentiles: Vec<f64>,
    /// What was missing and how it was filled.
    pub notes: Vec<String>,
    /// The dependency graph and its findings.
    pub dependencies: DependenciesDto,
    /// The underwriters' questions as far as the assessment supports them
    /// (set by the caller; empty from [`ExposureDto::new`]).
    pub readiness: ReadinessDto,
    /// The report's money charts as SVG (set by the caller; none from
    /// [`ExposureDto::new`]).
    pub charts: Option<MoneyChartsDto>,
}

/// The loss exceedance curve and the waterfall, as the report draws them.
#[derive(Clone, Debug, Serialize, Type)]
pub struct MoneyChartsDto {
    /// The loss exceedance curve, a standalone SVG document.
    pub exceedance_svg: String,
    /// What the curve says, in a sentence.
    pub exceedance_reading: String,
    /// The gross → insured → uninsured waterfall of the headline incident.
    pub waterfall_svg: Option<String>,
    /// What the waterfall says, in a sentence.
    pub waterfall_reading: Option<String>,
}

impl From<MoneyCharts> for MoneyChartsDto {
    fn from(charts: MoneyCharts) -> Self {
        let (waterfall_svg, waterfall_reading) = match charts.waterfall {
            Some(w) => (Some(w.svg), Some(w.reading)),
            None => (None, None),
        };
        Self {
            exceedance_svg: charts.exceedance.svg,
            exceedance_reading: charts.exceedance.reading,
            waterfall_svg,
            waterfall_reading,
        }
    }
}

/// One row of the scenario table.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ScenarioDto {
    /// `1_day`, `1_week`, `5_weeks`, `custom`, `provider.<id>`.
    pub key: String,
    /// Display label.
    pub label: String,
    /// Length of the halt, days.
    pub days: f64,
    /// Gross loss.
    pub gross_loss: f64,
    /// What the policy pays.
    pub insured_recovery: f64,
    /// What stays with the company.
    pub uninsured_loss: f64,
    /// Uninsured loss in days of operating costs.
    pub uninsured_days_of_cash: f64,
    /// Uninsured loss as a share of annual operating profit (0–1), if profit is positive.
    pub uninsured_share_of_annual_profit: Option<f64>,
    /// The arithmetic, step by step.
    pub explanation: Vec<String>,
}

/// An outage at one provider.
#[derive(Clone, Debug, Serialize, Type)]
pub struct ProviderOutageDto {
    /// Provider name.
    pub name: String,
    /// Systems down with it.
    pub systems_down: Vec<String>,
    /// Whether dependent business-interruption cover responds.
    pub dependent_cover: bool,
    /// Why or why not.
    pub cover_reason: String,
    /// The figures.
    pub row: ScenarioDto,
}

/// A scenario a broker asks for.
#[derive(Clone, Debug, Serialize, Type)]
pub struct BrokerScenarioDto {
    /// The question, in a broker's words.
    pub question: String,
    /// The figures, with cover counted only where the wording is known to give it.
    pub row: ScenarioDto,
    /// When cover is argued or unknown: the uninsured loss if it responds
    /// (the low end of the range; the row's uninsured loss is the high end).
    pub uninsured_if_cover_responds: Option<f64>,
}

/// A flag or finding: severity, title, explanation.
#[derive(Clone, Debug, Serialize, Type)]
pub struct FindingDto {
    /// `critical`, `high`, `medium` or `low`.
    pub severity: String,
    /// One line.
    pub title: String,
    /// Why, in plain language.
    pub explanation: String,
    /// The amount at stake, if one can be given.
    pub amount: Option<f64>,
}

/// An assumption of the exposure model.
#[derive(Clone, Debug, Serialize, Type)]
pub struct AssumptionDto {
    /// Its field name: the key to override it with.
    pub key: String,
    /// What it is.
    pub label: String,
    /// Its unit.
    pub unit: String,
    /// The value used, when it is a number (only those are editable here).
    pub value: Option<f64>,
    /// The value used, as text (for the others).
    pub value_text: String,
    /// The default, as text.
    pub default_text: String,
    /// Whether the value differs from the default.
    pub overridden: bool,
    /// The source of the default.
    pub source: String,
}

/// An override of one numeric assumption.
#[derive(Clone, Debug, Serialize, Deserialize, Type)]
pub struct AssumptionOverrideDto {
    /// The assumption's key.
    pub key: String,
    /// Its new value.
    pub value: f64,
}

/// The dependency graph: providers → systems → processes.
#[derive(Clone, Debug, Serialize, Type)]
pub struct DependenciesDto {
    /// Nodes: providers, then systems, then processes.
    pub nodes: Vec<GraphNodeDto>,
    /// Edges between node keys.
    pub edges: Vec<GraphEdgeDto>,
    /// Findings, most severe first.
    pub findings: Vec<FindingDto>,
}

/// A node of the dependency graph.
#[derive(Clone, Debug, Serialize, Type)]
pub struct GraphNodeDto {
    /// `provider:<id>`, `system:<id>`, `process:<name>`.
    pub key: String,
    /// `provider`, `system` or `process`.
    pub kind: String,
    /// Display label.
    pub label: String,
    /// Whether it is a single point of failure.
    pub single_point_of_failure: bool,
}

/// An edge of the dependency graph.
#[derive(Clone, Debug, Serialize, Type)]
pub struct GraphEdgeDto {
    /// The node it starts at.
    pub from: String,
    /// The node it ends at.
    pub to: String,
    /// `hosts`, `reaches`, `supports` or `serves`.
    pub kind: String,
}

impl From<&ScenarioRow> for ScenarioDto {
    fn from(r: &ScenarioRow) -> Self {
        Self {
            key: r.key.clone(),
            label: r.label.clone(),
            days: r.days,
            gross_loss: r.gross_loss,
            insured_recovery: r.insured_recovery,
            uninsured_loss: r.uninsured_loss,
            uninsured_days_of_cash: r.uninsured_days_of_cash,
            uninsured_share_of_annual_profit: r.uninsured_share_of_annual_profit,
            explanation: r.explanation.clone(),
        }
    }
}

impl From<&DependencyAnalysis> for DependenciesDto {
    fn from(d: &DependencyAnalysis) -> Self {
        Self {
            nodes: d
                .nodes
                .iter()
                .map(|n| GraphNodeDto {
                    key: n.key.clone(),
                    kind: node_kind(n.kind).to_owned(),
                    label: n.label.clone(),
                    single_point_of_failure: n.single_point_of_failure,
                })
                .collect(),
            edges: d
                .edges
                .iter()
                .map(|e| GraphEdgeDto {
                    from: e.from.clone(),
                    to: e.to.clone(),
                    kind: edge_kind(e.kind).to_owned(),
                })
                .collect(),
            findings: d
                .findings
                .iter()
                .map(|f| FindingDto {
                    severity: severity(f.severity).to_owned(),
                    title: f.title.clone(),
                    explanation: format!("{} {}", f.explanation, f.recommendation),
                    amount: None,
                })
                .collect(),
        }
    }
}

impl ExposureDto {
    /// The screen's view of the model's result and the dependency analysis.
    pub fn new(
        exposure: Result<&Exposure, &ExposureError>,
        dependencies: &DependencyAnalysis,
    ) -> Self {
        let dependencies = DependenciesDto::from(dependencies);
        let e = match exposure {
            Ok(e) => e,
            Err(err) => {
                return Self {
                    unavailable: Some(err.to_string()),
                    currency: String::new(),
                    headline: String::new(),
                    daily_loss: 0.0,
                    restore_days: 0.0,
                    scenarios: Vec::new(),
                    provider_outages: Vec::new(),
                    broker_scenarios: Vec::new(),
                    flags: Vec::new(),
                    assumptions: Vec::new(),
                    uninsured_percentiles: Vec::new(),
                    notes: Vec::new(),
                    dependencies,
                    readiness: ReadinessDto::default(),
                    charts: None,
                };
            }
        };
        Self {
            unavailable: None,
            currency: e.currency.clone(),
            headline: e.headline.clone(),
            daily_loss: e.basis.daily_loss,
            restore_days: e.restore.days,
            scenarios: e.scenarios.iter().map(ScenarioDto::from).collect(),
            provider_outages: e
                .provider_outages
                .iter()
                .map(|o| ProviderOutageDto {
                    name: o.name.clone(),
                    systems_down: o.systems_down.clone(),
                    dependent_cover: o.dependent_cover,
                    cover_reason: o.cover_reason.clone(),
                    row: ScenarioDto::from(&o.row),
                })
                .collect(),
            broker_scenarios: e
                .broker_scenarios
                .iter()
                .map(|b| BrokerScenarioDto {
                    question: b.question.clone(),
                    row: ScenarioDto::from(&b.row),
                    uninsured_if_cover_responds: b.uninsured_if_cover_responds,
                })
                .collect(),
            flags: e
                .flags
                .iter()
                .map(|f| FindingDto {
                    severity: severity(f.severity).to_owned(),
                    title: f.title.clone(),
                    explanation: f.explanation.clone(),
                    amount: f.amount,
                })
                .collect(),
            assumptions: e
                .assumptions
                .iter()
                .map(|a| AssumptionDto {
                    key: a.key.clone(),
                    label: a.label.clone(),
                    unit: a.unit.clone(),
                    value: a.value.as_f64(),
                    value_text: text_of(&a.value),
                    default_text: text_of(&a.default),
                    overridden: a.overridden,
                    source: a.source.clone(),
                })
                .collect(),
            uninsured_percentiles: uninsured_percentiles(e),
            notes: e.notes.clone(),
            dependencies,
            readiness: ReadinessDto::default(),
            charts: None,
        }
    }
}

fn uninsured_percentiles(e: &Exposure) -> Vec<f64> {
    let u = &e.simulation.uninsured;
    vec![u.p50, u.p90, u.p99]
}

/// A node kind as the UI names it (its serde name): `provider`, `system`, `process`.
fn node_kind(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Provider => "provider",
        NodeKind::System => "system",
        NodeKind::Process => "process",
    }
}

/// An edge kind as the UI names it (its serde name).
fn edge_kind(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Hosts => "hosts",
        EdgeKind::Reaches => "reaches",
        EdgeKind::Supports => "supports",
        EdgeKind::Serves => "serves",
    }
}

/// A severity as the UI names it (its serde name).
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "critical",
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
    }
}

/// An assumption's value as text; `—` when it has none.
fn text_of(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "—".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_name<T: Serialize>(value: T) -> String {
        match serde_json::to_value(value).unwrap() {
            serde_json::Value::String(s) => s,
            other => panic!("not a unit variant: {other}"),
        }
    }

    #[test]
    fn kinds_and_severities_are_named_as_serde_names_them() {
        for kind in [NodeKind::Provider, NodeKind::System, NodeKind::Process] {
            assert_eq!(node_kind(kind), serde_name(kind));
        }
        for kind in [
            EdgeKind::Hosts,
            EdgeKind::Reaches,
            EdgeKind::Supports,
            EdgeKind::Serves,
        ] {
            assert_eq!(edge_kind(kind), serde_name(kind));
        }
        for s in [
            Severity::Critical,
            Severity::High,
            Severity::Medium,
            Severity::Low,
        ] {
            assert_eq!(severity(s), serde_name(s));
        }
    }
}
