//! Benchmark: the home screen's list of 1,000 stored assessments
//! (`Store::list`: id, title, organisation, mode, status, answered questions
//! and the time of the last change, newest first, in one query), on SQLite
//! and, when `IRONBRIDGE_PG_URL` is set, on PostgreSQL in a database of its
//! own. Beside each, in the same run:
//!
//! - `bare_select`: a plain `SELECT` of the same 1,000 revision rows (no
//!   join, no count, no sort): the floor the database and the driver set;
//! - `list_then_load_each`: what the app did before, `list` and then `load`
//!   of every assessment to read its mode and count its answers (N+1).
//!
//! The assessments are the demo under 1,000 ids, 100 organisations, both
//! modes, and from none to all of the demo's answers; a tenth were changed
//! after they were stored, so the newest are not the last inserted.
//! Target: `list` under 50 ms.

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group};
use ironbridge_core::AssessmentId;
use ironbridge_core::assessment::{Assessment, Mode};
use ironbridge_store::{Actor, AssessmentSummary, PgStore, SqliteStore, Store};

const N_ASSESSMENTS: usize = 1000;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// The `n`th stored assessment: the demo with its own id, title,
/// organisation, mode and number of answers.
fn assessment(n: usize) -> Assessment {
    let mut a =
        Assessment::from_json(ironbridge_core::embedded::DEMO_ASSESSMENT).expect("the demo reads");
    a.id = AssessmentId::parse(&format!("bench-{n:04}")).expect("a well-formed id");
    a.title = format!("Cyber resilience assessment {n}");
    a.organisation.name = format!("Manufacturer {:02} GmbH", n % 100);
    a.mode = if n.is_multiple_of(3) {
        Mode::SelfAssessment
    } else {
        Mode::Workshop
    };
    let keep = n % (a.answers.len() + 1);
    for record in a.answers.iter_mut().skip(keep) {
        record.response = None;
    }
    a
}

/// Stores the 1,000 assessments (`writers` at once), then changes a tenth
/// of them.
async fn fill<S: Store + Clone + 'static>(store: &S, writers: usize) {
    let actor = Actor::new("Bench").expect("named");
    let mut running = tokio::task::JoinSet::new();
    for w in 0..writers {
        let (store, actor) = (store.clone(), actor.clone());
        running.spawn(async move {
            for n in (w..N_ASSESSMENTS).step_by(writers) {
                store
                    .create_assessment(&actor, &assessment(n))
                    .await
                    .expect("stored");
            }
        });
    }
    while let Some(done) = running.join_next().await {
        done.expect("the writer finishes");
    }
    for n in (0..N_ASSESSMENTS).step_by(10) {
        let mut record = assessment(n).answers[0].clone();
        record.note = format!("revisited {n}");
        store
            .save_answer(&actor, &format!("bench-{n:04}"), &record)
            .await
            .expect("saved");
    }
}

fn check(list: &[AssessmentSummary]) {
    assert_eq!(list.len(), N_ASSESSMENTS);
    assert!(list.windows(2).all(|w| w[0].updated_at >= w[1].updated_at));
}

/// The app's former list: `list`, then each assessment loaded whole.
async fn list_then_load_each<S: Store>(store: &S) -> Vec<(AssessmentId, Mode, usize)> {
    let mut out = Vec::new();
    for line in store.list().await.expect("lists") {
        let a = store.load(&line.id, None).await.expect("loads");
        let answered = a.answers.iter().filter(|r| r.response.is_some()).count();
        out.push((a.id, a.mode, answered));
    }
    out
}

type BareRow = (String, i64, String, String, String);

fn list(c: &mut Criterion) {
    let rt = runtime();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut group = c.benchmark_group("list_1000");

    let sqlite = rt.block_on(async {
        let store = SqliteStore::open(&dir.path().join("ironbridge.db"))
            .await
            .expect("opens");
        fill(&store, 1).await;
        check(&store.list().await.expect("lists"));
        store
    });
    group.bench_function(BenchmarkId::new("sqlite", "list"), |b| {
        b.iter(|| {
            rt.block_on(async {
                let list = sqlite.list().await.expect("lists");
                assert_eq!(list.len(), N_ASSESSMENTS);
                list
            })
        })
    });
    group.bench_function(BenchmarkId::new("sqlite", "bare_select"), |b| {
        b.iter(|| {
            rt.block_on(async {
                let rows: Vec<BareRow> = sqlx::query_as(
                    "SELECT assessment_id, revision, title, mode, updated_at
                 FROM assessment_revisions",
                )
                .fetch_all(sqlite.pool())
                .await
                .expect("selects");
                assert!(rows.len() >= N_ASSESSMENTS);
                rows
            })
        })
    });

    let pg = match std::env::var("IRONBRIDGE_PG_URL") {
        Ok(url) => Some(rt.block_on(async {
            let admin = ironbridge_store::parse_pg_url(&url).expect("parses");
            let database = format!("ironbridge_bench_list_{}", std::process::id());
            let mut conn = sqlx::ConnectOptions::connect(&admin)
                .await
                .expect("connects");
            for sql in [
                format!("DROP DATABASE IF EXISTS {database}"),
                format!("CREATE DATABASE {database}"),
            ] {
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&mut conn)
                    .await
                    .expect("runs");
            }
            let store = PgStore::connect_with(admin.database(&database))
                .await
                .expect("connects");
            fill(&store, 8).await;
            check(&store.list().await.expect("lists"));
            (store, conn, database)
        })),
        Err(_) => {
            println!("list_1000/postgres: skipped, IRONBRIDGE_PG_URL is not set");
            None
        }
    };
    if let Some((store, _, _)) = &pg {
        group.bench_function(BenchmarkId::new("postgres", "list"), |b| {
            b.iter(|| {
                rt.block_on(async {
                    let list = store.list().await.expect("lists");
                    assert_eq!(list.len(), N_ASSESSMENTS);
                    list
                })
            })
        });
        group.bench_function(BenchmarkId::new("postgres", "bare_select"), |b| {
            b.iter(|| {
                rt.block_on(async {
                    let rows: Vec<(String, i64, String, String, chrono::DateTime<chrono::Utc>)> =
                        sqlx::query_as(
                            "SELECT assessment_id, revision, title, mode, updated_at
                         FROM assessment_revisions",
                        )
                        .fetch_all(store.pool())
                        .await
                        .expect("selects");
                    assert!(rows.len() >= N_ASSESSMENTS);
                    rows
                })
            })
        });
    }

    // The N+1 peer takes seconds per iteration: ten samples.
    group.sample_size(10);
    group.bench_function(BenchmarkId::new("sqlite", "list_then_load_each"), |b| {
        b.iter(|| rt.block_on(list_then_load_each(&sqlite)))
    });
    if let Some((store, _, _)) = &pg {
        group.bench_function(BenchmarkId::new("postgres", "list_then_load_each"), |b| {
            b.iter(|| rt.block_on(list_then_load_each(store)))
        });
    }
    group.finish();

    if let Some((store, mut conn, database)) = pg {
        rt.block_on(async {
            store.pool().close().await;
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE {database}")))
                .execute(&mut conn)
                .await
                .expect("the bench database is dropped");
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = list
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
