//! The receiving half: takes items in batches, hands them out one at a time, observes done.

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use futures_core::Stream;

use super::failure::TryRecvError;
use super::pace::Pace;
use super::shared::Shared;
use crate::sync::Arc;
use crate::wait_list::WaitKey;

/// Receives items from a [channel](super).
///
/// A receiver takes items out of the channel in batches (all of them when it is the only
/// receiver, its share when it has clones) and hands them out one `recv` at a time, so the
/// channel's lock is taken once per batch rather than once per item. Cloning adds a receiver
/// that shares the same items: each item goes to exactly one receiver. Senders see
/// [`SendError::Disconnected`](super::SendError::Disconnected) once the last receiver drops.
///
/// It is also a [`Stream`] of the items.
pub struct Receiver<T> {
    shared: Arc<Shared<T>>,
    /// The batch taken out of the channel and not yet handed out.
    batch: VecDeque<T>,
    /// Receive-order number of the batch's first item.
    batch_index: u64,
    key: WaitKey,
    /// How fast the stage using this receiver goes: bounds its share when it has clones.
    pace: Pace,
}

impl<T> Receiver<T> {
    pub(super) fn new(shared: Arc<Shared<T>>) -> Self {
        Self {
            shared,
            batch: VecDeque::new(),
            batch_index: 0,
            key: None,
            pace: Pace::new(usize::MAX),
        }
    }

    /// Receives the next item, waiting while the channel is empty (or the run paused).
    ///
    /// Returns `None` once every sender is gone and the channel is drained, or at once when the
    /// run is cancelled.
    pub async fn recv(&mut self) -> Option<T> {
        self.recv_indexed().await.map(|(_, item)| item)
    }

    /// Like [`recv`](Self::recv), with the item's position in the channel's receive order:
    /// 0 for the first item any receiver of this channel took, then 1, 2, ... Ordered fan-out
    /// uses it to put the workers' outputs back in input order.
    pub async fn recv_indexed(&mut self) -> Option<(u64, T)> {
        std::future::poll_fn(|cx| self.poll_recv_indexed(cx)).await
    }

    /// Polls for the next item; see [`recv`](Self::recv).
    pub fn poll_recv(&mut self, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.poll_recv_indexed(cx)
            .map(|next| next.map(|(_, item)| item))
    }

    /// Polls for the next item and its index; see [`recv_indexed`](Self::recv_indexed).
    pub fn poll_recv_indexed(&mut self, cx: &mut Context<'_>) -> Poll<Option<(u64, T)>> {
        match self.next(Some(cx.waker()), &mut false) {
            Ok(next) => Poll::Ready(Some(next)),
            Err(TryRecvError::Empty) => Poll::Pending,
            Err(TryRecvError::Closed | TryRecvError::Cancelled) => Poll::Ready(None),
        }
    }

    /// Takes the next item if one is available now, without waiting.
    pub fn try_recv(&mut self) -> Result<T, TryRecvError> {
        self.next(None, &mut false).map(|(_, item)| item)
    }

    /// Like [`try_recv`](Self::try_recv), with the item's receive index (its place in an
    /// ordered fan-out), and whether taking the item woke a parked producer that should run
    /// before the stage goes on.
    ///
    /// A woken producer waits in this thread's queue until the task that woke it yields
    /// (tokio's LIFO slot, which idle threads cannot steal from). When this receiver has
    /// clones and what it left in the channel would not last them one share each, they would
    /// run dry and park meanwhile; so a fan-out worker told so yields once, and the producer
    /// refills the channel now instead of when the worker next waits.
    pub(crate) fn try_recv_for_stage(&mut self) -> Result<(u64, T, bool), TryRecvError> {
        let mut producer_needs_a_turn = false;
        let (index, item) = self.next(None, &mut producer_needs_a_turn)?;
        Ok((index, item, producer_needs_a_turn))
    }

    /// Whether items taken out of the channel together are still in hand: the next one
    /// comes without touching the channel (unless the run is paused).
    pub(crate) fn has_in_hand(&self) -> bool {
        !self.batch.is_empty()
    }

    /// The channel as a stage's metrics see it: its identity and a probe of its fill.
    pub(crate) fn tap(&self) -> crate::metrics::Tap {
        crate::metrics::Tap {
            channel: self.shared.identity(),
            probe: self.shared.probe.clone(),
        }
    }

    /// Whether the run this channel belongs to is cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.shared.is_cancelled()
    }

    /// The next item: from the batch in hand, else a new batch from the channel. With a
    /// waker, parks when there is nothing to take (and reports `Empty`).
    /// `producer_needs_a_turn` is set as [`try_recv_for_stage`](Self::try_recv_for_stage) says.
    fn next(
        &mut self,
        waker: Option<&Waker>,
        producer_needs_a_turn: &mut bool,
    ) -> Result<(u64, T), TryRecvError> {
        let shared = &*self.shared;
        if shared.is_cancelled() {
            return Err(TryRecvError::Cancelled);
        }
        if !shared.is_paused()
            && let Some(item) = self.batch.pop_front()
        {
            self.pace.tick();
            self.batch_index += 1;
            return Ok((self.batch_index - 1, item));
        }
        let mut state = shared.lock();
        // Cancel and pause are re-checked under the lock: a cancel or resume either finds us
        // parked or happened before we locked, and then we see it here.
        if shared.is_cancelled() {
            return Err(TryRecvError::Cancelled);
        }
        if shared.is_paused() || state.queue.is_empty() {
            if !shared.is_paused() && state.senders == 0 {
                return Err(TryRecvError::Closed);
            }
            if let Some(waker) = waker {
                state.recv_waiters.park(&mut self.key, waker);
                shared.parks_to_receive();
            }
            return Err(TryRecvError::Empty);
        }
        if !self.batch.is_empty() {
            // Paused earlier with items in hand: they come first.
            drop(state);
            self.pace.tick();
            self.batch_index += 1;
            let item = self.batch.pop_front().expect("checked non-empty");
            return Ok((self.batch_index - 1, item));
        }
        // Alone, take everything. With clones, take a fair share, and only as many as this
        // stage gets through within the latency budget: an item in hand cannot go to an idle
        // clone.
        let share = if state.receivers == 1 {
            state.queue.len()
        } else {
            state
                .queue
                .len()
                .div_ceil(state.receivers)
                .min(self.pace.batch())
        };
        self.batch_index = state.taken;
        state.taken += share as u64;
        if share == state.queue.len() {
            std::mem::swap(&mut self.batch, &mut state.queue);
        } else {
            self.batch.extend(state.queue.drain(..share));
        }
        let senders = state.send_waiters.take_all();
        // The clones run dry within about one share's time unless the producer refills now.
        let clones_run_dry = state.receivers > 1 && state.queue.len() < state.receivers * share;
        drop(state);
        *producer_needs_a_turn = clones_run_dry && !senders.is_empty();
        senders.wake();
        self.pace.tick();
        self.batch_index += 1;
        let item = self.batch.pop_front().expect("took at least one item");
        Ok((self.batch_index - 1, item))
    }
}

impl<T> Clone for Receiver<T> {
    /// Another receiver of the same items (it starts with no batch in hand).
    fn clone(&self) -> Self {
        self.shared.lock().receivers += 1;
        Self::new(self.shared.clone())
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        let (senders, undelivered) = {
            let mut state = self.shared.lock();
            state.recv_waiters.remove(&mut self.key);
            state.receivers -= 1;
            if state.receivers > 0 {
                return;
            }
            // Nobody will take what is buffered. A rendezvous sender takes its own item back,
            // so only a buffered channel drops its items here, outside the lock.
            let undelivered = if state.capacity > 0 {
                std::mem::take(&mut state.queue)
            } else {
                VecDeque::new()
            };
            (
                (
                    state.send_waiters.take_all(),
                    state.close_waiters.take_all(),
                ),
                undelivered,
            )
        };
        senders.0.wake();
        senders.1.wake();
        drop(undelivered);
    }
}

// Items are only moved in and out of the batch, never pinned in place.
impl<T> Unpin for Receiver<T> {}

impl<T> Stream for Receiver<T> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.get_mut().poll_recv(cx)
    }
}

impl<T> fmt::Debug for Receiver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.shared.lock();
        f.debug_struct("Receiver")
            .field("capacity", &state.capacity)
            .field("len", &state.queue.len())
            .field("in_hand", &self.batch.len())
            .field("senders", &state.senders)
            .finish()
    }
}

#[cfg(all(test, not(pipeline_loom)))]
mod tests {
    use std::pin::pin;
    use std::task::{Context, Waker};

    use crate::channel::channel;
    use crate::done::Done;

    /// A full channel of `capacity` with a sender parked on it, and `receivers` receivers;
    /// says whether the first receiver's take asks the producer to run first.
    async fn take_asks_for_the_producer(capacity: u32, receivers: usize) -> bool {
        let done = Done::new();
        let (tx, mut rx) = channel::<u32>(capacity as usize, &done);
        let _clones: Vec<_> = (1..receivers).map(|_| rx.clone()).collect();
        for item in 0..capacity {
            tx.send(item).await.unwrap();
        }
        let mut parked = pin!(tx.send(capacity));
        let mut cx = Context::from_waker(Waker::noop());
        assert!(
            parked.as_mut().poll(&mut cx).is_pending(),
            "the sender parks"
        );
        let (_, _, producer_needs_a_turn) = rx.try_recv_for_stage().unwrap();
        producer_needs_a_turn
    }

    #[tokio::test]
    async fn a_fan_out_take_that_leaves_its_clones_short_lets_the_producer_run_first() {
        assert!(take_asks_for_the_producer(2, 2).await);
    }

    #[tokio::test]
    async fn a_take_that_leaves_enough_or_has_no_clones_goes_on() {
        assert!(
            !take_asks_for_the_producer(8, 2).await,
            "7 left for one clone"
        );
        assert!(
            !take_asks_for_the_producer(2, 1).await,
            "no clone to starve"
        );
    }
}
