//! [`Chunks`]: batching by size or time (`chunks_timeout(size, window)`).
//!
//! Guarantees:
//! - A chunk leaves when it holds `size` items, or when `window` has passed since its *first*
//!   item arrived, whichever comes first. The window is not restarted by later items, and it
//!   runs while the stage waits for input: a partial chunk never waits for the next item.
//! - The last, partial chunk leaves when the input ends. No chunk is empty.
//! - Waiting for the window also watches the run and the consumers, like every receive.

use std::pin::Pin;
use std::time::Duration;

use tokio::time::{Instant, Sleep};

use super::io::{Next, StageIo};
use super::style::Style;

/// The chunk a `chunks_timeout` stage is filling, and its window's timer.
#[doc(hidden)]
pub struct Chunks<T> {
    size: usize,
    window: Duration,
    chunk: Vec<T>,
    /// Armed from the first item of a chunk until the chunk leaves. Boxed: it lives as long
    /// as the stage, and only this stage needs one.
    timer: Pin<Box<Sleep>>,
    /// When the chunk's window ends, once it has a first item.
    deadline: Option<Instant>,
}

impl<T> Chunks<T> {
    /// Chunks of at most `size` items (at least 1), each leaving at most `window` after its
    /// first item arrived.
    pub fn new(size: usize, window: Duration) -> Self {
        let size = size.max(1);
        Self {
            size,
            window,
            chunk: Vec::with_capacity(size),
            timer: Box::pin(tokio::time::sleep_until(Instant::now())),
            deadline: None,
        }
    }

    /// The next chunk from `io`'s input; `None` once the input has ended and the last
    /// chunk has left.
    pub async fn next<Out, E, S: Style>(
        &mut self,
        io: &mut StageIo<T, Out, E, S>,
    ) -> Option<Vec<T>> {
        loop {
            let timer = self.deadline.is_some().then_some(self.timer.as_mut());
            match io.next_input(timer).await {
                Next::Item(item) => {
                    let deadline = *self.deadline.get_or_insert_with(|| {
                        let deadline = Instant::now() + self.window;
                        self.timer.as_mut().reset(deadline);
                        deadline
                    });
                    self.chunk.push(item);
                    // Items in hand are taken without waiting, so the window is also
                    // checked here: a busy stage keeps to it too.
                    if self.chunk.len() >= self.size || Instant::now() >= deadline {
                        return Some(self.take());
                    }
                }
                Next::Elapsed => return Some(self.take()),
                Next::Ended => return (!self.chunk.is_empty()).then(|| self.take()),
            }
        }
    }

    fn take(&mut self) -> Vec<T> {
        self.deadline = None;
        std::mem::replace(&mut self.chunk, Vec::with_capacity(self.size))
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
