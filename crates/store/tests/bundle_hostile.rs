//! Hostile and damaged bundles against a real import (SQLite): the fixtures
//! under `tests/fixtures/hostile/` (`bundle-*`, `not-a-bundle.txt`), each
//! refused with its own code and message and the database unchanged, or
//! accepted as it should be; the crafted scrypt work factor refused in
//! milliseconds; byte flips in an exported bundle refused.
//!
//! `cargo test -p ironbridge-store --test bundle_hostile -- --ignored
//! regenerate` writes the fixtures again from the v1 demo.

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use ironbridge_core::Bank;
use ironbridge_core::assessment::Assessment;
use ironbridge_core::bundle::{self, Bundle, Evidence, Limits, LogHead, base64};
use ironbridge_store::{Store, bundle_file};
use serde_json::json;
use support::{Env, SqliteEnv, actor, bank, decode_file, fingerprint, import_file};

/// The passphrase of the encrypted fixtures (the CLI's corpus test gives it
/// in `IRONBRIDGE_PASSPHRASE`); `bundle-age-wrong-passphrase.age` was
/// encrypted with another.
const PASSPHRASE: &str = "correct horse battery staple";

/// One fixture: its file, the passphrase to try, and what must happen:
/// `Err(code, fragment of the message)` or `Ok` (imported).
struct Fixture {
    file: &'static str,
    passphrase: Option<&'static str>,
    expected: Result<(), (&'static str, &'static str)>,
}

const fn refused(
    file: &'static str,
    passphrase: Option<&'static str>,
    code: &'static str,
    fragment: &'static str,
) -> Fixture {
    Fixture {
        file,
        passphrase,
        expected: Err((code, fragment)),
    }
}

const FIXTURES: &[Fixture] = &[
    refused(
        "bundle-age-workfactor-2-23.age",
        Some(PASSPHRASE),
        "import.work_factor",
        "this file asks for more decryption work (2^23) than Ironbridge allows (2^18); it was not made by Ironbridge",
    ),
    refused(
        "bundle-age-header-damaged.age",
        Some(PASSPHRASE),
        "import.age_header",
        "age header is damaged",
    ),
    refused(
        "bundle-age-salt-corrupted.age",
        Some(PASSPHRASE),
        "import.age_header",
        "age header is damaged",
    ),
    refused(
        "bundle-age-header-mac-altered.age",
        Some(PASSPHRASE),
        "import.age_header_mac",
        "changed after it was written",
    ),
    refused(
        "bundle-age-wrong-passphrase.age",
        Some(PASSPHRASE),
        "import.passphrase_wrong",
        "the passphrase is wrong",
    ),
    refused(
        "bundle-age-content-damaged.age",
        Some(PASSPHRASE),
        "import.age_content",
        "content is damaged or cut short",
    ),
    refused(
        "bundle-age-x25519-key.age",
        Some(PASSPHRASE),
        "import.age_not_passphrase",
        "to a key, not to a passphrase",
    ),
    refused(
        "bundle-age-armored.age",
        Some(PASSPHRASE),
        "import.age_armored",
        "ASCII-armoured",
    ),
    refused(
        "bundle-digest-mismatch-note.json",
        None,
        "import.digest_mismatch",
        "the bundle's content does not match its digest: it was changed after export",
    ),
    refused(
        "bundle-digest-missing-v2.json",
        None,
        "import.digest_missing",
        "has no `content_sha256`",
    ),
    refused(
        "bundle-bidi-evidence-name.json",
        None,
        "import.evidence_name",
        "bidirectional-text control",
    ),
    refused(
        "bundle-blank-evidence-name.json",
        None,
        "import.evidence_name",
        "it is blank",
    ),
    refused(
        "bundle-evidence-media-type-1mb.json",
        None,
        "import.evidence_media_type",
        "longer than 127 bytes",
    ),
    refused(
        "bundle-evidence-unknown-question.json",
        None,
        "import.evidence_question",
        "question GOV-99, which the bank does not have",
    ),
    refused(
        "bundle-audit-changes-2-64.json",
        None,
        "import.audit_summary",
        "`audit.changes`: 18446744073709551615 changes is more than the limit",
    ),
    refused(
        "bundle-audit-first-after-last.json",
        None,
        "import.audit_summary",
        "is after the last",
    ),
    refused(
        "bundle-audit-actor-escape.json",
        None,
        "import.audit_summary",
        "holds a control character",
    ),
    refused(
        "bundle-audit-future-2999.json",
        None,
        "import.audit_summary",
        "is in the future",
    ),
    refused(
        "bundle-audit-head-malformed.json",
        None,
        "import.audit_summary",
        "`audit.head.hash`: \"0123456789ABCDEF0123",
    ),
    Fixture {
        file: "bundle-bom.json",
        passphrase: None,
        expected: Ok(()),
    },
    refused(
        "bundle-invalid-utf8.json",
        None,
        "import.not_utf8",
        "the file is not valid UTF-8 here",
    ),
    refused(
        "not-a-bundle.txt",
        None,
        "import.not_a_bundle",
        "line 1, column 1: this is not an Ironbridge bundle (it does not start with `{` or an age header)",
    ),
    Fixture {
        file: "bundle-v1-no-digest.json",
        passphrase: None,
        expected: Ok(()),
    },
];

/// Bank 1: the bank the fixtures (written from the v1 demo) were answered on.
fn bank_v1() -> Bank {
    Bank::shipped_v1().expect("bank 1 is valid")
}

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/hostile")
}

#[tokio::test]
async fn every_bundle_fixture_is_refused_precisely_or_imported() {
    let bank = bank_v1();
    for fixture in FIXTURES {
        let env = SqliteEnv::new().await;
        let path = fixtures_dir().join(fixture.file);
        assert!(path.exists(), "{} is missing", path.display());
        let before = fingerprint(&env).await;
        let started = Instant::now();
        let result = import_file(
            env.store(),
            &actor("Bob"),
            &path,
            fixture.passphrase,
            &bank,
            &Limits::default(),
        )
        .await;
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{} took {:?}",
            fixture.file,
            started.elapsed()
        );
        match (&fixture.expected, result) {
            (Ok(()), Ok(_)) => {}
            (Err((code, fragment)), Err(err)) => {
                assert_eq!(err.code(), *code, "{}: {err}", fixture.file);
                let text = err.to_string();
                assert!(text.contains(fragment), "{}: {text}", fixture.file);
                assert!(!text.contains('\u{1b}'), "{}: {text}", fixture.file);
                assert!(text.len() < 500, "{}: {text}", fixture.file);
                assert_eq!(
                    fingerprint(&env).await,
                    before,
                    "{} changed the database",
                    fixture.file
                );
            }
            (expected, got) => panic!("{}: expected {:?}, got {got:?}", fixture.file, expected),
        }
    }
}

#[test]
fn a_crafted_work_factor_is_refused_in_milliseconds() {
    for log_n in [19, 23, 40, 255, 999] {
        let file = age_header_with_work_factor(log_n);
        let started = Instant::now();
        let err = bundle_file::decode(&file, Some(PASSPHRASE), &Limits::default())
            .expect_err("it is refused");
        let elapsed = started.elapsed();
        assert_eq!(err.code(), "import.work_factor", "{err}");
        assert!(err.to_string().contains(&format!("(2^{log_n})")), "{err}");
        // The issue asks for under a second; it is a parse of a few lines.
        assert!(
            elapsed < Duration::from_secs(1),
            "2^{log_n} took {elapsed:?}"
        );
        // Refused before a passphrase is asked for.
        let err = bundle_file::decode(&file, None, &Limits::default()).expect_err("refused");
        assert_eq!(err.code(), "import.work_factor", "{err}");
    }
}

#[test]
fn a_damaged_encrypted_file_is_refused_before_a_passphrase_is_asked_for() {
    for (file, code) in [
        ("bundle-age-header-damaged.age", "import.age_header"),
        ("bundle-age-salt-corrupted.age", "import.age_header"),
        ("bundle-age-x25519-key.age", "import.age_not_passphrase"),
        ("bundle-age-armored.age", "import.age_armored"),
    ] {
        let err =
            decode_file(&fixtures_dir().join(file), None, &Limits::default()).expect_err("refused");
        assert_eq!(err.code(), code, "{file}: {err}");
    }
    let err = decode_file(
        &fixtures_dir().join("bundle-age-wrong-passphrase.age"),
        None,
        &Limits::default(),
    )
    .expect_err("a passphrase is needed");
    assert_eq!(err.code(), "import.passphrase_required");
}

#[test]
fn what_ironbridge_writes_it_reads_and_within_its_own_limit() {
    assert_eq!(
        bundle_file::MAX_WORK_FACTOR,
        bundle_file::WRITE_WORK_FACTOR + 1
    );
    let encrypted = bundle_file::encrypt(b"{}", "right").expect("encrypts");
    let header = String::from_utf8_lossy(&encrypted[..120]).into_owned();
    let line = header.lines().nth(1).expect("a stanza line");
    assert!(
        line.ends_with(&format!(" {}", bundle_file::WRITE_WORK_FACTOR)),
        "{line}"
    );
    let plain = bundle_file::decrypt(&encrypted, "right", 10).expect("decrypts");
    assert_eq!(plain, b"{}");
}

#[tokio::test]
async fn single_byte_flips_in_an_exported_bundle_are_all_refused() {
    let env = SqliteEnv::new().await;
    let ann = actor("Ann Auditor");
    let demo = support::demo();
    env.store()
        .create_assessment(&ann, &demo)
        .await
        .expect("stored");
    let bundle = env.store().export_bundle(&demo.id).await.expect("exports");
    let text = bundle.to_json().into_bytes();
    let bank = bank();
    let limits = Limits::default();
    bundle_file::decode(&text, None, &limits).expect("the unchanged bundle reads");
    // Spread over the whole file: headers, notes, registers, audit, digest.
    let step = text.len() / 400;
    let mut tried = 0;
    for offset in (0..text.len()).step_by(step.max(1)) {
        for mask in [0x01u8, 0x20] {
            let mut flipped = text.clone();
            flipped[offset] ^= mask;
            let refused = bundle_file::decode(&flipped, None, &limits)
                .and_then(|b| bundle_file::check_against_bank(&b, &bank));
            assert!(
                refused.is_err(),
                "a flip of {mask:#04x} at byte {offset} was accepted"
            );
            tried += 1;
        }
    }
    assert!(tried >= 800, "{tried}");
}

#[tokio::test]
async fn an_absurd_audit_summary_is_never_re_exported() {
    // A plausible summary is kept as what the earlier database said; the
    // importer's own counts come from its own log.
    let env = SqliteEnv::new().await;
    let mut bundle = demo_bundle();
    bundle.exported_at = Some(Utc.with_ymd_and_hms(2026, 11, 4, 8, 0, 0).unwrap());
    bundle.audit = bundle::AuditSummary {
        changes: 40,
        actors: vec!["Ann".into()],
        first_change_at: Some(Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()),
        last_change_at: Some(Utc.with_ymd_and_hms(2026, 11, 3, 17, 0, 0).unwrap()),
        head: Some(LogHead {
            chain_seq: 41,
            hash: "0f".repeat(32),
            key_id: None,
        }),
        earlier: Vec::new(),
    };
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("a.ironbridge");
    bundle_file::write(&path, &bundle, None).expect("written");
    import_file(
        env.store(),
        &actor("Bob"),
        &path,
        None,
        &bank_v1(),
        &Limits::default(),
    )
    .await
    .expect("imports");
    let again = env
        .store()
        .export_bundle(&bundle.assessment.id)
        .await
        .expect("exports");
    assert_eq!(again.audit.changes, 0, "{:?}", again.audit);
    assert!(again.audit.actors.is_empty());
    assert_eq!(again.audit.earlier.len(), 1);
    assert_eq!(again.audit.earlier[0].changes, 40);
    assert_eq!(again.audit.earlier[0].exported_at, bundle.exported_at);
    assert_eq!(again.audit.earlier[0].head, bundle.audit.head);
    // And the same with 2^64 - 1 changes is refused, nothing stored.
    let mut absurd = bundle.clone();
    absurd.assessment.id = ironbridge_core::AssessmentId::parse("absurd").expect("an id");
    absurd.audit.changes = u64::MAX;
    bundle_file::write(&path, &absurd, None).expect("written");
    let before = fingerprint(&env).await;
    let err = import_file(
        env.store(),
        &actor("Bob"),
        &path,
        None,
        &bank_v1(),
        &Limits::default(),
    )
    .await
    .expect_err("refused");
    assert_eq!(err.code(), "import.audit_summary");
    assert_eq!(fingerprint(&env).await, before);
}

#[tokio::test]
async fn a_version_1_bundle_imports_and_the_log_says_it_was_not_checked() {
    let env = SqliteEnv::new().await;
    let path = fixtures_dir().join("bundle-v1-no-digest.json");
    let bundle = decode_file(&path, None, &Limits::default()).expect("reads");
    assert_eq!(bundle.integrity_note(), Some(bundle::UNCHECKED_NOTE));
    import_file(
        env.store(),
        &actor("Bob"),
        &path,
        None,
        &bank_v1(),
        &Limits::default(),
    )
    .await
    .expect("imports");
    let log = env
        .store()
        .audit_log(&bundle.assessment.id)
        .await
        .expect("log");
    let import = log
        .iter()
        .find(|e| e.entity == "import")
        .expect("an import entry");
    let value = import.new_value.as_deref().unwrap_or_default();
    assert!(value.contains("cannot be checked"), "{value}");
}

// ---- the fixtures, written from the demo -------------------------------

/// The hostile bundles were written from the demo as answered on bank 1 (a v1
/// assessment, still importable): regenerating them from the v1 demo gives
/// the fixtures under `tests/fixtures/hostile/` again.
fn demo_bundle() -> Bundle {
    let demo =
        Assessment::from_json(ironbridge_core::embedded::DEMO_ASSESSMENT_V1).expect("the v1 demo");
    let mut bundle = Bundle::from_assessment(&demo);
    // Not the demo's id: the CLI's corpus test imports each into a database
    // that holds the demo, and a bundle wrongly let through must not be
    // stopped by "exists" instead.
    bundle.assessment.id = ironbridge_core::AssessmentId::parse("hostile-bundle").expect("an id");
    bundle.exported_at = Some(Utc.with_ymd_and_hms(2026, 11, 4, 8, 0, 0).unwrap());
    bundle.audit = bundle::AuditSummary {
        changes: 12,
        actors: vec!["Claire Ashdown".into()],
        first_change_at: Some(Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()),
        last_change_at: Some(Utc.with_ymd_and_hms(2026, 11, 3, 17, 30, 0).unwrap()),
        head: Some(LogHead {
            chain_seq: 14,
            hash: ironbridge_store::hex_sha256(b"the head of the hostile bundle's log"),
            key_id: Some("5e1f0c2a9b7d4e36".into()),
        }),
        earlier: Vec::new(),
    };
    bundle
        .evidence
        .push(evidence("backup-report.pdf", "application/pdf", None));
    bundle.sealed()
}

fn evidence(name: &str, media_type: &str, question: Option<&str>) -> Evidence {
    let content = b"%PDF-1.4 backup report";
    Evidence {
        file_name: name.into(),
        media_type: media_type.into(),
        question: question.map(|q| ironbridge_core::QuestionId::parse(q).expect("an id")),
        sha256: ironbridge_store::hex_sha256(content),
        size: content.len() as u64,
        content: base64::encode(content),
    }
}

/// base64 without padding, as age writes it.
fn b64(bytes: &[u8]) -> String {
    base64::encode(bytes).trim_end_matches('=').to_owned()
}

/// An age header by hand: a scrypt stanza asking for 2^`log_n`, random-looking
/// salt, key and MAC, a nonce and a few payload bytes. No scrypt runs to make it.
fn age_header_with_work_factor(log_n: u32) -> Vec<u8> {
    let mut file = format!(
        "age-encryption.org/v1\n-> scrypt {} {log_n}\n{}\n--- {}\n",
        b64(&[7; 16]),
        b64(&[9; 32]),
        b64(&[3; 32])
    )
    .into_bytes();
    file.extend_from_slice(&[5; 16]);
    file.extend_from_slice(&[1; 64]);
    file
}

/// Replaces the first occurrence of `from` in `bytes`.
fn replace_once(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = bytes
        .windows(from.len())
        .position(|w| w == from)
        .expect("the text to replace is there");
    [&bytes[..at], to, &bytes[at + from.len()..]].concat()
}

#[test]
#[ignore = "writes the fixtures; run with --ignored regenerate"]
fn regenerate() {
    let dir = fixtures_dir();
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).expect("written");
    let good = demo_bundle();
    let json = good.to_json().into_bytes();
    write_age_fixtures(&write, &json);
    write(
        "bundle-digest-mismatch-note.json",
        &replace_once(&json, b"CFO named owner", b"CFO named ownar"),
    );
    let mut missing: serde_json::Value = serde_json::from_slice(&json).expect("json");
    missing
        .as_object_mut()
        .expect("object")
        .remove("content_sha256");
    write(
        "bundle-digest-missing-v2.json",
        serde_json::to_string_pretty(&missing)
            .expect("json")
            .as_bytes(),
    );
    write_sealed_fixtures(&write, &good);
    let mut bom = good.clone();
    bom.assessment.id = ironbridge_core::AssessmentId::parse("hostile-bundle-bom").expect("an id");
    let bom = bom.to_json().into_bytes();
    write(
        "bundle-bom.json",
        &[b"\xEF\xBB\xBF".as_slice(), &bom].concat(),
    );
    write(
        "bundle-invalid-utf8.json",
        &replace_once(&json, b"Wrenmoor", b"Wren\xFFoor"),
    );
    write(
        "not-a-bundle.txt",
        b"Dear Claire,\nplease find the assessment attached.\n",
    );
    write_fuzz_seeds(&json);
    let mut v1 = serde_json::to_value(&good).expect("json");
    v1["assessment"]["id"] = json!("hostile-bundle-v1-no-digest");
    v1["version"] = json!(1);
    v1.as_object_mut().expect("object").remove("content_sha256");
    let audit = v1["audit"].as_object_mut().expect("object");
    audit.remove("earlier");
    audit.remove("head");
    write(
        "bundle-v1-no-digest.json",
        serde_json::to_string_pretty(&v1).expect("json").as_bytes(),
    );
    // The manifest the CLI's corpus test (`crates/cli/tests/hostile.rs`) runs
    // through `import`.
    let manifest: Vec<_> = FIXTURES
        .iter()
        .map(|f| {
            let (expect, message) = match f.expected {
                Ok(()) => ("accepted", ""),
                Err((_, fragment)) => ("refused", fragment),
            };
            json!({"file": f.file, "kind": "bundle", "expect": expect, "message": message})
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&manifest).expect("json");
    text.push('\n');
    write("bundles.json", text.as_bytes());
}

/// The `bundle-age-*` fixtures: `json` encrypted, then damaged one way each.
fn write_age_fixtures(write: &dyn Fn(&str, &[u8]), json: &[u8]) {
    let encrypted = bundle_file::encrypt(json, PASSPHRASE).expect("encrypts");

    write(
        "bundle-age-workfactor-2-23.age",
        &age_header_with_work_factor(23),
    );
    write(
        "bundle-age-header-damaged.age",
        &replace_once(&encrypted, b"age-encryption.org", b"age-encryptiom.org"),
    );
    let salt_line = encrypted
        .split(|&b| b == b'\n')
        .nth(1)
        .expect("a stanza")
        .to_vec();
    let salt = salt_line
        .split(|&b| b == b' ')
        .nth(2)
        .expect("a salt")
        .to_vec();
    write(
        "bundle-age-salt-corrupted.age",
        &replace_once(&encrypted, &salt, &[b'!'; 22]),
    );
    let mac_at = encrypted
        .windows(4)
        .position(|w| w == b"--- ")
        .expect("a MAC")
        + 4;
    let mut mac_altered = encrypted.clone();
    mac_altered[mac_at] = if mac_altered[mac_at] == b'A' {
        b'B'
    } else {
        b'A'
    };
    write("bundle-age-header-mac-altered.age", &mac_altered);
    write(
        "bundle-age-wrong-passphrase.age",
        &bundle_file::encrypt(json, "another passphrase").expect("encrypts"),
    );
    let mut damaged = encrypted.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 0x55;
    write("bundle-age-content-damaged.age", &damaged);
    let key = age::x25519::Identity::generate().to_public();
    write(
        "bundle-age-x25519-key.age",
        &age::encrypt(&key, json).expect("encrypts to a key"),
    );
    write(
        "bundle-age-armored.age",
        format!(
            "-----BEGIN AGE ENCRYPTED FILE-----\n{}\n-----END AGE ENCRYPTED FILE-----\n",
            base64::encode(&encrypted[..48])
        )
        .as_bytes(),
    );
}

/// The fixtures that are the demo bundle changed one way and sealed again,
/// as a hostile writer can: each meets the check it is about, not the digest.
fn write_sealed_fixtures(write: &dyn Fn(&str, &[u8]), good: &Bundle) {
    let sealed = |edit: &dyn Fn(&mut Bundle)| {
        let mut bundle = good.clone();
        edit(&mut bundle);
        bundle.to_json().into_bytes()
    };
    write(
        "bundle-bidi-evidence-name.json",
        &sealed(&|b| b.evidence[0] = evidence("invoice\u{202e}fdp.exe", "application/pdf", None)),
    );
    write(
        "bundle-blank-evidence-name.json",
        &sealed(&|b| b.evidence[0] = evidence(" ", "application/pdf", None)),
    );
    let huge = format!("application/{}", "x".repeat(1 << 20));
    write(
        "bundle-evidence-media-type-1mb.json",
        &sealed(&|b| b.evidence[0] = evidence("a.pdf", &huge, None)),
    );
    write(
        "bundle-evidence-unknown-question.json",
        &sealed(&|b| b.evidence[0] = evidence("a.pdf", "application/pdf", Some("GOV-99"))),
    );
    write(
        "bundle-audit-changes-2-64.json",
        &sealed(&|b| b.audit.changes = u64::MAX),
    );
    write(
        "bundle-audit-first-after-last.json",
        &sealed(&|b| {
            b.audit.first_change_at = Some(Utc.with_ymd_and_hms(2999, 1, 1, 0, 0, 0).unwrap());
            b.audit.last_change_at = Some(Utc.with_ymd_and_hms(2001, 1, 1, 0, 0, 0).unwrap());
        }),
    );
    write(
        "bundle-audit-actor-escape.json",
        &sealed(&|b| b.audit.actors = vec!["Mallory\u{1b}]0;pwned\u{7}\u{1b}[2J".into()]),
    );
    write(
        "bundle-audit-future-2999.json",
        &sealed(&|b| {
            b.audit.first_change_at = Some(Utc.with_ymd_and_hms(2999, 1, 1, 0, 0, 0).unwrap());
            b.audit.last_change_at = Some(Utc.with_ymd_and_hms(2999, 1, 2, 0, 0, 0).unwrap());
        }),
    );
    write(
        "bundle-audit-head-malformed.json",
        &sealed(&|b| {
            if let Some(head) = b.audit.head.as_mut() {
                head.hash = "0123456789ABCDEF".repeat(4);
            }
        }),
    );
}

/// The fuzzers' seeds: a sound version 2 bundle, and the same encrypted
/// with the passphrase `bundle_decode` tries.
fn write_fuzz_seeds(json: &[u8]) {
    // A sound version 2 bundle seeds the fuzzers' digest path.
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    for target in ["bundle_parse", "bundle_decode"] {
        std::fs::write(corpus.join(target).join("demo-bundle-v2.json"), json).expect("written");
    }
    // The passphrase `bundle_decode` tries opens this one, so the fuzzer
    // reaches the payload and the bundle inside.
    let opens = bundle_file::encrypt(json, "fuzz passphrase").expect("encrypts");
    std::fs::write(
        corpus.join("bundle_decode/demo-bundle-fuzz-passphrase.age"),
        opens,
    )
    .expect("written");
}
