//! What runs around every stage task: its listing, its context, and its failure report.

use std::any::Any;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::{Context, Poll};

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
pub(super) fn run<E, F>(
    pipeline: PipelineId,
    done: &Done,
    stage: StageName,
    task: F,
    fail: impl FnOnce(Failure<E>) + Send + 'static,
) -> impl Future<Output = ()> + Send + 'static
where
    E: Send + 'static,
    F: Future<Output = Result<(), E>> + Send + 'static,
{
    // Registered now, not at first poll: a spawned task that never ran is still alive.
    let registration = diagnostics::register(pipeline, stage.clone());
    let context = StageContext {
        done: done.clone(),
        stage,
        pipeline,
    };
    async move {
        let _registration = registration;
        match context::scope(context, CatchUnwind { future: task }).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => fail(Failure::Error(error)),
            Err(payload) => fail(Failure::Panic(panic_message(payload))),
        }
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
