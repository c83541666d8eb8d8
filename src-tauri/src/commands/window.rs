//! Commands about the window itself.
//!
//! Invariant: `ui_ready` only logs; it changes nothing and returns nothing, so
//! the UI may call it more than once (a reload) and only the first call counts.

use std::sync::atomic::{AtomicBool, Ordering};

static REPORTED: AtomicBool = AtomicBool::new(false);

/// The UI's first screen is drawn and answers input: logs the time since the
/// app started (`first screen ready after N ms`; `bench/app-start` reads it).
#[tauri::command]
#[specta::specta]
pub fn ui_ready() {
    if !REPORTED.swap(true, Ordering::Relaxed) {
        let ms = crate::started().elapsed().as_secs_f64() * 1000.0;
        tracing::info!("first screen ready after {ms:.0} ms");
    }
}
