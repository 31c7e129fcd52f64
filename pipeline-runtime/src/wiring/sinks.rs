//! How a `pipeline!` block ends: in its one sink (a [`Run`] of the sink's value), in a tuple of
//! branches that each end in a sink (a [`Run`] of the tuple of their values, gathered by
//! [`Pipeline::gather`]), or without a sink (a [`Handle`] streaming the last link).
//!
//! A sink is spawned like every stage; the run starts once the block's last call is made, so
//! the sinks of a tuple all start together with the rest.

use std::future::Future;

use super::options::StageSpec;
use super::pipeline::{Link, Pipeline};
use crate::run::{Delivery, Handle, Run, SinkValue, SinkValues};
use crate::scope::InvalidArgument;
use crate::stage::{Exit, SinkIo, StageBody, Style, spawn_sink_workers};

impl<E: Send + 'static, S: Style, Errors> Pipeline<E, S, Errors> {
    /// Spawns the sink and starts the run (every stage of the block, unless an argument was
    /// invalid); the run resolves to the sink's result once every task has exited.
    ///
    /// # Panics
    ///
    /// Outside a Tokio runtime, at the caller's line.
    #[track_caller]
    pub fn sink<In, R, F, Fut>(
        self,
        spec: StageSpec,
        input: Link<In, E, S>,
        body: F,
    ) -> Run<R, E, Errors>
    where
        R: Send + 'static,
        F: FnOnce(SinkIo<In, E, S>) -> Fut,
        Fut: Future<Output = Result<R, Exit<E>>> + Send + 'static,
    {
        let value = self.branch_sink(spec, input, body);
        self.finish(Delivery::One(value))
    }

    /// Spawns a sink run by `spec`'s number of workers sharing its input (`for_each` and
    /// `try_for_each` with `[workers = N]`), each running `body`, and starts the run. The run
    /// resolves to `()` once every worker has consumed its share and every task has exited.
    /// 0 workers is an invalid argument of the stage.
    ///
    /// # Panics
    ///
    /// Outside a Tokio runtime, at the caller's line.
    #[track_caller]
    pub fn sink_workers<In, F, Fut>(
        self,
        spec: StageSpec,
        input: Link<In, E, S>,
        body: F,
    ) -> Run<(), E, Errors>
    where
        F: FnMut(SinkIo<In, E, S>) -> Fut,
        Fut: Future<Output = Result<(), Exit<E>>> + Send + 'static,
    {
        let value = self.branch_sink_workers(spec, input, body);
        self.finish(Delivery::One(value))
    }

    /// Spawns the sink that ends a `let` branch: its value is one of the block's results,
    /// for [`gather`](Self::gather). Nothing runs before the block's end starts the run.
    pub fn branch_sink<In, R, F, Fut>(
        &self,
        spec: StageSpec,
        input: Link<In, E, S>,
        body: F,
    ) -> SinkValue<R>
    where
        R: Send + 'static,
        F: FnOnce(SinkIo<In, E, S>) -> Fut,
        Fut: Future<Output = Result<R, Exit<E>>> + Send + 'static,
    {
        let (result_tx, rx) = tokio::sync::oneshot::channel();
        let (inlet, gauge, listed) = self.inlet(&spec, input);
        let io = SinkIo::new(
            inlet,
            self.on_error.clone(),
            self.scope.done().clone(),
            gauge.clone(),
        );
        let body = body(io);
        let task = StageBody {
            body: async move {
                let value = body.await?;
                // The receiving end lives in the `Run`; if it is gone, nobody wants the value.
                let _ = result_tx.send(value);
                Ok(())
            },
        };
        self.scope.spawn_fused_loop(listed, spec.name, gauge, task);
        SinkValue { rx }
    }

    /// [`sink_workers`](Self::sink_workers) for a sink that ends a `let` branch: its `()` is
    /// one of the block's results, once every worker has finished.
    pub fn branch_sink_workers<In, F, Fut>(
        &self,
        spec: StageSpec,
        input: Link<In, E, S>,
        body: F,
    ) -> SinkValue<()>
    where
        F: FnMut(SinkIo<In, E, S>) -> Fut,
        Fut: Future<Output = Result<(), Exit<E>>> + Send + 'static,
    {
        let workers = spec.workers.unwrap_or(1);
        if workers == 0 {
            self.scope
                .reject(InvalidArgument::zero(&spec.name, "workers"));
        }
        let input = self.receiver(input);
        let (result_tx, rx) = tokio::sync::oneshot::channel();
        spawn_sink_workers(
            &self.scope,
            &spec.name,
            std::iter::repeat_n(input, workers),
            &self.on_error,
            result_tx,
            body,
        );
        SinkValue { rx }
    }

    /// Ends a block whose result is a tuple of branches that each end in a sink
    /// (`(a, b, ..)`) and starts the run: it resolves to the tuple of their values once every
    /// task has exited.
    ///
    /// # Panics
    ///
    /// Outside a Tokio runtime, at the caller's line.
    #[track_caller]
    pub fn gather<V: SinkValues + 'static>(self, values: V) -> Run<V::Output, E, Errors> {
        self.finish(Delivery::Gathered(Box::new(values)))
    }

    /// Ends the block without a sink and starts the run: the run is a stream of `output`'s
    /// items.
    ///
    /// # Panics
    ///
    /// Outside a Tokio runtime, at the caller's line.
    #[track_caller]
    pub fn into_stream<T>(self, output: Link<T, E, S>) -> Handle<T, E, S, Errors> {
        let output = self.receiver(output);
        self.scope.start();
        Handle::new(self.scope, output, self.errors, self.ledger)
    }

    #[track_caller]
    fn finish<R>(self, delivery: Delivery<R>) -> Run<R, E, Errors> {
        self.scope.start();
        Run::new(self.scope, delivery, self.errors, self.ledger)
    }
}
