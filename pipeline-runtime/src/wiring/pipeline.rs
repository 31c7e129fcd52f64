//! The wiring context of one `pipeline!` block: spawns each stage into the run's scope and
//! connects it to its neighbours with [`Link`]s.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::time::Duration;

use super::options::{CancelWith, Options, StageSpec};
use crate::channel::{DEFAULT_CAPACITY, Receiver, Sender};
use crate::error_stream::{DEFAULT_ERROR_CAPACITY, ErrorStream, Ledger};
use crate::fusion::{Fused, Sendable};
use crate::graph::GraphSpec;
use crate::id::StageName;
use crate::metrics::Gauge;
use crate::pause::Pause;
use crate::reorder::Reorder;
use crate::requirements::ItemTimeout;
use crate::scope::{InvalidArgument, Scope, ScopeBuilder};
use crate::stage::{
    Emitter, Exit, OnError, SourceIo, StageBody, StageIo, Style, Timeout, spawn_stage,
    spawn_workers,
};
use crate::sync::Arc;

/// The items flowing out of one stage, of logical type `T` (in the result style each is a
/// `Result<T, StageError<E>>`): a channel, or a fused group whose consumer will run it.
pub struct Link<T, E, S: Style> {
    pub(crate) flow: Flow<S::Item<T, E>>,
    /// What its consumer may do with the items that needs them `Send`: asked of the stage
    /// that writes the link, not again of the one reading it.
    pub(crate) sendable: Sendable<S::Item<T, E>, E>,
}

/// What a link is made of.
pub(crate) enum Flow<T> {
    Channel(Receiver<T>),
    Fused(Fused<T>),
}

impl<T, E, S: Style> Link<T, E, S>
where
    S::Item<T, E>: Send + 'static,
    E: Send + 'static,
{
    pub(crate) fn channel(rx: Receiver<S::Item<T, E>>) -> Self {
        Self::new(Flow::Channel(rx))
    }

    pub(crate) fn new(flow: Flow<S::Item<T, E>>) -> Self {
        Self {
            flow,
            sendable: Sendable::new(),
        }
    }
}

impl<T, E, S: Style> Link<T, E, S> {
    /// `[timeout = after]` on the stage reading this link: the run's error type must be able
    /// to say that an item timed out (checked here, once, at the option).
    pub fn item_timeout(&self, after: impl ItemTimeout<E>) -> Timeout<E> {
        after.into_timeout()
    }
}

impl<T, E, S: Style> fmt::Debug for Link<T, E, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Link").finish_non_exhaustive()
    }
}

/// Builds one pipeline (see the `wiring` module). `Errors` is the error stream
/// the run will hold (error-channel style), else `()`.
pub struct Pipeline<E, S: Style, Errors = ()> {
    pub(super) scope: Scope<E>,
    pub(super) capacity: usize,
    pub(super) on_error: OnError<E>,
    pub(super) errors: Errors,
    pub(super) ledger: Option<Arc<Ledger<E>>>,
    /// Whether adjacent synchronous stages share a task (`#![fusion = ..]`).
    pub(super) fusion: bool,
    style: PhantomData<S>,
}

impl<E: Send + 'static, S: Style> Pipeline<E, S> {
    /// A new run with `options` whose errors fail it (or, in the result style, travel as
    /// items). Its stages start together, at [`sink`](Self::sink) or
    /// [`into_stream`](Self::into_stream), once every argument is checked.
    ///
    /// # Panics
    ///
    /// Outside a Tokio runtime, at the caller's line (the `pipeline!` block).
    #[track_caller]
    pub fn new(mut options: Options) -> Self {
        crate::scope::expect_runtime("a pipeline runs its stages on a Tokio runtime");
        let (scope, capacity) = Self::scope(&mut options);
        Self {
            scope,
            capacity,
            on_error: OnError::FailFast,
            errors: (),
            ledger: None,
            fusion: !options.without_fusion,
            style: PhantomData,
        }
    }

    /// A new run with `options` whose errors go to an [`ErrorStream`] it holds.
    ///
    /// # Panics
    ///
    /// Outside a Tokio runtime, at the caller's line (the `pipeline!` block).
    #[track_caller]
    pub fn with_error_stream(mut options: Options) -> Pipeline<E, S, ErrorStream<E>> {
        crate::scope::expect_runtime("a pipeline runs its stages on a Tokio runtime");
        let (scope, capacity) = Self::scope(&mut options);
        let (reporter, errors) =
            crate::error_stream::channel(options.error_capacity.unwrap_or(DEFAULT_ERROR_CAPACITY));
        Pipeline {
            scope,
            capacity,
            on_error: OnError::Report(reporter),
            ledger: Some(errors.ledger()),
            errors,
            fusion: !options.without_fusion,
            style: PhantomData,
        }
    }

    fn scope(options: &mut Options) -> (Scope<E>, usize) {
        let mut builder = ScopeBuilder::new().deferred();
        if options.without_metrics {
            builder = builder.without_metrics();
        }
        for source in &options.cancel {
            builder = match source {
                CancelWith::Token(token) => builder.cancel_on(token.clone()),
                CancelWith::Done(done) => builder.parent(done),
            };
        }
        let zero_timeout = options.timeout.filter(Duration::is_zero);
        if let Some(timeout) = options.timeout.filter(|timeout| !timeout.is_zero()) {
            builder = builder.timeout(timeout);
        }
        let scope = builder.build();
        if let Some(zero) = zero_timeout {
            scope.reject(InvalidArgument {
                stage: None,
                argument: "timeout",
                value: format!("{zero:?}"),
                expected: "more than zero",
            });
        }
        if let Some(progress) = options.progress.take() {
            if options.without_metrics {
                // The display reads the metrics: without them it would show nothing.
                scope.reject(InvalidArgument {
                    stage: None,
                    argument: "progress",
                    value: "with `metrics = false`".to_owned(),
                    expected: "a run that keeps its metrics",
                });
            } else {
                scope.spawn_helper("(progress)", progress.display(scope.metrics()));
            }
        }
        #[cfg(feature = "tracing")]
        if let Some(after) = options.stall_warning.filter(|_| !options.without_metrics) {
            let watched = crate::trace::watch(
                scope.metrics.clone(),
                scope.id().get(),
                after.max(std::time::Duration::from_millis(1)),
            );
            scope.spawn_helper("(stall warning)", watched);
        }
        (scope, options.capacity.unwrap_or(DEFAULT_CAPACITY))
    }
}

impl<E: Send + 'static, S: Style, Errors> Pipeline<E, S, Errors> {
    /// The block's graph, a constant the macro wrote: what the run's
    /// [`graph`](crate::RunControl::graph) gives.
    pub fn describe(&self, graph: &'static GraphSpec) {
        self.scope.describe(graph);
    }

    /// `chunks(size)`'s size, checked before the run starts: 0 is an invalid argument of the
    /// stage (the run fails with it and nothing runs).
    pub fn chunk_size(&self, stage: &str, size: usize) -> usize {
        if size == 0 {
            self.scope
                .reject(InvalidArgument::zero(&StageName::new(stage), "chunks"));
        }
        size.max(1)
    }

    /// `chunks_timeout(size, window)`'s window, checked before the run starts: zero is an
    /// invalid argument of the stage (every chunk would leave with its first item).
    pub fn chunk_window(&self, stage: &str, window: Duration) -> Duration {
        if window.is_zero() {
            self.scope.reject(InvalidArgument {
                stage: Some(StageName::new(stage)),
                argument: "window",
                value: format!("{window:?}"),
                expected: "more than zero",
            });
        }
        window
    }

    /// A stage's per-item timeout, checked before the run starts: zero is an invalid
    /// argument of the stage (every item would fail).
    pub fn checked_timeout(&self, stage: &str, timeout: Timeout<E>) -> Timeout<E> {
        if timeout.after.is_zero() {
            self.scope.reject(InvalidArgument {
                stage: Some(StageName::new(stage)),
                argument: "timeout",
                value: format!("{:?}", timeout.after),
                expected: "more than zero",
            });
        }
        timeout
    }

    pub(super) fn channel<T: Send + 'static>(&self, spec: &StageSpec) -> (Sender<T>, Receiver<T>) {
        self.scope.channel(spec.capacity.unwrap_or(self.capacity))
    }

    pub(super) fn spawn<Fut>(&self, stage: StageName, gauge: Gauge, body: Fut)
    where
        Fut: Future<Output = Result<(), Exit<E>>> + Send + 'static,
    {
        self.scope
            .spawn_stage_loop(stage, gauge, StageBody { body });
    }

    /// Spawns a source whose loop is `body`.
    pub fn source<Out, F, Fut>(&self, spec: StageSpec, body: F) -> Link<Out, E, S>
    where
        S::Item<Out, E>: Send + 'static,
        F: FnOnce(SourceIo<Out, E, S>) -> Fut,
        Fut: Future<Output = Result<(), Exit<E>>> + Send + 'static,
    {
        let (tx, rx) = self.channel(&spec);
        let gauge = self.scope.gauge(&spec.name, [], [tx.channel_id()]);
        let io = SourceIo::new(
            tx,
            self.scope.pause_gate().clone(),
            self.scope.done().clone(),
            gauge.clone(),
        );
        self.spawn(spec.name, gauge, body(io));
        Link::channel(rx)
    }

    /// Spawns a `generate` source: `body` gets an [`Emitter`] and runs to its end (or until
    /// the run is cancelled or the consumer leaves, when it is dropped at its await point).
    pub fn generate<Out, F, Fut>(&self, spec: StageSpec, body: F) -> Link<Out, E, S>
    where
        S::Item<Out, E>: Send + 'static,
        F: FnOnce(Emitter<Out, E, S>) -> Fut,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.generator(spec, move |emit| {
            let generator = body(emit);
            async move {
                generator.await;
                Ok(())
            }
        })
    }

    /// Spawns a `try_generate` source: like [`generate`](Self::generate), and its error is
    /// handled in the run's style.
    pub fn try_generate<Out, F, Fut>(&self, spec: StageSpec, body: F) -> Link<Out, E, S>
    where
        S::Item<Out, E>: Send + 'static,
        F: FnOnce(Emitter<Out, E, S>) -> Fut,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
    {
        self.generator(spec, body)
    }

    fn generator<Out, F, Fut>(&self, spec: StageSpec, body: F) -> Link<Out, E, S>
    where
        S::Item<Out, E>: Send + 'static,
        F: FnOnce(Emitter<Out, E, S>) -> Fut,
        Fut: Future<Output = Result<(), E>> + Send + 'static,
    {
        let (tx, rx) = self.channel(&spec);
        let gate = self.scope.pause_gate().clone();
        let done = self.scope.done().clone();
        let on_error = self.on_error.clone();
        let gauge = self.scope.gauge(&spec.name, [], [tx.channel_id()]);
        let generator = body(Emitter::new(
            tx.clone(),
            gate,
            done.clone(),
            gauge.clone(),
            on_error.clone(),
        ));
        let source_gauge = gauge.clone();
        self.spawn(spec.name, gauge, async move {
            // Watches the run and the consumer while the generator runs; the generator sends
            // through its emitter, this only catches its error.
            let mut io = SourceIo::<Out, E, S>::new(tx, Pause::new(), done, source_gauge);
            match io.run(generator).await? {
                Ok(()) => io.close().await,
                Err(error) => io.fail_with(error, &on_error).await,
            }
        });
        Link::channel(rx)
    }

    /// Spawns a transform run by one task.
    pub fn stage<In, Out, F, Fut>(
        &self,
        spec: StageSpec,
        input: Link<In, E, S>,
        body: F,
    ) -> Link<Out, E, S>
    where
        S::Item<Out, E>: Send + 'static,
        F: FnOnce(StageIo<In, Out, E, S>) -> Fut,
        Fut: Future<Output = Result<(), Exit<E>>> + Send + 'static,
    {
        let (tx, rx) = self.channel(&spec);
        spawn_stage(
            &self.scope,
            spec.name,
            self.receiver(input),
            tx,
            self.on_error.clone(),
            body,
        );
        Link::channel(rx)
    }

    /// Spawns a transform run by `spec`'s number of workers, each running `body` on its own
    /// share of the input; ordered when `spec` says so. 0 workers is an invalid argument of
    /// the stage: the run fails with it and nothing runs.
    pub fn workers<In, Out, F, Fut>(
        &self,
        spec: StageSpec,
        input: Link<In, E, S>,
        body: F,
    ) -> Link<Out, E, S>
    where
        S::Item<Out, E>: Send + 'static,
        F: FnMut(StageIo<In, Out, E, S>) -> Fut,
        Fut: Future<Output = Result<(), Exit<E>>> + Send + 'static,
    {
        let workers = spec.workers.unwrap_or(1);
        if workers == 0 {
            self.scope
                .reject(InvalidArgument::zero(&spec.name, "workers"));
        }
        let capacity = spec.capacity.unwrap_or(self.capacity);
        let (tx, rx) = self.channel(&spec);
        let reorder = spec
            .ordered
            .then(|| Reorder::new(capacity.max(2 * workers), self.scope.done()));
        spawn_workers(
            &self.scope,
            &spec.name,
            std::iter::repeat_n(self.receiver(input), workers),
            &tx,
            reorder.as_ref(),
            &self.on_error,
            body,
        );
        Link::channel(rx)
    }
}

impl<E, S: Style, Errors> fmt::Debug for Pipeline<E, S, Errors> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pipeline")
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}
