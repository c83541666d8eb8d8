//! Durability across processes on SQLite: a writer killed with SIGKILL at a
//! random moment loses no acknowledged answer and leaves a sound file; two
//! processes writing one file lose nothing and corrupt nothing.
//!
//! The writer is this test binary run again with `CHILD_DB` set: the test
//! `writer_child_process` then saves answers one by one and prints `ACK …`
//! after each save returns; run normally it does nothing.

mod support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use ironbridge_core::QuestionId;
use ironbridge_core::assessment::{AnswerRecord, Response};
use ironbridge_store::{SqliteStore, Store};
use support::{actor, bank, demo};

const CHILD_DB: &str = "IRONBRIDGE_TEST_CHILD_DB";
const CHILD_TAG: &str = "IRONBRIDGE_TEST_CHILD_TAG";
const CHILD_COUNT: &str = "IRONBRIDGE_TEST_CHILD_COUNT";
const CRASH_ROUNDS: u32 = 50;

/// The writer half: saves answers until killed (or `CHILD_COUNT` are saved),
/// printing `ACK <question> <note>` once each save has returned.
#[test]
fn writer_child_process() {
    let Some(db) = std::env::var_os(CHILD_DB) else {
        return;
    };
    let tag = std::env::var(CHILD_TAG).unwrap_or_default();
    let count: usize = std::env::var(CHILD_COUNT)
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(usize::MAX);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let store = SqliteStore::open(Path::new(&db))
            .await
            .expect("the store opens");
        let questions: Vec<QuestionId> = bank().questions().map(|q| q.id.clone()).collect();
        let who = actor(&format!("writer {tag}"));
        for n in 0..count {
            let question = &questions[n % questions.len()];
            let note = format!("{tag}-{n}");
            let record = AnswerRecord {
                question: question.clone(),
                response: Some(Response::Unknown),
                note: note.clone(),
                follow_up: n % 3 == 0,
            };
            store
                .save_answer(&who, &demo().id, &record)
                .await
                .expect("the answer is saved");
            println!("ACK {question} {note}");
        }
    });
}

#[test]
fn killed_writer_loses_no_acknowledged_answer() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("ironbridge.db");
    block_on(async {
        let store = SqliteStore::open(&db).await.expect("opens");
        store
            .create_assessment(&actor("Ann"), &demo())
            .await
            .expect("stored");
        store.pool().close().await;
    });
    let mut rng = Rng::seeded();
    eprintln!("crash rounds: seed {}", rng.0);
    let mut acked: Vec<(String, String)> = Vec::new();
    for round in 0..CRASH_ROUNDS {
        let mut child = spawn_writer(&db, &format!("r{round}"), None);
        let stdout = child.stdout.take().expect("piped");
        let reader = std::thread::spawn(move || acks(stdout));
        // Let it write for a random while, then pull the plug.
        std::thread::sleep(Duration::from_millis(rng.below(250) + 30));
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        let round_acks = reader.join().expect("the reader ran");
        acked.extend(round_acks);
        block_on(check_database(&db, &acked));
    }
    assert!(
        acked.len() > CRASH_ROUNDS as usize,
        "the writers acknowledged only {} answers",
        acked.len()
    );
    eprintln!(
        "{} acknowledged answers over {CRASH_ROUNDS} crashes, all intact",
        acked.len()
    );
}

#[test]
fn two_processes_writing_one_file_lose_nothing() {
    let dir = tempfile::tempdir().expect("temp");
    let db = dir.path().join("ironbridge.db");
    block_on(async {
        let store = SqliteStore::open(&db).await.expect("opens");
        store
            .create_assessment(&actor("Ann"), &demo())
            .await
            .expect("stored");
        store.pool().close().await;
    });
    let started = Instant::now();
    let mut children: Vec<Child> = ["app", "cli"]
        .iter()
        .map(|tag| spawn_writer(&db, tag, Some(150)))
        .collect();
    let readers: Vec<_> = children
        .iter_mut()
        .map(|c| {
            let stdout = c.stdout.take().expect("piped");
            std::thread::spawn(move || acks(stdout))
        })
        .collect();
    for child in &mut children {
        let status = child.wait().expect("reaped");
        assert!(status.success(), "a writer failed: {status}");
    }
    let mut acked = Vec::new();
    for reader in readers {
        let got = reader.join().expect("the reader ran");
        assert_eq!(got.len(), 150, "a writer stopped early");
        acked.extend(got);
    }
    eprintln!("300 answers from two processes in {:?}", started.elapsed());
    block_on(check_database(&db, &acked));
}

/// Reopens the file and checks it: integrity, foreign keys, the audit chain,
/// and every acknowledged answer in the log, the latest of each in place.
async fn check_database(db: &Path, acked: &[(String, String)]) {
    let store = SqliteStore::open(db).await.expect("reopens");
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(store.pool())
        .await
        .expect("integrity_check runs");
    assert_eq!(integrity, "ok");
    let fk_problems = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(store.pool())
        .await
        .expect("foreign_key_check runs");
    assert!(
        fk_problems.is_empty(),
        "{} foreign key problems",
        fk_problems.len()
    );
    let id = demo().id;
    let verdict = store.verify_log(&id).await.expect("verifies");
    assert!(verdict.is_intact(), "{verdict:?}");
    let log = store.audit_log(&id).await.expect("the log reads");
    let logged: std::collections::BTreeSet<(String, String)> = log
        .iter()
        .filter(|e| e.entity == "note")
        .filter_map(|e| {
            let note: String = serde_json::from_str(e.new_value.as_deref()?).ok()?;
            Some((e.entity_key.clone(), note))
        })
        .collect();
    let loaded = store.load(&id, None).await.expect("loads");
    let mut latest: BTreeMap<&str, &str> = BTreeMap::new();
    for (question, note) in acked {
        assert!(
            logged.contains(&(question.clone(), note.clone())),
            "acknowledged {question} {note:?} is not in the log"
        );
        latest.insert(question, note);
    }
    for (question, note) in latest {
        let id = QuestionId::parse(question).expect("an id");
        let now = &loaded.answer(&id).expect("the answer is there").note;
        // A later save may have committed before its ACK was printed.
        assert!(
            now == note || sequence(now) >= sequence(note),
            "{question}: {now:?} is older than the acknowledged {note:?}"
        );
    }
    store.pool().close().await;
}

/// The (writer tag, number) of a note, for ordering saves of one writer.
fn sequence(note: &str) -> (u32, u64) {
    let (tag, n) = note.rsplit_once('-').unwrap_or((note, "0"));
    let round = tag.trim_start_matches('r').parse().unwrap_or(0);
    (round, n.parse().unwrap_or(0))
}

fn spawn_writer(db: &Path, tag: &str, count: Option<usize>) -> Child {
    let mut command = Command::new(std::env::current_exe().expect("the test binary"));
    command
        .args([
            "--exact",
            "writer_child_process",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DB, db)
        .env(CHILD_TAG, tag)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if let Some(count) = count {
        command.env(CHILD_COUNT, count.to_string());
    }
    command.spawn().expect("the writer starts")
}

/// Every `ACK <question> <note>` line a writer printed.
fn acks(stdout: std::process::ChildStdout) -> Vec<(String, String)> {
    BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .filter_map(|line| {
            // libtest may print "test writer_child_process ... " just before the first.
            let rest = &line[line.find("ACK ")? + 4..];
            let (question, note) = rest.split_once(' ')?;
            Some((question.to_owned(), note.to_owned()))
        })
        .collect()
}

fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(future)
}

/// A small xorshift generator, seeded from the clock (the seed is printed).
struct Rng(u64);

impl Rng {
    fn seeded() -> Rng {
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64);
        Rng(nanos | 1)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}
