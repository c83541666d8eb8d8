//! The shipped question bank and framework catalogues, embedded in the binary.
//!
//! Invariant: the lists here name every file under `assets/bank/`,
//! `assets/bank-2/` and `assets/frameworks/`; tests compare them with the folders.

use crate::bank::Source;

/// Bank 1's files (`assets/bank/`, the bank v1 assessments were answered
/// on), header first, as `(name, TOML)`; the current bank is [`BANK2_FILES`].
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

/// Bank 2's files (`assets/bank-2/`), header first, as `(name, TOML)`; the
/// migration map from bank 1 (`from-1.toml`) is [`BANK2_FROM_1`].
pub const BANK2_FILES: &[(&str, &str)] = &[
    (
        "assets/bank-2/bank.toml",
        include_str!("../../../assets/bank-2/bank.toml"),
    ),
    (
        "assets/bank-2/gov.toml",
        include_str!("../../../assets/bank-2/gov.toml"),
    ),
    (
        "assets/bank-2/ins.toml",
        include_str!("../../../assets/bank-2/ins.toml"),
    ),
    (
        "assets/bank-2/dep.toml",
        include_str!("../../../assets/bank-2/dep.toml"),
    ),
    (
        "assets/bank-2/ot.toml",
        include_str!("../../../assets/bank-2/ot.toml"),
    ),
    (
        "assets/bank-2/out.toml",
        include_str!("../../../assets/bank-2/out.toml"),
    ),
    (
        "assets/bank-2/iam.toml",
        include_str!("../../../assets/bank-2/iam.toml"),
    ),
    (
        "assets/bank-2/det.toml",
        include_str!("../../../assets/bank-2/det.toml"),
    ),
    (
        "assets/bank-2/ir.toml",
        include_str!("../../../assets/bank-2/ir.toml"),
    ),
    (
        "assets/bank-2/rec.toml",
        include_str!("../../../assets/bank-2/rec.toml"),
    ),
    (
        "assets/bank-2/bcm.toml",
        include_str!("../../../assets/bank-2/bcm.toml"),
    ),
];

/// The migration map from bank 1 to bank 2 (`assets/bank-2/from-1.toml`).
pub const BANK2_FROM_1: &str = include_str!("../../../assets/bank-2/from-1.toml");

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
    (
        "assets/frameworks/ncsc-caf-4.0.toml",
        include_str!("../../../assets/frameworks/ncsc-caf-4.0.toml"),
    ),
    (
        "assets/frameworks/iec-62443-2-1-2024.toml",
        include_str!("../../../assets/frameworks/iec-62443-2-1-2024.toml"),
    ),
    (
        "assets/frameworks/iec-62443-2-4.toml",
        include_str!("../../../assets/frameworks/iec-62443-2-4.toml"),
    ),
    (
        "assets/frameworks/cyber-essentials-3.2.toml",
        include_str!("../../../assets/frameworks/cyber-essentials-3.2.toml"),
    ),
];

/// The demo assessment: a fictional mid-size UK automotive supplier,
/// answered on bank 2 (the current bank): the bank 1 demo
/// ([`DEMO_ASSESSMENT_V1`]) migrated through `assets/bank-2/from-1.toml`, and
/// the questions new in bank 2 answered for the same company in the same
/// workshop.
pub const DEMO_ASSESSMENT: &str = include_str!("../../../assets/demo/assessment.json");

/// The same demo as it was answered on bank 1: a v1 assessment, kept to test
/// that v1 files still open, score on bank 1 and migrate to bank 2.
pub const DEMO_ASSESSMENT_V1: &str = include_str!("../../../assets/demo/assessment-v1.json");

/// Bank 1's sources.
pub fn bank_sources() -> Vec<Source<'static>> {
    sources(BANK_FILES)
}

/// Bank 2's sources.
pub fn bank2_sources() -> Vec<Source<'static>> {
    sources(BANK2_FILES)
}

fn sources(files: &'static [(&'static str, &'static str)]) -> Vec<Source<'static>> {
    files
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect()
}
