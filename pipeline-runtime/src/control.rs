//! [`RunControl`]: what can be done to a running pipeline from outside it — cancel, pause,
//! resume, name it for [`diagnostics`](crate::diagnostics), and draw it ([`Graph`]).
//!
//! Written once: a [`Scope`](crate::Scope), a [`Run`](crate::Run) and a
//! [`Handle`](crate::Handle) each dereference to their run's `RunControl`, so `run.cancel()`
//! works on all three. A clone controls the same run from another task, without owning it:
//! dropping the clone does nothing to the run.

use std::sync::OnceLock;

use crate::done::Done;
use crate::graph::{Graph, GraphSpec};
use crate::id::PipelineId;
use crate::metrics::{Metrics, Registry};
use crate::pause::Pause;
use crate::sync::Arc;

/// The controls of one run: [`Scope`](crate::Scope), [`Run`](crate::Run) and
/// [`Handle`](crate::Handle) dereference to it, and a clone controls the same run from
/// another task without owning it (dropping the clone does nothing to the run).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use gopipe_runtime::{PipelineError, RunControl, pipeline};
///
/// let run = pipeline! { from_iter(0u64..) -> drain() }; // endless
/// let control = RunControl::clone(&run); // controls the run from elsewhere
/// tokio::join!(
///     async move { assert!(matches!(run.await, Err(PipelineError::Cancelled))) },
///     async move { control.cancel() },
/// );
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct RunControl {
    pub(crate) id: PipelineId,
    pub(crate) done: Done,
    pub(crate) pause: Pause,
    pub(crate) metrics: Arc<Registry>,
    /// Set once, by the block, before the run is handed to anyone (so every clone has it);
    /// unset for a scope used by hand.
    graph: OnceLock<Graph>,
}

impl RunControl {
    pub(crate) fn new(done: Done) -> Self {
        Self::with_metrics(done, true)
    }

    /// Controls for a run that keeps per-stage metrics, or (`metrics: false`) none.
    pub(crate) fn with_metrics(done: Done, metrics: bool) -> Self {
        Self {
            id: PipelineId::next(),
            done,
            pause: Pause::new(),
            metrics: Arc::new(Registry::new(metrics)),
            graph: OnceLock::new(),
        }
    }

    /// Records the graph of the block this run is (the first description wins).
    pub(crate) fn describe(&self, spec: &'static GraphSpec) {
        let _ = self.graph.set(Graph::new(spec));
    }

    /// Cancels the run: every stage stops promptly, and the run reports
    /// [`PipelineError::Cancelled`](crate::PipelineError::Cancelled) (unless a failure came
    /// first).
    pub fn cancel(&self) {
        self.done.cancel();
    }

    /// Stops stages from taking new items until [`resume`](Self::resume).
    pub fn pause(&self) {
        self.pause.pause();
    }

    /// Lets paused stages go on.
    pub fn resume(&self) {
        self.pause.resume();
    }

    /// Whether the run is paused.
    pub fn is_paused(&self) -> bool {
        self.pause.is_paused()
    }

    /// The run's per-stage metrics: a handle that reads them at any moment, from any task,
    /// during the run and after it (see [`metrics`](crate::metrics)).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use gopipe_runtime::pipeline;
    ///
    /// let run = pipeline! { from_iter(0..10u32) -> filter(|n| n % 2 == 0) -> count() };
    /// let metrics = run.metrics();
    /// assert_eq!(run.await.unwrap(), 5);
    /// let filter = metrics.snapshot().stage("filter#2").unwrap().total();
    /// assert_eq!((filter.items_in, filter.items_out), (10, 5));
    /// # }
    /// ```
    pub fn metrics(&self) -> Metrics {
        Metrics::new(self.metrics.clone())
    }

    /// The run's id, for [`diagnostics`](crate::diagnostics).
    pub fn id(&self) -> PipelineId {
        self.id
    }

    /// The graph of the block this run is: its stages and the edges between them, to look
    /// at or to draw ([`Graph::to_mermaid`], [`Graph::to_dot`]). Empty for a
    /// [`Scope`](crate::Scope) used by hand.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// use gopipe_runtime::pipeline;
    ///
    /// let run = pipeline! { from_iter(0..3u64) -> map(|n| n * 2) [workers = 2] -> count() };
    /// let names: Vec<&str> = run.graph().nodes().map(|node| node.name()).collect();
    /// assert_eq!(names, ["from_iter#1", "map#2", "count#3"]);
    /// assert_eq!(run.await.unwrap(), 3);
    /// # }
    /// ```
    pub fn graph(&self) -> Graph {
        self.graph.get().copied().unwrap_or_default()
    }
}
