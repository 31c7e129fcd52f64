//! The error stream of the error-channel style: Go's `(<-chan T, <-chan error)`, without the
//! deadlock.
//!
//! In Go, a stage that sends on an error channel nobody reads blocks forever, and so does the
//! `Wait` that waits for it. Here reporting an error never waits, so no order of awaiting the
//! run, reading the stream or dropping it can hang the run. Guarantees:
//!
//! - **Never waits.** [`ErrorSender::report`] returns at once, whatever the reader does.
//! - **Bounded.** The stream keeps at most `capacity` unread errors (the first ones); past
//!   that, errors are counted ([`ErrorStream::dropped`]), not kept. Memory stays bounded
//!   however many items fail. A run whose stream dropped errors says so in its result
//!   ([`PipelineError::ErrorsDropped`](crate::PipelineError::ErrorsDropped)).
//! - **Nothing vanishes.** A stream never taken from its run keeps its errors too, and the
//!   run's result is the first of them ([`PipelineError::Failed`](crate::PipelineError::Failed),
//!   the others counted as suppressed); so is the result of a run whose stream was dropped
//!   with errors unread. Once the stream is dropped, a report is refused and the error fails
//!   the run at once, like the fail-fast style.
//! - **It ends.** The stream ends once every sender is gone (every stage has exited) and the
//!   kept errors are read.
//!
//! Read it while the run goes on and nothing is dropped as long as the reader keeps up:
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use futures::StreamExt;
//! use gopipe_runtime::{pipeline, StageError};
//!
//! let (run, errors) = pipeline! {
//!     #![errors = channel]
//!     from_iter(["1", "x", "3"]) -> try_map(|s: &str| s.parse::<u32>()) -> collect::<Vec<_>>()
//! }
//! .split_errors();
//! let (parsed, errors) = tokio::join!(run, errors.collect::<Vec<StageError<_>>>());
//! assert_eq!(parsed.unwrap(), [1, 3]);
//! assert_eq!(errors.len(), 1);
//! # }
//! ```

use std::collections::VecDeque;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use futures_core::Stream;

use crate::pipeline_error::StageError;
use crate::sync::{Arc, Guard, Mutex};

/// How many unread errors an error stream keeps unless told otherwise.
pub const DEFAULT_ERROR_CAPACITY: usize = 1024;

/// The failed items' errors of a run in the error-channel style, as a [`Stream`].
///
/// Get it with `split_errors()` on the run, or with [`channel`] by hand. See the
/// [module docs](self) for what it guarantees.
#[must_use = "an error stream that is dropped makes every later error fail the run"]
pub struct ErrorStream<E> {
    ledger: Arc<Ledger<E>>,
}

/// Reports stage errors to an [`ErrorStream`]. Clones report to the same stream.
pub struct ErrorSender<E> {
    ledger: Arc<Ledger<E>>,
}

/// An error refused by [`ErrorSender::report`]: nobody holds the stream to read it.
#[derive(Debug)]
pub struct Unreported<E>(pub StageError<E>);

/// The state shared by a stream and its senders.
pub(crate) struct Ledger<E> {
    state: Mutex<State<E>>,
    capacity: usize,
}

struct State<E> {
    kept: VecDeque<StageError<E>>,
    dropped: u64,
    senders: usize,
    /// The stream was dropped: reports are refused.
    gone: bool,
    waker: Option<Waker>,
}

/// An error stream and its sender, keeping up to `capacity` unread errors (at least 1).
pub fn channel<E>(capacity: usize) -> (ErrorSender<E>, ErrorStream<E>) {
    let ledger = Arc::new(Ledger {
        state: Mutex::new(State {
            kept: VecDeque::new(),
            dropped: 0,
            senders: 1,
            gone: false,
            waker: None,
        }),
        capacity: capacity.max(1),
    });
    (
        ErrorSender {
            ledger: ledger.clone(),
        },
        ErrorStream { ledger },
    )
}

impl<E> Ledger<E> {
    fn lock(&self) -> Guard<'_, State<E>> {
        self.state.lock()
    }

    /// Once the stream was dropped: the first error it left unread, and how many more it
    /// kept or dropped.
    pub(crate) fn left_unread(&self) -> Option<(StageError<E>, u64)> {
        let mut state = self.lock();
        if state.gone {
            state.first_unread()
        } else {
            None
        }
    }

    /// How many errors were counted instead of kept.
    pub(crate) fn dropped(&self) -> u64 {
        self.lock().dropped
    }

    /// How many unread errors the stream keeps.
    pub(crate) fn capacity(&self) -> usize {
        self.capacity
    }
}

impl<E> State<E> {
    fn first_unread(&mut self) -> Option<(StageError<E>, u64)> {
        let first = self.kept.pop_front()?;
        let rest = self.kept.len() as u64 + self.dropped;
        Some((first, rest))
    }
}

impl<E> ErrorStream<E> {
    /// A run's stream that nobody took, once the run has ended: its first error, and how many
    /// more it kept or dropped.
    pub(crate) fn unread(&self) -> Option<(StageError<E>, u64)> {
        self.ledger.lock().first_unread()
    }

    pub(crate) fn ledger(&self) -> Arc<Ledger<E>> {
        self.ledger.clone()
    }

    /// The next error; `None` once every stage has exited and every kept error was read.
    pub async fn recv(&mut self) -> Option<StageError<E>> {
        std::future::poll_fn(|cx| self.poll_recv(cx)).await
    }

    /// Polls for the next error; see [`recv`](Self::recv).
    pub fn poll_recv(&mut self, cx: &mut Context<'_>) -> Poll<Option<StageError<E>>> {
        let mut state = self.ledger.lock();
        if let Some(error) = state.kept.pop_front() {
            return Poll::Ready(Some(error));
        }
        if state.senders == 0 {
            return Poll::Ready(None);
        }
        match &mut state.waker {
            Some(waker) if waker.will_wake(cx.waker()) => {}
            waker => *waker = Some(cx.waker().clone()),
        }
        Poll::Pending
    }

    /// How many errors were counted instead of kept, because the stream already held its
    /// capacity of unread errors. Final once the stream has ended.
    pub fn dropped(&self) -> u64 {
        self.ledger.dropped()
    }

    /// How many unread errors the stream keeps.
    pub fn capacity(&self) -> usize {
        self.ledger.capacity
    }
}

impl<E> Stream for ErrorStream<E> {
    type Item = StageError<E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_recv(cx)
    }
}

impl<E> Drop for ErrorStream<E> {
    fn drop(&mut self) {
        // What it kept stays (bounded), for the run's result to report.
        self.ledger.lock().gone = true;
    }
}

impl<E> fmt::Debug for ErrorStream<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.ledger.lock();
        f.debug_struct("ErrorStream")
            .field("unread", &state.kept.len())
            .field("dropped", &state.dropped)
            .field("capacity", &self.ledger.capacity)
            .finish()
    }
}

impl<E> ErrorSender<E> {
    /// Reports `error` without waiting. It is kept for the reader, or counted as dropped when
    /// the stream already holds its capacity of unread errors; it is handed back once the
    /// stream was dropped, for the caller to fail with it instead.
    pub fn report(&self, error: StageError<E>) -> Result<(), Unreported<E>> {
        let waker = {
            let mut state = self.ledger.lock();
            if state.gone {
                return Err(Unreported(error));
            }
            if state.kept.len() < self.ledger.capacity {
                state.kept.push_back(error);
                state.waker.take()
            } else {
                state.dropped += 1;
                None
            }
        };
        if let Some(waker) = waker {
            waker.wake();
        }
        Ok(())
    }
}

impl<E> Clone for ErrorSender<E> {
    fn clone(&self) -> Self {
        self.ledger.lock().senders += 1;
        Self {
            ledger: self.ledger.clone(),
        }
    }
}

impl<E> Drop for ErrorSender<E> {
    fn drop(&mut self) {
        let waker = {
            let mut state = self.ledger.lock();
            state.senders -= 1;
            if state.senders == 0 {
                state.waker.take()
            } else {
                None
            }
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl<E> fmt::Debug for ErrorSender<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorSender").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::StageName;

    fn error(n: u32) -> StageError<u32> {
        StageError::new(StageName::new("s"), n)
    }

    #[test]
    fn keeps_the_first_errors_up_to_capacity_and_counts_the_rest() {
        let (sender, mut stream) = channel::<u32>(2);
        for n in 0..5 {
            sender.report(error(n)).unwrap();
        }
        drop(sender);
        let waker = futures::task::noop_waker();
        let mut cx = Context::from_waker(&waker);
        let mut read = Vec::new();
        while let Poll::Ready(Some(error)) = stream.poll_recv(&mut cx) {
            read.push(error.into_error());
        }
        assert_eq!(read, [0, 1]);
        assert_eq!(stream.dropped(), 3);
        assert!(matches!(stream.poll_recv(&mut cx), Poll::Ready(None)));
    }

    #[test]
    fn a_dropped_stream_refuses_reports() {
        let (sender, stream) = channel::<u32>(4);
        assert!(sender.report(error(2)).is_ok());
        drop(stream);
        let Unreported(refused) = sender.report(error(3)).unwrap_err();
        assert_eq!(refused.into_error(), 3);
    }

    #[test]
    fn an_untaken_stream_gives_its_first_error_and_counts_the_rest() {
        let (sender, stream) = channel::<u32>(2);
        for n in 0..5 {
            sender.report(error(n)).unwrap();
        }
        let (first, rest) = stream.unread().unwrap();
        assert_eq!((first.into_error(), rest), (0, 4));
    }
}
