//! Each stored assessment on the bank it was answered on: new ones on bank 2,
//! the v1 demo on bank 1, and a v1 assessment migrated to bank 2 as a new
//! draft with every mapped answer kept, on a real SQLite store.

mod support;

use ironbridge_core::assessment::{AnswerRecord, Assessment, Response, Status};
use ironbridge_core::embedded::{DEMO_ASSESSMENT, DEMO_ASSESSMENT_V1};
use ironbridge_core::migration::Change;
use ironbridge_core::{Level, QuestionId};
use ironbridge_service::Service;
use support::{block, sqlite_store};

fn service(dir: &tempfile::TempDir) -> Service {
    Service::shipped(sqlite_store(dir.path()).store).expect("the shipped banks are valid")
}

/// The demo as answered on bank 1, stored as it is (the demo the service
/// copies is on bank 2).
fn stored_v1_demo(service: &Service) -> Assessment {
    let demo = Assessment::from_json(DEMO_ASSESSMENT_V1).expect("the v1 demo is valid");
    assert_eq!(demo.bank.version, "1.0.0");
    let path = tempfile::NamedTempFile::new().expect("a temporary file");
    std::fs::write(path.path(), DEMO_ASSESSMENT_V1).expect("writes");
    block(service.import_bundle(path.path(), None, ironbridge_service::Importer::Assessor))
        .expect("the v1 demo file imports")
        .assessment
}

fn level(question: &str, value: u8) -> AnswerRecord {
    AnswerRecord {
        question: QuestionId::parse(question).expect("a question id"),
        response: Some(Response::Level(Level::new(value).expect("a level"))),
        note: String::new(),
        follow_up: false,
    }
}

#[test]
fn a_new_assessment_is_made_and_answered_on_bank_2() {
    let dir = tempfile::tempdir().unwrap();
    let service = service(&dir);
    assert_eq!(service.bank().version, "2.0.0");
    let details = Assessment::from_json(DEMO_ASSESSMENT).unwrap().details();
    let created = block(service.create(details)).unwrap();
    assert_eq!(created.bank.version, "2.0.0");
    // OT-10 (safety instrumented systems) exists only in bank 2.
    block(service.save_answer(&created.id, level("OT-10", 2))).unwrap();
    assert_eq!(
        block(service.bank_for(&created.id)).unwrap().version,
        "2.0.0"
    );
    let card = block(service.score(&created.id)).unwrap();
    assert!(card.domains.iter().any(|d| d.code.as_str() == "OT"));
}

#[test]
fn a_v1_assessment_is_checked_and_scored_on_bank_1() {
    let dir = tempfile::tempdir().unwrap();
    let service = service(&dir);
    let v1 = stored_v1_demo(&service);
    assert_eq!(v1.bank.version, "1.0.0");
    assert_eq!(block(service.bank_for(&v1.id)).unwrap().version, "1.0.0");
    // GOV-05 is a bank 1 question (merged into OT-01 in bank 2).
    block(service.save_answer(&v1.id, level("GOV-05", 3))).unwrap();
    let err = block(service.save_answer(&v1.id, level("OT-10", 2))).unwrap_err();
    assert_eq!(err.code(), "answer.invalid");
    assert!(
        err.to_string()
            .contains("bank ironbridge-manufacturing 1.0.0"),
        "{err}"
    );
    let card = block(service.score(&v1.id)).unwrap();
    let v1_card = ironbridge_service::files::score(
        service.banks().major(1).unwrap(),
        &block(service.open(&v1.id, None)).unwrap(),
    );
    assert_eq!(card, v1_card);
    let (_, narrative_card, _) = block(service.narrative(&v1.id)).unwrap();
    assert_eq!(narrative_card, v1_card);
}

#[test]
fn a_v1_assessment_migrates_to_a_new_bank_2_draft_keeping_every_mapped_answer() {
    let dir = tempfile::tempdir().unwrap();
    let service = service(&dir);
    let v1 = stored_v1_demo(&service);
    let plan = block(service.migration_plan(&v1.id, 2)).unwrap();
    let migrated = block(service.migrate(&v1.id, 2)).unwrap();
    assert_eq!(migrated.plan, plan);
    assert_eq!(migrated.from, v1.id);
    let new = &migrated.assessment;
    assert_ne!(new.id, v1.id);
    assert_eq!(new.bank.version, "2.0.0");
    assert_eq!(new.status, Status::Draft);
    assert_eq!(new.organisation, v1.organisation);
    assert_eq!(new.registers, v1.registers);

    // Every answer kept or moved is in the new assessment, the kept ones as given.
    let answer =
        |a: &Assessment, q: &QuestionId| a.answers.iter().find(|r| &r.question == q).cloned();
    let mut carried = 0;
    for item in plan.with(Change::Kept).chain(plan.with(Change::Moved)) {
        let from = item.from.as_ref().unwrap();
        let to = item.to.as_ref().unwrap();
        let old = answer(&v1, from).unwrap();
        let now = answer(new, to).unwrap_or_else(|| panic!("{to} lost the answer of {from}"));
        assert_eq!(now.note, old.note, "{from}");
        if item.change == Change::Kept {
            assert_eq!(now, old, "{from}");
        }
        carried += 1;
    }
    assert!(carried >= 90, "only {carried} answers carried");
    // The new questions are listed and left unanswered.
    let new_questions: Vec<_> = plan.with(Change::NewUnanswered).collect();
    assert!(new_questions.len() >= 10, "{new_questions:?}");
    for item in new_questions {
        let id = item.to.as_ref().unwrap();
        assert!(answer(new, id).is_none(), "{id} was answered");
    }

    // The old assessment is untouched and still on bank 1; the new one's
    // log is intact and it scores on bank 2.
    assert_eq!(block(service.open(&v1.id, None)).unwrap(), v1);
    assert!(block(service.verify_log(&new.id)).unwrap().is_intact());
    assert_eq!(block(service.bank_for(&new.id)).unwrap().version, "2.0.0");
    block(service.score(&new.id)).unwrap();
    assert_eq!(block(service.list()).unwrap().len(), 2);

    // Once on bank 2, there is nowhere newer to go.
    let err = block(service.migrate(&new.id, 2)).unwrap_err();
    assert_eq!(err.code(), "migration.unavailable");
    assert!(err.to_string().contains("already on bank 2"), "{err}");
}
