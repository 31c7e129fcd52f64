//! [`RunControl`]: what can be done to a running pipeline from outside it — cancel, pause,
//! resume, and name it for [`diagnostics`](crate::diagnostics).
//!
//! Written once: a [`Scope`](crate::Scope), a [`Run`](crate::Run) and a
//! [`Handle`](crate::Handle) each dereference to their run's `RunControl`, so `run.cancel()`
//! works on all three. A clone controls the same run from another task, without owning it:
//! dropping the clone does nothing to the run.

use crate::done::Done;
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
        }
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
}
