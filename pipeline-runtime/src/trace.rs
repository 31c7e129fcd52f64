//! `tracing` (the `tracing` cargo feature): a span per stage task, events for how a run
//! ends (cancelled with its cause, a stage failed, a stage panicked), and stall warnings.
//! With the feature off, every function here is an empty inline stand-in and nothing of
//! `tracing` is compiled in.
//!
//! - **Spans**: each stage task runs inside `stage{pipeline, stage, worker}` (`worker` only
//!   for a fanned-out stage's workers), so user code's own events inside a stage carry it.
//!   A fused stage ([`crate::fusion`]) shares a task, and enters a span of its own around its
//!   user code ([`StageSpan`]): its events carry its own name, fused or not.
//! - **Events**: `error` when a stage fails (its name and attempts; the run's error type need
//!   not be `Display`) or panics (with the message); `info` when a run ends cancelled, with
//!   its cause (cancelled, deadline, a stage's failure, consumer done).
//! - **Stall warnings** (`#![stall_warning = d]`): a `warn` when a worker has held an item
//!   in user code, or waited to send, longer than `d` without an item in or out; once per
//!   stall. The watcher is the run's own helper task, reading the run's metrics.

use crate::done::Cause;
use crate::id::{PipelineId, StageName};

/// `task`, run inside its stage's span.
#[cfg(feature = "tracing")]
pub(crate) fn instrumented<F>(
    task: F,
    pipeline: PipelineId,
    stage: &StageName,
) -> tracing::instrument::Instrumented<F> {
    use tracing::Instrument;
    let span = tracing::info_span!(
        "stage",
        pipeline = pipeline.get(),
        stage = stage.name(),
        worker = stage.worker_index()
    );
    task.instrument(span)
}

#[cfg(not(feature = "tracing"))]
#[inline]
pub(crate) fn instrumented<F>(task: F, _: PipelineId, _: &StageName) -> F {
    task
}

/// The span of a fused stage, which shares its task with the rest of its group: it is
/// entered around each batch of the stage's user code, so that code's events carry its own
/// stage, not the task's. It has no parent: inside the task's span it replaces it.
#[derive(Clone)]
pub(crate) struct StageSpan {
    #[cfg(feature = "tracing")]
    span: tracing::Span,
}

impl StageSpan {
    #[cfg_attr(not(feature = "tracing"), inline)]
    pub(crate) fn new(pipeline: PipelineId, stage: &StageName) -> Self {
        #[cfg(feature = "tracing")]
        {
            let span = tracing::info_span!(
                parent: None,
                "stage",
                pipeline = pipeline.get(),
                stage = stage.name(),
                worker = stage.worker_index()
            );
            Self { span }
        }
        #[cfg(not(feature = "tracing"))]
        {
            let _ = (pipeline, stage);
            Self {}
        }
    }

    /// `work`, run inside the span.
    #[inline]
    pub(crate) fn in_scope<R>(&self, work: impl FnOnce() -> R) -> R {
        #[cfg(feature = "tracing")]
        return self.span.in_scope(work);
        #[cfg(not(feature = "tracing"))]
        work()
    }
}

/// A stage failed first: its error is the run's.
#[cfg_attr(not(feature = "tracing"), inline)]
pub(crate) fn stage_failed(pipeline: PipelineId, stage: &StageName, what: Failed<'_>) {
    #[cfg(feature = "tracing")]
    match what {
        Failed::Error { attempts } => tracing::error!(
            pipeline = pipeline.get(),
            stage = %stage,
            attempts,
            "stage failed: the run stops"
        ),
        Failed::Panic(message) => tracing::error!(
            pipeline = pipeline.get(),
            stage = %stage,
            panic = message,
            "stage panicked: the run stops"
        ),
        Failed::Other(why) => tracing::error!(
            pipeline = pipeline.get(),
            stage = %stage,
            why,
            "the run stops"
        ),
    }
    #[cfg(not(feature = "tracing"))]
    let _ = (pipeline, stage, what);
}

/// How a stage failed, as its event says it.
#[cfg_attr(not(feature = "tracing"), allow(dead_code))]
pub(crate) enum Failed<'a> {
    Error { attempts: usize },
    Panic(&'a str),
    Other(&'a str),
}

/// A run ended: an event if it was cancelled (not when it finished, or its consumer was done).
#[cfg_attr(not(feature = "tracing"), inline)]
pub(crate) fn run_ended(pipeline: PipelineId, cause: Option<&Cause>) {
    #[cfg(feature = "tracing")]
    if let Some(cause) = cause
        && !matches!(cause, Cause::Completed | Cause::Finished)
    {
        tracing::info!(pipeline = pipeline.get(), cause = %cause, "run cancelled");
    }
    #[cfg(not(feature = "tracing"))]
    let _ = (pipeline, cause);
}

#[cfg(feature = "tracing")]
mod stall;
#[cfg(feature = "tracing")]
pub(crate) use stall::watch;
