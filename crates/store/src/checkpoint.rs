//! WAL checkpoints off the save path.
//!
//! By default SQLite checkpoints inside the commit that pushes the write-ahead
//! log past 1000 pages, so one save in a few hundred also copies the log into
//! the database and waits for an extra `fsync`: the tail of the save latency.
//! Our connections run with `wal_autocheckpoint=0` instead, and a background
//! task started with the store checkpoints every [`INTERVAL`] in `PASSIVE`
//! mode, which never waits for a writer and never blocks one. Durability is
//! unchanged: a commit is durable once its log frames are synced, whoever
//! copies them into the database later. When the last connection closes,
//! SQLite checkpoints what is left and removes the log.

use std::time::Duration;

use sqlx::SqlitePool;

/// How often the background task checkpoints the log.
pub const INTERVAL: Duration = Duration::from_secs(1);

/// The running checkpoint task. Dropping it stops the task, which releases
/// its handle on the pool: the store keeps one in an `Arc`, so the task ends
/// with the last clone of the store and the connections can close.
#[derive(Debug)]
pub struct Checkpoints(Option<tokio::task::JoinHandle<()>>);

impl Drop for Checkpoints {
    fn drop(&mut self) {
        if let Some(task) = self.0.take() {
            task.abort();
        }
    }
}

/// Starts the checkpoint task for `pool` on the current tokio runtime (its
/// timer enabled, as `enable_all` does), if there is one; it ends when the
/// pool is closed or the returned [`Checkpoints`] is dropped. Without a
/// runtime (never the case inside `SqliteStore::open`, which is async) the
/// log is still checkpointed when the last connection closes.
pub fn start(pool: &SqlitePool) -> Checkpoints {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return Checkpoints(None);
    };
    let pool = pool.clone();
    Checkpoints(Some(runtime.spawn(async move {
        let mut ticks = tokio::time::interval(INTERVAL);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        // The first tick completes at once; the store has just been opened.
        ticks.tick().await;
        loop {
            ticks.tick().await;
            if pool.is_closed() {
                break;
            }
            // A failed checkpoint (busy reader, closed pool) is retried at the
            // next tick; the log only grows meanwhile, nothing is lost.
            if let Err(e) = passive(&pool).await {
                report_failure(&e);
            }
        }
    })))
}

/// One `PASSIVE` checkpoint: copies what it can without waiting for anyone.
pub async fn passive(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
        .execute(pool)
        .await
        .map(|_| ())
}

/// The store has no logger; a checkpoint that fails is not an error the user
/// can act on, so it is only reported on stderr in debug builds.
fn report_failure(e: &sqlx::Error) {
    if cfg!(debug_assertions) {
        eprintln!("ironbridge-store: background WAL checkpoint failed: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn dropping_the_handle_ends_the_task_and_its_hold_on_the_pool() {
        let pool = SqlitePool::connect("sqlite::memory:")
            .await
            .expect("an in-memory database");
        let checkpoints = start(&pool);
        let task = checkpoints
            .0
            .as_ref()
            .expect("started on this runtime")
            .abort_handle();
        tokio::task::yield_now().await;
        assert!(!task.is_finished(), "the task runs while the store is open");
        drop(checkpoints);
        // Aborted, the task finishes at its next poll, dropping its pool clone.
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while !task.is_finished() {
            assert!(std::time::Instant::now() < deadline, "the task still runs");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}
