//! A semaphore whose acquire observes done: Go's `select { case sema <- token: case <-done: }`.
//!
//! Guarantees:
//! - at most `permits` holders at once, across every stage and pipeline that shares it
//!   (clones share the permits);
//! - a waiting acquire fails promptly with [`Cancelled`] when the run is cancelled, and a
//!   cancelled acquire never takes a permit;
//! - a permit returns when dropped, on every exit path.

use std::fmt;
use std::future::Future;
use std::pin::pin;
use std::task::Poll;

use crate::done::Done;
use crate::pipeline_error::Cancelled;
use crate::sync::Arc;

/// Limits how many tasks do something at once. Clones share the permits.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use gopipe_runtime::{Done, Semaphore};
///
/// let open_files = Semaphore::new(1);
/// let done = Done::new();
/// let permit = open_files.acquire_with(&done).await.unwrap();
/// assert_eq!(open_files.available_permits(), 0);
/// done.cancel();
/// // A waiting acquire gives up as soon as the run is cancelled.
/// assert!(open_files.acquire_with(&done).await.is_err());
/// drop(permit);
/// assert_eq!(open_files.available_permits(), 1);
/// # }
/// ```
#[derive(Clone)]
pub struct Semaphore {
    permits: Arc<tokio::sync::Semaphore>,
}

/// One permit of a [`Semaphore`]; dropping it gives it back.
#[must_use = "the permit is given back as soon as it is dropped"]
pub struct SemaphorePermit {
    _permit: tokio::sync::OwnedSemaphorePermit,
}

impl Semaphore {
    /// A semaphore with `permits` permits.
    pub fn new(permits: usize) -> Self {
        Self {
            permits: Arc::new(tokio::sync::Semaphore::new(permits)),
        }
    }

    /// Waits for a permit, observing the done of the stage this task runs (or only the
    /// permits, outside any stage).
    pub async fn acquire(&self) -> Result<SemaphorePermit, Cancelled> {
        match crate::context::current_done() {
            Some(done) => self.acquire_with(&done).await,
            None => self.acquire_with(&Done::new()).await,
        }
    }

    /// Waits for a permit unless `done` is cancelled first.
    pub async fn acquire_with(&self, done: &Done) -> Result<SemaphorePermit, Cancelled> {
        if done.is_cancelled() {
            return Err(Cancelled);
        }
        let mut acquire = pin!(self.permits.clone().acquire_owned());
        let mut cancelled = pin!(done.cancelled());
        std::future::poll_fn(|cx| {
            // Done first: once cancelled, never hand out a permit.
            if cancelled.as_mut().poll(cx).is_ready() {
                return Poll::Ready(Err(Cancelled));
            }
            match acquire.as_mut().poll(cx) {
                Poll::Ready(Ok(permit)) => Poll::Ready(Ok(SemaphorePermit { _permit: permit })),
                // The inner semaphore is never closed.
                Poll::Ready(Err(_)) => Poll::Ready(Err(Cancelled)),
                Poll::Pending => Poll::Pending,
            }
        })
        .await
    }

    /// A permit if one is free now.
    pub fn try_acquire(&self) -> Option<SemaphorePermit> {
        self.permits
            .clone()
            .try_acquire_owned()
            .ok()
            .map(|permit| SemaphorePermit { _permit: permit })
    }

    /// How many permits are free now.
    pub fn available_permits(&self) -> usize {
        self.permits.available_permits()
    }
}

impl fmt::Debug for Semaphore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Semaphore")
            .field("available", &self.available_permits())
            .finish()
    }
}

impl fmt::Debug for SemaphorePermit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SemaphorePermit")
    }
}
