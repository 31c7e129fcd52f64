//! Stages: the engine that runs every stage, generated or by hand, and the by-hand API on it
//! ([`Stage`], [`FanOut`], [`Operator`]).
//!
//! The engine is what a stage's loop works with: its I/O handles (`StageIo`, `SourceIo`,
//! `SinkIo`, with the batching outbox behind them), how it ends (`Exit`), the
//! error [`Style`] its items travel in, [`OnError`] for errors that do not travel as items,
//! the junctions (tee, a merge's forwarders), retry with backoff ([`Retry`]), rate limits
//! ([`Rate`]), and the one place its tasks are spawned.
//!
//! Guarantees, for every stage the runtime runs:
//! - **Select-on-done.** Every receive and every send observes the run's done (the channels
//!   do it, one atomic load per item), so a stage never blocks forever on either side.
//! - **Close-on-exit.** The stage's tasks own its output sender; it drops on every exit path
//!   (input closed, consumer gone, cancelled, failed, panicked, aborted), which closes the
//!   output. With several workers it closes when the last one exits.
//! - **Early consumer stop.** When the consumer drops the output, the next send fails and the
//!   stage exits, dropping its input in turn: the stop cascades upstream.
//! - **Errors go by the run's style** ([`OnError`]): fail the run, or report and go on.
//! - **Fan-out** ([`Stage::workers`]): N workers share the input (each item goes to one) and
//!   one output. Unordered by default; [`FanOut::ordered`] restores input order through a
//!   bounded reorder window.
//! - **Result items** ([`Stage::results`]): items travel as `Result<T, StageError<E>>`, the
//!   Go articles' result struct; a stage works on the `Ok`s, sends its own error on as an
//!   `Err` naming it, and passes earlier `Err`s through untouched.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use gopipe_runtime::stage::{then, Stage};
//! use gopipe_runtime::Scope;
//!
//! let scope: Scope<std::io::Error> = Scope::new();
//! let numbers = Stage::new("gen").spawn_source(&scope, 1..=5u64);
//! let mut squares = Stage::new("sq")
//!     .workers(2)
//!     .ordered(8)
//!     .spawn(&scope, numbers, then(|n: u64| async move { Ok(n * n) }));
//! let mut seen = Vec::new();
//! while let Some(n) = squares.recv().await {
//!     seen.push(n);
//! }
//! scope.join().await.unwrap();
//! assert_eq!(seen, [1, 4, 9, 16, 25]);
//! # }
//! ```

mod by_hand;
mod chunks;
mod emitter;
mod exit;
mod io;
pub(crate) mod junction;
mod limiter;
mod on_error;
mod operator;
mod outbox;
mod rate;
pub(crate) mod recursion;
mod retry;
mod retrying;
mod spawn;
mod style;
mod timeout;

pub use emitter::Emitter;
pub use on_error::OnError;
pub use operator::{Operator, Then, then};
pub use rate::Rate;
pub use retry::Retry;
pub use style::{Plain, Results, Style};
pub use timeout::Elapsed;

// The engine's handles, for generated code (through `__private`), not for use by hand:
// hidden where they are defined, so that no re-export shows them.
pub use chunks::{Chunks, new_chunk};
pub use exit::Exit;
pub use io::{SinkIo, SourceIo, StageIo};
pub use limiter::Limiter;
pub use recursion::{DEFAULT_MAX_PENDING, Recursion, RecursionWorker, Seen, SeenKeys, Visit};
pub use retrying::{Failed, Retrying};
pub use timeout::Timeout;

pub(crate) use exit::StageBody;
pub(crate) use outbox::{Outbox, Output};
pub(crate) use recursion::Frontier;
pub(crate) use spawn::{spawn_sink_workers, spawn_stage, spawn_workers};

use std::marker::PhantomData;

use crate::channel::{DEFAULT_CAPACITY, Receiver};
use crate::id::StageName;
use crate::reorder::Reorder;
use crate::scope::{InvalidArgument, Scope};

/// A stage about to be spawned: its name, output capacity, error handling and item
/// [`Style`] ([`Plain`] values unless [`results`](Stage::results) says otherwise).
#[derive(Debug)]
#[must_use = "a stage does nothing until spawned"]
pub struct Stage<E, S: Style = Plain> {
    name: StageName,
    capacity: usize,
    on_error: OnError<E>,
    style: PhantomData<S>,
}

impl<E: Send + 'static> Stage<E> {
    /// A stage called `name`, with [`DEFAULT_CAPACITY`] and fail-fast errors.
    pub fn new(name: impl Into<StageName>) -> Self {
        Self {
            name: name.into(),
            capacity: DEFAULT_CAPACITY,
            on_error: OnError::FailFast,
            style: PhantomData,
        }
    }

    /// Items travel as `Result<T, StageError<E>>`: the stage reads them, applies its
    /// operator to the `Ok`s, sends its operator's errors on as `Err` items naming the stage
    /// (they do not fail the run), and passes `Err`s from upstream through untouched.
    pub fn results(self) -> Stage<E, Results> {
        Stage {
            name: self.name,
            capacity: self.capacity,
            on_error: self.on_error,
            style: PhantomData,
        }
    }
}

impl<E: Send + 'static, S: Style> Stage<E, S> {
    /// How many items its output channel holds (0: rendezvous).
    pub fn capacity(mut self, capacity: usize) -> Self {
        self.capacity = capacity;
        self
    }

    /// What it does with an error from its operator that does not travel as an item.
    pub fn on_error(mut self, on_error: OnError<E>) -> Self {
        self.on_error = on_error;
        self
    }

    /// Runs it as `workers` tasks sharing the input. 0 workers is an invalid argument: at
    /// spawn, the run fails with [`PipelineError::InvalidArgument`](crate::PipelineError::InvalidArgument)
    /// naming the stage, and the stage's output is closed.
    pub fn workers(self, workers: usize) -> FanOut<E, S> {
        FanOut {
            stage: self,
            workers,
            window: None,
        }
    }

    /// Spawns it into `scope` as one task applying `op` to every item of `input`; returns its
    /// output.
    #[track_caller]
    pub fn spawn<In, Op>(
        self,
        scope: &Scope<E>,
        input: Receiver<S::Item<In, E>>,
        op: Op,
    ) -> Receiver<S::Item<Op::Output, E>>
    where
        In: Send + 'static,
        S::Item<In, E>: Send + 'static,
        Op: Operator<In, Error = E>,
        S::Item<Op::Output, E>: Send + 'static,
    {
        let (output, outlet) = scope.channel(self.capacity);
        spawn_stage(scope, self.name, input, output, self.on_error, |io| {
            by_hand::apply::<In, Op, S>(io, op)
        });
        outlet
    }

    /// Spawns it into `scope` as a source sending every item of `items`, checking the pause
    /// gate between items; returns its output.
    #[track_caller]
    pub fn spawn_source<I>(self, scope: &Scope<E>, items: I) -> Receiver<S::Item<I::Item, E>>
    where
        I: IntoIterator + Send + 'static,
        I::IntoIter: Send,
        I::Item: Send + 'static,
        S::Item<I::Item, E>: Send + 'static,
    {
        let (output, outlet) = scope.channel(self.capacity);
        let gauge = scope.gauge(&self.name, [], [output.channel_id()]);
        let io = SourceIo::<I::Item, E, S>::new(
            output,
            scope.pause_gate().clone(),
            scope.done().clone(),
            gauge.clone(),
        );
        scope.spawn_stage_loop(
            self.name,
            gauge,
            StageBody {
                body: by_hand::source(items, io),
            },
        );
        outlet
    }
}

/// A stage run by several workers; see [`Stage::workers`].
#[derive(Debug)]
#[must_use = "a stage does nothing until spawned"]
pub struct FanOut<E, S: Style = Plain> {
    stage: Stage<E, S>,
    workers: usize,
    window: Option<usize>,
}

impl<E: Send + 'static, S: Style> FanOut<E, S> {
    /// Keeps input order: outputs leave in the order their inputs arrived. Workers may run
    /// at most `window` items ahead of the oldest unfinished one.
    pub fn ordered(mut self, window: usize) -> Self {
        self.window = Some(window.max(1));
        self
    }

    /// Spawns the workers into `scope`, each with a clone of `op`; returns the shared output,
    /// which closes when the last worker exits.
    #[track_caller]
    pub fn spawn<In, Op>(
        self,
        scope: &Scope<E>,
        input: Receiver<S::Item<In, E>>,
        op: Op,
    ) -> Receiver<S::Item<Op::Output, E>>
    where
        In: Send + 'static,
        S::Item<In, E>: Send + 'static,
        Op: Operator<In, Error = E> + Clone,
        S::Item<Op::Output, E>: Send + 'static,
    {
        let Stage {
            name,
            capacity,
            on_error,
            ..
        } = self.stage;
        let (output, outlet) = scope.channel(capacity);
        if self.workers == 0 {
            scope.reject(InvalidArgument::zero(&name, "workers"));
            return outlet;
        }
        let reorder = self.window.map(|window| Reorder::new(window, scope.done()));
        spawn_workers(
            scope,
            &name,
            std::iter::repeat_n(input, self.workers),
            &output,
            reorder.as_ref(),
            &on_error,
            |io| by_hand::apply::<In, Op, S>(io, op.clone()),
        );
        outlet
    }
}
