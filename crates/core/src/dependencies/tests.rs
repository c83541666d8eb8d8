//! Dependency analysis on small hand-made graphs: exactly the expected single
//! points of failure, blast radii, concentration and findings.

use super::*;
use crate::assessment::{ContractClauses, Hosting, Provider, SystemCategory};

fn system(id: &str, impact: ProductionImpact) -> CriticalSystem {
    CriticalSystem {
        id: id.into(),
        name: id.to_uppercase(),
        category: SystemCategory::Other,
        owner: String::new(),
        hosting: Hosting::OnPremises,
        provider: None,
        production_impact: impact,
        processes: Vec::new(),
        depends_on: Vec::new(),
        rto_hours: Some(24.0),
        rpo_hours: None,
        rto_tested: true,
        last_restore_test: None,
        manual_fallback: None,
    }
}

fn fallback(rehearsed: bool) -> Option<ManualFallback> {
    Some(ManualFallback {
        description: "paper".into(),
        sustainable_days: 3.0,
        capacity_percent: 50.0,
        rehearsed,
    })
}

fn provider(id: &str, services: &[ProviderService], reaches: &[&str]) -> Provider {
    Provider {
        id: id.into(),
        name: id.to_uppercase(),
        services: services.to_vec(),
        privileged_access: true,
        reaches: reaches.iter().map(|s| (*s).to_owned()).collect(),
        contract: ContractClauses {
            incident_notice_hours: Some(24),
            right_to_audit: true,
            helpdesk_identity_verification: true,
            subcontractor_flow_down: true,
        },
        certifications: Vec::new(),
    }
}

fn strings(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| (*s).to_owned()).collect()
}

/// A plant in miniature: identity under ERP and MES, a warehouse system on
/// ERP, PLCs on their own, an outsourcer running ERP with access to identity
/// and email, an OT integrator, and an EDI network.
fn plant() -> Registers {
    use ProductionImpact::*;
    let ad = system("ad", Degrades);
    let mut erp = system("erp", Stops);
    erp.provider = Some("outsourcer".into());
    erp.depends_on = strings(&["ad"]);
    erp.processes = strings(&["dispatch", "planning"]);
    let mut mes = system("mes", Stops);
    mes.depends_on = strings(&["ad", "historian"]);
    mes.processes = strings(&["welding"]);
    mes.manual_fallback = fallback(true);
    let historian = system("historian", None);
    let mut email = system("email", None);
    email.depends_on = strings(&["ad"]);
    let mut edi = system("edi", Degrades);
    edi.provider = Some("van".into());
    edi.processes = strings(&["dispatch"]);
    let mut wms = system("wms", Stops);
    wms.depends_on = strings(&["erp"]);
    wms.processes = strings(&["dispatch"]);
    wms.manual_fallback = fallback(false);
    let mut plc = system("plc", Stops);
    plc.processes = strings(&["stamping"]);
    plc.rto_tested = false;
    Registers {
        systems: vec![ad, erp, mes, historian, email, edi, wms, plc],
        providers: vec![
            provider(
                "outsourcer",
                &[
                    ProviderService::ItOutsourcing,
                    ProviderService::HelpDesk,
                    ProviderService::ManagedSecurity,
                ],
                &["ad", "email"],
            ),
            provider(
                "integrator",
                &[ProviderService::OtIntegrator],
                &["plc", "mes"],
            ),
            provider("van", &[ProviderService::EdiNetwork], &[]),
        ],
    }
}

fn spof_ids(analysis: &DependencyAnalysis) -> Vec<String> {
    analysis
        .single_points_of_failure
        .iter()
        .map(|s| format!("{:?}:{}", s.subject.kind, s.subject.id))
        .collect()
}

#[test]
fn single_points_of_failure_are_exactly_the_production_stopping_systems_and_reaching_providers() {
    let analysis = analyse(&plant(), &DependencyConfig::default());
    // ad: degrades itself, but ERP (no fallback) needs it → stops production.
    // erp: stops, no fallback. wms: stops, fallback never rehearsed. plc: stops, no fallback.
    // mes: tested fallback, nothing needs it → not one. historian: only MES (tested fallback) needs it.
    // outsourcer: hosts erp, reaches ad and email → 3 systems, at the threshold.
    assert_eq!(
        spof_ids(&analysis),
        [
            "System:ad",
            "System:erp",
            "System:wms",
            "System:plc",
            "Provider:outsourcer"
        ]
    );
}

#[test]
fn provider_threshold_is_configurable() {
    let analysis = analyse(
        &plant(),
        &DependencyConfig {
            provider_threshold: 2,
        },
    );
    let providers: Vec<&str> = analysis
        .providers
        .iter()
        .filter(|p| p.single_point_of_failure)
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(providers, ["outsourcer", "integrator"]);
}

#[test]
fn blast_radius_follows_depends_on_transitively() {
    let analysis = analyse(&plant(), &DependencyConfig::default());
    let outsourcer = &analysis.providers[0];
    assert_eq!(outsourcer.hosts, ["erp"]);
    assert_eq!(outsourcer.reaches, ["ad", "email", "erp"]);
    // Compromise: ad, email, erp, then mes (needs ad) and wms (needs erp).
    assert_eq!(
        outsourcer.compromise.systems,
        ["ad", "email", "erp", "mes", "wms"]
    );
    assert_eq!(
        outsourcer.compromise.processes,
        ["dispatch", "planning", "welding"]
    );
    assert_eq!(
        outsourcer.compromise.production_stopping_systems,
        ["ad", "erp", "wms"]
    );
    assert!(outsourcer.compromise.stops_production);
    // Outage: only what it hosts and what needs that.
    assert_eq!(outsourcer.outage.systems, ["erp", "wms"]);
    assert!(outsourcer.outage.stops_production);
    // 3 of the 4 production-stopping systems (ad, erp, plc, wms).
    assert_eq!(outsourcer.production_stopping_systems_total, 4);
    assert!((outsourcer.share_of_production_stopping_systems - 0.75).abs() < 1e-12);
    assert!((outsourcer.share_of_systems - 5.0 / 8.0).abs() < 1e-12);

    let integrator = &analysis.providers[1];
    assert_eq!(integrator.compromise.systems, ["mes", "plc"]);
    assert_eq!(integrator.outage.systems, Vec::<String>::new());
    assert!(!integrator.outage.stops_production);

    let van = &analysis.providers[2];
    assert_eq!(van.outage.systems, ["edi"]);
    assert_eq!(van.outage.processes, ["dispatch"]);
    assert!(!van.outage.stops_production, "EDI only degrades");
}

#[test]
fn combining_outsourcing_help_desk_and_security_is_measured() {
    let analysis = analyse(&plant(), &DependencyConfig::default());
    let outsourcer = &analysis.providers[0];
    assert!(outsourcer.combines_critical_services);
    assert_eq!(outsourcer.combined_critical_services.len(), 3);
    assert!(!analysis.providers[1].combines_critical_services);
    let finding = analysis
        .findings
        .iter()
        .find(|f| f.id == "concentration.combined_services.outsourcer")
        .expect("finding");
    assert_eq!(finding.severity, Severity::Critical);
    assert!(
        finding.explanation.contains("75%"),
        "{}",
        finding.explanation
    );
}

#[test]
fn systems_know_what_they_need_and_what_needs_them() {
    let analysis = analyse(&plant(), &DependencyConfig::default());
    let ad = &analysis.systems[0];
    assert_eq!(ad.needed_by, ["email", "erp", "mes", "wms"]);
    assert_eq!(ad.stops_production_through, ["erp", "wms"]);
    assert_eq!(ad.processes_lost, ["dispatch", "planning", "welding"]);
    assert_eq!(ad.providers, ["outsourcer"]);
    let wms = &analysis.systems[6];
    assert_eq!(wms.needs, ["ad", "erp"]);
    let dispatch = analysis
        .processes
        .iter()
        .find(|p| p.name == "dispatch")
        .expect("dispatch");
    assert_eq!(dispatch.systems, ["edi", "erp", "wms"]);
    assert_eq!(dispatch.needs, ["ad", "edi", "erp", "wms"]);
    assert_eq!(dispatch.providers, ["outsourcer", "van"]);
}

#[test]
fn a_fallback_does_not_help_the_systems_that_need_it() {
    use ProductionImpact::*;
    let mut x = system("x", Stops);
    x.manual_fallback = fallback(true);
    let mut y = system("y", Stops);
    y.depends_on = strings(&["x"]);
    let registers = Registers {
        systems: vec![x, y],
        providers: Vec::new(),
    };
    let analysis = analyse(&registers, &DependencyConfig::default());
    assert_eq!(spof_ids(&analysis), ["System:x", "System:y"]);
    assert!(
        analysis.single_points_of_failure[0]
            .reason
            .starts_with("Y needs it and stops production"),
        "{}",
        analysis.single_points_of_failure[0].reason
    );
}

#[test]
fn a_rehearsed_fallback_removes_a_single_point_of_failure() {
    let mut x = system("x", ProductionImpact::Stops);
    x.manual_fallback = fallback(true);
    let registers = Registers {
        systems: vec![x],
        providers: Vec::new(),
    };
    let analysis = analyse(&registers, &DependencyConfig::default());
    assert!(analysis.single_points_of_failure.is_empty());
}

#[test]
fn cycles_are_reported_and_do_not_hang() {
    use ProductionImpact::*;
    let mut a = system("a", Stops);
    a.depends_on = strings(&["b"]);
    let mut b = system("b", None);
    b.depends_on = strings(&["a"]);
    let mut c = system("c", None);
    c.depends_on = strings(&["missing"]);
    let registers = Registers {
        systems: vec![a, b, c],
        providers: Vec::new(),
    };
    let analysis = analyse(&registers, &DependencyConfig::default());
    assert_eq!(analysis.cycles, [strings(&["a", "b"])]);
    assert_eq!(spof_ids(&analysis), ["System:a", "System:b"]);
    assert_eq!(analysis.systems[0].needs, ["b"]);
    assert_eq!(analysis.systems[0].needed_by, ["b"]);
    assert!(
        analysis
            .findings
            .iter()
            .any(|f| f.id == "graph.cycle.a" && f.title == "Circular dependency: a → b → a")
    );
}

#[test]
fn help_desk_without_identity_checks_is_a_finding() {
    let mut registers = plant();
    registers.providers[0]
        .contract
        .helpdesk_identity_verification = false;
    registers.providers[0].contract.incident_notice_hours = None;
    let found: Vec<String> = findings(&registers, &DependencyConfig::default())
        .into_iter()
        .filter(|f| f.subject.id == "outsourcer")
        .map(|f| format!("{}:{}", f.severity.label(), f.id))
        .collect();
    assert_eq!(
        found,
        [
            "Critical:spof.provider.outsourcer",
            "Critical:concentration.combined_services.outsourcer",
            "Critical:provider.helpdesk_verification.outsourcer",
            "High:provider.outage_stops_production.outsourcer",
            "Medium:provider.no_incident_notice.outsourcer",
        ]
    );
}

#[test]
fn findings_are_ranked_by_severity_then_kind_then_subject() {
    let found: Vec<String> = findings(&plant(), &DependencyConfig::default())
        .into_iter()
        .map(|f| format!("{}:{}", f.severity.label(), f.id))
        .collect();
    assert_eq!(
        found,
        [
            "Critical:spof.system.ad",
            "Critical:spof.system.erp",
            "Critical:spof.system.plc",
            "Critical:spof.provider.outsourcer",
            "Critical:concentration.combined_services.outsourcer",
            "High:spof.system.wms",
            "High:provider.outage_stops_production.outsourcer",
            "Medium:system.rto_untested.plc",
        ]
    );
}

#[test]
fn graph_edges_point_from_provider_to_system_to_process() {
    let analysis = analyse(&plant(), &DependencyConfig::default());
    let has = |from: &str, to: &str, kind: EdgeKind| {
        analysis
            .edges
            .iter()
            .any(|e| e.from == from && e.to == to && e.kind == kind)
    };
    assert!(has("provider:outsourcer", "system:erp", EdgeKind::Hosts));
    assert!(has("provider:outsourcer", "system:ad", EdgeKind::Reaches));
    assert!(has("system:ad", "system:erp", EdgeKind::Supports));
    assert!(has("system:erp", "process:planning", EdgeKind::Serves));
    let kinds: Vec<NodeKind> = analysis.nodes.iter().map(|n| n.kind).collect();
    let mut sorted = kinds.clone();
    sorted.sort();
    assert_eq!(kinds, sorted, "providers, then systems, then processes");
    assert_eq!(analysis.nodes.len(), 3 + 8 + 4);
}

#[test]
fn analysis_is_deterministic() {
    let a = serde_json::to_string(&analyse(&plant(), &DependencyConfig::default())).unwrap();
    let b = serde_json::to_string(&analyse(&plant(), &DependencyConfig::default())).unwrap();
    assert_eq!(a, b);
}
