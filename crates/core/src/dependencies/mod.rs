//! Dependency analysis (DESIGN §6): which systems and providers are single
//! points of failure for production, how concentrated the company is on one
//! provider, and how far a provider's compromise or outage reaches.
//!
//! The graph is built from the registers: providers host systems
//! (`CriticalSystem.provider`) and reach others with privileged access
//! (`Provider.reaches`); systems need other systems (`depends_on`); systems
//! serve production processes (`processes`).
//!
//! Definitions (the tests hold them on hand-made graphs):
//! - A system *stops production* when it is lost if its own impact is
//!   `stops` and it has no tested fallback, or if any system that needs it,
//!   directly or through a chain of `depends_on`, stops production that way.
//!   A fallback is tested when it exists, has been rehearsed, and carries some
//!   output for some days. A system's own fallback does not help the systems
//!   that need it, so a system with a tested fallback can still stop
//!   production through its dependants.
//! - A *single point of failure* is a system that stops production, or a
//!   provider whose compromise directly reaches (hosts or can reach with its
//!   access) at least `DependencyConfig::provider_threshold` systems.
//! - A provider's *blast radius* is the set of systems lost when it is
//!   compromised (hosted and reached systems, then every system that needs
//!   one of them, transitively) or when it has an outage (hosted systems and
//!   their dependants), with the processes those systems serve.
//!
//! Invariant: the analysis is a pure, deterministic function of the
//! registers and the configuration; every list is sorted (findings by
//! severity, then kind, then subject id; everything else by id), never in
//! hash order. Dangling references are ignored here (`Registers::check`
//! reports them) and a `depends_on` cycle is reported, not followed forever.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::assessment::{
    CriticalSystem, ManualFallback, ProductionImpact, ProviderService, Registers, SystemCategory,
};
use crate::ids::QuestionId;

mod questions;
pub(crate) mod rule_questions;

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
    fn slug(self) -> &'static str {
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

/// Analyses the registers: graph, single points of failure, concentration, blast radii, findings.
pub fn analyse(registers: &Registers, config: &DependencyConfig) -> DependencyAnalysis {
    let graph = Graph::new(registers);
    let n = registers.systems.len();
    let stopping: Vec<bool> = (0..n).map(|i| graph.stops_production(i)).collect();
    let n_stopping = stopping.iter().filter(|s| **s).count();

    let systems: Vec<SystemNode> = registers
        .systems
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let needed_by = graph.closure(&[i], Direction::Dependants);
            let lost: Vec<usize> = std::iter::once(i)
                .chain(needed_by.iter().copied())
                .collect();
            let through: Vec<String> = sorted_ids(
                registers,
                lost.iter().copied().filter(|&j| graph.own_stop(j)),
            );
            let mut providers = BTreeSet::new();
            for p in &registers.providers {
                if s.provider.as_deref() == Some(p.id.as_str()) || p.reaches.contains(&s.id) {
                    providers.insert(p.id.clone());
                }
            }
            SystemNode {
                id: s.id.clone(),
                name: s.name.clone(),
                category: s.category,
                production_impact: s.production_impact,
                provider: s.provider.clone(),
                tested_fallback: tested_fallback(s.manual_fallback.as_ref()),
                needs: sorted_ids(registers, graph.closure(&[i], Direction::Needs).into_iter()),
                needed_by: sorted_ids(registers, needed_by.iter().copied()),
                processes_lost: graph.processes_of(&lost),
                stops_production: stopping[i],
                stops_production_through: through,
                providers: providers.into_iter().collect(),
            }
        })
        .collect();

    let providers: Vec<ProviderConcentration> = registers
        .providers
        .iter()
        .map(|p| {
            let hosted = graph.hosted_by(&p.id);
            let mut reached: BTreeSet<usize> = hosted.iter().copied().collect();
            for r in &p.reaches {
                if let Some(&j) = graph.index.get(r.as_str()) {
                    reached.insert(j);
                }
            }
            let reached: Vec<usize> = reached.into_iter().collect();
            let compromise = graph.radius(&reached, &stopping);
            let outage = graph.radius(&hosted, &stopping);
            let in_radius = compromise.production_stopping_systems.len();
            let combined: Vec<ProviderService> = [
                ProviderService::ItOutsourcing,
                ProviderService::HelpDesk,
                ProviderService::ManagedSecurity,
            ]
            .into_iter()
            .filter(|s| p.services.contains(s))
            .collect();
            ProviderConcentration {
                id: p.id.clone(),
                name: p.name.clone(),
                services: p.services.clone(),
                privileged_access: p.privileged_access,
                hosts: sorted_ids(registers, hosted.iter().copied()),
                reaches: sorted_ids(registers, reached.iter().copied()),
                share_of_production_stopping_systems: ratio(in_radius, n_stopping),
                share_of_systems: ratio(compromise.systems.len(), n),
                production_stopping_systems_total: n_stopping,
                combines_critical_services: combined.len() >= 2,
                combined_critical_services: combined,
                single_point_of_failure: reached.len() >= config.provider_threshold.max(1),
                compromise,
                outage,
            }
        })
        .collect();

    let mut process_systems: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (i, s) in registers.systems.iter().enumerate() {
        for p in &s.processes {
            process_systems.entry(p.as_str()).or_default().insert(i);
        }
    }
    let processes: Vec<ProcessNode> = process_systems
        .iter()
        .map(|(name, direct)| {
            let direct: Vec<usize> = direct.iter().copied().collect();
            let mut needs: BTreeSet<usize> = direct.iter().copied().collect();
            needs.extend(graph.closure(&direct, Direction::Needs));
            let reaching = providers
                .iter()
                .filter(|p| p.compromise.processes.iter().any(|q| q == name))
                .map(|p| p.id.clone())
                .collect();
            ProcessNode {
                name: (*name).to_owned(),
                systems: sorted_ids(registers, direct.iter().copied()),
                needs: sorted_ids(registers, needs.into_iter()),
                providers: reaching,
            }
        })
        .collect();

    let mut spofs = Vec::new();
    for node in systems.iter().filter(|s| s.stops_production) {
        let mut lost = vec![node.id.clone()];
        lost.extend(node.needed_by.iter().cloned());
        lost.sort();
        spofs.push(SinglePointOfFailure {
            subject: Subject {
                kind: SubjectKind::System,
                id: node.id.clone(),
                name: node.name.clone(),
            },
            reason: system_spof_reason(node, registers),
            systems_lost: lost,
            processes_lost: node.processes_lost.clone(),
        });
    }
    for p in providers.iter().filter(|p| p.single_point_of_failure) {
        spofs.push(SinglePointOfFailure {
            subject: Subject {
                kind: SubjectKind::Provider,
                id: p.id.clone(),
                name: p.name.clone(),
            },
            reason: format!(
                "its compromise reaches {} critical systems directly ({}), at or above the threshold of {}",
                p.reaches.len(),
                names(registers, &p.reaches),
                config.provider_threshold
            ),
            systems_lost: p.compromise.systems.clone(),
            processes_lost: p.compromise.processes.clone(),
        });
    }

    let cycles = graph.cycles();
    let findings = build_findings(registers, &systems, &providers, &cycles);
    let spof_systems: BTreeSet<&str> = systems
        .iter()
        .filter(|s| s.stops_production)
        .map(|s| s.id.as_str())
        .collect();

    let mut nodes = Vec::new();
    for p in &providers {
        nodes.push(Node {
            key: format!("provider:{}", p.id),
            kind: NodeKind::Provider,
            id: p.id.clone(),
            label: p.name.clone(),
            single_point_of_failure: p.single_point_of_failure,
        });
    }
    for s in &systems {
        nodes.push(Node {
            key: format!("system:{}", s.id),
            kind: NodeKind::System,
            id: s.id.clone(),
            label: s.name.clone(),
            single_point_of_failure: spof_systems.contains(s.id.as_str()),
        });
    }
    for p in &processes {
        nodes.push(Node {
            key: format!("process:{}", p.name),
            kind: NodeKind::Process,
            id: p.name.clone(),
            label: p.name.clone(),
            single_point_of_failure: false,
        });
    }
    let edges = graph_edges(registers, &graph);

    DependencyAnalysis {
        provider_threshold: config.provider_threshold,
        nodes,
        edges,
        systems,
        providers,
        processes,
        single_points_of_failure: spofs,
        findings,
        cycles,
    }
}

/// The findings alone, most severe first: what the gaps, recommendations and report list.
pub fn findings(registers: &Registers, config: &DependencyConfig) -> Vec<Finding> {
    analyse(registers, config).findings
}

/// Whether a manual fallback counts as tested: it exists, was rehearsed, and carries some output for some days.
pub fn tested_fallback(fallback: Option<&ManualFallback>) -> bool {
    fallback.is_some_and(|f| f.rehearsed && f.capacity_percent > 0.0 && f.sustainable_days > 0.0)
}

/// Which way to follow `depends_on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    /// From a system to what it needs.
    Needs,
    /// From a system to what needs it.
    Dependants,
}

/// Adjacency lists over register indices; dangling ids dropped.
#[derive(Debug)]
struct Graph<'a> {
    registers: &'a Registers,
    index: BTreeMap<&'a str, usize>,
    needs: Vec<Vec<usize>>,
    dependants: Vec<Vec<usize>>,
}

impl<'a> Graph<'a> {
    fn new(registers: &'a Registers) -> Self {
        let mut index = BTreeMap::new();
        for (i, s) in registers.systems.iter().enumerate() {
            index.entry(s.id.as_str()).or_insert(i);
        }
        let n = registers.systems.len();
        let mut needs = vec![Vec::new(); n];
        let mut dependants = vec![Vec::new(); n];
        for (i, s) in registers.systems.iter().enumerate() {
            for d in &s.depends_on {
                if let Some(&j) = index.get(d.as_str())
                    && j != i
                    && !needs[i].contains(&j)
                {
                    needs[i].push(j);
                    dependants[j].push(i);
                }
            }
        }
        Self {
            registers,
            index,
            needs,
            dependants,
        }
    }

    fn system(&self, i: usize) -> &'a CriticalSystem {
        &self.registers.systems[i]
    }

    /// Whether the system's own loss stops production: impact `stops` and no tested fallback.
    fn own_stop(&self, i: usize) -> bool {
        let s = self.system(i);
        s.production_impact == ProductionImpact::Stops
            && !tested_fallback(s.manual_fallback.as_ref())
    }

    fn stops_production(&self, i: usize) -> bool {
        self.own_stop(i)
            || self
                .closure(&[i], Direction::Dependants)
                .iter()
                .any(|&j| self.own_stop(j))
    }

    /// Every system reachable from `start`, without the start systems, sorted by index.
    fn closure(&self, start: &[usize], direction: Direction) -> Vec<usize> {
        let adjacency = match direction {
            Direction::Needs => &self.needs,
            Direction::Dependants => &self.dependants,
        };
        let mut seen = vec![false; adjacency.len()];
        let mut stack: Vec<usize> = start.to_vec();
        let mut found = BTreeSet::new();
        while let Some(i) = stack.pop() {
            for &j in &adjacency[i] {
                if !seen[j] {
                    seen[j] = true;
                    found.insert(j);
                    stack.push(j);
                }
            }
        }
        // A start system reached again through a loop stays out of its own
        // closure; the loop is reported as a cycle.
        for s in start {
            found.remove(s);
        }
        found.into_iter().collect()
    }

    fn hosted_by(&self, provider: &str) -> Vec<usize> {
        self.registers
            .systems
            .iter()
            .enumerate()
            .filter(|(_, s)| s.provider.as_deref() == Some(provider))
            .map(|(i, _)| i)
            .collect()
    }

    fn processes_of(&self, systems: &[usize]) -> Vec<String> {
        let mut acc = BTreeSet::new();
        for &i in systems {
            acc.extend(self.system(i).processes.iter().cloned());
        }
        acc.into_iter().collect()
    }

    /// The systems and processes lost when `hit` are lost, with their dependants.
    fn radius(&self, hit: &[usize], stopping: &[bool]) -> BlastRadius {
        let mut lost: BTreeSet<usize> = hit.iter().copied().collect();
        lost.extend(self.closure(hit, Direction::Dependants));
        let lost: Vec<usize> = lost.into_iter().collect();
        let stopping_lost: Vec<usize> = lost.iter().copied().filter(|&i| stopping[i]).collect();
        BlastRadius {
            systems: sorted_ids(self.registers, lost.iter().copied()),
            processes: self.processes_of(&lost),
            production_stopping_systems: sorted_ids(self.registers, stopping_lost.iter().copied()),
            stops_production: lost.iter().any(|&i| self.own_stop(i)),
        }
    }

    /// Each `depends_on` cycle once, as ids starting from the lowest index, in order of that index.
    fn cycles(&self) -> Vec<Vec<String>> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Active,
            Done,
        }
        fn visit(
            g: &Graph<'_>,
            i: usize,
            marks: &mut [Mark],
            path: &mut Vec<usize>,
            found: &mut BTreeSet<Vec<usize>>,
        ) {
            marks[i] = Mark::Active;
            path.push(i);
            for &j in &g.needs[i] {
                match marks[j] {
                    Mark::New => visit(g, j, marks, path, found),
                    Mark::Active => {
                        if let Some(pos) = path.iter().position(|&k| k == j) {
                            let mut cycle = path[pos..].to_vec();
                            if let Some(min_pos) = cycle
                                .iter()
                                .enumerate()
                                .min_by_key(|(_, k)| **k)
                                .map(|(p, _)| p)
                            {
                                cycle.rotate_left(min_pos);
                            }
                            found.insert(cycle);
                        }
                    }
                    Mark::Done => {}
                }
            }
            path.pop();
            marks[i] = Mark::Done;
        }
        let n = self.needs.len();
        let mut marks = vec![Mark::New; n];
        let mut found = BTreeSet::new();
        for i in 0..n {
            if marks[i] == Mark::New {
                visit(self, i, &mut marks, &mut Vec::new(), &mut found);
            }
        }
        found
            .into_iter()
            .map(|c| c.into_iter().map(|i| self.system(i).id.clone()).collect())
            .collect()
    }
}

fn graph_edges(registers: &Registers, graph: &Graph<'_>) -> Vec<Edge> {
    let mut edges = BTreeSet::new();
    for p in &registers.providers {
        for s in &registers.systems {
            if s.provider.as_deref() == Some(p.id.as_str()) {
                edges.insert((
                    format!("provider:{}", p.id),
                    format!("system:{}", s.id),
                    EdgeKind::Hosts,
                ));
            } else if p.reaches.contains(&s.id) {
                edges.insert((
                    format!("provider:{}", p.id),
                    format!("system:{}", s.id),
                    EdgeKind::Reaches,
                ));
            }
        }
    }
    for (i, s) in registers.systems.iter().enumerate() {
        for &j in &graph.needs[i] {
            edges.insert((
                format!("system:{}", graph.system(j).id),
                format!("system:{}", s.id),
                EdgeKind::Supports,
            ));
        }
        for p in &s.processes {
            edges.insert((
                format!("system:{}", s.id),
                format!("process:{p}"),
                EdgeKind::Serves,
            ));
        }
    }
    edges
        .into_iter()
        .map(|(from, to, kind)| Edge { from, to, kind })
        .collect()
}

fn sorted_ids(registers: &Registers, indices: impl Iterator<Item = usize>) -> Vec<String> {
    let set: BTreeSet<String> = indices
        .filter_map(|i| registers.systems.get(i).map(|s| s.id.clone()))
        .collect();
    set.into_iter().collect()
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn name_of<'a>(registers: &'a Registers, id: &'a str) -> &'a str {
    registers
        .systems
        .iter()
        .find(|s| s.id == id)
        .map_or(id, |s| s.name.as_str())
}

/// Display names of system ids, joined: `SAP ERP, MES`.
fn names(registers: &Registers, ids: &[String]) -> String {
    ids.iter()
        .map(|id| name_of(registers, id))
        .collect::<Vec<_>>()
        .join(", ")
}

fn system_spof_reason(node: &SystemNode, registers: &Registers) -> String {
    let own = node.stops_production_through.contains(&node.id);
    let others: Vec<String> = node
        .stops_production_through
        .iter()
        .filter(|id| **id != node.id)
        .cloned()
        .collect();
    let need = if others.len() == 1 { "needs" } else { "need" };
    let fallback = if node.tested_fallback {
        "it has a tested fallback, but"
    } else {
        "it has no tested fallback and"
    };
    match (own, others.is_empty()) {
        (true, true) => format!("{fallback} its loss stops production"),
        (true, false) => format!(
            "{fallback} its loss stops production, directly and through {}, which {need} it",
            names(registers, &others)
        ),
        (false, _) => format!(
            "{} {need} it and {} production without a tested fallback of {}",
            names(registers, &others),
            if others.len() == 1 { "stops" } else { "stop" },
            if others.len() == 1 {
                "its own"
            } else {
                "their own"
            }
        ),
    }
}

fn build_findings(
    registers: &Registers,
    systems: &[SystemNode],
    providers: &[ProviderConcentration],
    cycles: &[Vec<String>],
) -> Vec<Finding> {
    let mut out = Vec::new();
    let system_subject = |s: &SystemNode| Subject {
        kind: SubjectKind::System,
        id: s.id.clone(),
        name: s.name.clone(),
    };
    let provider_subject = |p: &ProviderConcentration| Subject {
        kind: SubjectKind::Provider,
        id: p.id.clone(),
        name: p.name.clone(),
    };
    let mut push = |kind: FindingKind,
                    severity,
                    subject: Subject,
                    title: String,
                    explanation: String,
                    recommendation: &str,
                    systems: Vec<String>,
                    processes: Vec<String>| {
        out.push(Finding {
            id: format!("{}.{}", kind.slug(), subject.id),
            kind,
            severity,
            subject,
            title,
            explanation,
            recommendation: recommendation.to_owned(),
            questions: rule_questions::question_ids(kind.questions()),
            systems,
            processes,
        });
    };

    for (s, reg) in systems.iter().zip(&registers.systems) {
        if s.stops_production {
            let mut lost = vec![s.id.clone()];
            lost.extend(s.needed_by.iter().cloned());
            lost.sort();
            let severity = if s.tested_fallback || reg.manual_fallback.is_some() {
                Severity::High
            } else {
                Severity::Critical
            };
            let processes = if s.processes_lost.is_empty() {
                "production".to_owned()
            } else {
                s.processes_lost.join(", ")
            };
            push(
                FindingKind::SystemSinglePoint,
                severity,
                system_subject(s),
                format!("{} is a single point of failure for production", s.name),
                format!(
                    "Losing {} stops {}: {}. {}",
                    s.name,
                    processes,
                    system_spof_reason(s, registers),
                    fallback_sentence(reg)
                ),
                "Give production a way to carry on without it (a rehearsed manual fallback for the processes it serves, or a standby that does not share its failure), and prove the restore time in a full test.",
                lost,
                s.processes_lost.clone(),
            );
        }
        if reg.production_impact == ProductionImpact::Stops {
            match (reg.rto_hours, reg.rto_tested) {
                (None, _) => push(
                    FindingKind::NoRecoveryObjective,
                    Severity::Medium,
                    system_subject(s),
                    format!("{} has no recovery time objective", s.name),
                    format!(
                        "Production stops without {}, yet nobody has agreed how fast it must be back; the exposure model assumes a long rebuild for it.",
                        s.name
                    ),
                    "Agree a recovery time objective with operations and prove it with a full restore test.",
                    vec![s.id.clone()],
                    Vec::new(),
                ),
                (Some(hours), false) => push(
                    FindingKind::UntestedRecovery,
                    Severity::Medium,
                    system_subject(s),
                    format!("{} recovery time is a claim, not a result", s.name),
                    format!(
                        "Its recovery time objective of {} hours has never been shown by a full restore; untested objectives are usually missed by a wide margin when everything must be restored at once.",
                        trim(hours)
                    ),
                    "Run a full restore of the system into an isolated environment and time it end to end, including its dependencies.",
                    vec![s.id.clone()],
                    Vec::new(),
                ),
                _ => {}
            }
        }
    }

    for (p, reg) in providers.iter().zip(&registers.providers) {
        if p.single_point_of_failure {
            let severity = if p.compromise.stops_production {
                Severity::Critical
            } else {
                Severity::High
            };
            push(
                FindingKind::ProviderSinglePoint,
                severity,
                provider_subject(p),
                format!(
                    "{} reaches {} critical systems: a single point of failure",
                    p.name,
                    p.reaches.len()
                ),
                format!(
                    "A compromise of {} reaches {} directly{}; with what depends on them it takes {} of the {} systems whose loss stops production{}.",
                    p.name,
                    names(registers, &p.reaches),
                    if p.privileged_access {
                        " with privileged access"
                    } else {
                        ""
                    },
                    p.compromise.production_stopping_systems.len(),
                    p.production_stopping_systems_total,
                    if p.compromise.processes.is_empty() {
                        String::new()
                    } else {
                        format!(" and stops {}", p.compromise.processes.join(", "))
                    }
                ),
                "Cut its standing access to what it must have (just-in-time, MFA, logged), separate the administration of identity, backups and production systems so that one compromised provider account cannot reach all three, and test recovery without the provider's help.",
                p.compromise.systems.clone(),
                p.compromise.processes.clone(),
            );
        }
        if p.combines_critical_services {
            let services: Vec<&str> = p
                .combined_critical_services
                .iter()
                .map(|s| service_name(*s))
                .collect();
            let severity = if p.combined_critical_services.len() >= 3 && p.privileged_access {
                Severity::Critical
            } else {
                Severity::High
            };
            push(
                FindingKind::CombinedServices,
                severity,
                provider_subject(p),
                format!("{} combines {}", p.name, services.join(", ")),
                format!(
                    "One firm runs {}: whoever gets into it can reset access, act as an administrator and is watched only by itself. This concentration is how the 2025 attacks on UK retailers came in through an outsourced help desk, and Jaguar Land Rover relied on one group for IT and security services. Its compromise reaches {:.0}% of the systems whose loss stops production.",
                    services.join(", "),
                    p.share_of_production_stopping_systems * 100.0
                ),
                "Separate the roles (an independent managed security provider or in-house monitoring of the outsourcer's administrator activity), require the monitoring provider to alert you directly, and rehearse an incident in which the outsourcer itself is compromised.",
                p.compromise.systems.clone(),
                p.compromise.processes.clone(),
            );
        }
        if reg.services.contains(&ProviderService::HelpDesk)
            && !reg.contract.helpdesk_identity_verification
        {
            let severity = if reg.privileged_access || p.compromise.stops_production {
                Severity::Critical
            } else {
                Severity::High
            };
            push(
                FindingKind::HelpDeskVerification,
                severity,
                provider_subject(p),
                format!(
                    "{} help desk resets access without required identity checks",
                    p.name
                ),
                format!(
                    "The contract with {} does not require strong identity verification before password or MFA resets. A caller who knows an employee's details can take over an account, which is how the 2025 attacks on Marks & Spencer and Co-op began.",
                    p.name
                ),
                "Require call-back to a registered number or in-person verification for every password or MFA reset of a privileged or remote-access account, write it into the contract, and test it with a mystery-shopper call.",
                p.compromise.systems.clone(),
                p.compromise.processes.clone(),
            );
        }
        if p.outage.stops_production {
            push(
                FindingKind::ProviderOutageStopsProduction,
                Severity::High,
                provider_subject(p),
                format!("An outage at {} stops production", p.name),
                format!(
                    "{} hosts {}; if it goes down (attacked itself, or failing), production stops{} even though nothing of yours was attacked, and only dependent business-interruption cover would pay.",
                    p.name,
                    names(registers, &p.hosts),
                    if p.outage.processes.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", p.outage.processes.join(", "))
                    }
                ),
                "Check with the broker that dependent business-interruption cover names this provider, agree an exit and recovery plan with it, and keep a copy of your data you can restore elsewhere.",
                p.outage.systems.clone(),
                p.outage.processes.clone(),
            );
        }
        if reg.privileged_access && reg.contract.incident_notice_hours.is_none() {
            push(
                FindingKind::NoIncidentNotice,
                Severity::Medium,
                provider_subject(p),
                format!("{} need not tell you of an incident in time", p.name),
                format!(
                    "{} holds privileged access, but its contract sets no deadline for notifying an incident, so you may learn of a breach of the provider after the attacker has used its access.",
                    p.name
                ),
                "Add a notification deadline (24 hours or less) and a duty to cooperate in your incident response to the contract.",
                p.reaches.clone(),
                Vec::new(),
            );
        }
    }

    for cycle in cycles {
        if let Some(first) = cycle.first()
            && let Some(s) = systems.iter().find(|s| &s.id == first)
        {
            let mut ids = cycle.clone();
            ids.push(first.clone());
            push(
                FindingKind::DependencyCycle,
                Severity::Low,
                system_subject(s),
                format!("Circular dependency: {}", ids.join(" → ")),
                format!(
                    "The register says {} need each other. Either a dependency is wrong, or none of them can be restored first: check the recovery sequence.",
                    names(registers, cycle)
                ),
                "Correct the register, or document which system is restored first and how it starts without the others.",
                cycle.clone(),
                Vec::new(),
            );
        }
    }
    out.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then(a.kind.cmp(&b.kind))
            .then_with(|| a.subject.id.cmp(&b.subject.id))
    });
    out
}

fn fallback_sentence(system: &CriticalSystem) -> String {
    match &system.manual_fallback {
        None => "There is no manual fallback.".to_owned(),
        Some(f) if tested_fallback(Some(f)) => format!(
            "Its own fallback ({}) carries {}% of output for {} days, but does not help the systems that need it.",
            f.description,
            trim(f.capacity_percent),
            trim(f.sustainable_days)
        ),
        Some(f) => format!(
            "Its fallback ({}) has never been rehearsed, so it cannot be relied on.",
            f.description
        ),
    }
}

fn service_name(service: ProviderService) -> &'static str {
    match service {
        ProviderService::ItOutsourcing => "IT outsourcing",
        ProviderService::ManagedSecurity => "managed security",
        ProviderService::HelpDesk => "the help desk",
        ProviderService::Hosting => "hosting",
        ProviderService::Saas => "software as a service",
        ProviderService::OtIntegrator => "OT integration",
        ProviderService::EdiNetwork => "the EDI network",
        ProviderService::Other => "other services",
    }
}

fn trim(value: f64) -> String {
    let text = format!("{value:.1}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests;
