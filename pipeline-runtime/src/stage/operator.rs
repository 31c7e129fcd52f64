//! Operator: what a stage does with each item, apart from the channel plumbing around it.

use std::fmt;
use std::future::Future;

/// One stage's work on one item: zero, one or many outputs, or an error.
///
/// The stage runner ([`Stage`](super::Stage)) does everything else: receiving while observing
/// done, sending each output while observing done, closing the output on exit, fanning out,
/// reordering, and routing errors by the run's error style.
pub trait Operator<In>: Send + 'static {
    /// What the stage produces.
    type Output: Send + 'static;
    /// What its user code can fail with.
    type Error: Send + 'static;
    /// The outputs of one item (an `Option` for one-or-none, any iterator for many).
    type Outputs: IntoIterator<Item = Self::Output, IntoIter: Send> + Send;

    /// Processes one item.
    fn apply(
        &mut self,
        item: In,
    ) -> impl Future<Output = Result<Self::Outputs, Self::Error>> + Send;
}

/// An operator from an async function with one output per item; see [`then`].
#[derive(Clone)]
pub struct Then<F>(F);

/// The operator that awaits `f(item)` and sends its `Ok` value.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() {
/// use gopipe_runtime::stage::{then, Operator};
///
/// let mut square = then(|n: u64| async move { Ok::<_, std::io::Error>(n * n) });
/// assert_eq!(square.apply(7).await.unwrap(), Some(49));
/// # }
/// ```
pub fn then<F>(f: F) -> Then<F> {
    Then(f)
}

impl<In, Out, E, F, Fut> Operator<In> for Then<F>
where
    F: FnMut(In) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Out, E>> + Send,
    Out: Send + 'static,
    E: Send + 'static,
{
    type Output = Out;
    type Error = E;
    type Outputs = Option<Out>;

    fn apply(&mut self, item: In) -> impl Future<Output = Result<Option<Out>, E>> + Send {
        let future = (self.0)(item);
        async move { future.await.map(Some) }
    }
}

impl<F> fmt::Debug for Then<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Then(..)")
    }
}
