//! The bundle's content digest: `content_sha256`, which lets an import tell
//! that a bundle was changed after it was exported.
//!
//! **Invariant (the canonical content):** the digest is the SHA-256, written
//! as 64 lowercase hex digits, of the bundle's *canonical content*: the
//! compact JSON that `serde_json::to_writer` writes for the [`Bundle`] with
//! `content_sha256` set to `None` (so the text ends `"content_sha256":null}`).
//! That JSON has no white space; object keys come in the order the fields are
//! declared in `types.rs` (maps, all `BTreeMap`s, in key order); strings are
//! escaped as serde_json escapes them; numbers are written as serde_json
//! writes them (floats as the shortest text that reads back to the same
//! value). Changing a field's name, order or serialisation changes every
//! digest, so it is a format change: a new version and an upgrader.
//!
//! The digest is computed over the *parsed* bundle, not the file's bytes: a
//! change that leaves the parsed content equal (white space between tokens,
//! an escape written another way, `1E2` for `1e2`) changes nothing an import
//! reads and is not detected; every change to a value is.
//!
//! What it does not do: the digest has no key. It detects damage and a
//! careless edit, not a forger, who can change the content and recompute
//! it (`docs/SECURITY.md` says what does).

use sha2::{Digest, Sha256};

use super::{Bundle, BundleError};

/// The digest of a bundle's canonical content; `content_sha256` itself is
/// left out (it is put back before returning).
pub fn content_sha256(bundle: &mut Bundle) -> String {
    let kept = bundle.content_sha256.take();
    let mut hasher = HashWriter(Sha256::new());
    // Plain data structs with string keys serialise without error; a write
    // into a hasher cannot fail.
    let written = serde_json::to_writer(&mut hasher, &*bundle);
    debug_assert!(written.is_ok(), "a bundle always serialises");
    bundle.content_sha256 = kept;
    hex(&hasher.0.finalize())
}

impl Bundle {
    /// Sets `content_sha256` to the digest of the bundle as it is now: the
    /// last step before it is written.
    pub fn seal(&mut self) {
        self.content_sha256 = Some(content_sha256(self));
    }

    /// The bundle with its digest set ([`Bundle::seal`]).
    #[must_use]
    pub fn sealed(mut self) -> Self {
        self.seal();
        self
    }
}

/// Checks a version 2 bundle's digest: present, well formed, and equal to
/// the digest of its content.
pub(super) fn verify(bundle: &mut Bundle) -> Result<(), BundleError> {
    let expected = bundle
        .content_sha256
        .clone()
        .ok_or(BundleError::DigestMissing)?;
    if expected.len() != 64
        || !expected
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Err(BundleError::DigestMalformed { found: expected });
    }
    let found = content_sha256(bundle);
    if found != expected {
        return Err(BundleError::DigestMismatch { expected, found });
    }
    Ok(())
}

/// Lowercase hex of bytes.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(64), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// Feeds serialised bytes into the hasher.
struct HashWriter(Sha256);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
