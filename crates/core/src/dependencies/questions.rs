//! The bank questions behind each kind of dependency finding, with the answer
//! kind each is expected to have.
//!
//! Invariant: every finding names its questions through these tables (see
//! [`FindingKind::questions`]), and the tests below hold each id to the
//! shipped bank: a question there, of the kind written next to it.

use super::FindingKind;
use super::rule_questions::{RuleQuestion, rule_questions};

rule_questions! {
    /// A system whose loss stops production.
    SYSTEM_SINGLE_POINT = ["DEP-07": Maturity, "BCM-02": Maturity, "REC-03": Maturity];
    /// A production-stopping system without a recovery time objective.
    NO_RECOVERY_OBJECTIVE = ["DEP-03": Maturity, "REC-04": Maturity];
    /// A production-stopping system whose recovery time was never shown.
    UNTESTED_RECOVERY = ["REC-03": Maturity, "REC-04": Maturity];
    /// A provider that reaches the threshold number of systems.
    PROVIDER_SINGLE_POINT = ["OUT-01": Maturity, "OUT-02": Maturity, "OUT-06": Maturity];
    /// A provider combining IT outsourcing, help desk and/or managed security.
    COMBINED_SERVICES = ["OUT-06": Maturity, "OUT-07": Maturity, "OUT-02": Maturity];
    /// A help desk that resets credentials without verifying identity.
    HELP_DESK_VERIFICATION = ["OUT-03": Maturity, "OUT-04": Maturity];
    /// A provider whose outage stops production.
    PROVIDER_OUTAGE_STOPS_PRODUCTION = ["INS-10": Choice, "INS-12": Maturity, "DEP-06": Maturity];
    /// A privileged provider with no incident notice deadline.
    NO_INCIDENT_NOTICE = ["OUT-04": Maturity, "OUT-08": Maturity];
    /// A `depends_on` cycle.
    DEPENDENCY_CYCLE = ["DEP-02": Maturity, "REC-06": Maturity];
}

impl FindingKind {
    /// The bank questions that cover findings of this kind, in report order.
    pub(super) fn questions(self) -> &'static [RuleQuestion] {
        match self {
            FindingKind::SystemSinglePoint => SYSTEM_SINGLE_POINT,
            FindingKind::ProviderSinglePoint => PROVIDER_SINGLE_POINT,
            FindingKind::CombinedServices => COMBINED_SERVICES,
            FindingKind::HelpDeskVerification => HELP_DESK_VERIFICATION,
            FindingKind::ProviderOutageStopsProduction => PROVIDER_OUTAGE_STOPS_PRODUCTION,
            FindingKind::NoRecoveryObjective => NO_RECOVERY_OBJECTIVE,
            FindingKind::UntestedRecovery => UNTESTED_RECOVERY,
            FindingKind::NoIncidentNotice => NO_INCIDENT_NOTICE,
            FindingKind::DependencyCycle => DEPENDENCY_CYCLE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::dependencies::rule_questions::problems;

    #[test]
    fn every_finding_question_is_in_the_shipped_bank_with_the_expected_kind() {
        let n_ids: usize = ALL.iter().map(|(_, qs)| qs.len()).sum();
        assert!(n_ids >= 20, "only {n_ids} ids in the finding tables");
        // Every shipped bank: v1 assessments get the same dependency analysis.
        for major in Bank::SHIPPED_MAJORS {
            let bank = Bank::shipped_major(major).unwrap().unwrap();
            let found = problems(&bank, "dependency finding", ALL);
            assert!(
                found.is_empty(),
                "bank {}: {}",
                bank.version,
                found.join("\n")
            );
        }
    }
}
