//! The `ironbridge-app` binary: starts the desktop app (see `lib.rs`).
//!
//! Invariant: nothing here but the entry point; a failure to start is printed
//! with its whole chain and ends the process with a non-zero code.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

/// As in the CLI: the report engine allocates many small things, and
/// mimalloc does that in about half the time glibc's allocator takes.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match ironbridge_app::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("ironbridge: {err:#}");
            ExitCode::FAILURE
        }
    }
}
