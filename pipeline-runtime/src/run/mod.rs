//! What a `pipeline!` block evaluates to: a [`Run`] (with a sink) or a [`Handle`] (without),
//! and the [`RunControl`] both dereference to.
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

use std::fmt;
use std::future::Future;
use std::ops::Deref;
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::error_stream::{ErrorStream, Ledger};
use crate::pipeline_error::{PipelineError, StageError};
use crate::scope::Scope;
use crate::sync::Arc;

mod delivery;
mod handle;

pub use crate::control::RunControl;
pub(crate) use delivery::Delivery;
pub use delivery::{SinkValue, SinkValues};
pub use handle::Handle;

/// What a run still holds of its error stream: nothing (`()`), or the whole stream when
/// nobody took it.
pub trait HeldErrors<E>: Unpin {
    /// The first error nobody read, and how many more there were.
    #[doc(hidden)]
    fn unread(&self) -> Option<(StageError<E>, u64)>;
}

impl<E> HeldErrors<E> for () {
    fn unread(&self) -> Option<(StageError<E>, u64)> {
        None
    }
}

impl<E> HeldErrors<E> for ErrorStream<E> {
    fn unread(&self) -> Option<(StageError<E>, u64)> {
        ErrorStream::unread(self)
    }
}

/// A finished run's outcome, with what its error stream says: a run that otherwise
/// succeeded fails with the first unread error of a stream nobody took or that was dropped,
/// or with [`PipelineError::ErrorsDropped`] when its stream dropped errors.
pub(super) fn with_errors<E>(
    outcome: Result<(), PipelineError<E>>,
    held: &impl HeldErrors<E>,
    ledger: Option<&Arc<Ledger<E>>>,
) -> Result<(), PipelineError<E>> {
    outcome?;
    let unread = held
        .unread()
        .or_else(|| ledger.and_then(|ledger| ledger.left_unread()));
    if let Some((first, rest)) = unread {
        let attempts = first.attempts();
        let (stage, error) = first.into_parts();
        return Err(PipelineError::Failed {
            stage,
            error,
            suppressed: usize::try_from(rest).unwrap_or(usize::MAX),
            attempts,
        });
    }
    match ledger.map(|ledger| (ledger.dropped(), ledger.capacity())) {
        Some((dropped, capacity)) if dropped > 0 => {
            Err(PipelineError::ErrorsDropped { dropped, capacity })
        }
        _ => Ok(()),
    }
}

/// A pipeline that ends in a sink: a future of the sink's result (or, for a block that ends in
/// a tuple of branches ending in sinks, of the tuple of their results).
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
    result: Delivery<R>,
    errors: Errors,
    ledger: Option<Arc<Ledger<E>>>,
}

impl<R, E: Send + 'static, Errors> Run<R, E, Errors> {
    pub(crate) fn new(
        scope: Scope<E>,
        result: Delivery<R>,
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
                // Every task exited cleanly; a sink only stops without a value when the run
                // was cancelled from outside without failing (a parent that finished early).
                this.result.take().ok_or(PipelineError::Cancelled)
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

/// `cancel`, `pause`, `resume`, `is_paused` and `id`: see [`RunControl`].
impl<R, E, Errors> Deref for Run<R, E, Errors> {
    type Target = RunControl;

    fn deref(&self) -> &RunControl {
        &self.scope
    }
}
