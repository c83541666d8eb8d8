//! Benchmark: what the desktop app does on the demo assessment in a
//! temporary SQLite store, through the service as the app calls it:
//!
//! - `export_pdf_demo`: the PDF export (load, check, score, the exposure
//!   model with its 100,000-draw simulation under the saved assumptions,
//!   layout, PDF, the durable private write);
//! - `exposure_open_cached`: reopening the exposure screen when nothing
//!   changed (load and compare; the kept result);
//! - `exposure_open_after_change`: opening it after an assumption changed
//!   (the model runs; the save itself is not timed).
//!
//! Criterion's estimates, the median among them, are in
//! `target/criterion/<name>/new/estimates.json`.

use chrono::{TimeZone, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ironbridge_core::assessment::SavedAssumptions;

use ironbridge_service::{Presentation, Service, open_store};

/// The allocator the binaries use (`ironbridge`, `ironbridge-app`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

fn benches(c: &mut Criterion) {
    let runtime = runtime();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite:{}", dir.path().join("ironbridge.db").display());
    let key = dir.path().join("audit.key");
    let service = runtime.block_on(async {
        let opened = open_store(None, Some(&url), Some(&key))
            .await
            .expect("a store in a temporary folder");
        Service::shipped(opened.store).expect("the shipped bank")
    });
    let demo = runtime
        .block_on(service.create_demo())
        .expect("the demo is stored");
    let id = demo.id;
    let date = Utc
        .timestamp_opt(1_764_000_000, 0)
        .single()
        .unwrap_or_default();
    let pdf = dir.path().join("demo.pdf");

    c.bench_function("export_pdf_demo", |b| {
        b.iter(|| {
            runtime
                .block_on(service.export_pdf(&id, Presentation::default(), date, &pdf))
                .expect("exports")
        })
    });

    runtime.block_on(service.exposure(&id)).expect("computes");
    c.bench_function("exposure_open_cached", |b| {
        b.iter(|| runtime.block_on(service.exposure(&id)).expect("kept"))
    });

    let mut seed = 1u64;
    c.bench_function("exposure_open_after_change", |b| {
        b.iter_batched(
            || {
                seed += 1;
                let changed = SavedAssumptions {
                    seed: Some(seed),
                    ..SavedAssumptions::default()
                };
                runtime
                    .block_on(service.save_assumptions(&id, changed))
                    .expect("saved");
            },
            |()| runtime.block_on(service.exposure(&id)).expect("computes"),
            BatchSize::PerIteration,
        )
    });
    println!(
        "the exposure model ran {} times; the rest were kept",
        service.exposure_runs()
    );
    runtime.block_on(service.close()).expect("closes");
}

criterion_group!(group, benches);
criterion_main!(group);
