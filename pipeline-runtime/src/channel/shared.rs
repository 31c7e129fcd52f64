//! The state one channel's senders and receivers share, behind one mutex.

use std::collections::VecDeque;

use crate::done::Done;
use crate::metrics::{Activity, QueueProbe, waiting_on};
use crate::pause::Pause;
use crate::sync::{Arc, Guard, Mutex, Weak};
use crate::wait_list::{Listener, WaitList, Wakers};

pub(super) struct Shared<T> {
    pub(super) state: Mutex<State<T>>,
    pub(super) done: Done,
    pub(super) pause: Option<Pause>,
    /// This channel as the run's metrics read its fill (made where `T: Send` is known).
    pub(super) probe: Weak<dyn QueueProbe>,
}

pub(super) struct State<T> {
    pub(super) queue: VecDeque<T>,
    /// The configured capacity; 0 means rendezvous (one slot, and `send` waits for pickup).
    pub(super) capacity: usize,
    /// Slots promised to [`Permit`](super::Permit)s.
    pub(super) reserved: usize,
    pub(super) senders: usize,
    pub(super) receivers: usize,
    /// Items ever pushed and ever taken: a rendezvous sender waits for `taken` to reach its
    /// push, and `taken` numbers items in receive order for ordered fan-out.
    pub(super) pushed: u64,
    pub(super) taken: u64,
    pub(super) recv_waiters: WaitList,
    pub(super) send_waiters: WaitList,
    /// Stages waiting on something else that want to hear when every receiver is gone.
    pub(super) close_waiters: WaitList,
}

impl<T: Send + 'static> Shared<T> {
    pub(super) fn new(capacity: usize, done: &Done, pause: Option<&Pause>) -> Arc<Self> {
        let shared = Arc::new_cyclic(|this: &Weak<Self>| Shared {
            probe: this.clone(),
            state: Mutex::new(State {
                queue: VecDeque::with_capacity(capacity.clamp(1, 1024)),
                capacity,
                reserved: 0,
                senders: 1,
                receivers: 1,
                pushed: 0,
                taken: 0,
                recv_waiters: WaitList::new(),
                send_waiters: WaitList::new(),
                close_waiters: WaitList::new(),
            }),
            done: done.clone(),
            pause: pause.cloned(),
        });
        let listener: Weak<dyn Listener> = Arc::downgrade(&shared) as Weak<dyn Listener>;
        done.listen(listener.clone());
        if let Some(pause) = pause {
            pause.listen(listener);
        }
        shared
    }
}

impl<T> Shared<T> {
    pub(super) fn lock(&self) -> Guard<'_, State<T>> {
        self.state.lock()
    }

    #[inline]
    pub(super) fn is_cancelled(&self) -> bool {
        self.done.is_cancelled()
    }

    #[inline]
    pub(super) fn is_paused(&self) -> bool {
        self.pause.as_ref().is_some_and(Pause::is_paused)
    }
}

impl<T> State<T> {
    /// Appends `item` and takes the receivers to wake.
    pub(super) fn push(&mut self, item: T) -> Wakers {
        self.queue.push_back(item);
        self.pushed += 1;
        self.recv_waiters.take_all()
    }

    pub(super) fn has_room(&self) -> bool {
        self.queue.len() + self.reserved < self.capacity.max(1)
    }

    /// Room for how many more items now.
    pub(super) fn room(&self) -> usize {
        self.capacity
            .max(1)
            .saturating_sub(self.queue.len() + self.reserved)
    }
}

/// Cancel and resume reach a channel here: everyone parked on it wakes and re-checks.
impl<T: Send> Listener for Shared<T> {
    fn notify(&self) {
        let (receivers, senders, closers) = {
            let mut state = self.lock();
            (
                state.recv_waiters.take_all(),
                state.send_waiters.take_all(),
                state.close_waiters.take_all(),
            )
        };
        receivers.wake();
        senders.wake();
        closers.wake();
    }
}

/// A snapshot reads how full the channel is.
impl<T: Send> QueueProbe for Shared<T> {
    fn fill(&self) -> (usize, usize) {
        let state = self.lock();
        (state.queue.len(), state.capacity)
    }
}

impl<T> Shared<T> {
    /// Tells the stage task being polled (its metrics) that it parks to send: blocked, or
    /// paused while the run is (its consumer takes nothing then).
    pub(super) fn parks_to_send(&self) {
        waiting_on(if self.is_paused() {
            Activity::Paused
        } else {
            Activity::Blocked
        });
    }

    /// Tells the stage task being polled (its metrics) that it parks to receive: starved,
    /// or paused while the run is.
    pub(super) fn parks_to_receive(&self) {
        waiting_on(if self.is_paused() {
            Activity::Paused
        } else {
            Activity::Starved
        });
    }

    /// The channel's identity while it lives: which stage writes to which.
    pub(super) fn identity(self: &Arc<Self>) -> usize {
        Arc::as_ptr(self).cast::<()>() as usize
    }
}
