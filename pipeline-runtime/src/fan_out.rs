//! Fan-out: N workers on one input, merged back into one output.
//!
//! Shorthands for [`Stage::workers`](crate::stage::Stage::workers) with an async function;
//! see [`stage`](crate::stage) for the guarantees (each item goes to exactly one worker, the
//! output closes when the last worker exits, ordered mode keeps input order within a bounded
//! window).

use std::future::Future;

use crate::channel::Receiver;
use crate::id::StageName;
use crate::scope::Scope;
use crate::stage::{Operator, Stage, then};

/// Runs `f` on every item of `input` with `workers` tasks; outputs arrive in completion order.
///
/// Each item goes to exactly one worker; the output closes when the last worker exits; an
/// error fails the run naming the worker (`stage[i]`).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use gopipe_runtime::{fan_out, stage::Stage, Scope};
///
/// let scope: Scope<std::io::Error> = Scope::new();
/// let numbers = Stage::new("gen").spawn_source(&scope, 1..=100u64);
/// let mut squares = fan_out(&scope, "sq", 4, numbers, |n| async move { Ok(n * n) });
/// let mut total = 0;
/// while let Some(n) = squares.recv().await {
///     total += n;
/// }
/// scope.join().await.unwrap();
/// assert_eq!(total, (1..=100u64).map(|n| n * n).sum());
/// # }
/// ```
///
/// 0 `workers` fails the run with [`PipelineError::InvalidArgument`](crate::PipelineError::InvalidArgument).
#[track_caller]
pub fn fan_out<T, U, E, F, Fut>(
    scope: &Scope<E>,
    stage: impl Into<StageName>,
    workers: usize,
    input: Receiver<T>,
    f: F,
) -> Receiver<U>
where
    T: Send + 'static,
    U: Send + 'static,
    E: Send + 'static,
    F: FnMut(T) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<U, E>> + Send,
{
    fan_out_with(scope, stage.into(), workers, None, input, then(f))
}

/// Like [`fan_out`], but outputs leave in input order; workers run at most `window` items
/// ahead of the oldest unfinished one.
///
/// 0 `workers` fails the run with [`PipelineError::InvalidArgument`](crate::PipelineError::InvalidArgument).
#[track_caller]
pub fn fan_out_ordered<T, U, E, F, Fut>(
    scope: &Scope<E>,
    stage: impl Into<StageName>,
    workers: usize,
    window: usize,
    input: Receiver<T>,
    f: F,
) -> Receiver<U>
where
    T: Send + 'static,
    U: Send + 'static,
    E: Send + 'static,
    F: FnMut(T) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<U, E>> + Send,
{
    fan_out_with(scope, stage.into(), workers, Some(window), input, then(f))
}

/// The body of both: `workers` tasks applying `op` to `input`, in order within `window` when
/// given.
#[track_caller]
fn fan_out_with<T, Op>(
    scope: &Scope<Op::Error>,
    stage: StageName,
    workers: usize,
    window: Option<usize>,
    input: Receiver<T>,
    op: Op,
) -> Receiver<Op::Output>
where
    T: Send + 'static,
    Op: Operator<T> + Clone,
{
    let pool = Stage::new(stage).workers(workers);
    match window {
        Some(window) => pool.ordered(window).spawn(scope, input, op),
        None => pool.spawn(scope, input, op),
    }
}
