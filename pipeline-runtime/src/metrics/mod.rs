//! Per-stage metrics of a running pipeline: items in and out, errors, where each worker's
//! time goes (busy, starved, blocked, paused, throttled), the fill of each input queue, and
//! from those, which stage is the bottleneck.
//!
//! Every run keeps them (unless its block says `#![metrics = false]`); [`metrics`] on the
//! run, its handle or a clone of its controls gives a [`Metrics`] handle, whose
//! [`snapshot`](Metrics::snapshot) reads them at any moment, during the run and after it.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use gopipe_runtime::pipeline;
//!
//! let run = pipeline! {
//!     from_iter(1..=100u64) -> map(|n| n * n) [name = "square"] -> fold(0, |a, n| a + n)
//! };
//! let metrics = run.metrics(); // a handle that outlives the run
//! assert_eq!(run.await.unwrap(), 338_350);
//! let snapshot = metrics.snapshot();
//! let square = snapshot.stage("square").unwrap().total();
//! assert_eq!((square.items_in, square.items_out), (100, 100));
//! println!("{snapshot}"); // a table, one row per stage
//! println!("{}", snapshot.bottleneck()); // which stage limits the run, and why
//! # }
//! ```
//!
//! Guarantees:
//! - **Nearly free**: counts are relaxed stores to each worker's own counters, and the clock
//!   is read only when a stage task starts or stops waiting, never per item while items are
//!   in hand (BENCHMARKS.md gives the overhead).
//! - **Exact counts** once the run is over: every item a stage took, sent and failed.
//! - **Every moment counted once**: a worker's busy, starved, blocked, paused and throttled
//!   times add up to its life so far.
//!
//! [`metrics`]: crate::RunControl::metrics

mod bottleneck;
mod gauge;
mod registry;
mod sampler;
mod snapshot;

use std::fmt;

pub use bottleneck::{Bottleneck, Limiting, Position};
pub(crate) use gauge::{Activity, Gauge, Timed, marked, waiting_on};
pub(crate) use registry::{QueueProbe, Registry, Tap, fused_link};
pub(crate) use sampler::Sampler;
pub use snapshot::{QueueFill, Snapshot, StageStats, WorkerStats};

use crate::sync::Arc;

/// A handle on one run's metrics, from [`RunControl::metrics`](crate::RunControl::metrics):
/// cheap to clone, it can be read from another task and outlives the run. `Display` renders
/// a [`snapshot`](Self::snapshot) of now.
#[derive(Clone)]
pub struct Metrics {
    registry: Arc<Registry>,
}

impl Metrics {
    pub(crate) fn new(registry: Arc<Registry>) -> Self {
        Self { registry }
    }

    /// Every stage's numbers now (empty when the run's metrics are off).
    pub fn snapshot(&self) -> Snapshot {
        self.registry.snapshot()
    }

    /// Whether the run counts anything: `false` with `#![metrics = false]`.
    pub fn is_enabled(&self) -> bool {
        self.registry.is_enabled()
    }
}

impl fmt::Debug for Metrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Metrics")
            .field("enabled", &self.registry.is_enabled())
            .finish_non_exhaustive()
    }
}

impl fmt::Display for Metrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.snapshot().fmt(f)
    }
}
