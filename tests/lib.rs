//! Cross-crate and end-to-end tests of Ironbridge live beside this file; the
//! library itself only locates the shared fixtures.

use std::path::PathBuf;

/// The folder `tests/fixtures`.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}
