//! The wiring of `[retry = ..]` on a fallible transform: its policy, checked before the run
//! starts. The retry loop itself is the stage engine's (`StageIo::send_retried` and
//! `run_retried`).

use super::pipeline::{Link, Pipeline};
use crate::id::StageName;
use crate::scope::InvalidArgument;
use crate::stage::{Retrying, Style};

impl<E: Send + 'static, S: Style, Errors> Pipeline<E, S, Errors> {
    /// A stage's retry for the items of `input`, checked before the run starts: 0 attempts is
    /// an invalid argument of the stage (not even the first could be made).
    pub fn checked_retry<In>(
        &self,
        stage: &str,
        _input: &Link<In, E, S>,
        retry: Retrying<In, E>,
    ) -> Retrying<In, E> {
        if retry.attempts() == 0 {
            self.scope.reject(InvalidArgument {
                stage: Some(StageName::new(stage)),
                argument: "retry",
                value: "0 attempts".to_owned(),
                expected: "at least 1 attempt",
            });
        }
        retry
    }
}
