//! Reading the assessment file format, version 1.
//!
//! Invariant: a file is read in three steps: first a scan for a key written
//! twice in one object (which serde would otherwise resolve silently, last
//! one winning), then its `format` and `version` (so a newer file says so
//! instead of failing on a field), then strictly, unknown fields rejected;
//! every error names the line and column and, where serde can tell, the
//! field path, or says "at the top level". A leading UTF-8 byte-order mark
//! is harmless and skipped.

use serde::Deserialize;

use super::Assessment;
use super::json_scan::{self, Duplicate};

/// The value of `format` in every assessment file.
pub const FORMAT: &str = "ironbridge.assessment";
/// The file format version this build reads and writes.
pub const VERSION: u32 = 1;

/// Why an assessment file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssessmentError {
    /// Nothing but white space.
    #[error("the file is empty")]
    Empty,
    /// One object holds the same key twice.
    #[error("line {line}, column {column}: the key `{key}` appears twice {}", json_scan::place(.path))]
    DuplicateKey {
        /// The object's path (`organisation`, `answers[3]`; empty at the top level).
        path: String,
        /// The key.
        key: String,
        /// 1-based line of the second occurrence.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// Not JSON.
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// JSON, but not an Ironbridge assessment.
    #[error("not an Ironbridge assessment: {}", wrong_format(.found))]
    WrongFormat {
        /// The `format` found, if any.
        found: Option<String>,
    },
    /// A version this build cannot read.
    #[error("assessment file version {found} is not supported: this build reads version {VERSION}")]
    UnsupportedVersion {
        /// The version found.
        found: u64,
    },
    /// A field is missing, unknown or of the wrong type.
    #[error("line {line}, column {column}: {message} {}", json_scan::place(.path))]
    Field {
        /// The field path (`answers[3].response`; empty at the top level).
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

impl AssessmentError {
    /// The stable error code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            AssessmentError::Empty => "assessment.empty",
            AssessmentError::DuplicateKey { .. } => "assessment.duplicate_key",
            AssessmentError::Syntax { .. } => "assessment.syntax",
            AssessmentError::WrongFormat { .. } => "assessment.format",
            AssessmentError::UnsupportedVersion { .. } => "assessment.version_unsupported",
            AssessmentError::Field { .. } => "assessment.field",
        }
    }
}

#[derive(Deserialize)]
struct Probe {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

impl Assessment {
    /// Reads an assessment file (a leading byte-order mark is skipped).
    pub fn from_json(text: &str) -> Result<Self, AssessmentError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(AssessmentError::Empty);
        }
        json_scan::scan(text).map_err(|e| match e {
            json_scan::ScanError::Duplicate(Duplicate {
                path,
                key,
                line,
                column,
            }) => AssessmentError::DuplicateKey {
                path,
                key: shorten(&key),
                line,
                column,
            },
            json_scan::ScanError::Json(e) => syntax(&e),
        })?;
        not_an_object(text)?;
        let probe: Probe = serde_json::from_str(text).map_err(|e| {
            if e.is_syntax() || e.is_eof() {
                syntax(&e)
            } else {
                AssessmentError::WrongFormat { found: None }
            }
        })?;
        match probe.format {
            Some(serde_json::Value::String(f)) if f == FORMAT => {}
            Some(serde_json::Value::String(f)) => {
                return Err(AssessmentError::WrongFormat {
                    found: Some(shorten(&f)),
                });
            }
            _ => return Err(AssessmentError::WrongFormat { found: None }),
        }
        if let Some(found) = probe.version.as_ref().and_then(serde_json::Value::as_u64)
            && (found > u64::from(VERSION) || found == 0)
        {
            return Err(AssessmentError::UnsupportedVersion { found });
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let assessment: Assessment = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = match e.path().to_string() {
                top if top == "." => String::new(),
                path => shorten(&path),
            };
            let inner = e.into_inner();
            let mut message = strip_position(&inner.to_string());
            if let Some(date) = date_at(text, &path) {
                message = format!(
                    "{:?} is not a date that exists, written YYYY-MM-DD ({message})",
                    shorten(&date)
                );
            }
            if let Some(question) = question_of(text, &path) {
                message = format!("{message} (question {})", shorten(&question));
            }
            AssessmentError::Field {
                path,
                line: inner.line(),
                column: inner.column(),
                message,
            }
        })?;
        Ok(assessment)
    }

    /// Writes the assessment as pretty JSON, the form of the file on disk.
    pub fn to_json(&self) -> String {
        // Serialising plain data structs with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// `format` as found, in the words of [`AssessmentError::WrongFormat`].
fn wrong_format(found: &Option<String>) -> String {
    match found {
        Some(format) => format!("`format` is {format:?}, expected {FORMAT:?}"),
        None => format!("it has no `format` field (expected {FORMAT:?})"),
    }
}

/// Refuses JSON that is not an object: an array, a string, a number.
fn not_an_object(text: &str) -> Result<(), AssessmentError> {
    let start = text.len() - text.trim_start().len();
    if text[start..].starts_with('{') {
        return Ok(());
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Err(AssessmentError::Syntax {
        line,
        column,
        message: "an assessment file is one JSON object, `{…}`, and this is not one".to_owned(),
    })
}

/// The question id of the answer a failing `path` (`answers[3].response`) is in.
fn question_of(text: &str, path: &str) -> Option<String> {
    let index = path.strip_prefix("answers[")?.split(']').next()?;
    let index: usize = index.parse().ok()?;
    if path == format!("answers[{index}].question") {
        return None;
    }
    let whole: serde_json::Value = serde_json::from_str(text).ok()?;
    let question = whole.get("answers")?.get(index)?.get("question")?;
    question.as_str().map(str::to_owned)
}

/// The text of a date field at `path` whose value did not parse as a date.
fn date_at(text: &str, path: &str) -> Option<String> {
    const DATES: [&str; 3] = ["started_on", "completed_on", "last_restore_test"];
    let last = path.rsplit('.').next()?;
    if !DATES.contains(&last) {
        return None;
    }
    let whole: serde_json::Value = serde_json::from_str(text).ok()?;
    let mut value = &whole;
    for step in path.split('.') {
        let (key, indexes) = step
            .split_once('[')
            .map_or((step, ""), |(k, rest)| (k, rest));
        value = value.get(key)?;
        for index in indexes.split('[').filter(|i| !i.is_empty()) {
            value = value.get(index.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    value.as_str().map(str::to_owned)
}

fn syntax(e: &serde_json::Error) -> AssessmentError {
    AssessmentError::Syntax {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    }
}

/// serde_json appends " at line L column C" to its messages; the error
/// carries them apart. A message that quotes a huge key is cut short.
fn strip_position(message: &str) -> String {
    let message = match message.rfind(" at line ") {
        Some(idx) => &message[..idx],
        None => message,
    };
    shorten(message)
}

/// The longest text from a file that a message repeats.
const MAX_QUOTED_CHARS: usize = 300;

/// `text`, or its first [`MAX_QUOTED_CHARS`] characters and an ellipsis.
fn shorten(text: &str) -> String {
    if text.len() <= MAX_QUOTED_CHARS {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(MAX_QUOTED_CHARS).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal(answers: &str) -> String {
        format!(
            r#"{{
  "format": "ironbridge.assessment",
  "version": 1,
  "id": "a1",
  "title": "t",
  "bank": {{ "id": "b", "version": "1.0.0" }},
  "organisation": {{ "name": "Acme", "sector": "Automotive", "employees": 10,
    "annual_revenue": 1000000, "currency": "GBP", "operating_days_per_year": 250 }},
  "assessor": {{ "name": "A" }},
  "mode": "workshop",
  "status": "draft",
  "started_on": "2026-11-02",
  "target_profile": "standard",
  "answers": [{answers}]
}}"#
        )
    }

    #[test]
    fn minimal_file_reads_and_round_trips() {
        let text = minimal(r#"{"question": "GOV-01", "response": {"level": 2}, "note": "n"}"#);
        let assessment = Assessment::from_json(&text).unwrap();
        assert_eq!(assessment.answers.len(), 1);
        let again = Assessment::from_json(&assessment.to_json()).unwrap();
        assert_eq!(again, assessment);
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        let err = Assessment::from_json("{\n  \"format\": ,\n}").unwrap_err();
        assert!(
            matches!(err, AssessmentError::Syntax { line: 2, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn newer_version_says_so() {
        let text = minimal("").replace("\"version\": 1", "\"version\": 2");
        let err = Assessment::from_json(&text).unwrap_err();
        assert_eq!(err, AssessmentError::UnsupportedVersion { found: 2 });
    }

    #[test]
    fn other_json_is_not_an_assessment() {
        let err = Assessment::from_json(r#"{"format": "something.else"}"#).unwrap_err();
        assert_eq!(err.code(), "assessment.format");
    }

    #[test]
    fn bad_level_names_the_field_path_and_line() {
        let text = minimal(
            r#"{"question": "GOV-01", "response": {"level": 2}},
    {"question": "GOV-02", "response": {"level": 9}}"#,
        );
        let err = Assessment::from_json(&text).unwrap_err();
        match err {
            AssessmentError::Field {
                path,
                line,
                message,
                ..
            } => {
                assert_eq!(path, "answers[1].response.level");
                assert_eq!(line, 15);
                assert!(message.contains("levels are 0 to 4"), "{message}");
                assert!(message.ends_with("(question GOV-02)"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn unknown_field_is_named() {
        let text = minimal(r#"{"question": "GOV-01", "respnse": {"level": 2}}"#);
        let err = Assessment::from_json(&text).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("answers[0]") && message.contains("respnse"),
            "{message}"
        );
    }

    #[test]
    fn an_impossible_date_is_quoted() {
        let text = minimal("").replace("2026-11-02", "2026-02-30");
        let err = Assessment::from_json(&text).unwrap_err().to_string();
        assert!(
            err.contains("\"2026-02-30\" is not a date that exists")
                && err.contains("`started_on`"),
            "{err}"
        );
    }

    #[test]
    fn json_that_is_not_an_object_says_so() {
        let err = Assessment::from_json("\n  [1, 2, 3]").unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 2, column 3: an assessment file is one JSON object, `{…}`, and this is not one"
        );
    }

    #[test]
    fn a_missing_format_is_named() {
        let err = Assessment::from_json(r#"{"title": "x"}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "not an Ironbridge assessment: it has no `format` field (expected \"ironbridge.assessment\")"
        );
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let text = format!("\u{feff}{}", minimal(""));
        let assessment = Assessment::from_json(&text).unwrap();
        assert_eq!(assessment.title, "t");
    }

    #[test]
    fn an_empty_file_says_so() {
        for text in ["", "  \n\t", "\u{feff}"] {
            assert_eq!(Assessment::from_json(text), Err(AssessmentError::Empty));
        }
    }

    #[test]
    fn a_duplicate_key_is_named_with_its_object() {
        let text = minimal("").replacen(
            "\"title\": \"t\",",
            "\"title\": \"t\",\n  \"title\": \"u\",",
            1,
        );
        let err = Assessment::from_json(&text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 6, column 9: the key `title` appears twice at the top level"
        );
        // In a map, where serde alone keeps the last value silently.
        let text = minimal("").replacen(
            "\"format\"",
            "\"target_overrides\": {\"GOV-01\": 2, \"GOV-01\": 3},\n  \"format\"",
            1,
        );
        let err = Assessment::from_json(&text).unwrap_err();
        assert_eq!(err.code(), "assessment.duplicate_key");
        assert!(
            err.to_string()
                .contains("`GOV-01` appears twice at `target_overrides`"),
            "{err}"
        );
    }

    #[test]
    fn a_missing_top_level_field_is_named_without_a_dot() {
        let text = minimal("").replacen("\"title\": \"t\",", "", 1);
        let err = Assessment::from_json(&text).unwrap_err().to_string();
        assert!(
            err.ends_with("missing field `title` at the top level"),
            "{err}"
        );
        assert!(!err.contains("`.`"), "{err}");
    }

    #[test]
    fn a_huge_unknown_key_is_not_repeated_whole() {
        let key = "k".repeat(100_000);
        let text = minimal("").replacen("\"title\"", &format!("\"{key}\": 1, \"title\""), 1);
        let err = Assessment::from_json(&text).unwrap_err().to_string();
        assert!(err.contains("unknown field"), "{err}");
        assert!(err.len() < 1_000, "{} characters", err.len());
    }

    #[test]
    fn malformed_question_id_is_named() {
        let text = minimal(r#"{"question": "GOV1", "response": "unknown"}"#);
        let err = Assessment::from_json(&text).unwrap_err().to_string();
        assert!(
            err.contains("answers[0].question") && err.contains("GOV1"),
            "{err}"
        );
    }
}
