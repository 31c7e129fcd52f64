//! The wiring of `[rate = ..]`: a stage's rate, checked before the run starts, made the
//! limiter its tasks share. The waits for tokens are the stage engine's
//! (`wait_for_token` on each I/O handle, and the emitter of a generator).

use super::pipeline::Pipeline;
use crate::id::StageName;
use crate::scope::InvalidArgument;
use crate::stage::{Limiter, Rate, Style};

impl<E: Send + 'static, S: Style, Errors> Pipeline<E, S, Errors> {
    /// A stage's rate limit, checked before the run starts: a count of 0, a period of zero
    /// or a burst of 0 is an invalid argument of the stage (no item could ever go, or every
    /// item at once).
    pub fn checked_rate(&self, stage: &str, rate: Rate) -> Limiter {
        if let Some(expected) = rate.invalid() {
            self.scope.reject(InvalidArgument {
                stage: Some(StageName::new(stage)),
                argument: "rate",
                value: rate.to_string(),
                expected,
            });
        }
        Limiter::new(rate)
    }
}
