//! The synchronization primitives the runtime is built on, in one place.
//!
//! Every lock in the runtime is held only for a few instructions and never while user code or
//! a waker runs, so a poisoned lock cannot hold a broken invariant: [`Mutex::lock`] recovers
//! the guard instead of propagating the poison.

pub(crate) use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
pub(crate) use std::sync::{Arc, MutexGuard, OnceLock, Weak};

/// A mutex whose `lock` never fails (see the module docs for why that is sound here).
#[derive(Debug, Default)]
pub(crate) struct Mutex<T>(std::sync::Mutex<T>);

impl<T> Mutex<T> {
    pub(crate) const fn new(value: T) -> Self {
        Self(std::sync::Mutex::new(value))
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, T> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
