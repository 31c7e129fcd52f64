//! What the sources take and the sinks give: iterables, streams, channels, collections.

use std::future::Future;

use futures_core::Stream;

/// Items that `collect::<C>()` can gather into `C`: a collection that starts empty and takes
/// them. Stated on the items, so that `C` alone does not decide what the items must be.
#[diagnostic::on_unimplemented(
    message = "`collect` cannot build a `{C}` from items of type `{Self}`",
    label = "`{C}` must implement `Default` and `Extend<{Self}>`",
    note = "collect into e.g. `Vec<_>`, `HashSet<_>` or `String` (of `char`s or `String`s), or use `fold` to build it yourself"
)]
pub trait CollectInto<C>: Sized {
    /// An empty `C` to collect into.
    fn collecting() -> Collecting<C, Self>;
}

#[diagnostic::do_not_recommend]
impl<In, C: Default + Extend<In>> CollectInto<C> for In {
    fn collecting() -> Collecting<C, In> {
        Collecting {
            value: C::default(),
            push: |collection, item| collection.extend(Some(item)),
        }
    }
}

/// What `from_iter` accepts: anything iterable whose iterator and items can move to
/// another thread.
#[diagnostic::on_unimplemented(
    message = "`from_iter` needs something iterable, with `Send + 'static` items and iterator; `{Self}` is not",
    label = "not iterable, or not `Send + 'static`"
)]
pub trait Items {
    /// The iterator.
    type Iter: Iterator<Item = Self::Item> + Send + 'static;
    /// The items.
    type Item: Send + 'static;
    /// Starts iterating.
    fn into_items(self) -> Self::Iter;
}

#[diagnostic::do_not_recommend]
impl<I> Items for I
where
    I: IntoIterator,
    I::IntoIter: Send + 'static,
    I::Item: Send + 'static,
{
    type Iter = I::IntoIter;
    type Item = I::Item;

    fn into_items(self) -> I::IntoIter {
        self.into_iter()
    }
}

/// What `from_stream` accepts: a stream that can move to another thread, with items that
/// can too.
#[diagnostic::on_unimplemented(
    message = "`from_stream` needs a `Stream` that is `Send + 'static`, with `Send + 'static` items; `{Self}` is not",
    label = "not a stream, or not `Send + 'static`",
    note = "an iterator or a collection goes in `from_iter(..)`, a channel receiver in `from_channel(..)`"
)]
pub trait ItemStream: Stream<Item = Self::Items> + Send + 'static {
    /// The items.
    type Items: Send + 'static;
}

#[diagnostic::do_not_recommend]
impl<St> ItemStream for St
where
    St: Stream + Send + 'static,
    St::Item: Send + 'static,
{
    type Items = St::Item;
}

/// What `from_channel` reads: a channel receiver. Implemented for each receiver type, not
/// for all [`ChannelSource`]s, so that for anything else the receiver's type is unknown and
/// the one error about it is the only one.
#[diagnostic::on_unimplemented(
    message = "`from_channel` reads a channel receiver; `{Self}` is not one",
    label = "expected a tokio `mpsc::Receiver`, `mpsc::UnboundedReceiver` or `gopipe::channel::Receiver`",
    note = "an iterator or a collection goes in `from_iter(..)`, a stream in `from_stream(..)`"
)]
pub trait Receiving {
    /// The receiver.
    type Receiver: ChannelSource;
    /// The receiver, to read from.
    fn receiver(self) -> Self::Receiver;
}

/// What `to_channel` writes to: a sender of the pipeline's items `T` (see [`Receiving`]).
#[diagnostic::on_unimplemented(
    message = "`to_channel` needs a sender of the pipeline's items, `{T}`; `{Self}` is not one",
    label = "expected a tokio `mpsc::Sender<{T}>`, `mpsc::UnboundedSender<{T}>` or `gopipe::channel::Sender<{T}>`"
)]
pub trait Sending<T> {
    /// The sender.
    type Sender: ChannelSink<T>;
    /// The sender, to write to.
    fn sender(self) -> Self::Sender;
}

macro_rules! channel_ends {
    ($($receiver:ty, $sender:ty;)+) => {$(
        #[diagnostic::do_not_recommend]
        impl<T: Send + 'static> Receiving for $receiver {
            type Receiver = Self;
            fn receiver(self) -> Self {
                self
            }
        }

        #[diagnostic::do_not_recommend]
        impl<T: Send + 'static> Sending<T> for $sender {
            type Sender = Self;
            fn sender(self) -> Self {
                self
            }
        }
    )+};
}

channel_ends! {
    tokio::sync::mpsc::Receiver<T>, tokio::sync::mpsc::Sender<T>;
    tokio::sync::mpsc::UnboundedReceiver<T>, tokio::sync::mpsc::UnboundedSender<T>;
    crate::channel::Receiver<T>, crate::channel::Sender<T>;
}

/// `collect()`'s collection as it fills. Its `push` was made where `C: Extend<In>` was
/// checked, so pushing proves nothing again.
#[doc(hidden)]
pub struct Collecting<C, In> {
    value: C,
    push: fn(&mut C, In),
}

impl<C, In> Collecting<C, In> {
    /// Adds one item.
    #[inline]
    pub fn push(&mut self, item: In) {
        (self.push)(&mut self.value, item);
    }

    /// The collection.
    pub fn finish(self) -> C {
        self.value
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
