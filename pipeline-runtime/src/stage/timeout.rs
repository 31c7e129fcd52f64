//! A stage's per-item timeout (`[timeout = d]`): [`Elapsed`], the error it raises, and
//! [`Timeout`], the limit with its conversion into the run's error type.

use std::time::Duration;

/// A per-item timeout elapsed. Runs with `timeout = ...` on a stage need their error type to
/// be `From<Elapsed>` (and it is their error type when no stage is fallible).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Elapsed {
    pub(crate) after: Duration,
}

impl Elapsed {
    /// How long the item was given.
    pub fn after(&self) -> Duration {
        self.after
    }
}

impl std::fmt::Display for Elapsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the item took longer than {:?}", self.after)
    }
}

impl std::error::Error for Elapsed {}

/// A stage's per-item timeout, with the conversion of [`Elapsed`] into the run's error type
/// (made by [`ItemTimeout::into_timeout`](crate::requirements::ItemTimeout::into_timeout), where `E: From<Elapsed>` is checked once, at
/// the `timeout = ..` option).
#[doc(hidden)]
pub struct Timeout<E> {
    pub(crate) after: Duration,
    pub(crate) into_error: fn(Elapsed) -> E,
}

impl<E> Clone for Timeout<E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E> Copy for Timeout<E> {}

impl<E> std::fmt::Debug for Timeout<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Timeout")
            .field("after", &self.after)
            .finish()
    }
}
