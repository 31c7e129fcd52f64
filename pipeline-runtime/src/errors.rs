//! The error styles: what a stage does with an error from user code.
//!
//! - **Fail fast** ([`OnError::FailFast`], the default): the first error by time stops the
//!   whole run and is its result ([`PipelineError::Failed`](crate::PipelineError::Failed)),
//!   like Go's `errgroup`.
//! - **Error channel** ([`OnError::Report`]): the failed item's error goes to an
//!   [`ErrorStream`], named after its stage, and the stage goes on with
//!   the next item, like the Go articles' `(<-chan int, <-chan error)`. Reporting never
//!   waits, so an unread stream never holds a stage back; see [`crate::error_stream`] for
//!   what it keeps and what it counts.
//! - **Result items** ([`OkOnly`]): items flow as `Result<T, StageError<E>>`, the Go articles'
//!   result struct. A stage works on `Ok` items, turns its own error into an `Err` item that
//!   names it, and passes `Err` items from upstream through untouched; the sink sees both.

use std::fmt;
use std::marker::PhantomData;

pub use crate::error_stream::{ErrorSender, ErrorStream, Unreported, channel};
use crate::stage::Operator;
use crate::{StageError, StageName};

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
    /// or a report that nobody holds the stream to read).
    pub(crate) fn handle(&self, error: StageError<E>) -> Result<(), E> {
        match self {
            OnError::FailFast => Err(error.into_error()),
            OnError::Report(errors) => errors
                .report(error)
                .map_err(|Unreported(unread)| unread.into_error()),
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

/// Adapts an operator to the Result style: `Ok` items go through it, its errors become `Err`
/// items naming the stage, and `Err` items from upstream pass through untouched. It never
/// fails, so its own error type `X` is whatever the run's is.
pub struct OkOnly<Op, X> {
    op: Op,
    run_error: PhantomData<fn() -> X>,
}

impl<Op, X> OkOnly<Op, X> {
    /// Wraps `op`.
    pub fn new(op: Op) -> Self {
        Self {
            op,
            run_error: PhantomData,
        }
    }
}

impl<Op: Clone, X> Clone for OkOnly<Op, X> {
    fn clone(&self) -> Self {
        Self::new(self.op.clone())
    }
}

impl<Op: fmt::Debug, X> fmt::Debug for OkOnly<Op, X> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("OkOnly").field(&self.op).finish()
    }
}

impl<T, Op, X> Operator<Result<T, StageError<Op::Error>>> for OkOnly<Op, X>
where
    T: Send + 'static,
    Op: Operator<T>,
    X: Send + 'static,
{
    type Output = Result<Op::Output, StageError<Op::Error>>;
    type Error = X;
    type Outputs = ResultOutputs<<Op::Outputs as IntoIterator>::IntoIter, Op::Error>;

    async fn apply(&mut self, item: Result<T, StageError<Op::Error>>) -> Result<Self::Outputs, X> {
        Ok(match item {
            Err(upstream) => ResultOutputs::Err(Some(upstream)),
            Ok(item) => match self.op.apply(item).await {
                Ok(outputs) => ResultOutputs::Ok(outputs.into_iter()),
                Err(error) => {
                    ResultOutputs::Err(Some(StageError::new(current_stage_or_unknown(), error)))
                }
            },
        })
    }
}

/// The outputs of an [`OkOnly`] stage for one item: its operator's outputs as `Ok`s, or one
/// `Err`.
#[derive(Debug)]
pub enum ResultOutputs<I, E> {
    /// The operator's outputs.
    Ok(I),
    /// An error: the operator's, or one passed through from upstream.
    Err(Option<StageError<E>>),
}

impl<I: Iterator, E> Iterator for ResultOutputs<I, E> {
    type Item = Result<I::Item, StageError<E>>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            ResultOutputs::Ok(outputs) => outputs.next().map(Ok),
            ResultOutputs::Err(error) => error.take().map(Err),
        }
    }
}

pub(crate) fn current_stage_or_unknown() -> StageName {
    crate::current_stage().unwrap_or_else(|| StageName::new("(outside any stage)"))
}
