//! The loops that by-hand stages run, on the same [`StageIo`] and [`SourceIo`] as generated
//! stages: one implementation of receiving, sending, batching, ordering and error styles.

use super::Operator;
use crate::build::{Exit, Plain, SourceIo, StageIo};

/// Applies `op` to each input item and sends its outputs, in order.
pub(super) async fn apply<In, Op: Operator<In>>(
    mut io: StageIo<In, Op::Output, Op::Error, Plain>,
    mut op: Op,
) -> Result<(), Op::Error>
where
    In: Send + 'static,
{
    let outcome = async {
        while let Some(item) = io.recv().await {
            match io.run(op.apply(item)).await? {
                Ok(outputs) => {
                    for output in outputs {
                        io.send(output).await?;
                    }
                }
                Err(error) => io.fail(error).await?,
            }
        }
        io.close().await
    };
    stopped_is_ok(outcome.await)
}

/// Sends every item, waiting at the pause gate between items.
pub(super) async fn source<I, E>(items: I, mut io: SourceIo<I::Item, E, Plain>) -> Result<(), E>
where
    I: IntoIterator,
    I::Item: Send + 'static,
    E: Send + 'static,
{
    let outcome = async {
        for item in items {
            io.send(item).await?;
        }
        io.close().await
    };
    stopped_is_ok(outcome.await)
}

/// A stage that stopped because the run was cancelled or its consumer left did not fail.
pub(crate) fn stopped_is_ok<E>(outcome: Result<(), Exit<E>>) -> Result<(), E> {
    match outcome {
        Ok(()) | Err(Exit::Stop) => Ok(()),
        Err(Exit::Fail(error)) => Err(error),
    }
}
