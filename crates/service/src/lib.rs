//! The Ironbridge use cases, written once: every operation a user can do,
//! for the desktop app (`src-tauri`) and the command line (`cli`) alike.
//!
//! - [`Service`]: the operations on stored assessments: list, create, open,
//!   save an answer, the registers, the narrative or the exposure
//!   assumptions, score, exposure and dependencies (kept while nothing they
//!   depend on changes), the PDF report, bundles in and out. Opened over a store
//!   by [`open_store`] (the team database with its fallback and reason).
//! - [`files`]: the same use cases on an assessment file instead of the
//!   store (`ironbridge score FILE`, `report FILE`, `exposure FILE`).
//! - [`report`]: the PDF of an assessment, with branding.
//! - [`bank_files`]: a question bank read from files instead of the shipped one.
//! - [`banks`]: the shipped banks, each assessment checked on the one it names.
//! - [`migrate`]: an assessment moved from bank 1 onto bank 2, with its plan.
//! - [`input`]: every file a use case reads, read through one byte cap.
//!
//! Types in and out are `core`'s, `store`'s and `report`'s: no DTOs, no
//! IPC, no printing. A shell converts its input, makes one call here and
//! presents the result.
//!
//! ```
//! use ironbridge_core::{Bank, embedded::DEMO_ASSESSMENT};
//! use ironbridge_service::{files, report};
//!
//! let bank = Bank::shipped().expect("the shipped bank is valid");
//! let demo = files::parse_checked(&bank, DEMO_ASSESSMENT, "demo").unwrap();
//! let card = files::score(&bank, &demo);
//! assert!(card.index.is_some());
//! let date = chrono::DateTime::UNIX_EPOCH;
//! let pdf = report::render(&bank, &demo, Default::default(), date, None).unwrap();
//! assert!(pdf.bytes.starts_with(b"%PDF-"));
//! ```

pub mod bank_files;
pub mod banks;
mod error;
mod exposure_cache;
pub mod files;
mod ids;
pub mod input;
pub mod migrate;
mod open;
pub mod report;
mod service;

pub use banks::Banks;
pub use error::ServiceError;
pub use exposure_cache::ExposureView;
pub use ids::new_assessment_id;
pub use open::{OpenedStore, StoreLocation, TEAM_TIMEOUT, check_team_database, open_store};
pub use report::{Presentation, RenderedPdf};
pub use service::{ExportedBundle, ExposureScreen, Imported, Importer, Migrated, Results, Service};

// The store's types that cross this crate's API, and its private atomic file
// write (for the shells' own files, like settings), so a shell needs no store
// of its own.
pub use ironbridge_store::{
    Actor, AnyStore, AssessmentSummary, AuditHead, ImportError, LogVerdict, Saved, StoreError,
    private_file,
};

/// The result of a use case.
pub type Result<T, E = ServiceError> = std::result::Result<T, E>;
