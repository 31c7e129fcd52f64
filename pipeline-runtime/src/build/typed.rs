//! What each stage's user code must be, stated in terms the expansion can check at the
//! user's own tokens.
//!
//! The expansion checks every closure with a tiny generic function it defines at the stage
//! (so that an unmet bound is reported on the stage, with its note pointing there, never
//! into this crate). That function hands the closure back boxed, as a
//! `Box<dyn FnMut(..) + Send>` (or a [`WorkerFn`] for a fanned-out stage): a type with no
//! bounds left to prove and `Send` by construction. So a mistake is reported once, at the
//! closure, and never again by the loop that calls it or by the spawn that needs `Send`. The
//! box costs one allocation per stage; calling through it costs what any call through a
//! function pointer does.
//!
//! The traits here carry the messages (`#[diagnostic::on_unimplemented]`); their blanket
//! impls are `#[diagnostic::do_not_recommend]`, so rustc reports the trait itself rather
//! than the bound it comes down to.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use super::pipeline::Link;
use super::source::{ChannelSink, ChannelSource, Emitter};
use super::style::Style;

/// The item and error types a stage reads: what its closure is checked against.
pub struct Input<In, E>(PhantomData<fn() -> (In, E)>);

/// What a transform reads from `link`: its items, in the run whose error type is `E`.
pub fn input<In, E, S>(_: &Link<In, E, S>) -> Input<In, E>
where
    S: Style,
{
    Input(PhantomData)
}

/// What a sink reads from `link`: its items as the style carries them (in the result style,
/// each a `Result`).
pub fn sink_input<In, E, S>(_: &Link<In, E, S>) -> Input<S::Item<In, E>, E>
where
    S: Style,
{
    Input(PhantomData)
}

/// The items an [`Input`] carries, as an associated type: a check that names them this way
/// learns them from its argument, not from its other bounds.
pub trait Reads {
    /// The items.
    type Item;
}

impl<In, E> Reads for Input<In, E> {
    type Item = In;
}

/// Checked user code of one argument.
pub type Code<In, Out> = Box<dyn FnMut(In) -> Out + Send>;

/// Checked user code that looks at an item by reference (`filter`, `take_while`, `inspect`).
pub type RefCode<In, Out> = Box<dyn for<'a> FnMut(&'a In) -> Out + Send>;

/// Checked user code of a stage with `workers = N`: each worker calls its own copy.
pub trait WorkerFn<In, Out>: Send {
    /// A copy for one worker.
    fn copy_for_worker(&self) -> Code<In, Out>;
}

impl<F, In, Out> WorkerFn<In, Out> for F
where
    F: FnMut(In) -> Out + Clone + Send + 'static,
{
    fn copy_for_worker(&self) -> Code<In, Out> {
        Box::new(self.clone())
    }
}

/// [`WorkerFn`] for code that looks at an item by reference.
pub trait WorkerRefFn<In, Out>: Send {
    /// A copy for one worker.
    fn copy_for_worker(&self) -> RefCode<In, Out>;
}

impl<F, In, Out> WorkerRefFn<In, Out> for F
where
    F: for<'a> FnMut(&'a In) -> Out + Clone + Send + 'static,
{
    fn copy_for_worker(&self) -> RefCode<In, Out> {
        Box::new(self.clone())
    }
}

pin_project_lite::pin_project! {
    /// The future of async user code (`then`, `try_then`), resolving to `Out`. Its `poll` was
    /// made where the future's output was checked, so awaiting it proves nothing again.
    pub struct Checked<Fut, Out> {
        #[pin]
        future: Fut,
        poll: fn(Pin<&mut Fut>, &mut Context<'_>) -> Poll<Out>,
    }
}

impl<Fut, Out> Future for Checked<Fut, Out> {
    type Output = Out;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Out> {
        let this = self.project();
        (this.poll)(this.future, cx)
    }
}

/// Async user code `f` as a closure of [`Checked`] futures.
pub fn asynchronous<In, Out, F, Fut>(mut f: F) -> impl FnMut(In) -> Checked<Fut, Out>
where
    F: FnMut(In) -> Fut,
    Fut: Future<Output = Out>,
{
    move |input| checked(f(input))
}

/// [`asynchronous`] for a fanned-out stage: every worker runs a clone.
pub fn asynchronous_for_workers<In, Out, F, Fut>(
    mut f: F,
) -> impl FnMut(In) -> Checked<Fut, Out> + Clone
where
    F: FnMut(In) -> Fut + Clone,
    Fut: Future<Output = Out>,
{
    move |input| checked(f(input))
}

fn checked<Fut: Future>(future: Fut) -> Checked<Fut, Fut::Output> {
    Checked {
        future,
        poll: Fut::poll,
    }
}

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

/// A checked `generate` / `try_generate` body: its future, boxed once per run, is `Send`
/// by construction.
pub type Generator<Out, E, S, R> =
    Box<dyn FnOnce(Emitter<Out, E, S>) -> Pin<Box<dyn Future<Output = R> + Send>>>;

/// `f` as a [`Generator`].
pub fn generator<Out, E, S, R, F, Fut>(f: F) -> Generator<Out, E, S, R>
where
    S: Style,
    F: FnOnce(Emitter<Out, E, S>) -> Fut + 'static,
    Fut: Future<Output = R> + Send + 'static,
{
    Box::new(move |emit| Box::pin(f(emit)))
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

/// `from_iter(items)`.
pub fn iter<I: Items>(items: I) -> I::Iter {
    items.into_items()
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

/// `flat_map`'s outputs for one item. Its `next` was made where the closure's result was
/// checked to be iterable, so iterating proves nothing again.
pub struct Outputs<It, T> {
    iter: It,
    next: fn(&mut It) -> Option<T>,
}

impl<It, T> Iterator for Outputs<It, T> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        (self.next)(&mut self.iter)
    }
}

/// `items` as [`Outputs`].
pub fn outputs<I: IntoIterator>(items: I) -> Outputs<I::IntoIter, I::Item> {
    Outputs {
        iter: items.into_iter(),
        next: Iterator::next,
    }
}
