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
pub use core::marker::{Send, Sync};
pub use core::mem::replace;
pub use core::ops::{Fn, FnMut, FnOnce};
pub use core::option::Option::{self, None, Some};
pub use core::pin::{Pin, pin};
pub use core::primitive::bool;
pub use core::result::Result::{self, Err, Ok};
pub use core::time::Duration;
pub use std::boxed::Box;
pub use std::vec::Vec;

pub use futures_core::Stream;
pub use gopipe_macros::__pipeline;

pub use crate::control::RunControl;
pub use crate::graph::spec::{GraphNode, GraphSpec};
use crate::pipeline_error::PipelineError;
pub use crate::progress::{Progress, ShowProgress};
pub use crate::requirements::{ChannelSink, ChannelSource, ItemTimeout, RateLimit, RetryPolicy};
pub use crate::run::{Handle, HeldErrors, Run, SinkValue, SinkValues};
pub use crate::stage::{
    Chunks, Elapsed, Emitter, Exit, Limiter, Plain, Rate, Recursion, Results, Retrying, Seen,
    SeenKeys, SinkIo, SourceIo, StageIo, Style, Timeout, new_chunk,
};
pub use crate::wiring::typed;

/// The steps of the fusable stages, for [`Pipeline::fuse`].
pub mod fuse {
    pub use crate::fusion::{FilterMap, FlatMap, Map, Skip, Take, TakeWhile, TryMap};
}
pub use crate::wiring::{CancelWith, Link, Options, Pipeline, StageSpec, next};

/// What a block with a compile error evaluates to: any type the surrounding code expects of a
/// pipeline, so that the block's one error is the only one.
pub fn placeholder<T>() -> Placeholder<T> {
    Placeholder {
        control: RunControl::new(crate::done::Done::new()),
        items: PhantomData,
    }
}

/// See [`placeholder`]. Never constructed in a program that compiles. Its controls are a
/// run's ([`RunControl`]), so a use of `cancel` or `id` raises no second error.
pub struct Placeholder<T> {
    control: RunControl,
    items: PhantomData<T>,
}

impl<T> std::ops::Deref for Placeholder<T> {
    type Target = RunControl;

    fn deref(&self) -> &RunControl {
        &self.control
    }
}

impl<T> Placeholder<T> {
    pub fn split_errors<U>(self) -> (Self, Placeholder<U>) {
        let errors = Placeholder {
            control: self.control.clone(),
            items: PhantomData,
        };
        (self, errors)
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
