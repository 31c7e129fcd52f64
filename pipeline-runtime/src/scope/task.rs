//! What runs around every stage task: its listing, its context, and its failure report.

use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll};

use pin_project_lite::pin_project;
use tokio::task::futures::TaskLocalFuture;

use super::start::{Opened, StartGate};
use crate::context::{self, StageContext};
use crate::diagnostics;
use crate::done::Done;
use crate::id::{PipelineId, StageName};
use crate::sync::Arc;

/// How a stage task failed.
pub(super) enum Failure<E> {
    Error(TaskError<E>),
    Panic(String),
    /// An argument checked before the run started was out of range (nothing ran).
    InvalidArgument(InvalidArgument),
    /// A recursive stage's backlog passed its `max_pending`.
    TooManyPending {
        limit: usize,
    },
    /// A route's closure picked a branch it does not have.
    RouteOutOfRange {
        index: usize,
        branches: usize,
    },
}

/// What a stage task fails with: its error, and how many attempts its stage made at the item
/// that failed, which the run's error reports (1 unless the stage retries, `[retry = ..]`).
/// A task spawned by hand fails with its plain error, an attempt of 1.
pub(crate) struct TaskError<E> {
    pub(crate) error: E,
    pub(crate) attempts: usize,
}

impl<E> From<E> for TaskError<E> {
    fn from(error: E) -> Self {
        Self { error, attempts: 1 }
    }
}

/// A runtime argument out of range: see [`PipelineError::InvalidArgument`](crate::PipelineError::InvalidArgument).
#[derive(Debug, Clone)]
pub(crate) struct InvalidArgument {
    pub(crate) stage: Option<StageName>,
    pub(crate) argument: &'static str,
    pub(crate) value: String,
    pub(crate) expected: &'static str,
}

impl InvalidArgument {
    /// `argument` of `stage` is 0 where it must be at least 1.
    pub(crate) fn zero(stage: &StageName, argument: &'static str) -> Self {
        Self {
            stage: Some(stage.clone()),
            argument,
            value: "0".to_owned(),
            expected: "at least 1",
        }
    }
}

/// Wraps a stage's future: listed from now until dropped, run with its stage context once
/// `start` (a deferred scope's gate) opens, and a returned error or a panic reported through
/// `fail` the moment it happens, with the stage's name.
///
/// The name is kept once, in the stage context (a fan-out's every worker carries this
/// wrapper, and a second copy pushed its task over tokio's next 128-byte cell size). A panic
/// while the stage is dropped unpolled or aborted, once the context is gone with it, is
/// reported under the name the task is listed under.
///
/// A struct rather than an `async` block: an `async` wrapper would hold the stage's future
/// twice (once captured, once being awaited), doubling every stage task's memory.
pub(super) fn run<E, X, F, R>(
    pipeline: PipelineId,
    done: &Done,
    listed: StageName,
    stage: StageName,
    task: F,
    start: Option<Arc<StartGate>>,
    fail: R,
) -> StageTask<F, R, E>
where
    E: Send + 'static,
    X: Into<TaskError<E>>,
    F: Future<Output = Result<(), X>> + Send + 'static,
    R: FnOnce(StageName, Failure<E>) + Send + 'static,
{
    // Registered now, not at first poll: a spawned task that never ran is still alive.
    let registration = diagnostics::register(pipeline, listed);
    let context = StageContext {
        done: done.clone(),
        stage,
        pipeline,
    };
    StageTask {
        registration,
        start,
        fail: Some(fail),
        _error: PhantomData,
        task: Some(context::scope(context, task)),
    }
}

pin_project! {
    /// A stage task as spawned; see [`run`].
    ///
    /// Its future is dropped under a panic guard too: a stage dropped mid-way (aborted
    /// because its scope was dropped) whose state panics on drop still reports the panic
    /// under its own name, rather than leaving it to the runtime.
    pub(super) struct StageTask<F, R, E>
    where
        R: FnOnce(StageName, Failure<E>),
    {
        registration: diagnostics::Registration,
        // The gate it waits at before its stage first runs; `None` once through it.
        start: Option<Arc<StartGate>>,
        fail: Option<R>,
        _error: PhantomData<fn(E)>,
        #[pin]
        task: Option<TaskLocalFuture<StageContext, F>>,
    }

    impl<F, R, E> PinnedDrop for StageTask<F, R, E>
    where
        R: FnOnce(StageName, Failure<E>),
    {
        fn drop(this: Pin<&mut Self>) {
            let this = this.project();
            drop_unfinished(this.task, this.fail, this.registration);
        }
    }
}

impl<E, X, F, R> Future for StageTask<F, R, E>
where
    X: Into<TaskError<E>>,
    F: Future<Output = Result<(), X>>,
    R: FnOnce(StageName, Failure<E>),
{
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut this = self.project();
        if let Some(start) = this.start.as_ref() {
            let opened = std::task::ready!(start.poll_opened(cx));
            *this.start = None;
            if opened == Opened::Skip {
                // Over before it started: the stage goes unpolled, still under the guard.
                drop_unfinished(this.task.as_mut(), this.fail, this.registration);
                return Poll::Ready(());
            }
        }
        let Some(task) = this.task.as_mut().as_pin_mut() else {
            return Poll::Ready(());
        };
        // The whole poll is guarded, not only the stage's own: the task-local wrapper drops
        // the finished stage inside its poll. The stage's state is discarded after a panic
        // (the task ends), so nothing half-updated is observed: asserting unwind safety is
        // sound here.
        let outcome = match catch_unwind(AssertUnwindSafe(|| task.poll(cx))) {
            Ok(Poll::Pending) => return Poll::Pending,
            Ok(Poll::Ready(outcome)) => Ok(outcome),
            Err(payload) => Err(payload),
        };
        // The stage's name, from its context, which goes with it.
        let stage = match this
            .task
            .as_mut()
            .as_pin_mut()
            .and_then(TaskLocalFuture::take_value)
        {
            Some(context) => context.stage,
            None => this.registration.listed(),
        };
        // Dropped here, under the guard too: the stage's state goes with its task.
        let dropped = catch_unwind(AssertUnwindSafe(|| this.task.set(None)));
        let failure = match (outcome, dropped) {
            (Ok(Err(error)), _) => Failure::Error(error.into()),
            (Err(payload), _) | (Ok(Ok(())), Err(payload)) => {
                Failure::Panic(panic_message(payload))
            }
            (Ok(Ok(())), Ok(())) => return Poll::Ready(()),
        };
        if let Some(fail) = this.fail.take() {
            fail(stage, failure);
        }
        Poll::Ready(())
    }
}

/// Drops a stage that did not finish (aborted, or never started) under a panic guard; a panic
/// in its drop is reported under the name its task is listed under, its context gone with it.
fn drop_unfinished<F, R, E>(
    mut task: Pin<&mut Option<TaskLocalFuture<StageContext, F>>>,
    fail: &mut Option<R>,
    registration: &diagnostics::Registration,
) where
    R: FnOnce(StageName, Failure<E>),
{
    if let Err(payload) = catch_unwind(AssertUnwindSafe(|| task.set(None)))
        && let Some(fail) = fail.take()
    {
        fail(
            registration.listed(),
            Failure::Panic(panic_message(payload)),
        );
    }
}

/// The text of a panic payload (`panic!` gives a `&str` or a `String`).
pub(super) fn panic_message(payload: Box<dyn Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(payload) => match payload.downcast::<&'static str>() {
            Ok(message) => (*message).to_owned(),
            Err(_) => "a panic with a non-string payload".to_owned(),
        },
    }
}

#[cfg(all(test, not(pipeline_loom)))]
mod tests {
    use super::*;

    /// A stage future with a large state, like a generated loop over a `StageIo`.
    async fn large_stage() -> Result<(), ()> {
        let state = [7u8; 2048];
        std::future::ready(()).await;
        std::hint::black_box(&state);
        Ok(())
    }

    #[test]
    fn a_stage_task_holds_its_future_once() {
        let stage = large_stage();
        let alone = std::mem::size_of_val(&stage);
        let done = Done::new();
        let task = run(
            PipelineId::next(),
            &done,
            StageName::new("s"),
            StageName::new("s"),
            stage,
            None,
            |_, _: Failure<()>| {},
        );
        let wrapped = std::mem::size_of_val(&task);
        // Every byte of it is in each fan-out worker's task, whose cell tokio sizes in steps
        // of 128 bytes: 80 today; a second copy of the stage's name (24 more) fails this.
        assert!(
            wrapped <= alone + 96,
            "the task wrapper takes {wrapped} bytes around a {alone}-byte stage"
        );
    }
}
