//! Stage: runs an [`Operator`] between two channels, with Go's contract built in.
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

mod operator;
mod run;

pub(crate) use run::stopped_is_ok;

pub use operator::{Operator, Then, then};

use crate::build::{Outbox, SourceIo, StageIo};
use crate::channel::Receiver;
use crate::errors::OnError;
use crate::reorder::Reorder;
use crate::scope::InvalidArgument;
use crate::{Scope, StageName};

/// The output capacity of a stage when none is given.
pub const DEFAULT_CAPACITY: usize = 128;

/// A stage about to be spawned: its name, output capacity and error style.
#[derive(Debug)]
#[must_use = "a stage does nothing until spawned"]
pub struct Stage<E> {
    name: StageName,
    capacity: usize,
    on_error: OnError<E>,
}

impl<E: Send + 'static> Stage<E> {
    /// A stage called `name`, with [`DEFAULT_CAPACITY`] and fail-fast errors.
    pub fn new(name: impl Into<StageName>) -> Self {
        Self {
            name: name.into(),
            capacity: DEFAULT_CAPACITY,
            on_error: OnError::FailFast,
        }
    }

    /// How many items its output channel holds (0: rendezvous).
    pub fn capacity(mut self, capacity: usize) -> Self {
        self.capacity = capacity;
        self
    }

    /// What it does with an error from its operator.
    pub fn on_error(mut self, on_error: OnError<E>) -> Self {
        self.on_error = on_error;
        self
    }

    /// Runs it as `workers` tasks sharing the input. 0 workers is an invalid argument: at
    /// spawn, the run fails with [`PipelineError::InvalidArgument`](crate::PipelineError::InvalidArgument)
    /// naming the stage, and the stage's output is closed.
    pub fn workers(self, workers: usize) -> FanOut<E> {
        FanOut {
            stage: self,
            workers,
            window: None,
        }
    }

    /// Spawns it into `scope` as one task applying `op` to every item of `input`; returns its
    /// output.
    pub fn spawn<In, Op>(
        self,
        scope: &Scope<E>,
        input: Receiver<In>,
        op: Op,
    ) -> Receiver<Op::Output>
    where
        In: Send + 'static,
        Op: Operator<In, Error = E>,
    {
        let (output, outlet) = scope.channel(self.capacity);
        let io = StageIo::new(
            input,
            Outbox::batched(output),
            self.on_error,
            scope.done().clone(),
        );
        scope.spawn(self.name, run::apply(io, op));
        outlet
    }

    /// Spawns it into `scope` as a source sending every item of `items`, checking the pause
    /// gate between items; returns its output.
    pub fn spawn_source<I>(self, scope: &Scope<E>, items: I) -> Receiver<I::Item>
    where
        I: IntoIterator + Send + 'static,
        I::IntoIter: Send,
        I::Item: Send + 'static,
    {
        let (output, outlet) = scope.channel(self.capacity);
        let io = SourceIo::new(output, scope.pause_gate().clone(), scope.done().clone());
        scope.spawn(self.name, run::source(items, io));
        outlet
    }
}

/// A stage run by several workers; see [`Stage::workers`].
#[derive(Debug)]
#[must_use = "a stage does nothing until spawned"]
pub struct FanOut<E> {
    stage: Stage<E>,
    workers: usize,
    window: Option<usize>,
}

impl<E: Send + 'static> FanOut<E> {
    /// Keeps input order: outputs leave in the order their inputs arrived. Workers may run
    /// at most `window` items ahead of the oldest unfinished one.
    pub fn ordered(mut self, window: usize) -> Self {
        self.window = Some(window.max(1));
        self
    }

    /// Spawns the workers into `scope`, each with a clone of `op`; returns the shared output,
    /// which closes when the last worker exits.
    pub fn spawn<In, Op>(
        self,
        scope: &Scope<E>,
        input: Receiver<In>,
        op: Op,
    ) -> Receiver<Op::Output>
    where
        In: Send + 'static,
        Op: Operator<In, Error = E> + Clone,
    {
        let Stage {
            name,
            capacity,
            on_error,
        } = self.stage;
        let (output, outlet) = scope.channel(capacity);
        if self.workers == 0 {
            scope.reject(InvalidArgument {
                stage: Some(name),
                argument: "workers",
                value: "0".to_owned(),
                expected: "at least 1",
            });
            return outlet;
        }
        let reorder = self.window.map(|window| Reorder::new(window, scope.done()));
        for index in 0..self.workers {
            let outbox = match &reorder {
                None => Outbox::batched(output.clone()),
                Some(reorder) => Outbox::ordered(output.clone(), reorder.clone()),
            };
            let io = StageIo::new(
                input.clone(),
                outbox,
                on_error.clone(),
                scope.done().clone(),
            );
            scope.spawn(name.worker(index), run::apply(io, op.clone()));
        }
        outlet
    }
}
