//! The Ironbridge method: the question bank, assessments and explainable scoring.
//!
//! This crate is pure: no I/O, no async, no UI. Callers read files and hand
//! their text in; everything here is a deterministic function of its inputs.
//!
//! - [`bank`]: the question bank, loaded from TOML and validated ([`bank::load`],
//!   [`Bank::shipped`]).
//! - [`frameworks`]: the catalogues of framework controls the bank cites.
//! - [`assessment`]: the assessment file (versioned JSON) and its checks against a bank.
//! - [`bundle`]: one assessment as a portable bundle file (versioned, with upgraders).
//! - [`scoring`]: question, domain and index scores, caps and ranked gaps.
//! - [`narrative`]: the report's executive summary and findings, drafted from the scores.
//! - [`coverage`]: how the answers map onto the frameworks' functions and objectives.
//! - [`migration`]: an assessment's answers carried from bank 1 to bank 2, with a plan to show first.
//!
//! ```
//! use ironbridge_core::{Bank, assessment::Assessment, scoring};
//!
//! let bank = Bank::shipped().expect("the shipped bank is valid");
//! let demo = Assessment::from_json(ironbridge_core::embedded::DEMO_ASSESSMENT).unwrap();
//! demo.check(&bank).unwrap();
//! let card = scoring::score_assessment(&bank, &demo);
//! let index = card.index.unwrap();
//! assert!((0.0..=100.0).contains(&index));
//! println!("resilience index {index:.0}, weakest domain {:?}", card.weakest_domain);
//! ```

#![deny(missing_docs)]

pub mod assessment;
pub mod bank;
pub mod bundle;
pub mod coverage;
pub mod dependencies;
pub mod embedded;
pub mod exposure;
pub mod file_issues;
pub mod frameworks;
pub mod ids;
pub mod level;
pub mod migration;
pub mod narrative;
pub mod parallel;
pub mod scoring;
pub mod underwriting;

pub use bank::Bank;
pub use ids::{AssessmentId, DomainCode, QuestionId};
pub use level::Level;
