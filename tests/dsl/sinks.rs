//! Sinks: collect, for_each, try_for_each, fold, count, first, last, drain, to_channel.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use gopipe::{PipelineError, pipeline};

use crate::common::{assert_no_live_tasks, within};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn collect_into_any_collection() {
    let set = pipeline! { from_iter([3, 1, 3, 2]) -> collect::<BTreeSet<i32>>() }
        .await
        .unwrap();
    assert_eq!(set.into_iter().collect::<Vec<_>>(), [1, 2, 3]);
    let text: String = pipeline! { from_iter(['o', 'k']) -> collect() }
        .await
        .unwrap();
    assert_eq!(text, "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn for_each_and_try_for_each_see_every_item() {
    let total = Arc::new(AtomicU64::new(0));
    let sum = total.clone();
    pipeline! { from_iter(1..=10u64) -> for_each(move |n| { sum.fetch_add(n, Ordering::SeqCst); }) }
        .await
        .unwrap();
    assert_eq!(total.load(Ordering::SeqCst), 55);

    let outcome: Result<(), PipelineError<String>> = pipeline! {
        from_iter(1..=10u64)
            -> try_for_each(|n| if n == 4 { Err(format!("cannot store {n}")) } else { Ok(()) })
    }
    .await;
    assert_eq!(
        outcome.unwrap_err().into_error().as_deref(),
        Some("cannot store 4")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fold_count_last_and_drain() {
    let product: u64 = pipeline! { from_iter(1..=5u64) -> fold(1, |acc, n| acc * n) }
        .await
        .unwrap();
    assert_eq!(product, 120);
    let count = pipeline! { from_iter(0..1234) -> count() }.await.unwrap();
    assert_eq!(count, 1234);
    let last = pipeline! { from_iter(["x", "y", "z"]) -> last() }
        .await
        .unwrap();
    assert_eq!(last, Some("z"));
    let nothing: Option<u8> = pipeline! { from_iter(Vec::<u8>::new()) -> last() }
        .await
        .unwrap();
    assert_eq!(nothing, None);
    pipeline! { from_iter(0..100) -> map(|n| n + 1) -> drain() }
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_takes_one_item_of_an_endless_source_and_everything_stops() {
    let run = pipeline! { from_iter(7u64..) -> map(|n| n * 2) [workers = 2] -> first() };
    let id = run.id();
    let first = within("the run", run).await.unwrap();
    assert!(first.is_some_and(|n| n >= 14 && n % 2 == 0), "{first:?}");
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn to_channel_sends_into_a_tokio_channel() {
    let (tx, mut rx) = tokio::sync::mpsc::channel(100);
    pipeline! { from_iter(0..50u32) -> to_channel(tx) }
        .await
        .unwrap();
    let mut got = Vec::new();
    while let Some(n) = rx.recv().await {
        got.push(n);
    }
    assert_eq!(got, (0..50).collect::<Vec<_>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn to_channel_stops_when_the_receiver_is_gone() {
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    drop(rx);
    let run = pipeline! { from_iter(0u32..) -> to_channel(tx) };
    let id = run.id();
    within("the run", run).await.unwrap();
    assert_no_live_tasks(id);
}
