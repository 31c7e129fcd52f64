//! The runtime of [`gopipe`](https://docs.rs/gopipe): Go's pipeline patterns on tokio,
//! without Go's goroutine leaks. Usable by hand; the `pipeline!` macro generates code on it.
//!
//! | Go | here |
//! |---|---|
//! | `done := make(chan struct{})`, `close(done)` | [`Done`], [`Done::cancel`] |
//! | `context.WithCancel(parent)` | [`Done::child`]; a [`Scope`] made inside a stage |
//! | `select { case out <- v: case <-done: }` | [`Sender::send`](channel::Sender::send) |
//! | `select { case v, ok := <-in: case <-done: }` | [`Receiver::recv`](channel::Receiver::recv) |
//! | `go f()` + `sync.WaitGroup` / `errgroup` | [`Scope::spawn`] + [`Scope::join`] |
//! | `defer close(out)` | dropping the [`Sender`](channel::Sender) (on every exit path) |
//! | `merge(done, cs...)` | [`merge`] |
//! | N goroutines reading one channel | [`fan_out`], [`fan_out_ordered`] |
//! | error channel / result struct | [`ErrorStream`] (never blocks), [`errors`] |
//! | `sema <- struct{}{}` in a `select` with done | [`Semaphore::acquire`] |
//!
//! Every module states what it guarantees in its docs; the pipeline's contract as a whole is
//! in the `gopipe` crate's README.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
pub mod build;
pub mod channel;
mod context;
pub mod diagnostics;
pub mod done;
mod error;
pub mod error_stream;
pub mod errors;
mod fan_out;
mod id;
#[cfg(all(test, pipeline_loom))]
mod loom_models;
mod merge;
pub mod pause;
mod pipeline_macro;
mod reorder;
pub mod scope;
pub mod semaphore;
pub mod stage;
mod sync;
mod wait_list;

pub use build::{Elapsed, Handle, Run};
pub use context::{current_pipeline, current_stage};
pub use done::{Cause, Done, WaitForCancel};
pub use error::{Cancelled, PipelineError, StageError};
pub use error_stream::ErrorStream;
pub use fan_out::{fan_out, fan_out_ordered};
pub use id::{PipelineId, StageName};
pub use merge::merge;
pub use pause::Pause;
pub use scope::{Scope, ScopeBuilder, ScopeClosed, Spawner};
pub use semaphore::{Semaphore, SemaphorePermit};
