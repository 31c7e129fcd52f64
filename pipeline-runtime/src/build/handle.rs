//! What a `pipeline!` block evaluates to: a [`Run`] (with a sink) or a [`Handle`] (without).
//!
//! Both own the run's [`Scope`]: dropping them cancels the run and aborts its tasks; awaiting
//! a `Run` (or `Handle::join`) resolves only after every task has exited.
//!
//! **Eager, like `tokio::spawn`.** A block starts its stages the moment it is evaluated,
//! once every stage is wired and every runtime argument checked; awaiting the `Run` (or
//! reading the `Handle`) only waits for them. A run that is held and not yet awaited is
//! already working, so it can be fed from the same task (a `from_channel` source) or its
//! errors read first. Dropping it stops it. A block with an invalid argument runs nothing.
//!
//! **Error stream.** In the error-channel style the run holds an
//! [`ErrorStream`]; take it with `split_errors()`, which gives the run and the stream as two
//! values. While nobody holds the stream (never taken, or dropped), an error fails the run
//! instead of vanishing; see [`error_stream`](crate::error_stream) for the rest.

use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use tokio::sync::oneshot;

use super::style::{Plain, Style};
use crate::channel::Receiver;
use crate::error_stream::{ErrorStream, Ledger};
use crate::sync::Arc;
use crate::{PipelineError, PipelineId, Scope};

/// The controls of a running pipeline, the same on [`Run`] and [`Handle`].
macro_rules! controls {
    () => {
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

/// What a run still holds of its error stream: nothing (`()`), or the whole stream when
/// nobody took it.
pub trait HeldErrors<E>: Unpin {
    /// The first error nobody read, and how many more there were.
    #[doc(hidden)]
    fn unread(&self) -> Option<(crate::StageError<E>, u64)>;
}

impl<E> HeldErrors<E> for () {
    fn unread(&self) -> Option<(crate::StageError<E>, u64)> {
        None
    }
}

impl<E> HeldErrors<E> for ErrorStream<E> {
    fn unread(&self) -> Option<(crate::StageError<E>, u64)> {
        ErrorStream::unread(self)
    }
}

/// A finished run's outcome, with what its error stream says: a run that otherwise
/// succeeded fails with the first unread error of a stream nobody took or that was dropped,
/// or with [`PipelineError::ErrorsDropped`] when its stream dropped errors.
fn with_errors<E>(
    outcome: Result<(), PipelineError<E>>,
    held: &impl HeldErrors<E>,
    ledger: Option<&Arc<Ledger<E>>>,
) -> Result<(), PipelineError<E>> {
    outcome?;
    let unread = held
        .unread()
        .or_else(|| ledger.and_then(|ledger| ledger.left_unread()));
    if let Some((first, rest)) = unread {
        let (stage, error) = first.into_parts();
        return Err(PipelineError::Failed {
            stage,
            error,
            suppressed: usize::try_from(rest).unwrap_or(usize::MAX),
        });
    }
    match ledger.map(|ledger| (ledger.dropped(), ledger.capacity())) {
        Some((dropped, capacity)) if dropped > 0 => {
            Err(PipelineError::ErrorsDropped { dropped, capacity })
        }
        _ => Ok(()),
    }
}

/// A pipeline that ends in a sink: a future of the sink's result.
///
/// Eager, like `tokio::spawn`: its stages are running from the moment the block is
/// evaluated. It resolves once every task has exited, to the sink's value or the run's error.
/// Dropping it cancels the run.
///
/// `Errors` is what the run still holds besides: an [`ErrorStream`] in the error-channel
/// style (take it with [`split_errors`](Run::split_errors)), else nothing.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use gopipe_runtime::pipeline;
///
/// let (seen, mut sink_saw) = tokio::sync::mpsc::unbounded_channel();
/// let run = pipeline! {
///     from_iter(0..3u64) -> for_each(move |n| { let _ = seen.send(n); })
/// };
/// // Not awaited yet, and already working: the sink has seen the first item.
/// assert_eq!(sink_saw.recv().await, Some(0));
/// run.await.unwrap(); // waits for the rest
/// # }
/// ```
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use gopipe_runtime::{pipeline, PipelineError};
///
/// let run = pipeline! { from_iter(0u64..) -> map(|n| n + 1) -> drain() }; // endless
/// run.cancel();
/// assert!(matches!(run.await, Err(PipelineError::Cancelled)));
/// # }
/// ```
#[must_use = "a pipeline is cancelled when its Run is dropped: await it"]
pub struct Run<R, E, Errors = ()> {
    scope: Scope<E>,
    result: oneshot::Receiver<R>,
    errors: Errors,
    ledger: Option<Arc<Ledger<E>>>,
}

impl<R, E: Send + 'static, Errors> Run<R, E, Errors> {
    pub(crate) fn new(
        scope: Scope<E>,
        result: oneshot::Receiver<R>,
        errors: Errors,
        ledger: Option<Arc<Ledger<E>>>,
    ) -> Self {
        Self {
            scope,
            result,
            errors,
            ledger,
        }
    }

    controls!();
}

impl<R, E: Send + 'static> Run<R, E, ErrorStream<E>> {
    /// Takes the error stream (error-channel style): the run, and the stream of its failed
    /// items' errors. Read the stream while the run goes on, for example with
    /// `tokio::join!(run, errors.collect::<Vec<_>>())`; reading it afterwards works too, up to
    /// the stream's capacity (see [`error_stream`](crate::error_stream)).
    ///
    /// Only `errors = channel` runs have this method, and it takes the run by value, so the
    /// stream is taken once:
    ///
    /// ```compile_fail,E0382
    /// # async fn f() {
    /// use gopipe_runtime::pipeline;
    ///
    /// let run = pipeline! {
    ///     #![errors = channel]
    ///     from_iter(["1", "x"]) -> try_map(|s: &str| s.parse::<u32>()) -> count()
    /// };
    /// let (_run, _errors) = run.split_errors();
    /// let (_again, _more) = run.split_errors(); // error: `run` was moved
    /// # }
    /// ```
    pub fn split_errors(self) -> (Run<R, E>, ErrorStream<E>) {
        let Run {
            scope,
            result,
            errors,
            ledger,
        } = self;
        (Run::new(scope, result, (), ledger), errors)
    }
}

impl<R, E: Send + 'static, Errors: HeldErrors<E>> Future for Run<R, E, Errors> {
    type Output = Result<R, PipelineError<E>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let outcome = std::task::ready!(this.scope.poll_join(cx));
        Poll::Ready(
            with_errors(outcome, &this.errors, this.ledger.as_ref()).and_then(|()| {
                // Every task exited cleanly; the sink only stops without a value when the run
                // was cancelled from outside without failing (a parent that finished early).
                this.result.try_recv().map_err(|_| PipelineError::Cancelled)
            }),
        )
    }
}

impl<R, E, Errors> fmt::Debug for Run<R, E, Errors> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Run")
            .field("id", &self.scope.id())
            .finish_non_exhaustive()
    }
}

/// A pipeline without a sink: a [`Stream`] of its output.
///
/// Eager like [`Run`]: its stages are running from the moment the block is evaluated, and
/// wait (backpressure) once its output is full. In the result style the items are `Result<T, StageError<E>>`. Dropping it cancels the run;
/// [`join`](Handle::join) waits for every task and reports how the run ended. `Errors` is as
/// on [`Run`].
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
    /// Takes the error stream (error-channel style); see [`Run::split_errors`].
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

    controls!();
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
