//! Reorder: puts the outputs of parallel workers back in input order, in a bounded window.
//!
//! Workers take items from a shared input with their receive index
//! ([`Receiver::recv_indexed`]) and [`put`](Reorder::put) each item's outputs under that
//! index. The ring holds indexes `next .. next + window`; a worker whose index is further
//! ahead waits (observing done) until the window moves. Whoever completes the lowest missing
//! index becomes the emitter: it forwards the contiguous ready prefix to the output channel,
//! in order, while the others keep depositing behind it.
//!
//! Guarantees:
//! - **Input order**: items leave in the order of their indexes, each exactly once.
//! - **Bounded**: at most `window` indexes are held; a worker never runs further ahead.
//! - **No stall**: the lowest missing index is always below `next + window`, so its worker can
//!   always deposit it; only one emitter runs at a time and it re-checks for newly ready
//!   items before it lets go. Every index must be put exactly once (a [`Slot::Skip`] when it
//!   yields nothing), or the run must be cancelled.
//! - **Stops with the run**: cancellation or the consumer leaving wakes every waiting worker.

use crate::metrics::{Activity, waiting_on};
use std::collections::VecDeque;
use std::fmt;
use std::task::Poll;

use crate::channel::{SendError, Sender};
use crate::done::Done;
use crate::sync::{Arc, Mutex, Weak};
use crate::wait_list::{Listener, WaitKey, WaitList};

/// What one input item produced.
#[derive(Debug)]
pub(crate) enum Slot<T> {
    Skip,
    One(T),
    Many(Vec<T>),
}

impl<T> Slot<T> {
    /// Collects a stage's outputs for one item, without allocating for zero or one.
    pub(crate) fn collect(outputs: impl IntoIterator<Item = T>) -> Self {
        let mut outputs = outputs.into_iter();
        match (outputs.next(), outputs.next()) {
            (None, _) => Slot::Skip,
            (Some(first), None) => Slot::One(first),
            (Some(first), Some(second)) => {
                let mut many = vec![first, second];
                many.extend(outputs);
                Slot::Many(many)
            }
        }
    }
}

impl<T> IntoIterator for Slot<T> {
    type Item = T;
    type IntoIter = std::iter::Chain<std::option::IntoIter<T>, std::vec::IntoIter<T>>;

    fn into_iter(self) -> Self::IntoIter {
        let (one, many) = match self {
            Slot::Skip => (None, Vec::new()),
            Slot::One(item) => (Some(item), Vec::new()),
            Slot::Many(items) => (None, items),
        };
        one.into_iter().chain(many)
    }
}

/// The shared reorder window of one ordered fan-out. Clones share it.
pub(crate) struct Reorder<T> {
    shared: Arc<Shared<T>>,
}

struct Shared<T> {
    state: Mutex<State<T>>,
    done: Done,
    window: u64,
}

struct State<T> {
    /// The lowest index not yet taken by the emitter.
    next: u64,
    /// Slots for indexes `next ..`; `None` while that index is still being worked on.
    ring: VecDeque<Option<Slot<T>>>,
    emitting: bool,
    /// The consumer left: nothing will be emitted any more.
    closed: bool,
    waiters: WaitList,
}

impl<T: Send + 'static> Reorder<T> {
    /// A window of `window` indexes (at least 1) that observes `done`.
    pub(crate) fn new(window: usize, done: &Done) -> Self {
        let window = window.max(1);
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                next: 0,
                ring: VecDeque::with_capacity(window.min(1024)),
                emitting: false,
                closed: false,
                waiters: WaitList::new(),
            }),
            done: done.clone(),
            window: window as u64,
        });
        done.listen(Arc::downgrade(&shared) as Weak<dyn Listener>);
        Self { shared }
    }
}

// Unbounded: a stage's loop puts its outputs here; only creating the window (which the
// run's `Done` holds as a listener) needs `Send` items.
impl<T> Reorder<T> {
    /// Deposits the outputs of input `index`, waiting while it is beyond the window, and
    /// emits whatever became ready in order if no other worker is emitting.
    ///
    /// Fails (dropping the slot) when the run is cancelled or the consumer has left.
    pub(crate) async fn put(
        &self,
        index: u64,
        slot: Slot<T>,
        output: &Sender<T>,
    ) -> Result<(), SendError<()>> {
        let mut waiter = Waiter {
            shared: &self.shared,
            key: None,
        };
        let mut slot = Some(slot);
        let ready = std::future::poll_fn(|cx| {
            if self.shared.done.is_cancelled() {
                return Poll::Ready(Err(SendError::Cancelled(())));
            }
            let mut state = self.shared.state.lock();
            if state.closed {
                return Poll::Ready(Err(SendError::Disconnected(())));
            }
            if index >= state.next + self.shared.window {
                if self.shared.done.is_cancelled() {
                    return Poll::Ready(Err(SendError::Cancelled(())));
                }
                state.waiters.park(&mut waiter.key, cx.waker());
                waiting_on(Activity::Blocked);
                return Poll::Pending;
            }
            let offset = (index - state.next) as usize;
            if state.ring.len() <= offset {
                state.ring.resize_with(offset + 1, || None);
            }
            debug_assert!(state.ring[offset].is_none(), "index {index} put twice");
            state.ring[offset] = slot.take();
            if state.emitting || !matches!(state.ring.front(), Some(Some(_))) {
                // Someone else emits, or the lowest index is still being worked on: its
                // worker will emit ours along with its own.
                return Poll::Ready(Ok(None));
            }
            state.emitting = true;
            Poll::Ready(Ok(Some(self.shared.take_ready(state))))
        })
        .await?;
        drop(waiter);
        match ready {
            Some(ready) => self.emit(ready, output).await,
            None => Ok(()),
        }
    }

    /// Sends `ready` and everything that becomes ready meanwhile; then stops being the emitter.
    async fn emit(&self, mut ready: Vec<Slot<T>>, output: &Sender<T>) -> Result<(), SendError<()>> {
        loop {
            for item in ready.drain(..).flatten() {
                if let Err(error) = output.send_op(item).await {
                    self.shared.close();
                    return Err(error.map(drop));
                }
            }
            let state = self.shared.state.lock();
            if matches!(state.ring.front(), Some(Some(_))) {
                ready = self.shared.take_ready(state);
            } else {
                let mut state = state;
                state.emitting = false;
                return Ok(());
            }
        }
    }
}

impl<T> Shared<T> {
    /// Takes the contiguous ready prefix, moving the window; wakes workers waiting on it.
    fn take_ready(&self, mut state: crate::sync::Guard<'_, State<T>>) -> Vec<Slot<T>> {
        let mut ready = Vec::new();
        while let Some(Some(_)) = state.ring.front() {
            if let Some(Some(slot)) = state.ring.pop_front() {
                ready.push(slot);
            }
        }
        state.next += ready.len() as u64;
        let waiters = state.waiters.take_all();
        drop(state);
        waiters.wake();
        ready
    }

    fn close(&self) {
        let waiters = {
            let mut state = self.state.lock();
            state.closed = true;
            state.waiters.take_all()
        };
        waiters.wake();
    }
}

impl<T: Send> Listener for Shared<T> {
    fn notify(&self) {
        let waiters = self.state.lock().waiters.take_all();
        waiters.wake();
    }
}

impl<T> Clone for Reorder<T> {
    fn clone(&self) -> Self {
        Self {
            shared: self.shared.clone(),
        }
    }
}

impl<T> fmt::Debug for Reorder<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.shared.state.lock();
        f.debug_struct("Reorder")
            .field("next", &state.next)
            .field("held", &state.ring.len())
            .field("window", &self.shared.window)
            .finish()
    }
}

/// A worker parked on the window; gives its slot back however the wait ends.
struct Waiter<'a, T> {
    shared: &'a Shared<T>,
    key: WaitKey,
}

impl<T> Drop for Waiter<'_, T> {
    fn drop(&mut self) {
        if self.key.is_some() {
            self.shared.state.lock().waiters.remove(&mut self.key);
        }
    }
}
