//! Property tests of the scoring invariants on the shipped bank with random
//! answers: bounds, determinism, monotonicity, not-applicable as absence, caps.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::*;
use crate::bank::AnswerKind;

fn bank() -> &'static Bank {
    use std::sync::OnceLock;
    static BANK: OnceLock<Bank> = OnceLock::new();
    BANK.get_or_init(|| Bank::shipped().expect("shipped bank is valid"))
}

/// A response for a question, drawn from what it can take, or no response (`None`).
fn response_for(question: &Question, pick: u8) -> Option<Response> {
    match pick % 8 {
        0 => None,
        1 => Some(Response::Unknown),
        2 => Some(Response::NotApplicable("not here".into())),
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

fn answers() -> impl Strategy<Value = BTreeMap<QuestionId, Response>> {
    let n = bank().questions().count();
    proptest::collection::vec(any::<u8>(), n).prop_map(|picks| {
        bank()
            .questions()
            .zip(picks)
            .filter_map(|(q, pick)| Some((q.id.clone(), response_for(q, pick)?)))
            .collect()
    })
}

fn targets() -> Targets {
    Targets {
        profile: "standard".into(),
        overrides: BTreeMap::new(),
    }
}

/// Every score of a card, labelled, for comparisons.
fn all_scores(card: &Scorecard) -> Vec<(String, Option<f64>)> {
    let mut scores = vec![("index".to_owned(), card.index)];
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
    fn every_score_is_within_0_and_100(answers in answers()) {
        let card = score(bank(), &answers, &targets());
        for (label, value) in all_scores(&card) {
            if let Some(v) = value {
                prop_assert!((0.0..=100.0).contains(&v), "{label} = {v}");
            }
        }
    }

    #[test]
    fn scoring_is_identical_across_runs(answers in answers()) {
        let first = score(bank(), &answers, &targets());
        let second = score(&bank().clone(), &answers.clone(), &targets());
        prop_assert_eq!(&first, &second);
        prop_assert_eq!(serde_json::to_string(&first).unwrap(), serde_json::to_string(&second).unwrap());
    }

    #[test]
    fn raising_any_answer_never_lowers_any_score(answers in answers(), which in any::<prop::sample::Index>()) {
        let raisable: Vec<(QuestionId, Response)> = bank()
            .questions()
            .filter(|q| q.is_scored())
            .filter_map(|q| Some((q.id.clone(), raised(q, answers.get(&q.id)?)?)))
            .collect();
        prop_assume!(!raisable.is_empty());
        let (id, higher) = raisable[which.index(raisable.len())].clone();
        let before = score(bank(), &answers, &targets());
        let mut after_answers = answers.clone();
        after_answers.insert(id.clone(), higher);
        let after = score(bank(), &after_answers, &targets());
        for ((label, b), (_, a)) in all_scores(&before).into_iter().zip(all_scores(&after)) {
            match (b, a) {
                (Some(b), Some(a)) => prop_assert!(a >= b, "raising {id} lowered {label} from {b} to {a}"),
                (Some(_), None) => prop_assert!(false, "raising {id} removed the score of {label}"),
                _ => {}
            }
        }
    }

    #[test]
    fn not_applicable_only_leaves_the_denominator(answers in answers(), which in any::<prop::sample::Index>()) {
        let scored: Vec<&Question> = bank().questions().filter(|q| q.is_scored()).collect();
        let question = scored[which.index(scored.len())];
        let mut na = answers.clone();
        na.insert(question.id.clone(), Response::NotApplicable("does not apply".into()));
        let mut absent = answers.clone();
        absent.remove(&question.id);
        let with_na = score(bank(), &na, &targets());
        let without = score(bank(), &absent, &targets());
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
    fn caps_bind_and_carry_their_reason(answers in answers()) {
        let card = score(bank(), &answers, &targets());
        for domain in &card.domains {
            for applied in &domain.caps {
                let cap = bank().domain(domain.code.as_str()).unwrap().caps.iter().find(|c| c.id == applied.id).unwrap();
                prop_assert_eq!(&applied.reason, &cap.reason);
                prop_assert!(!applied.trigger.is_empty());
                if let Some(s) = domain.score {
                    prop_assert!(s <= applied.max_score, "{} scores {s} above its cap {}", domain.code, applied.max_score);
                }
            }
        }
    }

    #[test]
    fn gaps_are_ranked_by_priority(answers in answers()) {
        let card = score(bank(), &answers, &targets());
        for pair in card.gaps.windows(2) {
            prop_assert!(pair[0].priority >= pair[1].priority);
        }
        for (i, gap) in card.gaps.iter().enumerate() {
            prop_assert_eq!(gap.rank, i + 1);
            prop_assert!(gap.level < gap.target);
            prop_assert_eq!(gap.recommendations.len(), usize::from(gap.target.get() - gap.level.get()));
        }
    }
}
