//! Bounded channels whose every send and receive also observes done.
//!
//! This is Go's `select { case out <- v: case <-done: return }` built into the channel, so a
//! stage never needs a `select!` and never blocks forever on a channel nobody reads or writes.
//!
//! Guarantees:
//! - **Bounded.** At most `capacity` items wait in the channel. (Each receiver may also hold
//!   one batch it has taken out but not yet returned from `recv`; see [`Receiver`].) A full
//!   channel makes [`Sender::send`] wait: a slow consumer slows its producer.
//! - **Capacity 0 is a rendezvous**, like Go's unbuffered channel: `send` returns once a
//!   receiver has taken the item.
//! - **Done is observed cheaply.** Each operation checks the run's [`Done`] with one atomic
//!   load; an operation that has to wait is woken by the cancel itself, because the channel
//!   registers with its `Done` when it is made. A cancelled `send` returns its item
//!   ([`SendError::Cancelled`]); a cancelled `recv` returns `None` at once, even when items are
//!   still buffered.
//! - **Nothing is lost or doubled by a race.** A send either puts its item in the channel or
//!   hands it back in the error, never both and never neither. Dropping a `send` future that
//!   has not completed drops its item with it (the item belonged to the future); use
//!   [`Sender::reserve`] where a send must sit in a `select!`.
//! - **Close on exit.** The channel closes when its last [`Sender`] drops (receivers drain what
//!   is buffered, then get `None`), and when its last [`Receiver`] drops (senders get
//!   [`SendError::Disconnected`] with their item). Dropping is how a stage closes its output,
//!   so it happens on every exit path: return, error, panic, abort.
//! - **Multi-consumer.** A [`Receiver`] can be cloned: the clones share the items (each item
//!   goes to one of them), which is how fan-out workers share one input. A receiver with
//!   clones takes items in batches only as large as its pace allows, so a worker busy with a
//!   slow item never holds items that an idle worker could take.
//! - **Pausable.** A channel made by a [`Scope`](crate::Scope) stops handing out items while
//!   the run is paused; senders are not held back, so the item in hand is delivered.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use gopipe_runtime::{channel, Done};
//!
//! let done = Done::new();
//! let (tx, mut rx) = channel::channel(2, &done);
//! tx.send(1).await.unwrap();
//! assert_eq!(rx.recv().await, Some(1));
//!
//! done.cancel();
//! let err = tx.send(2).await.unwrap_err();
//! assert!(err.is_cancelled());
//! assert_eq!(err.into_inner(), 2); // the item comes back, never silently dropped
//! assert_eq!(rx.recv().await, None);
//! # }
//! ```

mod failure;
pub mod outlet;
mod pace;
mod receiver;
mod sender;
mod shared;

pub use failure::{SendError, TryRecvError, TrySendError};
pub use outlet::Outlet;
pub use pace::LATENCY_BUDGET;
pub use receiver::Receiver;
pub use sender::{Permit, Sender};

/// The capacity of a stage's output channel when none is given.
pub const DEFAULT_CAPACITY: usize = 128;

use crate::done::Done;
use crate::pause::Pause;

/// A channel holding up to `capacity` items (0: rendezvous), observing `done`.
pub fn channel<T: Send + 'static>(capacity: usize, done: &Done) -> (Sender<T>, Receiver<T>) {
    with_pause(capacity, done, None)
}

/// A channel that also stops handing out items while `pause` is paused.
pub(crate) fn with_pause<T: Send + 'static>(
    capacity: usize,
    done: &Done,
    pause: Option<&Pause>,
) -> (Sender<T>, Receiver<T>) {
    let shared = shared::Shared::new(capacity, done, pause);
    (Sender::new(shared.clone()), Receiver::new(shared))
}
