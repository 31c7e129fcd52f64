//! The wiring of a recursive stage (`recurse`, `try_recurse`): its frontier, shared by its
//! workers (see [`crate::stage::recursion`] for what it guarantees).

use std::future::Future;

use super::options::StageSpec;
use super::pipeline::{Link, Pipeline};
use crate::scope::InvalidArgument;
use crate::stage::{
    Exit, Frontier, Recursion, RecursionWorker, StageIo, Style, spawn_stage, spawn_workers,
};
use crate::sync::Arc;

impl<E: Send + 'static, S: Style, Errors> Pipeline<E, S, Errors> {
    /// Spawns a recursive stage run by one task: `body` works on each item with its
    /// [`RecursionWorker`], feeding children back.
    pub fn recurse<In, Out, F, Fut>(
        &self,
        spec: StageSpec,
        input: Link<In, E, S>,
        recursion: Recursion<In>,
        body: F,
    ) -> Link<Out, E, S>
    where
        S::Item<Out, E>: Send + 'static,
        F: FnOnce(StageIo<In, Out, E, S>, RecursionWorker<In, E>) -> Fut,
        Fut: Future<Output = Result<(), Exit<E>>> + Send + 'static,
    {
        let frontier = self.frontier(&spec, recursion, 1);
        let (tx, rx) = self.channel(&spec);
        spawn_stage(
            &self.scope,
            spec.name,
            self.receiver(input),
            tx,
            self.on_error.clone(),
            |io| body(io, RecursionWorker::new(frontier)),
        );
        Link::channel(rx)
    }

    /// Spawns a recursive stage run by `spec`'s number of workers, sharing one frontier. 0
    /// workers is an invalid argument of the stage.
    pub fn recurse_workers<In, Out, F, Fut>(
        &self,
        spec: StageSpec,
        input: Link<In, E, S>,
        recursion: Recursion<In>,
        mut body: F,
    ) -> Link<Out, E, S>
    where
        S::Item<Out, E>: Send + 'static,
        F: FnMut(StageIo<In, Out, E, S>, RecursionWorker<In, E>) -> Fut,
        Fut: Future<Output = Result<(), Exit<E>>> + Send + 'static,
    {
        let workers = spec.workers.unwrap_or(1);
        if workers == 0 {
            self.scope
                .reject(InvalidArgument::zero(&spec.name, "workers"));
        }
        let frontier = self.frontier(&spec, recursion, workers);
        let (tx, rx) = self.channel(&spec);
        spawn_workers(
            &self.scope,
            &spec.name,
            std::iter::repeat_n(self.receiver(input), workers),
            &tx,
            None,
            &self.on_error,
            |io| body(io, RecursionWorker::new(frontier.clone())),
        );
        Link::channel(rx)
    }

    /// The frontier `workers` workers of `spec` share; a `max_pending` of 0 is an invalid
    /// argument of the stage (no child could ever wait).
    fn frontier<In>(
        &self,
        spec: &StageSpec,
        recursion: Recursion<In>,
        workers: usize,
    ) -> Arc<Frontier<In, E>> {
        if recursion.max_pending == 0 {
            self.scope
                .reject(InvalidArgument::zero(&spec.name, "max_pending"));
        }
        Arc::new(Frontier::new(
            recursion,
            workers,
            spec.name.clone(),
            self.scope.failer(),
            self.scope.pause_gate().clone(),
            self.scope.done().clone(),
        ))
    }
}
