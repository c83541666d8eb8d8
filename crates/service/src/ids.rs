//! Ids for new assessments.
//!
//! Invariant: a fresh id is 1–64 lowercase ASCII letters, digits and
//! hyphens (`a-20261102-5f3a9c1e`), so it is safe in a file name, a URL and
//! a log line alike.

use ironbridge_core::AssessmentId;

/// A fresh assessment id from today's date and the clock's nanoseconds.
pub fn new_assessment_id() -> AssessmentId {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let date = chrono::Utc::now().date_naive().format("%Y%m%d");
    let mixed = now.as_nanos() ^ (u128::from(std::process::id()) << 32);
    let text = format!("a-{date}-{:08x}", mixed as u32);
    AssessmentId::parse(&text).unwrap_or_else(|_| unreachable!("{text} is a lowercase slug"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_are_short_lowercase_slugs() {
        let id = new_assessment_id().to_string();
        assert!(id.len() <= 64 && id.starts_with("a-"), "{id}");
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{id}"
        );
    }
}
