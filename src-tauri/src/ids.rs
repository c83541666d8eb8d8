//! Ids the app makes for new assessments.
//!
//! Invariant: a fresh id is 1–64 lowercase ASCII letters, digits and
//! hyphens, so it is safe in a file name, a URL and a log line alike.

use std::fmt;

/// A new assessment's id (`a-20261102-5f3a9c1e`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AssessmentId(String);

impl AssessmentId {
    /// A fresh id from the date and the clock's nanoseconds.
    pub fn fresh() -> Self {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let date = crate::dto::today().format("%Y%m%d");
        let mixed = now.as_nanos() ^ (u128::from(std::process::id()) << 32);
        Self(format!("a-{date}-{:08x}", mixed as u32))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AssessmentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_are_short_lowercase_slugs() {
        let id = AssessmentId::fresh();
        let text = id.as_str();
        assert!(text.len() <= 64 && text.starts_with("a-"), "{text}");
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{text}"
        );
    }
}
