//! Migration: the shipped map against both banks, the demo carried onto bank
//! 2, an unmigrated v1 file untouched, and the map's checks on the mini banks.

use super::*;
use crate::bank::{Source, load};
use crate::frameworks::Catalogue;

fn v1() -> Bank {
    Bank::shipped_v1().unwrap()
}

fn v2() -> Bank {
    Bank::shipped_v2().unwrap()
}

/// The demo as answered on bank 1 (a v1 assessment).
fn demo() -> Assessment {
    Assessment::from_json(crate::embedded::DEMO_ASSESSMENT_V1).unwrap()
}

fn mini(name: &str, text: &str) -> Bank {
    load(&[Source { name, text }], Catalogue::shipped()).unwrap()
}

fn minis() -> (Bank, Bank) {
    (
        mini(
            "valid-mini.toml",
            include_str!("../../../../tests/fixtures/banks/valid-mini.toml"),
        ),
        mini(
            "valid-mini-v2.toml",
            include_str!("../../../../tests/fixtures/banks/valid-mini-v2.toml"),
        ),
    )
}

/// The problems of a map on the mini banks, one line each.
fn map_problems(text: &str) -> Vec<String> {
    let (from, to) = minis();
    match MigrationMap::check("from-0.toml", text, &from, &to) {
        Ok(_) => Vec::new(),
        Err(issues) => issues.iter().map(ToString::to_string).collect(),
    }
}

const MINI_MAP: &str = r#"
[[map]]
from = "AAA-01"
to = "AAA-01"
note = "Same question."

[[map]]
from = "AAA-02"
to = "AAA-02"
levels = [0, 1, 1, 2, 3]
note = "Levels rewritten."

[[map]]
from = "AAA-03"
retired = true
note = "The product is no longer asked."

[[map]]
from = "BBB-01"
to = "BBB-01"
note = "Same question."

[[map]]
from = "BBB-02"
retired = true
note = "Asked in the exposure model instead."

[[map]]
from = "BBB-03"
retired = true
note = "Merged."
"#;

#[test]
fn the_shipped_map_names_every_bank_1_question_once_and_only_bank_2_targets() {
    if let Err(issues) = shipped_from_1(&v1(), &v2()) {
        let lines: Vec<String> = issues.iter().map(ToString::to_string).collect();
        panic!("{}", lines.join("\n"));
    }
}

#[test]
fn the_demo_moves_to_bank_2_with_every_mapped_answer_kept() {
    let (from, to) = (v1(), v2());
    let map = shipped_from_1(&from, &to).unwrap();
    let original = demo();
    let migration = migrate(&original, &map, &from, &to).unwrap();
    let plan = &migration.plan;
    let refused: Vec<String> = plan
        .with(Change::DoesNotFit)
        .map(PlanItem::describe)
        .collect();
    assert!(refused.is_empty(), "{}", refused.join("\n"));
    for record in &original.answers {
        let entry = map.entry(&record.question).unwrap();
        if let Destination::To(target) = &entry.to {
            let item = plan
                .items
                .iter()
                .find(|i| i.from.as_ref() == Some(&record.question))
                .unwrap();
            match item.change {
                Change::Kept | Change::Moved => {
                    let carried = migration.assessment.answer(target).unwrap();
                    assert_eq!(carried.note, record.note, "{}", record.question);
                }
                // Two bank 1 answers merged into one question: the surviving question's is kept.
                Change::Superseded => assert!(migration.assessment.answer(target).is_some()),
                other => panic!("{}: {other:?}", record.question),
            }
        }
    }
    assert_eq!(migration.assessment.bank.version, to.version);
    if let Err(issues) = migration.assessment.check(&to) {
        let lines: Vec<String> = issues.iter().map(ToString::to_string).collect();
        panic!("{}", lines.join("\n"));
    }
    assert!(plan.to_text().contains("New, unanswered"));
    // The v1 assessment itself is untouched.
    assert_eq!(original, demo());
}

#[test]
fn an_unmigrated_v1_file_round_trips_unchanged() {
    let text = crate::embedded::DEMO_ASSESSMENT_V1;
    let first = Assessment::from_json(text).unwrap();
    let written = first.to_json();
    let again = Assessment::from_json(&written).unwrap();
    assert_eq!(first, again);
    assert_eq!(again.to_json(), written);
    assert_eq!(again.bank.version, "1.0.0");
    again.check(&v1()).unwrap();
}

#[test]
fn answers_are_kept_moved_translated_or_retired_as_the_map_says() {
    let (from, to) = minis();
    let map = MigrationMap::check("from-0.toml", MINI_MAP, &from, &to).unwrap();
    let mut assessment = demo();
    assessment.bank = BankRef {
        id: from.id.clone(),
        version: from.version.clone(),
    };
    let record = |id: &str, response: Response| AnswerRecord {
        question: QuestionId::parse(id).unwrap(),
        response: Some(response),
        note: format!("note on {id}"),
        follow_up: false,
    };
    assessment.answers = vec![
        record("AAA-01", Response::Level(Level::new(3).unwrap())),
        record("AAA-02", Response::Level(Level::new(2).unwrap())),
        record("BBB-03", Response::YesNo(false)),
    ];
    let migration = migrate(&assessment, &map, &from, &to).unwrap();
    let changes: Vec<(Option<&str>, Change)> = migration
        .plan
        .items
        .iter()
        .map(|i| (i.to.as_ref().map(QuestionId::as_str), i.change))
        .collect();
    assert_eq!(
        changes,
        [
            (Some("AAA-01"), Change::Kept),
            (Some("AAA-02"), Change::Moved),
            (None, Change::Retired),
            (Some("BBB-01"), Change::NewUnanswered),
            (Some("CCC-01"), Change::NewUnanswered),
        ]
    );
    // Level 2 of AAA-02 translates to level 1 by the map's table.
    let aaa02 = migration
        .assessment
        .answer(&QuestionId::parse("AAA-02").unwrap())
        .unwrap();
    assert_eq!(
        aaa02.response,
        Some(Response::Level(Level::new(1).unwrap()))
    );
    assert_eq!(migration.assessment.answers.len(), 2);
}

#[test]
fn an_assessment_of_another_bank_is_refused() {
    let (from, to) = minis();
    let map = MigrationMap::check("from-0.toml", MINI_MAP, &from, &to).unwrap();
    let err = migrate(&demo(), &map, &from, &to).unwrap_err();
    assert!(
        err.to_string().contains("ironbridge-manufacturing 1.0.0"),
        "{err}"
    );
}

#[test]
fn a_map_is_checked_against_both_banks_with_lines() {
    assert!(map_problems(MINI_MAP).is_empty());
    let unmapped = MINI_MAP.replace(
        "from = \"BBB-03\"\nretired = true\nnote = \"Merged.\"\n",
        "from = \"AAA-01\"\nretired = true\nnote = \"Twice.\"\n",
    );
    let problems = map_problems(&unmapped);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("AAA-01 is mapped twice (first at line 3)")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("BBB-03 of bank 0.1.0 has no [[map]] entry")),
        "{problems:?}"
    );

    let unknown_to = MINI_MAP.replace("to = \"BBB-01\"", "to = \"BBB-07\"");
    assert_eq!(
        map_problems(&unknown_to),
        ["from-0.toml:20: BBB-01: `to` BBB-07 is not a question of bank 2.0.0"]
    );
    let both = MINI_MAP.replace(
        "from = \"AAA-03\"\nretired = true",
        "from = \"AAA-03\"\nto = \"AAA-01\"\nretired = true",
    );
    assert_eq!(
        map_problems(&both),
        [
            "from-0.toml:14: AAA-03: an entry needs either `to` or `retired = true`, not both and not neither"
        ]
    );
    let bad_levels = MINI_MAP.replace("[0, 1, 1, 2, 3]", "[0, 1, 2, 5]");
    assert_eq!(
        map_problems(&bad_levels),
        ["from-0.toml:8: AAA-02: `levels` must list five levels from 0 to 4 (old level 0 first)"]
    );
    let unknown_from = MINI_MAP.replace("from = \"BBB-02\"", "from = \"BBB-09\"");
    let problems = map_problems(&unknown_from);
    assert!(
        problems.contains(
            &"from-0.toml:24: BBB-09: `from` BBB-09 is not a question of bank 0.1.0".to_owned()
        ),
        "{problems:?}"
    );
}

/// Bank 2 questions whose carried answer the workshop re-confirmed in bank 2's
/// words (the map asks for it): their note is new, their level the map's.
const RECONFIRMED: &[&str] = &["IR-03"];

/// Bank 2 questions the workshop answered again because their scope grew:
/// OT-01 now also asks for the IT servers production depends on (GOV-05
/// merged into it), which the company has no list of.
const RE_ANSWERED: &[&str] = &["OT-01"];

#[test]
fn the_bank_2_demo_is_the_v1_demo_migrated_and_then_fully_answered() {
    let (from, to) = (v1(), v2());
    let map = shipped_from_1(&from, &to).unwrap();
    let migrated = migrate(&demo(), &map, &from, &to).unwrap().assessment;
    let bank_2_demo = Assessment::from_json(crate::embedded::DEMO_ASSESSMENT).unwrap();
    bank_2_demo.check(&to).unwrap();
    assert_eq!(bank_2_demo.bank.version, to.version);
    // The same assessment re-answered, not a copy: migration keeps the id.
    assert_eq!(bank_2_demo.id, migrated.id);
    assert_eq!(bank_2_demo.organisation, migrated.organisation);
    assert_eq!(bank_2_demo.registers, migrated.registers);
    // Every answer the migration carries is in the bank 2 demo as carried.
    for carried in &migrated.answers {
        let answer = bank_2_demo
            .answers
            .iter()
            .find(|a| a.question == carried.question)
            .unwrap_or_else(|| panic!("{} lost its migrated answer", carried.question));
        let id = carried.question.as_str();
        if RE_ANSWERED.contains(&id) {
            assert!(
                !answer.note.is_empty(),
                "{id} was answered again without a note"
            );
            continue;
        }
        assert_eq!(answer.response, carried.response, "{id}");
        if !RECONFIRMED.contains(&id) {
            assert_eq!(answer, carried);
        }
    }
    // And every bank 2 question is answered, the new ones with a response.
    for question in to.questions() {
        let answer = bank_2_demo
            .answers
            .iter()
            .find(|a| a.question == question.id)
            .unwrap_or_else(|| panic!("{} is unanswered in the bank 2 demo", question.id));
        assert!(answer.response.is_some(), "{}", question.id);
    }
}
