//! Benchmark: the latency of saving one answer (a changed note on one
//! question: the row, its audit entry and the chain head, committed durably),
//! on SQLite and, when `IRONBRIDGE_PG_URL` is set, PostgreSQL; beside it a
//! bare SQLite commit of one row with the same pragmas, measured in the same
//! run, as the floor the disk sets.
//!
//! Criterion reports the mean per save; every save is also timed on its own
//! and the p50 and p99 of those latencies are printed at the end (the figures
//! in docs/PERFORMANCE.md).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use ironbridge_core::assessment::{AnswerRecord, Assessment};
use ironbridge_store::{Actor, PgStore, SqliteStore, Store};
use sqlx::sqlite::SqlitePoolOptions;

type Latencies = Arc<Mutex<Vec<(&'static str, Vec<Duration>)>>>;

fn demo() -> Assessment {
    Assessment::from_json(ironbridge_core::embedded::DEMO_ASSESSMENT).expect("the demo reads")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

/// Times `op` once per iteration, keeping every latency under `name`.
fn timed<F, Fut>(
    c: &mut Criterion,
    latencies: &Latencies,
    name: &'static str,
    runtime: &tokio::runtime::Runtime,
    mut op: F,
) where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = ()>,
{
    let mut kept = Vec::new();
    let mut n = 0u64;
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                let start = Instant::now();
                runtime.block_on(op(n));
                let took = start.elapsed();
                kept.push(took);
                total += took;
            }
            total
        })
    });
    latencies
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((name, kept));
}

fn save_answer(c: &mut Criterion) {
    let latencies: Latencies = Arc::default();
    let rt = runtime();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let actor = Actor::new("Bench").expect("named");
    let demo = demo();
    let question = demo.answers[0].question.clone();
    let record = |n: u64| AnswerRecord {
        question: question.clone(),
        response: demo.answers[0].response.clone(),
        note: format!("note {n}"),
        follow_up: false,
    };

    // The peer: one row, committed with the store's pragmas.
    let bare_path = dir.path().join("bare.db");
    let bare = rt.block_on(async {
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(ironbridge_store::sqlite_connect_options(&bare_path))
            .await
            .expect("opens");
        sqlx::query("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)")
            .execute(&pool)
            .await
            .expect("created");
        pool
    });
    timed(c, &latencies, "sqlite_bare_commit", &rt, |n| {
        let bare = bare.clone();
        async move {
            let mut tx = bare.begin_with("BEGIN IMMEDIATE").await.expect("begins");
            sqlx::query("INSERT OR REPLACE INTO t (id, v) VALUES (1, ?1)")
                .bind(format!("note {n}"))
                .execute(&mut *tx)
                .await
                .expect("written");
            tx.commit().await.expect("committed");
        }
    });

    let sqlite = rt.block_on(async {
        let store = SqliteStore::open(&dir.path().join("ironbridge.db"))
            .await
            .expect("opens");
        store
            .create_assessment(&actor, &demo)
            .await
            .expect("stored");
        store
    });
    timed(c, &latencies, "sqlite_save_answer", &rt, |n| {
        let (store, actor, record, id) =
            (sqlite.clone(), actor.clone(), record(n), demo.id.clone());
        async move {
            store
                .save_answer(&actor, &id, &record)
                .await
                .expect("saved");
        }
    });

    match std::env::var("IRONBRIDGE_PG_URL") {
        Ok(url) => {
            let pg = rt.block_on(async {
                let admin = ironbridge_store::parse_pg_url(&url).expect("parses");
                let mut conn = sqlx::ConnectOptions::connect(&admin)
                    .await
                    .expect("connects");
                for sql in [
                    "DROP DATABASE IF EXISTS ironbridge_bench",
                    "CREATE DATABASE ironbridge_bench",
                ] {
                    sqlx::query(sql).execute(&mut conn).await.expect("runs");
                }
                let store = PgStore::connect_with(admin.database("ironbridge_bench"))
                    .await
                    .expect("connects");
                store
                    .create_assessment(&actor, &demo)
                    .await
                    .expect("stored");
                store
            });
            timed(c, &latencies, "postgres_save_answer", &rt, |n| {
                let (store, actor, record, id) =
                    (pg.clone(), actor.clone(), record(n), demo.id.clone());
                async move {
                    store
                        .save_answer(&actor, &id, &record)
                        .await
                        .expect("saved");
                }
            });
        }
        Err(_) => println!("postgres_save_answer: skipped, IRONBRIDGE_PG_URL is not set"),
    }

    println!("\nlatency of one durable save (every iteration, warm-up included)");
    println!(
        "{:<24} {:>8} {:>10} {:>10} {:>10}",
        "benchmark", "n", "p50", "p99", "max"
    );
    let all = latencies.lock().unwrap_or_else(|e| e.into_inner());
    for (name, samples) in all.iter() {
        let mut sorted = samples.clone();
        sorted.sort();
        let pick = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
        if sorted.is_empty() {
            continue;
        }
        println!(
            "{:<24} {:>8} {:>8.2}ms {:>8.2}ms {:>8.2}ms",
            name,
            sorted.len(),
            pick(0.50).as_secs_f64() * 1e3,
            pick(0.99).as_secs_f64() * 1e3,
            pick(1.0).as_secs_f64() * 1e3
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = save_answer
}

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
