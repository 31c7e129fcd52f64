//! The handles a stage's loop works with (generated or by hand): [`StageIo`] for a transform, [`SourceIo`]
//! for a source, [`SinkIo`] for a sink.
//!
//! A generated stage is a few lines, Go's loop made safe:
//!
//! ```text
//! while let Some(item) = io.recv().await {   // select { case item := <-in: ... case <-done: }
//!     io.send(f(item)).await?;               // select { case out <- v: ... case <-done: }
//! }
//! io.close().await                           // close(out), which also happens on every `?`
//! ```
//!
//! Guarantees, on top of the channels':
//! - `recv` returns `None` when the input is closed and drained, when the run is cancelled,
//!   and when every consumer of this stage's output is gone — even while it waits for input —
//!   so an early stop downstream reaches every stage upstream without cancelling the run.
//! - Outputs are batched ([`Outlet`]) and flushed before every wait: for input, inside
//!   [`run`](StageIo::run), and on close. In an ordered fan-out they are deposited in the
//!   reorder window under their input's index instead.
//! - In the result style, `recv` forwards `Err` items to the output untouched, so the loop only
//!   sees values; [`fail`](StageIo::fail) applies the run's error style.
//! - [`run`](StageIo::run) awaits user code but gives up (dropping it at its await point) the
//!   moment the run is cancelled or the output has no consumer left.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::time::Sleep;

use super::exit::{Exit, Stopped};
use super::on_error::OnError;
use super::outbox::{Outbox, Output, watched};
use super::style::Style;
use super::timeout::{Elapsed, Timeout};
use crate::channel::{Receiver, Sender, TryRecvError};
use crate::context::current_stage_or_unknown;
use crate::done::Done;
use crate::fusion::Inlet;
use crate::metrics::Gauge;
use crate::pause::Pause;
use crate::pipeline_error::StageError;

/// Handles `error` raised by the current stage in the run's style: as an `Err` item (result
/// style), reported to the error stream, or failing the stage.
async fn fail_in_style<Out, E, S>(
    error: StageError<E>,
    output: &mut Output<S::Item<Out, E>>,
    on_error: &OnError<E>,
) -> Result<(), Exit<E>>
where
    S: Style,
{
    output.gauge.error();
    match S::error_item::<Out, E>(error) {
        Ok(item) => Ok(output.push(item).await?),
        Err(error) => on_error.handle(error).map_err(Exit::failed),
    }
}

/// `error`, raised by the current stage after `attempts` attempts at its item.
fn raised<E>(error: E, attempts: usize) -> StageError<E> {
    StageError::new(current_stage_or_unknown(), error).after_attempts(attempts)
}

/// What can end a wait for input early: nothing ([`NoTimer`], for `recv`, so that its code
/// is what it would be without timers), or a chunk's window.
pub(super) trait InputTimer {
    /// Whether the timer has fired; registers for its wake-up otherwise.
    fn poll_fired(&mut self, cx: &mut Context<'_>) -> bool;
    /// Whether it has run out (asked while items are in hand, without waiting).
    fn has_run_out(&self) -> bool;
}

/// No timer: a wait for input ends only with an item, or with the input.
pub(super) struct NoTimer;

impl InputTimer for NoTimer {
    #[inline]
    fn poll_fired(&mut self, _: &mut Context<'_>) -> bool {
        false
    }

    #[inline]
    fn has_run_out(&self) -> bool {
        false
    }
}

/// A timer that is armed or not.
impl InputTimer for Option<Pin<&mut Sleep>> {
    fn poll_fired(&mut self, cx: &mut Context<'_>) -> bool {
        self.as_mut()
            .is_some_and(|timer| timer.as_mut().poll(cx).is_ready())
    }

    fn has_run_out(&self) -> bool {
        self.as_ref()
            .is_some_and(|timer| timer.deadline() <= tokio::time::Instant::now())
    }
}

/// What waiting for the next input gave.
pub(super) enum Next<T> {
    Item(T),
    /// The timer fired first.
    Elapsed,
    /// The input is closed and drained.
    Exhausted,
    /// The run is cancelled, or nobody consumes the output.
    Ended,
}

/// What a transform stage receives from and sends to.
#[doc(hidden)]
pub struct StageIo<In, Out, E, S: Style> {
    input: Receiver<S::Item<In, E>>,
    output: Output<S::Item<Out, E>>,
    on_error: OnError<E>,
}

impl<In, Out, E, S> StageIo<In, Out, E, S>
where
    S: Style,
{
    pub(crate) fn new(
        input: Receiver<S::Item<In, E>>,
        output: Outbox<S::Item<Out, E>>,
        on_error: OnError<E>,
        done: Done,
        gauge: Gauge,
    ) -> Self {
        Self {
            input,
            output: Output::new(output, done, gauge),
            on_error,
        }
    }

    /// The next input value. `None`: the input is exhausted, the run is cancelled, or nobody
    /// consumes this stage's output any more. Waits on all three at once.
    pub async fn recv(&mut self) -> Option<In> {
        match self.next_input(NoTimer).await {
            Next::Item(value) => Some(value),
            Next::Elapsed | Next::Exhausted | Next::Ended => None,
        }
    }

    /// Like [`recv`](Self::recv), also giving up once `timer` fires, if there is one (while
    /// it waits for input: an item in hand is taken first).
    pub(super) async fn next_input(&mut self, mut timer: impl InputTimer) -> Next<In> {
        loop {
            if self.output.is_ordered() && self.output.finish_item().await.is_err() {
                return Next::Ended;
            }
            // The common case, an item in hand, takes no await at all. The exception: a
            // fan-out worker whose take woke the producer its clones are about to need lets
            // it run first (see `Receiver::try_recv_for_stage`).
            let (index, item) = match self.input.try_recv_for_stage() {
                Ok((index, item, producer_needs_a_turn)) => {
                    if producer_needs_a_turn {
                        tokio::task::yield_now().await;
                    }
                    (index, item)
                }
                Err(TryRecvError::Empty) => match self.wait_for_input(&mut timer).await {
                    Next::Item(next) => next,
                    Next::Elapsed => return Next::Elapsed,
                    Next::Exhausted => return Next::Exhausted,
                    Next::Ended => return Next::Ended,
                },
                Err(TryRecvError::Closed) => return Next::Exhausted,
                Err(TryRecvError::Cancelled) => return Next::Ended,
            };
            self.output.begin_item(index);
            self.output.gauge.item_in();
            match S::split(item) {
                Ok(value) => return Next::Item(value),
                Err(upstream) => {
                    // Result style: an earlier stage's error passes this one untouched.
                    let Ok(item) = S::error_item(upstream) else {
                        return Next::Ended;
                    };
                    if self.output.push(item).await.is_err() {
                        return Next::Ended;
                    }
                    // Errors in hand do not hold back a timer that has run out.
                    if timer.has_run_out() {
                        return Next::Elapsed;
                    }
                }
            }
        }
    }

    /// Nothing to take now: flushes (nothing of ours may wait with us), then waits for an
    /// item, for the output to lose its consumers, or for `timer`.
    async fn wait_for_input(&mut self, timer: &mut impl InputTimer) -> Next<(u64, S::Item<In, E>)> {
        if self.output.flush().await.is_err() {
            return Next::Ended;
        }
        let Self { input, output, .. } = self;
        // `move` captures the `&mut`s themselves: a shared borrow held across the await
        // would demand `Sync` items.
        let (waiting_input, watched_output) = (&mut *input, &mut *output);
        let next = std::future::poll_fn(move |cx| {
            if let Poll::Ready(next) = waiting_input.poll_recv_indexed(cx) {
                return Poll::Ready(match next {
                    Some(next) => Next::Item(next),
                    None if waiting_input.is_cancelled() => Next::Ended,
                    None => Next::Exhausted,
                });
            }
            if watched_output.poll_closed(cx).is_ready() {
                return Poll::Ready(Next::Ended);
            }
            if timer.poll_fired(cx) {
                return Poll::Ready(Next::Elapsed);
            }
            Poll::Pending
        })
        .await;
        output.stop_watching();
        next
    }

    /// The next input item as the style carries it, if one is there now, without waiting
    /// or registering for a wake-up: the common case of a junction that waits on more than
    /// one input at once (`zip`).
    pub(super) fn try_input(&mut self) -> Result<S::Item<In, E>, TryRecvError> {
        let item = self.input.try_recv()?;
        self.output.gauge.item_in();
        Ok(item)
    }

    /// Counts an item this stage took from elsewhere than its input (a recursive stage's
    /// fed-back items) in its metrics.
    pub(super) fn count_in(&self) {
        self.output.gauge.item_in();
    }

    /// Whether the next input item is in hand already, taken from the channel with the
    /// ones before it: it arrived no later than they did.
    pub(super) fn has_input_in_hand(&self) -> bool {
        self.input.has_in_hand()
    }

    /// The next input item as the style carries it, if one is there now; registers for a
    /// wake-up otherwise. For junctions that wait on more than one input at once (`zip`).
    pub(super) fn poll_input(&mut self, cx: &mut Context<'_>) -> Poll<Option<S::Item<In, E>>> {
        self.input.poll_recv_indexed(cx).map(|next| {
            let (_, item) = next?;
            self.output.gauge.item_in();
            Some(item)
        })
    }

    /// Ready once nobody consumes this stage's output; until
    /// [`stop_watching`](Self::stop_watching) is called.
    pub(super) fn poll_consumer_gone(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        self.output.poll_closed(cx)
    }

    /// Delivers what is buffered, without ending the stage: before a wait that is not for
    /// input (in an ordered fan-out, in the middle of an item: nothing to deliver).
    pub(super) async fn flush(&mut self) -> Result<(), Exit<E>> {
        Ok(self.output.flush_held().await?)
    }

    /// Releases the watch [`poll_consumer_gone`](Self::poll_consumer_gone) set up.
    pub(super) fn stop_watching(&mut self) {
        self.output.stop_watching();
    }

    /// Sends `value` downstream. `Err(Exit::Stop)` when the run is cancelled or the consumer
    /// left: return it (with `?`) and the stage ends quietly.
    pub async fn send(&mut self, value: Out) -> Result<(), Exit<E>> {
        Ok(self.output.push(S::ok(value)).await?)
    }

    /// Sends on an error that came from upstream (result style), untouched.
    pub(crate) async fn pass_on(&mut self, upstream: StageError<E>) -> Result<(), Exit<E>> {
        match S::error_item::<Out, E>(upstream) {
            Ok(item) => Ok(self.output.push(item).await?),
            // Not the result style: errors never travel as items there.
            Err(_) => Ok(()),
        }
    }

    /// Handles an error of this stage's user code in the run's error style: fails the run
    /// (`Err`), or reports it / sends it on as an `Err` item and goes on (`Ok`).
    pub async fn fail(&mut self, error: E) -> Result<(), Exit<E>> {
        self.fail_after(error, 1).await
    }

    /// [`fail`](Self::fail) for the error of the last of `attempts` attempts at the item (a
    /// retrying stage): the error the run reports says how many there were.
    pub(super) async fn fail_after(&mut self, error: E, attempts: usize) -> Result<(), Exit<E>> {
        let error = raised(error, attempts);
        fail_in_style::<Out, E, S>(error, &mut self.output, &self.on_error).await
    }

    /// Sends the value of `result` downstream, or handles its error as [`fail`](Self::fail)
    /// does: what a fallible stage does with its user code's result for each item.
    pub async fn send_result(&mut self, result: Result<Out, E>) -> Result<(), Exit<E>> {
        match result {
            Ok(value) => self.send(value).await,
            Err(error) => self.fail(error).await,
        }
    }

    /// Awaits user code; gives up when the run is cancelled or the consumer left.
    pub async fn run<F: Future>(&mut self, future: F) -> Result<F::Output, Exit<E>> {
        Ok(self.output.run(future).await?)
    }

    /// Like [`run`](Self::run), within `timeout`; `Ok(None)` when it elapsed and the error
    /// was handled in the run's style (the item is dropped).
    pub async fn run_timed<F: Future>(
        &mut self,
        future: F,
        timeout: Timeout<E>,
    ) -> Result<Option<F::Output>, Exit<E>> {
        match self
            .run(tokio::time::timeout(timeout.after, future))
            .await?
        {
            Ok(output) => Ok(Some(output)),
            Err(_) => {
                let error = (timeout.into_error)(Elapsed {
                    after: timeout.after,
                });
                self.fail(error).await?;
                Ok(None)
            }
        }
    }

    /// Ends the stage normally: delivers what is buffered. The output closes when the stage's
    /// task exits, which every path out of the loop (including `?`) leads to.
    pub async fn close(&mut self) -> Result<(), Exit<E>> {
        Ok(self.output.flush().await?)
    }
}

/// What a source sends to.
#[doc(hidden)]
pub struct SourceIo<Out, E, S: Style> {
    output: Output<S::Item<Out, E>>,
    gate: Pause,
}

impl<Out, E, S> SourceIo<Out, E, S>
where
    S: Style,
{
    pub(crate) fn new(
        output: Sender<S::Item<Out, E>>,
        gate: Pause,
        done: Done,
        gauge: Gauge,
    ) -> Self {
        Self {
            output: Output::new(Outbox::batched(output), done, gauge),
            gate,
        }
    }

    /// Sends `value` downstream, first waiting at the pause gate. `Err(Exit::Stop)` when the
    /// run is cancelled or the consumer left.
    pub async fn send(&mut self, value: Out) -> Result<(), Exit<E>> {
        if self.is_paused() {
            self.resumed().await?;
        }
        Ok(self.output.push(S::ok(value)).await?)
    }

    /// Waits at the pause gate while the run is paused, having delivered what is buffered.
    pub(super) async fn resumed(&mut self) -> Result<(), Exit<E>> {
        if self.is_paused() {
            self.output.flush().await?;
            self.gate
                .resumed(self.output.done())
                .await
                .map_err(|_| Stopped)?;
        }
        Ok(())
    }

    pub(super) fn is_paused(&self) -> bool {
        self.gate.is_paused()
    }

    /// Awaits user code (the next item of a stream or channel); gives up when the run is
    /// cancelled or the consumer left.
    pub async fn run<F: Future>(&mut self, future: F) -> Result<F::Output, Exit<E>> {
        Ok(self.output.run(future).await?)
    }

    /// Handles a generator's error in the run's style, then ends the source.
    pub(crate) async fn fail_with(
        mut self,
        error: E,
        on_error: &OnError<E>,
    ) -> Result<(), Exit<E>> {
        fail_in_style::<Out, E, S>(raised(error, 1), &mut self.output, on_error).await?;
        self.close().await
    }

    /// Delivers what is buffered, without ending the source: before a wait.
    pub(super) async fn flush(&mut self) -> Result<(), Exit<E>> {
        Ok(self.output.flush().await?)
    }

    /// Ends the source normally: delivers what is buffered.
    pub async fn close(&mut self) -> Result<(), Exit<E>> {
        Ok(self.output.flush().await?)
    }
}

/// What a sink receives from. In the result style it sees `Err` items too.
#[doc(hidden)]
pub struct SinkIo<In, E, S: Style> {
    input: Inlet<S::Item<In, E>>,
    on_error: OnError<E>,
    done: Done,
    gauge: Gauge,
}

impl<In, E, S> SinkIo<In, E, S>
where
    S: Style,
{
    pub(crate) fn new(
        input: Inlet<S::Item<In, E>>,
        on_error: OnError<E>,
        done: Done,
        gauge: Gauge,
    ) -> Self {
        Self {
            input,
            on_error,
            done,
            gauge,
        }
    }

    /// The next item (in the result style, `Ok` or `Err`); `None` once the input is
    /// exhausted or the run is cancelled.
    pub async fn recv(&mut self) -> Option<S::Item<In, E>> {
        // The common case of a fused input, an item in hand, enters no other future.
        let next = match self.input.in_hand() {
            Some(item) => Some(item),
            None => self.input.recv().await,
        };
        if next.is_some() {
            self.gauge.item_in();
        }
        next
    }

    /// Handles an error of the sink's own user code: fails the run, or (error-channel style)
    /// reports it and goes on.
    pub async fn fail(&mut self, error: E) -> Result<(), Exit<E>> {
        self.gauge.error();
        self.on_error.handle(raised(error, 1)).map_err(Exit::failed)
    }

    /// Awaits user code; gives up when the run is cancelled.
    pub async fn run<F: Future>(&mut self, future: F) -> Result<F::Output, Exit<E>> {
        Ok(watched(future, &self.done, |_| false).await?)
    }
}
