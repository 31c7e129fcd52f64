//! The loops that stage tasks run. Each owns its output sender, so returning (for any
//! reason) closes the output.

use super::Operator;
use crate::channel::{Receiver, Sender};
use crate::errors::{Flow, OnError};
use crate::reorder::{Reorder, Slot};
use crate::{Done, Pause};

/// Applies `op` to each input item and sends its outputs, in order.
pub(super) async fn single<In, Op: Operator<In>>(
    mut input: Receiver<In>,
    output: Sender<Op::Output>,
    mut op: Op,
    on_error: OnError<Op::Error>,
) -> Result<(), Op::Error> {
    // Receive observes done: `None` when the input closed or the run was cancelled.
    while let Some(item) = input.recv().await {
        match op.apply(item).await {
            Ok(outputs) => {
                for out in outputs {
                    // Send observes done; an error means cancelled or the consumer left.
                    if output.send(out).await.is_err() {
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
    for item in items {
        if gate.is_paused() && gate.resumed(&done).await.is_err() {
            return Ok(());
        }
        if output.send(item).await.is_err() {
            return Ok(());
        }
    }
    Ok(())
}

/// Copies every item of `input` to `output`: one input of a merge.
pub(crate) async fn forward<T: Send, E>(
    mut input: Receiver<T>,
    output: Sender<T>,
) -> Result<(), E> {
    while let Some(item) = input.recv().await {
        if output.send(item).await.is_err() {
            break;
        }
    }
    Ok(())
}
