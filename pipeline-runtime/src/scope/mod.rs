//! Scope: the owner of every task of a run.
//!
//! Guarantees ("whoever starts a task stops it"):
//! - **Owned.** Every task is spawned into the scope, named after its stage, and listed in
//!   [`diagnostics`] until its future is dropped. There is no other way
//!   for the runtime to start a task.
//! - **Joined.** [`Scope::join`] resolves only after every task has exited, including tasks
//!   spawned while it waits (through a [`Spawner`]) and the scope's own timer and token tasks.
//!   After that, nothing can be spawned into it.
//! - **Dropped means stopped.** Dropping a scope that was not joined (or a `join` future that
//!   did not finish) cancels its [`Done`] and aborts every task.
//! - **Fail fast, first by time.** A task that returns `Err` or panics cancels the run at that
//!   moment; its failure is the run's error, naming its stage. Failures after it (including
//!   those the cancellation provoked) are only counted as suppressed. Cancellation itself is
//!   never reported as the cause of a failed run.
//! - **Cancel is a tree.** A scope created inside a stage task is a child of that stage's run.
//! - **Ended means done.** Once `join` returns, the scope's [`Done`] is cancelled (with
//!   [`Cause::Completed`] when nothing else cancelled it first), so work that was handed it
//!   sees the run end, as Go's `errgroup` cancels its context when `Wait` returns.
//! - **Bad arguments run nothing.** A runtime argument out of range fails the run with
//!   [`PipelineError::InvalidArgument`] before anything runs.

mod builder;
mod shared;
mod spawner;
mod start;
mod task;

use std::fmt;
use std::future::Future;
use std::task::{Context, Poll};

pub use builder::ScopeBuilder;
use shared::Shared;
pub use spawner::{ScopeClosed, Spawner};
use task::Failure;
pub(crate) use task::{InvalidArgument, TaskError};

use crate::channel::{self, Receiver, Sender};
use crate::control::RunControl;
use crate::diagnostics::{self, LiveTask};
use crate::done::{Cause, Done};
use crate::id::StageName;
use crate::metrics::{Gauge, Tap, Timed};
use crate::pause::Pause;
use crate::pipeline_error::PipelineError;
use crate::sync::{Arc, Weak};

/// Owns the tasks of one run. See the [module docs](self) for what it guarantees.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use gopipe_runtime::Scope;
///
/// let scope: Scope<String> = Scope::new();
/// let (tx, mut rx) = scope.channel(16);
/// scope.spawn("gen", async move {
///     for n in 1..=3u64 {
///         if tx.send(n).await.is_err() {
///             break; // cancelled, or nobody listens any more
///         }
///     }
///     Ok(()) // dropping `tx` here closes the channel
/// });
/// let mut total = 0;
/// while let Some(n) = rx.recv().await {
///     total += n * n;
/// }
/// scope.join().await.unwrap();
/// assert_eq!(total, 14);
/// # }
/// ```
pub struct Scope<E> {
    shared: Arc<Shared<E>>,
    phase: Phase,
}

/// How far `join` has got.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Running,
    /// Every stage task exited; the helpers (timer, token watcher) are being stopped.
    StoppingHelpers,
    Joined,
}

impl<E: Send + 'static> Scope<E> {
    /// A scope with default settings: a child of the current stage's run when created inside
    /// one, else a new root.
    pub fn new() -> Self {
        ScopeBuilder::new().build()
    }

    fn with_done(done: Done, deferred: bool, metrics: bool) -> Self {
        Self {
            shared: Arc::new(Shared::new(done, deferred, metrics)),
            phase: Phase::Running,
        }
    }

    /// Spawns `task` as stage `stage` of this run.
    ///
    /// The task is cancelled with the run; `Err` or a panic fails the run (fail fast). A task
    /// that stops because the run was cancelled should return `Ok(())`.
    ///
    /// # Panics
    ///
    /// Outside a Tokio runtime, at the caller's line.
    #[track_caller]
    pub fn spawn<F>(&self, stage: impl Into<StageName>, task: F)
    where
        F: Future<Output = Result<(), E>> + Send + 'static,
    {
        expect_runtime("a pipeline's scope spawns its stages on a Tokio runtime");
        // Only `join` (which consumes the scope) and `Drop` close it.
        let spawned = self.shared.spawn_stage(stage.into(), task);
        debug_assert!(spawned.is_ok(), "a scope is open until joined or dropped");
    }

    /// Spawns a stage's loop (its body as `StageBody` makes it) as stage `stage`: like
    /// [`spawn`](Self::spawn), and its failure keeps the number of attempts the stage made at
    /// the item, for the run's error to report.
    /// The task is timed by `gauge` (see [`metrics`](crate::metrics)).
    #[track_caller]
    pub(crate) fn spawn_stage_loop<F>(&self, stage: StageName, gauge: Gauge, task: F)
    where
        F: Future<Output = Result<(), TaskError<E>>> + Send + 'static,
    {
        expect_runtime("a pipeline's scope spawns its stages on a Tokio runtime");
        let spawned = self.shared.spawn_stage(stage, Timed::new(gauge, task));
        debug_assert!(spawned.is_ok(), "a scope is open until joined or dropped");
    }

    /// [`spawn_stage_loop`](Self::spawn_stage_loop) for the task of a fused group: listed in
    /// the live tasks as `listed` (the stages it holds), its own failures named `stage`.
    pub(crate) fn spawn_fused_loop<F>(
        &self,
        listed: StageName,
        stage: StageName,
        gauge: Gauge,
        task: F,
    ) where
        F: Future<Output = Result<(), TaskError<E>>> + Send + 'static,
    {
        expect_runtime("a pipeline's scope spawns its stages on a Tokio runtime");
        let spawned = self
            .shared
            .spawn_listed(listed, stage, Timed::new(gauge, task));
        debug_assert!(spawned.is_ok(), "a scope is open until joined or dropped");
    }

    /// The run's id.
    pub(crate) fn id(&self) -> crate::id::PipelineId {
        self.shared.control.id
    }

    /// Spawns one of the run's own helpers (the progress display): listed under `name`, it
    /// never fails the run, and is stopped once every stage has ended.
    pub(crate) fn spawn_helper(
        &self,
        name: &str,
        helper: impl Future<Output = ()> + Send + 'static,
    ) {
        self.shared.spawn_helper(name, helper);
    }

    /// The metrics gauge of a new task of `stage`, which reads `inputs` and sends into the
    /// channels `outputs` (by [`Sender::channel_id`]).
    pub(crate) fn gauge(
        &self,
        stage: &StageName,
        inputs: impl IntoIterator<Item = Tap>,
        outputs: impl IntoIterator<Item = usize>,
    ) -> Gauge {
        self.shared.control.metrics.gauge(stage, inputs, outputs)
    }

    /// Stage `stage` (registered with [`gauge`](Self::gauge)) sends into `channel` too.
    pub(crate) fn connect(&self, stage: &StageName, channel: usize) {
        self.shared.control.metrics.connect(stage, channel);
    }

    /// A handle that can spawn into this scope from inside its tasks.
    pub fn spawner(&self) -> Spawner<E> {
        Spawner {
            shared: self.shared.clone(),
        }
    }

    /// A channel of this run: it observes the run's done and pause.
    pub fn channel<T: Send + 'static>(&self, capacity: usize) -> (Sender<T>, Receiver<T>) {
        channel::with_pause(
            capacity,
            &self.shared.control.done,
            Some(&self.shared.control.pause),
        )
    }

    /// Waits until every task has exited, then reports how the run ended.
    ///
    /// `Ok(())` when no task failed and the run was not cancelled (stopping early with
    /// [`stop`](Self::stop) is not a failure).
    pub async fn join(mut self) -> Result<(), PipelineError<E>> {
        std::future::poll_fn(|cx| self.poll_join(cx)).await
    }

    /// Polls [`join`](Self::join) without consuming the scope (for handles that own one).
    /// After it returned `Ready`, the scope is finished: polling again returns the same kind
    /// of outcome only for the cause (a failure is handed out once).
    pub(crate) fn poll_join(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), PipelineError<E>>> {
        if self.phase == Phase::Running {
            self.shared.start(); // a no-op once started
            if self.shared.poll_stages(cx).is_pending() {
                return Poll::Pending;
            }
            self.shared.helpers_abort();
            self.phase = Phase::StoppingHelpers;
        }
        if self.phase == Phase::StoppingHelpers {
            if self.shared.poll_helpers(cx).is_pending() {
                return Poll::Pending;
            }
            self.phase = Phase::Joined;
        }
        let outcome = self.shared.outcome();
        crate::trace::run_ended(
            self.shared.control.id,
            self.shared.control.done.cause().as_ref(),
        );
        // Work handed this run's `Done` sees it end, whatever the outcome (first cause wins).
        self.shared.control.done.cancel_with(Cause::Completed);
        Poll::Ready(outcome)
    }

    /// Lets a deferred scope's tasks run (see [`ScopeBuilder`]'s `deferred`); a no-op once
    /// started. A run that was cancelled or failed (an invalid argument) before it started
    /// runs nothing: its tasks end without polling their stages.
    pub(crate) fn start(&self) {
        self.shared.start();
    }

    /// Fails the run with an invalid argument: nothing of a run that has not started will
    /// run, and a running one is cancelled.
    pub(crate) fn reject(&self, invalid: InvalidArgument) {
        let stage = invalid
            .stage
            .clone()
            .unwrap_or_else(|| StageName::new("(the pipeline's options)"));
        self.shared.fail(stage, Failure::InvalidArgument(invalid));
    }

    /// A handle that fails the run from inside one of its stages, for failures the run's
    /// error type cannot carry.
    pub(crate) fn failer(&self) -> Failer<E> {
        Failer {
            shared: Arc::downgrade(&self.shared),
        }
    }
}

/// Fails its run with a failure of the runtime's own (a recursive stage's backlog limit, a
/// route to a branch that does not exist).
/// It holds the scope weakly: a stage's state never keeps its own scope alive.
pub(crate) struct Failer<E> {
    shared: Weak<Shared<E>>,
}

impl<E> Failer<E> {
    /// Fails the run: `stage` had more than `limit` items waiting to be fed back.
    pub(crate) fn too_many_pending(&self, stage: &StageName, limit: usize) {
        if let Some(shared) = self.shared.upgrade() {
            shared.fail(stage.clone(), Failure::TooManyPending { limit });
        }
    }

    /// Fails the run: `stage`'s user code failed with `error` (a fused stage, which runs
    /// inside another stage's task, names itself this way).
    pub(crate) fn error(&self, stage: &StageName, error: E) {
        if let Some(shared) = self.shared.upgrade() {
            shared.fail(stage.clone(), Failure::Error(TaskError::from(error)));
        }
    }

    /// Fails the run: `stage`'s user code panicked with `payload` (a fused stage).
    pub(crate) fn panic(&self, stage: &StageName, payload: Box<dyn std::any::Any + Send>) {
        if let Some(shared) = self.shared.upgrade() {
            shared.fail(stage.clone(), Failure::Panic(task::panic_message(payload)));
        }
    }

    /// Fails the run: route `stage`, of `branches` branches, picked branch `index`.
    pub(crate) fn route_out_of_range(&self, stage: &StageName, index: usize, branches: usize) {
        if let Some(shared) = self.shared.upgrade() {
            shared.fail(stage.clone(), Failure::RouteOutOfRange { index, branches });
        }
    }
}

impl<E> Scope<E> {
    /// This run's done signal.
    pub fn done(&self) -> &Done {
        &self.shared.control.done
    }

    /// This run's pause gate (sources wait on it between items).
    pub fn pause_gate(&self) -> &Pause {
        &self.shared.control.pause
    }

    /// Stops the run early without failing it: the consumer has what it needs. Every task
    /// stops promptly and [`join`](Self::join) returns `Ok(())` (unless a failure came first).
    pub fn stop(&self) {
        self.shared.control.done.cancel_with(Cause::Finished);
    }

    /// This run's tasks that are alive now.
    pub fn live_tasks(&self) -> Vec<LiveTask> {
        diagnostics::live_tasks_of(self.shared.control.id)
    }
}

impl Scope<()> {
    /// Configures a scope: parent, external token, deadline. [`ScopeBuilder::build`] picks
    /// the run's error type.
    pub fn builder() -> ScopeBuilder {
        ScopeBuilder::new()
    }
}

impl<E: Send + 'static> Default for Scope<E> {
    fn default() -> Self {
        Self::new()
    }
}

/// `cancel`, `pause`, `resume`, `is_paused` and `id`: see [`RunControl`].
impl<E> std::ops::Deref for Scope<E> {
    type Target = RunControl;

    fn deref(&self) -> &RunControl {
        &self.shared.control
    }
}

impl<E> Drop for Scope<E> {
    fn drop(&mut self) {
        if self.phase != Phase::Joined {
            self.shared.abandon();
        }
    }
}

impl<E> fmt::Debug for Scope<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scope")
            .field("id", &self.shared.control.id)
            .field("done", &self.shared.control.done)
            .finish_non_exhaustive()
    }
}

/// Panics, at the caller's line, outside a Tokio runtime: tokio's own panic would point into
/// this crate.
#[track_caller]
pub(crate) fn expect_runtime(what: &str) {
    if tokio::runtime::Handle::try_current().is_err() {
        panic!(
            "{what}, and none is running here: build and await the pipeline inside async code \
             that a Tokio runtime runs, such as `#[tokio::main] async fn main`, a \
             `#[tokio::test]`, or `Runtime::block_on`"
        );
    }
}
