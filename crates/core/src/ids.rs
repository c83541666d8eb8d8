//! Identifiers: domain codes, question ids and assessment ids.
//!
//! Invariant: a [`QuestionId`] is always `<domain code>-<two digits>` (`INS-03`),
//! a [`DomainCode`] two to four capital letters, and an [`AssessmentId`] one
//! to 64 lowercase letters, digits and hyphens, so ids from a file, a
//! database or a command line can be trusted once parsed (safe in a file
//! name, a URL, a log line and a terminal alike).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The code of a domain, two to four capital ASCII letters (`GOV`, `OT`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DomainCode(String);

/// The stable id of a question: its domain's code, a hyphen and two digits (`INS-03`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QuestionId(String);

/// The stable id of an assessment (`a-20261102-5f3a9c1e`, `demo-wrenmoor-2026`).
///
/// It reads as a `str` (`Deref`), so code that only shows or stores the text
/// takes `&str`; code that names an assessment takes `&AssessmentId`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AssessmentId(String);

/// Why a string is not a valid id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Not two to four capital letters.
    #[error("domain code {text:?} is not two to four capital letters")]
    DomainCode {
        /// The rejected text.
        text: String,
    },
    /// Not 1–64 lowercase letters, digits and hyphens.
    #[error(
        "assessment id {text:?} is not 1 to 64 lowercase letters, digits and hyphens (like a-20261102-5f3a9c1e)"
    )]
    AssessmentId {
        /// The rejected text.
        text: String,
    },
    /// Not `<CODE>-NN`.
    #[error("question id {text:?} is not a domain code, a hyphen and two digits (like INS-03)")]
    QuestionId {
        /// The rejected text.
        text: String,
    },
}

impl DomainCode {
    /// Parses a domain code.
    pub fn parse(text: &str) -> Result<Self, IdError> {
        if is_domain_code(text) {
            Ok(Self(text.to_owned()))
        } else {
            Err(IdError::DomainCode {
                text: text.to_owned(),
            })
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl QuestionId {
    /// Parses a question id.
    pub fn parse(text: &str) -> Result<Self, IdError> {
        let valid = match text.split_once('-') {
            Some((code, number)) => {
                is_domain_code(code)
                    && number.len() == 2
                    && number.bytes().all(|b| b.is_ascii_digit())
            }
            None => false,
        };
        if valid {
            Ok(Self(text.to_owned()))
        } else {
            Err(IdError::QuestionId {
                text: text.to_owned(),
            })
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code of the domain the id belongs to (`INS` for `INS-03`).
    pub fn domain_code(&self) -> &str {
        self.0.split_once('-').map_or("", |(code, _)| code)
    }

    /// The number after the hyphen (`3` for `INS-03`).
    pub fn number(&self) -> u32 {
        self.0
            .split_once('-')
            .and_then(|(_, n)| n.parse().ok())
            .unwrap_or(0)
    }
}

impl AssessmentId {
    /// Parses an assessment id.
    pub fn parse(text: &str) -> Result<Self, IdError> {
        let valid = (1..=64).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if valid {
            Ok(Self(text.to_owned()))
        } else {
            Err(IdError::AssessmentId {
                text: text.to_owned(),
            })
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for AssessmentId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for AssessmentId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for AssessmentId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for AssessmentId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<AssessmentId> for String {
    fn eq(&self, other: &AssessmentId) -> bool {
        *self == other.0
    }
}

impl PartialEq<AssessmentId> for &str {
    fn eq(&self, other: &AssessmentId) -> bool {
        *self == other.0
    }
}

fn is_domain_code(text: &str) -> bool {
    (2..=4).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_uppercase())
}

macro_rules! text_id {
    ($ty:ident) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                Self::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

text_id!(DomainCode);
text_id!(AssessmentId);
text_id!(QuestionId);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_ids_are_code_hyphen_two_digits() {
        for good in ["INS-03", "OT-01", "GOVR-99"] {
            assert!(QuestionId::parse(good).is_ok(), "{good}");
        }
        for bad in [
            "INS-3", "ins-03", "I-03", "INSUR-03", "INS03", "INS-003", "INS-0a", "",
        ] {
            assert!(QuestionId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn assessment_ids_are_short_lowercase_slugs() {
        for good in [
            "a-20261102-5f3a9c1e",
            "demo-wrenmoor-2026",
            "x",
            &"a".repeat(64),
        ] {
            assert!(AssessmentId::parse(good).is_ok(), "{good}");
        }
        let too_long = "a".repeat(65);
        for bad in [
            "",
            "Demo",
            "a b",
            "a_1",
            "../etc",
            "a\u{1b}]0;x\u{7}",
            "a\u{202e}b",
            too_long.as_str(),
        ] {
            let err = AssessmentId::parse(bad).unwrap_err();
            assert!(matches!(err, IdError::AssessmentId { .. }), "{bad:?}");
        }
    }

    #[test]
    fn an_assessment_file_with_a_bad_id_is_refused_at_the_field() {
        let demo = crate::embedded::DEMO_ASSESSMENT.replacen(
            "\"id\": \"demo-wrenmoor-2026\"",
            "\"id\": \"Demo Wrenmoor\"",
            1,
        );
        assert_ne!(
            demo,
            crate::embedded::DEMO_ASSESSMENT,
            "the demo's id was replaced"
        );
        let err = crate::assessment::Assessment::from_json(&demo).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("assessment id \"Demo Wrenmoor\""), "{text}");
    }

    #[test]
    fn question_id_knows_its_domain_and_number() {
        let id = QuestionId::parse("REC-12").unwrap();
        assert_eq!(id.domain_code(), "REC");
        assert_eq!(id.number(), 12);
    }

    #[test]
    fn ids_deserialize_only_when_valid() {
        assert!(serde_json::from_str::<QuestionId>("\"GOV-01\"").is_ok());
        let err = serde_json::from_str::<QuestionId>("\"GOV-1\"").unwrap_err();
        assert!(err.to_string().contains("like INS-03"), "{err}");
    }
}
