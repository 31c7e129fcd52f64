//! What the stage options take: `timeout`, `recurse`'s output, `unique_by`, `retry`, `rate`.

use std::hash::Hash;
use std::time::Duration;

use crate::stage::{Elapsed, Rate, Retry, Retrying, Timeout};

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
