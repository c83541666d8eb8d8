//! Reading the assessment file format, version 1.
//!
//! Invariant: a file is read in two steps, first its `format` and `version`
//! (so a newer file says so instead of failing on a field), then strictly,
//! unknown fields rejected; every error names the line and column and, where
//! serde can tell, the field path.

use serde::Deserialize;

use super::Assessment;

/// The value of `format` in every assessment file.
pub const FORMAT: &str = "ironbridge.assessment";
/// The file format version this build reads and writes.
pub const VERSION: u32 = 1;

/// Why an assessment file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssessmentError {
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
    #[error("not an Ironbridge assessment: `format` is {found:?}, expected {FORMAT:?}")]
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
    #[error("line {line}, column {column}: at `{path}`: {message}")]
    Field {
        /// The field path (`answers[3].response`).
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
    /// Reads an assessment file.
    pub fn from_json(text: &str) -> Result<Self, AssessmentError> {
        let probe: Probe = serde_json::from_str(text).map_err(|e| {
            if e.is_syntax() || e.is_eof() {
                AssessmentError::Syntax {
                    line: e.line(),
                    column: e.column(),
                    message: strip_position(&e.to_string()),
                }
            } else {
                AssessmentError::WrongFormat { found: None }
            }
        })?;
        match probe.format {
            Some(serde_json::Value::String(f)) if f == FORMAT => {}
            Some(serde_json::Value::String(f)) => {
                return Err(AssessmentError::WrongFormat { found: Some(f) });
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
            let path = e.path().to_string();
            let inner = e.into_inner();
            AssessmentError::Field {
                path,
                line: inner.line(),
                column: inner.column(),
                message: strip_position(&inner.to_string()),
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

/// serde_json appends " at line L column C" to its messages; the error carries them apart.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(idx) => message[..idx].to_owned(),
        None => message.to_owned(),
    }
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
    fn malformed_question_id_is_named() {
        let text = minimal(r#"{"question": "GOV1", "response": "unknown"}"#);
        let err = Assessment::from_json(&text).unwrap_err().to_string();
        assert!(
            err.contains("answers[0].question") && err.contains("GOV1"),
            "{err}"
        );
    }
}
