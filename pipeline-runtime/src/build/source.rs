//! What sources and sinks can connect to: a generator's [`Emitter`], channels of other
//! libraries ([`ChannelSource`], [`ChannelSink`]), and streams ([`next`]).

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use futures_core::Stream;

use super::style::Style;
use crate::channel::Sender;
use crate::{Done, Pause};

/// Hands a `generate` source's items downstream.
///
/// [`send`](Emitter::send) cannot fail: when the run is cancelled or the consumer has left, it
/// simply never returns, and the generator is dropped at that await point (like any cancelled
/// future), so a generator needs no stop-checking code of its own.
pub struct Emitter<T, E, S: Style> {
    sender: Sender<S::Item<T, E>>,
    gate: Pause,
    done: Done,
}

impl<T, E, S: Style> Emitter<T, E, S> {
    pub(crate) fn new(sender: Sender<S::Item<T, E>>, gate: Pause, done: Done) -> Self {
        Self { sender, gate, done }
    }

    /// Sends `item` downstream, waiting for room (and at the pause gate).
    pub async fn send(&self, item: T) {
        let delivered = self.gate.resumed(&self.done).await.is_ok()
            && self.sender.send_op(S::ok(item)).await.is_ok();
        if !delivered {
            // The stage around this generator sees the same cancel or departure and drops it.
            std::future::pending::<()>().await;
        }
    }
}

/// A clone emits into the same stage: a generator can hand clones to tasks of its own (a
/// [`Scope`](crate::Scope) created inside it is cancelled with the run).
impl<T, E, S: Style> Clone for Emitter<T, E, S> {
    fn clone(&self) -> Self {
        Self {
            sender: self.sender.clone(),
            gate: self.gate.clone(),
            done: self.done.clone(),
        }
    }
}

impl<T, E, S: Style> fmt::Debug for Emitter<T, E, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Emitter").finish_non_exhaustive()
    }
}

/// A channel receiver a pipeline can read from (`from_channel`).
#[diagnostic::on_unimplemented(
    message = "`from_channel` reads a channel receiver; `{Self}` is not one",
    label = "expected a tokio `mpsc::Receiver`, `mpsc::UnboundedReceiver` or `gopipe::channel::Receiver`",
    note = "an iterator or a collection goes in `from_iter(..)`, a stream in `from_stream(..)`"
)]
pub trait ChannelSource: Send + 'static {
    /// Its items.
    type Item: Send + 'static;

    /// The next item, `None` once the channel is closed.
    fn next_item(&mut self) -> impl Future<Output = Option<Self::Item>> + Send;
}

impl<T: Send + 'static> ChannelSource for tokio::sync::mpsc::Receiver<T> {
    type Item = T;

    async fn next_item(&mut self) -> Option<T> {
        self.recv().await
    }
}

impl<T: Send + 'static> ChannelSource for tokio::sync::mpsc::UnboundedReceiver<T> {
    type Item = T;

    async fn next_item(&mut self) -> Option<T> {
        self.recv().await
    }
}

impl<T: Send + 'static> ChannelSource for crate::channel::Receiver<T> {
    type Item = T;

    async fn next_item(&mut self) -> Option<T> {
        self.recv().await
    }
}

/// A channel sender a pipeline can write to (`to_channel`).
#[diagnostic::on_unimplemented(
    message = "`to_channel` needs a sender of the pipeline's items `{T}`; `{Self}` is not one",
    label = "expected a tokio `mpsc::Sender<{T}>`, `mpsc::UnboundedSender<{T}>` or `gopipe::channel::Sender<{T}>`"
)]
pub trait ChannelSink<T>: Send + 'static {
    /// Sends `item`; `Err` (with the item) once the channel's receiver is gone.
    fn send_item(&self, item: T) -> impl Future<Output = Result<(), T>> + Send;
}

impl<T: Send + 'static> ChannelSink<T> for tokio::sync::mpsc::Sender<T> {
    async fn send_item(&self, item: T) -> Result<(), T> {
        self.send(item).await.map_err(|error| error.0)
    }
}

impl<T: Send + 'static> ChannelSink<T> for tokio::sync::mpsc::UnboundedSender<T> {
    async fn send_item(&self, item: T) -> Result<(), T> {
        self.send(item).map_err(|error| error.0)
    }
}

impl<T: Send + 'static> ChannelSink<T> for crate::channel::Sender<T> {
    async fn send_item(&self, item: T) -> Result<(), T> {
        self.send(item)
            .await
            .map_err(crate::channel::SendError::into_inner)
    }
}

/// The next item of a pinned stream.
pub fn next<St: Stream + ?Sized>(
    stream: Pin<&mut St>,
) -> impl Future<Output = Option<St::Item>> + '_ {
    let mut stream = stream;
    std::future::poll_fn(move |cx| stream.as_mut().poll_next(cx))
}
