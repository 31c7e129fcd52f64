//! How a generated stage ends: [`Exit`] for an early stop, [`Elapsed`] and [`Timeout`] for a
//! per-item timeout, and the adapter that turns a stage's loop into a scope task.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use pin_project_lite::pin_project;

/// Why a generated stage stops before its input is exhausted.
#[derive(Debug)]
pub enum Exit<E> {
    /// The run was cancelled or the consumer left: stop quietly.
    Stop,
    /// The stage failed (fail-fast style).
    Fail(E),
}

/// A per-item timeout elapsed. Runs with `timeout = ...` on a stage need their error type to
/// be `From<Elapsed>` (and it is their error type when no stage is fallible).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Elapsed {
    pub(crate) after: Duration,
}

impl Elapsed {
    /// How long the item was given.
    pub fn after(&self) -> Duration {
        self.after
    }
}

impl std::fmt::Display for Elapsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the item took longer than {:?}", self.after)
    }
}

impl std::error::Error for Elapsed {}

/// A stage's per-item timeout, with the conversion of [`Elapsed`] into the run's error type
/// (made by [`Link::item_timeout`](super::Link::item_timeout), where `E: From<Elapsed>` is
/// checked once, at the `timeout = ..` option).
pub struct Timeout<E> {
    pub(crate) after: Duration,
    pub(crate) into_error: fn(Elapsed) -> E,
}

impl<E> Clone for Timeout<E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for Timeout<E> {}

impl<E> std::fmt::Debug for Timeout<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Timeout")
            .field("after", &self.after)
            .finish()
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
    type Output = Result<(), E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), E>> {
        Poll::Ready(match ready!(self.project().body.poll(cx)) {
            Ok(()) | Err(Exit::Stop) => Ok(()),
            Err(Exit::Fail(error)) => Err(error),
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
