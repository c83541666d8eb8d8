//! The `ironbridge` command: scores assessments and checks the question bank
//! from the terminal, through the same `core` code paths as the desktop app.
//!
//! Invariant: everything written to standard output and standard error,
//! clap's own errors included, goes through [`terminal`], which escapes the
//! control characters a file or a database could hold.

mod db;
mod exposure;
mod migrate;
mod print;
mod report;
mod terminal;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use ironbridge_core::Bank;
use ironbridge_report::templates::SectionChoice;
use ironbridge_service::Banks;
use ironbridge_service::files::{self, Input};

use crate::terminal::{Output, errln, outln};

/// The report engine allocates many small things; mimalloc does that in
/// about half the time glibc's allocator takes (docs/PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Cyber resilience assessment for manufacturers.
#[derive(Debug, Parser)]
#[command(name = "ironbridge", version, about)]
struct Cli {
    /// Use this question bank (a .toml file or a folder of them) instead of the shipped ones (without it, each file is read on the bank it names).
    #[arg(long, global = true, value_name = "PATH")]
    bank: Option<PathBuf>,
    /// The assessment database: sqlite:PATH, a file path, or postgres://… (default: IRONBRIDGE_DB, else ironbridge.db in the user's data folder).
    #[arg(long, global = true, value_name = "URL")]
    db: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    #[command(flatten)]
    Store(db::StoreCommand),
    /// Score the shipped demo assessment (a fictional UK automotive supplier).
    Demo {
        /// Print the scorecard as JSON (format: docs/SCORE_JSON.md).
        #[arg(long)]
        json: bool,
        /// Write the demo's PDF report to this file instead of printing the scorecard.
        #[arg(long, value_name = "OUT.pdf")]
        pdf: Option<PathBuf>,
        /// A brand file for the PDF (TOML: consultant, logo, accent).
        #[arg(long, value_name = "FILE", requires = "pdf")]
        brand: Option<PathBuf>,
    },
    /// Write the PDF report of an assessment file (date: SOURCE_DATE_EPOCH, else now).
    Report {
        /// The assessment file (JSON, format version 1).
        file: PathBuf,
        /// The PDF to write (replaced atomically, readable only by you).
        #[arg(short = 'o', long = "output", value_name = "OUT.pdf")]
        output: PathBuf,
        /// A brand file (TOML: consultant, logo, accent).
        #[arg(long, value_name = "FILE")]
        brand: Option<PathBuf>,
        /// Seed of the Monte Carlo simulation (over the one saved with the assessment).
        #[arg(long)]
        seed: Option<u64>,
        /// Length of the custom scenario in days, more than 0 and at most 3650 (over the one saved with the assessment).
        #[arg(long, value_parser = exposure::parse_days)]
        days: Option<f64>,
        /// A JSON file overriding some assumptions, over those saved with the assessment (keys: docs/EXPOSURE.md).
        #[arg(long, value_name = "FILE")]
        assumptions: Option<PathBuf>,
        /// Sections to leave out, comma-separated: money, dependencies, findings, roadmap, frameworks, glossary, answers.
        #[arg(long, value_name = "SECTIONS", value_parser = report::parse_sections, default_value = "")]
        omit: SectionChoice,
    },
    /// Score an assessment file.
    Score {
        /// The assessment file (JSON, format version 1).
        file: PathBuf,
        /// Print the scorecard as JSON (format: docs/SCORE_JSON.md).
        #[arg(long)]
        json: bool,
    },
    /// List the bank's domains and questions (default: the bank new assessments are made on).
    Bank,
    /// Check a question bank and report every problem (default: every shipped bank).
    ValidateBank {
        /// A .toml file or a folder of them.
        path: Option<PathBuf>,
    },
    /// Money at risk in a production halt: scenarios, insurance, simulation (format: docs/EXPOSURE.md).
    Exposure {
        /// The assessment file (JSON, format version 1).
        file: PathBuf,
        /// Print the result as JSON (format: docs/EXPOSURE.md).
        #[arg(long)]
        json: bool,
        /// Seed of the Monte Carlo simulation (the same seed gives the same figures; default: the one saved with the assessment).
        #[arg(long)]
        seed: Option<u64>,
        /// Length of the custom scenario in days, more than 0 and at most 3650 (default: the one saved with the assessment, else the estimated time to restore).
        #[arg(long, value_parser = exposure::parse_days)]
        days: Option<f64>,
        /// A JSON file overriding some assumptions, over those saved with the assessment (keys: docs/EXPOSURE.md).
        #[arg(long, value_name = "FILE")]
        assumptions: Option<PathBuf>,
    },
    /// Move an assessment file answered on bank 1 onto bank 2 (the file read is not changed; the plan says what moved and what is new).
    Migrate {
        /// The assessment file (JSON, format version 1), answered on bank 1.
        file: PathBuf,
        /// The bank's major version to move to.
        #[arg(long = "to", value_name = "MAJOR")]
        to: u32,
        /// Write the migrated assessment to this file (replaced atomically, readable only by you) instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "OUT.json")]
        output: Option<PathBuf>,
    },
    /// Single points of failure, provider concentration and blast radius (format: docs/EXPOSURE.md).
    Dependencies {
        /// The assessment file (JSON, format version 1).
        file: PathBuf,
        /// Print the analysis as JSON (format: docs/EXPOSURE.md).
        #[arg(long)]
        json: bool,
        /// A provider reaching this many systems or more is a single point of failure.
        #[arg(long, default_value_t = 3)]
        threshold: usize,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version go to standard output, as clap writes them.
        Err(err) if !err.use_stderr() => err.exit(),
        // An argument echoed in the error passes through the terminal
        // module like everything else (plain text, no colours).
        Err(err) => {
            terminal::stderr(&err.render().to_string());
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            errln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Store(command) => db::run(command, cli.db.as_deref(), cli.bank.as_deref()),
        Command::ValidateBank { path } => {
            let path = path.or(cli.bank);
            let loaded = match &path {
                Some(path) => vec![ironbridge_service::bank_files::read(path)?],
                None => Bank::SHIPPED_MAJORS
                    .iter()
                    .filter_map(|major| Bank::shipped_major(*major))
                    .collect(),
            };
            let mut code = ExitCode::SUCCESS;
            for bank in loaded {
                match bank {
                    Ok(bank) => validated(&bank),
                    Err(issues) => {
                        terminal::stderr(&issues.to_string());
                        code = ExitCode::FAILURE;
                    }
                }
            }
            Ok(code)
        }
        Command::Bank => {
            let bank = load_bank(cli.bank.as_deref())?;
            let mut out = String::new();
            print::bank(&mut out, &bank);
            emit(&out, Output::Text)
        }
        Command::Demo { json, pdf, brand } => {
            let banks = load_banks(cli.bank.as_deref())?;
            match pdf {
                Some(output) => {
                    let options = report::ReportOptions {
                        output,
                        brand,
                        seed: None,
                        days: None,
                        assumptions: None,
                        sections: SectionChoice::all(),
                    };
                    report::report(&banks, Input::Demo, &options)
                }
                None => score_and_print(&banks, Input::Demo, json),
            }
        }
        Command::Report {
            file,
            output,
            brand,
            seed,
            days,
            assumptions,
            omit,
        } => {
            let banks = load_banks(cli.bank.as_deref())?;
            let input = Input::File(&file);
            let options = report::ReportOptions {
                output,
                brand,
                seed,
                days,
                assumptions,
                sections: omit,
            };
            report::report(&banks, input, &options)
        }
        Command::Exposure {
            file,
            json,
            seed,
            days,
            assumptions,
        } => exposure::exposure(
            cli.bank.as_deref(),
            &file,
            &exposure::ExposureOptions {
                json,
                seed,
                days,
                assumptions,
            },
        ),
        Command::Dependencies {
            file,
            json,
            threshold,
        } => exposure::dependencies(cli.bank.as_deref(), &file, json, threshold),
        Command::Migrate { file, to, output } => {
            let banks = load_banks(cli.bank.as_deref())?;
            migrate::migrate(&banks, &file, to, output.as_ref())
        }
        Command::Score { file, json } => {
            let banks = load_banks(cli.bank.as_deref())?;
            score_and_print(&banks, Input::File(&file), json)
        }
    }
}

/// The bank at `path`, else the one new assessments are made on.
fn load_bank(path: Option<&Path>) -> Result<Bank> {
    Ok(ironbridge_service::bank_files::bank_at(path)?)
}

/// The bank at `path` alone, else every shipped bank (each file is read on
/// the bank it names).
fn load_banks(path: Option<&Path>) -> Result<Banks> {
    Ok(ironbridge_service::bank_files::banks_at(path)?)
}

/// Prints the one-line summary of a bank that validates.
fn validated(bank: &Bank) {
    let n_questions = bank.questions().count();
    let n_scored = bank.questions().filter(|q| q.is_scored()).count();
    let n_caps: usize = bank.domains.iter().map(|d| d.caps.len()).sum();
    outln!(
        "ok: bank {} {}: {} domains, {} questions ({} scored), {} caps, {} gates",
        bank.id,
        bank.version,
        bank.domains.len(),
        n_questions,
        n_scored,
        n_caps,
        bank.gates.len()
    );
}

/// Prints the scorecard of an assessment, scored on the bank it was answered on.
fn score_and_print(banks: &Banks, input: Input<'_>, json: bool) -> Result<ExitCode> {
    let files::Scored {
        bank,
        assessment,
        card,
    } = files::score_input(banks, input)?;
    let assessment = &assessment;
    if json {
        let mut out = serde_json::to_string_pretty(&card)?;
        out.push('\n');
        emit(&out, Output::Json)
    } else {
        let mut out = String::new();
        print::scorecard(&mut out, bank, assessment, &card);
        emit(&out, Output::Text)
    }
}

/// Writes the output, its control characters escaped ([`terminal`]); a
/// reader that closed the pipe early (`| head`) is not an error.
fn emit(out: &str, kind: Output) -> Result<ExitCode> {
    terminal::stdout(out, kind).context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}
