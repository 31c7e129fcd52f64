//! Outlet: a sender that moves items in batches while its stage runs ahead.
//!
//! Taking a channel's lock and waking its consumer once per item is what makes a naive
//! pipeline slow: waking a parked consumer costs microseconds. An outlet keeps the items a
//! stage produces in a local buffer and moves them into the channel together, under one lock
//! and at most one wakeup.
//!
//! Guarantees:
//! - **Bounded added latency.** Batches follow the stage's pace (`channel/pace.rs`): no item waits
//!   in the outlet much longer than [`LATENCY_BUDGET`](super::LATENCY_BUDGET); a fast stage
//!   sends hundreds of items per wakeup, a slow one sends each item.
//! - **Nothing waits while its stage waits.** The stage runner flushes before its stage waits
//!   for input, when its user code goes pending, at the pause gate, and on exit.
//! - **Bounded.** At most one batch (`capacity / 2`, at least 1, at most 512) waits in the
//!   outlet besides the channel's `capacity`.
//! - **Cancel-safe.** A flush moves what fits; what is not moved stays in the outlet, never
//!   half-sent. On cancel or when the consumer has left, flushing fails and the undelivered
//!   items stay in the outlet ([`Outlet::take_undelivered`]).
//! - **Capacity 0 stays a rendezvous**: every item is handed over on its own.

use std::collections::VecDeque;
use std::fmt;
use std::task::{Poll, Waker};

use super::pace::Pace;
use super::{SendError, Sender};
use crate::wait_list::{WaitKey, Wakers};

/// The largest batch an outlet accumulates, whatever the capacity.
const MAX_BATCH: usize = 512;

/// A batching [`Sender`]; see the [module docs](self).
pub struct Outlet<T> {
    sender: Sender<T>,
    buffer: VecDeque<T>,
    pace: Pace,
    rendezvous: bool,
    key: WaitKey,
}

impl<T> Outlet<T> {
    /// An outlet sending through `sender`.
    pub fn new(sender: Sender<T>) -> Self {
        let capacity = sender.capacity();
        let max_batch = (capacity / 2).clamp(1, MAX_BATCH);
        Self {
            sender,
            // Allocated on first use: an idle stage holds no buffer.
            buffer: VecDeque::new(),
            pace: Pace::new(max_batch),
            rendezvous: capacity == 0,
            key: None,
        }
    }

    /// Queues `item`, flushing when a batch is full.
    ///
    /// Fails when the run is cancelled or every receiver is gone; `item` and whatever else
    /// was not delivered stay in the outlet.
    pub async fn push(&mut self, item: T) -> Result<(), SendError<()>> {
        self.buffer.push_back(item);
        self.pace.tick();
        if self.buffer.len() >= self.pace.batch() {
            self.flush().await
        } else {
            Ok(())
        }
    }

    /// Moves what fits into the channel now, without waiting.
    pub fn try_flush(&mut self) -> Result<(), SendError<()>> {
        if self.rendezvous {
            return Ok(());
        }
        match self.transfer(None) {
            Poll::Ready(outcome) => outcome,
            Poll::Pending => Ok(()),
        }
    }

    /// Delivers every buffered item, waiting for room as needed.
    pub async fn flush(&mut self) -> Result<(), SendError<()>> {
        if self.rendezvous {
            // Boxed: a rendezvous is slow anyway, and inline its send would grow every
            // stage task that flushes.
            return Box::pin(self.hand_over_each()).await;
        }
        let outcome = std::future::poll_fn(|cx| self.transfer(Some(cx.waker()))).await;
        if self.key.is_some() {
            self.sender.shared.lock().send_waiters.remove(&mut self.key);
        }
        outcome
    }

    /// Moves what fits under one lock. `Ready(Ok)` once the buffer is empty; with a waker,
    /// parks (`Pending`) while items remain and the channel is full.
    fn transfer(&mut self, waker: Option<&Waker>) -> Poll<Result<(), SendError<()>>> {
        if self.buffer.is_empty() {
            return Poll::Ready(Ok(()));
        }
        let shared = &*self.sender.shared;
        if shared.is_cancelled() {
            return Poll::Ready(Err(SendError::Cancelled(())));
        }
        let mut state = shared.lock();
        if state.receivers == 0 {
            return Poll::Ready(Err(SendError::Disconnected(())));
        }
        let moved = state.room().min(self.buffer.len());
        let receivers = if moved > 0 {
            state.queue.extend(self.buffer.drain(..moved));
            state.pushed += moved as u64;
            state.recv_waiters.take_all()
        } else {
            Wakers::none()
        };
        let outcome = if self.buffer.is_empty() {
            Poll::Ready(Ok(()))
        } else if shared.is_cancelled() {
            // Re-checked under the lock, as every parking path does.
            Poll::Ready(Err(SendError::Cancelled(())))
        } else {
            if let Some(waker) = waker {
                state.send_waiters.park(&mut self.key, waker);
                shared.parks_to_send();
            }
            Poll::Pending
        };
        drop(state);
        receivers.wake();
        outcome
    }

    /// Hands items over one by one (capacity 0: each waits for its receiver).
    async fn hand_over_each(&mut self) -> Result<(), SendError<()>> {
        while let Some(item) = self.buffer.pop_front() {
            if let Err(error) = self.sender.send_op(item).await {
                let cancelled = error.is_cancelled();
                self.buffer.push_front(error.into_inner());
                return Err(if cancelled {
                    SendError::Cancelled(())
                } else {
                    SendError::Disconnected(())
                });
            }
        }
        Ok(())
    }

    /// The sender the outlet sends through.
    pub fn sender(&self) -> &Sender<T> {
        &self.sender
    }

    /// The items not delivered yet, in order.
    pub fn take_undelivered(&mut self) -> VecDeque<T> {
        std::mem::take(&mut self.buffer)
    }

    /// How many items wait in the outlet.
    pub fn buffered(&self) -> usize {
        self.buffer.len()
    }
}

impl<T> Drop for Outlet<T> {
    fn drop(&mut self) {
        if self.key.is_some() {
            self.sender.shared.lock().send_waiters.remove(&mut self.key);
        }
    }
}

impl<T> fmt::Debug for Outlet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Outlet")
            .field("buffered", &self.buffer.len())
            .field("batch", &self.pace.batch())
            .finish()
    }
}
