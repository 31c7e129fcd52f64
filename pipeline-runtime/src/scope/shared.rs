//! The state a scope shares with its spawners and tasks: the run's controls, the first
//! failure (and how many came after it), and the task sets. Every spawn, failure and
//! abandonment of a run goes through here, under its locks.

use std::future::Future;
use std::task::{Context, Poll};

use tokio::task::JoinSet;

use super::spawner::ScopeClosed;
use super::start::{Opened, StartGate};
use super::task::{self, Failure, TaskError};
use crate::control::RunControl;
use crate::diagnostics;
use crate::done::{Cause, Done};
use crate::id::StageName;
use crate::pipeline_error::PipelineError;
use crate::sync::{Arc, AtomicUsize, Mutex, Ordering};
use crate::trace;

pub(super) struct Shared<E> {
    pub(super) control: RunControl,
    failure: Mutex<Option<(StageName, Failure<E>)>>,
    suppressed: AtomicUsize,
    tasks: Mutex<Tasks>,
}

pub(super) struct Tasks {
    /// A deferred scope's start gate, which its tasks wait at (see `start`); `None` once
    /// started, and for a scope whose tasks run at once.
    gate: Option<Arc<StartGate>>,
    stages: JoinSet<()>,
    /// The scope's own helpers (deadline timer, token watcher); stopped once the stages are.
    helpers: JoinSet<()>,
    closed: bool,
}

impl<E> Shared<E> {
    pub(super) fn new(done: Done, deferred: bool, metrics: bool) -> Self {
        Self {
            control: RunControl::with_metrics(done, metrics),
            failure: Mutex::new(None),
            suppressed: AtomicUsize::new(0),
            tasks: Mutex::new(Tasks {
                gate: deferred.then(Arc::default),
                stages: JoinSet::new(),
                helpers: JoinSet::new(),
                closed: false,
            }),
        }
    }
}

impl<E: Send + 'static> Shared<E> {
    pub(super) fn spawn_stage<X, F>(
        self: &Arc<Self>,
        stage: StageName,
        task: F,
    ) -> Result<(), ScopeClosed>
    where
        X: Into<TaskError<E>>,
        F: Future<Output = Result<(), X>> + Send + 'static,
    {
        self.spawn_listed(stage.clone(), stage, task)
    }

    /// [`spawn_stage`](Self::spawn_stage), listed in the live tasks as `listed` (a fused
    /// group's task, with the stages it holds) while its failures name `stage`.
    pub(super) fn spawn_listed<X, F>(
        self: &Arc<Self>,
        listed: StageName,
        stage: StageName,
        task: F,
    ) -> Result<(), ScopeClosed>
    where
        X: Into<TaskError<E>>,
        F: Future<Output = Result<(), X>> + Send + 'static,
    {
        let mut tasks = self.tasks.lock();
        if tasks.closed {
            return Err(ScopeClosed);
        }
        let owner = self.clone();
        let task = crate::trace::instrumented(task, self.control.id, &stage);
        let future = task::run(
            self.control.id,
            &self.control.done,
            listed,
            stage,
            task,
            tasks.gate.clone(),
            move |stage, failure| {
                owner.fail(stage, failure);
            },
        );
        tasks.stages.spawn(future);
        Ok(())
    }

    /// Spawns one of the scope's own helpers, listed under `name` but never failing the run.
    pub(super) fn spawn_helper(
        &self,
        name: &str,
        helper: impl Future<Output = ()> + Send + 'static,
    ) {
        let registration = diagnostics::register(self.control.id, StageName::new(name));
        let mut tasks = self.tasks.lock();
        let gate = tasks.gate.clone();
        tasks.helpers.spawn(async move {
            let _registration = registration;
            if let Some(gate) = gate {
                let opened = std::future::poll_fn(|cx| gate.poll_opened(cx)).await;
                if opened == Opened::Skip {
                    return;
                }
            }
            helper.await;
        });
    }

    pub(super) fn start(&self) {
        let Some(gate) = self.tasks.lock().gate.take() else {
            return;
        };
        // Cancelled, or an argument was invalid, before anything ran: nothing runs (each task
        // drops its stage unpolled). Opened without the lock: a woken task may run at once.
        gate.open(!self.control.done.is_cancelled());
    }

    pub(super) fn poll_stages(&self, cx: &mut Context<'_>) -> Poll<()> {
        let mut tasks = self.tasks.lock();
        loop {
            match tasks.stages.poll_join_next(cx) {
                Poll::Ready(Some(Ok(()))) => {}
                Poll::Ready(Some(Err(error))) => {
                    // A stage task catches its own panics, in its destructor too, and reports
                    // them under its name; one that escaped anyway still fails the run.
                    if error.is_panic() {
                        let message = task::panic_message(error.into_panic());
                        self.fail(StageName::new("(a stage task)"), Failure::Panic(message));
                    }
                }
                Poll::Ready(None) => {
                    tasks.closed = true;
                    return Poll::Ready(());
                }
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

impl<E> Shared<E> {
    pub(super) fn fail(&self, stage: StageName, failure: Failure<E>) {
        if self.control.done.cancel_with(Cause::Failed {
            stage: stage.clone(),
        }) {
            let what = match &failure {
                Failure::Error(error) => trace::Failed::Error {
                    attempts: error.attempts,
                },
                Failure::Panic(message) => trace::Failed::Panic(message),
                Failure::InvalidArgument(_) => trace::Failed::Other("an invalid argument"),
                Failure::TooManyPending { .. } => trace::Failed::Other("too many items pending"),
                Failure::RouteOutOfRange { .. } => trace::Failed::Other("a route out of range"),
            };
            trace::stage_failed(self.control.id, &stage, what);
            *self.failure.lock() = Some((stage, failure));
        } else {
            self.suppressed.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub(super) fn helpers_abort(&self) {
        self.tasks.lock().helpers.abort_all();
    }

    pub(super) fn poll_helpers(&self, cx: &mut Context<'_>) -> Poll<()> {
        let mut tasks = self.tasks.lock();
        loop {
            match tasks.helpers.poll_join_next(cx) {
                Poll::Ready(Some(_)) => {}
                Poll::Ready(None) => return Poll::Ready(()),
                Poll::Pending => return Poll::Pending,
            }
        }
    }

    pub(super) fn abandon(&self) {
        self.control.done.cancel();
        let mut tasks = self.tasks.lock();
        tasks.closed = true;
        // Aborted tasks never started are dropped unpolled: they hold the scope's shared
        // state, and dropping them breaks the cycle.
        tasks.stages.abort_all();
        tasks.helpers.abort_all();
    }

    pub(super) fn outcome(&self) -> Result<(), PipelineError<E>> {
        let suppressed = self.suppressed.load(Ordering::Relaxed);
        match self.failure.lock().take() {
            Some((stage, Failure::Error(TaskError { error, attempts }))) => {
                Err(PipelineError::Failed {
                    stage,
                    error,
                    suppressed,
                    attempts,
                })
            }
            Some((stage, Failure::Panic(message))) => Err(PipelineError::Panicked {
                stage,
                message,
                suppressed,
            }),
            Some((_, Failure::InvalidArgument(invalid))) => Err(PipelineError::InvalidArgument {
                stage: invalid.stage,
                argument: invalid.argument,
                value: invalid.value,
                expected: invalid.expected,
            }),
            Some((stage, Failure::TooManyPending { limit })) => {
                Err(PipelineError::TooManyPending { stage, limit })
            }
            Some((stage, Failure::RouteOutOfRange { index, branches })) => {
                Err(PipelineError::RouteOutOfRange {
                    stage,
                    index,
                    branches,
                })
            }
            None => match self.control.done.cause() {
                None | Some(Cause::Finished | Cause::Completed) => Ok(()),
                Some(Cause::DeadlineExceeded) => Err(PipelineError::TimedOut),
                // `Failed` without a failure of our own: a parent run failed.
                Some(_) => Err(PipelineError::Cancelled),
            },
        }
    }
}
