//! Pause: a gate that stops stages from taking new items, and lets them go on.
//!
//! Guarantees:
//! - **Item boundaries.** A pause never interrupts an item: a stage finishes (and delivers) the
//!   item in hand, then its next receive waits. Sources check the gate before producing.
//! - **Cancel still works.** A stage waiting on a paused gate is cancelled as promptly as a
//!   running one: channels hear cancellation and resume through the same wakeup.
//! - **Cheap when running.** Checking the gate is one atomic load; waking happens on
//!   [`resume`](Pause::resume), and once on [`pause`](Pause::pause) for stages parked on a
//!   channel, so that their metrics count the wait from then on as paused.

use std::fmt;
use std::future::Future;
use std::pin::pin;
use std::task::Poll;

use crate::done::Done;
use crate::metrics::{Activity, waiting_on};
use crate::pipeline_error::Cancelled;
use crate::sync::{Arc, AtomicBool, Mutex, Ordering, Weak};
use crate::wait_list::{Listener, Listeners, WaitKey, WaitList};

/// A pause gate shared by the stages of a run. Clones share the gate.
///
/// ```
/// use gopipe_runtime::Pause;
///
/// let gate = Pause::new();
/// gate.pause();
/// assert!(gate.is_paused());
/// gate.resume();
/// assert!(!gate.is_paused());
/// ```
#[derive(Clone)]
pub struct Pause {
    inner: Arc<Inner>,
}

struct Inner {
    paused: AtomicBool,
    parked: Mutex<Parked>,
}

struct Parked {
    listeners: Listeners,
    waiters: WaitList,
}

impl Pause {
    /// A gate that starts open (running).
    pub fn new() -> Self {
        Self {
            inner: Arc::new(Inner {
                paused: AtomicBool::new(false),
                parked: Mutex::new(Parked {
                    listeners: Listeners::new(),
                    waiters: WaitList::new(),
                }),
            }),
        }
    }

    /// Closes the gate: from their next item on, stages wait.
    pub fn pause(&self) {
        self.inner.paused.store(true, Ordering::Release);
        // Stages parked on a channel re-check once and park again, now on the pause: their
        // metrics count the wait from here on as paused, not starved or blocked.
        let listeners = self.inner.parked.lock().listeners.snapshot();
        for listener in listeners.iter().filter_map(Weak::upgrade) {
            listener.notify();
        }
    }

    /// Opens the gate and wakes every stage waiting on it.
    pub fn resume(&self) {
        self.inner.paused.store(false, Ordering::Release);
        let (listeners, waiters) = {
            let mut parked = self.inner.parked.lock();
            (parked.listeners.snapshot(), parked.waiters.take_all())
        };
        waiters.wake();
        for listener in listeners.iter().filter_map(Weak::upgrade) {
            listener.notify();
        }
    }

    /// Whether the gate is closed. One atomic load.
    #[inline]
    pub fn is_paused(&self) -> bool {
        self.inner.paused.load(Ordering::Acquire)
    }

    /// Waits until the gate is open. Fails if `done` is cancelled first, paused or not.
    pub async fn resumed(&self, done: &Done) -> Result<(), Cancelled> {
        if done.is_cancelled() {
            return Err(Cancelled);
        }
        if !self.is_paused() {
            return Ok(());
        }
        let mut cancelled = pin!(done.cancelled());
        let mut waiter = Waiter {
            gate: self,
            key: None,
        };
        std::future::poll_fn(|cx| {
            if cancelled.as_mut().poll(cx).is_ready() {
                return Poll::Ready(Err(Cancelled));
            }
            let mut parked = self.inner.parked.lock();
            if !self.is_paused() {
                return Poll::Ready(Ok(()));
            }
            parked.waiters.park(&mut waiter.key, cx.waker());
            waiting_on(Activity::Paused);
            Poll::Pending
        })
        .await
    }

    /// Registers a channel to be woken on resume. See [`Done::listen`] for the contract.
    pub(crate) fn listen(&self, listener: Weak<dyn Listener>) {
        self.inner.parked.lock().listeners.push(listener);
    }
}

/// A task parked on the gate; gives its slot back however the wait ends.
struct Waiter<'a> {
    gate: &'a Pause,
    key: WaitKey,
}

impl Drop for Waiter<'_> {
    fn drop(&mut self) {
        if self.key.is_some() {
            self.gate.inner.parked.lock().waiters.remove(&mut self.key);
        }
    }
}

impl Default for Pause {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Pause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pause")
            .field("paused", &self.is_paused())
            .finish()
    }
}
