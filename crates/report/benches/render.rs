//! Benchmark: lay out and write a ~20-page assessment report (cover,
//! charts, eight domain sections, heat map, a long appendix table).
//! Prints the page count and the PDF size once before measuring.
//!
//! On a busy machine wall-clock samples are noisy: with
//! `IRONBRIDGE_BENCH_ITERS=N` the binary just renders N times and exits, for
//! `perf stat` to count CPU time per render.

#[path = "../tests/sample/mod.rs"]
mod sample;

use criterion::{Criterion, criterion_group};

/// The allocator the binaries use (`ironbridge`, `ironbridge-app`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const APPENDIX_ROWS: usize = 160;

fn render(c: &mut Criterion) {
    let doc = sample::report(APPENDIX_ROWS);
    let laid_out = doc.layout().expect("lays out");
    let pdf = doc.write_pdf(&laid_out).expect("renders");
    println!(
        "sample report: {} pages, {} bytes ({:.1} KB)",
        laid_out.pages.len(),
        pdf.len(),
        pdf.len() as f64 / 1024.0
    );
    c.bench_function("layout_20_pages", |b| {
        b.iter(|| doc.layout().expect("lays out"))
    });
    c.bench_function("render_pdf_20_pages", |b| {
        b.iter(|| doc.render_pdf().expect("renders"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = render
}
fn main() {
    if let Some(n) = std::env::var("IRONBRIDGE_BENCH_ITERS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        let doc = sample::report(APPENDIX_ROWS);
        for _ in 0..n {
            std::hint::black_box(doc.render_pdf().expect("renders"));
        }
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
