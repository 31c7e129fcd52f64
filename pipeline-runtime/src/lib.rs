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
//! | error channel / result struct | [`ErrorStream`] (never blocks), [`Results`] items |
//! | `sema <- struct{}{}` in a `select` with done | [`Semaphore::acquire`] |
//!
//! Every module states what it guarantees in its docs; the pipeline's contract as a whole is
//! in the `gopipe` crate's README.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
pub mod ack;
pub mod channel;
mod context;
mod control;
pub mod diagnostics;
pub mod done;
pub mod error_stream;
mod fan_out;
mod fusion;
pub mod graph;
mod id;
#[cfg(all(test, pipeline_loom))]
mod loom_models;
mod merge;
pub mod metrics;
pub mod pause;
mod pipeline_error;
mod pipeline_macro;
pub mod progress;
mod reorder;
pub mod requirements;
mod run;
pub mod scope;
pub mod semaphore;
pub mod stage;
mod stage_error;
mod sync;
mod trace;
mod wait_list;
mod wiring;

pub use context::{current_pipeline, current_stage};
pub use control::RunControl;
pub use done::{Cause, Done, WaitForCancel};
pub use error_stream::ErrorStream;
pub use fan_out::{fan_out, fan_out_ordered};
pub use graph::Graph;
pub use id::{PipelineId, StageName};
pub use merge::merge;
pub use pause::Pause;
pub use pipeline_error::{Cancelled, PipelineError, StageError};
pub use run::{Handle, Run};
pub use scope::{Scope, ScopeBuilder, ScopeClosed, Spawner};
pub use semaphore::{Semaphore, SemaphorePermit};
pub use stage::{Elapsed, Emitter, Plain, Rate, Results, Retry, Style};
