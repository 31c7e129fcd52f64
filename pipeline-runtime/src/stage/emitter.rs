//! [`Emitter`]: how a generator (`generate`, `try_generate`) hands its items downstream.

use std::fmt;

use super::style::{Plain, Style};
use crate::channel::Sender;
use crate::done::Done;
use crate::pause::Pause;

/// Hands a `generate` source's items downstream.
///
/// [`send`](Emitter::send) cannot fail: when the run is cancelled or the consumer has left, it
/// simply never returns, and the generator is dropped at that await point (like any cancelled
/// future), so a generator needs no stop-checking code of its own.
///
/// `E` is the run's error type and `S` its [`Style`]; a generator written as a function names
/// them only when they are not the defaults, e.g. `Emitter<u64>` in a run that cannot fail,
/// `Emitter<u64, io::Error>` in one that can.
pub struct Emitter<T, E = std::convert::Infallible, S: Style = Plain> {
    sender: Sender<S::Item<T, E>>,
    gate: Pause,
    done: Done,
}

impl<T, E, S: Style> Emitter<T, E, S> {
    pub(crate) fn new(sender: Sender<S::Item<T, E>>, gate: Pause, done: Done) -> Self {
        Self { sender, gate, done }
    }

    /// Sends `item` downstream, waiting for room (and at the pause gate).
    pub async fn send(&self, item: T) {
        let delivered = self.gate.resumed(&self.done).await.is_ok()
            && self.sender.send_op(S::ok(item)).await.is_ok();
        if !delivered {
            // The stage around this generator sees the same cancel or departure and drops it.
            std::future::pending::<()>().await;
        }
    }
}

/// A clone emits into the same stage: a generator can hand clones to tasks of its own (a
/// [`Scope`](crate::Scope) created inside it is cancelled with the run).
impl<T, E, S: Style> Clone for Emitter<T, E, S> {
    fn clone(&self) -> Self {
        Self {
            sender: self.sender.clone(),
            gate: self.gate.clone(),
            done: self.done.clone(),
        }
    }
}

impl<T, E, S: Style> fmt::Debug for Emitter<T, E, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Emitter").finish_non_exhaustive()
    }
}
