//! The loops that stage tasks run. Each owns its output (through an [`Outlet`]), so returning
//! for any reason closes it.
//!
//! Outputs are batched by the outlet; each loop flushes it before it could wait: before
//! waiting for input, when user code goes pending, before waiting at the pause gate, and on
//! exit. So no output is held back while its stage waits.

use std::future::Future;
use std::pin::pin;
use std::task::Poll;

use super::Operator;
use crate::channel::{Outlet, Receiver, Sender, TryRecvError};
use crate::errors::{Flow, OnError};
use crate::reorder::{Reorder, Slot};
use crate::{Done, Pause};

/// The next input item; flushes `outlet` first if it has to wait for one.
///
/// `None` when the input is closed and drained, the run is cancelled, or the flush found the
/// consumer gone.
async fn next_input<In, Out: Send>(
    input: &mut Receiver<In>,
    outlet: &mut Outlet<Out>,
) -> Option<In> {
    match input.try_recv() {
        Ok(item) => Some(item),
        Err(TryRecvError::Empty) => {
            outlet.flush().await.ok()?;
            // Receive observes done: `None` when the input closed or the run was cancelled.
            input.recv().await
        }
        Err(TryRecvError::Closed | TryRecvError::Cancelled) => None,
    }
}

/// Awaits `future`, flushing `outlet` (without waiting) if the future has to wait.
async fn flushing_while_pending<F: Future, Out: Send>(
    future: F,
    outlet: &mut Outlet<Out>,
) -> F::Output {
    let mut future = pin!(future);
    let mut flushed = false;
    std::future::poll_fn(|cx| match future.as_mut().poll(cx) {
        Poll::Ready(output) => Poll::Ready(output),
        Poll::Pending => {
            if !flushed {
                flushed = true;
                // A failure shows up again at the next push; nothing is lost here.
                let _ = outlet.try_flush();
            }
            Poll::Pending
        }
    })
    .await
}

/// Applies `op` to each input item and sends its outputs, in order.
pub(super) async fn single<In, Op: Operator<In>>(
    mut input: Receiver<In>,
    output: Sender<Op::Output>,
    mut op: Op,
    on_error: OnError<Op::Error>,
) -> Result<(), Op::Error> {
    let mut outlet = Outlet::new(output);
    while let Some(item) = next_input(&mut input, &mut outlet).await {
        match flushing_while_pending(op.apply(item), &mut outlet).await {
            Ok(outputs) => {
                for out in outputs {
                    // Sending observes done; an error means cancelled or the consumer left.
                    if outlet.push(out).await.is_err() {
                        return Ok(());
                    }
                }
            }
            Err(error) => {
                if on_error.handle(error).await? == Flow::Stop {
                    return Ok(());
                }
            }
        }
    }
    // The input is done: deliver what is left (fails at once if the run was cancelled).
    let _ = outlet.flush().await;
    Ok(())
}

/// Like [`single`], depositing each item's outputs in the reorder window under its index.
pub(super) async fn ordered<In, Op: Operator<In>>(
    mut input: Receiver<In>,
    output: Sender<Op::Output>,
    reorder: Reorder<Op::Output>,
    mut op: Op,
    on_error: OnError<Op::Error>,
) -> Result<(), Op::Error> {
    while let Some((index, item)) = input.recv_indexed().await {
        let slot = match op.apply(item).await {
            Ok(outputs) => Slot::collect(outputs),
            Err(error) => {
                if on_error.handle(error).await? == Flow::Stop {
                    return Ok(());
                }
                // The index still has to be filled, or the window would wait for it forever.
                Slot::Skip
            }
        };
        if reorder.put(index, slot, &output).await.is_err() {
            return Ok(());
        }
    }
    Ok(())
}

/// Sends every item, waiting at the pause gate between items.
pub(super) async fn source<I, E>(
    items: I,
    output: Sender<I::Item>,
    gate: Pause,
    done: Done,
) -> Result<(), E>
where
    I: IntoIterator,
    I::Item: Send,
{
    let mut outlet = Outlet::new(output);
    for item in items {
        if gate.is_paused() && (outlet.flush().await.is_err() || gate.resumed(&done).await.is_err())
        {
            return Ok(());
        }
        if outlet.push(item).await.is_err() {
            return Ok(());
        }
    }
    let _ = outlet.flush().await;
    Ok(())
}

/// Copies every item of `input` to `output`: one input of a merge.
pub(crate) async fn forward<T: Send, E>(
    mut input: Receiver<T>,
    output: Sender<T>,
) -> Result<(), E> {
    let mut outlet = Outlet::new(output);
    while let Some(item) = next_input(&mut input, &mut outlet).await {
        if outlet.push(item).await.is_err() {
            return Ok(());
        }
    }
    let _ = outlet.flush().await;
    Ok(())
}
