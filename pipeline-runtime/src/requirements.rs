//! What the stages of a `pipeline!` block require of user code and of the values it is
//! given. The compiler names these traits when something does not fit, and their messages
//! say what to write instead; every type that fits implements them already (each has a
//! blanket impl), so user code never implements or names them.
//!
//! | trait | required of |
//! |---|---|
//! | [`Item`] | the items passed between stages: `Send + 'static` |
//! | [`StageCode`] | a stage's closure: `Send` |
//! | [`WorkerCopy`] | the closure of a stage with `workers = N`: `Clone` |
//! | [`StageState`] | `scan`'s state and `fold`'s accumulator: `Send + 'static` |
//! | [`RunError`] | the run's error type: `Send + 'static` |
//! | [`Items`] | what `from_iter` takes |
//! | [`ItemStream`] | what `from_stream` takes |
//! | [`Receiving`], [`ChannelSource`] | what `from_channel` takes |
//! | [`Sending`], [`ChannelSink`] | what `to_channel` takes |
//! | [`CollectInto`] | the items `collect::<C>()` gathers |
//! | [`ItemTimeout`] | a per-item `timeout`: the run's error type is `From<Elapsed>` |
//! | [`Expansion`] | what `recurse`'s closure resolves to: `(output, children)` |
//! | [`ItemKey`] | the key `unique_by` gives: `Hash + Eq + Send + 'static` |
//! | [`RetryPolicy`] | the value of `retry`: a number of attempts or a [`Retry`] |
//! | [`RetryItems`] | the items of a stage with `retry`: `Clone` |
//! | [`RateLimit`] | the value of `rate`: a number of items per second or a [`Rate`] |

use std::future::Future;
use std::hash::Hash;
use std::time::Duration;

use futures_core::Stream;

use crate::stage::{Elapsed, Rate, Retry, Retrying, Timeout};

/// User code of a stage with `workers = N`: each worker runs its own copy.
#[diagnostic::on_unimplemented(
    message = "a stage with `workers = N` runs its closure in every worker, so the closure must be `Clone`; this one is not",
    label = "this closure is not `Clone`: it owns something that cannot be cloned",
    note = "capture a shared handle instead (e.g. an `Arc<Mutex<_>>` cloned into the closure), or drop `workers`"
)]
pub trait WorkerCopy: Clone {}

#[diagnostic::do_not_recommend]
impl<T: Clone> WorkerCopy for T {}

/// What may flow between stages: items move between tasks, which may run on other threads.
#[diagnostic::on_unimplemented(
    message = "items passed between stages must be `Send + 'static`; `{Self}` is not",
    label = "this stage's items are `{Self}`, which cannot move to another thread",
    note = "stages run as tasks on any thread: use `Arc` instead of `Rc`, `Mutex` instead of `RefCell`, and owned data instead of borrows"
)]
pub trait Item: Send + 'static {}

#[diagnostic::do_not_recommend]
impl<T: Send + 'static> Item for T {}

/// User code that runs inside a stage's task.
#[diagnostic::on_unimplemented(
    message = "the closure of a stage must be `Send`, because stages run as tasks on any thread; `{Self}` is not",
    label = "this closure captures something that cannot move to another thread",
    note = "use `Arc` instead of `Rc`, and `Mutex` or atomics instead of `RefCell` or `Cell`"
)]
pub trait StageCode: Send {}

#[diagnostic::do_not_recommend]
impl<T: Send> StageCode for T {}

/// State a stage keeps between items (`scan`'s state, `fold`'s accumulator): it moves into
/// the stage's task.
#[diagnostic::on_unimplemented(
    message = "the state of a stage moves into its task, which may run on any thread, so it must be `Send + 'static`; `{Self}` is not",
    label = "this state cannot move to another thread",
    note = "use `Arc` instead of `Rc`, and `Mutex` or atomics instead of `RefCell` or `Cell`"
)]
pub trait StageState: Send + 'static {}

#[diagnostic::do_not_recommend]
impl<T: Send + 'static> StageState for T {}

/// The run's error type: failures travel between tasks and out of the run.
#[diagnostic::on_unimplemented(
    message = "the pipeline's error type must be `Send + 'static`; `{Self}` is not",
    label = "this stage fails with `{Self}`, which cannot move to another thread",
    note = "for a boxed error write `Box<dyn std::error::Error + Send + Sync>` instead of `Box<dyn std::error::Error>`; otherwise use an owned error type without `Rc` or borrows"
)]
pub trait RunError: Send + 'static {}

#[diagnostic::do_not_recommend]
impl<T: Send + 'static> RunError for T {}

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

/// A duration usable as a per-item timeout in a run whose error type is `E`: `E` must be
/// able to say that an item timed out.
#[diagnostic::on_unimplemented(
    message = "a per-item `timeout` needs the pipeline's error type `{E}` to implement `From<gopipe::Elapsed>`",
    label = "the pipeline's error type cannot express that an item timed out",
    note = "implement `From<gopipe::Elapsed>` for the error type, or drop the `timeout` option"
)]
pub trait ItemTimeout<E> {
    /// The timeout, with the conversion of [`Elapsed`] into `E`.
    fn into_timeout(self) -> Timeout<E>;
}

#[diagnostic::do_not_recommend]
impl<E: From<Elapsed>> ItemTimeout<E> for Duration {
    fn into_timeout(self) -> Timeout<E> {
        Timeout {
            after: self,
            into_error: E::from,
        }
    }
}

/// What one item of a recursive stage (`recurse`, `try_recurse`) resolves to: its output,
/// and its children, fed back into the stage (so they are of the stage's own item type).
#[diagnostic::on_unimplemented(
    message = "`recurse` needs its closure to resolve to `(output, children)`, where `children` is an iterable of the stage's own items; it resolves to `{Self}`",
    label = "expected `(output, children)`",
    note = "an item without children resolves to `(output, Vec::new())` or `(output, None)`"
)]
pub trait Expansion {
    /// What goes downstream.
    type Output;
    /// What is fed back.
    type Child;
    /// The output, and the children collected.
    fn split(self) -> (Self::Output, Vec<Self::Child>);
}

#[diagnostic::do_not_recommend]
impl<Out, C> Expansion for (Out, C)
where
    C: IntoIterator,
{
    type Output = Out;
    type Child = C::Item;

    fn split(self) -> (Out, Vec<C::Item>) {
        (self.0, self.1.into_iter().collect())
    }
}

/// A key `unique_by` gives: kept in a set of the keys seen, shared by the stage's workers.
#[diagnostic::on_unimplemented(
    message = "the key of `unique_by` must be `Hash + Eq + Send + 'static`; `{Self}` is not",
    label = "this key cannot be kept in a set of the keys seen",
    note = "return an owned key, such as `|url: &String| url.clone()` or a number"
)]
pub trait ItemKey: Hash + Eq + Send + 'static {}

#[diagnostic::do_not_recommend]
impl<T: Hash + Eq + Send + 'static> ItemKey for T {}
/// What `[retry = ..]` takes, in a run whose error type is `E`: the number of attempts in
/// all (`retry = 3`, with the default backoff) or a [`Retry`] policy.
#[diagnostic::on_unimplemented(
    message = "`retry` takes the number of attempts in all (`retry = 3`) or a `gopipe::Retry<{E}>`; `{Self}` is neither",
    label = "expected a `usize` or a `Retry<{E}>`",
    note = "for a backoff of your own write e.g. `retry = Retry::attempts(5).backoff(Duration::from_millis(50))`"
)]
pub trait RetryPolicy<E> {
    /// The policy.
    fn into_retry(self) -> Retry<E>;
}

#[diagnostic::do_not_recommend]
impl<E> RetryPolicy<E> for usize {
    fn into_retry(self) -> Retry<E> {
        Retry::attempts(self)
    }
}

#[diagnostic::do_not_recommend]
impl<E> RetryPolicy<E> for Retry<E> {
    fn into_retry(self) -> Retry<E> {
        self
    }
}

/// The items `In` of a stage with `retry`: every attempt but the last takes a clone of the
/// item. Asked of the policy (any type has it for items that are `Clone`), so that rustc
/// reports it at the option's value.
#[diagnostic::on_unimplemented(
    message = "a stage with `retry` calls its closure again with the same item, so the items must be `Clone`; `{In}` is not",
    label = "this stage's items are `{In}`, which cannot be cloned for another attempt",
    note = "derive or implement `Clone` for the item type, or send `Arc`s of it; or drop `retry`"
)]
pub trait RetryItems<In>: Sized {
    /// `policy`, made a [`Retry`] by `into_retry`, with the items' clone: made here, where
    /// `In: Clone` is known.
    fn retrying<E>(self, into_retry: fn(Self) -> Retry<E>) -> Retrying<In, E>;
}

#[diagnostic::do_not_recommend]
impl<R, In: Clone> RetryItems<In> for R {
    fn retrying<E>(self, into_retry: fn(Self) -> Retry<E>) -> Retrying<In, E> {
        Retrying::new(into_retry(self), In::clone)
    }
}

/// What `[rate = ..]` takes: a number of items per second (`rate = 10`, evenly spaced) or a
/// [`Rate`].
#[diagnostic::on_unimplemented(
    message = "`rate` takes a number of items per second (`rate = 10`) or a `gopipe::Rate`; `{Self}` is neither",
    label = "expected a `u32` or a `Rate`",
    note = "a number of items per second is a `u32`; for another period or a burst write e.g. `rate = Rate::per(1, Duration::from_millis(250))` or `rate = Rate::per_second(10).burst(5)`"
)]
pub trait RateLimit {
    /// The rate.
    fn into_rate(self) -> Rate;
}

#[diagnostic::do_not_recommend]
impl RateLimit for u32 {
    fn into_rate(self) -> Rate {
        Rate::per_second(self)
    }
}

#[diagnostic::do_not_recommend]
impl RateLimit for Rate {
    fn into_rate(self) -> Rate {
        self
    }
}
