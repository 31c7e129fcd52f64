//! The sending half: `send` waits for room (or pickup, at capacity 0) and observes done.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::failure::{SendError, TrySendError};
use super::shared::Shared;
use crate::sync::Arc;
use crate::wait_list::WaitKey;

/// Sends items into a [channel](super). Cloning adds a sender; the channel closes for its
/// receivers when the last sender drops.
pub struct Sender<T> {
    pub(super) shared: Arc<Shared<T>>,
}

impl<T> Sender<T> {
    pub(super) fn new(shared: Arc<Shared<T>>) -> Self {
        Self { shared }
    }

    /// Sends `item`, waiting while the channel is full.
    ///
    /// Returns the item undelivered if the run is cancelled first (also while waiting) or if
    /// every receiver is gone. At capacity 0 it returns once a receiver has taken the item.
    pub fn send(&self, item: T) -> impl Future<Output = Result<(), SendError<T>>> + Send + '_
    where
        T: Send,
    {
        self.send_op(item)
    }

    /// [`send`](Self::send) without its `T: Send`: the stage code of `pipeline!` sends
    /// through this, so that only the spawn of a stage, on its concrete types, proves that
    /// its items are `Send` (proving it again at every send repeats the same error).
    pub(crate) fn send_op(&self, item: T) -> SendOp<'_, T> {
        SendOp {
            shared: &self.shared,
            item: Some(item),
            key: None,
            handoff: None,
        }
    }

    /// Sends `item` if there is room now, without waiting.
    pub fn try_send(&self, item: T) -> Result<(), TrySendError<T>> {
        if self.shared.is_cancelled() {
            return Err(TrySendError::Cancelled(item));
        }
        let mut state = self.shared.lock();
        if state.receivers == 0 {
            return Err(TrySendError::Disconnected(item));
        }
        // A rendezvous hands over only to a receiver that is already waiting.
        let ready = state.has_room() && (state.capacity > 0 || state.recv_waiters.has_waiting());
        if !ready {
            return Err(TrySendError::Full(item));
        }
        let wakers = state.push(item);
        drop(state);
        wakers.wake();
        Ok(())
    }

    /// Waits for room and reserves it. Cancel-safe: dropping the future loses nothing, so it
    /// is the way to send from inside a `select!`. The [`Permit`] then sends without waiting
    /// (at capacity 0 it does not wait for pickup either).
    pub async fn reserve(&self) -> Result<Permit<'_, T>, SendError<()>> {
        let mut waiter = SendWaiter {
            shared: &self.shared,
            key: None,
        };
        let outcome = std::future::poll_fn(|cx| {
            if self.shared.is_cancelled() {
                return Poll::Ready(Err(SendError::Cancelled(())));
            }
            let mut state = self.shared.lock();
            if state.receivers == 0 {
                return Poll::Ready(Err(SendError::Disconnected(())));
            }
            if state.has_room() {
                state.reserved += 1;
                return Poll::Ready(Ok(()));
            }
            if self.shared.is_cancelled() {
                return Poll::Ready(Err(SendError::Cancelled(())));
            }
            state.send_waiters.park(&mut waiter.key, cx.waker());
            self.shared.parks_to_send();
            Poll::Pending
        })
        .await;
        drop(waiter);
        outcome.map(|()| Permit {
            shared: Some(&self.shared),
        })
    }

    /// Ready once every receiver is gone (the consumer stopped) or the run is cancelled;
    /// otherwise registers `cx` to be woken when that happens. Lets a stage that waits on
    /// something else notice that nobody wants its output any more.
    /// The channel's identity while it lives, as a stage's metrics see it.
    pub(crate) fn channel_id(&self) -> usize {
        self.shared.identity()
    }

    pub(crate) fn poll_closed(&self, cx: &mut Context<'_>, key: &mut WaitKey) -> Poll<()> {
        if self.shared.is_cancelled() {
            return Poll::Ready(());
        }
        let mut state = self.shared.lock();
        if state.receivers == 0 || self.shared.is_cancelled() {
            state.close_waiters.remove(key);
            return Poll::Ready(());
        }
        state.close_waiters.park(key, cx.waker());
        Poll::Pending
    }

    /// Gives back a wait slot used with [`poll_closed`](Self::poll_closed).
    pub(crate) fn release_key(&self, key: &mut WaitKey) {
        if key.is_some() {
            self.shared.lock().close_waiters.remove(key);
        }
    }

    /// Whether a send would fail now: the run is cancelled or every receiver is gone.
    pub fn is_closed(&self) -> bool {
        self.shared.is_cancelled() || self.shared.lock().receivers == 0
    }

    /// The channel's capacity (0 for a rendezvous channel).
    pub fn capacity(&self) -> usize {
        self.shared.lock().capacity
    }

    /// How many items wait in the channel now.
    pub fn len(&self) -> usize {
        self.shared.lock().queue.len()
    }

    /// Whether no item waits in the channel now.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<T> Clone for Sender<T> {
    fn clone(&self) -> Self {
        self.shared.lock().senders += 1;
        Self {
            shared: self.shared.clone(),
        }
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        let receivers = {
            let mut state = self.shared.lock();
            state.senders -= 1;
            if state.senders > 0 {
                return;
            }
            state.recv_waiters.take_all()
        };
        receivers.wake();
    }
}

impl<T> fmt::Debug for Sender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.shared.lock();
        f.debug_struct("Sender")
            .field("capacity", &state.capacity)
            .field("len", &state.queue.len())
            .field("receivers", &state.receivers)
            .finish()
    }
}

/// Room reserved by [`Sender::reserve`]; sending through it cannot wait or fail.
/// Dropping it unused gives the room back.
pub struct Permit<'a, T> {
    shared: Option<&'a Arc<Shared<T>>>,
}

impl<T> Permit<'_, T> {
    /// Puts `item` in the reserved slot.
    pub fn send(mut self, item: T) {
        let Some(shared) = self.shared.take() else {
            return;
        };
        let wakers = {
            let mut state = shared.lock();
            state.reserved -= 1;
            state.push(item)
        };
        wakers.wake();
    }
}

impl<T> Drop for Permit<'_, T> {
    fn drop(&mut self) {
        if let Some(shared) = self.shared.take() {
            let senders = {
                let mut state = shared.lock();
                state.reserved -= 1;
                state.send_waiters.take_all()
            };
            senders.wake();
        }
    }
}

impl<T> fmt::Debug for Permit<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Permit")
    }
}

/// One `send` in flight. It owns its item until the channel takes it or the error hands it
/// back, and gives its wait slot back when dropped.
pub(crate) struct SendOp<'a, T> {
    shared: &'a Arc<Shared<T>>,
    item: Option<T>,
    key: WaitKey,
    /// At capacity 0: the push count of our item, once it sits in the channel awaiting pickup.
    handoff: Option<u64>,
}

// The item is only ever moved, never pinned in place.
impl<T> Unpin for SendOp<'_, T> {}

impl<T> SendOp<'_, T> {
    fn item(&mut self) -> T {
        self.item.take().expect("a send completes only once")
    }

    /// Waits until a receiver takes our item; on cancel or disconnect takes it back out.
    fn poll_handoff(
        &mut self,
        cx: &mut Context<'_>,
        ticket: u64,
    ) -> Poll<Result<(), SendError<T>>> {
        let mut state = self.shared.lock();
        if state.taken >= ticket {
            return Poll::Ready(Ok(()));
        }
        let undelivered: Option<fn(T) -> SendError<T>> = if self.shared.is_cancelled() {
            Some(SendError::Cancelled)
        } else if state.receivers == 0 {
            Some(SendError::Disconnected)
        } else {
            None
        };
        if let Some(error) = undelivered {
            // A rendezvous channel holds one item at a time and ours has not been taken, so it
            // is the last one in the queue.
            let item = state
                .queue
                .pop_back()
                .expect("the untaken rendezvous item is queued");
            state.pushed -= 1;
            let senders = state.send_waiters.take_all();
            drop(state);
            senders.wake();
            return Poll::Ready(Err(error(item)));
        }
        state.send_waiters.park(&mut self.key, cx.waker());
        self.shared.parks_to_send();
        Poll::Pending
    }
}

impl<T> Future for SendOp<'_, T> {
    type Output = Result<(), SendError<T>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        if let Some(ticket) = this.handoff {
            return this.poll_handoff(cx, ticket);
        }
        if this.shared.is_cancelled() {
            return Poll::Ready(Err(SendError::Cancelled(this.item())));
        }
        let mut state = this.shared.lock();
        if state.receivers == 0 {
            drop(state);
            return Poll::Ready(Err(SendError::Disconnected(this.item())));
        }
        if !state.has_room() {
            // Re-checked under the lock: a cancel either sees us parked or we see it.
            if this.shared.is_cancelled() {
                drop(state);
                return Poll::Ready(Err(SendError::Cancelled(this.item())));
            }
            state.send_waiters.park(&mut this.key, cx.waker());
            this.shared.parks_to_send();
            return Poll::Pending;
        }
        let item = this.item();
        let receivers = state.push(item);
        if state.capacity == 0 {
            let ticket = state.pushed;
            this.handoff = Some(ticket);
            drop(state);
            receivers.wake();
            // Wait for pickup through the path that re-checks cancellation under the lock: a
            // cancel that came after our first check must not leave us parked unwoken.
            return this.poll_handoff(cx, ticket);
        }
        drop(state);
        receivers.wake();
        Poll::Ready(Ok(()))
    }
}

impl<T> Drop for SendOp<'_, T> {
    fn drop(&mut self) {
        if self.key.is_some() {
            self.shared.lock().send_waiters.remove(&mut self.key);
        }
    }
}

/// A sender parked in `reserve`; gives its wait slot back however the wait ends.
struct SendWaiter<'a, T> {
    shared: &'a Shared<T>,
    key: WaitKey,
}

impl<T> Drop for SendWaiter<'_, T> {
    fn drop(&mut self) {
        if self.key.is_some() {
            self.shared.lock().send_waiters.remove(&mut self.key);
        }
    }
}
