//! Cross-crate and end-to-end tests of Ironbridge live beside this file; the
//! library locates the shared fixtures and holds the PDF checks the report's
//! and the CLI's tests share ([`pdf_tools`]).

pub mod pdf_tools;

use std::path::PathBuf;

/// The folder `tests/fixtures`.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}
