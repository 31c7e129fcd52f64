//! How a [`Run`](super::Run) gets its value: from its one sink, or gathered from the sinks of
//! a block whose result is a tuple of branches (`(a, b)`), each of which ended in a sink.
//!
//! Each sink sends its value through a oneshot of its own when its loop ends. The run reads
//! them only once every task has exited, so the gathering is a plain read of values already
//! sent: no task waits on them, and a sink that stopped without a value (the run was stopped
//! from outside) leaves the run without one, as a single sink does.

use tokio::sync::oneshot;

/// The value one sink will produce: what a `let` branch ending in a sink evaluates to, for
/// the block's final tuple to gather.
#[doc(hidden)]
#[must_use = "a sink's value is read by gathering it into the run"]
pub struct SinkValue<R> {
    pub(crate) rx: oneshot::Receiver<R>,
}

impl<R> SinkValue<R> {
    fn take(&mut self) -> Option<R> {
        self.rx.try_recv().ok()
    }
}

impl<R> std::fmt::Debug for SinkValue<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SinkValue").finish_non_exhaustive()
    }
}

/// A tuple of [`SinkValue`]s, gathered into the tuple of their values: the result of a
/// block that ends in `(a, b, ..)`. For 2 to 12 sinks.
#[doc(hidden)]
pub trait SinkValues: Send + Sync {
    /// The tuple of the sinks' values.
    type Output;

    /// Every sink's value, once all have sent one.
    fn take(&mut self) -> Option<Self::Output>;
}

macro_rules! sink_values {
    ($(($($value:ident $index:tt),+))+) => {$(
        impl<$($value: Send + 'static),+> SinkValues for ($(SinkValue<$value>,)+) {
            type Output = ($($value,)+);

            fn take(&mut self) -> Option<Self::Output> {
                Some(($(self.$index.take()?,)+))
            }
        }
    )+};
}

sink_values! {
    (R0 0, R1 1)
    (R0 0, R1 1, R2 2)
    (R0 0, R1 1, R2 2, R3 3)
    (R0 0, R1 1, R2 2, R3 3, R4 4)
    (R0 0, R1 1, R2 2, R3 3, R4 4, R5 5)
    (R0 0, R1 1, R2 2, R3 3, R4 4, R5 5, R6 6)
    (R0 0, R1 1, R2 2, R3 3, R4 4, R5 5, R6 6, R7 7)
    (R0 0, R1 1, R2 2, R3 3, R4 4, R5 5, R6 6, R7 7, R8 8)
    (R0 0, R1 1, R2 2, R3 3, R4 4, R5 5, R6 6, R7 7, R8 8, R9 9)
    (R0 0, R1 1, R2 2, R3 3, R4 4, R5 5, R6 6, R7 7, R8 8, R9 9, R10 10)
    (R0 0, R1 1, R2 2, R3 3, R4 4, R5 5, R6 6, R7 7, R8 8, R9 9, R10 10, R11 11)
}

/// Where a run's value comes from.
pub(crate) enum Delivery<R> {
    /// The block's one sink.
    One(SinkValue<R>),
    /// Several sinks, each ending a branch of the block's final tuple. Boxed: the tuple's
    /// type is not the run's business, and only blocks of several sinks pay for it.
    Gathered(Box<dyn SinkValues<Output = R>>),
}

impl<R> Delivery<R> {
    /// The run's value, read once every task has exited.
    pub(crate) fn take(&mut self) -> Option<R> {
        match self {
            Delivery::One(value) => value.take(),
            Delivery::Gathered(values) => values.take(),
        }
    }
}

#[cfg(all(test, not(pipeline_loom)))]
mod tests {
    use super::*;

    fn value<R>(sent: Option<R>) -> SinkValue<R> {
        let (tx, rx) = oneshot::channel();
        if let Some(sent) = sent {
            let _ = tx.send(sent);
        }
        SinkValue { rx }
    }

    #[test]
    fn a_tuple_of_sinks_gives_every_value_or_none() {
        let mut all = Delivery::Gathered(Box::new((value(Some(1u8)), value(Some("two")))));
        assert_eq!(all.take(), Some((1, "two")));
        let mut one_missing = Delivery::Gathered(Box::new((value(Some(1u8)), value::<u8>(None))));
        assert_eq!(one_missing.take(), None);
        assert_eq!(Delivery::One(value(Some(7))).take(), Some(7));
    }
}
