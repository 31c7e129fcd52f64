//! What runs around every stage task: its listing, its context, and its failure report.

use std::any::Any;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use tokio::task::futures::TaskLocalFuture;

use pin_project_lite::pin_project;

use crate::context::{self, StageContext};
use crate::{Done, PipelineId, StageName, diagnostics};

/// How a stage task failed.
pub(super) enum Failure<E> {
    Error(E),
    Panic(String),
}

/// Wraps a stage's future: listed from now until dropped, run with its stage context, and a
/// returned error or a panic reported through `fail` the moment it happens.
///
/// A struct rather than an `async` block: an `async` wrapper would hold the stage's future
/// twice (once captured, once being awaited), doubling every stage task's memory.
pub(super) fn run<E, F, R>(
    pipeline: PipelineId,
    done: &Done,
    stage: StageName,
    task: F,
    fail: R,
) -> StageTask<F, R>
where
    E: Send + 'static,
    F: Future<Output = Result<(), E>> + Send + 'static,
    R: FnOnce(Failure<E>) + Send + 'static,
{
    // Registered now, not at first poll: a spawned task that never ran is still alive.
    let registration = diagnostics::register(pipeline, stage.clone());
    let context = StageContext {
        done: done.clone(),
        stage,
        pipeline,
    };
    StageTask {
        _registration: registration,
        fail: Some(fail),
        task: context::scope(context, CatchUnwind { future: task }),
    }
}

pin_project! {
    /// A stage task as spawned; see [`run`].
    pub(super) struct StageTask<F, R> {
        _registration: diagnostics::Registration,
        fail: Option<R>,
        #[pin]
        task: TaskLocalFuture<StageContext, CatchUnwind<F>>,
    }
}

impl<E, F, R> Future for StageTask<F, R>
where
    F: Future<Output = Result<(), E>>,
    R: FnOnce(Failure<E>),
{
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.project();
        let failure = match ready!(this.task.poll(cx)) {
            Ok(Ok(())) => return Poll::Ready(()),
            Ok(Err(error)) => Failure::Error(error),
            Err(payload) => Failure::Panic(panic_message(payload)),
        };
        if let Some(fail) = this.fail.take() {
            fail(failure);
        }
        Poll::Ready(())
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

pin_project! {
    /// Turns a panic while polling `future` into an `Err` with the panic's payload.
    struct CatchUnwind<F> {
        #[pin]
        future: F,
    }
}

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, Box<dyn Any + Send>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let future = self.project().future;
        // The stage's state is discarded after a panic (the task ends), so whatever it held
        // half-updated is never observed: asserting unwind safety is sound here.
        match catch_unwind(AssertUnwindSafe(|| future.poll(cx))) {
            Ok(poll) => poll.map(Ok),
            Err(payload) => Poll::Ready(Err(payload)),
        }
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
            stage,
            |_: Failure<()>| {},
        );
        let wrapped = std::mem::size_of_val(&task);
        assert!(
            wrapped < alone + 256,
            "the task wrapper takes {wrapped} bytes around a {alone}-byte stage"
        );
    }
}
