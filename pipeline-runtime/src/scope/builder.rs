//! Options of a [`Scope`]: its parent, an external cancellation token, a deadline.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::Scope;
use crate::done::{Cause, Done};

/// Builds a [`Scope`]; see [`Scope::builder`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use std::time::Duration;
/// use gopipe_runtime::{PipelineError, Scope};
/// use tokio_util::sync::CancellationToken;
///
/// let token = CancellationToken::new();
/// let scope: Scope<()> = Scope::builder()
///     .cancel_on(token.clone())
///     .timeout(Duration::from_secs(30))
///     .build();
/// let done = scope.done().clone();
/// scope.spawn("waits", async move {
///     done.cancelled().await; // a stage with nothing to do until the run is cancelled
///     Ok(())
/// });
/// token.cancel();
/// assert!(matches!(scope.join().await, Err(PipelineError::Cancelled)));
/// # }
/// ```
#[derive(Debug, Default)]
#[must_use = "a builder does nothing until `build`"]
pub struct ScopeBuilder {
    parent: Option<Done>,
    root: bool,
    tokens: Vec<CancellationToken>,
    deadline: Option<Instant>,
    deferred: bool,
    /// No per-stage metrics (`#![metrics = false]`).
    without_metrics: bool,
}

impl ScopeBuilder {
    /// Default settings: see [`Scope::new`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes the run a child of `parent`: cancelled whenever `parent` is. By default a scope
    /// created inside a stage task is a child of that stage's run.
    pub fn parent(mut self, parent: &Done) -> Self {
        self.parent = Some(parent.clone());
        self
    }

    /// Makes the run a root even inside a stage task: nothing cancels it from outside
    /// (except its tokens and deadline).
    pub fn root(mut self) -> Self {
        self.root = true;
        self.parent = None;
        self
    }

    /// Cancels the run when `token` is cancelled (the run takes a child of the token, in
    /// effect: cancelling the run does not cancel the token).
    pub fn cancel_on(mut self, token: CancellationToken) -> Self {
        self.tokens.push(token);
        self
    }

    /// Cancels the run, as timed out, once `timeout` has passed from `build`.
    pub fn timeout(self, timeout: Duration) -> Self {
        self.deadline(Instant::now() + timeout)
    }

    /// Cancels the run, as timed out, at `deadline`.
    pub fn deadline(mut self, deadline: Instant) -> Self {
        self.deadline = Some(self.deadline.map_or(deadline, |d| d.min(deadline)));
        self
    }

    /// Holds every task at a start gate until `Scope::start`: a `pipeline!` block starts its
    /// stages only once the whole block is built and its arguments are checked.
    pub(crate) fn deferred(mut self) -> Self {
        self.deferred = true;
        self
    }

    /// Keeps no per-stage metrics: the run's [`Metrics`](crate::metrics::Metrics) stay empty.
    pub(crate) fn without_metrics(mut self) -> Self {
        self.without_metrics = true;
        self
    }

    /// Builds the scope.
    ///
    /// # Panics
    ///
    /// With a token or a deadline, outside a Tokio runtime (a deadline also needs the
    /// runtime's timer), at the caller's line.
    #[track_caller]
    pub fn build<E: Send + 'static>(self) -> Scope<E> {
        if !self.deferred && (!self.tokens.is_empty() || self.deadline.is_some()) {
            super::expect_runtime("a scope with a token or a deadline watches it from a task");
        }
        let parent = match (self.parent, self.root) {
            (Some(parent), _) => Some(parent),
            (None, false) => crate::context::current_done(),
            (None, true) => None,
        };
        let done = parent.map_or_else(Done::new, |parent| parent.child());
        let scope = Scope::with_done(done.clone(), self.deferred, !self.without_metrics);
        for token in self.tokens {
            scope
                .shared
                .spawn_helper("(cancel_on)", done.cancel_on(token));
        }
        if let Some(deadline) = self.deadline {
            scope
                .shared
                .spawn_helper("(deadline)", cancel_at(done, deadline));
        }
        scope
    }
}

/// Cancels `done` as timed out at `deadline`, or ends early once it is cancelled otherwise.
async fn cancel_at(done: Done, deadline: Instant) {
    let sleep = tokio::time::sleep_until(deadline);
    let cancelled = done.cancelled();
    let (mut sleep, mut cancelled) = (std::pin::pin!(sleep), std::pin::pin!(cancelled));
    std::future::poll_fn(|cx| {
        if cancelled.as_mut().poll(cx).is_ready() {
            return std::task::Poll::Ready(());
        }
        if sleep.as_mut().poll(cx).is_ready() {
            done.cancel_with(Cause::DeadlineExceeded);
            return std::task::Poll::Ready(());
        }
        std::task::Poll::Pending
    })
    .await;
}
