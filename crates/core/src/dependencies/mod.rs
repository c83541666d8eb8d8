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

use crate::assessment::{
    CriticalSystem, ManualFallback, ProductionImpact, ProviderService, Registers,
};

mod findings;
use findings::build_findings;
mod model;
mod questions;
pub(crate) mod rule_questions;

pub use model::{
    BlastRadius, DependencyAnalysis, DependencyConfig, Edge, EdgeKind, Finding, FindingKind, Node,
    NodeKind, ProcessNode, ProviderConcentration, Severity, SinglePointOfFailure, Subject,
    SubjectKind, SystemNode,
};

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

#[cfg(test)]
mod tests;
