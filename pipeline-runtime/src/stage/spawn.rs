//! Spawning a stage's tasks: one task ([`spawn_stage`]), a pool of workers
//! ([`spawn_workers`]), or a pool of sink workers ([`spawn_sink_workers`]). Every transform the runtime runs, generated or by hand, a fan-out or
//! a merge's forwarders, is spawned here, so each gets the same [`StageIo`] and the same exit
//! rule: a quiet stop is success, a failure is the task's error.

use std::future::Future;

use super::exit::{Exit, StageBody};
use super::io::{SinkIo, StageIo};
use super::on_error::OnError;
use super::outbox::Outbox;
use super::style::Style;
use crate::channel::{Receiver, Sender};
use crate::fusion::Inlet;
use crate::id::StageName;
use crate::reorder::Reorder;
use crate::scope::Scope;
use crate::sync::{Arc, AtomicUsize, Mutex, Ordering};

/// Spawns `name` as one task running `body` on a [`StageIo`] from `input` to `output`.
pub(crate) fn spawn_stage<In, Out, E, S, Fut>(
    scope: &Scope<E>,
    name: StageName,
    input: Receiver<S::Item<In, E>>,
    output: Sender<S::Item<Out, E>>,
    on_error: OnError<E>,
    body: impl FnOnce(StageIo<In, Out, E, S>) -> Fut,
) where
    E: Send + 'static,
    S: Style,
    Fut: Future<Output = Result<(), Exit<E>>> + Send + 'static,
{
    let gauge = scope.gauge(&name, [input.tap()], [output.channel_id()]);
    let io = StageIo::new(
        input,
        Outbox::batched(output),
        on_error,
        scope.done().clone(),
        gauge.clone(),
    );
    scope.spawn_stage_loop(name, gauge, StageBody { body: body(io) });
}

/// Spawns a worker of `name` per input (`name (worker i)`), each running `body` on a
/// [`StageIo`] from its input to the shared `output`; through `reorder`, when given, so that
/// outputs leave in input order. Fan-out workers get clones of one input; a merge's
/// forwarders get one input each. The output closes when the last worker exits.
pub(crate) fn spawn_workers<In, Out, E, S, Fut>(
    scope: &Scope<E>,
    name: &StageName,
    inputs: impl IntoIterator<Item = Receiver<S::Item<In, E>>>,
    output: &Sender<S::Item<Out, E>>,
    reorder: Option<&Reorder<S::Item<Out, E>>>,
    on_error: &OnError<E>,
    mut body: impl FnMut(StageIo<In, Out, E, S>) -> Fut,
) where
    E: Send + 'static,
    S: Style,
    Fut: Future<Output = Result<(), Exit<E>>> + Send + 'static,
{
    for (index, input) in inputs.into_iter().enumerate() {
        let outbox = match reorder {
            None => Outbox::batched(output.clone()),
            Some(reorder) => Outbox::ordered(output.clone(), reorder.clone()),
        };
        let gauge = scope.gauge(name, [input.tap()], [output.channel_id()]);
        let io = StageIo::new(
            input,
            outbox,
            on_error.clone(),
            scope.done().clone(),
            gauge.clone(),
        );
        scope.spawn_stage_loop(name.worker(index), gauge, StageBody { body: body(io) });
    }
}

/// Spawns a sink worker of `name` per input (`name (worker i)`), each running `body` on a
/// [`SinkIo`]. `done` gets `()` once every worker has finished its loop. How the run ended
/// still comes first: a cancelled run reports the cancel (the scope's outcome), whatever
/// the workers' loops did when their input stopped.
#[track_caller]
pub(crate) fn spawn_sink_workers<In, E, S, Fut>(
    scope: &Scope<E>,
    name: &StageName,
    inputs: impl ExactSizeIterator<Item = Receiver<S::Item<In, E>>>,
    on_error: &OnError<E>,
    done: tokio::sync::oneshot::Sender<()>,
    mut body: impl FnMut(SinkIo<In, E, S>) -> Fut,
) where
    E: Send + 'static,
    S: Style,
    Fut: Future<Output = Result<(), Exit<E>>> + Send + 'static,
{
    let left = Arc::new(AtomicUsize::new(inputs.len()));
    let done = Arc::new(Mutex::new(Some(done)));
    for (index, input) in inputs.enumerate() {
        let gauge = scope.gauge(name, [input.tap()], []);
        let io = SinkIo::new(
            Inlet::Channel(input),
            on_error.clone(),
            scope.done().clone(),
            gauge.clone(),
        );
        let work = body(io);
        let (left, done) = (left.clone(), done.clone());
        let worker = async move {
            work.await?;
            if left.fetch_sub(1, Ordering::AcqRel) == 1
                && let Some(done) = done.lock().take()
            {
                // The receiving end lives in the `Run`; if it is gone, nobody is waiting.
                let _ = done.send(());
            }
            Ok(())
        };
        scope.spawn_stage_loop(name.worker(index), gauge, StageBody { body: worker });
    }
}
