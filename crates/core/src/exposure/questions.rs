//! The bank questions behind each exposure flag, with the answer kind each is
//! expected to have, and the question each insurance fact is read from.
//!
//! Invariant: every flag names its questions through these tables, and the
//! tests below hold each id to the shipped bank: a question there, of the
//! kind written next to it. The facts are read by key (`policy::facts`); the
//! tests also hold each key to the question and kind its documentation names.

use crate::dependencies::rule_questions::rule_questions;

rule_questions! {
    /// `policy.not_in_force`: the policy status.
    NOT_IN_FORCE = ["INS-01": Choice];
    /// `policy.war_exclusion`: the exclusion reviewed, and exclusions between policies.
    WAR_EXCLUSION = ["INS-13": YesNo, "INS-14": Maturity];
    /// `policy.conditions`: conditions checked, and proposal-form accuracy.
    CONDITIONS = ["INS-15": YesNo, "INS-16": Maturity];
    /// `policy.panel_ir`: the panel firm in the plan, and claims readiness.
    PANEL_IR = ["INS-17": YesNo, "INS-18": Maturity];
    /// `policy.bi_sublimit_exhausted`: the sublimit, and the limit sized against a halt.
    BI_SUBLIMIT_EXHAUSTED = ["INS-06": Money, "INS-05": Maturity];
    /// `policy.aggregate_exhausted`: the aggregate limit, and the limit sized against a halt.
    AGGREGATE_EXHAUSTED = ["INS-02": Money, "INS-05": Maturity];
    /// `policy.indemnity_period`: the period in days, and terms fit for recovery.
    INDEMNITY_PERIOD = ["INS-08": Number, "INS-09": Maturity];
    /// `policy.voluntary_shutdown`: whether the terms are fit for the recovery.
    VOLUNTARY_SHUTDOWN = ["INS-09": Maturity];
    /// `policy.waiting_period`: the waiting period.
    WAITING_PERIOD = ["INS-07": Hours];
    /// `policy.facts_unknown`: the terms that may be filled with defaults.
    FACTS_UNKNOWN = [
        "INS-02": Money,
        "INS-03": Money,
        "INS-04": Percent,
        "INS-06": Money,
        "INS-07": Hours,
        "INS-08": Number,
    ];
    /// `policy.dependent_bi`: dependent cover, its sublimit, and its match to providers.
    DEPENDENT_BI = ["INS-10": Choice, "INS-11": Money, "INS-12": Maturity];
    /// `cash.exceeded.*`: financial resilience during a long halt.
    CASH_EXCEEDED = ["BCM-05": Maturity];
    /// `profit.exceeded`: the halt scenario in the risk register, and the limit sized against it.
    PROFIT_EXCEEDED = ["GOV-02": Maturity, "INS-05": Maturity];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::dependencies::rule_questions::{Expects, problems};
    use crate::exposure::facts;

    /// Every shipped bank: v1 assessments get the same exposure model.
    fn shipped_banks() -> Vec<Bank> {
        Bank::SHIPPED_MAJORS
            .iter()
            .map(|major| Bank::shipped_major(*major).unwrap().unwrap())
            .collect()
    }

    #[test]
    fn every_flag_question_is_in_the_shipped_bank_with_the_expected_kind() {
        let n_ids: usize = ALL.iter().map(|(_, qs)| qs.len()).sum();
        assert!(n_ids >= 20, "only {n_ids} ids in the flag tables");
        for bank in shipped_banks() {
            let found = problems(&bank, "exposure flag", ALL);
            assert!(
                found.is_empty(),
                "bank {}: {}",
                bank.version,
                found.join("\n")
            );
        }
    }

    #[test]
    fn every_insurance_fact_is_read_from_the_documented_question_and_kind() {
        let expected = [
            (facts::POLICY_STATUS, "INS-01", Expects::Choice),
            (facts::AGGREGATE_LIMIT, "INS-02", Expects::Money),
            (facts::RETENTION, "INS-03", Expects::Money),
            (facts::COINSURANCE_PERCENT, "INS-04", Expects::Percent),
            (facts::BI_SUBLIMIT, "INS-06", Expects::Money),
            (facts::WAITING_PERIOD_HOURS, "INS-07", Expects::Hours),
            (facts::INDEMNITY_PERIOD_DAYS, "INS-08", Expects::Number),
            (facts::DEPENDENT_BI, "INS-10", Expects::Choice),
            (facts::DEPENDENT_BI_SUBLIMIT, "INS-11", Expects::Money),
            (facts::WAR_EXCLUSION_REVIEWED, "INS-13", Expects::YesNo),
            (facts::CONDITIONS_REVIEWED, "INS-15", Expects::YesNo),
            (facts::PANEL_IR_PROVIDER, "INS-17", Expects::YesNo),
        ];
        let mut found = Vec::new();
        for (bank, (fact, id, expects)) in shipped_banks()
            .iter()
            .flat_map(|bank| expected.iter().map(move |e| (bank, *e)))
        {
            match bank.fact_question(fact) {
                None => found.push(format!(
                    "fact {fact} (expected on {id}, {}) is on no question of the shipped bank {}",
                    expects.name(),
                    bank.version
                )),
                Some(q) if q.id.as_str() != id || q.kind_name() != expects.name() => {
                    found.push(format!(
                        "fact {fact} is on {} ({}) in the shipped bank {}, but the model expects {id} ({})",
                        q.id,
                        q.kind_name(),
                        bank.version,
                        expects.name()
                    ));
                }
                Some(_) => {}
            }
        }
        assert!(found.is_empty(), "{}", found.join("\n"));
    }
}
