//! The limiter of `[rate = R]`: the one token bucket (`rate.rs`) that every task of a stage
//! shares, and the wait for a token on each of the stage I/O handles.
//!
//! Guarantees:
//! - One bucket per stage, whatever its `workers`: its tasks take their tokens from it in
//!   turn, under one lock held for a few instructions per item. The limiter has no task of
//!   its own: a task that must wait sleeps itself.
//! - `wait_for_token` returns at once while tokens are left. Otherwise the task first
//!   delivers the outputs it holds (nothing of the stage waits with it), then sleeps until
//!   its item's time through the handle's `run`: a cancel, the run's deadline or the consumer
//!   leaving ends the wait, and the stage, at once.
//! - A generator's emitter, every clone of it, takes a token before each send; the stage
//!   around the generator drops it mid-wait when the run stops, as at any of its awaits.

use std::fmt;
use std::time::Duration;

use tokio::time::Instant;

use super::emitter::Emitter;
use super::exit::Exit;
use super::io::{SinkIo, SourceIo, StageIo};
use super::rate::{Bucket, Rate};
use super::style::Style;
use crate::metrics::{Activity, marked};
use crate::sync::{Arc, Mutex};

/// A stage's rate limit while it runs: its [`Rate`]'s bucket, shared by the stage's tasks
/// (each holds a clone).
#[doc(hidden)]
#[derive(Clone)]
pub struct Limiter {
    shared: Arc<Shared>,
}

struct Shared {
    rate: Rate,
    /// Where the bucket's times count from.
    origin: Instant,
    bucket: Mutex<Bucket>,
}

impl Limiter {
    /// A full bucket for `rate`.
    pub(crate) fn new(rate: Rate) -> Self {
        Self {
            shared: Arc::new(Shared {
                rate,
                origin: Instant::now(),
                bucket: Mutex::new(Bucket::new(rate)),
            }),
        }
    }

    /// Takes the token of one item: `None` when it may go now, else when it may.
    pub(super) fn take(&self) -> Option<Instant> {
        let Shared { origin, bucket, .. } = &*self.shared;
        let now = Instant::now().saturating_duration_since(*origin).as_nanos();
        let at = bucket.lock().take(now);
        (at > now).then(|| after(*origin, at))
    }

    /// `generate(f)` or `try_generate(f)` with `[rate = ..]`: `generator`, given an emitter
    /// that takes a token before each send.
    pub fn limit_emitter<Out, E, S, R>(
        self,
        generator: impl FnOnce(Emitter<Out, E, S>) -> R,
    ) -> impl FnOnce(Emitter<Out, E, S>) -> R
    where
        S: Style,
    {
        move |emit| generator(emit.limited(self))
    }
}

impl fmt::Debug for Limiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Limiter").field(&self.shared.rate).finish()
    }
}

/// `nanos` ns after `origin`; past what an `Instant` holds, a time that never comes.
fn after(origin: Instant, nanos: u128) -> Instant {
    const NANOS_PER_SEC: u128 = 1_000_000_000;
    let secs = u64::try_from(nanos / NANOS_PER_SEC).unwrap_or(u64::MAX);
    let subsec = u32::try_from(nanos % NANOS_PER_SEC).unwrap_or(0);
    origin
        .checked_add(Duration::new(secs, subsec))
        // As tokio's own far future: about 30 years ahead.
        .unwrap_or_else(|| Instant::now() + Duration::from_secs(86_400 * 365 * 30))
}

impl<In, Out, E, S> StageIo<In, Out, E, S>
where
    S: Style,
{
    /// `[rate = ..]` on a transform: takes the token of the item just received, waiting for
    /// it if none is left. `Err(Exit::Stop)` when the run is cancelled or the consumer left
    /// during the wait.
    pub async fn wait_for_token(&mut self, limiter: &Limiter) -> Result<(), Exit<E>> {
        let Some(at) = limiter.take() else {
            return Ok(());
        };
        self.flush().await?;
        self.run(marked(Activity::Throttled, tokio::time::sleep_until(at)))
            .await
    }
}

impl<Out, E, S> SourceIo<Out, E, S>
where
    S: Style,
{
    /// `[rate = ..]` on a source: takes the token of the item about to be sent, waiting for
    /// it if none is left. `Err(Exit::Stop)` when the run is cancelled or the consumer left
    /// during the wait.
    ///
    /// Paused, the source takes its token only once resumed, and a token it waited for
    /// while a pause began lapses with the pause: the item that goes after a pause has a
    /// token taken after it, so a pause never lets more through at once than the burst.
    pub async fn wait_for_token(&mut self, limiter: &Limiter) -> Result<(), Exit<E>> {
        loop {
            self.resumed().await?;
            let Some(at) = limiter.take() else {
                return Ok(());
            };
            self.flush().await?;
            self.run(marked(Activity::Throttled, tokio::time::sleep_until(at)))
                .await?;
            if !self.is_paused() {
                return Ok(());
            }
        }
    }
}

impl<In, E, S> SinkIo<In, E, S>
where
    S: Style,
{
    /// `[rate = ..]` on a sink: takes the token of the item just received, waiting for it if
    /// none is left. `Err(Exit::Stop)` when the run is cancelled during the wait.
    pub async fn wait_for_token(&mut self, limiter: &Limiter) -> Result<(), Exit<E>> {
        let Some(at) = limiter.take() else {
            return Ok(());
        };
        self.run(marked(Activity::Throttled, tokio::time::sleep_until(at)))
            .await
    }
}
