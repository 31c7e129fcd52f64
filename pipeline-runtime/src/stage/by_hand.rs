//! The loops that by-hand stages run, on the same [`StageIo`] and [`SourceIo`] as generated
//! stages: one implementation of receiving, sending, batching, ordering and error styles.

use super::exit::Exit;
use super::io::{SourceIo, StageIo};
use super::operator::Operator;
use super::style::Style;

/// Applies `op` to each input value and sends its outputs, in order; its errors are handled
/// in the stage's style.
pub(super) async fn apply<In, Op, S>(
    mut io: StageIo<In, Op::Output, Op::Error, S>,
    mut op: Op,
) -> Result<(), Exit<Op::Error>>
where
    Op: Operator<In>,
    S: Style,
{
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
}

/// Sends every item, waiting at the pause gate between items.
pub(super) async fn source<I, E, S>(
    items: I,
    mut io: SourceIo<I::Item, E, S>,
) -> Result<(), Exit<E>>
where
    I: IntoIterator,
    S: Style,
{
    for item in items {
        io.send(item).await?;
    }
    io.close().await
}
