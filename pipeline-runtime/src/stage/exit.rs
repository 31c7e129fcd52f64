//! How a stage ends: [`Exit`] from its loop, and [`StageBody`], the adapter that turns the
//! loop into a scope task (a quiet stop is success, a failure is the task's error, with the
//! number of attempts the stage made at the item).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;

use crate::pipeline_error::StageError;
use crate::scope::TaskError;

/// Why a generated stage stops before its input is exhausted.
#[derive(Debug)]
#[doc(hidden)]
pub enum Exit<E> {
    /// The run was cancelled or the consumer left: stop quietly.
    Stop,
    /// The stage failed (fail-fast style), after `attempts` attempts at the item (1 unless it
    /// retries).
    Fail {
        /// The error.
        error: E,
        /// How many times the stage tried the item.
        attempts: usize,
    },
}

impl<E> Exit<E> {
    /// Fails the stage with `error`, keeping its count of attempts.
    pub(crate) fn failed(error: StageError<E>) -> Self {
        let attempts = error.attempts();
        Exit::Fail {
            error: error.into_error(),
            attempts,
        }
    }
}

/// The run was cancelled or the stage's consumer left: what every channel-side operation of
/// a stage gives up with. `?` turns it into [`Exit::Stop`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Stopped;

impl<E> From<Stopped> for Exit<E> {
    fn from(Stopped: Stopped) -> Self {
        Exit::Stop
    }
}

pin_project! {
    /// A generated stage's loop as a scope task: a quiet stop is `Ok`, a failure is the error.
    ///
    /// A struct rather than an `async` block, which would hold the loop's future twice.
    pub(crate) struct StageBody<F> {
        #[pin]
        pub(crate) body: F,
    }
}

impl<E, F: Future<Output = Result<(), Exit<E>>>> Future for StageBody<F> {
    type Output = Result<(), TaskError<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Poll::Ready(match ready!(self.project().body.poll(cx)) {
            Ok(()) | Err(Exit::Stop) => Ok(()),
            Err(Exit::Fail { error, attempts }) => Err(TaskError { error, attempts }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn large_body() -> Result<(), Exit<()>> {
        let state = [7u8; 2048];
        std::future::ready(()).await;
        std::hint::black_box(&state);
        Ok(())
    }

    #[test]
    fn a_stage_body_holds_its_loop_once() {
        let body = large_body();
        let alone = std::mem::size_of_val(&body);
        let wrapped = std::mem::size_of_val(&StageBody { body });
        assert!(
            wrapped < alone + 64,
            "the body wrapper takes {wrapped} bytes around a {alone}-byte loop"
        );
    }
}
