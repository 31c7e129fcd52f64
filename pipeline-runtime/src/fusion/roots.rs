//! Where a fused group's items come from: its input channel ([`ChannelRoot`]), or a
//! `from_iter` source fused into it ([`IterRoot`]). Each takes a batch per pull, at most
//! [`BATCH`](super::BATCH) items or the run's capacity.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::task::{Context, Poll};

use super::{FusedContext, Identity, Pull, Pulled};
use crate::channel::Receiver;
use crate::id::StageName;
use crate::metrics::{Gauge, Sampler};
use crate::stage::Style;
use crate::trace::StageSpan;

/// The group's input channel: what it has in hand, up to a batch, without waiting for more.
/// It observes done and pause as every receiver does.
pub(crate) struct ChannelRoot<T> {
    rx: Receiver<T>,
    batch: usize,
}

impl<T> ChannelRoot<T> {
    /// Takes at most `batch` items per pull.
    pub(crate) fn new(rx: Receiver<T>, batch: usize) -> Self {
        Self { rx, batch }
    }
}

impl<T: Send> Pull<T> for ChannelRoot<T> {
    fn pull(&mut self, cx: &mut Context<'_>, out: &mut VecDeque<T>) -> Poll<Pulled> {
        match self.rx.poll_recv(cx) {
            Poll::Ready(Some(item)) => out.push_back(item),
            Poll::Ready(None) if self.rx.is_cancelled() => return Poll::Ready(Pulled::Stopped),
            Poll::Ready(None) => return Poll::Ready(Pulled::End),
            Poll::Pending => return Poll::Pending,
        }
        let mut taken = 1;
        while taken < self.batch && self.rx.has_in_hand() {
            match self.rx.try_recv() {
                Ok(item) => out.push_back(item),
                Err(_) => break,
            }
            taken += 1;
        }
        Poll::Ready(Pulled::More)
    }
}

/// A `from_iter` source as the first stage of a group: a batch of its iterator's items per
/// pull, checking done and pause before each.
pub(crate) struct IterRoot<I, E, S> {
    items: Option<I>,
    name: StageName,
    gauge: Gauge,
    sampler: Sampler,
    span: StageSpan,
    context: FusedContext<E>,
    style: std::marker::PhantomData<fn() -> S>,
}

impl<I, E, S> IterRoot<I, E, S> {
    pub(crate) fn new(items: I, identity: Identity, context: FusedContext<E>) -> Self {
        let Identity { name, gauge, span } = identity;
        Self {
            items: Some(items),
            name,
            gauge,
            sampler: Sampler::default(),
            span,
            context,
            style: std::marker::PhantomData,
        }
    }
}

impl<I, E, S> Pull<S::Item<I::Item, E>> for IterRoot<I, E, S>
where
    I: Iterator + Send,
    E: Send + 'static,
    S: Style,
    S::Item<I::Item, E>: Send,
{
    fn pull(
        &mut self,
        cx: &mut Context<'_>,
        out: &mut VecDeque<S::Item<I::Item, E>>,
    ) -> Poll<Pulled> {
        let Some(items) = self.items.as_mut() else {
            return Poll::Ready(Pulled::End);
        };
        // An iterator never waits: without this, a group it feeds into its sink would never
        // let its thread run another task (one it woke, say). A batch is one unit of the
        // task's budget, as one receive from a channel is: the task yields after at most 128
        // batches. (A unit per item made it yield every 128 items, and each yield can wake
        // another worker to take the task over: that cost ten times the loop itself.)
        std::task::ready!(tokio::task::coop::poll_proceed(cx)).made_progress();
        let context = &self.context;
        let (gauge, sampler) = (&self.gauge, &mut self.sampler);
        let taken = self.span.in_scope(|| {
            gauge.time_fused(sampler, || {
                catch_unwind(AssertUnwindSafe(|| {
                    for _ in 0..context.batch {
                        if let Some(interrupted) = context.interrupted() {
                            return interrupted;
                        }
                        match items.next() {
                            Some(item) => out.push_back(S::ok(item)),
                            None => return Pulled::End,
                        }
                    }
                    Pulled::More
                }))
            })
        });
        let pulled = taken.unwrap_or_else(|payload| {
            self.context.failer.panic(&self.name, payload);
            Pulled::Stopped
        });
        if matches!(pulled, Pulled::End | Pulled::Stopped) {
            // The iterator goes now, as a finished source task's would.
            self.items = None;
            self.gauge.end_fused();
        }
        Poll::Ready(pulled)
    }
}
