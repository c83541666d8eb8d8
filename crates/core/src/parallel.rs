//! Independent jobs spread over a few threads, results in input order.
//!
//! Used where work splits into pieces that do not depend on each other
//! (the simulation's blocks of draws; a report's runs of blocks to flow and
//! streams to compress). Each thread takes the next job from a shared
//! counter, so long and short jobs even out; each has its own scratch
//! state (a shaper, say). Invariant: the
//! result is the same as mapping the jobs one by one, in order, whatever
//! the number of threads; only the time differs.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The most threads one job uses (one report, one simulation: more threads
/// buy little and take cores from the rest of the desktop).
const MAX_THREADS: usize = 4;

/// Threads to use: the cores the process may run on, at most [`MAX_THREADS`].
pub fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(MAX_THREADS)
}

/// Maps `job` over `items` on up to `threads` threads (the caller's
/// included), each with its own state from `state`. A panic in a job is
/// passed on to the caller; a thread that cannot be started only means
/// fewer threads.
pub fn map<T, S, R>(
    items: &[T],
    threads: usize,
    state: impl Fn() -> S + Sync,
    job: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        let mut scratch = state();
        return items.iter().map(|item| job(&mut scratch, item)).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut scratch = state();
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else {
                break;
            };
            done.push((index, job(&mut scratch, item)));
        }
        done
    };
    let mut all: Vec<(usize, R)> = std::thread::scope(|scope| {
        // A helper the system refuses to start is no error: the caller's
        // loop takes the jobs it would have taken.
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut all = work();
        for helper in helpers {
            match helper.join() {
                Ok(part) => all.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    all.sort_unstable_by_key(|(index, _)| *index);
    all.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_input_order_whatever_the_thread_count() {
        let items: Vec<u64> = (0..200).collect();
        let one = map(
            &items,
            1,
            || 0u64,
            |count, x| {
                *count += 1;
                x * x
            },
        );
        for threads in [2, 3, 8] {
            let many = map(&items, threads, || 0u64, |_, x| x * x);
            assert_eq!(many, one, "{threads} threads");
        }
        assert_eq!(one[13], 169);
    }

    #[test]
    fn state_lives_for_a_thread_not_for_a_job() {
        // Each job reports how many jobs its state has seen.
        let items = vec![(); 64];
        let count = |seen: &mut usize, (): &()| {
            *seen += 1;
            *seen
        };
        let one = map(&items, 1, || 0usize, count);
        assert_eq!(one, (1..=64).collect::<Vec<_>>());
        let four = map(&items, 4, || 0usize, count);
        let fresh = four.iter().filter(|&&c| c == 1).count();
        assert!((1..=4).contains(&fresh), "{fresh} states for 4 threads");
    }

    #[test]
    fn no_items_no_results() {
        let none: Vec<u8> = Vec::new();
        assert!(map(&none, 4, || (), |(), x| *x).is_empty());
    }

    #[test]
    #[should_panic(expected = "job 7 failed")]
    fn a_panicking_job_panics_the_caller() {
        let items: Vec<u32> = (0..16).collect();
        let _ = map(
            &items,
            2,
            || (),
            |(), &x| {
                assert_ne!(x, 7, "job 7 failed");
                x
            },
        );
    }
}
