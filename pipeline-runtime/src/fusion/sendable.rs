//! What a link's consumer does with its items that needs them to be `Send`, made once by the
//! stage that writes the link, where they are known to be.
//!
//! A fused group is built and started by whoever consumes it, so without this every consumer
//! would require its input items to be `Send` again. When they are not, rustc would report it
//! at each of them, in generated code, after the one clear error at the stage that made them.
//! With it, only the writer asks, and the consumers are bound-free.

use std::collections::VecDeque;

use super::{ChannelRoot, Fused, Pull};
use crate::channel::Receiver;
use crate::scope::Scope;

/// A batch of items that can move with a task (a `VecDeque` of `Send` items).
pub(crate) trait Batch<T>: Send {
    fn items(&mut self) -> &mut VecDeque<T>;
}

impl<T: Send> Batch<T> for VecDeque<T> {
    #[inline]
    fn items(&mut self) -> &mut VecDeque<T> {
        self
    }
}

/// The `Send`-needing operations on a link's items `T` (see the module docs).
pub(crate) struct Sendable<T, E> {
    /// Its channel as the first stage of a fused group, taking at most `batch` per pull.
    pub(crate) root: fn(Receiver<T>, usize) -> Box<dyn Pull<T>>,
    /// An empty batch for a stage or sink to hold.
    pub(crate) batch: fn() -> Box<dyn Batch<T>>,
    /// Its fused group in a task of its own, feeding a new channel of `capacity`.
    pub(crate) spawn: fn(&Scope<E>, Fused<T>, usize) -> Receiver<T>,
}

impl<T: Send + 'static, E: Send + 'static> Sendable<T, E> {
    pub(crate) fn new() -> Self {
        Self {
            root: |rx, batch| Box::new(ChannelRoot::new(rx, batch)),
            batch: || Box::new(VecDeque::new()),
            spawn: crate::wiring::spawn_group::<T, E>,
        }
    }
}

impl<T, E> Clone for Sendable<T, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, E> Copy for Sendable<T, E> {}
