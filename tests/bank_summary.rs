//! A snapshot of each shipped bank's summary (bank 2, the default, and bank 1,
//! kept for v1 assessments), so that every content change shows in review
//! beside its version bump; and each bank's required coverage.

use ironbridge_core::Bank;
use ironbridge_core::bank::{AnswerKind, CapCondition, DomainRole};

#[test]
fn shipped_bank_summary() {
    let bank = Bank::shipped().unwrap();
    assert_eq!(bank.major(), Bank::CURRENT_MAJOR);
    insta::assert_snapshot!(summary(&bank));
}

#[test]
fn bank_1_summary() {
    insta::assert_snapshot!(summary(&Bank::shipped_v1().unwrap()));
}

/// The bank's domains, questions (kind, title, scoring, references), caps and
/// index gates, one line each.
fn summary(bank: &Bank) -> String {
    let mut out = format!("{} {}\n", bank.id, bank.version);
    for domain in &bank.domains {
        let role = match domain.role {
            DomainRole::Resilience => "",
            DomainRole::RiskTransfer => ", risk transfer: not in the index",
        };
        out.push_str(&format!(
            "\n{} {} (weight {}{role})\n",
            domain.code, domain.name, domain.weight
        ));
        for q in &domain.questions {
            let scoring = q.scoring.as_ref().map_or_else(
                || format!("fact {}", q.fact.as_deref().unwrap_or("-")),
                |s| {
                    let targets: Vec<String> = bank
                        .profiles
                        .iter()
                        .map(|p| s.targets[&p.id].to_string())
                        .collect();
                    format!(
                        "w{} {:?} targets {}",
                        s.weight,
                        s.criticality,
                        targets.join("/")
                    )
                },
            );
            let refs: Vec<String> = q.refs.iter().map(ToString::to_string).collect();
            out.push_str(&format!(
                "  {} {} — {} [{}] {}\n",
                q.id,
                q.kind_name(),
                q.title,
                scoring,
                refs.join(", ")
            ));
        }
        for cap in &domain.caps {
            let when = match &cap.condition {
                CapCondition::Below(l) => format!("below {l}"),
                CapCondition::Equals(v) => format!("= {v}"),
            };
            out.push_str(&format!(
                "  {} {} {} → max {}\n",
                cap.id, cap.question, when, cap.max_score
            ));
        }
    }
    if !bank.gates.is_empty() {
        out.push_str("\nindex gates\n");
    }
    for gate in &bank.gates {
        out.push_str(&format!(
            "  {} {} below {} → index max {}\n",
            gate.id, gate.question, gate.below, gate.max_index
        ));
    }
    out
}

#[test]
fn shipped_banks_meet_the_method_rules() {
    for bank in [Bank::shipped().unwrap(), Bank::shipped_v1().unwrap()] {
        meets_the_method_rules(&bank);
    }
}

fn meets_the_method_rules(bank: &Bank) {
    assert!(bank.domains.len() >= 9, "at least 9 domains");
    assert!(bank.questions().count() >= 70, "at least 70 questions");
    for q in bank.questions().filter(|q| q.is_scored()) {
        if let AnswerKind::Maturity { levels } = &q.kind {
            assert_eq!(levels.len(), 5, "{}", q.id);
            for (i, level) in levels.iter().enumerate() {
                assert!(
                    level.split_whitespace().count() >= 8,
                    "{} level {i} is too thin to observe: {level}",
                    q.id
                );
            }
        }
        let frameworks: std::collections::BTreeSet<_> =
            q.refs.iter().map(|r| &r.framework).collect();
        assert!(frameworks.len() >= 2, "{}", q.id);
        assert!(
            q.guidance.len() > 40 && q.prompt.len() > 30,
            "{} needs real guidance and prompt",
            q.id
        );
    }
    for fact in [
        "insurance.policy_status",
        "insurance.aggregate_limit",
        "insurance.bi_sublimit",
        "insurance.waiting_period_hours",
        "insurance.retention",
        "insurance.dependent_bi",
        "insurance.war_exclusion_reviewed",
        "insurance.panel_ir_provider",
    ] {
        assert!(
            bank.fact_question(fact).is_some(),
            "no question records {fact}"
        );
    }
    assert!(
        bank.domains.iter().all(|d| !d.caps.is_empty()),
        "every domain has a cap"
    );
}
