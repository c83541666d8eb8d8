//! WAL checkpoints off the save path, and the final one when the store closes.
//!
//! By default SQLite checkpoints inside the commit that pushes the write-ahead
//! log past 1000 pages, so one save in a few hundred also copies the log into
//! the database and waits for an extra `fsync`: the tail of the save latency.
//! Our connections run with `wal_autocheckpoint=0` instead, and a background
//! task started with the store checkpoints every [`INTERVAL`] in `PASSIVE`
//! mode, which never waits for a writer and never blocks one. Durability is
//! unchanged: a commit is durable once its log frames are synced, whoever
//! copies them into the database later.
//!
//! SQLite does not copy the log in by itself when a program ends: a process
//! that exits without closing its connections (the CLI's runtime dropped, the
//! app's window closed) leaves every recent change in `ironbridge.db-wal`, and
//! a copy of `ironbridge.db` alone (a backup, a move to another laptop) misses
//! them. So the store is closed explicitly ([`crate::Close`]): the background
//! task stops, a [`truncate`] checkpoint copies the whole log into the
//! database and empties the log, then the connections close.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use sqlx::SqlitePool;

/// How often the background task checkpoints the log.
pub const INTERVAL: Duration = Duration::from_secs(1);

/// The running checkpoint task. Dropping it stops the task, which releases
/// its handle on the pool: the store keeps one in an `Arc`, so the task ends
/// with the last clone of the store and the connections can close.
#[derive(Debug)]
pub struct Checkpoints(Mutex<Option<tokio::task::JoinHandle<()>>>);

impl Checkpoints {
    /// Stops the task (at its next await point); stopping twice is harmless.
    pub fn stop(&self) {
        let task = match self.0.lock() {
            Ok(mut guard) => guard.take(),
            // A panic while holding this lock left the handle as it was.
            Err(poisoned) => poisoned.into_inner().take(),
        };
        if let Some(task) = task {
            task.abort();
        }
    }
}

impl Drop for Checkpoints {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Starts the checkpoint task for `pool` on the current tokio runtime (its
/// timer enabled, as `enable_all` does), if there is one; it ends when the
/// pool is closed or the returned [`Checkpoints`] is stopped or dropped.
/// Without a runtime (never the case inside `SqliteStore::open`, which is
/// async) there is no background task; [`truncate`] on close still runs.
pub fn start(pool: &SqlitePool) -> Checkpoints {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return Checkpoints(Mutex::new(None));
    };
    let pool = pool.clone();
    Checkpoints(Mutex::new(Some(runtime.spawn(async move {
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
    }))))
}

/// One `PASSIVE` checkpoint: copies what it can without waiting for anyone.
pub async fn passive(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
        .execute(pool)
        .await
        .map(|_| ())
}

/// How long [`truncate`] retries while another connection or process is
/// checkpointing (SQLite then answers "busy" at once, without waiting).
pub const TRUNCATE_PATIENCE: Duration = Duration::from_secs(5);

/// One `TRUNCATE` checkpoint: copies the whole log into the database, syncs
/// it and empties the log, so the database file alone holds every commit.
/// Waits (the connection's busy timeout) for writers and readers; retries
/// while another checkpoint runs, for up to [`TRUNCATE_PATIENCE`]. Returns
/// whether the log was emptied: it is not when another process kept reading
/// throughout, and that process's own close copies the rest in.
pub async fn truncate(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
    let deadline = Instant::now() + TRUNCATE_PATIENCE;
    loop {
        // Columns: busy (1 when the checkpoint could not finish), frames in
        // the log, frames copied.
        let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
            .fetch_one(pool)
            .await?;
        if busy == 0 {
            return Ok(true);
        }
        if Instant::now() >= deadline {
            return Ok(false);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
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
            .lock()
            .unwrap()
            .as_ref()
            .expect("started on this runtime")
            .abort_handle();
        tokio::task::yield_now().await;
        assert!(!task.is_finished(), "the task runs while the store is open");
        drop(checkpoints);
        // Aborted, the task finishes at its next poll, dropping its pool clone.
        let deadline = Instant::now() + Duration::from_secs(5);
        while !task.is_finished() {
            assert!(Instant::now() < deadline, "the task still runs");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}
