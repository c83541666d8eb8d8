//! The store contract for bundles: export, import and export again, an
//! encrypted bundle, malformed bundles that must fail precisely and change
//! nothing, and the audit log heads an export carries.

use std::path::Path;

use ironbridge_core::assessment::Status;
use ironbridge_core::bundle::{Bundle, Limits, LogHead, base64};
use ironbridge_store::{NewEvidence, Store, bundle_file};
use serde_json::{Value, json};

use super::super::import_file;
use super::{Env, actor, bank, demo, fingerprint, record, registers, seeded};

pub async fn export_import_export_round_trips<E: Env>(env: &E) {
    let ann = seeded(env).await;
    let id = demo().id;
    env.store()
        .save_registers(&ann, &id, &registers())
        .await
        .expect("registers");
    env.store()
        .add_evidence(
            &ann,
            &id,
            NewEvidence {
                file_name: "policy.pdf".into(),
                media_type: "application/pdf".into(),
                question: None,
                content: vec![1, 2, 3, 250],
            },
        )
        .await
        .expect("evidence");
    env.store()
        .set_status(&ann, &id, Status::Final)
        .await
        .expect("final");
    let first = env.store().export_bundle(&id).await.expect("exports");
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("a.ironbridge");
    bundle_file::write(&path, &first, None).expect("written");
    let peer = env.peer().await;
    let bob = actor("Bob Importer");
    let saved = import_file(peer.store(), &bob, &path, None, &bank(), &Limits::default())
        .await
        .expect("imports");
    assert_eq!(saved.revision, first.assessment.revision);
    let mut second = peer
        .store()
        .export_bundle(&id)
        .await
        .expect("exports again");
    assert!(second.exported_at.is_some());
    // The peer's own log has no change yet (an import is not one); what the
    // first database's log said is kept as a statement, not as the peer's counts.
    assert_eq!(second.audit.changes, 0);
    assert_eq!(
        second.audit.earlier,
        vec![ironbridge_core::bundle::EarlierLog {
            exported_at: first.exported_at,
            changes: first.audit.changes,
            actors: first.audit.actors.clone(),
            first_change_at: first.audit.first_change_at,
            last_change_at: first.audit.last_change_at,
            head: first.audit.head.clone(),
        }]
    );
    assert!(first.audit.changes > 0);
    second.exported_at = first.exported_at;
    second.audit = first.audit.clone();
    second.seal();
    assert_eq!(second, first);
    assert_eq!(second.to_json(), first.to_json());
    assert!(
        peer.store()
            .verify_log(&id)
            .await
            .expect("verifies")
            .is_intact()
    );
    let again = import_file(peer.store(), &bob, &path, None, &bank(), &Limits::default())
        .await
        .expect_err("it fails");
    assert_eq!(again.code(), "store.exists");
}

pub async fn encrypted_bundle_needs_the_right_passphrase<E: Env>(env: &E) {
    seeded(env).await;
    let bundle = env
        .store()
        .export_bundle(&demo().id)
        .await
        .expect("exports");
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("a.ironbridge");
    bundle_file::write(&path, &bundle, Some("correct horse battery staple")).expect("written");
    let bytes = std::fs::read(&path).expect("read");
    let client = demo().organisation.name;
    assert!(!String::from_utf8_lossy(&bytes).contains(&client));
    let peer = env.peer().await;
    let before = fingerprint(&peer).await;
    let import = |passphrase: Option<&'static str>| {
        let peer_store = peer.store().clone();
        let path = path.clone();
        async move {
            import_file(
                &peer_store,
                &actor("Bob"),
                &path,
                passphrase,
                &bank(),
                &Limits::default(),
            )
            .await
        }
    };
    let err = import(None).await.expect_err("it fails");
    assert_eq!(err.code(), "import.passphrase_required");
    let err = import(Some("wrong horse")).await.expect_err("it fails");
    assert_eq!(err.code(), "import.passphrase_wrong");
    assert_eq!(err.to_string(), "the passphrase is wrong");
    assert_eq!(fingerprint(&peer).await, before);
    import(Some("correct horse battery staple"))
        .await
        .expect("imports with the passphrase");
}

pub async fn malformed_bundles_each_fail_precisely_and_change_nothing<E: Env>(env: &E) {
    seeded(env).await;
    let good = env
        .store()
        .export_bundle(&demo().id)
        .await
        .expect("exports");
    let good_value = serde_json::to_value(&good).expect("json");
    let peer = env.peer().await;
    let bank = bank();
    let dir = tempfile::tempdir().expect("temp");
    let mut n_cases = 0;
    let mut codes = std::collections::BTreeSet::new();
    let mut messages = std::collections::BTreeSet::new();
    for case in malformed_cases(&good_value) {
        let path = dir.path().join(format!("case-{n_cases}.ironbridge"));
        std::fs::write(&path, &case.bytes).expect("written");
        let before = fingerprint(&peer).await;
        let err = import_file(
            peer.store(),
            &actor("Bob"),
            &path,
            case.passphrase,
            &bank,
            &case.limits,
        )
        .await
        .expect_err(case.name);
        assert_eq!(err.code(), case.code, "{}: {err}", case.name);
        assert!(
            messages.insert(err.to_string()),
            "{}: message not specific: {err}",
            case.name
        );
        assert_eq!(
            fingerprint(&peer).await,
            before,
            "{} changed the database",
            case.name
        );
        n_cases += 1;
        codes.insert(case.code);
    }
    // The same id as a stored assessment.
    let path = dir.path().join("exists.ironbridge");
    bundle_file::write(&path, &good, None).expect("written");
    let before = fingerprint(env).await;
    let err = import_file(
        env.store(),
        &actor("Bob"),
        &path,
        None,
        &bank,
        &Limits::default(),
    )
    .await
    .expect_err("it fails");
    assert_eq!(err.code(), "store.exists");
    assert_eq!(fingerprint(env).await, before);
    assert!(n_cases >= 15 && codes.len() >= 15, "{codes:?}");
}

pub async fn a_failure_midway_through_an_import_rolls_everything_back<E: Env>(env: &E) {
    seeded(env).await;
    let mut bundle = env
        .store()
        .export_bundle(&demo().id)
        .await
        .expect("exports");
    let peer = env.peer().await;
    let before = fingerprint(&peer).await;
    // Two evidence files with one name get past the checks a caller skipped,
    // and fail on the second insert, after every answer was written.
    let evidence = ironbridge_core::bundle::Evidence {
        file_name: "same.pdf".into(),
        media_type: "application/pdf".into(),
        question: None,
        sha256: ironbridge_store::hex_sha256(b"x"),
        size: 1,
        content: base64::encode(b"x"),
    };
    bundle.evidence = vec![evidence.clone(), evidence];
    let err = peer
        .store()
        .import_bundle(&actor("Bob"), &bundle)
        .await
        .expect_err("it fails");
    assert_eq!(err.code(), "store.database");
    assert_eq!(fingerprint(&peer).await, before);
    assert!(peer.store().list().await.expect("list").is_empty());
}

/// Every export carries where its database's log ended (`audit.head`);
/// an import keeps that head with the statement it keeps, so a bundle that
/// went through three databases names the head of each.
pub async fn every_export_carries_its_log_head_and_those_before<E: Env>(env: &E) {
    seeded(env).await;
    let id = demo().id;
    let dir = tempfile::tempdir().expect("temp");
    let first = env.store().export_bundle(&id).await.expect("exports");
    let first_head = delivered_head(env, &first).await;
    let second_env = env.peer().await;
    let second = pass_on(&second_env, &first, &dir.path().join("1.ironbridge")).await;
    let second_head = delivered_head(&second_env, &second).await;
    assert_eq!(
        second_head.chain_seq, 1,
        "the import is the peer's first entry"
    );
    assert_ne!(second_head.hash, first_head.hash);
    let third_env = env.peer().await;
    let third = pass_on(&third_env, &second, &dir.path().join("2.ironbridge")).await;
    let third_head = delivered_head(&third_env, &third).await;
    let earlier: Vec<_> = third.audit.earlier.iter().map(|e| e.head.clone()).collect();
    assert_eq!(earlier, vec![Some(first_head), Some(second_head)]);
    assert_eq!(third.audit.earlier[0].exported_at, first.exported_at);
    assert_eq!(third.audit.earlier[1].exported_at, second.exported_at);
    // A change on the third database moves its head on, and the next export says so.
    third_env
        .store()
        .save_answer(
            &actor("Cy"),
            &id,
            &record("GOV-01", None, "re-checked", false),
        )
        .await
        .expect("saved");
    let fourth = third_env.store().export_bundle(&id).await.expect("exports");
    let moved = delivered_head(&third_env, &fourth).await;
    let entries = third_env.store().audit_log(&id).await.expect("the log");
    assert!(moved.chain_seq > third_head.chain_seq);
    assert_eq!(moved.chain_seq, entries.len() as u64);
    assert_eq!(Some(&moved.hash), entries.last().map(|e| &e.hash));
    assert_eq!(fourth.audit.earlier, third.audit.earlier);
}

/// The head an export carries: the store's own head, signed.
async fn delivered_head<E: Env>(env: &E, bundle: &Bundle) -> LogHead {
    let head = bundle
        .audit
        .head
        .clone()
        .expect("an export carries its log's head");
    let stored = env
        .store()
        .audit_head(bundle.assessment.id.as_str())
        .await
        .expect("the head");
    assert_eq!(
        (head.chain_seq, head.hash.as_str()),
        (stored.chain_seq, stored.hash.as_str())
    );
    let key_id = head.key_id.as_deref().expect("the head is signed");
    assert!(
        key_id.len() == 16
            && key_id
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')),
        "{key_id}"
    );
    head
}

/// Writes `bundle` to `path`, imports it into `env`'s store and exports it
/// again; the export reads back with the same audit summary.
async fn pass_on<E: Env>(env: &E, bundle: &Bundle, path: &Path) -> Bundle {
    bundle_file::write(path, bundle, None).expect("written");
    import_file(
        env.store(),
        &actor("Bob"),
        path,
        None,
        &bank(),
        &Limits::default(),
    )
    .await
    .expect("imports");
    let again = env
        .store()
        .export_bundle(bundle.assessment.id.as_str())
        .await
        .expect("exports again");
    let read = ironbridge_core::bundle::parse(again.to_json().as_bytes(), &Limits::default())
        .expect("the export reads back");
    assert_eq!(read.audit, again.audit);
    again
}

/// A malformed bundle and the error it must give.
struct Case {
    name: &'static str,
    code: &'static str,
    bytes: Vec<u8>,
    passphrase: Option<&'static str>,
    limits: Limits,
}

fn malformed_cases(good: &Value) -> Vec<Case> {
    let mut cases = document_cases(good);
    cases.extend(evidence_cases(good));
    cases.extend(content_cases(good));
    cases.extend(encrypted_cases(good));
    cases
}

/// `good` changed by `f`. An edit that keeps the bundle's types is sealed
/// again, as a hostile writer can: the case then meets the check it is
/// about, not the digest.
fn edited(good: &Value, f: &dyn Fn(&mut Value)) -> Vec<u8> {
    let mut v = good.clone();
    f(&mut v);
    match serde_json::from_value::<Bundle>(v.clone()) {
        Ok(bundle) => bundle.to_json().into_bytes(),
        Err(_) => serde_json::to_vec(&v).expect("json"),
    }
}

/// A sound evidence entry holding `content`.
fn evidence(content: &[u8]) -> Value {
    json!({
        "file_name": "report.pdf",
        "media_type": "application/pdf",
        "sha256": ironbridge_store::hex_sha256(content),
        "size": content.len(),
        "content": base64::encode(content),
    })
}

/// A case read without a passphrase, within the default limits.
fn case(name: &'static str, code: &'static str, bytes: Vec<u8>) -> Case {
    Case {
        name,
        code,
        bytes,
        passphrase: None,
        limits: Limits::default(),
    }
}

/// The file as a whole: size, syntax, format, version, fields, duplicates.
fn document_cases(good: &Value) -> Vec<Case> {
    let edit = |f: &dyn Fn(&mut Value)| edited(good, f);
    let good_bytes = serde_json::to_vec(good).expect("json");
    let mut assessment_file = serde_json::to_value(demo()).expect("json");
    assessment_file["answers"][0]["response"] = json!({"level": 9});
    vec![
        Case {
            limits: Limits {
                max_bundle_bytes: 100,
                ..Limits::default()
            },
            ..case(
                "larger than the cap",
                "import.too_large",
                good_bytes.clone(),
            )
        },
        case(
            "not JSON",
            "import.syntax",
            b"{\"format\": ironbridge".to_vec(),
        ),
        case(
            "truncated",
            "import.syntax",
            good_bytes[..good_bytes.len() / 2].to_vec(),
        ),
        case(
            "malformed log head",
            "import.audit_summary",
            edit(&|v| v["audit"]["head"]["hash"] = json!("not a hash")),
        ),
        case(
            "other format",
            "import.format",
            edit(&|v| v["format"] = json!("x.y")),
        ),
        case(
            "no version",
            "import.version_missing",
            edit(&|v| v["version"] = json!(null)),
        ),
        case(
            "newer version",
            "import.version_unsupported",
            edit(&|v| v["version"] = json!(ironbridge_core::bundle::VERSION + 1)),
        ),
        case(
            "unknown field",
            "import.field",
            edit(&|v| v["extra"] = json!(true)),
        ),
        case(
            "bad assessment file",
            "import.assessment_file",
            serde_json::to_vec(&assessment_file).expect("json"),
        ),
        case(
            "empty id",
            "import.field",
            edit(&|v| v["assessment"]["id"] = json!("")),
        ),
        case(
            "revision 0",
            "import.revision_zero",
            edit(&|v| v["assessment"]["revision"] = json!(0)),
        ),
        case(
            "two responses to one question",
            "import.duplicate_answer",
            edit(&|v| {
                let first = v["answers"][0].clone();
                v["answers"].as_array_mut().expect("array").push(first);
            }),
        ),
        case(
            "two notes on one question",
            "import.duplicate_note",
            edit(&|v| {
                v["notes"] = json!([{"question": "GOV-01", "text": "a"}, {"question": "GOV-01", "text": "b"}])
            }),
        ),
        case(
            "empty note",
            "import.empty_note",
            edit(&|v| v["notes"] = json!([{"question": "GOV-01", "text": ""}])),
        ),
        case(
            "flagged twice",
            "import.duplicate_follow_up",
            edit(&|v| v["follow_ups"] = json!(["GOV-01", "GOV-01"])),
        ),
    ]
}

/// Evidence files: names, duplicates, caps, digests, encodings.
fn evidence_cases(good: &Value) -> Vec<Case> {
    let edit = |f: &dyn Fn(&mut Value)| edited(good, f);
    vec![
        case(
            "evidence name with a path",
            "import.evidence_name",
            edit(&|v| {
                let mut e = evidence(b"x");
                e["file_name"] = json!("../../.bashrc");
                v["evidence"] = json!([e]);
            }),
        ),
        case(
            "evidence twice",
            "import.evidence_duplicate",
            edit(&|v| v["evidence"] = json!([evidence(b"x"), evidence(b"y")])),
        ),
        Case {
            limits: Limits {
                max_evidence_bytes: 4,
                ..Limits::default()
            },
            ..case(
                "evidence over the cap",
                "import.evidence_too_large",
                edit(&|v| v["evidence"] = json!([evidence(b"0123456789")])),
            )
        },
        Case {
            limits: Limits {
                max_evidence_files: 0,
                ..Limits::default()
            },
            ..case(
                "too many evidence files",
                "import.evidence_count",
                edit(&|v| v["evidence"] = json!([evidence(b"x")])),
            )
        },
        case(
            "malformed digest",
            "import.evidence_digest_malformed",
            edit(&|v| {
                let mut e = evidence(b"x");
                e["sha256"] = json!("abc");
                v["evidence"] = json!([e]);
            }),
        ),
        case(
            "content not base64",
            "import.evidence_encoding",
            edit(&|v| {
                let mut e = evidence(b"x");
                e["content"] = json!("e?==");
                v["evidence"] = json!([e]);
            }),
        ),
        case(
            "size mismatch",
            "import.evidence_size_mismatch",
            edit(&|v| {
                let mut e = evidence(b"x");
                e["size"] = json!(2);
                v["evidence"] = json!([e]);
            }),
        ),
        case(
            "digest mismatch",
            "import.evidence_digest_mismatch",
            edit(&|v| {
                let mut e = evidence(b"x");
                e["sha256"] = json!(ironbridge_store::hex_sha256(b"y"));
                v["evidence"] = json!([e]);
            }),
        ),
    ]
}

/// What needs more than the file's structure: registers, the bank, answers.
fn content_cases(good: &Value) -> Vec<Case> {
    let edit = |f: &dyn Fn(&mut Value)| edited(good, f);
    vec![
        case(
            "dangling register reference",
            "import.registers",
            edit(&|v| {
                v["registers"] = json!({"providers": [{
                    "id": "acme", "name": "Acme", "services": ["saas"], "reaches": ["mes"]
                }]});
            }),
        ),
        case(
            "other bank",
            "import.bank_mismatch",
            edit(&|v| v["bank"]["id"] = json!("other-bank")),
        ),
        case(
            "other bank major version",
            "import.bank_version",
            edit(&|v| v["bank"]["version"] = json!("99.0.0")),
        ),
        case(
            "answer unfit for its question",
            "import.answers_invalid",
            edit(&|v| v["answers"] = json!([{"question": "ZZZ-99", "response": "unknown"}])),
        ),
    ]
}

/// The bundle encrypted: no passphrase, the wrong one, damaged content.
fn encrypted_cases(good: &Value) -> Vec<Case> {
    let good_bytes = serde_json::to_vec(good).expect("json");
    let encrypted = bundle_file::encrypt(&good_bytes, "right").expect("encrypts");
    let mut damaged = encrypted.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 0x55;
    vec![
        case(
            "encrypted, no passphrase",
            "import.passphrase_required",
            encrypted.clone(),
        ),
        Case {
            passphrase: Some("wrong"),
            ..case(
                "encrypted, wrong passphrase",
                "import.passphrase_wrong",
                encrypted,
            )
        },
        Case {
            passphrase: Some("right"),
            ..case("encrypted, damaged", "import.age_content", damaged)
        },
    ]
}
