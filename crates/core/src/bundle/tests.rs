//! Tests of reading bundles: round trips, the upgrade from an assessment
//! file, and one malformed bundle per structural error.

use serde_json::{Value, json};

use super::*;
use crate::embedded::DEMO_ASSESSMENT;

pub(super) fn demo_bundle() -> Bundle {
    let demo = Assessment::from_json(DEMO_ASSESSMENT).unwrap();
    let mut bundle = Bundle::from_assessment(&demo);
    bundle.evidence.push(Evidence {
        file_name: "backup-report.pdf".into(),
        media_type: "application/pdf".into(),
        question: None,
        sha256: "a".repeat(64),
        size: 3,
        content: base64::encode(b"pdf"),
    });
    bundle.sealed()
}

/// Applies `edit` to the demo bundle's JSON and returns the parse error code.
fn check(edit: impl FnOnce(&mut Value)) -> BundleError {
    let mut value = serde_json::to_value(demo_bundle()).unwrap();
    edit(&mut value);
    let text = serde_json::to_string(&value).unwrap();
    parse(text.as_bytes(), &Limits::default()).unwrap_err()
}

#[test]
fn bundle_round_trips_through_its_json() {
    let bundle = demo_bundle();
    let again = parse(bundle.to_json().as_bytes(), &Limits::default()).unwrap();
    assert_eq!(again, bundle);
    assert_eq!(again.to_json(), bundle.to_json());
}

#[test]
fn assessment_file_is_upgraded_as_version_zero() {
    let bundle = parse(DEMO_ASSESSMENT.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(bundle.version, VERSION);
    let mut demo = Assessment::from_json(DEMO_ASSESSMENT).unwrap();
    // A bundle keeps answers by question.
    demo.answers.sort_by(|a, b| a.question.cmp(&b.question));
    assert_eq!(bundle.to_assessment(), demo);
}

#[test]
fn newer_version_names_both_versions() {
    let err = check(|v| v["version"] = json!(3));
    assert_eq!(err, BundleError::VersionUnsupported { found: 3 });
    assert_eq!(err.code(), "import.version_unsupported");
    assert!(err.to_string().contains("up to 2"), "{err}");
}

#[test]
fn missing_version_is_its_own_error() {
    assert_eq!(
        check(|v| v["version"] = json!("1")),
        BundleError::MissingVersion
    );
}

#[test]
fn size_is_capped_before_parsing() {
    let limits = Limits {
        max_bundle_bytes: 10,
        ..Limits::default()
    };
    let err = parse(b"not even json, but too long", &limits).unwrap_err();
    assert_eq!(err.code(), "import.too_large");
}

#[test]
fn unknown_field_is_named_with_its_path() {
    let err = check(|v| v["assessment"]["colour"] = json!("red"));
    match err {
        BundleError::Field { path, message, .. } => {
            assert_eq!(path, "assessment.colour");
            assert!(message.contains("colour"), "{message}");
        }
        other => panic!("unexpected {other:?}"),
    }
}

/// A change that breaks a valid bundle in one way.
type Breakage = Box<dyn FnOnce(&mut Value)>;

#[test]
fn structural_problems_each_have_their_own_code() {
    let cases: Vec<(&str, Breakage)> = vec![
        (
            // Ids are parsed (AssessmentId): a blank one fails at its field.
            "import.field",
            Box::new(|v| v["assessment"]["id"] = json!(" ")),
        ),
        (
            "import.revision_zero",
            Box::new(|v| v["assessment"]["revision"] = json!(0)),
        ),
        (
            "import.duplicate_answer",
            Box::new(|v| {
                let first = v["answers"][0].clone();
                v["answers"].as_array_mut().unwrap().push(first);
            }),
        ),
        (
            "import.empty_note",
            Box::new(|v| v["notes"][0]["text"] = json!("")),
        ),
        (
            "import.evidence_digest_malformed",
            Box::new(|v| v["evidence"][0]["sha256"] = json!("ABC")),
        ),
        (
            "import.evidence_encoding",
            Box::new(|v| v["evidence"][0]["content"] = json!("cGRm!")),
        ),
        (
            "import.evidence_size_mismatch",
            Box::new(|v| v["evidence"][0]["size"] = json!(4)),
        ),
        (
            "import.evidence_name",
            Box::new(|v| v["evidence"][0]["file_name"] = json!("../etc/passwd")),
        ),
        (
            "import.evidence_media_type",
            Box::new(|v| v["evidence"][0]["media_type"] = json!("pdf")),
        ),
        (
            "import.audit_summary",
            Box::new(|v| v["audit"]["changes"] = json!(u64::MAX)),
        ),
        (
            "import.digest_mismatch",
            Box::new(|v| v["notes"][0]["text"] = json!("changed after export")),
        ),
        (
            "import.digest_malformed",
            Box::new(|v| v["content_sha256"] = json!("ABC")),
        ),
        (
            "import.digest_missing",
            Box::new(|v| v["content_sha256"] = json!(null)),
        ),
        (
            "import.registers",
            Box::new(|v| {
                v["registers"]["systems"] = json!([{
                    "id": "erp", "name": "ERP", "category": "erp", "hosting": "saas",
                    "provider": "nobody", "production_impact": "stops"
                }]);
            }),
        ),
    ];
    for (code, edit) in cases {
        assert_eq!(check(edit).code(), code);
    }
}

#[test]
fn evidence_too_large_is_refused_before_decoding() {
    let mut bundle = demo_bundle();
    bundle.evidence[0].content = "A".repeat(4 * 1024);
    let limits = Limits {
        max_evidence_bytes: 1000,
        ..Limits::default()
    };
    let err = parse(bundle.to_json().as_bytes(), &limits).unwrap_err();
    assert_eq!(err.code(), "import.evidence_too_large");
}
