//! The audit log against a writer of the database (issue 15, item 3): each
//! test plays someone who can write the database (SQL straight at the file
//! or the server, as the store's own tests cannot) but does not hold the
//! audit key, on SQLite and on PostgreSQL (`IRONBRIDGE_PG_URL`; without it
//! the PostgreSQL cases say they skip).

mod support;

use std::path::PathBuf;

use ironbridge_core::assessment::{AnswerRecord, Status};
use ironbridge_store::{
    AuditEntry, AuditKeyFile, LogProblem, LogVerdict, PgStore, Signatures, SqliteStore, Store,
    entry_hash,
};
use support::{Env, PgEnv, SqliteEnv, actor, demo};

/// What an attacker with write access to the database can do.
trait Attacker: Env {
    /// Runs any statement; rows affected or the database's message.
    async fn exec(&self, sql: String) -> Result<u64, String>;
    /// The same database through a store with the audit key at `key`.
    async fn with_key(&self, key: PathBuf) -> Self::S;
    /// The folder that holds this store's audit key.
    fn key_dir(&self) -> PathBuf;
}

impl Attacker for SqliteEnv {
    async fn exec(&self, sql: String) -> Result<u64, String> {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(self.store.pool())
            .await
            .map(|r| r.rows_affected())
            .map_err(|e| e.to_string())
    }

    async fn with_key(&self, key: PathBuf) -> SqliteStore {
        SqliteStore::open_with_key(self.store.path(), AuditKeyFile::at(key))
            .await
            .expect("the database opens again")
    }

    fn key_dir(&self) -> PathBuf {
        self.dir.path().to_owned()
    }
}

impl Attacker for PgEnv {
    async fn exec(&self, sql: String) -> Result<u64, String> {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(self.store.pool())
            .await
            .map(|r| r.rows_affected())
            .map_err(|e| e.to_string())
    }

    async fn with_key(&self, key: PathBuf) -> PgStore {
        let url = std::env::var("IRONBRIDGE_PG_URL").expect("set, or the test would skip");
        let admin = ironbridge_store::parse_pg_url(&url).expect("parses");
        PgStore::connect_with_key(admin.database(&self.database), AuditKeyFile::at(key))
            .await
            .expect("the database opens again")
    }

    fn key_dir(&self) -> PathBuf {
        self.key_dir.path().to_owned()
    }
}

/// A SQL string literal (or NULL).
fn lit(value: Option<&str>) -> String {
    value.map_or_else(|| "NULL".into(), |v| format!("'{}'", v.replace('\'', "''")))
}

fn id() -> String {
    demo().id.to_string()
}

/// The demo stored, one answer changed twice: four entries.
async fn seeded<E: Attacker>(env: &E) -> Vec<AuditEntry> {
    let ann = actor("Ann");
    let store = env.store();
    store
        .create_assessment(&ann, &demo())
        .await
        .expect("stored");
    let mut record: AnswerRecord = demo().answers[0].clone();
    for note in ["first", "second", "third"] {
        record.note = note.into();
        store
            .save_answer(&ann, &demo().id, &record)
            .await
            .expect("saved");
    }
    let log = store.audit_log(&demo().id).await.expect("log");
    assert_eq!(log.len(), 4);
    let verdict = store.verify_log(&demo().id).await.expect("verifies");
    assert!(verdict.is_intact(), "{verdict:?}");
    log
}

async fn verify<E: Attacker>(env: &E) -> LogVerdict {
    env.store().verify_log(&demo().id).await.expect("verifies")
}

fn insert_sql(verb: &str, entry: &AuditEntry, tail: &str) -> String {
    format!(
        "{verb} audit_log (assessment_id, chain_seq, at, actor, revision, entity, entity_key,
                           old_value, new_value, prev_hash, hash, mac)
         VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}) {tail}",
        lit(Some(&entry.assessment_id)),
        entry.chain_seq,
        lit(Some(&entry.at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string())),
        lit(Some(&entry.actor)),
        entry.revision,
        lit(Some(&entry.entity)),
        lit(Some(&entry.entity_key)),
        lit(entry.old_value.as_deref()),
        lit(entry.new_value.as_deref()),
        lit(Some(&entry.prev_hash)),
        lit(Some(&entry.hash)),
        lit(entry.mac.as_deref()),
    )
}

/// An entry after `last` with its hash recomputed, as the attacker can.
fn forged_after(last: &AuditEntry, new_value: &str, mac: Option<String>) -> AuditEntry {
    let mut entry = AuditEntry {
        chain_seq: last.chain_seq + 1,
        actor: "Mallory".into(),
        entity: "note".into(),
        old_value: None,
        new_value: Some(new_value.into()),
        prev_hash: last.hash.clone(),
        hash: String::new(),
        mac,
        ..last.clone()
    };
    entry.hash = entry_hash(&entry);
    entry
}

/// Points the recorded head at `entry`, as the attacker can (not its signature).
async fn repoint_head<E: Attacker>(env: &E, entry: &AuditEntry) {
    env.exec(format!(
        "UPDATE assessments SET audit_seq = {}, audit_head = {} WHERE id = {}",
        entry.chain_seq,
        lit(Some(&entry.hash)),
        lit(Some(&id()))
    ))
    .await
    .expect("the head is re-pointed");
}

async fn forged_appended_entry_is_caught<E: Attacker>(env: &E) {
    let log = seeded(env).await;
    let last = log.last().expect("entries");
    // An entry with a made-up signature and one with none, hashes right,
    // the note changed to match and the head re-pointed.
    let forged = forged_after(last, "\"all backups tested\"", Some("ab".repeat(32)));
    env.exec(insert_sql("INSERT INTO", &forged, ""))
        .await
        .expect("appended");
    let unsigned = forged_after(&forged, "\"restores tested weekly\"", None);
    env.exec(insert_sql("INSERT INTO", &unsigned, ""))
        .await
        .expect("appended");
    env.exec(format!(
        "UPDATE notes SET body = 'restores tested weekly' WHERE question = {}",
        lit(Some(demo().answers[0].question.as_str()))
    ))
    .await
    .expect("the note is changed to match");
    repoint_head(env, &unsigned).await;
    let verdict = verify(env).await;
    // Nor does the next save sign on top of the forgery.
    let mut record = demo().answers[0].clone();
    record.note = "a real change".into();
    let err = env
        .store()
        .save_answer(&actor("Ann"), &demo().id, &record)
        .await
        .expect_err("the forged head is not extended");
    assert_eq!(err.code(), "store.log_not_signed", "{err}");
    assert_eq!(verify(env).await, verdict, "nothing was written");
    assert!(!verdict.is_intact());
    assert_eq!(
        verdict.problems,
        [
            LogProblem::EntryNotSigned { chain_seq: 6 },
            LogProblem::HeadForged { recorded: 6 },
            LogProblem::EntryForged { chain_seq: 5 },
        ],
        "the chain itself links and the note matches; the signatures give it away"
    );
    assert_eq!(verdict.unsigned, 0);
}

async fn rewound_head_is_caught<E: Attacker>(env: &E) {
    let log = seeded(env).await;
    // The last entry deleted behind the triggers and the head wound back
    // onto the entry before: the chain is a clean prefix.
    let drop = if is_pg::<E>() {
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update"
    } else {
        "DROP TRIGGER audit_log_no_delete"
    };
    env.exec(drop.into()).await.expect("trigger off");
    env.exec(format!(
        "DELETE FROM audit_log WHERE chain_seq = 4 AND assessment_id = {}",
        lit(Some(&id()))
    ))
    .await
    .expect("deleted");
    repoint_head(env, &log[2]).await;
    let verdict = verify(env).await;
    assert!(
        verdict
            .problems
            .contains(&LogProblem::HeadForged { recorded: 3 }),
        "{verdict:?}"
    );
}

fn is_pg<E: Attacker>() -> bool {
    std::any::type_name::<E>().contains("PgEnv")
}

async fn answer_edited_without_an_entry_is_caught<E: Attacker>(env: &E) {
    seeded(env).await;
    let question = demo().answers[1].question.to_string();
    env.exec(format!(
        "UPDATE answers SET response = '{{\"level\":4}}' WHERE question = {}",
        lit(Some(&question))
    ))
    .await
    .expect("edited");
    let verdict = verify(env).await;
    let edited = LogProblem::ChangedOutsideLog {
        revision: 1,
        entity: "answer".into(),
        key: question.clone(),
    };
    assert!(verdict.problems.contains(&edited), "{verdict:?}");
    let message = edited.to_string();
    assert!(message.contains(&question), "{message}");
    assert!(message.contains("changed outside Ironbridge"), "{message}");
    // An answer added for a question the log never set, and the title changed.
    let unanswered = "ZZ-99".to_owned();
    env.exec(format!(
        "INSERT INTO answers (revision_key, question, response, updated_at, updated_by)
         SELECT key, {}, '{{\"level\":5}}', updated_at, 'Mallory' FROM assessment_revisions",
        lit(Some(&unanswered))
    ))
    .await
    .expect("inserted");
    env.exec("UPDATE assessment_revisions SET title = 'Nothing to see'".into())
        .await
        .expect("retitled");
    let problems = verify(env).await.problems;
    for (entity, key) in [("answer", unanswered.as_str()), ("details", "")] {
        let problem = LogProblem::ChangedOutsideLog {
            revision: 1,
            entity: entity.into(),
            key: key.into(),
        };
        assert!(problems.contains(&problem), "{problem:?} in {problems:?}");
    }
}

async fn assumptions_edited_without_an_entry_are_caught<E: Attacker>(env: &E) {
    seeded(env).await;
    let ann = actor("Ann");
    let saved = ironbridge_core::assessment::SavedAssumptions::from_overrides([(
        "fixed_cost_share".to_owned(),
        0.3,
    )]);
    env.store()
        .save_assumptions(&ann, &demo().id, &saved)
        .await
        .expect("saved");
    assert!(verify(env).await.problems.is_empty());
    // A lower fixed-cost share makes the money at risk look smaller.
    env.exec(
        "UPDATE assessment_revisions SET exposure_assumptions = '{\"overrides\":{\"fixed_cost_share\":0.05}}'"
            .into(),
    )
    .await
    .expect("edited");
    let problem = LogProblem::ChangedOutsideLog {
        revision: 1,
        entity: "assumptions".into(),
        key: String::new(),
    };
    let problems = verify(env).await.problems;
    assert!(problems.contains(&problem), "{problems:?}");
    assert!(
        problem
            .to_string()
            .contains("the saved exposure assumptions"),
        "{problem}"
    );
}

async fn deleted_revision_is_caught<E: Attacker>(env: &E) {
    seeded(env).await;
    let ann = actor("Ann");
    let store = env.store();
    store
        .set_status(&ann, &demo().id, Status::Final)
        .await
        .expect("final");
    let mut record = demo().answers[0].clone();
    record.note = "re-opened".into();
    let saved = store
        .save_answer(&ann, &demo().id, &record)
        .await
        .expect("saved");
    assert_eq!(saved.revision, 2);
    assert!(verify(env).await.is_intact());
    // Revision 2 and its rows gone; revision 1 is the latest again.
    for table in [
        "participants",
        "answers",
        "notes",
        "follow_ups",
        "systems",
        "providers",
        "evidence",
    ] {
        env.exec(format!(
            "DELETE FROM {table} WHERE revision_key IN
             (SELECT key FROM assessment_revisions WHERE revision = 2)"
        ))
        .await
        .expect("rows deleted");
    }
    env.exec("DELETE FROM assessment_revisions WHERE revision = 2".into())
        .await
        .expect("revision deleted");
    let verdict = verify(env).await;
    assert!(
        verdict
            .problems
            .contains(&LogProblem::RevisionMissing { revision: 2 }),
        "{verdict:?}"
    );
}

async fn verify_without_the_key_is_not_intact<E: Attacker>(env: &E) {
    seeded(env).await;
    let missing = env.key_dir().join("elsewhere/audit.key");
    let keyless = env.with_key(missing.clone()).await;
    let verdict = keyless.verify_log(&demo().id).await.expect("verifies");
    assert!(!verdict.is_intact(), "{verdict:?}");
    assert_eq!(verdict.problems, [], "the chain and the rows still check");
    assert_eq!(
        verdict.signatures,
        Signatures::NoKey {
            path: missing.clone()
        }
    );
    assert!(
        verdict
            .signatures
            .to_string()
            .starts_with("cannot check the signatures: no key")
    );
    let said = verdict.to_string();
    assert!(
        said.contains("cannot check the signatures: no key"),
        "{said}"
    );
    assert!(!said.contains("changed outside"), "{said}");
    assert!(!missing.exists(), "a check never creates a key");
    // Another key: the log says which key signed it.
    let other = env.key_dir().join("other.key");
    std::fs::write(&other, format!("{}\n", "7".repeat(64))).expect("written");
    let colleague = env.with_key(other).await;
    let verdict = colleague.verify_log(&demo().id).await.expect("verifies");
    assert!(
        matches!(verdict.problems.as_slice(), [LogProblem::OtherKey { .. }]),
        "{verdict:?}"
    );
    // A colleague without the team's key cannot add to the log either.
    let err = colleague
        .set_status(&actor("Bob"), &demo().id, Status::InReview)
        .await
        .expect_err("refused");
    assert_eq!(err.code(), "store.log_not_signed", "{err}");
    assert!(err.to_string().contains("share one key"), "{err}");
}

macro_rules! on_both {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    super::$case(&SqliteEnv::new().await).await;
                }
            )*
        }
        mod postgres {
            use super::*;
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    let Some(env) = PgEnv::new().await else { return };
                    super::$case(&env).await;
                }
            )*
        }
    };
}

on_both!(
    forged_appended_entry_is_caught,
    rewound_head_is_caught,
    answer_edited_without_an_entry_is_caught,
    assumptions_edited_without_an_entry_are_caught,
    deleted_revision_is_caught,
    verify_without_the_key_is_not_intact,
);

/// `INSERT OR REPLACE`, `REPLACE INTO` and an upsert would delete the old
/// entry without the delete trigger: each is refused, by key or by row id.
#[tokio::test]
async fn sqlite_refuses_every_way_of_replacing_an_entry() {
    let env = SqliteEnv::new().await;
    let log = seeded(&env).await;
    let mut altered = log[1].clone();
    altered.new_value = Some("\"nothing to see\"".into());
    altered.hash = entry_hash(&altered);
    for (verb, tail) in [
        ("INSERT OR REPLACE INTO", ""),
        ("REPLACE INTO", ""),
        ("INSERT OR IGNORE INTO", ""),
        (
            "INSERT INTO",
            "ON CONFLICT (assessment_id, chain_seq) DO UPDATE SET new_value = excluded.new_value",
        ),
        (
            "INSERT INTO",
            "ON CONFLICT DO UPDATE SET hash = excluded.hash",
        ),
    ] {
        let sql = insert_sql(verb, &altered, tail);
        let err = env.exec(sql).await.expect_err(verb);
        assert!(err.contains("append-only"), "{verb} {tail}: {err}");
    }
    // The same row id under another entry number.
    let sql = "INSERT OR REPLACE INTO audit_log (seq, assessment_id, chain_seq, at, actor,
             revision, entity, entity_key, old_value, new_value, prev_hash, hash)
         SELECT seq, assessment_id, 99, at, actor, revision, entity, entity_key, old_value,
                new_value, prev_hash, hash FROM audit_log WHERE chain_seq = 2"
        .to_owned();
    let err = env.exec(sql).await.expect_err("by row id");
    assert!(err.contains("append-only"), "{err}");
    assert_eq!(env.store.audit_log(&demo().id).await.expect("log"), log);
    assert!(verify(&env).await.is_intact());
}

/// Past the triggers (dropped: anyone with the file can), a replaced entry
/// with a recomputed hash and a re-pointed head is still caught: the key
/// signed neither.
#[tokio::test]
async fn sqlite_replacement_behind_dropped_triggers_is_caught() {
    let env = SqliteEnv::new().await;
    let log = seeded(&env).await;
    env.exec("DROP TRIGGER audit_log_no_replace".into())
        .await
        .expect("dropped");
    // Rewrite entries 2 to 4 with their hashes and links recomputed.
    let mut previous = log[0].clone();
    for original in &log[1..] {
        let mut entry = original.clone();
        entry.actor = "Mallory".into();
        entry.prev_hash = previous.hash.clone();
        entry.hash = entry_hash(&entry);
        env.exec(insert_sql("INSERT OR REPLACE INTO", &entry, ""))
            .await
            .expect("replaced");
        previous = entry;
    }
    repoint_head(&env, &previous).await;
    let verdict = verify(&env).await;
    assert_eq!(
        verdict.problems,
        [
            LogProblem::HeadForged { recorded: 4 },
            LogProblem::EntryForged { chain_seq: 2 },
            LogProblem::EntryForged { chain_seq: 3 },
            LogProblem::EntryForged { chain_seq: 4 },
        ]
    );
}

/// With foreign keys off, the revision row alone can go.
#[tokio::test]
async fn sqlite_revision_deleted_with_foreign_keys_off_is_caught() {
    let env = SqliteEnv::new().await;
    seeded(&env).await;
    let ann = actor("Ann");
    env.store
        .set_status(&ann, &demo().id, Status::InReview)
        .await
        .expect("in review");
    let mut conn = env.store.pool().acquire().await.expect("a connection");
    sqlx::query("PRAGMA foreign_keys = OFF")
        .execute(&mut *conn)
        .await
        .expect("off");
    sqlx::query("DELETE FROM assessment_revisions WHERE revision = 1")
        .execute(&mut *conn)
        .await
        .expect("deleted");
    sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut *conn)
        .await
        .expect("on");
    drop(conn);
    let problems = verify(&env).await.problems;
    assert!(
        problems.contains(&LogProblem::RevisionMissing { revision: 1 }),
        "{problems:?}"
    );
}

/// On PostgreSQL an upsert fires the update trigger, MERGE too, TRUNCATE
/// has its own, and a plain duplicate breaks the unique key.
#[tokio::test]
async fn postgres_refuses_every_way_of_replacing_an_entry() {
    let Some(env) = PgEnv::new().await else {
        return;
    };
    let log = seeded(&env).await;
    let mut altered = log[1].clone();
    altered.new_value = Some("\"nothing to see\"".into());
    altered.hash = entry_hash(&altered);
    for tail in [
        "ON CONFLICT (assessment_id, chain_seq) DO UPDATE SET new_value = excluded.new_value",
        "ON CONFLICT ON CONSTRAINT audit_log_assessment_id_chain_seq_key DO UPDATE SET hash = excluded.hash",
    ] {
        let err = env
            .exec(insert_sql("INSERT INTO", &altered, tail))
            .await
            .expect_err(tail);
        assert!(err.contains("append-only"), "{tail}: {err}");
    }
    let err = env
        .exec(insert_sql("INSERT INTO", &altered, ""))
        .await
        .expect_err("a duplicate");
    assert!(err.contains("duplicate key"), "{err}");
    let merge = format!(
        "MERGE INTO audit_log t USING (SELECT {} AS id, 2 AS n) s
         ON t.assessment_id = s.id AND t.chain_seq = s.n
         WHEN MATCHED THEN UPDATE SET actor = 'Mallory'",
        lit(Some(&id()))
    );
    let err = env.exec(merge).await.expect_err("merge");
    assert!(err.contains("append-only"), "{err}");
    let merge_delete = format!(
        "MERGE INTO audit_log t USING (SELECT {} AS id) s ON t.assessment_id = s.id
         WHEN MATCHED THEN DELETE",
        lit(Some(&id()))
    );
    let err = env.exec(merge_delete).await.expect_err("merge delete");
    assert!(err.contains("append-only"), "{err}");
    let err = env
        .exec("TRUNCATE audit_log".into())
        .await
        .expect_err("truncate");
    assert!(err.contains("append-only"), "{err}");
    assert_eq!(env.store.audit_log(&demo().id).await.expect("log"), log);
    assert!(verify(&env).await.is_intact());
}

/// A database an older Ironbridge wrote (schema version 1, no signatures):
/// the first open signs each head once, the old entries count as written
/// before signing, new ones are signed; a head unsigned later is not
/// signed again.
#[tokio::test]
async fn a_log_written_before_signing_is_signed_once_on_upgrade() {
    let modern = SqliteEnv::new().await;
    seeded(&modern).await;
    let dir = tempfile::tempdir().expect("temp");
    let old = dir.path().join("old.db");
    copy_into_schema_v1(modern.store.path(), &old, dir.path()).await;

    let key = dir.path().join("audit.key");
    let store = SqliteStore::open_with_key(&old, AuditKeyFile::at(&key))
        .await
        .expect("upgraded");
    assert!(key.exists(), "the upgrade made the key to sign the heads");
    let verdict = store.verify_log(&demo().id).await.expect("verifies");
    assert!(verdict.is_intact(), "{verdict:?}");
    assert_eq!(verdict.unsigned, 4);
    let mut record = demo().answers[0].clone();
    record.note = "after the upgrade".into();
    store
        .save_answer(&actor("Ann"), &demo().id, &record)
        .await
        .expect("saved");
    let log = store.audit_log(&demo().id).await.expect("log");
    assert!(log[4].mac.is_some() && log[3].mac.is_none());
    let verdict = store.verify_log(&demo().id).await.expect("verifies");
    assert!(verdict.is_intact(), "{verdict:?}");
    assert_eq!(verdict.unsigned, 4);

    // Someone removes the head's signature: the next open does not sign it again.
    sqlx::query("UPDATE assessments SET audit_head_mac = NULL")
        .execute(store.pool())
        .await
        .expect("unsigned");
    drop(store);
    let store = SqliteStore::open_with_key(&old, AuditKeyFile::at(&key))
        .await
        .expect("reopens");
    let verdict = store.verify_log(&demo().id).await.expect("verifies");
    assert_eq!(
        verdict.problems,
        [LogProblem::HeadNotSigned { recorded: 5 }]
    );
}

/// Copies every row of the database at `from` into a new file at `to`
/// that has only schema version 1, as an older Ironbridge left it.
async fn copy_into_schema_v1(
    from: &std::path::Path,
    to: &std::path::Path,
    scratch: &std::path::Path,
) {
    let schema_v1 = scratch.join("v1");
    std::fs::create_dir(&schema_v1).expect("folder");
    let first = "20260601000000_create_schema.sql";
    let migrations = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    std::fs::copy(migrations.join(first), schema_v1.join(first)).expect("copied");
    let pool = sqlx::SqlitePool::connect_with(ironbridge_store::sqlite_connect_options(to))
        .await
        .expect("a new file");
    let migrator = sqlx::migrate::Migrator::new(schema_v1.as_path())
        .await
        .expect("schema 1");
    migrator.run(&pool).await.expect("migrated to schema 1");
    let mut statements = vec![format!("ATTACH DATABASE {} AS m", lit(from.to_str()))];
    statements.push("INSERT INTO organisations SELECT * FROM m.organisations".into());
    statements.push(
        "INSERT INTO assessments SELECT id, organisation_id, created_at, audit_baseline,
             audit_seq, audit_head FROM m.assessments"
            .into(),
    );
    // Schema version 1's columns: later versions added some.
    statements.push(
        "INSERT INTO assessment_revisions SELECT key, assessment_id, revision, status, title,
             bank_id, bank_version, mode, assessor_name, assessor_role, assessor_organisation,
             started_on, completed_on, target_profile, target_overrides, sector, employees,
             annual_revenue, currency, operating_days_per_year, annual_operating_profit,
             cash_available, sites, narrative, created_at, updated_at
         FROM m.assessment_revisions"
            .into(),
    );
    for table in [
        "participants",
        "answers",
        "notes",
        "follow_ups",
        "systems",
        "providers",
        "evidence_blobs",
        "evidence",
    ] {
        statements.push(format!("INSERT INTO {table} SELECT * FROM m.{table}"));
    }
    statements.push(
        "INSERT INTO audit_log SELECT seq, assessment_id, chain_seq, at, actor, revision, entity,
             entity_key, old_value, new_value, prev_hash, hash FROM m.audit_log"
            .into(),
    );
    let mut conn = pool.acquire().await.expect("a connection");
    for sql in statements {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut *conn)
            .await
            .expect("copied");
    }
    drop(conn);
    pool.close().await;
}
