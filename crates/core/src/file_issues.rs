//! Problems found in a data file the product reads (a question bank, the
//! underwriting-readiness questions), each with its file, line and item, and
//! the list of them all.
//!
//! Invariant: validation never stops at the first problem; a [`FileIssues`]
//! holds every problem found, in the order found.

use std::error::Error;
use std::fmt;

/// The kind of problem a file's validation reports.
pub trait FileProblem: fmt::Display + fmt::Debug {
    /// What the files hold and its verb, as a message opens
    /// ("the question bank has").
    const SUBJECT_HAS: &'static str;
    /// The stable error code for the UI.
    const CODE: &'static str;
}

/// One problem in a file: where it is and what it is.
#[derive(Clone, Debug, PartialEq)]
pub struct FileIssue<P> {
    /// The source file, as named by the caller.
    pub file: String,
    /// The 1-based line, when known.
    pub line: Option<usize>,
    /// The id of the item concerned (a question, cap, gate or readiness
    /// item), when there is one.
    pub item: Option<String>,
    /// What is wrong.
    pub problem: P,
}

impl<P: fmt::Display> fmt::Display for FileIssue<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(item) = &self.item {
            write!(f, ": {item}")?;
        }
        write!(f, ": {}", self.problem)
    }
}

impl<P: fmt::Display + fmt::Debug> Error for FileIssue<P> {}

/// Every problem found in a file or a set of files.
#[derive(Clone, Debug, PartialEq)]
pub struct FileIssues<P>(pub Vec<FileIssue<P>>);

impl<P: FileProblem> FileIssues<P> {
    /// The stable error code for the UI.
    pub fn code(&self) -> &'static str {
        P::CODE
    }

    /// The problems, in the order found.
    pub fn issues(&self) -> &[FileIssue<P>] {
        &self.0
    }
}

impl<P: FileProblem> fmt::Display for FileIssues<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        let plural = if n == 1 { "" } else { "s" };
        writeln!(f, "{} {n} problem{plural}:", P::SUBJECT_HAS)?;
        for issue in &self.0 {
            writeln!(f, "  {issue}")?;
        }
        Ok(())
    }
}

impl<P: FileProblem> Error for FileIssues<P> {}
