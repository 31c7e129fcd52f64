//! Where a stage's outputs go, and the watch on its consumers.
//!
//! - [`Outbox`]: batched into the output channel ([`Outlet`]), or, in an ordered fan-out,
//!   deposited in the reorder window under the index of the input item they came from.
//! - [`Output`]: an outbox with the run's done and the registration that notices when the
//!   output has no consumer left; the part that transforms and sources share. Each of its
//!   operations gives up with [`Stopped`] once the run is cancelled or the consumers left.

use std::future::Future;
use std::pin::{Pin, pin};
use std::task::{Context, Poll};

use super::exit::Stopped;
use crate::channel::{Outlet, Sender};
use crate::done::{Done, WaitForCancel};
use crate::metrics::{Activity, Gauge, waiting_on};
use crate::reorder::{Reorder, Slot};
use crate::wait_list::WaitKey;

/// Where a stage's outputs go: batched into its output channel, or into an ordered fan-out's
/// reorder window under the index of the input item they came from.
pub(crate) enum Outbox<T> {
    Batched(Outlet<T>),
    Ordered {
        reorder: Reorder<T>,
        sender: Sender<T>,
        index: Option<u64>,
        items: Vec<T>,
    },
}

impl<T> Outbox<T> {
    pub(crate) fn batched(sender: Sender<T>) -> Self {
        Outbox::Batched(Outlet::new(sender))
    }

    pub(crate) fn ordered(sender: Sender<T>, reorder: Reorder<T>) -> Self {
        Outbox::Ordered {
            reorder,
            sender,
            index: None,
            items: Vec::new(),
        }
    }

    pub(super) fn sender(&self) -> &Sender<T> {
        match self {
            Outbox::Batched(outlet) => outlet.sender(),
            Outbox::Ordered { sender, .. } => sender,
        }
    }

    async fn push(&mut self, item: T) -> Result<(), Stopped> {
        match self {
            Outbox::Batched(outlet) => outlet.push(item).await.map_err(|_| Stopped),
            Outbox::Ordered { items, .. } => {
                items.push(item);
                Ok(())
            }
        }
    }

    fn begin_item(&mut self, input_index: u64) {
        if let Outbox::Ordered { index, .. } = self {
            *index = Some(input_index);
        }
    }

    /// Ordered: deposits the current item's outputs (nothing, one or many) under its index.
    pub(super) async fn finish_item(&mut self) -> Result<(), Stopped> {
        if let Outbox::Ordered {
            reorder,
            sender,
            index,
            items,
        } = self
            && let Some(index) = index.take()
        {
            let slot = Slot::collect(items.drain(..));
            // Boxed: waiting on the reorder window takes a large future, which would
            // otherwise be part of every stage task, ordered or not.
            return Box::pin(reorder.put(index, slot, sender))
                .await
                .map_err(|_| Stopped);
        }
        Ok(())
    }

    fn try_flush(&mut self) {
        if let Outbox::Batched(outlet) = self {
            // A failure shows up again at the next push; nothing is lost here.
            let _ = outlet.try_flush();
        }
    }

    async fn flush(&mut self) -> Result<(), Stopped> {
        match self {
            Outbox::Batched(outlet) => outlet.flush().await.map_err(|_| Stopped),
            Outbox::Ordered { .. } => self.finish_item().await,
        }
    }

    /// Delivers what is batched, in the middle of an item. Ordered, there is nothing to
    /// deliver then: earlier items' outputs are deposited already, and this item's are once
    /// it is finished (depositing them now would leave its later outputs without an index).
    async fn flush_held(&mut self) -> Result<(), Stopped> {
        match self {
            Outbox::Batched(outlet) => outlet.flush().await.map_err(|_| Stopped),
            Outbox::Ordered { .. } => Ok(()),
        }
    }
}

/// A stage's output side: its outbox, the run's done, and the key of its registration for
/// the output's close (released on drop).
pub(crate) struct Output<T> {
    outbox: Outbox<T>,
    done: Done,
    closed_key: WaitKey,
    /// The stage task's metrics: what it sends counts as out.
    pub(super) gauge: Gauge,
}

impl<T> Output<T> {
    pub(crate) fn new(outbox: Outbox<T>, done: Done, gauge: Gauge) -> Self {
        Self {
            outbox,
            done,
            closed_key: None,
            gauge,
        }
    }

    pub(super) fn done(&self) -> &Done {
        &self.done
    }

    pub(super) fn is_ordered(&self) -> bool {
        matches!(self.outbox, Outbox::Ordered { .. })
    }

    pub(super) fn begin_item(&mut self, input_index: u64) {
        self.outbox.begin_item(input_index);
    }

    pub(super) async fn finish_item(&mut self) -> Result<(), Stopped> {
        self.outbox.finish_item().await
    }

    pub(crate) async fn push(&mut self, item: T) -> Result<(), Stopped> {
        self.outbox.push(item).await?;
        // Counted once handed on: an item the stopped run never took is not out.
        self.gauge.item_out();
        Ok(())
    }

    pub(crate) async fn flush(&mut self) -> Result<(), Stopped> {
        self.outbox.flush().await
    }

    /// Delivers what is batched, without finishing the current item (see `Outbox`).
    pub(super) async fn flush_held(&mut self) -> Result<(), Stopped> {
        self.outbox.flush_held().await
    }

    /// Ready once nobody consumes the output any more.
    pub(crate) fn poll_closed(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        self.outbox.sender().poll_closed(cx, &mut self.closed_key)
    }

    /// Stops watching the output's close (until the next [`poll_closed`](Self::poll_closed)).
    pub(crate) fn stop_watching(&mut self) {
        self.outbox.sender().release_key(&mut self.closed_key);
    }

    /// Awaits `future`; flushes once it has to wait; gives up when the run is cancelled or
    /// the output has no consumer left.
    pub(super) async fn run<F: Future>(&mut self, future: F) -> Result<F::Output, Stopped> {
        let mut flushed = false;
        let Self {
            outbox,
            done,
            closed_key,
            ..
        } = self;
        let outcome = watched(future, done, |cx| {
            if !flushed {
                flushed = true;
                outbox.try_flush();
            }
            outbox.sender().poll_closed(cx, closed_key).is_ready()
        })
        .await;
        outbox.sender().release_key(closed_key);
        outcome
    }
}

impl<T> Drop for Output<T> {
    fn drop(&mut self) {
        self.stop_watching();
    }
}

/// Awaits `future` unless `done` is cancelled or `stop` (asked only while the future waits)
/// says so first. The cancellation wait is only set up once the future has to wait.
pub(super) async fn watched<F: Future>(
    future: F,
    done: &Done,
    mut stop: impl FnMut(&mut Context<'_>) -> bool,
) -> Result<F::Output, Stopped> {
    let mut future = pin!(future);
    let mut cancelled: Option<WaitForCancel> = None;
    std::future::poll_fn(|cx| {
        // What it waits on, if it waits, is user code (unless it says otherwise).
        waiting_on(Activity::Busy);
        if let Poll::Ready(output) = future.as_mut().poll(cx) {
            return Poll::Ready(Ok(output));
        }
        let cancelled = cancelled.get_or_insert_with(|| done.cancelled());
        if Pin::new(cancelled).poll(cx).is_ready() || stop(cx) {
            return Poll::Ready(Err(Stopped));
        }
        Poll::Pending
    })
    .await
}
