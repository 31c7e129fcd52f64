//! What a stage does with an error from its user code, when the error does not travel as an
//! item (the result style, [`Results`](super::Results), sends it on as an `Err` item instead).
//!
//! - **Fail fast** ([`OnError::FailFast`], the default): the first error by time stops the
//!   whole run and is its result ([`PipelineError::Failed`](crate::PipelineError::Failed)),
//!   like Go's `errgroup`.
//! - **Error channel** ([`OnError::Report`]): the failed item's error goes to an
//!   [`ErrorStream`](crate::ErrorStream), named after its stage, and the stage goes on with
//!   the next item, like the Go articles' `(<-chan int, <-chan error)`. Reporting never
//!   waits, so an unread stream never holds a stage back; see [`crate::error_stream`] for
//!   what it keeps and what it counts.

use std::fmt;

use crate::error_stream::{ErrorSender, Unreported};
use crate::pipeline_error::StageError;

/// What a stage does with an error from its user code.
#[derive(Default)]
pub enum OnError<E> {
    /// Fail the run with it (the first by time wins).
    #[default]
    FailFast,
    /// Report it to the error stream and go on with the next item.
    Report(ErrorSender<E>),
}

impl<E> OnError<E> {
    /// Handles `error`: `Ok` when it was reported, `Err` when it fails the stage (fail fast,
    /// or a report that nobody holds the stream to read), with its count of attempts.
    pub(crate) fn handle(&self, error: StageError<E>) -> Result<(), StageError<E>> {
        match self {
            OnError::FailFast => Err(error),
            OnError::Report(errors) => errors.report(error).map_err(|Unreported(unread)| unread),
        }
    }
}

impl<E> Clone for OnError<E> {
    fn clone(&self) -> Self {
        match self {
            OnError::FailFast => OnError::FailFast,
            OnError::Report(errors) => OnError::Report(errors.clone()),
        }
    }
}

impl<E> fmt::Debug for OnError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OnError::FailFast => f.write_str("FailFast"),
            OnError::Report(_) => f.write_str("Report(..)"),
        }
    }
}
