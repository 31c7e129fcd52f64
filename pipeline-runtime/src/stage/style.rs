//! Item styles: what travels between stages, which follows from the run's error style.
//!
//! - [`Plain`]: items are the values themselves. This is the style of a block in the
//!   fail-fast style (the default) and in the error-channel style (`#![errors = channel]`):
//!   an error either ends the run or goes to the error stream, so it never travels as an item.
//! - [`Results`]: every item is a `Result<T, StageError<E>>` (`#![errors = result]`, or
//!   [`Stage::results`](super::Stage::results) by hand): stages work on the `Ok`s, and an
//!   `Err` passes every later stage untouched on its way to the sink.
//!
//! It is a type parameter of [`Handle`](crate::Handle) and [`Emitter`](super::Emitter) that
//! defaults to `Plain`, so only code that names a result-style handle writes it:
//! `Handle<u64, MyError, Results>`.

use crate::pipeline_error::StageError;

/// What an item between two stages is, for a logical item type `T` and error type `E`.
pub trait Style: Send + Sync + 'static {
    /// The item carried by the channels. No `Send` bound here: it would be proven at every
    /// mention (each link and stage I/O, so one non-`Send` item type is reported at each);
    /// the calls that create channels and spawn ask for it instead.
    type Item<T, E>;

    /// A successful value as an item.
    fn ok<T, E>(value: T) -> Self::Item<T, E>;

    /// An item as a value, or the error it carries past this stage.
    fn split<T, E>(item: Self::Item<T, E>) -> Result<T, StageError<E>>;

    /// An error as an item, when the style lets errors travel as items; otherwise hands it
    /// back to be handled by the stage's [`OnError`](super::OnError).
    fn error_item<T, E>(error: StageError<E>) -> Result<Self::Item<T, E>, StageError<E>>;
}

/// Items are plain values (fail-fast and error-channel styles).
#[derive(Debug, Clone, Copy, Default)]
pub struct Plain;

impl Style for Plain {
    type Item<T, E> = T;

    fn ok<T, E>(value: T) -> T {
        value
    }

    fn split<T, E>(item: T) -> Result<T, StageError<E>> {
        Ok(item)
    }

    fn error_item<T, E>(error: StageError<E>) -> Result<T, StageError<E>> {
        Err(error)
    }
}

/// Items are `Result<T, StageError<E>>` (the result style).
#[derive(Debug, Clone, Copy, Default)]
pub struct Results;

impl Style for Results {
    type Item<T, E> = Result<T, StageError<E>>;

    fn ok<T, E>(value: T) -> Result<T, StageError<E>> {
        Ok(value)
    }

    fn split<T, E>(item: Result<T, StageError<E>>) -> Result<T, StageError<E>> {
        item
    }

    fn error_item<T, E>(error: StageError<E>) -> Result<Result<T, StageError<E>>, StageError<E>> {
        Ok(Err(error))
    }
}
