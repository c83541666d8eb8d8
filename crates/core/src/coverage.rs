//! How the answers map onto the frameworks the bank cites: for each top-level
//! group (NIST CSF 2.0 function, NCSC CAF objective, ISO theme, IEC 62443
//! foundational requirement), the questions that cite it and their mean score.
//!
//! Invariant: a question counts once per group however many of the group's
//! controls it cites; only scored, counted questions contribute to the mean;
//! only the catalogues the bank selects are covered, each edition once.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::bank::Bank;
use crate::frameworks::Catalogue;
use crate::ids::QuestionId;
use crate::scoring::Scorecard;

/// Coverage of one framework.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FrameworkCoverage {
    /// The framework's prefix (`CSF`).
    pub prefix: String,
    /// Its name and edition.
    pub name: String,
    /// One entry per top-level group, in the framework's order.
    pub groups: Vec<GroupCoverage>,
}

/// Coverage of one group of a framework.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupCoverage {
    /// The group's id (`PR`, `B`).
    pub id: String,
    /// Its name (`Protect`).
    pub name: String,
    /// Questions that cite at least one of its controls.
    pub questions: Vec<QuestionId>,
    /// Distinct controls of the group cited by the bank.
    pub controls_cited: usize,
    /// Controls the group has in the catalogue.
    pub controls_total: usize,
    /// Mean score of the cited questions that count, 0–100; `None` when none counts.
    pub mean_score: Option<f64>,
}

/// Coverage of every framework in `prefixes` (all the bank's frameworks when
/// empty), each in the edition the bank cites (`[bank] frameworks`).
pub fn coverage(
    bank: &Bank,
    card: &Scorecard,
    catalogue: &Catalogue,
    prefixes: &[&str],
) -> Vec<FrameworkCoverage> {
    let scores: BTreeMap<&QuestionId, f64> = card
        .domains
        .iter()
        .flat_map(|d| d.questions.iter())
        .filter_map(|q| Some((&q.id, q.score?)))
        .collect();
    // Only the catalogues the bank cites: bank 1's CAF is 3.2, bank 2's is 4.0.
    let selected = catalogue.for_bank(bank);
    selected
        .frameworks()
        .filter(|f| prefixes.is_empty() || prefixes.contains(&f.prefix.as_str()))
        .map(|framework| {
            let groups = framework
                .groups
                .iter()
                .map(|group| {
                    let mut questions = Vec::new();
                    let mut cited = std::collections::BTreeSet::new();
                    for question in bank.questions() {
                        let mut hit = false;
                        for reference in question
                            .refs
                            .iter()
                            .filter(|r| r.framework == framework.prefix)
                        {
                            if framework
                                .controls
                                .get(&reference.id)
                                .is_some_and(|c| c.group == group.id)
                            {
                                hit = true;
                                cited.insert(reference.id.clone());
                            }
                        }
                        if hit {
                            questions.push(question.id.clone());
                        }
                    }
                    let counted: Vec<f64> = questions
                        .iter()
                        .filter_map(|q| scores.get(q).copied())
                        .collect();
                    let mean_score = (!counted.is_empty())
                        .then(|| counted.iter().sum::<f64>() / counted.len() as f64);
                    GroupCoverage {
                        id: group.id.clone(),
                        name: group.name.clone(),
                        questions,
                        controls_cited: cited.len(),
                        controls_total: framework
                            .controls
                            .values()
                            .filter(|c| c.group == group.id)
                            .count(),
                        mean_score,
                    }
                })
                .collect();
            FrameworkCoverage {
                prefix: framework.prefix.clone(),
                name: format!("{} ({})", framework.name, framework.edition),
                groups,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Assessment;
    use crate::scoring::score_assessment;

    #[test]
    fn demo_covers_every_csf_function_and_caf_objective() {
        // The demo on bank 2 (CAF 4.0), and as answered on bank 1 (CAF 3.2).
        for (bank, text) in [
            (Bank::shipped().unwrap(), crate::embedded::DEMO_ASSESSMENT),
            (
                Bank::shipped_v1().unwrap(),
                crate::embedded::DEMO_ASSESSMENT_V1,
            ),
        ] {
            let demo = Assessment::from_json(text).unwrap();
            assert_eq!(demo.bank.version, bank.version);
            let card = score_assessment(&bank, &demo);
            let result = coverage(&bank, &card, Catalogue::shipped(), &["CSF", "CAF"]);
            assert_eq!(result.len(), 2);
            let csf = result.iter().find(|f| f.prefix == "CSF").unwrap();
            let ids: Vec<&str> = csf.groups.iter().map(|g| g.id.as_str()).collect();
            assert_eq!(ids, ["GV", "ID", "PR", "DE", "RS", "RC"]);
            for group in result.iter().flat_map(|f| f.groups.iter()) {
                assert!(!group.questions.is_empty(), "{} is not covered", group.id);
                assert!(group.controls_cited <= group.controls_total);
                let mean = group.mean_score.unwrap();
                assert!((0.0..=100.0).contains(&mean));
            }
        }
    }

    #[test]
    fn bank_2_is_covered_against_caf_4_and_its_new_catalogues() {
        let bank = Bank::shipped_v2().unwrap();
        let card =
            crate::scoring::score(&bank, &BTreeMap::new(), &crate::scoring::Targets::default());
        let result = coverage(&bank, &card, Catalogue::shipped(), &[]);
        let caf: Vec<&FrameworkCoverage> = result.iter().filter(|f| f.prefix == "CAF").collect();
        assert_eq!(caf.len(), 1);
        assert!(caf[0].name.contains("4.0"), "{}", caf[0].name);
        assert_eq!(result.len(), bank.frameworks.len());
    }
}
