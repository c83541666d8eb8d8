//! Timestamps in a bundle read only in the form the bundle writes them.
//!
//! RFC 3339 also allows a lowercase `t` and `z` (and other offsets) for the
//! same instant; the digest covers the instant, not its spelling, so a byte
//! flipped from `T` to `t` would otherwise read as an unchanged bundle.
//! Invariant: a timestamp reads only when writing it back gives the same
//! text.

use chrono::{DateTime, Utc};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

/// An optional timestamp, refused unless it is spelt as the bundle writes it.
pub(super) fn option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    let Some(text) = Option::<String>::deserialize(deserializer)? else {
        return Ok(None);
    };
    let instant = DateTime::parse_from_rfc3339(&text)
        .map_err(|e| D::Error::custom(format!("{text:?} is not a timestamp: {e}")))?
        .with_timezone(&Utc);
    let written = serde_json::to_value(instant).map_err(D::Error::custom)?;
    if written.as_str() != Some(text.as_str()) {
        return Err(D::Error::custom(format!(
            "the timestamp {text:?} is not written as a bundle writes it ({written})"
        )));
    }
    Ok(Some(instant))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Deserialize)]
    struct At {
        #[serde(default, deserialize_with = "option")]
        at: Option<DateTime<Utc>>,
    }

    fn read(json: &str) -> Result<Option<DateTime<Utc>>, serde_json::Error> {
        serde_json::from_str::<At>(json).map(|a| a.at)
    }

    #[test]
    fn only_the_written_spelling_reads() {
        assert!(read(r#"{"at": "2026-11-02T09:00:00Z"}"#).unwrap().is_some());
        assert_eq!(read(r#"{"at": null}"#).unwrap(), None);
        assert_eq!(read("{}").unwrap(), None);
        for other in [
            "2026-11-02t09:00:00Z",
            "2026-11-02T09:00:00z",
            "2026-11-02T09:00:00+00:00",
            "2026-11-02T10:00:00+01:00",
            "yesterday",
        ] {
            let err = read(&format!(r#"{{"at": "{other}"}}"#)).unwrap_err();
            assert!(err.to_string().contains(other), "{err}");
        }
    }
}
