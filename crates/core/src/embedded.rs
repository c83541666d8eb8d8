//! The shipped question bank and framework catalogues, embedded in the binary.
//!
//! Invariant: the list here names every file under `assets/bank/` and
//! `assets/frameworks/`; a test compares it with the folders.

use crate::bank::Source;

/// The shipped bank's files, header first, as `(name, TOML)`.
pub const BANK_FILES: &[(&str, &str)] = &[
    (
        "assets/bank/bank.toml",
        include_str!("../../../assets/bank/bank.toml"),
    ),
    (
        "assets/bank/gov.toml",
        include_str!("../../../assets/bank/gov.toml"),
    ),
    (
        "assets/bank/ins.toml",
        include_str!("../../../assets/bank/ins.toml"),
    ),
    (
        "assets/bank/dep.toml",
        include_str!("../../../assets/bank/dep.toml"),
    ),
    (
        "assets/bank/ot.toml",
        include_str!("../../../assets/bank/ot.toml"),
    ),
    (
        "assets/bank/out.toml",
        include_str!("../../../assets/bank/out.toml"),
    ),
    (
        "assets/bank/iam.toml",
        include_str!("../../../assets/bank/iam.toml"),
    ),
    (
        "assets/bank/det.toml",
        include_str!("../../../assets/bank/det.toml"),
    ),
    (
        "assets/bank/ir.toml",
        include_str!("../../../assets/bank/ir.toml"),
    ),
    (
        "assets/bank/rec.toml",
        include_str!("../../../assets/bank/rec.toml"),
    ),
    (
        "assets/bank/bcm.toml",
        include_str!("../../../assets/bank/bcm.toml"),
    ),
];

/// The framework catalogues, as `(name, TOML)`.
pub const FRAMEWORK_SOURCES: &[(&str, &str)] = &[
    (
        "assets/frameworks/nist-csf-2.0.toml",
        include_str!("../../../assets/frameworks/nist-csf-2.0.toml"),
    ),
    (
        "assets/frameworks/ncsc-caf-3.2.toml",
        include_str!("../../../assets/frameworks/ncsc-caf-3.2.toml"),
    ),
    (
        "assets/frameworks/iso-27001-2022.toml",
        include_str!("../../../assets/frameworks/iso-27001-2022.toml"),
    ),
    (
        "assets/frameworks/iec-62443-3-3.toml",
        include_str!("../../../assets/frameworks/iec-62443-3-3.toml"),
    ),
];

/// The demo assessment: a fictional mid-size UK automotive supplier.
pub const DEMO_ASSESSMENT: &str = include_str!("../../../assets/demo/assessment.json");

/// The shipped bank's sources.
pub fn bank_sources() -> Vec<Source<'static>> {
    BANK_FILES
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect()
}
