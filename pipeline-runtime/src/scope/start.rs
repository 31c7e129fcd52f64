//! The start gate of a deferred scope: its tasks are spawned as they are wired, and each waits
//! here before it first polls its stage.
//!
//! Guarantees:
//! - **Nothing runs before the start.** No stage's future is polled until the gate opens, when
//!   the whole block is wired and its arguments are checked.
//! - **Nothing runs at all if the run was cancelled first** (or an argument was invalid): the
//!   gate opens closed, and each task drops its stage unpolled.
//! - **No copy of a task.** A task waits inside its own cell, so a deferred task costs no
//!   allocation of its future besides the task's own (a boxed future kept until the start
//!   left a hole the size of the future in the heap of every parked fan-out worker).

use std::task::{Context, Poll, Waker};

use crate::sync::{AtomicUsize, Mutex, Ordering};

const WAITING: usize = 0;
const STARTED: usize = 1;
const CANCELLED: usize = 2;

/// See the [module docs](self).
#[derive(Debug)]
pub(crate) struct StartGate {
    state: AtomicUsize,
    waiting: Mutex<Vec<Waker>>,
}

impl Default for StartGate {
    fn default() -> Self {
        Self {
            state: AtomicUsize::new(WAITING),
            waiting: Mutex::new(Vec::new()),
        }
    }
}

/// What a task does once the gate is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Opened {
    /// Run the stage.
    Run,
    /// Drop the stage without polling it: the run was over before it started.
    Skip,
}

impl StartGate {
    /// Opens the gate: `run` says whether the tasks run their stages or skip them.
    pub(crate) fn open(&self, run: bool) {
        let waiting = {
            let mut waiting = self.waiting.lock();
            let state = if run { STARTED } else { CANCELLED };
            self.state.store(state, Ordering::Release);
            std::mem::take(&mut *waiting)
        };
        // Woken outside the lock: a waker may run its task at once.
        for waker in waiting {
            waker.wake();
        }
    }

    /// `Ready` once the gate is open; until then, `cx` is woken when it opens.
    pub(crate) fn poll_opened(&self, cx: &mut Context<'_>) -> Poll<Opened> {
        if let Some(opened) = self.opened() {
            return Poll::Ready(opened);
        }
        let mut waiting = self.waiting.lock();
        // Checked again under the lock, which `open` holds while it changes the state.
        if let Some(opened) = self.opened() {
            return Poll::Ready(opened);
        }
        // Only the last waker is compared: every task of a fan-out parks here once as it is
        // spawned (a scan of them all would be quadratic), and nothing else wakes a task
        // before the gate opens, so a task is polled here again, if ever, right away.
        if !waiting
            .last()
            .is_some_and(|last| last.will_wake(cx.waker()))
        {
            waiting.push(cx.waker().clone());
        }
        Poll::Pending
    }

    fn opened(&self) -> Option<Opened> {
        match self.state.load(Ordering::Acquire) {
            STARTED => Some(Opened::Run),
            CANCELLED => Some(Opened::Skip),
            _ => None,
        }
    }
}

#[cfg(all(test, not(pipeline_loom)))]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::task::Wake;

    struct Count(AtomicUsize);

    impl Wake for Count {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }

    #[test]
    fn a_task_waits_until_the_gate_opens_and_is_woken_once() {
        let gate = StartGate::default();
        let woken = Arc::new(Count(AtomicUsize::new(0)));
        let waker = Waker::from(woken.clone());
        let mut cx = Context::from_waker(&waker);
        assert!(gate.poll_opened(&mut cx).is_pending());
        assert!(gate.poll_opened(&mut cx).is_pending(), "polled again");
        assert_eq!(woken.0.load(Ordering::Relaxed), 0);
        gate.open(true);
        assert_eq!(woken.0.load(Ordering::Relaxed), 1, "one wake per task");
        assert_eq!(gate.poll_opened(&mut cx), Poll::Ready(Opened::Run));
    }

    #[test]
    fn a_gate_opened_cancelled_skips_every_task() {
        let gate = StartGate::default();
        let waker = Waker::noop();
        let mut cx = Context::from_waker(waker);
        assert!(gate.poll_opened(&mut cx).is_pending());
        gate.open(false);
        assert_eq!(gate.poll_opened(&mut cx), Poll::Ready(Opened::Skip));
    }
}
