//! Bundle files: decoding their bytes (size-capped, decrypted, parsed),
//! checking a bundle against the bank and the clock, and writing one
//! (sealed with its digest, optionally encrypted, mode 0600, atomic). The
//! file itself is read by the service (`ironbridge_service::input`), the
//! product's one capped file reader.
//!
//! An encrypted bundle is an age file (passphrase, scrypt) holding the JSON
//! bundle; it is recognised by its age header, so no flag is needed on import
//! ([`encryption`] has the work factors and the errors).
//!
//! Invariants: bytes over the size cap are refused before they are
//! decrypted or parsed, and an age file is never shorter than its
//! plaintext, so the same cap bounds the decrypted bundle; an
//! exported file is written beside its destination, synced, then renamed over
//! it, so a crash never leaves half a bundle under the name.

pub mod encryption;

use std::path::Path;

use chrono::Utc;
use ironbridge_core::Bank;
use ironbridge_core::bundle::{self, Bundle, Limits};

pub use encryption::{MAX_WORK_FACTOR, WRITE_WORK_FACTOR, decrypt, encrypt};

use crate::error::{ExportError, ImportError};
use crate::hex_sha256;

/// Decodes bundle bytes: decrypts them if they are an age file, then parses.
pub fn decode(
    bytes: &[u8],
    passphrase: Option<&str>,
    limits: &Limits,
) -> Result<Bundle, ImportError> {
    if bytes.len() > limits.max_bundle_bytes {
        return Err(bundle::BundleError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_bundle_bytes as u64,
        }
        .into());
    }
    if encryption::looks_encrypted(bytes) {
        // The header first: a damaged file is refused without asking for a passphrase.
        let decryptor = encryption::open(bytes)?;
        let passphrase = passphrase.ok_or(ImportError::PassphraseRequired)?;
        let plain = encryption::decrypt_opened(decryptor, passphrase, limits.max_bundle_bytes)?;
        return Ok(bundle::parse(&plain, limits)?);
    }
    Ok(bundle::parse(bytes, limits)?)
}

/// Checks a bundle against the bank this build uses and this computer's
/// clock: same bank id, same major version, every answer fitting its
/// question, every evidence file on a question the bank has and matching its
/// SHA-256, no time in the audit summary or export more than a day ahead.
pub fn check_against_bank(bundle: &Bundle, bank: &Bank) -> Result<(), ImportError> {
    if bundle.bank.id != bank.id {
        return Err(ImportError::BankMismatch {
            found: bundle.bank.id.clone(),
            expected: bank.id.clone(),
        });
    }
    let major = |v: &str| v.split('.').next().unwrap_or_default().trim().to_owned();
    if major(&bundle.bank.version) != major(&bank.version) {
        return Err(ImportError::BankVersion {
            found: bundle.bank.version.clone(),
            expected: bank.version.clone(),
        });
    }
    bundle::check_dates(bundle, Utc::now())?;
    bundle
        .to_assessment()
        .check(bank)
        .map_err(|issues| ImportError::Answers { issues })?;
    for evidence in &bundle.evidence {
        if let Some(question) = &evidence.question
            && bank.question(question).is_none()
        {
            return Err(ImportError::EvidenceQuestionUnknown {
                file_name: evidence.file_name.clone(),
                question: question.to_string(),
            });
        }
        let content =
            evidence
                .decode_content()
                .map_err(|problem| bundle::BundleError::EvidenceEncoding {
                    file_name: evidence.file_name.clone(),
                    problem,
                })?;
        if hex_sha256(&content) != evidence.sha256 {
            return Err(ImportError::EvidenceDigestMismatch {
                file_name: evidence.file_name.clone(),
            });
        }
    }
    Ok(())
}

/// Writes a bundle to `path` (mode 0600), sealed with the digest of its
/// content ([`Bundle::to_json`]), encrypted when a passphrase is given.
pub fn write(path: &Path, bundle: &Bundle, passphrase: Option<&str>) -> Result<(), ExportError> {
    let json = bundle.to_json();
    let bytes = match passphrase {
        Some(passphrase) => encrypt(json.as_bytes(), passphrase)?,
        None => json.into_bytes(),
    };
    let write_error = |cause| ExportError::Write {
        path: path.to_owned(),
        cause,
    };
    crate::private_file::write(path, &bytes).map_err(write_error)
}
