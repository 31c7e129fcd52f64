//! [`StageError`]: one item's error, named after the stage that raised it, with the number
//! of attempts the stage made at the item. What the error channel carries and what flows in
//! `Result` items.
//!
//! Its texts mention attempts only when there were several (a stage with `[retry = ..]`), so
//! an error without retry reads as it always has.

use std::error::Error;
use std::fmt;

use crate::id::StageName;

/// An error raised by one stage, for one item.
///
/// The error channel yields these, and in the `Result` style items are
/// `Result<T, StageError<E>>`.
#[derive(Clone, PartialEq, Eq)]
pub struct StageError<E> {
    stage: StageName,
    error: E,
    attempts: usize,
}

impl<E> StageError<E> {
    /// `error`, raised by `stage` at its first attempt.
    pub fn new(stage: impl Into<StageName>, error: E) -> Self {
        Self {
            stage: stage.into(),
            error,
            attempts: 1,
        }
    }

    /// The same error, raised after `attempts` attempts at the item (a retrying stage's
    /// last error, or the one it did not retry).
    #[must_use]
    pub(crate) fn after_attempts(mut self, attempts: usize) -> Self {
        self.attempts = attempts;
        self
    }

    /// How many times the stage tried the item: 1 unless it has `[retry = ..]`. The error is
    /// the last attempt's.
    pub fn attempts(&self) -> usize {
        self.attempts
    }

    /// The stage that raised the error.
    pub fn stage(&self) -> &StageName {
        &self.stage
    }

    /// The error itself.
    pub fn error(&self) -> &E {
        &self.error
    }

    /// The error, without its stage.
    pub fn into_error(self) -> E {
        self.error
    }

    /// The stage and the error.
    pub fn into_parts(self) -> (StageName, E) {
        (self.stage, self.error)
    }
}

impl<E: fmt::Debug> fmt::Debug for StageError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("StageError");
        debug
            .field("stage", &format_args!("{}", self.stage))
            .field("error", &self.error);
        // Only when there were several, so that an error without retry reads as it always has.
        if self.attempts > 1 {
            debug.field("attempts", &self.attempts);
        }
        debug.finish()
    }
}

impl<E: fmt::Display> fmt::Display for StageError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        failed(f, &self.stage, self.attempts)?;
        write!(f, "{}", self.error)
    }
}

/// "stage `s` failed: ", or "stage `s` failed after 3 attempts: " when it tried more than once.
pub(crate) fn failed(
    f: &mut fmt::Formatter<'_>,
    stage: &StageName,
    attempts: usize,
) -> fmt::Result {
    match attempts {
        0 | 1 => write!(f, "stage `{stage}` failed: "),
        n => write!(f, "stage `{stage}` failed after {n} attempts: "),
    }
}

impl<E: Error + 'static> Error for StageError<E> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_count_the_attempts_only_when_there_were_several() {
        let once = StageError::new(StageName::new("fetch"), "refused");
        assert_eq!(once.attempts(), 1);
        assert_eq!(once.to_string(), "stage `fetch` failed: refused");
        assert_eq!(
            format!("{once:?}"),
            r#"StageError { stage: fetch, error: "refused" }"#
        );
        let retried = once.after_attempts(3);
        assert_eq!(retried.attempts(), 3);
        assert_eq!(
            retried.to_string(),
            "stage `fetch` failed after 3 attempts: refused"
        );
        assert_eq!(
            format!("{retried:?}"),
            r#"StageError { stage: fetch, error: "refused", attempts: 3 }"#
        );
    }
}
