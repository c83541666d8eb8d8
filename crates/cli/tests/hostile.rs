//! The hostile-input corpus (`tests/fixtures/hostile/`) through every command
//! that reads a file: each case is refused with its own message or accepted,
//! never with a panic, never with a control character on the terminal, within
//! 512 MB of memory and 5 s, and a refused import leaves the database as it
//! was.
//!
//! The manifests (`cases.json`, `bundles.json`) name each file, the kind of
//! file it poses as, and what must happen; the cases too large or too strange
//! to keep in the repository (`/dev/zero`, a pipe, a 1 MB note) are made
//! here. Peak memory is the children's `ru_maxrss` (`getrusage`).

#![cfg(target_os = "linux")]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use nix::sys::resource::{UsageWho, getrusage};
use serde_json::Value;
use tempfile::TempDir;

/// The most memory any case may take (resident set, bytes).
const MAX_RSS: u64 = 512 * 1024 * 1024;
/// The longest any case may run.
const MAX_TIME: Duration = Duration::from_secs(5);
/// The passphrase the encrypted bundle cases were written with.
const PASSPHRASE: &str = "correct horse battery staple";

/// One case of a manifest.
struct Case {
    file: PathBuf,
    kind: String,
    refused: bool,
    message: String,
    /// What `import` says instead, where it reads the file as a bundle first.
    import_message: Option<String>,
}

/// How one run of the binary ended.
struct Run {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    max_rss: u64,
    elapsed: Duration,
}

impl Run {
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
}

fn corpus() -> PathBuf {
    ironbridge_tests::fixtures().join("hostile")
}

fn demo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo/assessment.json")
}

fn cases(manifest: &str) -> Vec<Case> {
    let path = corpus().join(manifest);
    let text = std::fs::read_to_string(&path).expect("the manifest");
    let list: Vec<Value> = serde_json::from_str(&text).expect("the manifest is JSON");
    list.iter()
        .map(|case| {
            let field = |name: &str| case[name].as_str().expect("a text field").to_owned();
            Case {
                file: corpus().join(field("file")),
                kind: field("kind"),
                refused: field("expect") == "refused",
                message: field("message"),
                import_message: case["import_message"].as_str().map(str::to_owned),
            }
        })
        .collect()
}

/// A sandbox: a home and data folder of its own and a database holding the demo.
struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let sandbox = Sandbox {
            dir: tempfile::tempdir().expect("a temporary folder"),
        };
        let init = sandbox.run(["db", "init"].map(Into::into).to_vec());
        assert!(init.status.success(), "db init: {}", init.stderr());
        let import = sandbox.run(vec!["import".into(), demo().into_os_string()]);
        assert!(import.status.success(), "import demo: {}", import.stderr());
        sandbox
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("ironbridge.db")
    }

    /// The database's bytes (the file and any write-ahead log), to compare.
    fn db_bytes(&self) -> Vec<u8> {
        let mut bytes = std::fs::read(self.db()).expect("the database file");
        if let Ok(wal) = std::fs::read(self.dir.path().join("ironbridge.db-wal")) {
            bytes.extend(wal);
        }
        bytes
    }

    fn command(&self, args: &[std::ffi::OsString]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ironbridge"));
        command
            .arg("--db")
            .arg(self.db())
            .args(args)
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("IRONBRIDGE_PASSPHRASE", PASSPHRASE)
            .env("SOURCE_DATE_EPOCH", "1764000000")
            .env_remove("IRONBRIDGE_DB")
            .env_remove("IRONBRIDGE_AUDIT_KEY_FILE")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command
    }

    fn run(&self, args: Vec<std::ffi::OsString>) -> Run {
        run_measured(self.command(&args))
    }
}

/// Runs `command`, collecting its output, its peak memory and its time; a
/// run past [`MAX_TIME`] is killed and fails the test.
///
/// Peak memory is `ru_maxrss` of the waited-for children: the largest of
/// them all, so a figure under the limit after each run bounds every run
/// (each test runs in a process of its own under nextest).
fn run_measured(mut command: Command) -> Run {
    let started = Instant::now();
    let mut child = command.spawn().expect("the binary starts");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).expect("the child's output");
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr")));
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child's status") {
            break status;
        }
        if started.elapsed() > MAX_TIME {
            child.kill().expect("kill the child");
            child.wait().expect("the killed child");
            panic!("{command:?} ran longer than {MAX_TIME:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = started.elapsed();
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).expect("getrusage");
    Run {
        status,
        stdout: stdout.join().expect("stdout"),
        stderr: stderr.join().expect("stderr"),
        // ru_maxrss is in kilobytes on Linux.
        max_rss: u64::try_from(usage.max_rss()).expect("a size") * 1024,
        elapsed,
    }
}

/// The command lines that read a file of `kind`, with `file` in place.
fn commands(kind: &str, file: &Path, out: &Path) -> Vec<Vec<std::ffi::OsString>> {
    let file = file.as_os_str().to_owned();
    let demo = demo().into_os_string();
    let pdf = out.join("out.pdf").into_os_string();
    let line = |parts: &[&std::ffi::OsStr]| parts.iter().map(|p| p.to_os_string()).collect();
    let s = |text: &'static str| std::ffi::OsStr::new(text);
    match kind {
        "assessment" => vec![
            line(&[s("score"), &file]),
            line(&[s("score"), s("--json"), &file]),
            line(&[s("exposure"), &file]),
            line(&[s("exposure"), s("--json"), &file]),
            line(&[s("dependencies"), &file]),
            line(&[s("report"), &file, s("--output"), &pdf]),
            line(&[s("import"), &file]),
        ],
        "bundle" => vec![line(&[s("import"), &file])],
        "assumptions" => vec![line(&[s("exposure"), &demo, s("--assumptions"), &file])],
        "bank" => vec![
            line(&[s("validate-bank"), &file]),
            line(&[s("--bank"), &file, s("score"), &demo]),
        ],
        "brand" => vec![line(&[s("demo"), s("--pdf"), &pdf, s("--brand"), &file])],
        other => panic!("unknown kind of case {other}"),
    }
}

/// Bytes a terminal would act on: ESC, BEL and the other C0 controls but tab
/// and newline, DEL, and the C1 controls (CSI and the rest, UTF-8 encoded).
fn control_bytes(output: &[u8]) -> Option<usize> {
    if let Some(at) = output
        .windows(2)
        .position(|pair| pair[0] == 0xc2 && (0x80..=0x9f).contains(&pair[1]))
    {
        return Some(at);
    }
    output
        .iter()
        .position(|&b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f)
}

/// Runs one case through every command that reads its kind of file.
fn check_case(sandbox: &Sandbox, case: &Case, failures: &mut Vec<String>) {
    let out = tempfile::tempdir().expect("an output folder");
    for args in commands(&case.kind, &case.file, out.path()) {
        let before = sandbox.db_bytes();
        let run = sandbox.run(args.clone());
        let what = format!("{} ({:?})", case.file.display(), args);
        let stderr = run.stderr();
        if run.status.code() == Some(101) || stderr.contains("panicked") {
            failures.push(format!("{what}: panicked: {stderr}"));
        }
        if run.status.success() == case.refused {
            failures.push(format!(
                "{what}: expected {}, got exit {:?}: {stderr}",
                if case.refused { "a refusal" } else { "success" },
                run.status.code()
            ));
        }
        let message = match &case.import_message {
            Some(message) if args.first().is_some_and(|a| a == "import") => message,
            _ => &case.message,
        };
        if case.refused && !stderr.to_lowercase().contains(&message.to_lowercase()) {
            failures.push(format!("{what}: message lacks {message:?}: {stderr}"));
        }
        for (stream, bytes) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            if let Some(at) = control_bytes(bytes) {
                failures.push(format!("{what}: control byte in {stream} at {at}"));
            }
        }
        if run.max_rss > MAX_RSS {
            failures.push(format!("{what}: peak memory {} MB", run.max_rss >> 20));
        }
        if run.elapsed > MAX_TIME {
            failures.push(format!("{what}: took {:?}", run.elapsed));
        }
        if !run.status.success() && sandbox.db_bytes() != before {
            failures.push(format!("{what}: refused, but the database changed"));
        }
    }
}

fn run_manifest(manifest: &str, min_cases: usize) {
    let all = cases(manifest);
    assert!(all.len() >= min_cases, "{manifest} has {} cases", all.len());
    let sandbox = Sandbox::new();
    let mut failures = Vec::new();
    for case in &all {
        check_case(&sandbox, case, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_corpus_file_is_refused_clearly_or_accepted() {
    run_manifest("cases.json", 60);
}

#[test]
fn every_corpus_bundle_is_refused_clearly_or_accepted() {
    run_manifest("bundles.json", 10);
}

/// A case made at run time: refused with `message` by every command of `kind`.
fn refused_at_run_time(kind: &str, file: &Path, message: &str) {
    let sandbox = Sandbox::new();
    let case = Case {
        file: file.to_owned(),
        kind: kind.to_owned(),
        refused: true,
        message: message.to_owned(),
        import_message: None,
    };
    let mut failures = Vec::new();
    check_case(&sandbox, &case, &mut failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn dev_zero_is_refused_at_the_cap() {
    refused_at_run_time("assessment", Path::new("/dev/zero"), "larger than");
    refused_at_run_time("bundle", Path::new("/dev/zero"), "larger than");
    refused_at_run_time("assumptions", Path::new("/dev/zero"), "larger than");
}

#[test]
fn a_pipe_is_refused_at_the_cap_without_reading_it_whole() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let fifo = dir.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let sandbox = Sandbox::new();
    for kind in ["assessment", "bundle"] {
        for args in commands(kind, &fifo, dir.path()) {
            // A writer that offers 300 MB and stops when the reader goes away.
            let writer_path = fifo.clone();
            let writer = std::thread::spawn(move || {
                let mut pipe = std::fs::OpenOptions::new()
                    .write(true)
                    .open(writer_path)
                    .expect("the pipe opens");
                let chunk = vec![b' '; 1 << 20];
                let mut written = 0_usize;
                while written < 300 << 20 && pipe.write_all(&chunk).is_ok() {
                    written += chunk.len();
                }
                written
            });
            let run = sandbox.run(args.clone());
            let written = writer.join().expect("the writer");
            assert!(!run.status.success(), "{args:?} accepted a pipe of spaces");
            assert!(
                run.stderr().contains("larger than"),
                "{args:?}: {}",
                run.stderr()
            );
            assert!(
                written < 300 << 20,
                "{args:?} read the whole pipe ({written} bytes)"
            );
            assert!(run.max_rss < MAX_RSS, "{args:?}: {} MB", run.max_rss >> 20);
        }
    }
}

#[test]
fn folders_missing_files_and_oversized_fields_are_refused() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    refused_at_run_time("assessment", dir.path(), "folder");
    refused_at_run_time(
        "assessment",
        &dir.path().join("missing.json"),
        "cannot read",
    );
    refused_at_run_time("bundle", &dir.path().join("missing.bundle"), "cannot read");

    let mut assessment: Value =
        serde_json::from_str(&std::fs::read_to_string(demo()).expect("the demo")).expect("JSON");
    assessment["answers"][0]["note"] = Value::from("n".repeat(1 << 20));
    let long_note = dir.path().join("note-1mb.json");
    std::fs::write(&long_note, assessment.to_string()).expect("written");
    refused_at_run_time("assessment", &long_note, "note");

    let mut assessment: Value =
        serde_json::from_str(&std::fs::read_to_string(demo()).expect("the demo")).expect("JSON");
    let template = assessment["registers"]["systems"][0].clone();
    let systems: Vec<Value> = (0..20_000)
        .map(|n| {
            let mut system = template.clone();
            system["id"] = Value::from(format!("system-{n}"));
            system
        })
        .collect();
    assessment["registers"]["systems"] = Value::from(systems);
    let many = dir.path().join("systems-20000.json");
    std::fs::write(&many, assessment.to_string()).expect("written");
    refused_at_run_time("assessment", &many, "systems");
}
