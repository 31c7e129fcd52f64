//! Which stage tasks are alive right now, by pipeline and name.
//!
//! Every task a [`Scope`](crate::Scope) spawns is listed here from the moment it is spawned
//! until its future is dropped (finished, failed, panicked or aborted). That makes "no task
//! outlived its pipeline" something a test can assert:
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use gopipe_runtime::{diagnostics, Scope};
//!
//! let scope: Scope<std::convert::Infallible> = Scope::new();
//! let id = scope.id();
//! scope.spawn("idle", async { Ok(()) });
//! assert_eq!(diagnostics::live_tasks_of(id)[0].stage().name(), "idle");
//! scope.join().await.unwrap();
//! assert!(diagnostics::live_tasks_of(id).is_empty());
//! # }
//! ```

use std::collections::BTreeMap;
use std::fmt;

// The registry is bookkeeping, not part of any pipeline protocol: plain std types.
use crate::id::{PipelineId, StageName};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// A task that is alive: spawned and not yet dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveTask {
    pipeline: PipelineId,
    stage: StageName,
}

impl LiveTask {
    /// The pipeline that owns the task.
    pub fn pipeline(&self) -> PipelineId {
        self.pipeline
    }

    /// The stage the task runs (internal tasks have names in parentheses, like `(deadline)`).
    pub fn stage(&self) -> &StageName {
        &self.stage
    }
}

impl fmt::Display for LiveTask {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.pipeline, self.stage)
    }
}

/// Every live task of every pipeline in the process.
pub fn live_tasks() -> Vec<LiveTask> {
    SHARDS
        .iter()
        .flat_map(|shard| lock(shard).values().cloned().collect::<Vec<_>>())
        .collect()
}

/// The live tasks of one pipeline.
pub fn live_tasks_of(pipeline: PipelineId) -> Vec<LiveTask> {
    SHARDS
        .iter()
        .flat_map(|shard| {
            lock(shard)
                .values()
                .filter(|task| task.pipeline == pipeline)
                .cloned()
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Spread over a few locks so that many pipelines spawning at once do not queue on one.
const SHARD_COUNT: usize = 16;
static SHARDS: [Mutex<BTreeMap<u64, LiveTask>>; SHARD_COUNT] =
    [const { Mutex::new(BTreeMap::new()) }; SHARD_COUNT];

/// A task's entry in the list; dropping it (with the task's future) removes the entry.
#[must_use = "the task is listed only while the registration lives"]
pub(crate) struct Registration {
    key: u64,
}

pub(crate) fn register(pipeline: PipelineId, stage: StageName) -> Registration {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let key = NEXT.fetch_add(1, Ordering::Relaxed);
    lock(shard(key)).insert(key, LiveTask { pipeline, stage });
    Registration { key }
}

impl Registration {
    /// The name the task is listed under.
    pub(crate) fn listed(&self) -> StageName {
        lock(shard(self.key))
            .get(&self.key)
            .map(|task| task.stage.clone())
            .unwrap_or_else(|| StageName::new("(a stage task)"))
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        lock(shard(self.key)).remove(&self.key);
    }
}

/// The registry's lock; nothing that can panic runs under it, so poison is ignored.
fn lock(shard: &Mutex<BTreeMap<u64, LiveTask>>) -> MutexGuard<'_, BTreeMap<u64, LiveTask>> {
    shard.lock().unwrap_or_else(PoisonError::into_inner)
}

fn shard(key: u64) -> &'static Mutex<BTreeMap<u64, LiveTask>> {
    &SHARDS[(key % SHARD_COUNT as u64) as usize]
}
