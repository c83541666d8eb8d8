//! Benchmark: the demo assessment's full report (cover, summary, money at
//! risk, dependencies, ten domains, roadmap, coverage, method, appendix),
//! laid out and written as PDF. The method (scores, narrative, exposure
//! simulation) runs once before measuring: it is `core`'s cost, not the
//! report's. Prints the page count and the PDF size once.
//!
//! With `IRONBRIDGE_BENCH_ITERS=N` the binary just renders N times and
//! exits, for `perf stat` or `time` on a busy machine.

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group};
use ironbridge_core::Bank;
use ironbridge_core::assessment::Assessment;
use ironbridge_core::embedded::DEMO_ASSESSMENT;
use ironbridge_report::Branding;
use ironbridge_report::templates::{ReportData, assessment_report};

/// The allocator the binaries use (`ironbridge`, `ironbridge-app`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn demo(c: &mut Criterion) {
    let bank = Bank::shipped().expect("the shipped bank is valid");
    let assessment = Assessment::from_json(DEMO_ASSESSMENT).expect("the demo reads");
    let data = ReportData::compute(&bank, &assessment);
    let date = Utc
        .timestamp_opt(1_764_000_000, 0)
        .single()
        .unwrap_or_default();
    let doc = assessment_report(&data, Branding::default(), date);
    let laid_out = doc.layout().expect("lays out");
    let pdf = doc.write_pdf(&laid_out).expect("renders");
    println!(
        "demo report: {} pages, {} bytes ({:.1} KB)",
        laid_out.pages.len(),
        pdf.len(),
        pdf.len() as f64 / 1024.0
    );
    c.bench_function("demo_report_build_layout_pdf", |b| {
        b.iter(|| {
            let doc = assessment_report(&data, Branding::default(), date);
            doc.render_pdf().expect("renders")
        })
    });
    c.bench_function("demo_report_layout", |b| {
        b.iter(|| doc.layout().expect("lays out"))
    });
    c.bench_function("demo_report_write_pdf", |b| {
        b.iter(|| doc.write_pdf(&laid_out).expect("renders"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = demo
}

fn main() {
    if let Some(n) = std::env::var("IRONBRIDGE_BENCH_ITERS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        let bank = Bank::shipped().expect("the shipped bank is valid");
        let assessment = Assessment::from_json(DEMO_ASSESSMENT).expect("the demo reads");
        let data = ReportData::compute(&bank, &assessment);
        let date = Utc
            .timestamp_opt(1_764_000_000, 0)
            .single()
            .unwrap_or_default();
        for _ in 0..n {
            let doc = assessment_report(&data, Branding::default(), date);
            std::hint::black_box(doc.render_pdf().expect("renders"));
        }
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
