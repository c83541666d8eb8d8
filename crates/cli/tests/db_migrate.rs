//! End-to-end tests of `ironbridge db migrate ID [--to 2] [--accept]`: a
//! stored assessment answered on bank 1 moved onto bank 2, the plan printed
//! first and nothing stored without `--accept`; with it, a new assessment on
//! bank 2 holding every mapped answer, and the old one unchanged.

mod support;

use std::path::Path;

use ironbridge_core::assessment::Assessment;
use ironbridge_core::migration::{self, Destination};
use ironbridge_core::{AssessmentId, Bank};
use support::{Ironbridge, demo_file, demo_v1_file, ironbridge};

/// `ironbridge --db DB ARGS…`.
fn on(db: &Path, args: &[&str]) -> Ironbridge {
    ironbridge(["--db"]).arg(db).args(args).audit_key_beside(db)
}

/// The id of both demo files.
const DEMO_ID: &str = "demo-wrenmoor-2026";

/// The ids `list --json` gives.
fn listed(db: &Path) -> Vec<serde_json::Value> {
    on(db, &["list", "--json"])
        .run()
        .expect_json()
        .as_array()
        .expect("a JSON array")
        .clone()
}

/// A stored assessment, as `show ID --json` prints it.
fn shown(db: &Path, id: &str) -> Assessment {
    let out = on(db, &["show", id, "--json"]).run();
    Assessment::from_json(out.expect_success()).expect("an assessment file")
}

/// The text after `prefix` up to the next space or parenthesis.
fn word_after<'a>(text: &'a str, prefix: &str) -> &'a str {
    let start = text.find(prefix).map(|at| at + prefix.len());
    let rest = &text[start.unwrap_or_else(|| panic!("no {prefix:?} in {text}"))..];
    rest.split([' ', '(']).next().unwrap_or_default()
}

#[test]
fn a_stored_v1_assessment_is_planned_then_moved_to_bank_2_and_the_old_one_stays() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("a.db");
    on(&db, &["import", &demo_v1_file()]).run().expect_success();
    let old = shown(&db, DEMO_ID);
    assert_eq!(old.bank.version, "1.0.0");

    // Without --accept: the plan, and nothing stored.
    let out = on(&db, &["db", "migrate", DEMO_ID, "--to", "2"]).run();
    let plan = out.expect_success();
    assert!(
        plan.starts_with("Moving this assessment from bank 1.0.0 to bank 2.0.0"),
        "{plan}"
    );
    assert!(plan.contains("\nKept ("), "{plan}");
    assert!(plan.contains("OT-10: new, unanswered"), "{plan}");
    assert!(plan.contains("nothing was stored"), "{plan}");
    assert_eq!(listed(&db).len(), 1);

    // With --accept (and the default --to: the newest bank): a new assessment.
    let out = on(&db, &["db", "migrate", DEMO_ID, "--accept"]).run();
    let text = out.expect_success();
    assert!(text.starts_with("Moving this assessment"), "{text}");
    let new_id = word_after(text, "\nstored as ").to_owned();
    assert_ne!(new_id, DEMO_ID);
    assert!(AssessmentId::parse(&new_id).is_ok(), "{new_id}");
    assert!(
        text.contains(&format!("\"{DEMO_ID}\" is unchanged, still on bank 1.0.0")),
        "{text}"
    );

    // Both are listed; the new one is on bank 2, a draft.
    let list = on(&db, &["list"]).run();
    let list = list.expect_success();
    assert!(list.contains(&new_id) && list.contains(DEMO_ID), "{list}");
    let listed = listed(&db);
    assert_eq!(listed.len(), 2);
    let entry = |id: &str| {
        listed
            .iter()
            .find(|a| a["id"] == id)
            .unwrap_or_else(|| panic!("{id} is listed"))
            .clone()
    };
    assert_eq!(entry(&new_id)["bank"]["version"], "2.0.0");
    assert_eq!(entry(&new_id)["status"], "draft");
    assert_eq!(entry(DEMO_ID)["bank"]["version"], "1.0.0");

    // The old one is unchanged, revision and all.
    assert_eq!(shown(&db, DEMO_ID), old);
    assert_eq!(entry(DEMO_ID)["revision"], 1);

    // Every answer the map carries is in the new one, with its note.
    let new = shown(&db, &new_id);
    assert_eq!(new.bank.version, "2.0.0");
    every_mapped_answer_is_kept(&old, &new);

    // The same answers as the file-level migration of the same file (the
    // store gives them in id order).
    let out = ironbridge(["migrate", &demo_v1_file(), "--to", "2"]).run();
    let from_file = Assessment::from_json(out.expect_success()).expect("an assessment file");
    let by_id = |a: &Assessment| {
        let mut answers = a.answers.clone();
        answers.sort_by(|x, y| x.question.cmp(&y.question));
        answers
    };
    assert_eq!(by_id(&new), by_id(&from_file));
    assert_eq!(new.target_overrides, from_file.target_overrides);
}

/// Each old answer mapped to a question of bank 2 has an answer there,
/// carrying its note; an old answer mapped to its own id with no level
/// table keeps its response too.
fn every_mapped_answer_is_kept(old: &Assessment, new: &Assessment) {
    let from = Bank::shipped_v1().expect("bank 1");
    let to = Bank::shipped_major(2).expect("a bank 2").expect("bank 2");
    let map = migration::shipped_from_1(&from, &to).expect("the shipped map");
    let mut carried = 0;
    for record in &old.answers {
        let entry = map.entry(&record.question).expect("every v1 id is mapped");
        let Destination::To(target) = &entry.to else {
            continue;
        };
        let moved = new
            .answers
            .iter()
            .find(|a| &a.question == target)
            .unwrap_or_else(|| panic!("{} → {target}: no answer", record.question));
        let merged = old
            .answers
            .iter()
            .filter(|a| map.entry(&a.question).map(|e| &e.to) == Some(&entry.to))
            .count()
            > 1;
        if !merged {
            assert_eq!(moved.note, record.note, "{}", record.question);
        }
        if target == &record.question && entry.levels.is_none() {
            assert_eq!(moved.response, record.response, "{}", record.question);
        }
        carried += 1;
    }
    assert!(carried >= 90, "only {carried} answers carried");
}

#[test]
fn an_assessment_already_on_bank_2_or_unknown_is_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("a.db");
    on(&db, &["import", &demo_file()]).run().expect_success();
    let out = on(&db, &["db", "migrate", DEMO_ID, "--accept"]).run();
    let err = out.expect_failure();
    assert!(
        err.contains(&format!("cannot move \"{DEMO_ID}\" to bank 2")),
        "{err}"
    );
    assert!(err.contains("already on bank 2"), "{err}");
    let out = on(&db, &["db", "migrate", "no-such-assessment", "--to", "2"]).run();
    let err = out.expect_failure();
    assert!(err.contains("no assessment with id"), "{err}");
    assert_eq!(listed(&db).len(), 1);
}
