//! Runs the `ironbridge` binary for the end-to-end tests, the same way in
//! every test file: a builder takes the arguments, variables and standard
//! input, and a run gives back its exit status and its output as text.
//!
//! Invariant: a run sees nothing of the caller's setup. It gets a fresh home
//! and data folder (a default database never lands in the user's), no
//! standard input unless the test gives some, and none of the variables the
//! binary reads (`IRONBRIDGE_DB`, `IRONBRIDGE_PASSPHRASE`,
//! `IRONBRIDGE_AUDIT_KEY_FILE`, `SOURCE_DATE_EPOCH`) unless the test sets
//! them. Runs that share a database share its audit key only when the test
//! names one ([`Ironbridge::audit_key_beside`]), as one user's runs would.

// Each test file uses part of this module.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;

use tempfile::TempDir;

/// The variables the binary reads: a run sees only those the test sets.
const READ_VARS: [&str; 4] = [
    "IRONBRIDGE_DB",
    "IRONBRIDGE_PASSPHRASE",
    "IRONBRIDGE_AUDIT_KEY_FILE",
    "SOURCE_DATE_EPOCH",
];

/// `ironbridge ARGS…`, ready to take more arguments, variables or input.
pub fn ironbridge<I, S>(args: I) -> Ironbridge
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let home = tempfile::tempdir().expect("a temporary home folder");
    let mut command = Command::new(env!("CARGO_BIN_EXE_ironbridge"));
    command
        .args(args)
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"));
    for var in READ_VARS {
        command.env_remove(var);
    }
    Ironbridge {
        command,
        stdin: None,
        home,
    }
}

/// The path of a file in the repository, from its root (`assets/bank`).
pub fn repo_file(relative: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative)
        .display()
        .to_string()
}

/// The demo assessment file the binary's `demo` command embeds (bank 2).
pub fn demo_file() -> String {
    repo_file("assets/demo/assessment.json")
}

/// The same demo as answered on bank 1: a v1 assessment file.
pub fn demo_v1_file() -> String {
    repo_file("assets/demo/assessment-v1.json")
}

/// A path as an argument; temporary folders have UTF-8 names.
pub fn utf8(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// One invocation of the binary, being set up: made by [`ironbridge`].
#[derive(Debug)]
pub struct Ironbridge {
    command: Command,
    stdin: Option<Vec<u8>>,
    home: TempDir,
}

impl Ironbridge {
    /// Adds one argument.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.command.arg(arg);
        self
    }

    /// Adds arguments.
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command.args(args);
        self
    }

    /// Sets a variable of the binary's environment.
    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Self {
        self.command.env(key, value);
        self
    }

    /// Keeps the audit key in `audit.key` beside the database `db` (in a
    /// user's runs the key is one file in their data folder; each run here
    /// has a home of its own).
    pub fn audit_key_beside(self, db: &Path) -> Self {
        let folder = db.parent().unwrap_or(Path::new("."));
        self.env("IRONBRIDGE_AUDIT_KEY_FILE", folder.join("audit.key"))
    }

    /// Gives the binary this standard input (none otherwise).
    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(input.into());
        self
    }

    /// Runs the binary to its end.
    pub fn run(self) -> Run {
        self.start().finish()
    }

    /// Starts the binary and returns at once, for runs side by side.
    pub fn start(mut self) -> Running {
        let stdin = if self.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        };
        let mut child = self
            .command
            .stdin(stdin)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        // A thread writes the input so that a binary busy writing its own
        // output cannot block the test.
        let writer = self.stdin.map(|input| {
            let mut pipe = child.stdin.take().expect("a piped standard input");
            std::thread::spawn(move || {
                // The binary may exit without reading it all; its output says how it went.
                let _ = pipe.write_all(&input);
            })
        });
        Running {
            child,
            writer,
            _home: self.home,
        }
    }
}

/// A started binary; its home folder lives until it has finished.
#[derive(Debug)]
pub struct Running {
    child: Child,
    writer: Option<JoinHandle<()>>,
    _home: TempDir,
}

impl Running {
    /// Waits for the binary's end.
    pub fn finish(self) -> Run {
        let output = self.child.wait_with_output().expect("the binary finishes");
        if let Some(writer) = self.writer {
            writer.join().expect("the input is written");
        }
        Run {
            status: output.status,
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// A finished run of the binary.
#[derive(Debug)]
pub struct Run {
    /// How it exited.
    pub status: ExitStatus,
    /// Its standard output.
    pub stdout: String,
    /// Its standard error.
    pub stderr: String,
}

impl Run {
    /// Its standard output, once it has succeeded (else the test fails
    /// showing its standard error).
    #[track_caller]
    pub fn expect_success(&self) -> &str {
        assert!(self.status.success(), "failed: {}", self.stderr);
        &self.stdout
    }

    /// Its standard error, once it has failed.
    #[track_caller]
    pub fn expect_failure(&self) -> &str {
        assert!(
            !self.status.success(),
            "succeeded unexpectedly: {}",
            self.stdout
        );
        &self.stderr
    }

    /// Its standard output as JSON, once it has succeeded.
    #[track_caller]
    pub fn expect_json(&self) -> serde_json::Value {
        serde_json::from_str(self.expect_success()).expect("valid JSON")
    }
}
