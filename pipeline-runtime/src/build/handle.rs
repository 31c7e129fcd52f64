//! What a `pipeline!` block evaluates to: a [`Run`] (with a sink) or a [`Handle`] (without).
//!
//! Both own the run's [`Scope`]: dropping them cancels the run and aborts its tasks; awaiting
//! a `Run` (or `Handle::join`) resolves only after every task has exited.
//!
//! In the error-channel style, take the error stream with `errors()` and read it. If it was
//! never taken, the run reads it itself and the first error fails the run: an error is never
//! silently dropped, and an unread error stream never stalls the stages.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use tokio::sync::oneshot;

use super::style::Style;
use crate::channel::Receiver;
use crate::{PipelineError, PipelineId, Scope, StageError};

/// The controls of a running pipeline, the same on [`Run`] and [`Handle`] (both hold the
/// run's `scope` and its unread `errors`).
macro_rules! controls {
    () => {
        /// The error stream (error-channel style only; `None` otherwise or once taken).
        ///
        /// Read it *while* the run goes on (for example with `tokio::join!(run, errors)`): it
        /// is bounded like every channel, so stages that fail wait for their errors to be
        /// read. Left untaken, the run reads it itself and fails on the first error.
        pub fn errors(&mut self) -> Option<Receiver<StageError<E>>> {
            self.errors.take()
        }

        /// Cancels the run: every stage stops promptly, and the run reports
        /// [`PipelineError::Cancelled`] (unless a failure came first).
        pub fn cancel(&self) {
            self.scope.cancel();
        }

        /// Stops stages from taking new items until [`resume`](Self::resume).
        pub fn pause(&self) {
            self.scope.pause();
        }

        /// Lets paused stages go on.
        pub fn resume(&self) {
            self.scope.resume();
        }

        /// Whether the run is paused.
        pub fn is_paused(&self) -> bool {
            self.scope.is_paused()
        }

        /// The run's id, for [`diagnostics`](crate::diagnostics).
        pub fn id(&self) -> PipelineId {
            self.scope.id()
        }
    };
}

/// Errors of the error-channel style that nobody took: they fail the run.
struct UnreadErrors<E> {
    stream: Option<Receiver<StageError<E>>>,
}

impl<E: Send + 'static> UnreadErrors<E> {
    fn take(&mut self) -> Option<Receiver<StageError<E>>> {
        self.stream.take()
    }

    fn poll_drain(&mut self, scope: &Scope<E>, cx: &mut Context<'_>) {
        while let Some(stream) = &mut self.stream {
            match stream.poll_recv(cx) {
                Poll::Ready(Some(error)) => {
                    let (stage, error) = error.into_parts();
                    scope.fail(stage, error);
                }
                Poll::Ready(None) => self.stream = None,
                Poll::Pending => break,
            }
        }
    }
}

/// A running pipeline that ends in a sink: a future of the sink's result.
///
/// Resolves once every task has exited, to the sink's value or the run's error. Dropping it
/// cancels the run.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use pipeline_runtime::{pipeline, PipelineError};
///
/// let run = pipeline! { from_iter(0u64..) -> map(|n| n + 1) -> drain() }; // endless
/// run.cancel();
/// assert!(matches!(run.await, Err(PipelineError::Cancelled)));
/// # }
/// ```
#[must_use = "a pipeline is cancelled when its Run is dropped: await it"]
pub struct Run<R, E: Send + 'static> {
    scope: Scope<E>,
    result: oneshot::Receiver<R>,
    errors: UnreadErrors<E>,
}

impl<R, E: Send + 'static> Run<R, E> {
    pub(crate) fn new(
        scope: Scope<E>,
        result: oneshot::Receiver<R>,
        errors: Option<Receiver<StageError<E>>>,
    ) -> Self {
        Self {
            scope,
            result,
            errors: UnreadErrors { stream: errors },
        }
    }

    controls!();
}

impl<R, E: Send + 'static> Future for Run<R, E> {
    type Output = Result<R, PipelineError<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        this.errors.poll_drain(&this.scope, cx);
        match this.scope.poll_join(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Err(error)) => Poll::Ready(Err(error)),
            // Every task exited cleanly; the sink only stops without a value when the run was
            // cancelled from outside without failing (a parent that finished early).
            Poll::Ready(Ok(())) => {
                Poll::Ready(this.result.try_recv().map_err(|_| PipelineError::Cancelled))
            }
        }
    }
}

impl<R, E: Send + 'static> fmt::Debug for Run<R, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Run")
            .field("id", &self.scope.id())
            .finish_non_exhaustive()
    }
}

/// A running pipeline without a sink: a [`Stream`] of its output.
///
/// In the result style the items are `Result<T, StageError<E>>`. Dropping it cancels the run;
/// [`join`](Handle::join) waits for every task and reports how the run ended.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use pipeline_runtime::pipeline;
///
/// let mut evens = pipeline! { from_iter(0u64..) -> filter(|n| n % 2 == 0) };
/// assert_eq!(evens.recv().await, Some(0));
/// assert_eq!(evens.recv().await, Some(2));
/// evens.join().await.unwrap(); // stops the endless source, waits for every task
/// # }
/// ```
#[must_use = "a pipeline is cancelled when its Handle is dropped"]
pub struct Handle<T: Send + 'static, E: Send + 'static, S: Style> {
    scope: Scope<E>,
    output: Option<Receiver<S::Item<T, E>>>,
    errors: UnreadErrors<E>,
}

impl<T: Send + 'static, E: Send + 'static, S: Style> Handle<T, E, S> {
    pub(crate) fn new(
        scope: Scope<E>,
        output: Receiver<S::Item<T, E>>,
        errors: Option<Receiver<StageError<E>>>,
    ) -> Self {
        Self {
            scope,
            output: Some(output),
            errors: UnreadErrors { stream: errors },
        }
    }

    /// The next output item; `None` once the output is exhausted or the run stopped.
    pub async fn recv(&mut self) -> Option<S::Item<T, E>> {
        std::future::poll_fn(|cx| self.poll_recv(cx)).await
    }

    fn poll_recv(&mut self, cx: &mut Context<'_>) -> Poll<Option<S::Item<T, E>>> {
        self.errors.poll_drain(&self.scope, cx);
        match &mut self.output {
            Some(output) => output.poll_recv(cx),
            None => Poll::Ready(None),
        }
    }

    /// Stops consuming (whatever was not read is dropped, and the stages stop), waits for
    /// every task to exit, and reports how the run ended.
    pub async fn join(mut self) -> Result<(), PipelineError<E>> {
        self.output = None;
        std::future::poll_fn(|cx| {
            self.errors.poll_drain(&self.scope, cx);
            self.scope.poll_join(cx)
        })
        .await
    }

    controls!();
}

impl<T: Send + 'static, E: Send + 'static, S: Style> Unpin for Handle<T, E, S> {}

impl<T: Send + 'static, E: Send + 'static, S: Style> Stream for Handle<T, E, S> {
    type Item = S::Item<T, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_recv(cx)
    }
}

impl<T: Send + 'static, E: Send + 'static, S: Style> fmt::Debug for Handle<T, E, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("id", &self.scope.id())
            .finish_non_exhaustive()
    }
}
