//! The analysis's results: the graph (nodes and edges), each system's and
//! provider's place in it, single points of failure, and findings, with the
//! settings they were computed under.

use serde::{Deserialize, Serialize};

use crate::assessment::{ProductionImpact, ProviderService, SystemCategory};
use crate::ids::QuestionId;

/// Settings of the analysis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DependencyConfig {
    /// A provider whose compromise directly reaches this many systems or more
    /// is a single point of failure (default 3).
    pub provider_threshold: usize,
}

impl Default for DependencyConfig {
    fn default() -> Self {
        Self {
            provider_threshold: 3,
        }
    }
}

/// The result of the analysis: the graph, the single points of failure,
/// provider concentration and blast radii, and the findings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DependencyAnalysis {
    /// The threshold used for provider single points of failure.
    pub provider_threshold: usize,
    /// Nodes of the graph, for drawing: providers, then systems, then processes.
    pub nodes: Vec<Node>,
    /// Edges of the graph, for drawing.
    pub edges: Vec<Edge>,
    /// Every system, in register order, with what it needs and what needs it.
    pub systems: Vec<SystemNode>,
    /// Every provider, in register order, with its concentration and blast radius.
    pub providers: Vec<ProviderConcentration>,
    /// Every production process named in the registers, by name.
    pub processes: Vec<ProcessNode>,
    /// The single points of failure: systems first (register order), then providers.
    pub single_points_of_failure: Vec<SinglePointOfFailure>,
    /// The findings, most severe first.
    pub findings: Vec<Finding>,
    /// `depends_on` cycles found, each as the ids around the loop.
    pub cycles: Vec<Vec<String>>,
}

/// A node of the dependency graph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    /// `provider:<id>`, `system:<id>` or `process:<name>`.
    pub key: String,
    /// What it is.
    pub kind: NodeKind,
    /// The register id or process name.
    pub id: String,
    /// Display label.
    pub label: String,
    /// Whether it is a single point of failure (always false for processes).
    pub single_point_of_failure: bool,
}

/// Kinds of node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A provider.
    Provider,
    /// A critical system.
    System,
    /// A production process.
    Process,
}

/// An edge of the dependency graph; `from` and `to` are node keys.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// The node the edge starts at.
    pub from: String,
    /// The node it ends at.
    pub to: String,
    /// What it means.
    pub kind: EdgeKind,
}

/// Kinds of edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// Provider → system it runs or hosts.
    Hosts,
    /// Provider → system it can reach with its access.
    Reaches,
    /// System → system that needs it (the arrow follows the failure).
    Supports,
    /// System → process that needs it.
    Serves,
}

/// A system in the graph.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SystemNode {
    /// Register id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind of system.
    pub category: SystemCategory,
    /// What its own loss does to production.
    pub production_impact: ProductionImpact,
    /// The provider hosting it, if any.
    pub provider: Option<String>,
    /// Whether it has a tested (rehearsed) manual fallback.
    pub tested_fallback: bool,
    /// Systems it needs, transitively, sorted by id.
    pub needs: Vec<String>,
    /// Systems that need it, transitively, sorted by id.
    pub needed_by: Vec<String>,
    /// Processes lost with it (its own and those of the systems that need it), sorted.
    pub processes_lost: Vec<String>,
    /// Whether losing it stops production (see the module documentation).
    pub stops_production: bool,
    /// The systems through which its loss stops production (itself and/or dependants), sorted.
    pub stops_production_through: Vec<String>,
    /// Providers that host or reach it, sorted.
    pub providers: Vec<String>,
}

/// A provider's place in the graph.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProviderConcentration {
    /// Register id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it does for the company.
    pub services: Vec<ProviderService>,
    /// Whether it holds privileged access.
    pub privileged_access: bool,
    /// Systems it hosts, sorted.
    pub hosts: Vec<String>,
    /// Systems it hosts or can reach with its access, sorted.
    pub reaches: Vec<String>,
    /// What its compromise takes: reached systems and every system that needs one.
    pub compromise: BlastRadius,
    /// What its outage takes: hosted systems and every system that needs one.
    pub outage: BlastRadius,
    /// Systems whose loss stops production, company-wide.
    pub production_stopping_systems_total: usize,
    /// Share (0–1) of those in its compromise blast radius.
    pub share_of_production_stopping_systems: f64,
    /// Share (0–1) of all registered systems in its compromise blast radius.
    pub share_of_systems: f64,
    /// Which of IT outsourcing, help desk and managed security it combines.
    pub combined_critical_services: Vec<ProviderService>,
    /// Whether it combines two or more of them: the watcher is the watched,
    /// and the help desk can hand out the keys (the 2025 M&S and JLR pattern).
    pub combines_critical_services: bool,
    /// Whether it is a single point of failure (reaches the threshold).
    pub single_point_of_failure: bool,
}

/// Systems and processes lost in one event.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BlastRadius {
    /// Systems lost, sorted by id.
    pub systems: Vec<String>,
    /// Processes lost, sorted.
    pub processes: Vec<String>,
    /// Lost systems whose loss stops production, sorted.
    pub production_stopping_systems: Vec<String>,
    /// Whether production stops: a lost system stops it and has no tested fallback.
    pub stops_production: bool,
}

/// A production process and what it needs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProcessNode {
    /// Process name as written in the register.
    pub name: String,
    /// Systems that name it, sorted.
    pub systems: Vec<String>,
    /// Those systems and everything they need, sorted.
    pub needs: Vec<String>,
    /// Providers whose compromise reaches it, sorted.
    pub providers: Vec<String>,
}

/// A single point of failure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SinglePointOfFailure {
    /// What fails.
    pub subject: Subject,
    /// Why it is one, in a sentence.
    pub reason: String,
    /// Systems lost with it, sorted.
    pub systems_lost: Vec<String>,
    /// Processes lost with it, sorted.
    pub processes_lost: Vec<String>,
}

/// The register entry a finding or single point of failure is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Subject {
    /// System or provider.
    pub kind: SubjectKind,
    /// Register id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// Kinds of subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    /// A critical system.
    System,
    /// A provider.
    Provider,
}

/// How much a finding matters, most severe first when sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Can stop production for weeks on its own.
    Critical,
    /// A serious weakness; act now.
    High,
    /// A weakness; act next.
    Medium,
    /// Worth fixing; act later.
    Low,
}

impl Severity {
    /// Display name.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Critical => "Critical",
            Severity::High => "High",
            Severity::Medium => "Medium",
            Severity::Low => "Low",
        }
    }
}

/// Kinds of finding, in the order they are listed within one severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A system whose loss stops production.
    SystemSinglePoint,
    /// A provider that reaches the threshold number of systems.
    ProviderSinglePoint,
    /// A provider combining IT outsourcing, help desk and/or managed security.
    CombinedServices,
    /// A help desk that resets credentials without verifying identity.
    HelpDeskVerification,
    /// A provider whose outage stops production.
    ProviderOutageStopsProduction,
    /// A production-stopping system without a recovery time objective.
    NoRecoveryObjective,
    /// A production-stopping system whose recovery time was never shown by a restore.
    UntestedRecovery,
    /// A privileged provider with no incident notice deadline in its contract.
    NoIncidentNotice,
    /// A `depends_on` cycle.
    DependencyCycle,
}

impl FindingKind {
    pub(crate) fn slug(self) -> &'static str {
        match self {
            FindingKind::SystemSinglePoint => "spof.system",
            FindingKind::ProviderSinglePoint => "spof.provider",
            FindingKind::CombinedServices => "concentration.combined_services",
            FindingKind::HelpDeskVerification => "provider.helpdesk_verification",
            FindingKind::ProviderOutageStopsProduction => "provider.outage_stops_production",
            FindingKind::NoRecoveryObjective => "system.no_rto",
            FindingKind::UntestedRecovery => "system.rto_untested",
            FindingKind::NoIncidentNotice => "provider.no_incident_notice",
            FindingKind::DependencyCycle => "graph.cycle",
        }
    }
}

/// A finding for the ranked gaps, the recommendations and the report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// Stable id: `<kind slug>.<subject id>` (`spof.system.erp`).
    pub id: String,
    /// What kind of finding.
    pub kind: FindingKind,
    /// How much it matters.
    pub severity: Severity,
    /// What it is about.
    pub subject: Subject,
    /// One line for a table.
    pub title: String,
    /// Why it matters, in plain language.
    pub explanation: String,
    /// What to do.
    pub recommendation: String,
    /// The bank questions that cover it.
    pub questions: Vec<QuestionId>,
    /// Systems involved, sorted.
    pub systems: Vec<String>,
    /// Processes involved, sorted.
    pub processes: Vec<String>,
}
