//! The errors a run reports, each naming the stage it came from.
//!
//! - [`PipelineError`] is the result of a whole run: the first failure by time (an error or a
//!   panic, with its stage and the number of later failures it suppressed), or the reason the
//!   run was stopped from outside (cancelled, timed out). A cancellation that a failure caused
//!   is never reported in its place.
//! - [`StageError`] (in `stage_error.rs`) is one failed item: what the error channel
//!   carries, and what flows in `Result` items.
//! - Both say how many attempts the stage made at the item when it made more than one (a
//!   stage with `[retry = ..]`): "stage `fetch` failed after 3 attempts: ..". With one
//!   attempt their texts do not mention attempts.
//! - [`Cancelled`] is what a wait returns when the run was cancelled while it waited.

use std::error::Error;
use std::fmt;

use crate::id::StageName;
pub use crate::stage_error::StageError;
use crate::stage_error::failed;

/// A wait ended because the run was cancelled.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Cancelled;

impl fmt::Display for Cancelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the pipeline was cancelled")
    }
}

impl Error for Cancelled {}

/// Why a run did not succeed.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PipelineError<E> {
    /// A stage returned an error. It was the first failure; `suppressed` counts the failures
    /// that came after it while the run was stopping.
    Failed {
        /// The stage that failed.
        stage: StageName,
        /// Its error (with `retry`, the last attempt's).
        error: E,
        /// Failures after this one, not reported.
        suppressed: usize,
        /// How many times the stage tried the item: 1 unless it has `[retry = ..]`.
        attempts: usize,
    },
    /// User code in a stage panicked. It was the first failure.
    Panicked {
        /// The stage that panicked.
        stage: StageName,
        /// The panic's message (its payload, when that is a string).
        message: String,
        /// Failures after this one, not reported.
        suppressed: usize,
    },
    /// The run was cancelled: by [`RunControl::cancel`](crate::RunControl::cancel), an external token,
    /// a parent pipeline, or dropping the run's handle.
    Cancelled,
    /// The run's deadline passed before it finished.
    TimedOut,
    /// An argument given at run time was out of range, such as `[workers = n]` with
    /// `n == 0`. Nothing ran: the run checks its arguments before it starts any stage.
    InvalidArgument {
        /// The stage the argument belongs to; `None` for an option of the whole run.
        stage: Option<StageName>,
        /// The argument, as written in the block: `workers`, `chunks`, `timeout`...
        argument: &'static str,
        /// Its value.
        value: String,
        /// What it must be.
        expected: &'static str,
    },
    /// The run finished, but the error stream was full while nobody read it, so `dropped`
    /// errors were counted instead of kept (see [`ErrorStream`](crate::ErrorStream)). The
    /// errors it kept are still in the stream.
    ErrorsDropped {
        /// How many errors were not kept.
        dropped: u64,
        /// How many unread errors the stream keeps.
        capacity: usize,
    },
    /// A recursive stage (`recurse`, `try_recurse`) had more than `limit` items waiting to be
    /// fed back into it (its `max_pending`): the run was stopped rather than let the backlog
    /// grow without bound.
    TooManyPending {
        /// The recursive stage.
        stage: StageName,
        /// Its `max_pending`.
        limit: usize,
    },
    /// A `route(f)` stage's closure picked branch `index` for an item, but the route has only
    /// `branches` branches (`0..branches`). A mistake in the routing code rather than in an
    /// item, so it fails the run in every error style, and the item goes nowhere.
    RouteOutOfRange {
        /// The route.
        stage: StageName,
        /// The index its closure returned.
        index: usize,
        /// How many branches it has.
        branches: usize,
    },
}

impl<E> PipelineError<E> {
    /// The stage that failed, panicked or had an invalid argument; `None` otherwise.
    pub fn stage(&self) -> Option<&StageName> {
        match self {
            Self::Failed { stage, .. } | Self::Panicked { stage, .. } => Some(stage),
            Self::InvalidArgument { stage, .. } => stage.as_ref(),
            Self::TooManyPending { stage, .. } | Self::RouteOutOfRange { stage, .. } => Some(stage),
            Self::Cancelled | Self::TimedOut | Self::ErrorsDropped { .. } => None,
        }
    }

    /// How many failures came after the reported one.
    pub fn suppressed(&self) -> usize {
        match self {
            Self::Failed { suppressed, .. } | Self::Panicked { suppressed, .. } => *suppressed,
            _ => 0,
        }
    }

    /// How many times the failed stage tried its item (1 unless it has `[retry = ..]`), if a
    /// stage returned an error.
    pub fn attempts(&self) -> Option<usize> {
        match self {
            Self::Failed { attempts, .. } => Some(*attempts),
            _ => None,
        }
    }

    /// The stage's own error, if a stage returned one.
    pub fn error(&self) -> Option<&E> {
        match self {
            Self::Failed { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The stage's own error, if a stage returned one.
    pub fn into_error(self) -> Option<E> {
        match self {
            Self::Failed { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The panic message, if a stage panicked.
    pub fn panic_message(&self) -> Option<&str> {
        match self {
            Self::Panicked { message, .. } => Some(message),
            _ => None,
        }
    }

    /// Whether the run was cancelled from outside.
    pub fn is_cancelled(&self) -> bool {
        matches!(self, Self::Cancelled)
    }

    /// Whether the run's deadline passed.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::TimedOut)
    }

    /// Converts the stage's error type, keeping everything else.
    pub fn map_err<F>(self, f: impl FnOnce(E) -> F) -> PipelineError<F> {
        match self {
            Self::Failed {
                stage,
                error,
                suppressed,
                attempts,
            } => PipelineError::Failed {
                stage,
                error: f(error),
                suppressed,
                attempts,
            },
            Self::Panicked {
                stage,
                message,
                suppressed,
            } => PipelineError::Panicked {
                stage,
                message,
                suppressed,
            },
            Self::Cancelled => PipelineError::Cancelled,
            Self::TimedOut => PipelineError::TimedOut,
            Self::InvalidArgument {
                stage,
                argument,
                value,
                expected,
            } => PipelineError::InvalidArgument {
                stage,
                argument,
                value,
                expected,
            },
            Self::ErrorsDropped { dropped, capacity } => {
                PipelineError::ErrorsDropped { dropped, capacity }
            }
            Self::TooManyPending { stage, limit } => PipelineError::TooManyPending { stage, limit },
            Self::RouteOutOfRange {
                stage,
                index,
                branches,
            } => PipelineError::RouteOutOfRange {
                stage,
                index,
                branches,
            },
        }
    }
}

impl<E: fmt::Display> fmt::Display for PipelineError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Failed {
                stage,
                error,
                attempts,
                ..
            } => {
                failed(f, stage, *attempts)?;
                write!(f, "{error}")?;
            }
            Self::Panicked { stage, message, .. } => {
                write!(f, "stage `{stage}` panicked: {message}")?;
            }
            Self::Cancelled => return f.write_str("the pipeline was cancelled"),
            Self::TimedOut => return f.write_str("the pipeline timed out"),
            Self::InvalidArgument {
                stage,
                argument,
                value,
                expected,
            } => {
                match stage {
                    Some(stage) => write!(f, "stage `{stage}`: `{argument}` ")?,
                    None => write!(f, "the pipeline's `{argument}` ")?,
                }
                return write!(f, "must be {expected}, but it is {value}; nothing ran");
            }
            Self::ErrorsDropped { dropped, capacity } => {
                let errors = if *dropped == 1 {
                    "error was"
                } else {
                    "errors were"
                };
                return write!(
                    f,
                    "{dropped} {errors} dropped: the error stream keeps {capacity} unread \
                     errors; read it while the run goes on (for example with `tokio::join!`)"
                );
            }
            Self::TooManyPending { stage, limit } => {
                return write!(
                    f,
                    "stage `{stage}` had more than {limit} items waiting to be fed back into \
                     it, its `max_pending`: raise the limit, or bound the work with \
                     `max_depth` or `unique_by`"
                );
            }
            Self::RouteOutOfRange {
                stage,
                index,
                branches,
            } => {
                return write!(
                    f,
                    "stage `{stage}` routed an item to branch {index}, but it has {branches} \
                     branches, numbered from 0"
                );
            }
        }
        match self.suppressed() {
            0 => Ok(()),
            1 => f.write_str(" (1 later failure suppressed)"),
            n => write!(f, " ({n} later failures suppressed)"),
        }
    }
}

impl<E: fmt::Debug> fmt::Debug for PipelineError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Failed {
                stage,
                error,
                suppressed,
                attempts,
            } => {
                let mut debug = f.debug_struct("Failed");
                debug
                    .field("stage", &format_args!("{stage}"))
                    .field("error", error)
                    .field("suppressed", suppressed);
                // As `StageError`'s: without retry, the text it always had.
                if *attempts > 1 {
                    debug.field("attempts", attempts);
                }
                debug.finish()
            }
            Self::Panicked {
                stage,
                message,
                suppressed,
            } => f
                .debug_struct("Panicked")
                .field("stage", &format_args!("{stage}"))
                .field("message", message)
                .field("suppressed", suppressed)
                .finish(),
            Self::Cancelled => f.write_str("Cancelled"),
            Self::TimedOut => f.write_str("TimedOut"),
            Self::InvalidArgument {
                stage,
                argument,
                value,
                expected,
            } => f
                .debug_struct("InvalidArgument")
                .field("stage", &stage.as_ref().map(|s| format!("{s}")))
                .field("argument", argument)
                .field("value", value)
                .field("expected", expected)
                .finish(),
            Self::ErrorsDropped { dropped, capacity } => f
                .debug_struct("ErrorsDropped")
                .field("dropped", dropped)
                .field("capacity", capacity)
                .finish(),
            Self::TooManyPending { stage, limit } => f
                .debug_struct("TooManyPending")
                .field("stage", &format_args!("{stage}"))
                .field("limit", limit)
                .finish(),
            Self::RouteOutOfRange {
                stage,
                index,
                branches,
            } => f
                .debug_struct("RouteOutOfRange")
                .field("stage", &format_args!("{stage}"))
                .field("index", index)
                .field("branches", branches)
                .finish(),
        }
    }
}

impl<E: Error + 'static> Error for PipelineError<E> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            Self::Failed { error, .. } => Some(error),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
