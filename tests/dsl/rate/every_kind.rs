//! `[rate = R]` on every stage that takes it: each block compiles, runs to its usual result,
//! and takes as long as its items' tokens say (an item every 10 ms, the first at once).

use std::time::Duration;

use futures::StreamExt;
use gopipe::{Rate, pipeline};
use tokio::time::Instant;

use crate::common::{assert_no_live_tasks, within};

/// 100 items a second: `n` items take `(n - 1) × 10` ms.
fn rate() -> Rate {
    Rate::per_second(100)
}

fn ms_since(start: Instant) -> u128 {
    start.elapsed().as_millis()
}

#[derive(Debug)]
struct Error;

#[tokio::test(start_paused = true)]
async fn every_transform_waits_for_its_tokens() {
    let start = Instant::now();
    // Each stage handles the item counts in the comments, each at its own rate, one after
    // the other for the first item: the items that pass a stage keep coming 10 ms apart.
    let run = pipeline! {
        from_iter(0..4u32)
            -> map(|n| n) [rate = rate()]
            -> then(|n| async move { n }) [rate = rate()]
            -> try_map(Ok::<u32, Error>) [rate = rate()]
            -> try_then(|n| async move { Ok::<u32, Error>(n) }) [rate = rate()]
            -> filter(|_| true) [rate = rate()]
            -> filter_map(Some) [rate = rate()]
            -> flat_map(|n| [n]) [rate = rate()]
            -> inspect(|_| ()) [rate = rate()]
            -> take_while(|_| true) [rate = rate()]
            -> skip(0) [rate = rate()]
            -> take(4) [rate = rate()]
            -> scan(0, |_, n| Some(n)) [rate = rate()]
            -> chunks(1) [rate = rate()]
            -> flat_map(|chunk| chunk)
            -> chunks_timeout(1, Duration::from_secs(1)) [rate = rate()]
            -> flat_map(|chunk| chunk)
            -> recurse(|n| async move { (n, Vec::new()) }) [rate = rate()]
            -> try_recurse(|n| async move { Ok::<_, Error>((n, Vec::new())) }) [workers = 2, rate = rate()]
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    let mut out = within("the run", run).await.unwrap();
    out.sort_unstable();
    assert_eq!(out, [0, 1, 2, 3]);
    // Every stage let item 4 through 30 ms after item 1: at most so long after it, since the
    // stages overlap; and not sooner.
    assert_eq!(ms_since(start), 30);
    assert_no_live_tasks(id);
}

/// Runs the block, and asserts that it gave `$out` after `$ms` ms and left no task behind.
macro_rules! timed {
    ($out:expr, $ms:expr, $($block:tt)+) => {{
        let start = Instant::now();
        let run = pipeline! { $($block)+ };
        let id = run.id();
        let out = within("the run", run).await.unwrap();
        assert_eq!((out, ms_since(start)), ($out, $ms), "{}", stringify!($($block)+));
        assert_no_live_tasks(id);
    }};
}

#[tokio::test(start_paused = true)]
async fn every_source_waits_for_its_tokens() {
    timed!(3, 20, from_iter(0..3u32) [rate = rate()] -> count());
    let stream = futures::stream::iter(0..3u32);
    timed!(3, 20, from_stream(stream) [rate = rate()] -> count());
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    (0..3u32).for_each(|n| tx.send(n).unwrap());
    drop(tx);
    timed!(3, 20, from_channel(rx) [rate = rate()] -> count());
    timed!(
        3,
        20,
        generate(|emit| async move { for n in 0..3u32 { emit.send(n).await } }) [rate = rate()]
            -> count()
    );
    timed!(
        3,
        20,
        try_generate(|emit| async move {
            for n in 0..3u32 { emit.send(n).await }
            Ok::<(), Error>(())
        }) [rate = rate()]
            -> count()
    );
}

#[tokio::test(start_paused = true)]
async fn every_sink_waits_for_its_tokens() {
    timed!(vec![0, 1, 2], 20, from_iter(0..3u32) -> collect::<Vec<_>>() [rate = rate()]);
    timed!((), 20, from_iter(0..3u32) -> for_each(|_| ()) [rate = rate()]);
    timed!((), 20, from_iter(0..3u32) -> try_for_each(|_| Ok::<(), Error>(())) [rate = rate()]);
    timed!(
        (),
        20,
        from_iter(0..3u32) -> try_for_each(|_| Ok::<(), Error>(())) [workers = 2, rate = rate()]
    );
    timed!(3, 20, from_iter(0..3u32) -> fold(0, |total, _| total + 1) [rate = rate()]);
    timed!(3, 20, from_iter(0..3u32) -> count() [rate = rate()]);
    timed!(Some(2), 20, from_iter(0..3u32) -> last() [rate = rate()]);
    timed!((), 20, from_iter(0..3u32) -> drain() [rate = rate()]);
    let (tx, mut rx) = tokio::sync::mpsc::channel(8);
    timed!((), 20, from_iter(0..3u32) -> to_channel(tx) [rate = rate()]);
    assert_eq!(rx.recv().await, Some(0));
    // The one item `first` takes has a token at once.
    timed!(Some(0), 0, from_iter(0..3u32) -> first() [rate = rate()]);
}

#[tokio::test(start_paused = true)]
async fn a_stream_of_a_limited_stage_waits_for_its_tokens() {
    let start = Instant::now();
    let handle = pipeline! { from_iter(0..3u32) -> map(|n| n) [rate = rate()] };
    let id = handle.id();
    let out: Vec<u32> = handle.collect().await;
    assert_eq!((out, ms_since(start)), (vec![0, 1, 2], 20));
    crate::common::all_tasks_exit(id).await;
}
