//! The store commands: `db init`, `db migrate`, `list`, `show`, `import`,
//! `export`, `verify-log`, each on the database named by `--db URL` (or
//! `IRONBRIDGE_DB`, or the default SQLite file in the user's data folder).
//!
//! Glue only: parse, one call on `ironbridge_service::Service`, print. The CLI's `main` is
//! synchronous; these commands run on a small tokio runtime of their own.
//! Passphrases come from `IRONBRIDGE_PASSPHRASE` or, on a terminal, a prompt
//! that does not echo; they are never taken as arguments (shell history).
//! Every command that opened the store closes it before the CLI ends, on
//! success and on error alike, so a SQLite database is whole in its `.db`
//! file. Output goes through [`crate::terminal`]: what the database holds is
//! printed with its control characters escaped. `db migrate` stores
//! nothing unless `--accept` is given (no prompt: it runs where there is no
//! terminal), and then only a new assessment: the one it read is unchanged.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Subcommand;
use ironbridge_core::AssessmentId;
use ironbridge_core::assessment::Assessment;
use ironbridge_service::{
    Actor, AssessmentSummary, ImportError, Importer, Service, ServiceError, StoreError,
    StoreLocation,
};

use crate::migrate::{PlanOn, print_plan};
use crate::terminal::{self, Output, errln, line, outln};

/// The environment variable holding a bundle passphrase.
const PASSPHRASE_VAR: &str = "IRONBRIDGE_PASSPHRASE";
/// The environment variable naming the database when `--db` is absent.
const DB_VAR: &str = "IRONBRIDGE_DB";

/// Commands on the assessment database.
#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Set up the database.
    #[command(subcommand)]
    Db(DbCommand),
    /// List the stored assessments (latest revision of each).
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one stored assessment.
    Show {
        /// The assessment id.
        #[arg(value_parser = AssessmentId::parse)]
        id: AssessmentId,
        /// A past revision instead of the latest.
        #[arg(long)]
        revision: Option<u32>,
        /// Print the assessment file (JSON, format version 1), scorable with `ironbridge score`.
        #[arg(long)]
        json: bool,
    },
    /// Import a bundle (or an assessment file); all or nothing.
    Import {
        /// The bundle file; encrypted bundles ask for the passphrase (or read IRONBRIDGE_PASSPHRASE).
        file: PathBuf,
        /// Who imports, for the audit log (default: the login name).
        #[arg(long = "as", value_name = "NAME")]
        actor: Option<String>,
    },
    /// Export an assessment's latest revision as a bundle.
    Export {
        /// The assessment id.
        #[arg(value_parser = AssessmentId::parse)]
        id: AssessmentId,
        /// The bundle file to write (mode 0600).
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Encrypt with a passphrase (asked for, or read from IRONBRIDGE_PASSPHRASE).
        #[arg(long)]
        encrypt: bool,
    },
    /// Check an assessment's audit log: every entry present, unaltered and in order.
    VerifyLog {
        /// The assessment id.
        #[arg(value_parser = AssessmentId::parse)]
        id: AssessmentId,
    },
}

/// `db` subcommands.
#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Create the database (or bring its schema up to date) and say where it is.
    Init,
    /// Move a stored assessment answered on an older bank onto a newer one: prints what happens to each answer; with --accept, stores the result as a new assessment (the old one is not changed).
    Migrate {
        /// The assessment id.
        #[arg(value_parser = AssessmentId::parse)]
        id: AssessmentId,
        /// The bank's major version to move to (default: the newest bank of this build).
        #[arg(long = "to", value_name = "MAJOR")]
        to: Option<u32>,
        /// Store the migrated assessment as a new one (without it, only the plan is printed and nothing is stored).
        #[arg(long)]
        accept: bool,
    },
}

/// Runs a store command against `db` (a URL), or `IRONBRIDGE_DB`, or the default database.
pub fn run(command: StoreCommand, db: Option<&str>, bank: Option<&Path>) -> Result<ExitCode> {
    let url = db
        .map(str::to_owned)
        .or_else(|| std::env::var(DB_VAR).ok().filter(|v| !v.is_empty()));
    let banks = crate::load_banks(bank)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        // The store's errors say which database and what is wrong (never the URL).
        let opened = ironbridge_service::open_store(None, url.as_deref(), None).await?;
        let location = opened.location;
        let service = Service::with_banks(banks, opened.store);
        let result = execute(command, &service, &location).await;
        let closed = service.close().await;
        match (result, closed) {
            (Ok(code), Ok(())) => Ok(code),
            (Ok(_), Err(e)) => Err(e).context("cannot close the database"),
            (Err(e), Ok(())) => Err(e),
            (Err(e), Err(closing)) => Err(e.context(format!(
                "the database did not close cleanly either: {closing}"
            ))),
        }
    })
}

async fn execute(
    command: StoreCommand,
    service: &Service,
    location: &StoreLocation,
) -> Result<ExitCode> {
    match command {
        StoreCommand::Db(DbCommand::Init) => {
            match location {
                StoreLocation::Sqlite(path) => {
                    outln!("ready: SQLite database {}", path.display());
                }
                StoreLocation::Postgres => outln!("ready: PostgreSQL database"),
            }
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::Db(DbCommand::Migrate { id, to, accept }) => {
            migrate(service, &id, to, accept).await
        }
        StoreCommand::List { json } => {
            let list = service
                .list()
                .await
                .context("cannot list the assessments")?;
            print_list(&list, json)?;
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::Show { id, revision, json } => {
            let assessment = service
                .open(&id, revision)
                .await
                .with_context(|| format!("cannot show \"{id}\""))?;
            if json {
                emit_json(&assessment.to_json())?;
            } else {
                print_assessment(&assessment);
            }
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::Import { file, actor } => {
            let actor = Importer::Named(actor_named(actor)?);
            let first = service.import_bundle(&file, None, actor.clone()).await;
            let imported = match first {
                Err(ServiceError::Store(StoreError::Import(ImportError::PassphraseRequired))) => {
                    let passphrase = passphrase(false)?;
                    service.import_bundle(&file, Some(&passphrase), actor).await
                }
                other => other,
            }
            .with_context(|| format!("cannot import {}", file.display()))?;
            outln!(
                "imported {} (revision {}) from {}",
                line(&imported.saved.id),
                imported.saved.revision,
                file.display()
            );
            if let Some(note) = imported.integrity_note {
                outln!("note: {note}");
            }
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::Export {
            id,
            output,
            encrypt,
        } => {
            let passphrase = if encrypt {
                Some(passphrase(true)?)
            } else {
                None
            };
            let exported = service
                .export_bundle(&id, &output, passphrase.as_deref())
                .await
                .with_context(|| format!("cannot export \"{id}\""))?;
            outln!(
                "exported {id} (revision {}){} to {}",
                exported.revision,
                if exported.encrypted {
                    ", encrypted,"
                } else {
                    ""
                },
                output.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        StoreCommand::VerifyLog { id } => verify_log(service, &id).await,
    }
}

/// `db migrate ID [--to MAJOR] [--accept]`: the plan; with `--accept`, the
/// migrated assessment stored under a new id, as a draft.
async fn migrate(
    service: &Service,
    id: &AssessmentId,
    to: Option<u32>,
    accept: bool,
) -> Result<ExitCode> {
    let to = to.unwrap_or_else(|| service.bank().major());
    let refused = || format!("cannot move \"{id}\" to bank {to}");
    if !accept {
        let plan = service.migration_plan(id, to).await.with_context(refused)?;
        print_plan(&plan, PlanOn::Stdout)?;
        outln!(
            "\nnothing was stored: run again with --accept to store the moved assessment \
             as a new one (\"{id}\" stays as it is)"
        );
        return Ok(ExitCode::SUCCESS);
    }
    let migrated = service.migrate(id, to).await.with_context(refused)?;
    print_plan(&migrated.plan, PlanOn::Stdout)?;
    outln!(
        "\nstored as {} (revision {}, a draft on bank {}); \"{}\" is unchanged, still on bank {}",
        line(&migrated.saved.id),
        migrated.saved.revision,
        line(&migrated.assessment.bank.version),
        migrated.from,
        line(&migrated.plan.from_version)
    );
    Ok(ExitCode::SUCCESS)
}

/// `verify-log ID`: the verdict, with the head to compare with delivered
/// reports and bundles.
async fn verify_log(service: &Service, id: &AssessmentId) -> Result<ExitCode> {
    let verdict = service
        .verify_log(id)
        .await
        .with_context(|| format!("cannot verify the log of \"{id}\""))?;
    if verdict.is_intact() {
        let short: String = verdict.head.chars().take(16).collect();
        outln!(
            "ok: {} {}, chain intact and signed, the stored data as the log records it; \
             head {} (reports and bundles show its first 16 characters: {})",
            verdict.entries,
            if verdict.entries == 1 {
                "entry"
            } else {
                "entries"
            },
            line(&verdict.head),
            line(&short)
        );
        if verdict.unsigned > 0 {
            outln!(
                "note: entries 1 to {} were written before the log was signed and are trusted as found then",
                verdict.unsigned
            );
        }
        Ok(ExitCode::SUCCESS)
    } else if verdict.problems.is_empty() {
        // The chain holds, but its signatures could not be checked.
        errln!(
            "the audit log of \"{id}\" is not verified: {}",
            line(&verdict.signatures.to_string())
        );
        Ok(ExitCode::FAILURE)
    } else {
        errln!("the audit log of \"{id}\" has been tampered with:");
        for problem in &verdict.problems {
            errln!("  {}", line(&problem.to_string()));
        }
        Ok(ExitCode::FAILURE)
    }
}

fn print_list(list: &[AssessmentSummary], json: bool) -> Result<()> {
    if json {
        emit_json(&serde_json::to_string_pretty(&list)?)?;
    } else if list.is_empty() {
        outln!("no assessments stored");
    } else {
        outln!(
            "{:<24} {:>4}  {:<9}  {:>7}  {:<16}  {:<28} title",
            "id",
            "rev",
            "status",
            "answers",
            "updated",
            "organisation"
        );
        for a in list {
            outln!(
                "{:<24} {:>4}  {:<9}  {:>7}  {:<16}  {:<28} {}",
                line(&a.id),
                a.revision,
                status_text(a.status),
                a.n_answers,
                a.updated_at.format("%Y-%m-%d %H:%M"),
                line(&a.organisation),
                line(&a.title)
            );
        }
    }
    Ok(())
}

/// Writes JSON and a line break to standard output, escaped ([`terminal::json`]).
fn emit_json(json: &str) -> Result<()> {
    terminal::stdout(&format!("{json}\n"), Output::Json).context("cannot write to standard output")
}

fn print_assessment(assessment: &Assessment) {
    let n_responses = assessment
        .answers
        .iter()
        .filter(|a| a.response.is_some())
        .count();
    let n_notes = assessment
        .answers
        .iter()
        .filter(|a| !a.note.is_empty())
        .count();
    let n_follow_ups = assessment.answers.iter().filter(|a| a.follow_up).count();
    outln!("{} ({})", line(&assessment.title), line(&assessment.id));
    outln!("organisation   {}", line(&assessment.organisation.name));
    outln!("status         {}", status_text(assessment.status));
    outln!("assessor       {}", line(&assessment.assessor.name));
    outln!(
        "bank           {} {}",
        line(&assessment.bank.id),
        line(&assessment.bank.version.to_string())
    );
    outln!("started        {}", assessment.started_on);
    outln!("answers        {n_responses} responses, {n_notes} notes, {n_follow_ups} to follow up");
    outln!(
        "registers      {} critical systems, {} providers",
        assessment.registers.systems.len(),
        assessment.registers.providers.len()
    );
}

fn status_text(status: ironbridge_core::assessment::Status) -> &'static str {
    use ironbridge_core::assessment::Status;
    match status {
        Status::Draft => "draft",
        Status::InReview => "in review",
        Status::Final => "final",
    }
}

fn actor_named(actor: Option<String>) -> Result<Actor> {
    let name = actor
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .unwrap_or_else(|| "ironbridge cli".to_owned());
    Actor::new(&name).context("who imports must be named (--as NAME)")
}

/// The passphrase from `IRONBRIDGE_PASSPHRASE`, or asked for on the terminal
/// (twice when it is new).
fn passphrase(new: bool) -> Result<String> {
    if let Ok(passphrase) = std::env::var(PASSPHRASE_VAR) {
        if passphrase.is_empty() {
            bail!("{PASSPHRASE_VAR} is set but empty");
        }
        return Ok(passphrase);
    }
    if !std::io::stdin().is_terminal() {
        bail!("a passphrase is needed: set {PASSPHRASE_VAR} (there is no terminal to ask on)");
    }
    let first = rpassword::prompt_password("Passphrase: ").context("cannot read the passphrase")?;
    if first.is_empty() {
        bail!("the passphrase is empty");
    }
    if new {
        let again = rpassword::prompt_password("Passphrase again: ")
            .context("cannot read the passphrase")?;
        if again != first {
            bail!("the two passphrases differ");
        }
    }
    Ok(first)
}
