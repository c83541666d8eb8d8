//! The use cases end to end on a real SQLite store in a temporary folder:
//! what the desktop app and the command line both rely on.

mod support;

use ironbridge_core::assessment::{AnswerRecord, Assessment, Details, Response};
use ironbridge_core::embedded::DEMO_ASSESSMENT;
use ironbridge_core::{Level, QuestionId};
use ironbridge_service::{Importer, Service, ServiceError, StoreLocation, open_store};
use support::{block, sqlite_store};

fn service(dir: &tempfile::TempDir) -> Service {
    let opened = sqlite_store(dir.path());
    assert_eq!(
        opened.location,
        StoreLocation::Sqlite(dir.path().join("ironbridge.db"))
    );
    assert_eq!(opened.fallback_reason, None);
    Service::shipped(opened.store).expect("the shipped bank is valid")
}

fn details() -> Details {
    Assessment::from_json(DEMO_ASSESSMENT)
        .expect("the demo is valid")
        .details()
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
fn an_assessment_is_created_answered_listed_and_scored() {
    let dir = tempfile::tempdir().unwrap();
    let service = service(&dir);
    let created = block(service.create(details())).unwrap();
    assert!(created.answers.is_empty());
    let saved = block(service.save_answer(&created.id, level("REC-02", 3))).unwrap();
    assert_eq!(saved.id, created.id);
    let list = block(service.list()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].n_answers, 1);
    assert_eq!(list[0].mode, created.mode);
    let card = block(service.score(&created.id)).unwrap();
    let recovery = card
        .domains
        .iter()
        .find(|d| d.code.as_str() == "REC")
        .unwrap();
    assert!(recovery.score.is_some(), "{recovery:?}");
}

#[test]
fn details_that_break_a_rule_are_refused_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let service = service(&dir);
    let mut bad = details();
    bad.organisation.currency = "pounds".into();
    let err = block(service.create(bad)).unwrap_err();
    assert_eq!(err.code(), "assessment.invalid_detail");
    assert!(
        err.to_string().starts_with("organisation.currency: "),
        "{err}"
    );
    assert!(block(service.list()).unwrap().is_empty());
}

#[test]
fn an_answer_that_does_not_fit_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let service = service(&dir);
    let demo = block(service.create_demo()).unwrap();
    let before = block(service.open(&demo.id, None)).unwrap();
    let mut wrong = level("INS-01", 3);
    wrong.response = Some(Response::Number(-5.0));
    let err = block(service.save_answer(&demo.id, wrong)).unwrap_err();
    assert!(matches!(err, ServiceError::DoesNotFit { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("the assessment does not fit bank "),
        "{err}"
    );
    assert_eq!(block(service.open(&demo.id, None)).unwrap(), before);
}

#[test]
fn a_bundle_exported_and_imported_comes_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let service = service(&dir);
    let demo = block(service.create_demo()).unwrap();
    let path = dir.path().join("demo.ironbridge");
    let exported = block(service.export_bundle(&demo.id, &path, Some("correct horse"))).unwrap();
    assert!(exported.encrypted && exported.bytes > 0);
    let other = tempfile::tempdir().unwrap();
    let peer = self::service(&other);
    let err = block(peer.import_bundle(&path, None, Importer::Assessor)).unwrap_err();
    assert_eq!(err.code(), "import.passphrase_required");
    let imported =
        block(peer.import_bundle(&path, Some("correct horse"), Importer::Assessor)).unwrap();
    let by_question = |a: &Assessment| {
        let mut answers = a.answers.clone();
        answers.sort_by(|x, y| x.question.cmp(&y.question));
        answers
    };
    assert_eq!(by_question(&imported.assessment), by_question(&demo));
    assert_eq!(imported.assessment.registers, demo.registers);
    let verdict = block(peer.verify_log(&imported.assessment.id)).unwrap();
    assert!(verdict.is_intact(), "{verdict:?}");
}

#[test]
fn the_pdf_export_is_private_and_dated_as_asked() {
    let dir = tempfile::tempdir().unwrap();
    let service = service(&dir);
    let demo = block(service.create_demo()).unwrap();
    let path = dir.path().join("report.pdf");
    let date = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap();
    let pdf = block(service.export_pdf(&demo.id, Default::default(), date, &path)).unwrap();
    assert!(pdf.pages > 10, "{} pages", pdf.pages);
    assert_eq!(std::fs::read(&path).unwrap(), pdf.bytes);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let again = block(service.export_pdf(&demo.id, Default::default(), date, &path)).unwrap();
    assert_eq!(
        again.bytes, pdf.bytes,
        "the same input gives the same bytes"
    );
}

#[test]
fn the_pdf_cover_carries_the_audit_log_head_of_the_moment() {
    let dir = tempfile::tempdir().unwrap();
    let service = service(&dir);
    let demo = block(service.create_demo()).unwrap();
    let date = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap();
    let cover = |name: &str| {
        let path = dir.path().join(name);
        block(service.export_pdf(&demo.id, Default::default(), date, &path)).unwrap();
        let text = ironbridge_tests::pdf_tools::text(&path, false).expect("pdftotext");
        let head = block(service.audit_head(&demo.id)).unwrap();
        let line = format!(
            "Entry {} of the assessment's audit log \u{00b7} head {}",
            head.chain_seq,
            &head.hash[..16]
        );
        assert!(text.contains(&line), "{line} not in the report");
        head
    };
    let before = cover("before.pdf");
    block(service.save_answer(&demo.id, level("REC-02", 1))).unwrap();
    let after = cover("after.pdf");
    assert!(after.chain_seq > before.chain_seq);
    assert_ne!(after.hash, before.hash);
}

#[test]
fn an_unreachable_team_database_falls_back_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let local = format!("sqlite:{}", dir.path().join("ironbridge.db").display());
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    let team = "postgres://someone:secret@127.0.0.1:9/ironbridge";
    let opened = block(open_store(Some(team), Some(&local), None)).unwrap();
    assert!(matches!(opened.location, StoreLocation::Sqlite(_)));
    let reason = opened.fallback_reason.unwrap();
    assert!(
        reason.contains("this computer's database is used instead"),
        "{reason}"
    );
    assert!(!reason.contains("secret"), "{reason}");
}
