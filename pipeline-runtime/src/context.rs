//! The context of the stage a task is running: its done signal, its name, its pipeline.
//!
//! Set by [`Scope`](crate::Scope) around every task it spawns, so code deep inside a stage
//! (a nested pipeline, a semaphore acquire, an error report) can find the run it belongs to
//! without threading it through every call.

use crate::{Done, PipelineId, StageName};

/// What a running stage task knows about itself.
#[derive(Clone, Debug)]
pub(crate) struct StageContext {
    pub(crate) done: Done,
    pub(crate) stage: StageName,
    pub(crate) pipeline: PipelineId,
}

tokio::task_local! {
    static CURRENT: StageContext;
}

/// The context of the stage the current task runs, if any.
pub(crate) fn current() -> Option<StageContext> {
    CURRENT.try_with(Clone::clone).ok()
}

/// Runs `future` with `context` as its current stage context.
pub(crate) fn scope<F: Future>(
    context: StageContext,
    future: F,
) -> tokio::task::futures::TaskLocalFuture<StageContext, F> {
    CURRENT.scope(context, future)
}

/// The name of the stage the current task runs, if it runs inside a [`Scope`](crate::Scope).
pub fn current_stage() -> Option<StageName> {
    CURRENT.try_with(|context| context.stage.clone()).ok()
}

/// The pipeline the current task belongs to, if it runs inside a [`Scope`](crate::Scope).
pub fn current_pipeline() -> Option<PipelineId> {
    CURRENT.try_with(|context| context.pipeline).ok()
}
