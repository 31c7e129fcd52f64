//! Who runs a fused group: the task of its own that feeds a channel ([`forward`]), or the
//! sink that consumes it ([`Inlet`]), inside the sink's task.

use std::collections::VecDeque;
use std::task::Poll;

use super::{Fused, Pull, Pulled};
use crate::channel::Receiver;
use crate::done::Done;
use crate::metrics::Gauge;
use crate::pause::Pause;
use crate::stage::{Exit, Output};

/// The loop of a fused group's own task: pulls batches from the group's last stage and
/// sends them to `output`. It flushes before it waits for input, watches the consumer while
/// it waits, and waits at the pause gate, having delivered what it has, when a stage says
/// the run is paused.
pub(crate) async fn forward<T, E>(
    mut chain: Box<dyn Pull<T>>,
    mut output: Output<T>,
    gate: Pause,
    done: Done,
) -> Result<(), Exit<E>> {
    let mut batch = VecDeque::new();
    loop {
        let pulled = match std::future::poll_fn(|cx| Poll::Ready(chain.pull(cx, &mut batch))).await
        {
            Poll::Ready(pulled) => pulled,
            Poll::Pending => {
                // Nothing of ours may wait with us.
                output.flush().await?;
                let pulled = std::future::poll_fn(|cx| {
                    if let Poll::Ready(pulled) = chain.pull(cx, &mut batch) {
                        return Poll::Ready(Some(pulled));
                    }
                    if output.poll_closed(cx).is_ready() {
                        return Poll::Ready(None);
                    }
                    Poll::Pending
                })
                .await;
                output.stop_watching();
                pulled.ok_or(Exit::Stop)?
            }
        };
        if pulled == Pulled::Stopped {
            return Err(Exit::Stop);
        }
        while let Some(item) = batch.pop_front() {
            output.push(item).await?;
        }
        match pulled {
            Pulled::More => {}
            Pulled::Paused => {
                output.flush().await?;
                gate.resumed(&done).await.map_err(|_| Exit::Stop)?;
            }
            Pulled::End | Pulled::Stopped => return Ok(output.flush().await?),
        }
    }
}

/// What a sink reads from: its input channel, or a fused group it runs itself.
pub(crate) enum Inlet<T> {
    Channel(Receiver<T>),
    Fused(FusedInlet<T>),
}

/// A fused group run by the sink that consumes it.
pub(crate) struct FusedInlet<T> {
    chain: Option<Box<dyn Pull<T>>>,
    /// A plain buffer: the sink's task is checked `Send` where it is spawned, as one holding
    /// a channel's receiver is.
    batch: VecDeque<T>,
    /// The group's last stage: an item is out of it once the sink takes it.
    gauge: Gauge,
    gate: Pause,
    done: Done,
}

impl<T> Inlet<T> {
    /// The sink's input: `fused`, run by the sink's task.
    pub(crate) fn fused(fused: Fused<T>, gate: Pause, done: Done) -> Self {
        Inlet::Fused(FusedInlet {
            chain: Some(fused.chain),
            batch: VecDeque::new(),
            gauge: fused.gauge,
            gate,
            done,
        })
    }

    /// The next item of a fused group that is in hand already, if one is: no await.
    #[inline]
    pub(crate) fn in_hand(&mut self) -> Option<T> {
        match self {
            Inlet::Fused(fused) => fused.in_hand(),
            Inlet::Channel(_) => None,
        }
    }

    /// The next item; `None` once the input is over (exhausted, cancelled, or failed: a
    /// fused stage's failure has failed the run already).
    pub(crate) async fn recv(&mut self) -> Option<T> {
        match self {
            Inlet::Channel(rx) => rx.recv().await,
            Inlet::Fused(fused) => fused.recv().await,
        }
    }
}

impl<T> FusedInlet<T> {
    #[inline]
    fn in_hand(&mut self) -> Option<T> {
        let item = self.batch.pop_front()?;
        self.gauge.item_out();
        Some(item)
    }

    async fn recv(&mut self) -> Option<T> {
        loop {
            if let Some(item) = self.in_hand() {
                return Some(item);
            }
            let chain = self.chain.as_mut()?;
            match std::future::poll_fn(|cx| chain.pull(cx, &mut self.batch)).await {
                Pulled::More => {}
                Pulled::Paused => {
                    if self.batch.is_empty() && self.gate.resumed(&self.done).await.is_err() {
                        self.chain = None;
                    }
                }
                Pulled::End => self.chain = None,
                Pulled::Stopped => {
                    self.chain = None;
                    self.batch.clear();
                }
            }
        }
    }
}
