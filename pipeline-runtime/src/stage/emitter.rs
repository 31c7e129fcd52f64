//! [`Emitter`]: how a generator (`generate`, `try_generate`) hands its items downstream.

use std::fmt;

use super::limiter::Limiter;
use super::on_error::OnError;
use super::style::{Plain, Style};
use crate::channel::Sender;
use crate::context::current_stage_or_unknown;
use crate::done::Done;
use crate::metrics::{Activity, Gauge, marked};
use crate::pause::Pause;
use crate::pipeline_error::StageError;

/// Hands a `generate` source's items downstream.
///
/// [`send`](Emitter::send) cannot fail: when the run is cancelled or the consumer has left, it
/// simply never returns, and the generator is dropped at that await point (like any cancelled
/// future), so a generator needs no stop-checking code of its own.
///
/// `E` is the run's error type and `S` its [`Style`]; a generator written as a function names
/// them only when they are not the defaults, e.g. `Emitter<u64>` in a run that cannot fail,
/// `Emitter<u64, io::Error>` in one that can.
pub struct Emitter<T, E = std::convert::Infallible, S: Style = Plain> {
    sender: Sender<S::Item<T, E>>,
    gate: Pause,
    done: Done,
    /// The stage's `[rate = ..]`, if any: a token is taken before each send.
    limiter: Option<Limiter>,
    /// The generator stage's gauge (clones may send from other tasks: counted atomically).
    gauge: Gauge,
    /// What the run does with an error that does not end the generator.
    on_error: OnError<E>,
}

impl<T, E, S: Style> Emitter<T, E, S> {
    pub(crate) fn new(
        sender: Sender<S::Item<T, E>>,
        gate: Pause,
        done: Done,
        gauge: Gauge,
        on_error: OnError<E>,
    ) -> Self {
        Self {
            sender,
            gate,
            done,
            limiter: None,
            gauge,
            on_error,
        }
    }

    /// This emitter, taking a token of `limiter` before each send (its clones too).
    pub(super) fn limited(mut self, limiter: Limiter) -> Self {
        self.limiter = Some(limiter);
        self
    }

    /// Sends `item` downstream, waiting for room (and at the pause gate, and with a `rate`,
    /// for a token).
    pub async fn send(&self, item: T) {
        let delivered =
            self.resumed_with_token().await && self.sender.send_op(S::ok(item)).await.is_ok();
        if delivered {
            self.gauge.item_out_shared();
        } else {
            // The stage around this generator sees the same cancel or departure and drops it.
            std::future::pending::<()>().await;
        }
    }

    /// Reports `error`, the failure of one item the generator could not produce (an entry it
    /// could not decode, say), under the generator's stage name, in the run's error style:
    /// an `Err` item in the result style, a report to the error stream in the channel style;
    /// the generator goes on either way. In the fail-fast style (or when nobody holds the
    /// error stream) it is handed back, for the generator to end with: `emit.report(e).await?`.
    pub async fn report(&self, error: E) -> Result<(), E> {
        self.gauge.error();
        let error = StageError::new(current_stage_or_unknown(), error);
        match S::error_item::<T, E>(error) {
            Ok(item) => {
                if !(self.resumed_with_token().await && self.sender.send_op(item).await.is_ok()) {
                    std::future::pending::<()>().await;
                }
                Ok(())
            }
            Err(error) => self.on_error.handle(error).map_err(StageError::into_error),
        }
    }

    /// Past the pause gate, with a token if the stage has a `rate`: taken once resumed, and
    /// taken again if a pause began while it waited for it (as `SourceIo::wait_for_token`).
    /// Its sleep needs no watch of its own: the stage around the generator drops it here if
    /// the run stops. `false` if the run stopped at the gate.
    async fn resumed_with_token(&self) -> bool {
        loop {
            if self.gate.resumed(&self.done).await.is_err() {
                return false;
            }
            let Some(at) = self.limiter.as_ref().and_then(Limiter::take) else {
                return true;
            };
            marked(Activity::Throttled, tokio::time::sleep_until(at)).await;
            if !self.gate.is_paused() {
                return true;
            }
        }
    }
}

/// A clone emits into the same stage: a generator can hand clones to tasks of its own (a
/// [`Scope`](crate::Scope) created inside it is cancelled with the run).
impl<T, E, S: Style> Clone for Emitter<T, E, S> {
    fn clone(&self) -> Self {
        Self {
            sender: self.sender.clone(),
            gate: self.gate.clone(),
            done: self.done.clone(),
            limiter: self.limiter.clone(),
            gauge: self.gauge.clone(),
            on_error: self.on_error.clone(),
        }
    }
}

impl<T, E, S: Style> fmt::Debug for Emitter<T, E, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Emitter").finish_non_exhaustive()
    }
}
