//! [`Chunks`]: batching by size or time (`chunks_timeout(size, window)`).
//!
//! Guarantees:
//! - A chunk leaves when it holds `size` items, or when `window` has passed since its *first*
//!   item arrived, whichever comes first. The window is not restarted by later items, and it
//!   runs while the stage waits for input: a partial chunk never waits for the next item.
//! - The last, partial chunk leaves when the input ends. No chunk is empty.
//! - An item that arrives after its chunk's window ended (a busy stage) starts the next chunk.
//!   Items that were taken out of the input channel together count as arriving together,
//!   when the first of them is taken: the clock is read once for them, not once per item.
//! - A window too long to express (`Duration::MAX`) means none: chunks leave full, or at the
//!   end.
//! - Waiting for the window also watches the run and the consumers, like every receive.
//! - With a `rate` ([`limited`](Chunks::limited)), each item takes its token as it arrives,
//!   before it joins a chunk: a wait for a token can hold a chunk past its window, and the
//!   item it waited for then starts the next chunk.

use std::pin::Pin;
use std::time::Duration;

use tokio::time::{Instant, Sleep};

use super::io::{Next, StageIo};
use super::limiter::Limiter;
use super::style::Style;

/// At most this many items' room is taken ahead for a chunk: a chunk that leaves by time
/// early, or a size meant as "no limit" (`usize::MAX`), does not hold room for `size`.
const PREALLOCATED: usize = 1024;

/// An empty chunk for at most `size` items, with room for at most [`PREALLOCATED`] taken
/// ahead (`chunks(n)` and `chunks_timeout(n, _)` both start their chunks here).
#[doc(hidden)]
pub fn new_chunk<T>(size: usize) -> Vec<T> {
    Vec::with_capacity(size.min(PREALLOCATED))
}

/// The chunk a `chunks_timeout` stage is filling, and its window's timer.
#[doc(hidden)]
pub struct Chunks<T> {
    size: usize,
    window: Duration,
    chunk: Vec<T>,
    /// An item that arrived after its chunk's window ended: the first of the next chunk.
    carried: Option<T>,
    /// Armed from the first item of a chunk until the chunk leaves. Boxed: it lives as long
    /// as the stage, and only this stage needs one.
    timer: Pin<Box<Sleep>>,
    /// When the chunk's window ends, once it has a first item.
    deadline: Option<Instant>,
    /// The stage's `[rate = ..]`, if any.
    limiter: Option<Limiter>,
}

impl<T> Chunks<T> {
    /// Chunks of at most `size` items (at least 1), each leaving at most `window` after its
    /// first item arrived.
    pub fn new(size: usize, window: Duration) -> Self {
        let size = size.max(1);
        Self {
            size,
            window,
            chunk: new_chunk(size),
            carried: None,
            timer: Box::pin(tokio::time::sleep_until(Instant::now())),
            deadline: None,
            limiter: None,
        }
    }

    /// Each item takes a token of `limiter` as it arrives (`[rate = ..]`).
    pub fn limited(mut self, limiter: Limiter) -> Self {
        self.limiter = Some(limiter);
        self
    }

    /// The next chunk from `io`'s input; `None` once the input has ended and the last
    /// chunk has left.
    pub async fn next<Out, E, S: Style>(
        &mut self,
        io: &mut StageIo<T, Out, E, S>,
    ) -> Option<Vec<T>> {
        if let Some(item) = self.carried.take() {
            self.push(item);
        }
        loop {
            if self.chunk.len() >= self.size {
                return Some(self.take());
            }
            // Items taken from the channel together arrived together: the clock is read for
            // the first of them, not for each (nothing waits between them, but a token).
            let arrived_with_the_last = io.has_input_in_hand() && self.limiter.is_none();
            let timer = self.deadline.is_some().then_some(self.timer.as_mut());
            match io.next_input(timer).await {
                Next::Item(item) => {
                    if let Some(limiter) = &self.limiter
                        && io.wait_for_token(limiter).await.is_err()
                    {
                        // The run stopped or the consumer left: nothing more can leave.
                        return None;
                    }
                    // Items in hand are taken without waiting, so the window is also checked
                    // here: a busy stage keeps to it too, and a late item starts the next.
                    if !arrived_with_the_last
                        && self
                            .deadline
                            .is_some_and(|deadline| Instant::now() >= deadline)
                    {
                        self.carried = Some(item);
                        return Some(self.take());
                    }
                    self.push(item);
                }
                Next::Elapsed => return Some(self.take()),
                Next::Exhausted | Next::Ended => {
                    return (!self.chunk.is_empty()).then(|| self.take());
                }
            }
        }
    }

    /// Adds `item`; the first of a chunk starts its window.
    fn push(&mut self, item: T) {
        if self.chunk.is_empty() {
            // A window too long to express is none: the chunk leaves full or at the end.
            self.deadline = Instant::now().checked_add(self.window);
            if let Some(deadline) = self.deadline {
                self.timer.as_mut().reset(deadline);
            }
        }
        self.chunk.push(item);
    }

    fn take(&mut self) -> Vec<T> {
        self.deadline = None;
        std::mem::replace(&mut self.chunk, new_chunk(self.size))
    }
}

impl<T> std::fmt::Debug for Chunks<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chunks")
            .field("size", &self.size)
            .field("window", &self.window)
            .field("filled", &self.chunk.len())
            .finish_non_exhaustive()
    }
}
