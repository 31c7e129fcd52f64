//! Done: the cancellation signal of a run, Go's `done` channel as a tree.
//!
//! Guarantees:
//! - **It stays cancelled.** Once cancelled, every check and every wait sees it, forever.
//! - **The first cause wins.** The [`Cause`] is recorded by the first `cancel_with` and never
//!   replaced; later calls return `false`.
//! - **Cancel is a tree.** A [`child`](Done::child) is cancelled with its parent (taking the
//!   parent's cause); cancelling a child leaves the parent alone.
//! - **Checking is one atomic load.** Channels and stages check [`is_cancelled`](Done::is_cancelled)
//!   on every item; nothing on that path takes a lock. Parked channel operations hear about a
//!   cancel because every channel registers itself here and is woken when it fires.
//! - A caller's `tokio_util` [`CancellationToken`] can drive it ([`Done::cancel_on`]).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio_util::sync::CancellationToken;

use crate::id::StageName;
use crate::sync::{Arc, AtomicBool, Mutex, Ordering, Weak};
use crate::wait_list::{Listener, Listeners, WaitKey, WaitList};

/// Why a run was cancelled.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Cause {
    /// [`Done::cancel`] was called, by the user, an external token or a dropped handle.
    Cancelled,
    /// The run's deadline passed.
    DeadlineExceeded,
    /// A stage failed (returned an error or panicked) and fail-fast stopped the run. The run's
    /// result carries the error itself.
    Failed {
        /// The stage whose failure stopped the run.
        stage: StageName,
    },
    /// The consumer needed nothing more (`take`, `first`, an early [`Scope::stop`](crate::Scope::stop))
    /// and the producers were told to stop. Not an error.
    Finished,
    /// The run completed: every task exited and [`Scope::join`](crate::Scope::join) (or the
    /// run's future) returned. Work that was handed the run's [`Done`] sees it end, as Go's
    /// `errgroup` cancels its context when `Wait` returns.
    Completed,
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cause::Cancelled => f.write_str("the run was cancelled"),
            Cause::DeadlineExceeded => f.write_str("the run's deadline passed"),
            Cause::Failed { stage } => write!(f, "stage `{stage}` failed"),
            Cause::Finished => f.write_str("the consumer needed no more items"),
            Cause::Completed => f.write_str("the run finished"),
        }
    }
}

/// A cancellation signal shared by every stage of a run. Clones share the signal.
///
/// ```
/// use gopipe_runtime::{Cause, Done};
///
/// let run = Done::new();
/// let nested = run.child();
/// assert!(!nested.is_cancelled());
///
/// assert!(run.cancel());          // the first cancel records its cause
/// assert!(!run.cancel_with(Cause::DeadlineExceeded)); // later ones change nothing
/// assert!(nested.is_cancelled()); // the child went with its parent
/// assert_eq!(nested.cause(), Some(Cause::Cancelled));
/// ```
#[derive(Clone)]
pub struct Done {
    node: Arc<Node>,
}

struct Node {
    /// Set (under `inner`'s lock, with `cause`) by the first cancel; read without a lock.
    cancelled: AtomicBool,
    inner: Mutex<Inner>,
}

struct Inner {
    /// The first cancel's cause.
    cause: Option<Cause>,
    children: Listeners<Node>,
    listeners: Listeners,
    waiters: WaitList,
}

impl Done {
    /// A new signal with no parent.
    pub fn new() -> Self {
        Self {
            node: Arc::new(Node {
                cancelled: AtomicBool::new(false),
                inner: Mutex::new(Inner {
                    cause: None,
                    children: Listeners::new(),
                    listeners: Listeners::new(),
                    waiters: WaitList::new(),
                }),
            }),
        }
    }

    /// A signal that is cancelled whenever this one is, and can also be cancelled on its own.
    pub fn child(&self) -> Done {
        let child = Done::new();
        let mut inner = self.node.inner.lock();
        if self.is_cancelled() {
            drop(inner);
            child.cancel_with(self.cause().unwrap_or(Cause::Cancelled));
        } else {
            inner.children.push(Arc::downgrade(&child.node));
        }
        child
    }

    /// Cancels with [`Cause::Cancelled`]. Returns `true` if this call cancelled it.
    pub fn cancel(&self) -> bool {
        self.cancel_with(Cause::Cancelled)
    }

    /// Cancels with `cause`, unless already cancelled. Returns `true` if this call cancelled it
    /// (and so recorded `cause`).
    pub fn cancel_with(&self, cause: Cause) -> bool {
        Node::cancel(&self.node, cause)
    }

    /// Whether it has been cancelled. One atomic load.
    #[inline]
    pub fn is_cancelled(&self) -> bool {
        self.node.cancelled.load(Ordering::Acquire)
    }

    /// The cause recorded by the first cancel, or `None` while not cancelled.
    pub fn cause(&self) -> Option<Cause> {
        if self.is_cancelled() {
            self.node.inner.lock().cause.clone()
        } else {
            None
        }
    }

    /// Completes when cancelled (at once if it already is).
    pub fn cancelled(&self) -> WaitForCancel {
        WaitForCancel {
            done: self.clone(),
            key: None,
        }
    }

    /// Cancels this signal when `token` is cancelled. The returned future does the watching:
    /// it completes when either is cancelled, so it never outlives the run it serves.
    /// [`ScopeBuilder::cancel_on`](crate::ScopeBuilder::cancel_on) runs it for you.
    pub fn cancel_on(&self, token: CancellationToken) -> impl Future<Output = ()> + Send + 'static {
        let done = self.clone();
        async move {
            let mut external = std::pin::pin!(token.cancelled());
            let mut own = std::pin::pin!(done.cancelled());
            std::future::poll_fn(|cx| {
                if external.as_mut().poll(cx).is_ready() {
                    done.cancel();
                    return Poll::Ready(());
                }
                own.as_mut().poll(cx)
            })
            .await;
        }
    }

    /// Whether two handles share one signal.
    pub fn same_signal(&self, other: &Done) -> bool {
        Arc::ptr_eq(&self.node, &other.node)
    }

    /// Registers a channel (or anything parked on this signal) to be notified when it fires.
    /// A listener registered after the cancel is not notified: it must check
    /// [`is_cancelled`](Self::is_cancelled) under its own lock before parking, as channels do.
    pub(crate) fn listen(&self, listener: Weak<dyn Listener>) {
        let mut inner = self.node.inner.lock();
        if !self.is_cancelled() {
            inner.listeners.push(listener);
        }
    }
}

impl Default for Done {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Done {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Done")
            .field("cause", &self.cause())
            .finish_non_exhaustive()
    }
}

impl Node {
    fn cancel(node: &Arc<Node>, cause: Cause) -> bool {
        // Record the cause and set the flag together, then take everything to signal; signal
        // without the lock: a listener locks its own state, a child cancels its own subtree.
        let (children, listeners, waiters) = {
            let mut inner = node.inner.lock();
            if inner.cause.is_some() {
                return false;
            }
            inner.cause = Some(cause.clone());
            node.cancelled.store(true, Ordering::Release);
            (
                inner.children.take(),
                inner.listeners.take(),
                inner.waiters.take_all(),
            )
        };
        waiters.wake();
        for listener in listeners.iter().filter_map(Weak::upgrade) {
            listener.notify();
        }
        for child in children.iter().filter_map(Weak::upgrade) {
            Node::cancel(&child, cause.clone());
        }
        true
    }
}

/// Future returned by [`Done::cancelled`]: completes once the signal is cancelled.
#[must_use = "futures do nothing unless awaited"]
pub struct WaitForCancel {
    done: Done,
    key: WaitKey,
}

impl Future for WaitForCancel {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        if this.done.is_cancelled() {
            return Poll::Ready(());
        }
        let mut inner = this.done.node.inner.lock();
        // Re-check under the lock: a cancel that set the flag before we locked has either
        // already taken the waiters (and we see the flag now) or will take ours.
        if this.done.is_cancelled() {
            inner.waiters.remove(&mut this.key);
            return Poll::Ready(());
        }
        inner.waiters.park(&mut this.key, cx.waker());
        Poll::Pending
    }
}

impl Drop for WaitForCancel {
    fn drop(&mut self) {
        if self.key.is_some() {
            self.done.node.inner.lock().waiters.remove(&mut self.key);
        }
    }
}

impl fmt::Debug for WaitForCancel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitForCancel")
            .field("done", &self.done)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn child_created_after_cancel_starts_cancelled_with_the_parent_cause() {
        let parent = Done::new();
        parent.cancel_with(Cause::DeadlineExceeded);
        let child = parent.child();
        assert!(child.is_cancelled());
        assert_eq!(child.cause(), Some(Cause::DeadlineExceeded));
    }

    #[test]
    fn cancelling_a_child_leaves_the_parent_alone() {
        let parent = Done::new();
        let child = parent.child();
        let grandchild = child.child();
        assert!(child.cancel());
        assert!(grandchild.is_cancelled());
        assert!(!parent.is_cancelled());
        assert_eq!(parent.cause(), None);
    }

    #[test]
    fn dropped_children_do_not_accumulate_in_the_parent() {
        let parent = Done::new();
        for _ in 0..100_000 {
            drop(parent.child());
        }
        let live = parent.node.inner.lock().children.len();
        assert!(live < 64, "parent still lists {live} children");
    }
}
