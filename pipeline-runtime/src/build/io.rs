//! The handles a generated stage loop works with: [`StageIo`] for a transform, [`SourceIo`]
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
use std::pin::{Pin, pin};
use std::task::{Context, Poll};

use super::exit::{Elapsed, Exit, Timeout};
use super::style::Style;
use crate::channel::{Outlet, Receiver, Sender, TryRecvError};
use crate::errors::{OnError, current_stage_or_unknown};
use crate::reorder::{Reorder, Slot};
use crate::{Done, Pause, StageError, WaitForCancel};

/// Where a stage's outputs go: batched into its output channel, or into an ordered fan-out's
/// reorder window under the index of the input item they came from.
pub(crate) enum Outbox<T> {
    Batched(Outlet<T>),
    Ordered {
        reorder: Reorder<T>,
        sender: Sender<T>,
        index: Option<u64>,
        items: Vec<T>,
    },
}

impl<T> Outbox<T> {
    pub(crate) fn batched(sender: Sender<T>) -> Self {
        Outbox::Batched(Outlet::new(sender))
    }

    pub(crate) fn ordered(sender: Sender<T>, reorder: Reorder<T>) -> Self {
        Outbox::Ordered {
            reorder,
            sender,
            index: None,
            items: Vec::new(),
        }
    }

    fn sender(&self) -> &Sender<T> {
        match self {
            Outbox::Batched(outlet) => outlet.sender(),
            Outbox::Ordered { sender, .. } => sender,
        }
    }

    async fn push(&mut self, item: T) -> Result<(), ()> {
        match self {
            Outbox::Batched(outlet) => outlet.push(item).await.map_err(drop),
            Outbox::Ordered { items, .. } => {
                items.push(item);
                Ok(())
            }
        }
    }

    fn begin_item(&mut self, input_index: u64) {
        if let Outbox::Ordered { index, .. } = self {
            *index = Some(input_index);
        }
    }

    /// Ordered: deposits the current item's outputs (nothing, one or many) under its index.
    async fn finish_item(&mut self) -> Result<(), ()> {
        if let Outbox::Ordered {
            reorder,
            sender,
            index,
            items,
        } = self
            && let Some(index) = index.take()
        {
            let slot = Slot::collect(items.drain(..));
            // Boxed: waiting on the reorder window takes a large future, which would
            // otherwise be part of every stage task, ordered or not.
            return Box::pin(reorder.put(index, slot, sender))
                .await
                .map_err(drop);
        }
        Ok(())
    }

    fn try_flush(&mut self) {
        if let Outbox::Batched(outlet) = self {
            // A failure shows up again at the next push; nothing is lost here.
            let _ = outlet.try_flush();
        }
    }

    async fn flush(&mut self) -> Result<(), ()> {
        match self {
            Outbox::Batched(outlet) => outlet.flush().await.map_err(drop),
            Outbox::Ordered { .. } => self.finish_item().await,
        }
    }

    /// Awaits `future`; flushes once it has to wait; gives up when `done` is cancelled or
    /// the output has no consumer left.
    async fn run<F: Future>(
        &mut self,
        future: F,
        done: &Done,
        closed_key: &mut Option<usize>,
    ) -> Result<F::Output, ()> {
        let mut flushed = false;
        let outcome = watched(future, done, |cx| {
            if !flushed {
                flushed = true;
                self.try_flush();
            }
            self.sender().poll_closed(cx, closed_key).is_ready()
        })
        .await;
        self.sender().release_key(closed_key);
        outcome
    }
}

/// Awaits `future` unless `done` is cancelled or `stop` (asked only while the future waits)
/// says so first. The cancellation wait is only set up once the future has to wait.
async fn watched<F: Future>(
    future: F,
    done: &Done,
    mut stop: impl FnMut(&mut Context<'_>) -> bool,
) -> Result<F::Output, ()> {
    let mut future = pin!(future);
    let mut cancelled: Option<WaitForCancel> = None;
    std::future::poll_fn(|cx| {
        if let Poll::Ready(output) = future.as_mut().poll(cx) {
            return Poll::Ready(Ok(output));
        }
        let cancelled = cancelled.get_or_insert_with(|| done.cancelled());
        if Pin::new(cancelled).poll(cx).is_ready() || stop(cx) {
            return Poll::Ready(Err(()));
        }
        Poll::Pending
    })
    .await
}

/// Handles `error` raised by the current stage in the run's style: as an `Err` item (result
/// style), reported to the error stream, or failing the stage.
async fn fail_in_style<Out, E, S>(
    error: E,
    outbox: &mut Outbox<S::Item<Out, E>>,
    on_error: &OnError<E>,
) -> Result<(), Exit<E>>
where
    S: Style,
{
    match S::error_item::<Out, E>(StageError::new(current_stage_or_unknown(), error)) {
        Ok(item) => outbox.push(item).await.map_err(|()| Exit::Stop),
        Err(error) => on_error.handle(error).map_err(Exit::Fail),
    }
}

/// What a generated transform stage receives from and sends to.
pub struct StageIo<In, Out, E, S: Style> {
    input: Receiver<S::Item<In, E>>,
    output: Outbox<S::Item<Out, E>>,
    on_error: OnError<E>,
    done: Done,
    closed_key: Option<usize>,
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
    ) -> Self {
        Self {
            input,
            output,
            on_error,
            done,
            closed_key: None,
        }
    }

    /// The next input value. `None`: the input is exhausted, the run is cancelled, or nobody
    /// consumes this stage's output any more. Waits on all three at once.
    pub async fn recv(&mut self) -> Option<In> {
        loop {
            if let Outbox::Ordered { .. } = self.output {
                self.output.finish_item().await.ok()?;
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
                Err(TryRecvError::Empty) => self.wait_for_input().await?,
                Err(TryRecvError::Closed | TryRecvError::Cancelled) => return None,
            };
            self.output.begin_item(index);
            match S::split(item) {
                Ok(value) => return Some(value),
                Err(upstream) => {
                    // Result style: an earlier stage's error passes this one untouched.
                    let item = S::error_item(upstream).ok()?;
                    self.output.push(item).await.ok()?;
                }
            }
        }
    }

    /// Nothing to take now: flushes (nothing of ours may wait with us), then waits for an
    /// item, or for the output to lose its consumers.
    async fn wait_for_input(&mut self) -> Option<(u64, S::Item<In, E>)> {
        self.output.flush().await.ok()?;
        let Self {
            input,
            output,
            closed_key,
            ..
        } = self;
        // `move` captures the `&mut`s themselves: a shared borrow held across the await
        // would demand `Sync` items.
        let (waiting_input, watched_output, key) = (&mut *input, &mut *output, &mut *closed_key);
        let next = std::future::poll_fn(move |cx| {
            if let Poll::Ready(next) = waiting_input.poll_recv_indexed(cx) {
                return Poll::Ready(next);
            }
            if watched_output.sender().poll_closed(cx, key).is_ready() {
                return Poll::Ready(None);
            }
            Poll::Pending
        })
        .await;
        output.sender().release_key(closed_key);
        next
    }

    /// Sends `value` downstream. `Err(Exit::Stop)` when the run is cancelled or the consumer
    /// left: return it (with `?`) and the stage ends quietly.
    pub async fn send(&mut self, value: Out) -> Result<(), Exit<E>> {
        self.output
            .push(S::ok(value))
            .await
            .map_err(|()| Exit::Stop)
    }

    /// Handles an error of this stage's user code in the run's error style: fails the run
    /// (`Err`), or reports it / sends it on as an `Err` item and goes on (`Ok`).
    pub async fn fail(&mut self, error: E) -> Result<(), Exit<E>> {
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
        self.output
            .run(future, &self.done, &mut self.closed_key)
            .await
            .map_err(|()| Exit::Stop)
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
        self.output.flush().await.map_err(|()| Exit::Stop)
    }
}

impl<In, Out, E, S> Drop for StageIo<In, Out, E, S>
where
    S: Style,
{
    fn drop(&mut self) {
        self.output.sender().release_key(&mut self.closed_key);
    }
}

/// What a generated source sends to.
pub struct SourceIo<Out, E, S: Style> {
    output: Outbox<S::Item<Out, E>>,
    gate: Pause,
    done: Done,
    closed_key: Option<usize>,
}

impl<Out, E, S> SourceIo<Out, E, S>
where
    S: Style,
{
    pub(crate) fn new(output: Sender<S::Item<Out, E>>, gate: Pause, done: Done) -> Self {
        Self {
            output: Outbox::batched(output),
            gate,
            done,
            closed_key: None,
        }
    }

    /// Sends `value` downstream, first waiting at the pause gate. `Err(Exit::Stop)` when the
    /// run is cancelled or the consumer left.
    pub async fn send(&mut self, value: Out) -> Result<(), Exit<E>> {
        if self.gate.is_paused() {
            self.output.flush().await.map_err(|()| Exit::Stop)?;
            self.gate
                .resumed(&self.done)
                .await
                .map_err(|_| Exit::Stop)?;
        }
        self.output
            .push(S::ok(value))
            .await
            .map_err(|()| Exit::Stop)
    }

    /// Awaits user code (the next item of a stream or channel); gives up when the run is
    /// cancelled or the consumer left.
    pub async fn run<F: Future>(&mut self, future: F) -> Result<F::Output, Exit<E>> {
        self.output
            .run(future, &self.done, &mut self.closed_key)
            .await
            .map_err(|()| Exit::Stop)
    }

    /// Handles a generator's error in the run's style, then ends the source.
    pub(crate) async fn fail_with(
        mut self,
        error: E,
        on_error: &OnError<E>,
    ) -> Result<(), Exit<E>> {
        fail_in_style::<Out, E, S>(error, &mut self.output, on_error).await?;
        self.close().await
    }

    /// Ends the source normally: delivers what is buffered.
    pub async fn close(&mut self) -> Result<(), Exit<E>> {
        self.output.flush().await.map_err(|()| Exit::Stop)
    }
}

impl<Out, E, S> Drop for SourceIo<Out, E, S>
where
    S: Style,
{
    fn drop(&mut self) {
        self.output.sender().release_key(&mut self.closed_key);
    }
}

/// What a generated sink receives from. In the result style it sees `Err` items too.
pub struct SinkIo<In, E, S: Style> {
    input: Receiver<S::Item<In, E>>,
    on_error: OnError<E>,
    done: Done,
}

impl<In, E, S> SinkIo<In, E, S>
where
    S: Style,
{
    pub(crate) fn new(input: Receiver<S::Item<In, E>>, on_error: OnError<E>, done: Done) -> Self {
        Self {
            input,
            on_error,
            done,
        }
    }

    /// The next item (in the result style, `Ok` or `Err`); `None` once the input is
    /// exhausted or the run is cancelled.
    pub async fn recv(&mut self) -> Option<S::Item<In, E>> {
        self.input.recv().await
    }

    /// Handles an error of the sink's own user code: fails the run, or (error-channel style)
    /// reports it and goes on.
    pub async fn fail(&mut self, error: E) -> Result<(), Exit<E>> {
        self.on_error
            .handle(StageError::new(current_stage_or_unknown(), error))
            .map_err(Exit::Fail)
    }

    /// Awaits user code; gives up when the run is cancelled.
    pub async fn run<F: Future>(&mut self, future: F) -> Result<F::Output, Exit<E>> {
        watched(future, &self.done, |_| false)
            .await
            .map_err(|()| Exit::Stop)
    }
}
