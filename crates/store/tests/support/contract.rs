//! The store contract: behaviour both databases must show, run against each
//! by `tests/sqlite.rs` and `tests/postgres.rs` (STYLE §10).

use ironbridge_core::assessment::{
    AnswerRecord, CriticalSystem, Hosting, Mode, ProductionImpact, Provider, ProviderService,
    Registers, Response, SavedAssumptions, Status, SystemCategory,
};
use ironbridge_core::bundle::base64;
use ironbridge_core::level::Level;
use ironbridge_core::{AssessmentId, QuestionId};
use ironbridge_store::{Actor, NewEvidence, Store, StoreError};

use super::{Env, actor, bank, demo, fingerprint, sorted};

mod bundle;

// Each test binary runs only some of the contract.
#[allow(unused_imports)]
pub use self::bundle::{
    a_failure_midway_through_an_import_rolls_everything_back,
    encrypted_bundle_needs_the_right_passphrase,
    every_export_carries_its_log_head_and_those_before, export_import_export_round_trips,
    malformed_bundles_each_fail_precisely_and_change_nothing,
};

fn question(id: &str) -> QuestionId {
    QuestionId::parse(id).expect("a valid question id")
}

fn record(id: &str, response: Option<Response>, note: &str, follow_up: bool) -> AnswerRecord {
    AnswerRecord {
        question: question(id),
        response,
        note: note.into(),
        follow_up,
    }
}

fn level(n: u8) -> Option<Response> {
    Some(Response::Level(Level::new(n).expect("a level")))
}

async fn seeded<E: Env>(env: &E) -> Actor {
    let ann = actor("Ann Auditor");
    env.store()
        .create_assessment(&ann, &demo())
        .await
        .expect("the demo is stored");
    ann
}

fn registers() -> Registers {
    Registers {
        systems: vec![CriticalSystem {
            id: "erp".into(),
            name: "SAP S/4HANA".into(),
            category: SystemCategory::Erp,
            owner: "Finance".into(),
            hosting: Hosting::ProviderHosted,
            provider: Some("northgate-it".into()),
            production_impact: ProductionImpact::Stops,
            processes: vec!["dispatch".into()],
            depends_on: Vec::new(),
            rto_hours: Some(48.0),
            rpo_hours: Some(0.25),
            rto_tested: false,
            last_restore_test: None,
            manual_fallback: None,
        }],
        providers: vec![Provider {
            id: "northgate-it".into(),
            name: "Northgate IT".into(),
            services: vec![ProviderService::ItOutsourcing, ProviderService::HelpDesk],
            privileged_access: true,
            reaches: vec!["erp".into()],
            contract: Default::default(),
            certifications: vec!["ISO 27001".into()],
        }],
    }
}

pub async fn stored_assessment_loads_back_equal<E: Env>(env: &E) {
    seeded(env).await;
    let loaded = env.store().load(&demo().id, None).await.expect("it loads");
    assert_eq!(sorted(loaded), sorted(demo()));
    let list = env.store().list().await.expect("it lists");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, demo().id);
    assert_eq!(list[0].revision, 1);
}

/// The questions the app counts as answered: records whose response is set.
fn answered(assessment: &ironbridge_core::assessment::Assessment) -> u64 {
    assessment
        .answers
        .iter()
        .filter(|r| r.response.is_some())
        .count() as u64
}

/// Every line of `list`, checked against the assessment loaded whole (what
/// the app read before the list carried it) and against the order.
async fn list_as_loaded<E: Env>(env: &E) -> Vec<ironbridge_store::AssessmentSummary> {
    let list = env.store().list().await.expect("it lists");
    for line in &list {
        let whole = env.store().load(&line.id, None).await.expect("it loads");
        assert_eq!(
            (
                &line.title,
                &line.organisation,
                line.mode,
                line.status,
                &line.bank,
                line.n_answers
            ),
            (
                &whole.title,
                &whole.organisation.name,
                whole.mode,
                whole.status,
                &whole.bank,
                answered(&whole)
            ),
            "{}",
            line.id
        );
    }
    assert!(
        list.windows(2).all(|w| w[0].updated_at >= w[1].updated_at),
        "most recently changed first"
    );
    list
}

pub async fn list_shows_each_assessment_in_one_line_latest_change_first<E: Env>(env: &E) {
    let ann = seeded(env).await;
    let first = demo();
    let answered_questions: Vec<_> = first
        .answers
        .iter()
        .filter(|r| r.response.is_some())
        .map(|r| r.question.to_string())
        .collect();
    assert!(answered_questions.len() >= 2, "the demo has answers");
    let mut second = demo();
    second.id = AssessmentId::parse(&format!("{}-self", first.id)).expect("a well-formed id");
    second.title = "Self-assessment, second plant".into();
    second.organisation.name = "Other Works GmbH".into();
    second.mode = match first.mode {
        Mode::Workshop => Mode::SelfAssessment,
        Mode::SelfAssessment => Mode::Workshop,
    };
    // Two records lose their response; one keeps a note, which is not an answer.
    for (n, r) in second
        .answers
        .iter_mut()
        .filter(|r| r.response.is_some())
        .take(2)
        .enumerate()
    {
        r.response = None;
        r.note = if n == 0 {
            "asked the plant manager".into()
        } else {
            String::new()
        };
    }
    env.store()
        .create_assessment(&ann, &second)
        .await
        .expect("the second is stored");

    let list = list_as_loaded(env).await;
    let ids: Vec<_> = list.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, [second.id.as_str(), first.id.as_str()]);
    assert_eq!(list[0].title, second.title);
    assert_eq!(list[0].organisation, "Other Works GmbH");
    assert_eq!((list[0].mode, list[1].mode), (second.mode, first.mode));
    assert_eq!((list[0].revision, list[0].status), (1, second.status));
    assert_eq!(list[0].n_answers, answered(&first) - 2);
    assert_eq!(list[1].n_answers, answered(&first));
    let json = serde_json::to_value(&list[0]).expect("json");
    assert_eq!(
        json["mode"],
        serde_json::to_value(second.mode).expect("json")
    );

    // A cleared response moves the assessment to the top and counts one fewer.
    let cleared = &answered_questions[0];
    env.store()
        .save_answer(&ann, &first.id, &record(cleared, None, "to check", false))
        .await
        .expect("cleared");
    let list = list_as_loaded(env).await;
    assert_eq!(list[0].id, first.id);
    assert!(list[0].updated_at > list[1].updated_at);
    assert_eq!(list[0].n_answers, answered(&first) - 1);

    // A note alone changes the time, not the count.
    let noted = second
        .answers
        .iter()
        .find(|r| r.response.is_none() && r.note.is_empty())
        .expect("the second record cleared above");
    env.store()
        .save_answer(
            &ann,
            &second.id,
            &record(noted.question.as_str(), None, "noted", true),
        )
        .await
        .expect("noted");
    let list = list_as_loaded(env).await;
    assert_eq!(list[0].id, second.id);
    assert_eq!(list[0].n_answers, answered(&first) - 2);

    // Only the latest revision counts: revision 1 keeps the cleared
    // question unanswered, revision 2 answers it again.
    env.store()
        .set_status(&ann, &first.id, Status::Final)
        .await
        .expect("final");
    let list = list_as_loaded(env).await;
    assert_eq!(
        (list[0].id.as_str(), list[0].status),
        (first.id.as_str(), Status::Final)
    );
    env.store()
        .save_answer(&ann, &first.id, &record(cleared, level(1), "", false))
        .await
        .expect("saved into revision 2");
    let list = list_as_loaded(env).await;
    assert_eq!(list.len(), 2);
    assert_eq!(
        (
            list[0].id.as_str(),
            list[0].revision,
            list[0].status,
            list[0].mode
        ),
        (first.id.as_str(), 2, Status::Draft, first.mode)
    );
    assert_eq!(list[0].n_answers, answered(&first));
    assert_eq!(list[1].n_answers, answered(&first) - 2);
}

pub async fn saving_an_answer_records_who_old_and_new_value<E: Env>(env: &E) {
    let ann = seeded(env).await;
    let id = demo().id;
    let before = env.store().audit_log(&id).await.expect("the log reads");
    let saved = env
        .store()
        .save_answer(
            &ann,
            &id,
            &record("GOV-01", level(4), "board minutes seen", true),
        )
        .await
        .expect("the answer is saved");
    let log = env.store().audit_log(&id).await.expect("the log reads");
    let new: Vec<_> = log[before.len()..].iter().collect();
    assert!(!new.is_empty());
    assert_eq!(saved.audit_seq, log.len() as u64);
    let answer = new
        .iter()
        .find(|e| e.entity == "answer")
        .expect("the response change is logged");
    assert_eq!(answer.actor, "Ann Auditor");
    assert_eq!(answer.entity_key, "GOV-01");
    assert_eq!(answer.new_value.as_deref(), Some(r#"{"level":4}"#));
    let old = demo()
        .answer(&question("GOV-01"))
        .and_then(|a| a.response.clone())
        .map(|r| serde_json::to_string(&r).expect("json"));
    assert_eq!(answer.old_value, old);
    let loaded = env.store().load(&id, None).await.expect("it loads");
    let gov01 = loaded.answer(&question("GOV-01")).expect("GOV-01 is there");
    assert_eq!(gov01.response, level(4));
    assert_eq!(gov01.note, "board minutes seen");
    assert!(gov01.follow_up);
    assert!(
        env.store()
            .verify_log(&id)
            .await
            .expect("verifies")
            .is_intact()
    );
}

pub async fn saving_an_unchanged_answer_writes_nothing<E: Env>(env: &E) {
    let ann = seeded(env).await;
    let id = demo().id;
    let first = env
        .store()
        .save_answer(&ann, &id, &record("GOV-01", level(3), "", false))
        .await
        .expect("saved");
    let before = fingerprint(env).await;
    let again = env
        .store()
        .save_answer(&ann, &id, &record("GOV-01", level(3), "", false))
        .await
        .expect("saved");
    assert_eq!(again, first);
    assert_eq!(fingerprint(env).await, before);
}

pub async fn clearing_a_response_keeps_the_note_and_logs_the_removal<E: Env>(env: &E) {
    let ann = seeded(env).await;
    let id = demo().id;
    env.store()
        .save_answer(&ann, &id, &record("GOV-01", level(2), "ask the CFO", false))
        .await
        .expect("saved");
    env.store()
        .save_answer(&ann, &id, &record("GOV-01", None, "ask the CFO", false))
        .await
        .expect("saved");
    let loaded = env.store().load(&id, None).await.expect("loads");
    let gov01 = loaded
        .answer(&question("GOV-01"))
        .expect("the note keeps it");
    assert_eq!(gov01.response, None);
    assert_eq!(gov01.note, "ask the CFO");
    let log = env.store().audit_log(&id).await.expect("log");
    let last = log.last().expect("an entry");
    assert_eq!(
        (last.entity.as_str(), last.new_value.as_deref()),
        ("answer", None)
    );
    assert_eq!(last.old_value.as_deref(), Some(r#"{"level":2}"#));
}

pub async fn final_revision_is_frozen_and_a_change_makes_a_new_one<E: Env>(env: &E) {
    let ann = seeded(env).await;
    let id = demo().id;
    let saved = env
        .store()
        .set_status(&ann, &id, Status::Final)
        .await
        .expect("finalised");
    assert_eq!(saved.revision, 1);
    let frozen = sorted(env.store().load(&id, Some(1)).await.expect("rev 1"));
    // The database itself refuses changes to a final revision's rows.
    assert!(
        env.raw("UPDATE answers SET response = '\"unknown\"'")
            .await
            .is_err()
    );
    assert!(env.raw("DELETE FROM notes").await.is_err());
    assert!(
        env.raw("UPDATE assessment_revisions SET title = 'x'")
            .await
            .is_err()
    );
    let saved = env
        .store()
        .save_answer(&ann, &id, &record("GOV-01", level(0), "re-opened", false))
        .await
        .expect("saved into a new revision");
    assert_eq!(saved.revision, 2);
    assert_eq!(
        sorted(env.store().load(&id, Some(1)).await.expect("rev 1")),
        frozen
    );
    let latest = env.store().load(&id, None).await.expect("latest");
    assert_eq!(latest.status, Status::Draft);
    assert_eq!(
        latest.answer(&question("GOV-01")).expect("there").response,
        level(0)
    );
    let list = env.store().list().await.expect("list");
    assert_eq!((list[0].revision, list[0].status), (2, Status::Draft));
    let err = env.store().load(&id, Some(9)).await.expect_err("it fails");
    assert_eq!(err.code(), "store.no_revision");
    assert!(
        env.store()
            .verify_log(&id)
            .await
            .expect("verifies")
            .is_intact()
    );
}

pub async fn audit_log_rejects_update_and_delete<E: Env>(env: &E) {
    seeded(env).await;
    let before = fingerprint(env).await;
    let update = env.raw("UPDATE audit_log SET actor = 'Mallory'").await;
    assert!(update.expect_err("it fails").contains("append-only"));
    let delete = env.raw("DELETE FROM audit_log").await;
    assert!(delete.expect_err("it fails").contains("append-only"));
    assert_eq!(fingerprint(env).await, before);
}

pub async fn registers_round_trip_and_are_logged<E: Env>(env: &E) {
    let ann = seeded(env).await;
    let id = demo().id;
    let saved = env
        .store()
        .save_registers(&ann, &id, &registers())
        .await
        .expect("saved");
    let loaded = env.store().load(&id, None).await.expect("loads");
    assert_eq!(loaded.registers, registers());
    let log = env.store().audit_log(&id).await.expect("log");
    assert_eq!(log.last().map(|e| e.entity.as_str()), Some("registers"));
    let again = env
        .store()
        .save_registers(&ann, &id, &registers())
        .await
        .expect("saved");
    assert_eq!(again, saved);
}

pub async fn saved_assumptions_are_saved_logged_and_frozen_with_the_revision<E: Env>(env: &E) {
    let ann = seeded(env).await;
    let id = demo().id;
    let loaded = env.store().load(&id, None).await.expect("loads");
    assert!(loaded.exposure_assumptions.is_empty(), "none saved yet");
    let saved_values = SavedAssumptions::from_overrides([
        ("fixed_cost_share".to_owned(), 0.3),
        ("custom_days".to_owned(), 21.0),
        ("seed".to_owned(), 7.0),
    ]);
    let saved = env
        .store()
        .save_assumptions(&ann, &id, &saved_values)
        .await
        .expect("saved");
    assert_eq!(saved.revision, 1);
    let loaded = env.store().load(&id, None).await.expect("loads");
    assert_eq!(loaded.exposure_assumptions, saved_values);
    let log = env.store().audit_log(&id).await.expect("log");
    let last = log.last().expect("an entry");
    assert_eq!(last.entity, "assumptions");
    assert_eq!(last.old_value.as_deref(), Some("{}"));
    assert!(
        last.new_value
            .as_deref()
            .is_some_and(|v| v.contains("fixed_cost_share") && v.contains("\"seed\":7")),
        "{last:?}"
    );
    let again = env
        .store()
        .save_assumptions(&ann, &id, &saved_values)
        .await
        .expect("saved");
    assert_eq!(again, saved, "unchanged assumptions write nothing");
    // The bundle carries them to another database.
    let bundle = env.store().export_bundle(&id).await.expect("exported");
    assert_eq!(bundle.exposure_assumptions, saved_values);

    env.store()
        .set_status(&ann, &id, Status::Final)
        .await
        .expect("finalised");
    let later = SavedAssumptions::default();
    let saved = env
        .store()
        .save_assumptions(&ann, &id, &later)
        .await
        .expect("saved into a new revision");
    assert_eq!(saved.revision, 2);
    let first = env.store().load(&id, Some(1)).await.expect("rev 1");
    assert_eq!(first.exposure_assumptions, saved_values);
    let second = env.store().load(&id, None).await.expect("rev 2");
    assert_eq!(second.exposure_assumptions, later);
    assert!(
        env.store()
            .verify_log(&id)
            .await
            .expect("verifies")
            .is_intact()
    );
}

pub async fn narrative_edits_are_saved_logged_and_frozen_with_the_revision<E: Env>(env: &E) {
    let ann = seeded(env).await;
    let id = demo().id;
    let original = env.store().load(&id, None).await.expect("loads").narrative;
    let mut edits = original.clone();
    edits.executive_summary =
        Some("Restore tests are overdue; <b>the board</b> should ask why.".into());
    let saved = env
        .store()
        .save_narrative(&ann, &id, &edits)
        .await
        .expect("saved");
    assert_eq!(saved.revision, 1);
    assert_eq!(
        env.store().load(&id, None).await.expect("loads").narrative,
        edits
    );
    let log = env.store().audit_log(&id).await.expect("log");
    let last = log.last().expect("an entry");
    assert_eq!(last.entity, "narrative");
    assert!(
        last.new_value
            .as_deref()
            .unwrap_or("")
            .contains("<b>the board</b>")
    );
    let again = env
        .store()
        .save_narrative(&ann, &id, &edits)
        .await
        .expect("saved");
    assert_eq!(again, saved, "an unchanged narrative writes nothing");

    env.store()
        .set_status(&ann, &id, Status::Final)
        .await
        .expect("finalised");
    let mut later = edits.clone();
    later.executive_summary = Some("Rewritten after the board meeting.".into());
    let saved = env
        .store()
        .save_narrative(&ann, &id, &later)
        .await
        .expect("saved into a new revision");
    assert_eq!(saved.revision, 2);
    assert_eq!(
        env.store()
            .load(&id, Some(1))
            .await
            .expect("rev 1")
            .narrative,
        edits
    );
    assert_eq!(
        env.store().load(&id, None).await.expect("rev 2").narrative,
        later
    );
    assert!(
        env.store()
            .verify_log(&id)
            .await
            .expect("verifies")
            .is_intact()
    );
}

pub async fn evidence_is_stored_once_per_digest_and_capped<E: Env>(env: &E) {
    let ann = seeded(env).await;
    let id = demo().id;
    let file = |name: &str| NewEvidence {
        file_name: name.into(),
        media_type: "application/pdf".into(),
        question: Some(question("GOV-01")),
        content: b"%PDF-1.7 restore test report".to_vec(),
    };
    env.store()
        .add_evidence(&ann, &id, file("a.pdf"))
        .await
        .expect("added");
    env.store()
        .add_evidence(&ann, &id, file("b.pdf"))
        .await
        .expect("added");
    assert_eq!(env.count("SELECT COUNT(*) FROM evidence_blobs").await, 1);
    assert_eq!(env.count("SELECT COUNT(*) FROM evidence").await, 2);
    let duplicate = env.store().add_evidence(&ann, &id, file("a.pdf")).await;
    assert_eq!(duplicate.expect_err("it fails").code(), "store.database");
    let mut big = file("big.bin");
    big.content = vec![0; ironbridge_store::MAX_EVIDENCE_BYTES as usize + 1];
    let err = env
        .store()
        .add_evidence(&ann, &id, big)
        .await
        .expect_err("it fails");
    assert_eq!(err.code(), "store.evidence_too_large");
    let err = env
        .store()
        .add_evidence(&ann, &id, file("../x.pdf"))
        .await
        .expect_err("it fails");
    assert_eq!(err.code(), "store.evidence_name");
    let bundle = env.store().export_bundle(&id).await.expect("exports");
    assert_eq!(bundle.evidence.len(), 2);
    assert_eq!(
        base64::decode(&bundle.evidence[0].content).expect("base64"),
        b"%PDF-1.7 restore test report"
    );
}

pub async fn unknown_assessment_is_not_found<E: Env>(env: &E) {
    let err = env.store().load("nope", None).await.expect_err("it fails");
    assert!(matches!(err, StoreError::NotFound { ref id } if id == "nope"));
    assert_eq!(err.code(), "store.not_found");
    let err = env
        .store()
        .save_answer(
            &actor("Ann"),
            "nope",
            &record("GOV-01", level(1), "", false),
        )
        .await
        .expect_err("it fails");
    assert_eq!(err.code(), "store.not_found");
    assert_eq!(
        env.store()
            .verify_log("nope")
            .await
            .expect_err("it fails")
            .code(),
        "store.not_found"
    );
}

pub async fn concurrent_writers_keep_every_answer_and_the_chain<E: Env>(env: &E) {
    let ann = seeded(env).await;
    let id = demo().id;
    let questions: Vec<QuestionId> = bank().questions().map(|q| q.id.clone()).take(24).collect();
    let mut tasks = Vec::new();
    for (n, q) in questions.iter().enumerate() {
        let store = env.store().clone();
        let (ann, id) = (ann.clone(), id.clone());
        let rec = AnswerRecord {
            question: q.clone(),
            response: Some(Response::Unknown),
            note: format!("writer {n}"),
            follow_up: n % 2 == 0,
        };
        tasks.push(tokio::spawn(async move {
            store.save_answer(&ann, &id, &rec).await
        }));
    }
    for task in tasks {
        task.await.expect("the task ran").expect("saved");
    }
    let loaded = env.store().load(&id, None).await.expect("loads");
    for (n, q) in questions.iter().enumerate() {
        let a = loaded.answer(q).expect("saved");
        assert_eq!(a.note, format!("writer {n}"));
        assert_eq!(a.response, Some(Response::Unknown));
    }
    let verdict = env.store().verify_log(&id).await.expect("verifies");
    assert!(verdict.is_intact(), "{verdict:?}");
}
