//! The seeded Monte Carlo simulation: the uncertain inputs (days to restore,
//! daily loss at a full stop, one-off response costs) are drawn from their
//! ranges, every draw goes through the same loss model and policy terms as
//! the scenario table, and the draws give percentiles and a loss exceedance
//! curve of gross and uninsured loss.
//!
//! Invariant: the same inputs and seed give the same figures, bit for bit,
//! on every run and platform and whatever the number of threads: the draws
//! are made in blocks of 25,000, block k by the PCG generator seeded from
//! the seed alone and jumped k fixed strides ahead, each drawing the three
//! inputs in a fixed order; the blocks are joined in order; percentiles
//! interpolate linearly between order statistics.

use rand::{RngExt, SeedableRng};
use rand_distr::{Distribution, Gamma, Triangular};
use rand_pcg::Pcg64Mcg;
use serde::Serialize;

use super::ExposureError;
use super::assumptions::{Estimate, Shape};
use super::loss::LossModel;
use super::policy::Terms;

/// The result of the simulation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Simulation {
    /// The seed used.
    pub seed: u64,
    /// The number of simulated incidents.
    pub draws: u32,
    /// Days to restore, as drawn.
    pub days: Estimate,
    /// Daily loss at a full stop, as drawn.
    pub daily_loss: Estimate,
    /// One-off response costs, as drawn.
    pub response_costs: Estimate,
    /// Gross loss.
    pub gross: Percentiles,
    /// Insured recovery.
    pub insured: Percentiles,
    /// Uninsured loss.
    pub uninsured: Percentiles,
    /// Share of draws whose uninsured loss exceeds the cash available, if known.
    pub probability_uninsured_exceeds_cash: Option<f64>,
    /// The loss exceedance curve, from likely to rare.
    pub exceedance: Vec<ExceedancePoint>,
}

/// Summary statistics of a simulated amount.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Percentiles {
    /// Mean.
    pub mean: f64,
    /// Median.
    pub p50: f64,
    /// 90th percentile: exceeded in one incident in ten.
    pub p90: f64,
    /// 99th percentile: exceeded in one incident in a hundred.
    pub p99: f64,
    /// Largest draw.
    pub max: f64,
}

/// One point of the loss exceedance curve.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ExceedancePoint {
    /// Probability that an incident's loss exceeds the amounts, 0–1.
    pub probability: f64,
    /// Gross loss exceeded with that probability.
    pub gross: f64,
    /// Uninsured loss exceeded with that probability.
    pub uninsured: f64,
}

/// The inputs of one simulation run.
#[derive(Clone, Debug)]
pub struct SimulationSetup<'a> {
    /// The loss model.
    pub model: &'a LossModel,
    /// The policy terms applied to every draw.
    pub terms: &'a Terms,
    /// Days to restore.
    pub days: Estimate,
    /// Daily loss at a full stop.
    pub daily_loss: Estimate,
    /// One-off response costs.
    pub response_costs: Estimate,
    /// Cash available, for the probability of exceeding it.
    pub cash_available: Option<f64>,
    /// Seed.
    pub seed: u64,
    /// Number of draws.
    pub draws: u32,
}

/// Draws per block. The draws are made in blocks, on whichever threads are
/// free, and joined in block order.
const BLOCK_DRAWS: usize = 25_000;

/// How far apart, in the generator's sequence, two blocks start: far more
/// than a block draws, and not a power of two (the generator's low bits
/// repeat at power-of-two distances, so such streams would be related).
const BLOCK_STRIDE: u128 = 0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835;

/// The draws of one block: gross loss, insured recovery, uninsured loss.
struct Drawn {
    gross: Vec<f64>,
    insured: Vec<f64>,
    uninsured: Vec<f64>,
}

/// Runs the simulation.
pub fn run(setup: &SimulationSetup<'_>) -> Result<Simulation, ExposureError> {
    run_on(setup, crate::parallel::threads())
}

/// [`run`] on up to `threads` threads: the same figures for any number.
pub(crate) fn run_on(
    setup: &SimulationSetup<'_>,
    threads: usize,
) -> Result<Simulation, ExposureError> {
    let samplers = [
        Sampler::new("days_range", setup.days)?,
        Sampler::new("daily_loss_range", setup.daily_loss)?,
        Sampler::new("response_cost_range", setup.response_costs)?,
    ];
    let n = setup.draws.max(1) as usize;
    let blocks: Vec<(u128, usize)> = (0..n)
        .step_by(BLOCK_DRAWS)
        .zip(0u128..)
        .map(|(start, k)| (k, (n - start).min(BLOCK_DRAWS)))
        .collect();
    let drawn = crate::parallel::map(
        &blocks,
        threads,
        || (),
        |(), &(k, len)| draw_block(setup, &samplers, k, len),
    );
    let mut gross = Vec::with_capacity(n);
    let mut insured = Vec::with_capacity(n);
    let mut uninsured = Vec::with_capacity(n);
    for block in drawn {
        gross.extend(block.gross);
        insured.extend(block.insured);
        uninsured.extend(block.uninsured);
    }
    let probability_uninsured_exceeds_cash = setup
        .cash_available
        .map(|cash| uninsured.iter().filter(|u| **u > cash).count() as f64 / n as f64);
    // Gross and uninsured loss need a hundred quantiles each for the curve:
    // sorted once. The insured recovery needs three: selected in place.
    let mut scratch = Vec::new();
    for v in [&mut gross, &mut uninsured] {
        sort_total(v, &mut scratch);
    }
    let insured = summary_unsorted(&mut insured);
    let exceedance = exceedance_probabilities()
        .map(|p| ExceedancePoint {
            probability: p,
            gross: percentile(&gross, 1.0 - p),
            uninsured: percentile(&uninsured, 1.0 - p),
        })
        .collect();
    Ok(Simulation {
        seed: setup.seed,
        draws: setup.draws.max(1),
        days: setup.days,
        daily_loss: setup.daily_loss,
        response_costs: setup.response_costs,
        gross: summary(&gross),
        insured,
        uninsured: summary(&uninsured),
        probability_uninsured_exceeds_cash,
        exceedance,
    })
}

/// Draws block `k` of `len` incidents: the generator seeded from the seed
/// alone, jumped `k` strides ahead (block 0 starts where the seed does),
/// drawing the three inputs of each incident in a fixed order.
fn draw_block(setup: &SimulationSetup<'_>, samplers: &[Sampler; 3], k: u128, len: usize) -> Drawn {
    let mut rng = block_generator(setup.seed, k);
    let mut drawn = Drawn {
        gross: Vec::with_capacity(len),
        insured: Vec::with_capacity(len),
        uninsured: Vec::with_capacity(len),
    };
    let [days, daily, response] = samplers;
    for _ in 0..len {
        let d = days.sample(&mut rng);
        let l = daily.sample(&mut rng);
        let r = response.sample(&mut rng);
        let outcome = setup.model.evaluate(d, l, r, setup.terms);
        drawn.gross.push(outcome.gross_loss);
        drawn.insured.push(outcome.recovery.insured);
        drawn.uninsured.push(outcome.uninsured_loss);
    }
    drawn
}

/// The generator of block `k`: the seed's own, jumped `k` strides ahead.
fn block_generator(seed: u64, k: u128) -> Pcg64Mcg {
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    rng.advance(k.wrapping_mul(BLOCK_STRIDE));
    rng
}

/// The exceedance probabilities of the curve: 0.99 to 0.01 in steps of 0.01, then 0.005, 0.002, 0.001.
fn exceedance_probabilities() -> impl Iterator<Item = f64> {
    (1..=99)
        .rev()
        .map(|k| f64::from(k) / 100.0)
        .chain([0.005, 0.002, 0.001])
}

/// The `q` quantile (0–1) of sorted values, interpolating linearly between order statistics.
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => 0.0,
        1 => sorted[0],
        n => {
            let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
            let lo = h.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
        }
    }
}

/// Sorts in the order of [`f64::total_cmp`] with a least-significant-digit
/// radix sort of the values' bits (sign bit flipped for positives, every bit
/// for negatives: the very order `total_cmp` defines), so the sorted values
/// are bit for bit those of `sort_unstable_by(f64::total_cmp)`, several
/// times faster for 100,000 draws. Digits are 11 bits (six passes); a pass
/// where every key has the same digit (the sign and exponent bits of amounts
/// of one magnitude) is skipped. `scratch` is reused between calls.
fn sort_total(values: &mut [f64], scratch: &mut Vec<u64>) {
    const SMALL: usize = 512;
    const BITS: usize = 11;
    const BUCKETS: usize = 1 << BITS;
    const PASSES: usize = 64_usize.div_ceil(BITS);
    let n = values.len();
    if n < SMALL {
        values.sort_unstable_by(f64::total_cmp);
        return;
    }
    let digit = |k: u64, pass: usize| ((k >> (BITS * pass)) as usize) & (BUCKETS - 1);
    let mut keys: Vec<u64> = values.iter().map(|v| order_key(*v)).collect();
    scratch.clear();
    scratch.resize(n, 0);
    let mut counts = vec![[0usize; BUCKETS]; PASSES];
    for &k in &keys {
        for (pass, count) in counts.iter_mut().enumerate() {
            count[digit(k, pass)] += 1;
        }
    }
    for (pass, count) in counts.iter_mut().enumerate() {
        if count.contains(&n) {
            continue;
        }
        let mut sum = 0;
        for c in count.iter_mut() {
            let here = *c;
            *c = sum;
            sum += here;
        }
        for &k in &keys {
            let d = digit(k, pass);
            scratch[count[d]] = k;
            count[d] += 1;
        }
        std::mem::swap(&mut keys, scratch);
    }
    for (v, k) in values.iter_mut().zip(&keys) {
        *v = from_order_key(*k);
    }
    *scratch = keys;
}

/// An unsigned key whose order is [`f64::total_cmp`]'s.
fn order_key(value: f64) -> u64 {
    let bits = value.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// The value an [`order_key`] was made from.
fn from_order_key(key: u64) -> f64 {
    f64::from_bits(if key >> 63 == 1 {
        key & !(1 << 63)
    } else {
        !key
    })
}

/// [`summary`] of values in any order, by selection: the same order
/// statistics, without sorting (the mean is summed in draw order).
fn summary_unsorted(values: &mut [f64]) -> Percentiles {
    let Some(max) = values.iter().copied().max_by(f64::total_cmp) else {
        return Percentiles::default();
    };
    Percentiles {
        mean: values.iter().sum::<f64>() / values.len() as f64,
        p50: select_percentile(values, 0.5),
        p90: select_percentile(values, 0.9),
        p99: select_percentile(values, 0.99),
        max,
    }
}

/// [`percentile`] of values in any order: the two order statistics around
/// the quantile found by selection (the values are reordered).
fn select_percentile(values: &mut [f64], q: f64) -> f64 {
    match values.len() {
        0 => 0.0,
        1 => values[0],
        n => {
            let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
            let lo = h.floor() as usize;
            let (_, at, above) = values.select_nth_unstable_by(lo, f64::total_cmp);
            let low = *at;
            let high = above.iter().copied().min_by(f64::total_cmp).unwrap_or(low);
            low + (h - lo as f64) * (high - low)
        }
    }
}

fn summary(sorted: &[f64]) -> Percentiles {
    if sorted.is_empty() {
        return Percentiles::default();
    }
    Percentiles {
        mean: sorted.iter().sum::<f64>() / sorted.len() as f64,
        p50: percentile(sorted, 0.5),
        p90: percentile(sorted, 0.9),
        p99: percentile(sorted, 0.99),
        max: sorted[sorted.len() - 1],
    }
}

/// Draws from an [`Estimate`]. PERT is drawn as low + (high − low) × X / (X + Y)
/// with X ~ Gamma(α), Y ~ Gamma(β), α = 1 + 4 (mode − low) / (high − low) and
/// β = 1 + 4 (high − mode) / (high − low): the beta distribution of PERT, by
/// the two-gamma construction, which is several times faster than a direct
/// beta sampler.
enum Sampler {
    Fixed(f64),
    Pert {
        low: f64,
        width: f64,
        x: Gamma<f64>,
        y: Gamma<f64>,
    },
    Triangular(Triangular<f64>),
    Uniform(f64, f64),
}

impl Sampler {
    fn new(key: &str, e: Estimate) -> Result<Self, ExposureError> {
        let bad = || ExposureError::BadRange {
            key: key.to_owned(),
            low: e.low,
            most_likely: e.most_likely,
            high: e.high,
        };
        if !e.is_valid() {
            return Err(bad());
        }
        if e.high <= e.low {
            return Ok(Sampler::Fixed(e.low));
        }
        Ok(match e.shape {
            Shape::Pert => {
                let width = e.high - e.low;
                let alpha = 1.0 + 4.0 * (e.most_likely - e.low) / width;
                let beta = 1.0 + 4.0 * (e.high - e.most_likely) / width;
                Sampler::Pert {
                    low: e.low,
                    width,
                    x: Gamma::new(alpha, 1.0).map_err(|_| bad())?,
                    y: Gamma::new(beta, 1.0).map_err(|_| bad())?,
                }
            }
            Shape::Triangular => Sampler::Triangular(
                Triangular::new(e.low, e.high, e.most_likely).map_err(|_| bad())?,
            ),
            Shape::Uniform => Sampler::Uniform(e.low, e.high),
        })
    }

    fn sample(&self, rng: &mut Pcg64Mcg) -> f64 {
        match self {
            Sampler::Fixed(v) => *v,
            Sampler::Pert { low, width, x, y } => {
                let a = x.sample(rng);
                let b = y.sample(rng);
                let sum = a + b;
                if sum > 0.0 {
                    low + width * a / sum
                } else {
                    low + width / 2.0
                }
            }
            Sampler::Triangular(d) => d.sample(rng),
            Sampler::Uniform(lo, hi) => lo + (hi - lo) * rng.random::<f64>(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_0_is_the_seeds_own_stream_and_no_two_blocks_share_draws() {
        let mut own = Pcg64Mcg::seed_from_u64(7);
        let mut first = block_generator(7, 0);
        assert!((0..100).all(|_| own.random::<u64>() == first.random::<u64>()));
        let mut seen = std::collections::HashSet::new();
        for k in 0..8 {
            let mut rng = block_generator(7, k);
            for _ in 0..10_000 {
                assert!(seen.insert(rng.random::<u64>()), "block {k} repeats a draw");
            }
        }
    }

    #[test]
    fn the_radix_sort_orders_exactly_as_total_cmp() {
        // Values of every sign and size, zeros of both signs, repeats, and
        // enough of them (3,000) to take the radix path.
        let mut rng = Pcg64Mcg::seed_from_u64(11);
        let mut values: Vec<f64> = (0..3_000)
            .map(|i| match i % 7 {
                0 => 0.0,
                1 => -0.0,
                2 => -rng.random::<f64>() * 1e9,
                3 => 12_345.0,
                _ => rng.random::<f64>() * 10f64.powi(i % 13),
            })
            .collect();
        let mut expected = values.clone();
        expected.sort_unstable_by(f64::total_cmp);
        sort_total(&mut values, &mut Vec::new());
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&values), bits(&expected));
        // Selection gives the same order statistics as the sorted values.
        for q in [0.0, 0.5, 0.9, 0.99, 1.0] {
            let mut shuffled = values.clone();
            shuffled.reverse();
            assert_eq!(
                select_percentile(&mut shuffled, q).to_bits(),
                percentile(&expected, q).to_bits(),
                "q = {q}"
            );
        }
    }
}
