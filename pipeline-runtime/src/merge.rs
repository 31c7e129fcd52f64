//! Merge: fan-in of several channels into one, Go's `merge(done, cs...)`.
//!
//! Guarantees:
//! - every item of every input arrives on the output exactly once (in each input's order;
//!   inputs interleave);
//! - the output closes after the last input closes (each input has its own forwarding task,
//!   which owns a sender of the output);
//! - cancellation stops every forwarder, whether it waits on its input or on the output.

use crate::channel::{DEFAULT_CAPACITY, Receiver};
use crate::id::StageName;
use crate::scope::Scope;
use crate::stage::{OnError, Plain, junction, spawn_workers};

/// Merges `inputs` into one channel, with a forwarding task per input named `stage[i]`.
///
/// Every item of every input arrives exactly once, each input's items in their order; the
/// output closes after the last input closes; cancellation stops every forwarder, whether it
/// waits on its input or on the output.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use gopipe_runtime::{merge, stage::Stage, Scope};
///
/// let scope: Scope<()> = Scope::new();
/// let odd = Stage::new("odd").spawn_source(&scope, [1, 3, 5]);
/// let even = Stage::new("even").spawn_source(&scope, [2, 4]);
/// let mut all = merge(&scope, "merge", [odd, even]);
/// let mut seen = Vec::new();
/// while let Some(n) = all.recv().await {
///     seen.push(n);
/// }
/// scope.join().await.unwrap();
/// seen.sort();
/// assert_eq!(seen, [1, 2, 3, 4, 5]);
/// # }
/// ```
pub fn merge<T, E>(
    scope: &Scope<E>,
    stage: impl Into<StageName>,
    inputs: impl IntoIterator<Item = Receiver<T>>,
) -> Receiver<T>
where
    T: Send + 'static,
    E: Send + 'static,
{
    let (output, merged) = scope.channel(DEFAULT_CAPACITY);
    spawn_workers::<T, T, E, Plain, _>(
        scope,
        &stage.into(),
        inputs,
        &output,
        None,
        &OnError::FailFast,
        junction::forward,
    );
    merged
}
