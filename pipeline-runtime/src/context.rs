//! The context of the stage a task is running: its done signal, its name, its pipeline.
//!
//! Set by [`Scope`](crate::Scope) around every task it spawns, so code deep inside a stage
//! (a nested pipeline, a semaphore acquire, an error report) can find the run it belongs to
//! without threading it through every call.

use std::cell::RefCell;

use crate::done::Done;
use crate::id::{PipelineId, StageName};

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

thread_local! {
    /// The fused stage whose batch runs on this thread, if any. The stages of a fused group
    /// share one task, and so its context; each names itself here around its batch (which
    /// never awaits, so no other task runs on the thread meanwhile).
    static FUSED_STAGE: RefCell<Option<StageName>> = const { RefCell::new(None) };
}

/// Runs `work` (a fused stage's batch) as stage `name`, for [`current_stage`].
pub(crate) fn as_fused_stage<R>(name: StageName, work: impl FnOnce() -> R) -> R {
    /// Puts back the name of the stage around this one (a fused stage pulls from the one
    /// before it inside its own batch), on every way out.
    struct Restore(Option<StageName>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take();
            FUSED_STAGE.with(|stage| *stage.borrow_mut() = outer);
        }
    }
    let _restore = Restore(FUSED_STAGE.with(|stage| stage.replace(Some(name))));
    work()
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

/// The name of the stage the current code runs in, if it runs inside a
/// [`Scope`](crate::Scope): the task's stage, or in a fused group the fused stage at work.
pub fn current_stage() -> Option<StageName> {
    if let Some(fused) = FUSED_STAGE.with(|stage| stage.borrow().clone()) {
        return Some(fused);
    }
    CURRENT.try_with(|context| context.stage.clone()).ok()
}

/// The pipeline the current task belongs to, if it runs inside a [`Scope`](crate::Scope).
pub fn current_pipeline() -> Option<PipelineId> {
    CURRENT.try_with(|context| context.pipeline).ok()
}

/// The name of the stage the current task runs, or a name that says it runs outside any.
pub(crate) fn current_stage_or_unknown() -> StageName {
    current_stage().unwrap_or_else(|| StageName::new("(outside any stage)"))
}

/// The done signal of the stage the current task runs, if any. A [`Scope`](crate::Scope)
/// created inside a stage becomes a child of it, which is how a pipeline started inside a
/// stage is cancelled with the pipeline around it.
pub(crate) fn current_done() -> Option<Done> {
    current().map(|context| context.done)
}
