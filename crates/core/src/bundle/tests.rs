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
    let err = check(|v| v["version"] = json!(VERSION + 1));
    assert_eq!(
        err,
        BundleError::VersionUnsupported {
            found: u64::from(VERSION) + 1
        }
    );
    assert_eq!(err.code(), "import.version_unsupported");
    assert!(err.to_string().contains("up to 3"), "{err}");
}

/// A version 2 bundle as Ironbridge wrote it (the fuzzing seed written by
/// the version 2 code): its digest is checked, then it is upgraded.
const DEMO_BUNDLE_V2: &str =
    include_str!("../../../store/fuzz/corpus/bundle_parse/demo-bundle-v2.json");

#[test]
fn a_version_2_bundle_is_checked_against_its_digest_and_upgraded_to_version_3() {
    assert!(DEMO_BUNDLE_V2.contains("\"version\": 2"));
    let bundle = parse(DEMO_BUNDLE_V2.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(bundle.version, 3);
    assert!(bundle.exposure_assumptions.is_empty());
    assert_eq!(bundle.integrity_note(), None, "its digest was checked");
    // Sealed anew as version 3: it round trips as a version 3 file.
    let again = parse(bundle.to_json().as_bytes(), &Limits::default()).unwrap();
    assert_eq!(again, bundle);

    // A changed value no longer matches the version 2 digest.
    let tampered = DEMO_BUNDLE_V2.replacen("\"employees\": ", "\"employees\": 1", 1);
    let err = parse(tampered.as_bytes(), &Limits::default()).unwrap_err();
    assert_eq!(err.code(), "import.digest_mismatch", "{err}");
}

#[test]
fn a_version_2_bundle_holding_saved_assumptions_is_neither_version() {
    let err = check(|v| {
        v["version"] = json!(2);
        v["exposure_assumptions"] = json!({"overrides": {"fixed_cost_share": 0.3}});
    });
    match err {
        BundleError::Field { path, message, .. } => {
            assert_eq!(path, "exposure_assumptions");
            assert!(message.contains("neither version 2 nor 3"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn saved_assumptions_travel_in_a_version_3_bundle() {
    let mut demo = Assessment::from_json(DEMO_ASSESSMENT).unwrap();
    demo.exposure_assumptions = crate::assessment::SavedAssumptions::from_overrides([
        ("fixed_cost_share".to_owned(), 0.3),
        ("custom_days".to_owned(), 21.0),
        ("seed".to_owned(), 9.0),
    ]);
    let text = Bundle::from_assessment(&demo).to_json();
    assert!(text.contains("\"exposure_assumptions\""), "{text}");
    let bundle = parse(text.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(
        bundle.to_assessment().exposure_assumptions,
        demo.exposure_assumptions
    );
    // Without saved assumptions the field is not written.
    let plain = Bundle::from_assessment(&Assessment::from_json(DEMO_ASSESSMENT).unwrap());
    assert!(!plain.to_json().contains("exposure_assumptions"));
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
