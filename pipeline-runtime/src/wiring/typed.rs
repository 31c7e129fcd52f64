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

use super::pipeline::Link;
pub use crate::requirements::*;
use crate::stage::{Emitter, Style};

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

/// Checked user code of one argument. Code that looks at an item by reference (`filter`,
/// `take_while`, `inspect`) is checked as such and handed back in this form, taking the item
/// and giving it back.
pub type Code<In, Out> = Box<dyn FnMut(In) -> Out + Send>;

/// Checked user code of `route(f)` (and `partition(p)`): the index of the branch an item goes
/// to, from a look at it.
pub type Chooser<In> = Box<dyn FnMut(&In) -> usize + Send>;

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

/// What one item of `recurse` delivers: its output, and its children.
pub type Delivered<In, Out> = (Out, Vec<In>);

/// `recurse`'s async user code `f`: each future resolves to its output and its children
/// collected.
pub fn recursive<In, Out, F, Fut>(mut f: F) -> impl FnMut(In) -> Checked<Fut, Delivered<In, Out>>
where
    F: FnMut(In) -> Fut,
    Fut: Future<Output: Expansion<Output = Out, Child = In>>,
{
    move |input| Checked {
        future: f(input),
        poll: poll_expansion,
    }
}

/// [`recursive`] for a stage with `workers = N`: every worker runs a clone.
pub fn recursive_for_workers<In, Out, F, Fut>(
    mut f: F,
) -> impl FnMut(In) -> Checked<Fut, Delivered<In, Out>> + Clone
where
    F: FnMut(In) -> Fut + Clone,
    Fut: Future<Output: Expansion<Output = Out, Child = In>>,
{
    move |input| Checked {
        future: f(input),
        poll: poll_expansion,
    }
}

/// `try_recurse`'s async user code `f`: [`recursive`] inside a `Result`.
pub fn try_recursive<In, Out, E, F, Fut, R>(
    mut f: F,
) -> impl FnMut(In) -> Checked<Fut, Result<Delivered<In, Out>, E>>
where
    F: FnMut(In) -> Fut,
    Fut: Future<Output = Result<R, E>>,
    R: Expansion<Output = Out, Child = In>,
{
    move |input| Checked {
        future: f(input),
        poll: poll_try_expansion,
    }
}

/// [`try_recursive`] for a stage with `workers = N`: every worker runs a clone.
pub fn try_recursive_for_workers<In, Out, E, F, Fut, R>(
    mut f: F,
) -> impl FnMut(In) -> Checked<Fut, Result<Delivered<In, Out>, E>> + Clone
where
    F: FnMut(In) -> Fut + Clone,
    Fut: Future<Output = Result<R, E>>,
    R: Expansion<Output = Out, Child = In>,
{
    move |input| Checked {
        future: f(input),
        poll: poll_try_expansion,
    }
}

fn poll_expansion<Fut, In, Out>(
    future: Pin<&mut Fut>,
    cx: &mut Context<'_>,
) -> Poll<Delivered<In, Out>>
where
    Fut: Future<Output: Expansion<Output = Out, Child = In>>,
{
    future.poll(cx).map(Expansion::split)
}

fn poll_try_expansion<Fut, In, Out, E, R>(
    future: Pin<&mut Fut>,
    cx: &mut Context<'_>,
) -> Poll<Result<Delivered<In, Out>, E>>
where
    Fut: Future<Output = Result<R, E>>,
    R: Expansion<Output = Out, Child = In>,
{
    future.poll(cx).map(|result| result.map(Expansion::split))
}

fn checked<Fut: Future>(future: Fut) -> Checked<Fut, Fut::Output> {
    Checked {
        future,
        poll: Fut::poll,
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

/// `from_iter(items)`.
pub fn iter<I: Items>(items: I) -> I::Iter {
    items.into_items()
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
