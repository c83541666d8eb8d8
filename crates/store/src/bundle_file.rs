//! Bundle files on disk: reading (size-capped, decrypted, parsed, checked
//! against the bank) and writing (optionally encrypted, mode 0600, atomic).
//!
//! An encrypted bundle is an age file (passphrase, scrypt) holding the JSON
//! bundle; it is recognised by its age header, so no flag is needed on import.
//!
//! Invariants: the file's size is checked before a byte of it is parsed (an
//! age file is never shorter than its plaintext, so the same cap bounds the
//! decrypted bundle); an import either stores the whole bundle or changes
//! nothing; an exported file is written beside its destination, synced, then
//! renamed over it, so a crash never leaves half a bundle under the name.

use std::path::Path;

use age::secrecy::SecretString;
use ironbridge_core::Bank;
use ironbridge_core::bundle::{self, Bundle, Limits};

use crate::error::{ExportError, ImportError, StoreError};
use crate::model::{Actor, Saved};
use crate::{Store, hex_sha256};

/// How every age file begins.
const AGE_MAGIC: &[u8] = b"age-encryption.org/";

/// Reads a bundle file: caps its size, decrypts it if it is encrypted, and
/// parses it (every stage of [`bundle::parse`]).
pub fn read(path: &Path, passphrase: Option<&str>, limits: &Limits) -> Result<Bundle, ImportError> {
    let read_error = |cause| ImportError::Read {
        path: path.to_owned(),
        cause,
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > limits.max_bundle_bytes as u64 {
        return Err(ImportError::FileTooLarge {
            path: path.to_owned(),
            size,
            limit: limits.max_bundle_bytes as u64,
        });
    }
    let bytes = std::fs::read(path).map_err(read_error)?;
    decode(&bytes, passphrase, limits)
}

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
    if bytes.starts_with(AGE_MAGIC) {
        let passphrase = passphrase.ok_or(ImportError::PassphraseRequired)?;
        let plain = decrypt(bytes, passphrase)?;
        return Ok(bundle::parse(&plain, limits)?);
    }
    Ok(bundle::parse(bytes, limits)?)
}

/// Checks a bundle against the bank this build uses: same bank id, same
/// major version, every answer fitting its question.
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
    bundle
        .to_assessment()
        .check(bank)
        .map_err(|issues| ImportError::Answers { issues })?;
    for evidence in &bundle.evidence {
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

/// Reads a bundle file and checks it against the bank: what every import
/// does before the store sees the bundle.
pub fn read_checked(
    path: &Path,
    passphrase: Option<&str>,
    bank: &Bank,
    limits: &Limits,
) -> Result<Bundle, ImportError> {
    let bundle = read(path, passphrase, limits)?;
    check_against_bank(&bundle, bank)?;
    Ok(bundle)
}

/// Reads, checks and imports a bundle file, all or nothing.
pub async fn import_file<S: Store>(
    store: &S,
    actor: &Actor,
    path: &Path,
    passphrase: Option<&str>,
    bank: &Bank,
    limits: &Limits,
) -> Result<Saved, StoreError> {
    let bundle = read_checked(path, passphrase, bank, limits)?;
    store.import_bundle(actor, &bundle).await
}

/// Writes a bundle to `path` (mode 0600), encrypted when a passphrase is given.
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

/// Encrypts bytes to a passphrase (age, scrypt).
pub fn encrypt(plain: &[u8], passphrase: &str) -> Result<Vec<u8>, ExportError> {
    if passphrase.is_empty() {
        return Err(ExportError::EmptyPassphrase);
    }
    let recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
    age::encrypt(&recipient, plain).map_err(|e| ExportError::Encrypt {
        reason: e.to_string(),
    })
}

fn decrypt(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, ImportError> {
    let identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    age::decrypt(&identity, bytes).map_err(|e| match e {
        age::DecryptError::DecryptionFailed | age::DecryptError::KeyDecryptionFailed => {
            ImportError::PassphraseWrong
        }
        age::DecryptError::NoMatchingKeys => ImportError::Decrypt {
            reason: "the bundle is encrypted to a key, not to a passphrase".to_owned(),
        },
        other => ImportError::Decrypt {
            reason: other.to_string(),
        },
    })
}
