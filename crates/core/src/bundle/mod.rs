//! The bundle: one assessment as one portable file (DESIGN §8).
//!
//! A bundle is JSON (`format` = `ironbridge.bundle`, `version` = an integer)
//! holding the bank id and version, the organisation profile, the answers,
//! notes, follow-ups, registers, evidence files (base64), a summary of the
//! audit log, from version 2 `content_sha256`: the SHA-256 of its
//! canonical content ([`digest`] defines it), and from version 3
//! `exposure_assumptions`, the exposure assumptions saved with the
//! assessment (written only when some are), and `plan`, the roadmap plan
//! (written only when an entry is set). [`parse`] reads one in stages,
//! each with its own error (listed below).
//!
//! The audit summary (`audit`, [`AuditSummary`]) holds the writing
//! database's counts (`changes`, `actors`, first and last change) and, in
//! version 2:
//!
//! - `audit.head` ([`LogHead`], optional): where that database's audit log
//!   of the assessment ended at export: `chain_seq`, the number of the last
//!   entry (at least 1); `hash`, that entry's hash, 64 lowercase hex digits,
//!   which by the hash chain stands for every entry before it; `key_id`, the
//!   public id of the audit key that signed the head (16 lowercase hex
//!   digits), or null for an unsigned head. Like every field it is covered
//!   by `content_sha256`. A version 1 file has none (the upgrade leaves it
//!   null, and a version 1 file that carries one is refused).
//! - `audit.earlier` ([`EarlierLog`]): what each bundle this assessment was
//!   imported from said, oldest first, its `head` included; so a bundle
//!   exported, imported elsewhere and exported again lists the head of every
//!   log it passed through, which each of those databases can be asked to
//!   show.
//!
//! The stages of [`parse`]:
//!
//! 1. the size, against [`Limits`], before anything is parsed; then the
//!    first bytes (a UTF-8 byte order mark is skipped; then `{`, after white
//!    space) and UTF-8, with the position of the first bad byte;
//! 2. `format` and `version` alone, so a newer file says so instead of failing
//!    on a field, and an older one is recognised;
//! 3. older versions are brought to [`VERSION`] by a chain of pure upgraders,
//!    one per version step (version 0 is the plain assessment file,
//!    `ironbridge.assessment`, which predates bundles; version 1 has no
//!    digest, no `audit.earlier` and no `audit.head`; version 2 has no
//!    `exposure_assumptions`);
//! 4. the current version strictly: unknown fields rejected, the field path,
//!    line and column named;
//! 5. the structure ([`checks`]): duplicates, evidence names, media types,
//!    sizes and encodings, a plausible audit summary (log heads well formed),
//!    registers;
//! 6. the digest, for a file of version 2 or later: it must be present and
//!    match the content as its version wrote it (a version 2 file is then
//!    sealed anew as version 3). A file of version 0 or 1 carries none; it
//!    is read with `content_sha256` = `None`, which the importer reports.
//!
//! Invariant: a [`Bundle`] returned by [`parse`] passed all six; what needs
//! more than the file (the bank, evidence digests, the clock, the database)
//! is checked by the store when it imports ([`check_dates`] is the clock's part).
//!
//! ```
//! use ironbridge_core::assessment::Assessment;
//! use ironbridge_core::bundle::{self, Bundle, Limits};
//!
//! let demo = Assessment::from_json(ironbridge_core::embedded::DEMO_ASSESSMENT).unwrap();
//! let text = Bundle::from_assessment(&demo).to_json();
//! let again = bundle::parse(text.as_bytes(), &Limits::default()).unwrap();
//! assert_eq!(again.to_assessment().answers.len(), demo.answers.len());
//! assert!(again.content_sha256.is_some());
//! ```

pub mod base64;
pub mod checks;
pub mod digest;
mod error;
mod strict_time;
pub mod types;

use serde::Deserialize;
use serde_json::Value;

pub use checks::{check_actor, check_dates, check_file_name, check_media_type};
pub use error::{BundleError, NameProblem};
pub use types::{Answer, AuditSummary, Bundle, EarlierLog, Evidence, Header, LogHead, Note};

use crate::assessment::Assessment;

/// The value of `format` in every bundle.
pub const FORMAT: &str = "ironbridge.bundle";
/// The bundle version this build writes, and the newest it reads.
pub const VERSION: u32 = 3;

/// What an import says of a bundle that carried no digest (version 1 or an
/// assessment file): its content could not be checked.
pub const UNCHECKED_NOTE: &str = "the file carries no digest (an assessment file, or a bundle written before version 2): whether it was changed after it was written cannot be checked";

/// Size limits applied while reading a bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest bundle file, in bytes (after decryption).
    pub max_bundle_bytes: usize,
    /// The largest evidence file, in bytes.
    pub max_evidence_bytes: u64,
    /// The most evidence files in one bundle.
    pub max_evidence_files: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bundle_bytes: 64 * 1024 * 1024,
            max_evidence_bytes: 16 * 1024 * 1024,
            max_evidence_files: 1000,
        }
    }
}

/// Reads a bundle (or an assessment file, bundle version 0), upgrading it to
/// the current version and checking its structure and digest.
pub fn parse(bytes: &[u8], limits: &Limits) -> Result<Bundle, BundleError> {
    if bytes.len() > limits.max_bundle_bytes {
        return Err(BundleError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_bundle_bytes as u64,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    check_start(bytes)?;
    let probe: Probe = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            syntax(&e)
        } else {
            BundleError::WrongFormat { found: None }
        }
    })?;
    let (mut bundle, digest) = match probe.format {
        Some(Value::String(f)) if f == crate::assessment::FORMAT => {
            // Version 0: the assessment file, read strictly by its own reader.
            // `check_start` made sure the bytes are UTF-8.
            let text = std::str::from_utf8(bytes).map_err(|e| not_utf8(bytes, e.valid_up_to()))?;
            let mut assessment =
                Assessment::from_json(text).map_err(BundleError::AssessmentFile)?;
            // The file holds every current field: those later versions added
            // go around the chain, whose steps refuse them in older files.
            let assumptions = std::mem::take(&mut assessment.exposure_assumptions);
            let plan = std::mem::take(&mut assessment.plan);
            let value = serde_json::to_value(&assessment).map_err(|e| upgrader_field(&e))?;
            let mut bundle = from_value(upgrade(0, value)?)?;
            bundle.exposure_assumptions = assumptions;
            bundle.plan = plan;
            (bundle, Carried::None)
        }
        Some(Value::String(f)) if f == FORMAT => {
            let found = probe
                .version
                .as_ref()
                .and_then(Value::as_u64)
                .ok_or(BundleError::MissingVersion)?;
            if found == 0 || found > u64::from(VERSION) {
                return Err(BundleError::VersionUnsupported { found });
            }
            // Older versions' fields are a subset of this one's: the file is
            // read strictly with its positions, then upgraded.
            let read = strict(bytes)?;
            if found == u64::from(VERSION) {
                (read, Carried::Current)
            } else {
                let value = serde_json::to_value(&read).map_err(|e| upgrader_field(&e))?;
                let upgraded = from_value(upgrade(found as u32, value)?)?;
                // From version 2 on a file carries a digest of its own content.
                let carried = if found >= 2 {
                    Carried::Older(Box::new(read))
                } else {
                    Carried::None
                };
                (upgraded, carried)
            }
        }
        Some(Value::String(f)) => return Err(BundleError::WrongFormat { found: Some(f) }),
        _ => return Err(BundleError::WrongFormat { found: None }),
    };
    checks::check(&bundle, limits)?;
    match digest {
        Carried::Current => digest::verify(&mut bundle)?,
        Carried::Older(mut as_written) => {
            // The digest covers the content as its version wrote it; once
            // it matches, the upgraded bundle is sealed as checked.
            digest::verify(&mut as_written)?;
            bundle.seal();
        }
        Carried::None => {}
    }
    Ok(bundle)
}

impl Bundle {
    /// Writes the bundle as pretty JSON, the form of the file, with
    /// `content_sha256` set to the digest of the content as it is now.
    pub fn to_json(&self) -> String {
        let sealed = self.clone().sealed();
        // Serialising plain data structs with string keys cannot fail.
        serde_json::to_string_pretty(&sealed).unwrap_or_default()
    }

    /// What an import should say about the bundle's integrity: `None` when
    /// its digest was checked, [`UNCHECKED_NOTE`] when it carried none.
    pub fn integrity_note(&self) -> Option<&'static str> {
        self.content_sha256.is_none().then_some(UNCHECKED_NOTE)
    }
}

impl Evidence {
    /// The decoded content.
    pub fn decode_content(&self) -> Result<Vec<u8>, base64::Base64Error> {
        base64::decode(&self.content)
    }
}

/// The digest a file carried, to check once its structure is.
enum Carried {
    /// None: an assessment file or a version 1 bundle.
    None,
    /// The current version's, over the bundle as read.
    Current,
    /// An older version's, over the file as that version read it.
    Older(Box<Bundle>),
}

/// One version step: takes a file of version `i` (as JSON) to version `i + 1`.
type Upgrader = fn(Value) -> Result<Value, BundleError>;

/// `UPGRADERS[i]` upgrades version `i` to `i + 1`; pure functions of the JSON.
const UPGRADERS: [Upgrader; VERSION as usize] = [v0_to_v1, v1_to_v2, v2_to_v3];

/// Applies the upgraders from `from` up to [`VERSION`].
fn upgrade(from: u32, mut value: Value) -> Result<Value, BundleError> {
    for step in UPGRADERS.iter().skip(from as usize) {
        value = step(value)?;
    }
    Ok(value)
}

/// Version 0 (an assessment file) to version 1: answers, notes and follow-ups
/// split out of the answer records, no evidence, an empty audit summary.
fn v0_to_v1(value: Value) -> Result<Value, BundleError> {
    let assessment: Assessment = serde_json::from_value(value).map_err(|e| upgrader_field(&e))?;
    let mut bundle = serde_json::to_value(Bundle::from_assessment(&assessment))
        .map_err(|e| upgrader_field(&e))?;
    if let Some(object) = bundle.as_object_mut() {
        object.insert("version".to_owned(), Value::from(1));
        object.remove("content_sha256");
        if let Some(audit) = object.get_mut("audit").and_then(Value::as_object_mut) {
            audit.remove("earlier");
            audit.remove("head");
        }
    }
    Ok(bundle)
}

/// Version 1 to version 2: no digest (none was carried), no earlier logs
/// (version 1 summed them into its counts) and no log head (`audit.head`
/// is left empty). A version 1 file that holds a version 2 field is
/// refused: it is neither version.
fn v1_to_v2(mut value: Value) -> Result<Value, BundleError> {
    let new_field = |path: &str| BundleError::Field {
        path: path.to_owned(),
        line: 0,
        column: 0,
        message: "version 1 bundles have no such field; this file is neither version 1 nor 2"
            .to_owned(),
    };
    let object = value.as_object_mut().ok_or_else(|| new_field("."))?;
    if object.get("content_sha256").is_some_and(|v| !v.is_null()) {
        return Err(new_field("content_sha256"));
    }
    let earlier = object
        .get("audit")
        .and_then(|a| a.get("earlier"))
        .and_then(Value::as_array);
    if earlier.is_some_and(|e| !e.is_empty()) {
        return Err(new_field("audit.earlier"));
    }
    let head = object.get("audit").and_then(|a| a.get("head"));
    if head.is_some_and(|h| !h.is_null()) {
        return Err(new_field("audit.head"));
    }
    object.insert("version".to_owned(), Value::from(2));
    object.insert("content_sha256".to_owned(), Value::Null);
    Ok(value)
}

/// Version 2 to version 3: no saved exposure assumptions (version 2 had
/// none). The digest is kept: [`parse`] checks it against the file as
/// version 2 wrote it, then seals the upgraded bundle. A version 2 file
/// that holds the version 3 field is refused: it is neither version.
fn v2_to_v3(mut value: Value) -> Result<Value, BundleError> {
    let object = value.as_object_mut().ok_or_else(|| BundleError::Field {
        path: ".".to_owned(),
        line: 0,
        column: 0,
        message: "a bundle is a JSON object".to_owned(),
    })?;
    // Read into this version's types, an empty field is not written back.
    if let Some(field) = ["exposure_assumptions", "plan"]
        .into_iter()
        .find(|field| object.contains_key(*field))
    {
        return Err(BundleError::Field {
            path: field.to_owned(),
            line: 0,
            column: 0,
            message: "version 2 bundles have no such field; this file is neither version 2 nor 3"
                .to_owned(),
        });
    }
    object.insert("version".to_owned(), Value::from(3));
    Ok(value)
}

/// Reads the current version's types from the file, naming the field, line
/// and column of the first problem.
fn strict(bytes: &[u8]) -> Result<Bundle, BundleError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let bundle = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        BundleError::Field {
            path,
            line: inner.line(),
            column: inner.column(),
            message: strip_position(&inner.to_string()),
        }
    })?;
    de.end().map_err(|e| syntax(&e))?;
    Ok(bundle)
}

fn from_value(value: Value) -> Result<Bundle, BundleError> {
    serde_path_to_error::deserialize(value).map_err(|e| BundleError::Field {
        path: e.path().to_string(),
        line: 0,
        column: 0,
        message: e.into_inner().to_string(),
    })
}

/// Stage 1's look at the bytes (after a byte order mark, which is skipped):
/// an empty file, a first character other than `{`, and bytes that are not
/// UTF-8 each get their own error.
fn check_start(bytes: &[u8]) -> Result<(), BundleError> {
    let Some(first) = bytes.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Err(BundleError::Empty);
    };
    if bytes[first] != b'{' {
        let before = &bytes[..first];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = first
            - before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        return Err(BundleError::NotABundle { line, column });
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        return Err(not_utf8(bytes, e.valid_up_to()));
    }
    Ok(())
}

/// The position of the first byte that is not UTF-8.
fn not_utf8(bytes: &[u8], offset: usize) -> BundleError {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    // The bytes before `offset` are valid UTF-8, so this counts characters.
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    BundleError::NotUtf8 {
        line,
        column,
        offset,
    }
}

#[derive(Deserialize)]
struct Probe {
    format: Option<Value>,
    version: Option<Value>,
}

fn syntax(e: &serde_json::Error) -> BundleError {
    BundleError::Syntax {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    }
}

fn upgrader_field(e: &serde_json::Error) -> BundleError {
    BundleError::Field {
        path: String::new(),
        line: 0,
        column: 0,
        message: strip_position(&e.to_string()),
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
mod tests;
#[cfg(test)]
mod tests_hostile;
