//! The signature each stage's user code must have, stated once per stage kind.
//!
//! Generated code passes each closure through one of these, together with the link the stage
//! reads from, so the closure is type-checked against the previous stage's item type: a
//! wrong argument type, or an error type other than the run's, is reported on that closure
//! with the expected signature.
//!
//! One mistake, one error: each helper returns a [`Step`], which calls the closure through a
//! function pointer made here, where the signature is known to hold. The generated loop
//! calling the step therefore never re-checks the signature, and a mismatch is reported once.
//! `Send` is checked once too, when the stage is spawned (at the stage in the user's block).

use std::fmt;

use futures_core::Stream;

use super::pipeline::Link;
use super::source::{ChannelSink, ChannelSource};
use super::style::Style;

/// User code of one argument, with the signature its stage requires.
pub struct Step<F, In, Out> {
    f: F,
    call: fn(&mut F, In) -> Out,
}

impl<F, In, Out> Step<F, In, Out> {
    /// Runs the user's code on `input`.
    #[inline]
    pub fn call(&mut self, input: In) -> Out {
        (self.call)(&mut self.f, input)
    }
}

impl<F: Clone, In, Out> Step<F, In, Out> {
    /// A fan-out worker's own copy: the stage's user code must be `Clone` to run as several
    /// workers.
    pub fn copy_for_worker(&self) -> Self {
        self.clone()
    }
}

impl<F: Clone, In, Out> Clone for Step<F, In, Out> {
    fn clone(&self) -> Self {
        Self {
            f: self.f.clone(),
            call: self.call,
        }
    }
}

impl<F, In, Out> fmt::Debug for Step<F, In, Out> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Step(..)")
    }
}

/// User code that looks at an item by reference (`filter`, `take_while`, `inspect`).
pub struct RefStep<F, In, Out> {
    f: F,
    call: for<'a> fn(&mut F, &'a In) -> Out,
}

impl<F, In, Out> RefStep<F, In, Out> {
    /// Runs the user's code on `input`.
    #[inline]
    pub fn call(&mut self, input: &In) -> Out {
        (self.call)(&mut self.f, input)
    }
}

impl<F: Clone, In, Out> RefStep<F, In, Out> {
    /// A fan-out worker's own copy; see [`Step::copy_for_worker`].
    pub fn copy_for_worker(&self) -> Self {
        self.clone()
    }
}

impl<F: Clone, In, Out> Clone for RefStep<F, In, Out> {
    fn clone(&self) -> Self {
        Self {
            f: self.f.clone(),
            call: self.call,
        }
    }
}

impl<F, In, Out> fmt::Debug for RefStep<F, In, Out> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RefStep(..)")
    }
}

/// `fold`'s user code: the accumulator and one item.
pub struct FoldStep<F, Acc, In> {
    f: F,
    call: fn(&mut F, Acc, In) -> Acc,
}

impl<F, Acc, In> FoldStep<F, Acc, In> {
    /// Folds `input` into `acc`.
    #[inline]
    pub fn call(&mut self, acc: Acc, input: In) -> Acc {
        (self.call)(&mut self.f, acc, input)
    }
}

impl<F, Acc, In> fmt::Debug for FoldStep<F, Acc, In> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FoldStep(..)")
    }
}

/// Declares a helper per stage kind: `fn kind<generics>(link, f: Bound) -> Step<F, Arg, Out>`.
macro_rules! signatures {
    ($(
        $(#[doc = $doc:literal])*
        fn $name:ident<$($generic:ident),*>(f: [$($bound:tt)+]) -> $step:ident<$arg:ty, $out:ty>;
    )+) => {
        $(
            $(#[doc = $doc])*
            pub fn $name<In, E, S, F, $($generic),*>(_: &Link<In, E, S>, f: F) -> $step<F, $arg, $out>
            where
                In: Send + 'static,
                E: Send + 'static,
                S: Style,
                F: $($bound)+,
            {
                $step { f, call: |f, input| f(input) }
            }
        )+
    };
}

signatures! {
    /// `map(f)`: one output per item.
    fn map<Out>(f: [FnMut(In) -> Out]) -> Step<In, Out>;
    /// `try_map(f)`: one output per item, or the run's error.
    fn try_map<Out>(f: [FnMut(In) -> Result<Out, E>]) -> Step<In, Result<Out, E>>;
    /// `then(f)`: one output per item, computed asynchronously.
    fn then<Out, Fut>(f: [FnMut(In) -> Fut, Fut: Future<Output = Out>]) -> Step<In, Fut>;
    /// `try_then(f)`: one output per item or the run's error, computed asynchronously.
    fn try_then<Out, Fut>(f: [FnMut(In) -> Fut, Fut: Future<Output = Result<Out, E>>]) -> Step<In, Fut>;
    /// `filter(p)` and `take_while(p)`: keeps the items `p` accepts.
    fn filter<>(f: [FnMut(&In) -> bool]) -> RefStep<In, bool>;
    /// `filter_map(f)`: zero or one output per item.
    fn filter_map<Out>(f: [FnMut(In) -> Option<Out>]) -> Step<In, Option<Out>>;
    /// `flat_map(f)`: any number of outputs per item.
    fn flat_map<I>(f: [FnMut(In) -> I, I: IntoIterator]) -> Step<In, I>;
    /// `inspect(f)`: looks at each item and passes it on.
    fn inspect<>(f: [FnMut(&In)]) -> RefStep<In, ()>;
    /// `for_each(f)`: consumes each item (in the result style, each `Result`).
    fn for_each<>(f: [FnMut(S::Item<In, E>)]) -> Step<S::Item<In, E>, ()>;
    /// `try_for_each(f)`: consumes each item, or fails with the run's error.
    fn try_for_each<>(f: [FnMut(S::Item<In, E>) -> Result<(), E>]) -> Step<S::Item<In, E>, Result<(), E>>;
}

/// A fold about to start: the initial value and the step.
pub type Folding<F, Acc, In> = (Acc, FoldStep<F, Acc, In>);

/// `fold(init, f)`: folds every item into an accumulator.
pub fn fold<In, E, S, Acc, F>(
    _: &Link<In, E, S>,
    init: Acc,
    f: F,
) -> Folding<F, Acc, S::Item<In, E>>
where
    In: Send + 'static,
    E: Send + 'static,
    S: Style,
    F: FnMut(Acc, S::Item<In, E>) -> Acc,
{
    (
        init,
        FoldStep {
            f,
            call: |f, acc, input| f(acc, input),
        },
    )
}

/// `collect()`: an empty collection of the items, to extend.
pub fn collection<In, E, S, C>(_: &Link<In, E, S>) -> C
where
    In: Send + 'static,
    E: Send + 'static,
    S: Style,
    C: Default + Extend<S::Item<In, E>>,
{
    C::default()
}

/// `to_channel(tx)`: a channel the items are sent into.
pub fn channel_sink<In, E, S, C>(_: &Link<In, E, S>, sink: C) -> C
where
    In: Send + 'static,
    E: Send + 'static,
    S: Style,
    C: ChannelSink<S::Item<In, E>>,
{
    sink
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

/// `from_stream(stream)`.
pub fn stream<St>(stream: St) -> impl Stream<Item = St::Item> + Send + 'static
where
    St: Stream + Send + 'static,
    St::Item: Send + 'static,
{
    stream
}

/// `from_channel(rx)`.
pub fn channel_source<C: ChannelSource>(channel: C) -> impl ChannelSource<Item = C::Item> {
    channel
}
