//! What generated code reaches: `$crate::__private::..`. Not a public API.
//!
//! Everything the expansion names goes through here — including `Option`, `Result` and the
//! rest of the prelude — so it compiles under `#![no_implicit_prelude]`, next to a user's
//! `mod core {}`, and whatever the user named this crate.

use std::fmt;

use std::marker::PhantomData;

use std::task::{Context, Poll};

pub use core::clone::Clone;
pub use core::convert::Infallible;
pub use core::default::Default;
pub use core::future::Future;
pub use core::iter::Extend;
pub use core::iter::{IntoIterator, Iterator};
pub use core::marker::Send;
pub use core::mem::replace;
pub use core::ops::{FnMut, FnOnce};
pub use core::option::Option::{self, None, Some};
pub use core::pin::{Pin, pin};
pub use core::result::Result::{self, Err, Ok};
pub use core::time::Duration;
pub use std::boxed::Box;
pub use std::vec::Vec;

pub use futures_core::Stream;
pub use gopipe_macros::__pipeline;

pub use crate::build::typed;
pub use crate::build::{
    ChannelSink, ChannelSource, Elapsed, Emitter, Handle, ItemTimeout, Link, Options, Pipeline,
    Plain, Results, Run, StageSpec, Style, Timeout, next,
};
use crate::{PipelineError, PipelineId};

/// What a block with a compile error evaluates to: any type the surrounding code expects of a
/// pipeline, so that the block's one error is the only one.
pub fn placeholder<T>() -> Placeholder<T> {
    Placeholder(PhantomData)
}

/// See [`placeholder`]. Never constructed in a program that compiles.
pub struct Placeholder<T>(PhantomData<T>);

impl<T> Placeholder<T> {
    pub fn cancel(&self) {}
    pub fn pause(&self) {}
    pub fn resume(&self) {}
    pub fn is_paused(&self) -> bool {
        false
    }
    pub fn id(&self) -> PipelineId {
        PipelineId::next()
    }
    pub fn split_errors<U>(self) -> (Self, Placeholder<U>) {
        (self, Placeholder(PhantomData))
    }
    pub async fn join<E>(self) -> Result<(), PipelineError<E>> {
        Err(PipelineError::Cancelled)
    }
    pub async fn recv(&mut self) -> Option<T> {
        None
    }
}

impl<R, E> Future for Placeholder<Result<R, PipelineError<E>>> {
    type Output = Result<R, PipelineError<E>>;

    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Self::Output> {
        Poll::Ready(Err(PipelineError::Cancelled))
    }
}

impl<T> futures_core::Stream for Placeholder<T> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<T>> {
        Poll::Ready(None)
    }
}

impl<T> fmt::Debug for Placeholder<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Placeholder")
    }
}

impl<T> Unpin for Placeholder<T> {}
