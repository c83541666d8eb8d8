//! Tests of moving a stored assessment onto the current bank, on a real
//! SQLite store in a temporary folder: the v1 demo planned, then moved.

use ironbridge_core::embedded::DEMO_ASSESSMENT_V1;

use super::*;
use crate::app::test_support::{app, block};
use crate::dto::{MigrationChangeDto, MigrationCountsDto, MigrationPlanDto};
use crate::error::CommandError;

/// Stores the demo as answered on bank 1 (imported as an assessment file).
fn store_v1_demo(app: &App, dir: &tempfile::TempDir) -> AssessmentDto {
    let file = dir.path().join("assessment-v1.json");
    std::fs::write(&file, DEMO_ASSESSMENT_V1).expect("the v1 demo is written");
    block(app.import_bundle(&file, None)).expect("the v1 demo imports")
}

fn total(counts: MigrationCountsDto) -> u32 {
    counts.kept
        + counts.moved
        + counts.answer_again
        + counts.merged
        + counts.retired
        + counts.new_unanswered
}

#[test]
fn the_list_offers_a_v1_assessment_the_current_bank_and_not_a_current_one() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let old = store_v1_demo(&app, &dir);
    let current = block(app.create_demo()).unwrap();
    let list = block(app.list()).unwrap();
    let listed = |id: &str| list.iter().find(|a| a.id == id).unwrap().clone();
    assert_eq!(listed(&old.id).bank_version, "1.0.0");
    assert_eq!(listed(&old.id).newer_bank.as_deref(), Some("2.0.0"));
    assert_eq!(listed(&current.id).bank_version, "2.0.0");
    assert_eq!(listed(&current.id).newer_bank, None);
}

#[test]
fn the_plan_of_the_v1_demo_names_every_question_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let old = store_v1_demo(&app, &dir);
    let plan = block(app.migration_plan(&old.id)).unwrap();
    assert_eq!(plan.assessment_id, old.id);
    assert_eq!(
        (plan.from_version.as_str(), plan.to_version.as_str()),
        ("1.0.0", "2.0.0")
    );
    assert_eq!(total(plan.counts) as usize, plan.items.len());
    assert!(plan.counts.kept >= 90, "{:?}", plan.counts);
    assert!(plan.counts.new_unanswered > 0, "{:?}", plan.counts);
    for item in &plan.items {
        for q in item.from.iter().chain(item.to.iter()) {
            assert!(
                q.title.as_deref().is_some_and(|t| !t.is_empty()),
                "{item:?}"
            );
        }
        match item.change {
            MigrationChangeDto::NewUnanswered => assert!(item.from.is_none() && item.to.is_some()),
            MigrationChangeDto::Retired => assert!(item.from.is_some()),
            _ => assert!(item.from.is_some() && item.to.is_some(), "{item:?}"),
        }
        if item.change != MigrationChangeDto::NewUnanswered {
            assert!(item.note.is_some(), "the map's note: {item:?}");
        }
    }
    // Titles come from the bank each id belongs to: GOV-05 is bank 1's.
    let bank_1 = ironbridge_core::Bank::shipped_v1().unwrap();
    let gov_05 = plan
        .items
        .iter()
        .find_map(|i| i.from.as_ref().filter(|q| q.id == "GOV-05"))
        .unwrap();
    let id = ironbridge_core::QuestionId::parse("GOV-05").unwrap();
    assert_eq!(
        gov_05.title.as_deref(),
        Some(bank_1.question(&id).unwrap().title.as_str())
    );
    // A brand-new question's note does not repeat its title.
    let ot_10 = plan
        .items
        .iter()
        .find(|i| i.to.as_ref().is_some_and(|q| q.id == "OT-10"))
        .unwrap();
    assert_eq!(ot_10.change, MigrationChangeDto::NewUnanswered);
    if let (Some(note), Some(title)) = (&ot_10.note, &ot_10.to.as_ref().unwrap().title) {
        assert!(!note.contains(title.as_str()), "{note}");
    }
    assert_eq!(block(app.list()).unwrap().len(), 1, "a plan stores nothing");
}

#[test]
fn accepting_stores_a_new_draft_on_bank_2_and_leaves_the_old_one_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let old = store_v1_demo(&app, &dir);
    let before = serde_json::to_value(block(app.open_assessment(&old.id)).unwrap()).unwrap();
    let planned = block(app.migration_plan(&old.id)).unwrap();
    let moved = block(app.migrate(&old.id)).unwrap();
    assert_eq!(moved.from, old.id);
    assert_ne!(moved.assessment.id, old.id);
    assert_eq!(moved.assessment.bank_version, "2.0.0");
    assert!(matches!(
        moved.assessment.status,
        crate::dto::StatusDto::Draft
    ));
    let as_json = |p: &MigrationPlanDto| serde_json::to_value(p).unwrap();
    assert_eq!(as_json(&moved.plan), as_json(&planned));
    // Every answer kept or moved is in the new assessment.
    let carried = planned.counts.kept + planned.counts.moved;
    assert_eq!(
        moved
            .assessment
            .answers
            .iter()
            .filter(|a| a.response.is_some())
            .count(),
        carried as usize
    );
    // The new one opens, on its bank; the old one is exactly as it was.
    let reopened = block(app.open_assessment(&moved.assessment.id)).unwrap();
    assert_eq!(reopened.answers, moved.assessment.answers);
    assert_eq!(
        block(app.assessment_bank(&moved.assessment.id))
            .unwrap()
            .version,
        "2.0.0"
    );
    let after = serde_json::to_value(block(app.open_assessment(&old.id)).unwrap()).unwrap();
    assert_eq!(after, before);
    assert_eq!(
        block(app.assessment_bank(&old.id)).unwrap().version,
        "1.0.0"
    );
    let list = block(app.list()).unwrap();
    assert_eq!(list.len(), 2);
    assert!(
        list.iter()
            .any(|a| a.id == moved.assessment.id && a.newer_bank.is_none())
    );
}

#[test]
fn an_assessment_on_the_current_bank_or_a_bad_id_is_refused_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir);
    let current = block(app.create_demo()).unwrap();
    let err = CommandError::from(block(app.migration_plan(&current.id)).unwrap_err());
    assert_eq!(err.code, "migration.unavailable");
    assert!(err.message.contains("already on bank 2"), "{}", err.message);
    let err = CommandError::from(block(app.migrate(&current.id)).unwrap_err());
    assert_eq!(err.code, "migration.unavailable");
    let err = CommandError::from(block(app.migrate("../etc")).unwrap_err());
    assert_eq!(err.code, "assessment.bad_id");
    assert_eq!(block(app.list()).unwrap().len(), 1, "nothing was stored");
}
