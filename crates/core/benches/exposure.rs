//! Benchmark of the exposure model: 100,000 simulated incidents through the
//! loss model and the policy terms (`simulate`), and the whole model with the
//! scenario table, provider outages and sensitivity ranking (`model`), on the
//! shipped demo assessment. The target (issue 18) is the whole model, the
//! simulation's 100,000 draws included, in under 16 ms in-process, so the
//! app's screen can recompute as the user types (docs/PERFORMANCE.md,
//! "Exposure model").

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ironbridge_core::assessment::Assessment;
use ironbridge_core::exposure::{self, Assumptions, ExposureInputs};
use ironbridge_core::{Bank, embedded};

fn inputs() -> ExposureInputs {
    let bank = Bank::shipped().expect("the shipped bank is valid");
    let demo = Assessment::from_json(embedded::DEMO_ASSESSMENT).expect("the demo reads");
    ExposureInputs::from_assessment(&bank, &demo)
}

fn bench(c: &mut Criterion) {
    let inputs = inputs();
    let assumptions = Assumptions::default();
    assert_eq!(assumptions.draws, 100_000);
    let mut group = c.benchmark_group("exposure");
    group.sample_size(20);
    group.bench_function("simulate_100k_draws", |b| {
        b.iter(|| exposure::simulate(black_box(&inputs), black_box(&assumptions)))
    });
    group.bench_function("model_with_100k_draws", |b| {
        b.iter(|| exposure::model(black_box(&inputs), black_box(&assumptions)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
