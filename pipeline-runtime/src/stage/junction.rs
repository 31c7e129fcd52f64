//! The junction tasks: tee (broadcast), route (each item to one branch), merge (a forwarder
//! per input) and zip (pairs).

use std::task::{Context, Poll};

use super::exit::Exit;
use super::io::StageIo;
use super::style::Style;
use crate::channel::{Outlet, Receiver, Sender, TryRecvError};
use crate::metrics::Gauge;
use crate::wait_list::WaitKey;

/// The outputs of a tee or a route: one outlet per branch, each dropped once its consumer
/// has left (the branch stopped early, or its link was never read), so that nothing more
/// is sent to it.
struct Branches<T> {
    outlets: Vec<Option<Outlet<T>>>,
    /// Each outlet's registration for the wake-up of its consumer leaving.
    keys: Vec<WaitKey>,
    gauge: Gauge,
}

impl<T: Send + 'static> Branches<T> {
    fn new(senders: Vec<Sender<T>>, gauge: Gauge) -> Self {
        let keys = vec![None; senders.len()];
        let outlets = senders
            .into_iter()
            .map(|tx| Some(Outlet::new(tx)))
            .collect();
        Self {
            outlets,
            keys,
            gauge,
        }
    }

    /// The next item of `input`; `None` when it is exhausted, the run is cancelled, or every
    /// branch has stopped (noticed even while waiting for input). Flushes every branch before
    /// it waits: nothing buffered waits with it.
    async fn next(&mut self, input: &mut Receiver<T>) -> Option<T> {
        let next = self.wait_for_next(input).await;
        if next.is_some() {
            self.gauge.item_in();
        }
        next
    }

    async fn wait_for_next(&mut self, input: &mut Receiver<T>) -> Option<T> {
        match input.try_recv() {
            Ok(item) => return Some(item),
            Err(TryRecvError::Closed | TryRecvError::Cancelled) => return None,
            Err(TryRecvError::Empty) => {}
        }
        for slot in &mut self.outlets {
            if let Some(outlet) = slot
                && outlet.flush().await.is_err()
            {
                *slot = None;
            }
        }
        let Self { outlets, keys, .. } = self;
        let next = std::future::poll_fn(|cx| {
            if let Poll::Ready(next) = input.poll_recv(cx) {
                return Poll::Ready(next);
            }
            let mut all_gone = true;
            for (outlet, key) in outlets.iter_mut().zip(keys.iter_mut()) {
                if let Some(outlet) = outlet
                    && outlet.sender().poll_closed(cx, key).is_pending()
                {
                    all_gone = false;
                }
            }
            if all_gone {
                Poll::Ready(None)
            } else {
                Poll::Pending
            }
        })
        .await;
        for (outlet, key) in outlets.iter().zip(keys.iter_mut()) {
            if let Some(outlet) = outlet {
                outlet.sender().release_key(key);
            }
        }
        next
    }

    /// Sends `item` to branch `index`; drops it, and the branch, if its consumer has left.
    async fn push(&mut self, index: usize, item: T) {
        if let Some(slot) = self.outlets.get_mut(index)
            && let Some(outlet) = slot
        {
            if outlet.push(item).await.is_err() {
                *slot = None;
            } else {
                self.gauge.item_out();
            }
        }
    }

    /// The last branch still reading, if any.
    fn last_open(&self) -> Option<usize> {
        self.outlets.iter().rposition(Option::is_some)
    }

    fn all_gone(&self) -> bool {
        self.outlets.iter().all(Option::is_none)
    }

    /// Delivers what is buffered, to the branches still reading.
    async fn flush(&mut self) {
        for outlet in self.outlets.iter_mut().flatten() {
            let _ = outlet.flush().await;
        }
    }
}

/// Copies every item of `input` to each output; skips outputs whose consumer left and ends
/// when none is left (noticed even while waiting for input).
pub(crate) async fn tee<T: Clone + Send + 'static, E>(
    mut input: Receiver<T>,
    senders: Vec<Sender<T>>,
    gauge: Gauge,
) -> Result<(), Exit<E>> {
    let mut branches = Branches::new(senders, gauge);
    while let Some(item) = branches.next(&mut input).await {
        // The last branch still reading gets the item itself and the others a clone each:
        // one clone fewer, and a value that counts its copies (an ack token) sees exactly one
        // per branch.
        let Some(last) = branches.last_open() else {
            break;
        };
        for index in 0..last {
            if branches.outlets[index].is_some() {
                branches.push(index, item.clone()).await;
            }
        }
        branches.push(last, item).await;
        if branches.all_gone() {
            break;
        }
    }
    branches.flush().await;
    Ok(())
}

/// Sends each item of `input` to the one output `choose` picks for it (its index).
///
/// - A branch whose consumer left (its sink stopped early, say with `first()`) takes no
///   more items: those routed to it are dropped, as its sink would not have read them, and
///   the other branches go on. The route ends when its input does or when every branch has
///   stopped, which stops its upstream (the early-stop rule).
/// - An index out of range is a mistake in the routing code, not in an item: `misrouted` is
///   called with it (it fails the run, in every error style) and the route ends.
/// - In the result style an `Err` item has no value to route by: it goes to the last branch
///   still reading (a route's catch-all is usually last, and `partition`'s `no` is).
/// - A branch that does not keep up holds the route back, and so every other branch, as a
///   tee's does: nothing is buffered without bound.
pub(crate) async fn route<T, E, S>(
    mut input: Receiver<S::Item<T, E>>,
    senders: Vec<Sender<S::Item<T, E>>>,
    mut choose: Box<dyn FnMut(&T) -> usize + Send>,
    misrouted: impl FnOnce(usize),
    gauge: Gauge,
) -> Result<(), Exit<E>>
where
    S: Style,
    S::Item<T, E>: Send + 'static,
{
    let mut branches = Branches::new(senders, gauge);
    let count = branches.outlets.len();
    while let Some(item) = branches.next(&mut input).await {
        let (index, item) = match S::split(item) {
            Ok(value) => {
                let index = choose(&value);
                if index >= count {
                    misrouted(index);
                    return Ok(());
                }
                (index, S::ok(value))
            }
            Err(upstream) => match (S::error_item(upstream), branches.last_open()) {
                (Ok(item), Some(index)) => (index, item),
                // Only the result style has `Err` items; with no branch left, neither
                // is there anyone to give it to.
                _ => continue,
            },
        };
        branches.push(index, item).await;
        if branches.all_gone() {
            break;
        }
    }
    branches.flush().await;
    Ok(())
}

/// Copies every item of one merge input to the merged output.
pub(crate) async fn forward<T, E, S>(mut io: StageIo<T, T, E, S>) -> Result<(), Exit<E>>
where
    S: Style,
{
    while let Some(item) = io.recv().await {
        io.send(item).await?;
    }
    io.close().await
}

/// Pairs the items of two inputs in order: the `n`th of `io`'s input with the `n`th of
/// `other`. Waits on both inputs at once, so it ends as soon as either ends (even while the
/// other is idle), and its end drops both inputs, which stops the other's upstream (the
/// early-stop rule). An item still waiting for its pair is then dropped, as
/// `futures::StreamExt::zip` does. In the result style an `Err` of either input passes
/// through as it arrives and is paired with nothing.
pub(crate) async fn zip<A, B, E, S>(
    mut io: StageIo<A, (A, B), E, S>,
    mut other: Receiver<S::Item<B, E>>,
) -> Result<(), Exit<E>>
where
    S: Style,
{
    let (mut first, mut second): (Option<A>, Option<B>) = (None, None);
    loop {
        if let (Some(_), Some(_)) = (&first, &second)
            && let (Some(a), Some(b)) = (first.take(), second.take())
        {
            io.send((a, b)).await?;
            continue;
        }
        let needs = (first.is_none(), second.is_none());
        // The common case, an item in hand, takes no wake-up registration.
        let arrived = match try_arrival(&mut io, &mut other, needs) {
            Some(arrived) => arrived,
            // Nothing in hand: what is batched leaves before the wait, none of ours waits with
            // us (items in hand keep their batches).
            None => {
                io.close().await?;
                // `move` captures the `&mut`s themselves: a shared borrow held across the
                // await would demand `Sync` items.
                let (io_ref, other_ref) = (&mut io, &mut other);
                let arrived =
                    std::future::poll_fn(move |cx| poll_arrival(io_ref, other_ref, needs, cx))
                        .await;
                io.stop_watching();
                arrived
            }
        };
        match arrived {
            Arrived::First(Some(item)) => match S::split(item) {
                Ok(a) => first = Some(a),
                Err(upstream) => io.pass_on(upstream).await?,
            },
            Arrived::Second(Some(item)) => match S::split(item) {
                Ok(b) => second = Some(b),
                Err(upstream) => io.pass_on(upstream).await?,
            },
            // An input ended (or the run was cancelled): so does the zip.
            Arrived::First(None) | Arrived::Second(None) => return io.close().await,
            Arrived::Nobody => return Err(Exit::Stop),
        }
    }
}

/// What is in hand for `zip` (of the inputs it `needs`, first and second), if anything,
/// without waiting.
fn try_arrival<A, B, E, S: Style>(
    io: &mut StageIo<A, (A, B), E, S>,
    other: &mut Receiver<S::Item<B, E>>,
    (needs_first, needs_second): (bool, bool),
) -> Option<ZipArrival<A, B, E, S>> {
    if needs_first {
        match io.try_input() {
            Ok(item) => return Some(Arrived::First(Some(item))),
            Err(TryRecvError::Closed | TryRecvError::Cancelled) => {
                return Some(Arrived::First(None));
            }
            Err(TryRecvError::Empty) => {}
        }
    }
    if needs_second {
        match other.try_recv() {
            Ok(item) => return Some(Arrived::Second(Some(item))),
            Err(TryRecvError::Closed | TryRecvError::Cancelled) => {
                return Some(Arrived::Second(None));
            }
            Err(TryRecvError::Empty) => {}
        }
    }
    None
}

/// What has arrived for `zip` (of the inputs it `needs`, first and second), if anything.
fn poll_arrival<A, B, E, S: Style>(
    io: &mut StageIo<A, (A, B), E, S>,
    other: &mut Receiver<S::Item<B, E>>,
    (needs_first, needs_second): (bool, bool),
    cx: &mut Context<'_>,
) -> Poll<ZipArrival<A, B, E, S>> {
    if needs_first && let Poll::Ready(next) = io.poll_input(cx) {
        return Poll::Ready(Arrived::First(next));
    }
    if needs_second && let Poll::Ready(next) = other.poll_recv(cx) {
        return Poll::Ready(Arrived::Second(next));
    }
    if io.poll_consumer_gone(cx).is_ready() {
        return Poll::Ready(Arrived::Nobody);
    }
    Poll::Pending
}

/// What can arrive for a zip of `A`s and `B`s: items as the style `S` carries them.
type ZipArrival<A, B, E, S> = Arrived<<S as Style>::Item<A, E>, <S as Style>::Item<B, E>>;

/// What `zip`'s wait gave.
enum Arrived<A, B> {
    First(Option<A>),
    Second(Option<B>),
    /// Nobody consumes the zip's output any more.
    Nobody,
}
