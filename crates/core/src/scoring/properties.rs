//! Property tests of the scoring invariants with random answers, on every
//! bank at hand (bank 1 as shipped, the version-2 mini bank with its gate and
//! risk-transfer domain, and bank 2 once embedded): bounds, determinism,
//! monotonicity, not-applicable as absence, caps, index gates and waivers.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::bank::AnswerKind;

/// The banks the properties run on.
fn banks() -> &'static [Bank] {
    use std::sync::OnceLock;
    static BANKS: OnceLock<Vec<Bank>> = OnceLock::new();
    BANKS.get_or_init(|| {
        let mini2 = crate::bank::load(
            &[crate::bank::Source {
                name: "valid-mini-v2.toml",
                text: include_str!("../../../../tests/fixtures/banks/valid-mini-v2.toml"),
            }],
            crate::frameworks::Catalogue::shipped(),
        )
        .expect("the version-2 mini bank is valid");
        vec![
            Bank::shipped_v1().expect("bank 1 is valid"),
            mini2,
            Bank::shipped_v2().expect("bank 2 is valid"),
        ]
    })
}

/// A response for a question, drawn from what it can take, or no response (`None`).
fn response_for(question: &Question, pick: u8) -> Option<Response> {
    match pick % 9 {
        0 => None,
        1 => Some(Response::Unknown),
        2 => Some(Response::NotApplicable("not here".into())),
        8 => Some(Response::NotApplicable(String::new())),
        n => Some(match &question.kind {
            AnswerKind::Maturity { .. } => Response::Level(Level::new(n % 5)?),
            AnswerKind::Choice { options } => {
                Response::Choice(options[usize::from(n) % options.len()].value.clone())
            }
            AnswerKind::YesNo => Response::YesNo(n % 2 == 0),
            AnswerKind::Number { .. } => Response::Number(f64::from(n) * 1000.0),
        }),
    }
}

/// A bank and random answers to it.
fn answers() -> impl Strategy<Value = (&'static Bank, BTreeMap<QuestionId, Response>)> {
    (0..banks().len()).prop_flat_map(|which| {
        let bank = &banks()[which];
        let n = bank.questions().count();
        proptest::collection::vec(any::<u8>(), n).prop_map(move |picks| {
            let answers = bank
                .questions()
                .zip(picks)
                .filter_map(|(q, pick)| Some((q.id.clone(), response_for(q, pick)?)))
                .collect();
            (bank, answers)
        })
    })
}

/// The middle profile of the bank (`standard` in bank 1).
fn targets(bank: &Bank) -> Targets {
    Targets {
        profile: bank.profiles[bank.profiles.len() / 2].id.clone(),
        overrides: BTreeMap::new(),
    }
}

/// Every score of a card, labelled, for comparisons.
fn all_scores(card: &Scorecard) -> Vec<(String, Option<f64>)> {
    let mut scores = vec![
        ("index".to_owned(), card.index),
        ("ungated index".to_owned(), card.index_ungated),
        ("risk transfer".to_owned(), card.risk_transfer),
    ];
    for d in &card.domains {
        scores.push((d.code.to_string(), d.score));
        for q in &d.questions {
            scores.push((q.id.to_string(), q.score));
        }
    }
    scores
}

/// The next level up of a scored answer, if there is one.
fn raised(question: &Question, response: &Response) -> Option<Response> {
    match (response, &question.kind) {
        (Response::Unknown, AnswerKind::Maturity { .. }) => Some(Response::Level(Level::new(1)?)),
        (Response::Level(level), AnswerKind::Maturity { .. }) => {
            Some(Response::Level(Level::new(level.get() + 1)?))
        }
        (Response::Unknown | Response::Choice(_), AnswerKind::Choice { options }) => {
            let current = match response {
                Response::Choice(v) => options.iter().find(|o| &o.value == v)?.level?,
                _ => Level::MIN,
            };
            let higher = options
                .iter()
                .filter(|o| o.level.is_some_and(|l| l > current))
                .min_by_key(|o| o.level)?;
            Some(Response::Choice(higher.value.clone()))
        }
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_score_is_within_0_and_100((bank, answers) in answers()) {
        let card = score(bank, &answers, &targets(bank));
        for (label, value) in all_scores(&card) {
            if let Some(v) = value {
                prop_assert!((0.0..=100.0).contains(&v), "{label} = {v}");
            }
        }
    }

    #[test]
    fn scoring_is_identical_across_runs((bank, answers) in answers()) {
        let first = score(bank, &answers, &targets(bank));
        let second = score(&bank.clone(), &answers.clone(), &targets(bank));
        prop_assert_eq!(&first, &second);
        prop_assert_eq!(serde_json::to_string(&first).unwrap(), serde_json::to_string(&second).unwrap());
    }

    #[test]
    fn raising_any_answer_never_lowers_any_score((bank, answers) in answers(), which in any::<prop::sample::Index>()) {
        let raisable: Vec<(QuestionId, Response)> = bank
            .questions()
            .filter(|q| q.is_scored())
            .filter_map(|q| Some((q.id.clone(), raised(q, answers.get(&q.id)?)?)))
            .collect();
        prop_assume!(!raisable.is_empty());
        let (id, higher) = raisable[which.index(raisable.len())].clone();
        let before = score(bank, &answers, &targets(bank));
        let mut after_answers = answers.clone();
        after_answers.insert(id.clone(), higher);
        let after = score(bank, &after_answers, &targets(bank));
        for ((label, b), (_, a)) in all_scores(&before).into_iter().zip(all_scores(&after)) {
            match (b, a) {
                (Some(b), Some(a)) => prop_assert!(a >= b, "raising {id} lowered {label} from {b} to {a}"),
                (Some(_), None) => prop_assert!(false, "raising {id} removed the score of {label}"),
                _ => {}
            }
        }
    }

    #[test]
    fn not_applicable_only_leaves_the_denominator((bank, answers) in answers(), which in any::<prop::sample::Index>()) {
        let scored: Vec<&Question> = bank.questions().filter(|q| q.is_scored()).collect();
        let question = scored[which.index(scored.len())];
        let mut na = answers.clone();
        na.insert(question.id.clone(), Response::NotApplicable("does not apply".into()));
        let mut absent = answers.clone();
        absent.remove(&question.id);
        let with_na = score(bank, &na, &targets(bank));
        let without = score(bank, &absent, &targets(bank));
        prop_assert_eq!(all_scores(&with_na), all_scores(&without));
        // And the domain score is the weighted mean of the other counted questions, capped.
        let domain = with_na.domain(question.id.domain_code()).unwrap();
        prop_assert!(domain.contributions.iter().all(|c| c.id != question.id.as_str()));
        let (sum, weights) = domain.contributions.iter().fold((0.0, 0.0), |(s, w), c| (s + c.weight * c.score, w + c.weight));
        let mean = (weights > 0.0).then(|| sum / weights);
        let cap = domain.caps.first().map_or(100.0, |c| c.max_score);
        prop_assert_eq!(domain.score.map(|s| (s * 1e9).round()), mean.map(|m| (m.min(cap) * 1e9).round()));
    }

    #[test]
    fn caps_bind_and_carry_their_reason((bank, answers) in answers()) {
        let card = score(bank, &answers, &targets(bank));
        for domain in &card.domains {
            for applied in &domain.caps {
                let cap = bank.domain(domain.code.as_str()).unwrap().caps.iter().find(|c| c.id == applied.id).unwrap();
                prop_assert_eq!(&applied.reason, &cap.reason);
                prop_assert!(!applied.trigger.is_empty());
                if let Some(s) = domain.score {
                    prop_assert!(s <= applied.max_score, "{} scores {s} above its cap {}", domain.code, applied.max_score);
                }
            }
        }
    }

    #[test]
    fn gaps_are_ranked_by_priority((bank, answers) in answers()) {
        let card = score(bank, &answers, &targets(bank));
        for pair in card.gaps.windows(2) {
            prop_assert!(pair[0].priority >= pair[1].priority);
        }
        for (i, gap) in card.gaps.iter().enumerate() {
            prop_assert_eq!(gap.rank, i + 1);
            prop_assert!(gap.level < gap.target);
            prop_assert_eq!(gap.recommendations.len(), usize::from(gap.target.get() - gap.level.get()));
        }
    }

    #[test]
    fn a_gate_question_below_its_level_bounds_the_index(
        (bank, answers) in answers(),
        which in any::<prop::sample::Index>(),
        pick in any::<u8>(),
    ) {
        prop_assume!(!bank.gates.is_empty());
        let gate = &bank.gates[which.index(bank.gates.len())];
        let question = bank.question(&gate.question).unwrap();
        let below = below_level(question, gate.below, pick);
        let mut forced = answers.clone();
        forced.insert(gate.question.clone(), below);
        let card = score(bank, &forced, &targets(bank));
        if let Some(index) = card.index {
            prop_assert!(index <= gate.max_index, "{} fires but the index is {index}", gate.id);
        }
        let applied = card.gates.iter().find(|g| g.id == gate.id);
        prop_assert!(applied.is_some_and(|g| g.reason == gate.reason), "{} not listed with its reason", gate.id);
        prop_assert!(card.gates.iter().all(|g| card.index.is_none_or(|i| i <= g.max_index)));
    }

    #[test]
    fn not_applicable_never_switches_a_cap_or_gate_off_silently((bank, answers) in answers()) {
        let card = score(bank, &answers, &targets(bank));
        for domain in &bank.domains {
            let scored = card.domain(domain.code.as_str()).unwrap();
            for cap in &domain.caps {
                let Some(Response::NotApplicable(why)) = answers.get(&cap.question) else { continue };
                let fired = scored.caps.iter().any(|c| c.id == cap.id);
                let waived = scored.waived.iter().find(|w| w.id == cap.id);
                if why.trim().is_empty() {
                    prop_assert!(fired, "{}: unjustified N/A must fire it", cap.id);
                } else {
                    prop_assert!(waived.is_some_and(|w| w.justification == why.trim() && w.kind == BoundKind::Cap), "{}: N/A must list it as waived", cap.id);
                    prop_assert!(card.waivers.iter().any(|w| w.id == cap.id));
                }
            }
        }
        for gate in &bank.gates {
            let Some(Response::NotApplicable(why)) = answers.get(&gate.question) else { continue };
            let fired = card.gates.iter().any(|g| g.id == gate.id);
            let waived = card.waivers.iter().find(|w| w.id == gate.id);
            if why.trim().is_empty() {
                prop_assert!(fired, "{}: unjustified N/A must fire it", gate.id);
                prop_assert!(card.unjustified_not_applicable.contains(&gate.question));
            } else {
                prop_assert!(waived.is_some_and(|w| w.justification == why.trim() && w.kind == BoundKind::Gate), "{}: N/A must list it as waived", gate.id);
            }
        }
    }

    #[test]
    fn an_unanswered_gate_question_makes_the_index_provisional((bank, answers) in answers()) {
        let card = score(bank, &answers, &targets(bank));
        for gate in &bank.gates {
            let pending = card.pending_gates.iter().any(|g| g.id == gate.id);
            prop_assert_eq!(pending, !answers.contains_key(&gate.question), "{}", gate.id);
        }
        prop_assert_eq!(card.provisional, !card.pending_gates.is_empty());
    }

    #[test]
    fn risk_transfer_domains_never_enter_the_index((bank, answers) in answers()) {
        let card = score(bank, &answers, &targets(bank));
        for domain in bank.domains.iter().filter(|d| d.role == DomainRole::RiskTransfer) {
            prop_assert!(card.index_contributions.iter().all(|c| c.id != domain.code.as_str()));
            prop_assert!(card.weakest_domain.as_ref() != Some(&domain.code));
        }
    }
}

/// A response below `below` on a gate's question: unknown, or a level (or
/// scored choice) under it, as `pick` chooses.
fn below_level(question: &Question, below: Level, pick: u8) -> Response {
    let levels: Vec<Response> = match &question.kind {
        AnswerKind::Maturity { .. } => (0..below.get())
            .filter_map(|n| Some(Response::Level(Level::new(n)?)))
            .collect(),
        AnswerKind::Choice { options } => options
            .iter()
            .filter(|o| o.level.is_some_and(|l| l < below))
            .map(|o| Response::Choice(o.value.clone()))
            .collect(),
        _ => Vec::new(),
    };
    let n = usize::from(pick) % (levels.len() + 1);
    levels.into_iter().nth(n).unwrap_or(Response::Unknown)
}
