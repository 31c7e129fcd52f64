//! The runtime of [`pipeline`](https://docs.rs/pipeline): Go's pipeline patterns on tokio,
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
//! | error channel / result struct | [`errors`] |
//! | `sema <- struct{}{}` in a `select` with done | [`Semaphore::acquire`] |
//!
//! Every module states what it guarantees in its docs; the pipeline's contract as a whole is
//! in the `pipeline` crate's README.

#![forbid(unsafe_code)]

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
pub mod build;
pub mod channel;
mod context;
pub mod diagnostics;
mod done;
mod error;
pub mod errors;
mod fan_out;
mod id;
mod merge;
mod pause;
mod reorder;
mod scope;
mod semaphore;
pub mod stage;
mod sync;
mod wait_list;

pub use build::{Elapsed, Handle, Run};
pub use context::{current_pipeline, current_stage};
pub use done::{Cause, Done, WaitForCancel};
pub use error::{Cancelled, PipelineError, StageError};
pub use fan_out::{fan_out, fan_out_ordered};
pub use id::{PipelineId, StageName};
pub use merge::merge;
pub use pause::Pause;
pub use scope::{Scope, ScopeBuilder, ScopeClosed, Spawner};
pub use semaphore::{Semaphore, SemaphorePermit};

/// Builds a pipeline from a declarative list of stages and starts it.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use pipeline_runtime::pipeline;
///
/// let total: u64 = pipeline! {
///     from_iter(1..=1_000u64)
///         -> map(|n| n * n) [workers = 4]
///         -> fold(0, |acc, n| acc + n)
/// }
/// .await
/// .unwrap();
/// assert_eq!(total, 333_833_500);
/// # }
/// ```
///
/// Every stage runs as its own task (or `workers` tasks), connected by bounded channels. Each
/// receive and each send also watches the run's cancellation; a stage's output closes when it
/// exits, however it exits; and the run owns every task: it resolves only after all of them
/// have exited, and dropping it cancels them. Must be evaluated inside a Tokio runtime (the
/// stages start at once).
///
/// # The block
///
/// ```text
/// #![option = value, ..]            // optional, first: options of the whole run
/// let name = chain;                 // optional branches, each used by a later chain
/// chain                             // the last chain: ends in a sink, or is streamed
///
/// chain := start -> stage -> stage ..
/// start := a source | a branch name | merge(a, b, ..)
/// stage := name(args) [option = value, ..]
/// ```
///
/// # Stages
///
/// | stage | takes | does |
/// |---|---|---|
/// | `from_iter(items)` | `IntoIterator` | sends every item |
/// | `from_stream(stream)` | `Stream` | sends every item of the stream |
/// | `from_channel(rx)` | a tokio `mpsc` or `pipeline` receiver | sends what arrives, until it closes |
/// | `generate(\|emit\| async move { .. })` | async closure | `emit.send(x).await` sends; the closure is dropped at that point when nobody listens any more |
/// | `try_generate(..)` | the same, returning `Result<(), E>` | its error fails the run (or is reported) |
/// | `map(f)` | `FnMut(T) -> U` | one output per item |
/// | `then(f)` | `FnMut(T) -> impl Future<Output = U>` | async `map` |
/// | `try_map(f)` | `FnMut(T) -> Result<U, E>` | `map` that can fail |
/// | `try_then(f)` | `FnMut(T) -> impl Future<Output = Result<U, E>>` | async `try_map` |
/// | `filter(p)` | `FnMut(&T) -> bool` | keeps items `p` accepts |
/// | `filter_map(f)` | `FnMut(T) -> Option<U>` | keeps the `Some`s |
/// | `flat_map(f)` | `FnMut(T) -> impl IntoIterator<Item = U>` | any number of outputs per item |
/// | `inspect(f)` | `FnMut(&T)` | looks, passes on |
/// | `take(n)` / `skip(n)` | `usize` | the first `n` items / all but them |
/// | `take_while(p)` | `FnMut(&T) -> bool` | items until `p` rejects one |
/// | `chunks(n)` | `usize` | `Vec`s of `n` items (the last may be shorter) |
/// | `merge(a, b, ..)` | branch names | fan-in: every item of every branch |
/// | `tee()` | — | ends a `let` branch so it can be used several times; every use gets every item (`T: Clone`) |
/// | `collect()` / `collect::<C>()` | — | any `C: Default + Extend<T>` |
/// | `for_each(f)` / `try_for_each(f)` | `FnMut(T)` / `FnMut(T) -> Result<(), E>` | consumes each item |
/// | `fold(init, f)` | `A`, `FnMut(A, T) -> A` | the accumulated value |
/// | `count()`, `first()`, `last()`, `drain()` | — | `usize`, `Option<T>`, `Option<T>`, `()` |
/// | `to_channel(tx)` | a tokio `mpsc` or `pipeline` sender | sends every item into it |
///
/// `take`, `first` and the like stop their upstream stages as soon as they have what they need
/// (even an endless source), without cancelling the stages downstream of them.
///
/// # Stage options, `[..]` after a stage
///
/// - `workers = N`: `N` tasks share the input (map, then, try_map, try_then, filter,
///   filter_map, flat_map, inspect; the closure must be `Clone`).
/// - `ordered`: with `workers`, outputs keep input order (a bounded reorder window).
/// - `capacity = N`: the output channel's capacity (0: a rendezvous, like Go's `make(chan T)`).
/// - `name = "parse"`: the stage's name in errors and diagnostics (default `kind#position`).
/// - `timeout = duration`: per item, for `then` and `try_then`; an item that takes longer is
///   an error of type `E: From<pipeline::Elapsed>`.
///
/// # Pipeline options, `#![..]` at the start
///
/// - `cancel = token`: a `tokio_util` `CancellationToken` (or a `Done`) that cancels the run.
/// - `errors = fail_fast | channel | result`: the error style (below).
/// - `capacity = N`: the default capacity of every stage.
/// - `timeout = duration`: a deadline for the whole run.
///
/// # What it evaluates to
///
/// - With a sink: a [`Run`], a `#[must_use]` future of `Result<R, PipelineError<E>>` where `R`
///   is the sink's result.
/// - Without one: a [`Handle`], a `Stream` of the last stage's items, with `join`, `cancel`,
///   `pause` and `resume`.
///
/// Both have `cancel()`, `pause()`, `resume()` and `id()` (for [`diagnostics`]). `E` is the
/// error type of the fallible stages (all must agree), `Infallible` when there are none.
///
/// # Error styles
///
/// - `fail_fast` (default): the first error by time cancels the run and is its result,
///   [`PipelineError::Failed`] naming the stage; errors it provoked are only counted.
/// - `channel`: a failed item's [`StageError`] goes to `run.errors()` (take it and read it; if
///   you never do, the first error fails the run) and the run goes on.
/// - `result`: items flow as `Result<T, StageError<E>>`; each stage works on the `Ok`s and
///   passes `Err`s through; sinks see both.
///
/// A panic in a stage fails the run with [`PipelineError::Panicked`], naming the stage.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use futures::StreamExt;
/// use pipeline_runtime::pipeline;
///
/// let mut lines = pipeline! {
///     #![errors = result]
///     from_iter(["1", "two", "3"])
///         -> try_map(|s: &str| s.parse::<u32>()) [name = "parse"]
///         -> map(|n| n * 10)
/// };
/// let mut seen = Vec::new();
/// while let Some(item) = lines.next().await {
///     seen.push(match item {
///         Ok(n) => n.to_string(),
///         Err(error) => format!("error in {}", error.stage()),
///     });
/// }
/// assert_eq!(seen, ["10", "error in parse", "30"]);
/// lines.join().await.unwrap();
/// # }
/// ```
#[macro_export]
macro_rules! pipeline {
    ($($block:tt)*) => {
        $crate::__private::__pipeline! { $crate; $($block)* }
    };
}
