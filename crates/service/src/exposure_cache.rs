//! The exposure of stored assessments, kept while nothing it depends on
//! changes, so that reopening the exposure screen does not run the
//! 100,000-draw simulation again.
//!
//! Invariant: an entry is used only for the same assessment content (every
//! field as loaded from the store: an answer, a register or a saved
//! assumption changed anywhere, by this program or another writing the same
//! database, makes a new one) and the same assumptions; the model is a pure
//! function of those and the bank the assessment names (its id and version
//! are part of the content compared), so a hit returns what a new run would.
//! At most [`CAPACITY`] entries are kept, the most recently used first.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use ironbridge_core::Bank;
use ironbridge_core::assessment::Assessment;
use ironbridge_core::dependencies::{DependencyAnalysis, DependencyConfig};
use ironbridge_core::exposure::{self, Assumptions, Exposure, ExposureError};

use crate::files;

/// How many computed exposures are kept (a few assessments open in turn).
pub const CAPACITY: usize = 8;

/// The money at risk of an assessment under its assumptions (or why it
/// cannot be computed), and the dependency analysis of its registers.
#[derive(Debug)]
pub struct ExposureView {
    /// The money at risk, or why it cannot be computed.
    pub exposure: Result<Exposure, ExposureError>,
    /// The dependency analysis of the registers.
    pub dependencies: DependencyAnalysis,
    /// The assumptions it was computed under.
    pub assumptions: Assumptions,
}

/// Computed exposures by (assessment content, assumptions).
#[derive(Debug, Default)]
pub(crate) struct ExposureCache {
    entries: Mutex<Vec<Entry>>,
    runs: AtomicU64,
}

#[derive(Debug)]
struct Entry {
    assessment: Assessment,
    view: Arc<ExposureView>,
}

impl ExposureCache {
    /// The exposure of `assessment` under `assumptions`: the kept one when
    /// both are unchanged, else computed now (and kept).
    pub fn get(
        &self,
        bank: &Bank,
        assessment: &Assessment,
        assumptions: Assumptions,
    ) -> Arc<ExposureView> {
        if let Some(view) = self.find(assessment, &assumptions) {
            return view;
        }
        // Computed outside the lock: another assessment's lookup does not wait.
        self.runs.fetch_add(1, Ordering::Relaxed);
        let view = Arc::new(ExposureView {
            exposure: exposure::assess(bank, assessment, &assumptions),
            dependencies: files::dependencies(assessment, &DependencyConfig::default()),
            assumptions,
        });
        let mut entries = self.lock();
        entries.retain(|e| e.assessment.id != assessment.id);
        entries.insert(
            0,
            Entry {
                assessment: assessment.clone(),
                view: Arc::clone(&view),
            },
        );
        entries.truncate(CAPACITY);
        view
    }

    /// How many times the model ran (the other requests were answered from
    /// the cache).
    pub fn runs(&self) -> u64 {
        self.runs.load(Ordering::Relaxed)
    }

    fn find(
        &self,
        assessment: &Assessment,
        assumptions: &Assumptions,
    ) -> Option<Arc<ExposureView>> {
        let mut entries = self.lock();
        let at = entries
            .iter()
            .position(|e| &e.view.assumptions == assumptions && &e.assessment == assessment)?;
        let entry = entries.remove(at);
        let view = Arc::clone(&entry.view);
        entries.insert(0, entry);
        Some(view)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Entry>> {
        // A panic while holding the lock leaves a consistent list.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use ironbridge_core::embedded::DEMO_ASSESSMENT;

    use super::*;

    fn small() -> Assumptions {
        Assumptions {
            draws: 2_000,
            ..Assumptions::default()
        }
    }

    #[test]
    fn the_same_content_and_assumptions_are_computed_once() {
        let bank = Bank::shipped().unwrap();
        let demo = Assessment::from_json(DEMO_ASSESSMENT).unwrap();
        let cache = ExposureCache::default();
        let first = cache.get(&bank, &demo, small());
        let again = cache.get(&bank, &demo, small());
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(cache.runs(), 1);

        let mut changed = demo.clone();
        changed.organisation.annual_revenue *= 2.0;
        let other = cache.get(&bank, &changed, small());
        assert_eq!(cache.runs(), 2);
        assert_ne!(
            other.exposure.as_ref().unwrap().basis.daily_loss,
            first.exposure.as_ref().unwrap().basis.daily_loss
        );
        // One entry per assessment: the old content is gone.
        cache.get(&bank, &demo, small());
        assert_eq!(cache.runs(), 3);

        let seeded = Assumptions { seed: 9, ..small() };
        cache.get(&bank, &demo, seeded);
        assert_eq!(cache.runs(), 4);
    }
}
