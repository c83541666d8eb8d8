//! Reading input files: the one place a use case reads a file the user
//! names (an assessment, assumptions, a bank file, a bundle, a brand file, a
//! logo), each with a hard byte cap.
//!
//! Invariant: no input is ever read past its cap plus one byte, whatever it
//! is: a regular file, a pipe, a FIFO or a device like `/dev/zero`. The cap
//! is enforced on the bytes actually read ([`Read::take`]); the size the
//! file system reports is used only to refuse a regular file that is already
//! too large before reading it (a pipe or a device reports 0). Text is UTF-8:
//! a leading byte-order mark is skipped, and a byte that is not UTF-8 is
//! reported with its offset, line and column.
//!
//! Opening a FIFO waits, as every program does, until something writes to it.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use ironbridge_core::bundle::Limits;

use crate::{Result, ServiceError};

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;

/// The largest assessment file: 8 MiB (the demo is 40 KiB; a hundred
/// answers each with a note at the 20,000-character limit fit).
pub const ASSESSMENT_FILE_CAP: u64 = 8 * MIB;
/// The largest file of exposure assumption overrides: 1 MiB (the full set
/// of keys is under 4 KiB).
pub const ASSUMPTIONS_FILE_CAP: u64 = MIB;
/// The largest file of a question bank: 4 MiB (the largest shipped file is
/// under 100 KiB).
pub const BANK_FILE_CAP: u64 = 4 * MIB;
/// The largest brand file (TOML: consultant, accent, logo path): 64 KiB.
pub const BRAND_FILE_CAP: u64 = 64 * KIB;
/// The largest logo (PNG): 2 MiB, as the desktop app's settings allow.
pub const LOGO_FILE_CAP: u64 = 2 * MIB;

/// The kinds of input file, each with its cap and its name in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// An assessment file (JSON): [`ASSESSMENT_FILE_CAP`].
    Assessment,
    /// Exposure assumption overrides (JSON): [`ASSUMPTIONS_FILE_CAP`].
    Assumptions,
    /// One file of a question bank (TOML): [`BANK_FILE_CAP`].
    BankFile,
    /// A bundle, plain or encrypted: core's `Limits::default().max_bundle_bytes`.
    Bundle,
    /// A brand file (TOML): [`BRAND_FILE_CAP`].
    BrandFile,
    /// A logo (PNG): [`LOGO_FILE_CAP`].
    Logo,
}

impl InputKind {
    /// The most bytes a file of this kind may hold.
    pub fn cap(self) -> u64 {
        match self {
            Self::Assessment => ASSESSMENT_FILE_CAP,
            Self::Assumptions => ASSUMPTIONS_FILE_CAP,
            Self::BankFile => BANK_FILE_CAP,
            Self::Bundle => Limits::default().max_bundle_bytes as u64,
            Self::BrandFile => BRAND_FILE_CAP,
            Self::Logo => LOGO_FILE_CAP,
        }
    }

    /// The kind in a sentence: `an assessment file`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Assessment => "an assessment file",
            Self::Assumptions => "a file of assumptions",
            Self::BankFile => "a question bank file",
            Self::Bundle => "a bundle",
            Self::BrandFile => "a brand file",
            Self::Logo => "a logo",
        }
    }
}

/// A number of bytes as a person reads a limit: `8 MiB`, `64 KiB`, `100 bytes`.
pub fn size_words(bytes: u64) -> String {
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// The bytes of the file at `path`, refused when it holds more than `kind`'s cap.
pub fn read_bytes(path: &Path, kind: InputKind) -> Result<Vec<u8>> {
    read_capped(path, kind, kind.cap())
}

/// The text of the file at `path` (UTF-8, a leading byte-order mark
/// skipped), refused when it holds more than `kind`'s cap.
pub fn read_text(path: &Path, kind: InputKind) -> Result<String> {
    let bytes = read_bytes(path, kind)?;
    text(path, bytes)
}

/// The bytes of a bundle file, capped at core's bundle limit: what an import
/// hands to the store's `bundle_file::decode`.
pub fn read_bundle_bytes(path: &Path) -> Result<Vec<u8>> {
    read_bytes(path, InputKind::Bundle)
}

fn read_capped(path: &Path, kind: InputKind, cap: u64) -> Result<Vec<u8>> {
    let read_error = |cause| ServiceError::Read {
        path: path.to_owned(),
        cause,
    };
    let too_large = || ServiceError::TooLarge {
        path: path.to_owned(),
        kind,
        cap,
    };
    let file = File::open(path).map_err(read_error)?;
    let metadata = file.metadata().map_err(read_error)?;
    if metadata.is_dir() {
        return Err(read_error(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a folder, not a file",
        )));
    }
    let known = metadata.is_file().then_some(metadata.len());
    if known.is_some_and(|len| len > cap) {
        return Err(too_large());
    }
    match read_at_most(file, cap, known).map_err(read_error)? {
        Some(bytes) => Ok(bytes),
        None => Err(too_large()),
    }
}

/// Everything `reader` yields, or `None` as soon as it yields more than
/// `cap` bytes (never reading more than `cap + 1`).
fn read_at_most(
    reader: impl Read,
    cap: u64,
    size_hint: Option<u64>,
) -> io::Result<Option<Vec<u8>>> {
    // A regular file's size sizes the buffer; a stream grows it as it comes.
    let initial = size_hint.unwrap_or(0).min(cap).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(initial).unwrap_or(0));
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= cap).then_some(bytes))
}

/// Bytes as UTF-8 text, a leading byte-order mark skipped.
fn text(path: &Path, mut bytes: Vec<u8>) -> Result<String> {
    const BOM: &[u8] = b"\xef\xbb\xbf";
    let skipped = if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
        BOM.len()
    } else {
        0
    };
    String::from_utf8(bytes).map_err(|e| {
        let valid_up_to = e.utf8_error().valid_up_to();
        let valid = &e.as_bytes()[..valid_up_to];
        let offset = valid_up_to + skipped;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        ServiceError::NotUtf8 {
            path: path.to_owned(),
            offset,
            line: valid.iter().filter(|&&b| b == b'\n').count() + 1,
            column,
        }
    })
}

#[cfg(test)]
mod tests;
