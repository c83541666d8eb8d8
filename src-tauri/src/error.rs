//! The app's errors, and the `{code, message}` form the UI receives.
//!
//! Invariant: every failure a command can return has a stable dotted code
//! (`store.io`, `answer.invalid`) that the UI maps to its own text; the
//! message is a human sentence without file contents, stack traces or paths
//! beyond the user's own data folder. The full chain goes to the log.

use std::path::PathBuf;

use ironbridge_core::assessment::AnswerIssue;
use ironbridge_core::ids::IdError;
use ironbridge_report::ReportError;
use ironbridge_service::{ServiceError, StoreError};
use serde::Serialize;
use specta::Type;

/// What a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A question or domain id that is not well formed.
    #[error(transparent)]
    BadId(IdError),
    /// A level outside 0–4.
    #[error("level {level} is out of range: levels are 0 to 4")]
    LevelOutOfRange {
        /// The level given.
        level: u8,
    },
    /// The answer or the details do not fit the bank.
    #[error("{}", join(.0))]
    Invalid(Vec<AnswerIssue>),
    /// A register entry that cannot be stored as given.
    #[error("{problem}")]
    BadRegister {
        /// What is wrong.
        problem: String,
    },
    /// The database refused or failed (busy, unreachable, not found, a bad bundle).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A use case failed: the bank, a detail, the registers, a file (its
    /// message and code are the service's).
    #[error(transparent)]
    Service(ServiceError),
    /// The report could not be built (a bad colour or logo, a layout failure).
    #[error(transparent)]
    Report(#[from] ReportError),
    /// A file the user picked could not be written.
    #[error("cannot write {}: {cause}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The OS error.
        cause: std::io::Error,
    },
    /// The native file dialog failed.
    #[error("the file dialog failed: {reason}")]
    Dialog {
        /// Why.
        reason: String,
    },
    /// The exported PDF cannot be opened in the system's viewer.
    #[error("{reason}")]
    Open {
        /// Why.
        reason: String,
    },
    /// The settings file cannot be read or written.
    #[error("the settings cannot be {action}: {reason}")]
    Settings {
        /// `read` or `saved`.
        action: &'static str,
        /// Why.
        reason: String,
    },
}

impl AppError {
    /// The stable code the UI maps to its text.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::BadId(IdError::AssessmentId { .. }) => "assessment.bad_id",
            AppError::BadId(_) => "answer.bad_question_id",
            AppError::LevelOutOfRange { .. } => "answer.level_out_of_range",
            AppError::Invalid(_) => "answer.invalid",
            AppError::BadRegister { .. } => "registers.invalid",
            AppError::Store(e) => e.code(),
            AppError::Service(e) => e.code(),
            AppError::Report(e) => e.code(),
            AppError::Write { .. } => "file.write",
            AppError::Dialog { .. } => "file.dialog",
            AppError::Open { .. } => "file.open",
            AppError::Settings { .. } => "settings.io",
        }
    }
}

impl From<ServiceError> for AppError {
    /// The service's own error, but for an assessment that does not fit the
    /// bank: the app shows its issues on one line, not one per line.
    fn from(err: ServiceError) -> Self {
        match err {
            ServiceError::DoesNotFit { issues, .. } => AppError::Invalid(issues),
            other => AppError::Service(other),
        }
    }
}

fn join<T: ToString>(issues: &[T]) -> String {
    issues
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// An error as the UI receives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Type)]
pub struct CommandError {
    /// Stable dotted code (`store.io`).
    pub code: String,
    /// A human sentence.
    pub message: String,
}

impl From<AppError> for CommandError {
    fn from(err: AppError) -> Self {
        tracing::error!(code = err.code(), "{:#}", ErrorChain(&err));
        Self {
            code: err.code().to_owned(),
            message: err.to_string(),
        }
    }
}

/// Displays an error followed by its sources, for the log.
struct ErrorChain<'a>(&'a dyn std::error::Error);

impl std::fmt::Display for ErrorChain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(err) = source {
            write!(f, ": {err}")?;
            source = err.source();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_error_is_code_and_message_in_json() {
        let err = CommandError::from(AppError::Store(StoreError::NotFound { id: "a-1".into() }));
        assert_eq!(
            serde_json::to_value(&err).unwrap(),
            serde_json::json!({
                "code": "store.not_found",
                "message": "no assessment with id \"a-1\""
            })
        );
    }

    #[test]
    fn bad_team_database_url_has_a_code_and_no_password() {
        let err = CommandError::from(AppError::Store(StoreError::UrlScheme {
            scheme: "mysql".into(),
        }));
        assert_eq!(err.code, "store.url_scheme");
        assert!(err.message.contains("postgres://"), "{}", err.message);
    }
}
