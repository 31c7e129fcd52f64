//! The junction tasks: tee (broadcast), merge (a forwarder per input) and zip (pairs).

use std::task::{Context, Poll};

use super::exit::Exit;
use super::io::StageIo;
use super::style::Style;
use crate::channel::{Outlet, Receiver, Sender, TryRecvError};

/// Copies every item of `input` to each output; skips outputs whose consumer left and ends
/// when none is left (noticed even while waiting for input).
pub(crate) async fn tee<T: Clone + Send + 'static, E>(
    mut input: Receiver<T>,
    senders: Vec<Sender<T>>,
) -> Result<(), E> {
    let mut outlets: Vec<Option<Outlet<T>>> = senders
        .into_iter()
        .map(|tx| Some(Outlet::new(tx)))
        .collect();
    let mut keys: Vec<Option<usize>> = vec![None; outlets.len()];
    loop {
        let item = match input.try_recv() {
            Ok(item) => item,
            Err(TryRecvError::Closed | TryRecvError::Cancelled) => break,
            Err(TryRecvError::Empty) => {
                for slot in &mut outlets {
                    if let Some(outlet) = slot
                        && outlet.flush().await.is_err()
                    {
                        *slot = None;
                    }
                }
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
                match next {
                    Some(item) => item,
                    None => break,
                }
            }
        };
        for slot in &mut outlets {
            if let Some(outlet) = slot
                && outlet.push(item.clone()).await.is_err()
            {
                *slot = None;
            }
        }
        if outlets.iter().all(Option::is_none) {
            break;
        }
    }
    for outlet in outlets.iter_mut().flatten() {
        let _ = outlet.flush().await;
    }
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
        // `move` captures the `&mut`s themselves: a shared borrow held across the await
        // would demand `Sync` items.
        let (io_ref, other_ref) = (&mut io, &mut other);
        let now =
            std::future::poll_fn(move |cx| Poll::Ready(poll_arrival(io_ref, other_ref, needs, cx)))
                .await;
        io.stop_watching();
        let arrived = match now {
            Poll::Ready(arrived) => arrived,
            // Nothing in hand: what is batched leaves before the wait, none of ours waits with
            // us (items in hand keep their batches).
            Poll::Pending => {
                io.close().await?;
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
