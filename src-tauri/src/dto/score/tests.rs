//! The scorecard DTO is core's scorecard, figure for figure, on bank 2: for
//! the shipped demo (two gates fire, one binds), for an assessment where one
//! gate holds an otherwise high index down, and for one where a justified
//! "not applicable" waives a gate (a risk accepted) while an unjustified one
//! leaves its cap firing.

use std::collections::BTreeMap;

use ironbridge_core::assessment::{Assessment, Response};
use ironbridge_core::bank::{AnswerKind, Bank, Question};
use ironbridge_core::scoring::{Scorecard, Targets, score, score_assessment};
use ironbridge_core::{Level, QuestionId};
use serde_json::{Value, json};

use super::{BoundKindDto, DomainRoleDto, ScorecardDto};

fn bank2() -> Bank {
    Bank::shipped_v2().expect("bank 2 loads")
}

fn qid(id: &str) -> QuestionId {
    QuestionId::parse(id).expect("a well-formed question id")
}

fn json_of<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("serialisable")
}

/// `value` with the keys the DTO adds to core's records removed from each element.
fn without(value: &Value, keys: &[&str]) -> Value {
    let mut value = value.clone();
    for item in value.as_array_mut().expect("an array").iter_mut() {
        let object = item.as_object_mut().expect("an array of objects");
        for key in keys {
            object.remove(*key);
        }
    }
    value
}

/// Every field the DTO copies from core equals core's, and every title the
/// DTO adds is the scored question's own.
fn assert_copies(card: &Scorecard, dto: &ScorecardDto) {
    let core = json_of(card);
    let ours = json_of(dto);
    for key in [
        "target_profile",
        "index",
        "index_ungated",
        "pending_gates",
        "provisional",
        "risk_transfer",
        "risk_transfer_contributions",
        "weakest_domain",
    ] {
        let ours = match key {
            "pending_gates" => without(&ours[key], &["title"]),
            _ => ours[key].clone(),
        };
        assert_eq!(ours, core[key], "{key}");
    }
    assert_eq!(without(&ours["gates"], &["title", "binds"]), core["gates"]);
    // Only the first gate can bind, and it does when the index is below the mean before gates.
    let held = matches!((card.index, card.index_ungated), (Some(i), Some(u)) if i < u);
    for (i, g) in dto.gates.iter().enumerate() {
        assert_eq!(g.binds, i == 0 && held, "{}", g.id);
    }
    assert_eq!(
        without(&ours["waivers"], &["title", "domain"]),
        core["waivers"]
    );
    for w in &dto.waivers {
        let holder = card
            .domains
            .iter()
            .find(|d| d.waived.iter().any(|x| x.id == w.id));
        assert_eq!(w.domain, holder.map(|d| d.code.to_string()), "{}", w.id);
        assert_eq!(w.domain.is_none(), w.kind == BoundKindDto::Gate, "{}", w.id);
    }
    let unjustified: Vec<&Value> = ours["unjustified_not_applicable"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|q| &q["id"])
        .collect();
    let core_unjustified: Vec<&Value> = core["unjustified_not_applicable"]
        .as_array()
        .expect("a list")
        .iter()
        .collect();
    assert_eq!(unjustified, core_unjustified);
    assert_eq!(dto.domains.len(), card.domains.len());
    for (d, c) in dto.domains.iter().zip(&card.domains) {
        assert_eq!(d.code, c.code.to_string());
        assert_eq!(json_of(&d.role), json_of(&c.role), "{}", d.code);
        assert_eq!(d.score, c.score, "{}", d.code);
    }
    let titles: BTreeMap<String, String> = card
        .domains
        .iter()
        .flat_map(|d| d.questions.iter())
        .map(|q| (q.id.to_string(), q.title.clone()))
        .collect();
    let named = dto
        .gates
        .iter()
        .map(|g| (&g.question, &g.title))
        .chain(dto.pending_gates.iter().map(|g| (&g.question, &g.title)))
        .chain(dto.waivers.iter().map(|w| (&w.question, &w.title)))
        .chain(
            dto.unjustified_not_applicable
                .iter()
                .map(|q| (&q.id, &q.title)),
        );
    for (question, title) in named {
        assert_eq!(title.as_ref(), titles.get(question), "{question}");
    }
}

/// The most a scored question can be answered: level 4, or its
/// highest-scoring option; `None` for a question not scored.
fn best(question: &Question) -> Option<Response> {
    if !question.is_scored() {
        return None;
    }
    match &question.kind {
        AnswerKind::Maturity { .. } => Level::new(4).map(Response::Level),
        AnswerKind::Choice { options } => options
            .iter()
            .filter(|o| o.level.is_some())
            .max_by_key(|o| o.level)
            .map(|o| Response::Choice(o.value.clone())),
        AnswerKind::YesNo => Some(Response::YesNo(true)),
        AnswerKind::Number { .. } => None,
    }
}

/// Bank 2 scored with its questions answered by `answer` (`None`: left unanswered).
fn scored(bank: &Bank, answer: impl Fn(&Question) -> Option<Response>) -> Scorecard {
    let responses: BTreeMap<QuestionId, Response> = bank
        .questions()
        .filter_map(|q| Some((q.id.clone(), answer(q)?)))
        .collect();
    let targets = Targets {
        profile: bank.profiles[0].id.clone(),
        overrides: BTreeMap::new(),
    };
    score(bank, &responses, &targets)
}

/// Every scored question answered as well as it can be, but for `changes`
/// (which may answer a question not scored).
fn scored_high(bank: &Bank, changes: &[(&str, Response)]) -> Scorecard {
    scored(bank, |q| {
        changes
            .iter()
            .find(|(id, _)| qid(id) == q.id)
            .map(|(_, r)| r.clone())
            .or_else(|| best(q))
    })
}

fn level(n: u8) -> Response {
    Response::Level(Level::new(n).expect("a level 0–4"))
}

#[test]
fn the_bank_2_demo_is_cores_scorecard_with_its_gates_and_risk_transfer_apart() {
    let bank = bank2();
    // The demo the app ships (its constant was renamed once already: find the one on bank 2).
    let assessment =
        Assessment::from_json(ironbridge_core::embedded::DEMO_ASSESSMENT).expect("the demo parses");
    assert_eq!(Bank::major_of(&assessment.bank.version), Some(2));
    let card = score_assessment(&bank, &assessment);
    let dto = ScorecardDto::new(&card, String::new());
    assert_copies(&card, &dto);

    // REC-02 and IAM-01 at level 1 fire their gates; the first binds only
    // if the mean before gates is above its maximum (the demo's is below).
    let fired: Vec<&str> = dto.gates.iter().map(|g| g.question.as_str()).collect();
    assert!(
        fired.contains(&"REC-02") && fired.contains(&"IAM-01"),
        "{fired:?}"
    );
    assert!(dto.gates.iter().all(|g| g.title.is_some()));
    let lowest = dto.gates[0].max_index;
    assert_eq!(
        dto.gates[0].binds,
        dto.index_ungated.is_some_and(|u| u > lowest)
    );
    assert!(dto.gates[1..].iter().all(|g| !g.binds));

    // Insurance is the risk-transfer score, never a term of the index.
    let ins = dto
        .domains
        .iter()
        .find(|d| d.code == "INS")
        .expect("bank 2 has INS");
    assert_eq!(ins.role, DomainRoleDto::RiskTransfer);
    assert!(dto.risk_transfer.is_some());
    assert_eq!(dto.risk_transfer_contributions.len(), 1);
    assert_eq!(dto.risk_transfer_contributions[0].id, "INS");
    assert!(card.index_contributions.iter().all(|c| c.id != "INS"));
    assert_ne!(dto.weakest_domain.as_deref(), Some("INS"));
}

#[test]
fn one_critical_gap_holds_an_otherwise_high_index_at_the_gates_maximum() {
    let bank = bank2();
    let card = scored_high(&bank, &[("REC-02", level(1))]);
    let dto = ScorecardDto::new(&card, String::new());
    assert_copies(&card, &dto);

    let gate = bank.gate("GATE-REC-02").expect("bank 2 gates REC-02");
    assert_eq!(dto.gates.len(), 1, "{:?}", dto.gates);
    let g = &dto.gates[0];
    assert_eq!(
        (g.id.as_str(), g.question.as_str()),
        ("GATE-REC-02", "REC-02")
    );
    assert!(g.binds);
    assert_eq!(g.max_index, gate.max_index);
    assert_eq!(g.reason, gate.reason);
    assert_eq!(g.trigger, "level 1, below 2");
    let title = &bank.question(&qid("REC-02")).expect("REC-02").title;
    assert_eq!(g.title.as_ref(), Some(title));
    assert_eq!(dto.index, Some(gate.max_index));
    assert!(dto.index_ungated.is_some_and(|u| u > 80.0), "{dto:?}");
    assert!(!dto.provisional && dto.pending_gates.is_empty());
    assert!(dto.waivers.is_empty() && dto.unjustified_not_applicable.is_empty());
}

#[test]
fn a_gate_that_fires_below_the_index_does_not_bind() {
    let bank = bank2();
    // Every maturity question at level 0 but REC-02 at 1: the index is below every gate.
    let card = scored(&bank, |q| match q.kind {
        AnswerKind::Maturity { .. } if q.id == qid("REC-02") => Some(level(1)),
        AnswerKind::Maturity { .. } => Some(level(0)),
        _ => best(q),
    });
    let dto = ScorecardDto::new(&card, String::new());
    assert_copies(&card, &dto);
    assert!(!dto.gates.is_empty());
    assert!(dto.gates.iter().all(|g| !g.binds), "{:?}", dto.gates);
    assert_eq!(dto.index, dto.index_ungated);
}

#[test]
fn a_justified_not_applicable_is_a_risk_accepted_and_an_unjustified_one_still_fires() {
    let bank = bank2();
    let why = "Production runs on paper; no system holds data worth restoring.";
    let card = scored_high(
        &bank,
        &[
            ("REC-02", Response::NotApplicable(why.to_owned())),
            ("IAM-01", Response::NotApplicable("  ".to_owned())),
            (
                "INS-19",
                Response::NotApplicable("No system production needs is outsourced.".to_owned()),
            ),
        ],
    );
    let dto = ScorecardDto::new(&card, String::new());
    assert_copies(&card, &dto);

    let gate = dto
        .waivers
        .iter()
        .find(|w| w.kind == BoundKindDto::Gate)
        .expect("the REC-02 gate is waived");
    assert_eq!(
        (gate.id.as_str(), gate.question.as_str()),
        ("GATE-REC-02", "REC-02")
    );
    assert_eq!(gate.justification, why);
    assert_eq!(
        gate.title.as_ref(),
        Some(&bank.question(&qid("REC-02")).expect("REC-02").title)
    );
    let cap = dto
        .waivers
        .iter()
        .find(|w| w.kind == BoundKindDto::Cap && w.question == "REC-02")
        .expect("the REC-02 cap is waived too");
    assert_eq!(
        (cap.id.as_str(), cap.domain.as_deref()),
        ("CAP-REC-01", Some("REC"))
    );
    assert_eq!(cap.justification, why);
    // INS-19 is not scored: its cap is waived, and the screen takes its title from the bank.
    let ins = dto
        .waivers
        .iter()
        .find(|w| w.question == "INS-19")
        .expect("the INS-19 cap is waived");
    assert_eq!(
        (ins.id.as_str(), ins.domain.as_deref(), ins.title.as_deref()),
        ("CAP-INS-04", Some("INS"), None)
    );
    assert_eq!(dto.waivers.len(), 3, "{:?}", dto.waivers);

    // IAM-01 marked not applicable without a reason: its gate fires and binds.
    assert_eq!(
        json_of(&dto.unjustified_not_applicable),
        json!([{"id": "IAM-01", "title": bank.question(&qid("IAM-01")).expect("IAM-01").title}])
    );
    assert_eq!(dto.gates.len(), 1);
    assert_eq!(dto.gates[0].question, "IAM-01");
    assert_eq!(
        dto.gates[0].trigger,
        "not applicable without a justification"
    );
    assert!(dto.gates[0].binds);
}

#[test]
fn an_unanswered_gate_question_makes_the_index_provisional() {
    let bank = bank2();
    assert!(!scored_high(&bank, &[]).provisional);
    let card = scored(&bank, |q| if q.id == qid("OT-02") { None } else { best(q) });
    let dto = ScorecardDto::new(&card, String::new());
    assert_copies(&card, &dto);
    assert!(dto.provisional);
    assert_eq!(dto.pending_gates.len(), 1);
    let p = &dto.pending_gates[0];
    assert_eq!(
        (p.id.as_str(), p.question.as_str(), p.below),
        ("GATE-OT-02", "OT-02", 2)
    );
    assert!(p.title.is_some());
    assert!(dto.gates.is_empty());
}
