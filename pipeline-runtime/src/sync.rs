//! The synchronization primitives the runtime is built on, in one place.
//!
//! Every lock in the runtime is held only for a few instructions and never while user code or
//! a waker runs, so a poisoned lock cannot hold a broken invariant: [`Mutex::lock`] recovers
//! the guard instead of propagating the poison.
//!
//! Built with `--cfg pipeline_loom`, the mutex and atomics are loom's, so the loom models in
//! `loom_models.rs` explore every interleaving of the channel, done, pause and reorder
//! protocols. `Arc` and `Weak` stay std's: they count references, they are not part of any
//! protocol.

#[cfg(not(pipeline_loom))]
pub(crate) use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
#[cfg(not(pipeline_loom))]
use std::sync::{Mutex as Inner, MutexGuard};

#[cfg(pipeline_loom)]
pub(crate) use loom::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
#[cfg(pipeline_loom)]
use loom::sync::{Mutex as Inner, MutexGuard};

pub(crate) use std::sync::{Arc, Weak};

/// A mutex whose `lock` never fails (see the module docs for why that is sound here).
#[derive(Debug, Default)]
pub(crate) struct Mutex<T>(Inner<T>);

impl<T> Mutex<T> {
    pub(crate) fn new(value: T) -> Self {
        Self(Inner::new(value))
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, T> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The guard of a [`Mutex`].
pub(crate) type Guard<'a, T> = MutexGuard<'a, T>;
