//! [`Handle`]: a pipeline without a sink, as a stream of its output.

use std::convert::Infallible;
use std::fmt;
use std::ops::Deref;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use super::{HeldErrors, with_errors};
use crate::channel::Receiver;
use crate::control::RunControl;
use crate::error_stream::{ErrorStream, Ledger};
use crate::pipeline_error::PipelineError;
use crate::scope::Scope;
use crate::stage::{Plain, Style};
use crate::sync::Arc;

/// A pipeline without a sink: a [`Stream`] of its output.
///
/// Eager like [`Run`](super::Run): its stages are running from the moment the block is evaluated, and
/// wait (backpressure) once its output is full. In the result style the items are `Result<T, StageError<E>>`. Dropping it cancels the run;
/// [`join`](Handle::join) waits for every task and reports how the run ended. `Errors` is as
/// on [`Run`](super::Run).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use gopipe_runtime::pipeline;
///
/// let mut evens = pipeline! { from_iter(0u64..) -> filter(|n| n % 2 == 0) };
/// assert_eq!(evens.recv().await, Some(0));
/// assert_eq!(evens.recv().await, Some(2));
/// evens.join().await.unwrap(); // stops the endless source, waits for every task
/// # }
/// ```
#[must_use = "a pipeline is cancelled when its Handle is dropped: read it or join it"]
// The defaults are what a block without errors has: rustc leaves them out of the type it
// shows (`Handle<u64>`, not `Handle<u64, Infallible, Plain>`), e.g. when it is awaited.
pub struct Handle<T, E = Infallible, S: Style = Plain, Errors = ()> {
    scope: Scope<E>,
    output: Option<Receiver<S::Item<T, E>>>,
    errors: Errors,
    ledger: Option<Arc<Ledger<E>>>,
}

impl<T, E, S: Style> Handle<T, E, S, ErrorStream<E>> {
    /// Takes the error stream (error-channel style); see [`Run::split_errors`](super::Run::split_errors).
    pub fn split_errors(self) -> (Handle<T, E, S>, ErrorStream<E>) {
        let Handle {
            scope,
            output,
            errors,
            ledger,
        } = self;
        let handle = Handle {
            scope,
            output,
            errors: (),
            ledger,
        };
        (handle, errors)
    }
}

impl<T, E: Send + 'static, S: Style, Errors> Handle<T, E, S, Errors> {
    pub(crate) fn new(
        scope: Scope<E>,
        output: Receiver<S::Item<T, E>>,
        errors: Errors,
        ledger: Option<Arc<Ledger<E>>>,
    ) -> Self {
        Self {
            scope,
            output: Some(output),
            errors,
            ledger,
        }
    }

    /// The next output item; `None` once the output is exhausted or the run stopped.
    pub async fn recv(&mut self) -> Option<S::Item<T, E>> {
        std::future::poll_fn(|cx| self.poll_recv(cx)).await
    }

    fn poll_recv(&mut self, cx: &mut Context<'_>) -> Poll<Option<S::Item<T, E>>> {
        match &mut self.output {
            Some(output) => output.poll_recv(cx),
            None => Poll::Ready(None),
        }
    }

    /// Stops consuming (whatever was not read is dropped, and the stages stop), waits for
    /// every task to exit, and reports how the run ended.
    pub async fn join(mut self) -> Result<(), PipelineError<E>>
    where
        Errors: HeldErrors<E>,
    {
        self.output = None;
        let outcome = std::future::poll_fn(|cx| self.scope.poll_join(cx)).await;
        with_errors(outcome, &self.errors, self.ledger.as_ref())
    }
}

impl<T, E, S: Style, Errors> Unpin for Handle<T, E, S, Errors> {}

impl<T, E: Send + 'static, S: Style, Errors> Stream for Handle<T, E, S, Errors> {
    type Item = S::Item<T, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_recv(cx)
    }
}

impl<T, E, S: Style, Errors> fmt::Debug for Handle<T, E, S, Errors> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("id", &self.scope.id())
            .finish_non_exhaustive()
    }
}

/// `cancel`, `pause`, `resume`, `is_paused` and `id`: see [`RunControl`].
impl<T, E, S: Style, Errors> Deref for Handle<T, E, S, Errors> {
    type Target = RunControl;

    fn deref(&self) -> &RunControl {
        &self.scope
    }
}
