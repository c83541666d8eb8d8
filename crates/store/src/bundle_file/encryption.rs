//! Encrypted bundles: age files to a passphrase (scrypt).
//!
//! Ironbridge writes every encrypted bundle with the scrypt work factor
//! 2^[`WRITE_WORK_FACTOR`] (about 128 MiB of memory and a fraction of a
//! second), and reads none that asks for more than 2^[`MAX_WORK_FACTOR`]
//! (one step of margin: 256 MiB at most). A file that asks for more is
//! refused before any scrypt work is done, so a crafted header cannot make
//! an import use gigabytes of memory or minutes of time.
//!
//! Each way an age file can fail to open has its own error: a header that is
//! damaged or cut, a header changed after it was written (its MAC), a file
//! encrypted to a key rather than a passphrase, a newer age format, too much
//! work, a wrong passphrase, and damaged content behind a right passphrase.
//! A salt changed into other valid base64 cannot be told from a wrong
//! passphrase: both give a key that does not open the file key.

use std::io::Read;

use age::secrecy::SecretString;

use crate::error::{ExportError, ImportError};

/// How every age file begins.
pub(super) const AGE_MAGIC: &[u8] = b"age-encryption.org/";
/// How an ASCII-armoured age file begins.
const ARMOR_MAGIC: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// The scrypt work factor (log2 N) of every bundle Ironbridge encrypts.
pub const WRITE_WORK_FACTOR: u8 = 17;
/// The largest scrypt work factor (log2 N) an import accepts: what
/// Ironbridge writes plus one step of margin.
pub const MAX_WORK_FACTOR: u8 = WRITE_WORK_FACTOR + 1;

/// Whether the bytes look like an age file (even a damaged one), so they
/// are not read as JSON.
pub(super) fn looks_encrypted(bytes: &[u8]) -> bool {
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let first_line = &first_line[..first_line.len().min(64)];
    bytes.starts_with(b"age-")
        || bytes.starts_with(ARMOR_MAGIC)
        || contains(first_line, b"encryption.org")
        || contains(first_line, b"age-encryption")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Encrypts bytes to a passphrase (age, scrypt, work factor
/// 2^[`WRITE_WORK_FACTOR`]).
pub fn encrypt(plain: &[u8], passphrase: &str) -> Result<Vec<u8>, ExportError> {
    if passphrase.is_empty() {
        return Err(ExportError::EmptyPassphrase);
    }
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
    recipient.set_work_factor(WRITE_WORK_FACTOR);
    age::encrypt(&recipient, plain).map_err(|e| ExportError::Encrypt {
        reason: e.to_string(),
    })
}

/// Decrypts an age file to a passphrase, reading at most `max_plain` bytes
/// of plaintext (one more is an error: the bundle is too large).
pub fn decrypt(bytes: &[u8], passphrase: &str, max_plain: usize) -> Result<Vec<u8>, ImportError> {
    decrypt_opened(open(bytes)?, passphrase, max_plain)
}

/// Reads an age file's header, which needs no passphrase: a damaged,
/// armoured or newer file, or one encrypted to a key, is refused before a
/// passphrase is asked for.
pub fn open(bytes: &[u8]) -> Result<age::Decryptor<&[u8]>, ImportError> {
    if bytes.starts_with(ARMOR_MAGIC) {
        return Err(ImportError::AgeArmored);
    }
    if !bytes.starts_with(AGE_MAGIC) {
        return Err(ImportError::AgeHeaderDamaged {
            detail: "it does not begin with `age-encryption.org/`",
        });
    }
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(header_error)?;
    if !decryptor.is_scrypt() {
        return Err(ImportError::AgeNotPassphrase);
    }
    check_scrypt_stanza(bytes)?;
    Ok(decryptor)
}

/// Checks the one scrypt stanza (the header's second line, `-> scrypt SALT
/// N`) as age will, but before a passphrase: a salt that is not 16 bytes of
/// canonical base64 is a damaged header, and a work factor above
/// [`MAX_WORK_FACTOR`] is refused whatever the passphrase.
fn check_scrypt_stanza(bytes: &[u8]) -> Result<(), ImportError> {
    let damaged = |detail| ImportError::AgeHeaderDamaged { detail };
    let line = bytes
        .split(|&b| b == b'\n')
        .nth(1)
        .and_then(|line| std::str::from_utf8(line).ok())
        .ok_or(damaged("its recipient line is missing"))?;
    let args: Vec<&str> = line.split(' ').collect();
    let [_, _, salt, log_n] = args[..] else {
        return Err(damaged(
            "its scrypt line does not hold a salt and a work factor",
        ));
    };
    let salt_ok = salt.len() == 22
        && ironbridge_core::bundle::base64::decode(&format!("{salt}=="))
            .is_ok_and(|bytes| bytes.len() == 16);
    if !salt_ok {
        return Err(damaged("its scrypt salt is not 16 bytes of base64"));
    }
    let canonical = !log_n.is_empty()
        && log_n.len() <= 3
        && log_n.bytes().all(|b| b.is_ascii_digit())
        && !log_n.starts_with('0');
    let asked = log_n
        .parse::<u16>()
        .ok()
        .filter(|_| canonical)
        .ok_or(damaged("its scrypt work factor is not a number"))?;
    if asked > u16::from(MAX_WORK_FACTOR) {
        return Err(ImportError::WorkFactorTooHigh {
            asked: u32::from(asked),
            allowed: MAX_WORK_FACTOR,
        });
    }
    Ok(())
}

/// Decrypts an opened age file with a passphrase, with the work factor capped.
pub fn decrypt_opened(
    decryptor: age::Decryptor<&[u8]>,
    passphrase: &str,
    max_plain: usize,
) -> Result<Vec<u8>, ImportError> {
    let mut identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::ExcessiveWork { required, .. } => ImportError::WorkFactorTooHigh {
                asked: u32::from(required),
                allowed: MAX_WORK_FACTOR,
            },
            age::DecryptError::DecryptionFailed | age::DecryptError::KeyDecryptionFailed => {
                ImportError::PassphraseWrong
            }
            age::DecryptError::InvalidMac => ImportError::AgeHeaderAltered,
            age::DecryptError::NoMatchingKeys => ImportError::AgeNotPassphrase,
            other => header_error(other),
        })?;
    let mut plain = Vec::new();
    reader
        .take(max_plain as u64 + 1)
        .read_to_end(&mut plain)
        .map_err(|_| ImportError::AgeContentDamaged)?;
    Ok(plain)
}

/// The errors of reading the header, before any passphrase is tried.
fn header_error(e: age::DecryptError) -> ImportError {
    match e {
        age::DecryptError::UnknownFormat => ImportError::AgeFormatUnknown,
        age::DecryptError::Io(_) => ImportError::AgeHeaderDamaged {
            detail: "it is cut short",
        },
        age::DecryptError::InvalidHeader => ImportError::AgeHeaderDamaged {
            detail: "a line of it is not valid age (a recipient line, its salt, work factor or key, or the MAC)",
        },
        other => ImportError::Decrypt {
            reason: other.to_string(),
        },
    }
}
