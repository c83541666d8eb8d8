//! The structural checks of a bundle (stage 5 of [`super::parse`]) and the
//! rules for what a file may carry: evidence names, media types, and an
//! audit summary that could be true.
//!
//! Limits (documented values): an evidence file name is 1 to
//! [`MAX_NAME_BYTES`] bytes with no path, control or bidirectional-text
//! character; a media type is `type/subtype` (RFC 6838 names, at most
//! [`MAX_MEDIA_TYPE_BYTES`] bytes); an audit summary counts at most
//! [`MAX_AUDIT_CHANGES`] changes by at most [`MAX_AUDIT_ACTORS`] actors, each
//! named in at most [`MAX_NAME_BYTES`] bytes, with changes between
//! [`EARLIEST_CHANGE`] and a day after the importer's clock
//! ([`check_dates`]), and at most [`MAX_EARLIER_LOGS`] earlier logs; a log
//! head names an entry number of at least 1, a hash of 64 lowercase hex
//! digits and, if any, a key id of 16 lowercase hex digits.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::error::shown;
use super::{
    AuditSummary, Bundle, BundleError, EarlierLog, Evidence, Limits, LogHead, NameProblem, base64,
};

/// The longest evidence file name or actor name, in bytes.
pub const MAX_NAME_BYTES: usize = 255;
/// The longest media type, in bytes (RFC 6838: 127).
pub const MAX_MEDIA_TYPE_BYTES: usize = 127;
/// The most changes an audit summary may count.
pub const MAX_AUDIT_CHANGES: u64 = 100_000_000;
/// The most actors an audit summary may name.
pub const MAX_AUDIT_ACTORS: usize = 10_000;
/// The most earlier logs an audit summary may carry.
pub const MAX_EARLIER_LOGS: usize = 64;
/// No audit entry predates this (Ironbridge did not exist).
pub const EARLIEST_CHANGE: NaiveDate = NaiveDate::from_ymd_opt(2000, 1, 1).expect("a valid date");

/// Bidirectional-text controls: embeddings, overrides, isolates and marks.
const BIDI_CONTROLS: [char; 12] = [
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
];

/// Whether a character is a bidirectional-text control.
pub fn is_bidi_control(c: char) -> bool {
    BIDI_CONTROLS.contains(&c)
}

/// Checks an evidence file name: what an import and an upload both accept.
pub fn check_file_name(name: &str) -> Result<(), NameProblem> {
    if name.trim().is_empty() {
        return Err(NameProblem::Blank);
    }
    if name.len() > MAX_NAME_BYTES {
        return Err(NameProblem::TooLong);
    }
    if name == "." || name == ".." {
        return Err(NameProblem::Dots);
    }
    if name.contains(['/', '\\']) {
        return Err(NameProblem::Path);
    }
    if name.chars().any(char::is_control) {
        return Err(NameProblem::Control);
    }
    if name.chars().any(is_bidi_control) {
        return Err(NameProblem::Bidi);
    }
    Ok(())
}

/// Checks a media type: `type/subtype`, each an RFC 6838 restricted name
/// (a letter or digit, then letters, digits and `!#$&-^_.+`), no parameters.
pub fn check_media_type(media_type: &str) -> Result<(), &'static str> {
    if media_type.len() > MAX_MEDIA_TYPE_BYTES {
        return Err("it is longer than 127 bytes");
    }
    let Some((kind, subtype)) = media_type.split_once('/') else {
        return Err("it is not of the form type/subtype");
    };
    let restricted_name = |part: &str| {
        let mut bytes = part.bytes();
        bytes.next().is_some_and(|b| b.is_ascii_alphanumeric())
            && bytes.all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    if !restricted_name(kind) || !restricted_name(subtype) {
        return Err(
            "type and subtype must be letters, digits and !#$&-^_.+ (no spaces or parameters)",
        );
    }
    Ok(())
}

/// The checks of an audit summary that need no clock: counts bounded,
/// times in order and not before [`EARLIEST_CHANGE`], actor names sane.
fn check_audit(audit: &AuditSummary) -> Result<(), BundleError> {
    check_log(
        "audit",
        audit.changes,
        &audit.actors,
        audit.first_change_at,
        audit.last_change_at,
    )?;
    check_head("audit.head", audit.head.as_ref())?;
    if audit.earlier.len() > MAX_EARLIER_LOGS {
        return Err(audit_problem(
            "audit.earlier".to_owned(),
            format!(
                "{} earlier logs, more than the limit of {MAX_EARLIER_LOGS}",
                audit.earlier.len()
            ),
        ));
    }
    for (index, earlier) in audit.earlier.iter().enumerate() {
        let EarlierLog {
            changes,
            actors,
            first_change_at,
            last_change_at,
            head,
            ..
        } = earlier;
        let field = format!("audit.earlier[{index}]");
        check_log(&field, *changes, actors, *first_change_at, *last_change_at)?;
        check_head(&format!("{field}.head"), head.as_ref())?;
    }
    Ok(())
}

/// A log head, if there is one: an entry number of at least 1, a hash of 64
/// lowercase hex digits, a key id (if any) of 16.
fn check_head(field: &str, head: Option<&LogHead>) -> Result<(), BundleError> {
    let Some(head) = head else {
        return Ok(());
    };
    if head.chain_seq == 0 {
        return Err(audit_problem(
            format!("{field}.chain_seq"),
            "0 is not an entry number: a log's first entry is 1".to_owned(),
        ));
    }
    if !is_lower_hex(&head.hash, 64) {
        return Err(audit_problem(
            format!("{field}.hash"),
            format!("{} is not 64 lowercase hex digits", shown(&head.hash)),
        ));
    }
    if let Some(key_id) = head.key_id.as_deref().filter(|id| !is_lower_hex(id, 16)) {
        return Err(audit_problem(
            format!("{field}.key_id"),
            format!("{} is not 16 lowercase hex digits", shown(key_id)),
        ));
    }
    Ok(())
}

/// Whether `text` is exactly `len` lowercase hex digits.
fn is_lower_hex(text: &str, len: usize) -> bool {
    text.len() == len && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// One log's figures: what [`check_audit`] asks of the summary and of each earlier log.
fn check_log(
    field: &str,
    changes: u64,
    actors: &[String],
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
) -> Result<(), BundleError> {
    let problem = |suffix: &str, text: String| audit_problem(format!("{field}{suffix}"), text);
    if changes > MAX_AUDIT_CHANGES {
        return Err(problem(
            ".changes",
            format!("{changes} changes is more than the limit of {MAX_AUDIT_CHANGES}"),
        ));
    }
    if actors.len() > MAX_AUDIT_ACTORS {
        return Err(problem(
            ".actors",
            format!(
                "{} actors, more than the limit of {MAX_AUDIT_ACTORS}",
                actors.len()
            ),
        ));
    }
    if actors.len() as u64 > changes {
        return Err(problem(
            ".actors",
            format!("{} actors made only {changes} changes", actors.len()),
        ));
    }
    let mut seen = BTreeSet::new();
    for (index, actor) in actors.iter().enumerate() {
        let at = format!("{field}.actors[{index}]");
        if let Err(reason) = check_actor(actor) {
            return Err(audit_problem(at, format!("{} {reason}", shown(actor))));
        }
        if !seen.insert(actor) {
            return Err(audit_problem(at, format!("{actor:?} is named twice")));
        }
    }
    match (changes, first, last) {
        (0, None, None) => Ok(()),
        (0, _, _) => Err(problem("", "no changes, yet a time of a change".to_owned())),
        (_, Some(first), Some(last)) => {
            let earliest = EARLIEST_CHANGE.and_time(chrono::NaiveTime::MIN).and_utc();
            if first < earliest {
                return Err(problem(
                    ".first_change_at",
                    format!("{first} is before {EARLIEST_CHANGE}, when no Ironbridge log existed"),
                ));
            }
            if first > last {
                return Err(problem(
                    ".first_change_at",
                    format!("the first change ({first}) is after the last ({last})"),
                ));
            }
            Ok(())
        }
        (n, _, _) => Err(problem(
            "",
            format!("{n} changes, but not both a first and a last change time"),
        )),
    }
}

/// An actor's name: not blank, not longer than [`MAX_NAME_BYTES`], no
/// control or bidirectional-text character. What an import accepts in an
/// audit summary, and so what the store accepts as who makes a change (a
/// name it would export must import again). The error completes a sentence
/// that begins with the name ("… holds a control character").
pub fn check_actor(actor: &str) -> Result<(), &'static str> {
    if actor.trim().is_empty() {
        Err("is blank")
    } else if actor.len() > MAX_NAME_BYTES {
        Err("is longer than 255 bytes")
    } else if actor.chars().any(char::is_control) {
        Err("holds a control character")
    } else if actor.chars().any(is_bidi_control) {
        Err("holds a bidirectional-text control character")
    } else {
        Ok(())
    }
}

/// The check of a bundle's times against the importer's clock: no change
/// and no export more than a day after `now`. Kept apart from
/// [`super::parse`], which has no clock; every import runs it.
pub fn check_dates(bundle: &Bundle, now: DateTime<Utc>) -> Result<(), BundleError> {
    let limit = now + Duration::days(1);
    let mut times = vec![
        ("exported_at".to_owned(), bundle.exported_at),
        (
            "audit.last_change_at".to_owned(),
            bundle.audit.last_change_at,
        ),
    ];
    for (index, earlier) in bundle.audit.earlier.iter().enumerate() {
        times.push((
            format!("audit.earlier[{index}].exported_at"),
            earlier.exported_at,
        ));
        times.push((
            format!("audit.earlier[{index}].last_change_at"),
            earlier.last_change_at,
        ));
    }
    for (field, time) in times {
        if let Some(time) = time.filter(|t| *t > limit) {
            return Err(audit_problem(
                field,
                format!(
                    "{time} is in the future (this computer's clock says {})",
                    now.format("%Y-%m-%d %H:%M:%S UTC")
                ),
            ));
        }
    }
    Ok(())
}

fn audit_problem(field: String, problem: String) -> BundleError {
    BundleError::AuditSummary { field, problem }
}

/// The structural checks of stage 5.
pub(super) fn check(bundle: &Bundle, limits: &Limits) -> Result<(), BundleError> {
    if bundle.assessment.revision == 0 {
        return Err(BundleError::RevisionZero);
    }
    let mut seen = BTreeSet::new();
    for (index, answer) in bundle.answers.iter().enumerate() {
        if !seen.insert(&answer.question) {
            return Err(BundleError::DuplicateAnswer {
                index,
                question: answer.question.to_string(),
            });
        }
    }
    let mut seen = BTreeSet::new();
    for (index, note) in bundle.notes.iter().enumerate() {
        if !seen.insert(&note.question) {
            return Err(BundleError::DuplicateNote {
                index,
                question: note.question.to_string(),
            });
        }
        if note.text.is_empty() {
            return Err(BundleError::EmptyNote {
                index,
                question: note.question.to_string(),
            });
        }
    }
    let mut seen = BTreeSet::new();
    for (index, question) in bundle.follow_ups.iter().enumerate() {
        if !seen.insert(question) {
            return Err(BundleError::DuplicateFollowUp {
                index,
                question: question.to_string(),
            });
        }
    }
    if bundle.evidence.len() > limits.max_evidence_files {
        return Err(BundleError::TooManyEvidenceFiles {
            count: bundle.evidence.len(),
            limit: limits.max_evidence_files,
        });
    }
    let mut seen = BTreeSet::new();
    for (index, evidence) in bundle.evidence.iter().enumerate() {
        check_evidence(index, evidence, limits)?;
        if !seen.insert(&evidence.file_name) {
            return Err(BundleError::DuplicateEvidence {
                index,
                file_name: evidence.file_name.clone(),
            });
        }
    }
    check_audit(&bundle.audit)?;
    bundle
        .registers
        .check()
        .map_err(|problems| BundleError::Registers { problems })
}

fn check_evidence(index: usize, evidence: &Evidence, limits: &Limits) -> Result<(), BundleError> {
    let name = &evidence.file_name;
    check_file_name(name).map_err(|problem| BundleError::EvidenceName {
        index,
        file_name: name.clone(),
        problem,
    })?;
    check_media_type(&evidence.media_type).map_err(|problem| BundleError::EvidenceMediaType {
        index,
        file_name: name.clone(),
        media_type: evidence.media_type.clone(),
        problem,
    })?;
    let bound = base64::decoded_len_bound(evidence.content.len()) as u64;
    let size = evidence.size.max(bound.saturating_sub(2));
    if size > limits.max_evidence_bytes {
        return Err(BundleError::EvidenceTooLarge {
            file_name: name.clone(),
            size,
            limit: limits.max_evidence_bytes,
        });
    }
    let digest = &evidence.sha256;
    if digest.len() != 64
        || !digest
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Err(BundleError::EvidenceDigestMalformed {
            file_name: name.clone(),
            sha256: digest.clone(),
        });
    }
    let content = evidence
        .decode_content()
        .map_err(|problem| BundleError::EvidenceEncoding {
            file_name: name.clone(),
            problem,
        })?;
    if content.len() as u64 != evidence.size {
        return Err(BundleError::EvidenceSizeMismatch {
            file_name: name.clone(),
            declared: evidence.size,
            actual: content.len() as u64,
        });
    }
    Ok(())
}
