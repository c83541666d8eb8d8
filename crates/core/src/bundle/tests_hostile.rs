//! Tests of what a hostile or damaged bundle meets: the digest against byte
//! flips, version 1 still read, evidence names and media types, implausible
//! audit summaries, and the first bytes of a file that is not a bundle.

use chrono::{TimeZone, Utc};
use serde_json::{Value, json};

use super::tests::demo_bundle;
use super::*;

fn parse_default(bytes: &[u8]) -> Result<Bundle, BundleError> {
    parse(bytes, &Limits::default())
}

/// The demo bundle with a note in right-to-left text and one holding NUL
/// and an escape, so flips land in escapes and multi-byte characters too.
fn rich_bundle() -> Bundle {
    let mut bundle = demo_bundle();
    bundle.notes[0].text = "ملاحظة: النسخ الاحتياطي غير مختبر \u{0}\u{1b}[2J".into();
    bundle.audit = AuditSummary {
        changes: 3,
        actors: vec!["Ann".into(), "Bob".into()],
        first_change_at: Some(Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()),
        last_change_at: Some(Utc.with_ymd_and_hms(2026, 11, 3, 17, 30, 0).unwrap()),
        head: Some(LogHead {
            chain_seq: 5,
            hash: "3f".repeat(32),
            key_id: Some("0123456789abcdef".into()),
        }),
        earlier: Vec::new(),
    };
    bundle.sealed()
}

#[test]
fn every_single_byte_flip_is_refused() {
    let text = rich_bundle().to_json();
    let bytes = text.as_bytes();
    parse_default(bytes).expect("the unchanged bundle reads");
    let mut flips = 0;
    // Every third byte with one mask, and a stride of offsets with the
    // others: flips in white space, keys, values, escapes and the digest.
    for offset in (0..bytes.len()).filter(|o| o % 3 == 0 || o % 13 == 0) {
        let masks: &[u8] = if offset % 13 == 0 {
            &[0x01, 0x02, 0x20, 0x40, 0x80]
        } else {
            &[0x01]
        };
        for &mask in masks {
            let mut flipped = bytes.to_vec();
            flipped[offset] ^= mask;
            flips += 1;
            assert!(
                parse_default(&flipped).is_err(),
                "a flip of {mask:#04x} at byte {offset} ({:?}) was accepted",
                char::from(bytes[offset])
            );
        }
    }
    assert!(flips > bytes.len() / 2, "{flips} flips");
}

#[test]
fn a_changed_value_names_the_digest() {
    let bundle = rich_bundle();
    let text = bundle.to_json().replace("Claire Ashdown", "Claire Ashdowm");
    let err = parse_default(text.as_bytes()).unwrap_err();
    assert_eq!(err.code(), "import.digest_mismatch");
    assert!(
        err.to_string().starts_with(
            "the bundle's content does not match its digest: it was changed after export"
        ),
        "{err}"
    );
}

#[test]
fn the_digest_ignores_layout_but_not_values() {
    let bundle = rich_bundle();
    let compact = serde_json::to_string(&bundle).unwrap();
    let again = parse_default(compact.as_bytes()).expect("compact JSON reads");
    assert_eq!(again, bundle);
    // The canonical content is the compact JSON with the digest null.
    let mut unsealed = bundle.clone();
    unsealed.content_sha256 = None;
    let canonical = serde_json::to_vec(&unsealed).unwrap();
    assert!(canonical.ends_with(b"\"content_sha256\":null}"));
    use sha2::Digest as _;
    let hex: String = sha2::Sha256::digest(&canonical)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(bundle.content_sha256.as_deref(), Some(hex.as_str()));
}

/// The bundle as version 1 wrote it: no digest, no `audit.earlier`, no `audit.head`.
fn as_version_1(bundle: &Bundle) -> Value {
    let mut value = serde_json::to_value(bundle).unwrap();
    value["version"] = json!(1);
    let object = value.as_object_mut().unwrap();
    object.remove("content_sha256");
    value["audit"].as_object_mut().unwrap().remove("earlier");
    value["audit"].as_object_mut().unwrap().remove("head");
    value
}

#[test]
fn version_1_bundles_still_read_and_say_they_were_not_checked() {
    let bundle = rich_bundle();
    let text = serde_json::to_string_pretty(&as_version_1(&bundle)).unwrap();
    let read = parse_default(text.as_bytes()).expect("a version 1 bundle reads");
    assert_eq!(read.version, VERSION);
    assert_eq!(read.content_sha256, None);
    assert_eq!(read.integrity_note(), Some(UNCHECKED_NOTE));
    assert_eq!(read.audit.head, None, "the upgrade leaves the head empty");
    let mut expected = bundle;
    expected.content_sha256 = None;
    expected.audit.head = None;
    assert_eq!(read, expected);
    // Written again, it is a version 2 bundle with a digest.
    let again = parse_default(read.to_json().as_bytes()).expect("re-written, it reads");
    assert!(again.content_sha256.is_some());
    assert_eq!(again.integrity_note(), None);
}

#[test]
fn version_1_with_a_version_2_field_is_refused() {
    let mut value = as_version_1(&rich_bundle());
    value["content_sha256"] = json!("0".repeat(64));
    let err = parse_default(value.to_string().as_bytes()).unwrap_err();
    assert!(
        matches!(&err, BundleError::Field { path, .. } if path == "content_sha256"),
        "{err:?}"
    );
    let mut value = as_version_1(&rich_bundle());
    value["audit"]["earlier"] = json!([{"changes": 1, "actors": ["Eve"],
        "first_change_at": "2026-01-01T00:00:00Z", "last_change_at": "2026-01-01T00:00:00Z"}]);
    let err = parse_default(value.to_string().as_bytes()).unwrap_err();
    assert!(
        matches!(&err, BundleError::Field { path, .. } if path == "audit.earlier"),
        "{err:?}"
    );
    let mut value = as_version_1(&rich_bundle());
    value["audit"]["head"] = json!({"chain_seq": 3, "hash": "ab".repeat(32)});
    let err = parse_default(value.to_string().as_bytes()).unwrap_err();
    assert!(
        matches!(&err, BundleError::Field { path, .. } if path == "audit.head"),
        "{err:?}"
    );
}

#[test]
fn the_log_head_is_read_back_and_covered_by_the_digest() {
    let bundle = rich_bundle();
    let read = parse_default(bundle.to_json().as_bytes()).expect("the bundle reads");
    assert_eq!(read.audit.head, bundle.audit.head);
    let mut changed = bundle.clone();
    if let Some(head) = changed.audit.head.as_mut() {
        head.chain_seq += 1;
    }
    assert_ne!(
        digest::content_sha256(&mut changed),
        bundle.content_sha256.clone().unwrap()
    );
    // A file whose head was changed after export is refused.
    let text = bundle
        .to_json()
        .replace("\"chain_seq\": 5", "\"chain_seq\": 6");
    assert!(text.contains("\"chain_seq\": 6"));
    assert!(matches!(
        parse_default(text.as_bytes()),
        Err(BundleError::DigestMismatch { .. })
    ));
}

/// Edits the rich bundle's JSON, seals it again (a hostile writer can), and
/// returns the error.
fn refused(edit: impl FnOnce(&mut Value)) -> BundleError {
    let mut value = serde_json::to_value(rich_bundle()).unwrap();
    edit(&mut value);
    let bundle: Bundle = serde_json::from_value(value).expect("still the bundle's types");
    parse_default(bundle.to_json().as_bytes()).expect_err("it is refused")
}

#[test]
fn hostile_evidence_names_are_refused() {
    let long = "a".repeat(252) + ".pdf";
    let cases = [
        (" ", NameProblem::Blank),
        ("\t", NameProblem::Blank),
        ("invoice\u{202e}fdp.exe", NameProblem::Bidi),
        ("report\u{2066}.pdf", NameProblem::Bidi),
        ("a\u{200f}b.pdf", NameProblem::Bidi),
        ("a\u{061c}b.pdf", NameProblem::Bidi),
        ("bell\u{7}.pdf", NameProblem::Control),
        ("esc\u{1b}]0;x\u{7}.pdf", NameProblem::Control),
        ("c1\u{85}.pdf", NameProblem::Control),
        (long.as_str(), NameProblem::TooLong),
        ("..", NameProblem::Dots),
        ("a/b.pdf", NameProblem::Path),
        ("a\\b.pdf", NameProblem::Path),
    ];
    for (name, problem) in cases {
        let err = refused(|v| v["evidence"][0]["file_name"] = json!(name));
        assert_eq!(err.code(), "import.evidence_name", "{name:?}");
        assert!(
            matches!(&err, BundleError::EvidenceName { problem: p, .. } if *p == problem),
            "{name:?}: {err:?}"
        );
        assert!(!err.to_string().contains('\u{1b}'), "{err}");
        assert!(!err.to_string().contains('\u{202e}'), "{err}");
    }
    assert_eq!(check_file_name(&"a".repeat(255)), Ok(()));
    assert_eq!(check_file_name("Backup report (2026).pdf"), Ok(()));
}

#[test]
fn media_types_are_bounded_and_plain() {
    let huge = format!("application/{}", "x".repeat(1 << 20));
    for media_type in [
        huge.as_str(),
        "pdf",
        "",
        "application/",
        "/pdf",
        "text/plain; charset=utf-8",
        "text/plain\u{1b}[2J",
        "application/p df",
    ] {
        let err = refused(|v| v["evidence"][0]["media_type"] = json!(media_type));
        assert_eq!(err.code(), "import.evidence_media_type", "{media_type:?}");
        assert!(err.to_string().len() < 400, "{err}");
    }
    for ok in [
        "application/pdf",
        "image/svg+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ] {
        assert_eq!(check_media_type(ok), Ok(()), "{ok}");
    }
}

#[test]
fn implausible_audit_summaries_are_refused_with_their_field() {
    let cases: Vec<(&str, Edit)> = vec![
        (
            "audit.changes",
            Box::new(|v| v["audit"]["changes"] = json!(u64::MAX)),
        ),
        (
            "audit.first_change_at",
            Box::new(|v| {
                v["audit"]["first_change_at"] = json!("2999-01-01T00:00:00Z");
                v["audit"]["last_change_at"] = json!("2026-01-01T00:00:00Z");
            }),
        ),
        (
            "audit.first_change_at",
            Box::new(|v| v["audit"]["first_change_at"] = json!("1970-01-01T00:00:00Z")),
        ),
        (
            "audit.actors[1]",
            Box::new(|v| v["audit"]["actors"][1] = json!("Bob\u{1b}]0;pwned\u{7}")),
        ),
        (
            "audit.actors[1]",
            Box::new(|v| v["audit"]["actors"][1] = json!("Bob\u{202e}")),
        ),
        (
            "audit.actors[1]",
            Box::new(|v| v["audit"]["actors"][1] = json!(" ")),
        ),
        (
            "audit.actors[1]",
            Box::new(|v| v["audit"]["actors"][1] = json!("Ann")),
        ),
        (
            "audit.actors",
            Box::new(|v| v["audit"]["changes"] = json!(1)),
        ),
        (
            "audit",
            Box::new(|v| {
                v["audit"]["changes"] = json!(0);
                v["audit"]["actors"] = json!([]);
            }),
        ),
        (
            "audit",
            Box::new(|v| v["audit"]["last_change_at"] = json!(null)),
        ),
        (
            "audit.earlier[0].changes",
            Box::new(|v| {
                v["audit"]["earlier"] = json!([{"changes": u64::MAX, "actors": []}]);
            }),
        ),
    ];
    assert_each_refused_at(cases);
}

#[test]
fn malformed_log_heads_are_refused_with_their_field() {
    let cases: Vec<(&str, Edit)> = vec![
        (
            "audit.head.chain_seq",
            Box::new(|v| v["audit"]["head"]["chain_seq"] = json!(0)),
        ),
        (
            "audit.head.hash",
            Box::new(|v| v["audit"]["head"]["hash"] = json!("3F".repeat(32))),
        ),
        (
            "audit.head.hash",
            Box::new(|v| v["audit"]["head"]["hash"] = json!("3f".repeat(31))),
        ),
        (
            "audit.head.hash",
            Box::new(|v| {
                v["audit"]["head"]["hash"] = json!(format!("{}\u{1b}[2J", "3f".repeat(30)))
            }),
        ),
        (
            "audit.head.key_id",
            Box::new(|v| v["audit"]["head"]["key_id"] = json!("not-a-key-id")),
        ),
        (
            "audit.earlier[0].head.hash",
            Box::new(|v| {
                v["audit"]["earlier"] = json!([{"changes": 0, "actors": [],
                    "head": {"chain_seq": 1, "hash": "zz"}}]);
            }),
        ),
        (
            "audit.earlier[0].head.chain_seq",
            Box::new(|v| {
                v["audit"]["earlier"] = json!([{"changes": 0, "actors": [],
                    "head": {"chain_seq": 0, "hash": "ab".repeat(32)}}]);
            }),
        ),
    ];
    assert_each_refused_at(cases);
}

/// An edit of the rich bundle's JSON.
type Edit = Box<dyn FnOnce(&mut Value)>;

/// Each edit is refused as an implausible audit summary at its field, the
/// message free of escapes.
fn assert_each_refused_at(cases: Vec<(&str, Edit)>) {
    for (field, edit) in cases {
        let err = refused(edit);
        match &err {
            BundleError::AuditSummary { field: f, .. } => assert_eq!(f, field, "{err}"),
            other => panic!("{field}: unexpected {other:?}"),
        }
        assert_eq!(err.code(), "import.audit_summary");
        assert!(!err.to_string().contains('\u{1b}'), "{err}");
    }
}

#[test]
fn times_in_the_future_are_refused_against_the_clock() {
    let now = Utc.with_ymd_and_hms(2026, 12, 6, 12, 0, 0).unwrap();
    let mut bundle = rich_bundle();
    assert_eq!(check_dates(&bundle, now), Ok(()));
    bundle.audit.last_change_at = Some(Utc.with_ymd_and_hms(2999, 1, 1, 0, 0, 0).unwrap());
    let err = check_dates(&bundle, now).unwrap_err();
    assert!(err.to_string().contains("audit.last_change_at"), "{err}");
    assert!(err.to_string().contains("in the future"), "{err}");
    // Within a day is a clock difference, not a lie.
    bundle.audit.last_change_at = Some(now + chrono::Duration::hours(20));
    assert_eq!(check_dates(&bundle, now), Ok(()));
    bundle.exported_at = Some(now + chrono::Duration::days(3));
    assert!(check_dates(&bundle, now).is_err());
}

#[test]
fn files_that_are_not_bundles_say_what_they_are() {
    let err = parse_default(b"Dear colleague, please find attached").unwrap_err();
    assert_eq!(err, BundleError::NotABundle { line: 1, column: 1 });
    assert_eq!(
        err.to_string(),
        "line 1, column 1: this is not an Ironbridge bundle (it does not start with `{` or an age header)"
    );
    let err = parse_default(b"\n\n   [1, 2]").unwrap_err();
    assert_eq!(err, BundleError::NotABundle { line: 3, column: 4 });
    for empty in [&b""[..], b"  \n\t", b"\xEF\xBB\xBF"] {
        assert_eq!(parse_default(empty).unwrap_err(), BundleError::Empty);
    }
    // A byte order mark is skipped, as every reader of JSON files does.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(rich_bundle().to_json().as_bytes());
    assert_eq!(parse_default(&bom).expect("read"), rich_bundle());
    let mut bad = rich_bundle().to_json().into_bytes();
    let at = bad.iter().position(|&b| b == b'W').unwrap();
    bad[at] = 0xFF;
    let err = parse_default(&bad).unwrap_err();
    match err {
        BundleError::NotUtf8 {
            line,
            column,
            offset,
        } => {
            assert_eq!(offset, at);
            assert!(line > 1 && column > 1, "line {line}, column {column}");
        }
        other => panic!("unexpected {other:?}"),
    }
    // An assessment file (version 0) with a bad byte names its position too.
    let mut assessment = crate::embedded::DEMO_ASSESSMENT.as_bytes().to_vec();
    assessment[200] = 0xC3;
    assessment[201] = b'(';
    let err = parse_default(&assessment).unwrap_err();
    assert!(
        matches!(err, BundleError::NotUtf8 { offset: 200, .. }),
        "{err:?}"
    );
    assert!(!err.to_string().contains("line 0"), "{err}");
}

#[test]
fn a_missing_top_level_field_says_where() {
    let mut value = serde_json::to_value(rich_bundle()).unwrap();
    value.as_object_mut().unwrap().remove("profile");
    let err = parse_default(value.to_string().as_bytes()).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("at the top level of the bundle"), "{text}");
    assert!(text.contains("profile"), "{text}");
    assert!(!text.contains("`.`"), "{text}");
}
