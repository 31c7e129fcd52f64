//! The signature each stage's user code must have, stated once per stage kind.
//!
//! Generated code passes each closure through one of these before using it, with the link it
//! will read from. The closure is then type-checked against the previous stage's item type,
//! so a mistake (a wrong argument type, a non-`Send` capture, another error type than the
//! run's) is reported on that closure, in the user's code, with the expected signature.

use std::future::Future;

use futures_core::Stream;

use super::pipeline::Link;
use super::source::{ChannelSink, ChannelSource};
use super::style::Style;

/// `map(f)`: one output per item.
pub fn map<In, Out, E, S, F>(_: &Link<In, E, S>, f: F) -> F
where
    In: Send + 'static,
    E: Send + 'static,
    S: Style,
    F: FnMut(In) -> Out + Send + 'static,
{
    f
}

/// `then(f)`: one output per item, computed asynchronously.
pub fn then<In, Out, E, S, F, Fut>(_: &Link<In, E, S>, f: F) -> F
where
    In: Send + 'static,
    E: Send + 'static,
    S: Style,
    F: FnMut(In) -> Fut + Send + 'static,
    Fut: Future<Output = Out> + Send,
{
    f
}

/// `try_map(f)`: one output per item, or the run's error.
pub fn try_map<In, Out, E, S, F>(_: &Link<In, E, S>, f: F) -> F
where
    In: Send + 'static,
    E: Send + 'static,
    S: Style,
    F: FnMut(In) -> Result<Out, E> + Send + 'static,
{
    f
}

/// `try_then(f)`: one output per item, or the run's error, computed asynchronously.
pub fn try_then<In, Out, E, S, F, Fut>(_: &Link<In, E, S>, f: F) -> F
where
    In: Send + 'static,
    E: Send + 'static,
    S: Style,
    F: FnMut(In) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Out, E>> + Send,
{
    f
}

/// `filter(p)` and `take_while(p)`: keeps the items `p` accepts.
pub fn predicate<In, E, S, F>(_: &Link<In, E, S>, predicate: F) -> F
where
    In: Send + 'static,
    E: Send + 'static,
    S: Style,
    F: FnMut(&In) -> bool + Send + 'static,
{
    predicate
}

/// `filter_map(f)`: zero or one output per item.
pub fn filter_map<In, Out, E, S, F>(_: &Link<In, E, S>, f: F) -> F
where
    In: Send + 'static,
    E: Send + 'static,
    S: Style,
    F: FnMut(In) -> Option<Out> + Send + 'static,
{
    f
}

/// `flat_map(f)`: any number of outputs per item.
pub fn flat_map<In, Out, E, S, F, I>(_: &Link<In, E, S>, f: F) -> F
where
    In: Send + 'static,
    E: Send + 'static,
    S: Style,
    F: FnMut(In) -> I + Send + 'static,
    I: IntoIterator<Item = Out>,
    I::IntoIter: Send,
{
    f
}

/// `inspect(f)`: looks at each item and passes it on.
pub fn inspect<In, E, S, F>(_: &Link<In, E, S>, f: F) -> F
where
    In: Send + 'static,
    E: Send + 'static,
    S: Style,
    F: FnMut(&In) + Send + 'static,
{
    f
}

/// `for_each(f)`: consumes each item (in the result style, each `Result`).
pub fn for_each<In, E, S, F>(_: &Link<In, E, S>, f: F) -> F
where
    In: Send + 'static,
    E: Send + 'static,
    S: Style,
    F: FnMut(S::Item<In, E>) + Send + 'static,
{
    f
}

/// `try_for_each(f)`: consumes each item, or fails with the run's error.
pub fn try_for_each<In, E, S, F>(_: &Link<In, E, S>, f: F) -> F
where
    In: Send + 'static,
    E: Send + 'static,
    S: Style,
    F: FnMut(S::Item<In, E>) -> Result<(), E> + Send + 'static,
{
    f
}

/// `fold(init, f)`: folds every item into an accumulator.
pub fn fold<In, E, S, Acc, F>(_: &Link<In, E, S>, init: Acc, f: F) -> (Acc, F)
where
    In: Send + 'static,
    E: Send + 'static,
    S: Style,
    Acc: Send + 'static,
    F: FnMut(Acc, S::Item<In, E>) -> Acc + Send + 'static,
{
    (init, f)
}

/// `collect()`: an empty collection of the items, to extend.
pub fn collection<In, E, S, C>(_: &Link<In, E, S>) -> C
where
    In: Send + 'static,
    E: Send + 'static,
    S: Style,
    C: Default + Extend<S::Item<In, E>> + Send + 'static,
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

/// `from_iter(items)`.
pub fn iter<I>(items: I) -> I::IntoIter
where
    I: IntoIterator,
    I::IntoIter: Send + 'static,
    I::Item: Send + 'static,
{
    items.into_iter()
}

/// `from_stream(stream)`.
pub fn stream<St>(stream: St) -> St
where
    St: Stream + Send + 'static,
    St::Item: Send + 'static,
{
    stream
}

/// `from_channel(rx)`.
pub fn channel_source<C: ChannelSource>(channel: C) -> C {
    channel
}
