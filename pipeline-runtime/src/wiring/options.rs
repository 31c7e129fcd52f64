//! The options of a `pipeline!` block: run-wide ([`Options`], `#![...]`) and per stage
//! ([`StageSpec`], `[...]`).

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::done::Done;
use crate::id::StageName;
use crate::progress::{Progress, ShowProgress};

/// Run-wide options (`#![...]` in the DSL).
#[derive(Default, Debug)]
#[must_use]
pub struct Options {
    pub(super) capacity: Option<usize>,
    pub(super) cancel: Vec<CancelWith>,
    pub(super) timeout: Option<Duration>,
    pub(super) error_capacity: Option<usize>,
    pub(super) without_metrics: bool,
    pub(super) progress: Option<Progress>,
    pub(super) stall_warning: Option<Duration>,
    pub(super) without_fusion: bool,
}

/// Something that can cancel a run from outside: a `tokio_util` [`CancellationToken`] or a
/// [`Done`] (the run becomes its child).
#[derive(Debug)]
pub enum CancelWith {
    /// An external token.
    Token(CancellationToken),
    /// A parent run's signal.
    Done(Done),
}

impl From<CancellationToken> for CancelWith {
    fn from(token: CancellationToken) -> Self {
        CancelWith::Token(token)
    }
}

impl From<&CancellationToken> for CancelWith {
    fn from(token: &CancellationToken) -> Self {
        CancelWith::Token(token.clone())
    }
}

impl From<Done> for CancelWith {
    fn from(done: Done) -> Self {
        CancelWith::Done(done)
    }
}

impl From<&Done> for CancelWith {
    fn from(done: &Done) -> Self {
        CancelWith::Done(done.clone())
    }
}

impl Options {
    /// Default options: capacity [`DEFAULT_CAPACITY`](crate::channel::DEFAULT_CAPACITY), no external cancel, no deadline, an
    /// error stream (if any) of [`DEFAULT_ERROR_CAPACITY`](crate::error_stream::DEFAULT_ERROR_CAPACITY).
    pub fn new() -> Self {
        Self::default()
    }

    /// The output capacity of every stage that does not set its own.
    pub fn capacity(mut self, capacity: usize) -> Self {
        self.capacity = Some(capacity);
        self
    }

    /// Cancels the run with `source` (the run takes a child of it).
    pub fn cancel(mut self, source: impl Into<CancelWith>) -> Self {
        self.cancel.push(source.into());
        self
    }

    /// A deadline for the whole run (more than zero).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many unread errors the error stream keeps (error-channel style).
    pub fn error_capacity(mut self, capacity: usize) -> Self {
        self.error_capacity = Some(capacity);
        self
    }

    /// Shows the run's [`progress`](crate::progress) on stderr (or where `progress` says):
    /// a [`Progress`], how often as a `Duration`, or whether at all as a `bool`.
    pub fn progress(mut self, progress: impl ShowProgress) -> Self {
        self.progress = progress.into_progress();
        self
    }

    /// With the `tracing` feature, warns (a `warn` event, once per stall) when a stage's
    /// worker has held an item in user code, or waited to send, longer than `after` with no
    /// item in or out. Off unless set. It reads the run's metrics, so with `metrics(false)`,
    /// or without the feature, it does nothing; `after` is checked every quarter of itself.
    pub fn stall_warning(mut self, after: Duration) -> Self {
        self.stall_warning = Some(after);
        self
    }

    /// Whether adjacent synchronous single-worker stages share a task (they do by default;
    /// see [`pipeline!`](crate::pipeline)'s "Fusion"). `false` runs every stage in a task of
    /// its own, as `[boundary]` does for one stage: results, errors and metrics are the same
    /// either way.
    pub fn fusion(mut self, on: bool) -> Self {
        self.without_fusion = !on;
        self
    }

    /// Whether the run keeps per-stage [`metrics`](crate::metrics) (it does by default).
    pub fn metrics(mut self, on: bool) -> Self {
        self.without_metrics = !on;
        self
    }
}

/// One stage's options (`[...]` in the DSL) and its name.
#[derive(Debug)]
#[must_use]
pub struct StageSpec {
    pub(super) name: StageName,
    pub(super) workers: Option<usize>,
    pub(super) ordered: bool,
    pub(super) capacity: Option<usize>,
    pub(super) boundary: bool,
}

impl StageSpec {
    /// A stage called `name`.
    pub fn new(name: &str) -> Self {
        Self {
            name: StageName::new(name),
            workers: None,
            ordered: false,
            capacity: None,
            boundary: false,
        }
    }

    /// Runs it as `workers` tasks sharing the input.
    pub fn workers(mut self, workers: usize) -> Self {
        self.workers = Some(workers);
        self
    }

    /// Keeps input order across the workers.
    pub fn ordered(mut self) -> Self {
        self.ordered = true;
        self
    }

    /// Its output capacity. A fusable stage with its own capacity ends its fused group: the
    /// capacity is that of the channel after it.
    pub fn capacity(mut self, capacity: usize) -> Self {
        self.capacity = Some(capacity);
        self
    }

    /// Runs it in a task of its own, never fused with its neighbours (`[boundary]`).
    pub fn boundary(mut self) -> Self {
        self.boundary = true;
        self
    }
}
