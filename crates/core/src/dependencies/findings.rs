//! The findings of the analysis, sentence by sentence: each single point of
//! failure, concentration, reach and weakness of the registers, with its
//! severity, what to do and the bank questions that cover it.

use super::{
    Finding, FindingKind, ProviderConcentration, Severity, Subject, SubjectKind, SystemNode, names,
    rule_questions, system_spof_reason, tested_fallback,
};
use crate::assessment::{CriticalSystem, ProductionImpact, ProviderService, Registers};

pub(super) fn build_findings(
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
