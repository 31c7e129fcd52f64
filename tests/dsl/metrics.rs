//! Per-stage metrics: exact counts, the time split, snapshots mid-run, the queue fill, and
//! `#![metrics = false]`. The bottleneck report has its own file.

mod bottleneck;

use std::sync::Arc;
use std::time::Duration;

use gopipe::pipeline;
use tokio::sync::Notify;

use crate::common::within;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_stage_counts_its_items_in_and_out_exactly() {
    let run = pipeline! {
        from_iter(0..1000u64)
            -> map(|n| n * 3) [name = "triple"]
            -> filter(|n| n % 2 == 0) [name = "even"]
            -> flat_map(|n| [n, n]) [name = "twice"]
            -> fold(0u64, |total, n| total + n) [name = "sum"]
    };
    let metrics = run.metrics();
    let total = within("the run", run).await.unwrap();
    assert_eq!(
        total,
        2 * (0..1000u64)
            .map(|n| n * 3)
            .filter(|n| n % 2 == 0)
            .sum::<u64>()
    );
    let snapshot = metrics.snapshot();
    let counts: Vec<(&str, u64, u64)> = snapshot
        .stages()
        .iter()
        .map(|stage| {
            (
                stage.name(),
                stage.total().items_in,
                stage.total().items_out,
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("from_iter#1", 0, 1000),
            ("triple", 1000, 1000),
            ("even", 1000, 500),
            ("twice", 500, 1000),
            ("sum", 1000, 0),
        ]
    );
    assert!(
        snapshot
            .stages()
            .iter()
            .all(|stage| stage.total().running == 0),
        "every task ended:\n{snapshot}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fanned_out_stage_counts_per_worker_and_in_total() {
    let run = pipeline! {
        from_iter(0..999u32) -> map(|n| n + 1) [name = "inc", workers = 3] -> count()
    };
    let metrics = run.metrics();
    assert_eq!(within("the run", run).await.unwrap(), 999);
    let snapshot = metrics.snapshot();
    let inc = snapshot
        .stage("inc")
        .expect("the stage is listed once, by its name");
    assert_eq!(inc.workers().len(), 3);
    let per_worker: u64 = inc.workers().iter().map(|worker| worker.items_in).sum();
    assert_eq!(per_worker, 999);
    assert_eq!((inc.total().items_in, inc.total().items_out), (999, 999));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_counted_where_they_are_raised() {
    use futures::StreamExt;
    let (run, errors) = pipeline! {
        #![errors = channel]
        from_iter(0..100u32)
            -> try_map(|n| if n % 10 == 0 { Err(format!("bad {n}")) } else { Ok(n) }) [name = "check"]
            -> count()
    }
    .split_errors();
    let metrics = run.metrics();
    let (count, reported) = within("the run", async {
        tokio::join!(run, errors.collect::<Vec<_>>())
    })
    .await;
    assert_eq!(count.unwrap(), 90);
    assert_eq!(reported.len(), 10);
    let check = metrics.snapshot().stage("check").unwrap().total();
    assert_eq!(
        (check.items_in, check.items_out, check.errors),
        (100, 90, 10)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stage_waiting_for_input_is_starved_and_one_waiting_for_room_is_blocked() {
    // The sink takes 2 ms an item: the source fills the channel and waits for room.
    let run = pipeline! {
        #![capacity = 4]
        from_iter(0..40u32)
            -> for_each_async(|_| async { tokio::time::sleep(Duration::from_millis(2)).await })
    };
    let metrics = run.metrics();
    within("the run", run).await.unwrap();
    let snapshot = metrics.snapshot();
    let source = snapshot.stage("from_iter#1").unwrap().total();
    let sink = snapshot.stage("for_each_async#2").unwrap().total();
    assert!(source.share(source.blocked) > 0.8, "{snapshot}");
    assert!(sink.share(sink.busy) > 0.8, "{snapshot}");
    // The shares add up to the whole.
    let parts = source.busy + source.starved + source.blocked + source.paused + source.throttled;
    assert_eq!(parts, source.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_snapshot_mid_run_shows_the_queue_filling_and_the_stage_that_holds_it() {
    let release = Arc::new(Notify::new());
    let gate = release.clone();
    let run = pipeline! {
        #![capacity = 8]
        from_iter(0..100u32)
            -> then(move |n| { let gate = gate.clone(); async move { if n == 0 { gate.notified().await } n } }) [name = "stuck"]
            -> count()
    };
    let metrics = run.metrics();
    // Wait until the stuck stage holds its first item and its input queue is full.
    let full = within("the queue to fill", async {
        loop {
            let snapshot = metrics.snapshot();
            if let Some(stage) = snapshot.stage("stuck")
                && let Some(queue) = stage.queue()
                && queue.len == queue.capacity
                && stage.total().items_in == 1
            {
                return snapshot;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    })
    .await;
    let stuck = full.stage("stuck").unwrap().total();
    assert_eq!(stuck.running, 1, "{full}");
    assert_eq!(full.stage("count#3").unwrap().total().items_in, 0);
    // Time keeps counting while the stage waits in user code: busy grows.
    tokio::time::sleep(Duration::from_millis(20)).await;
    let later = metrics.snapshot().stage("stuck").unwrap().total();
    assert!(
        later.busy >= stuck.busy + Duration::from_millis(15),
        "{later:?}"
    );
    release.notify_one();
    assert_eq!(within("the run", run).await.unwrap(), 100);
    let after = metrics.snapshot();
    assert_eq!(
        after.stage("stuck").unwrap().queue(),
        None,
        "the channel is gone"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_run_counts_paused_time() {
    let run = pipeline! { from_iter(0u64..) -> map(|n| n + 1) -> drain() };
    let metrics = run.metrics();
    tokio::time::sleep(Duration::from_millis(5)).await;
    run.pause();
    tokio::time::sleep(Duration::from_millis(40)).await;
    let snapshot = metrics.snapshot();
    run.cancel();
    let _ = within("the run", run).await;
    for name in ["from_iter#1", "map#2"] {
        let stage = snapshot.stage(name).unwrap().total();
        assert!(
            stage.paused >= Duration::from_millis(30),
            "{name} paused only {:?}:\n{snapshot}",
            stage.paused
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_table_names_every_stage_and_metrics_can_be_off() {
    let run = pipeline! { from_iter(0..10u8) -> map(|n| n * 2) [name = "double"] -> count() };
    let metrics = run.metrics();
    within("the run", run).await.unwrap();
    let table = metrics.snapshot().to_string();
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 4, "a header and three stages:\n{table}");
    assert!(
        lines[0].starts_with("stage") && lines[0].contains("busy"),
        "{table}"
    );
    assert!(
        lines[2].starts_with("double") && lines[2].contains("10"),
        "{table}"
    );

    let off = pipeline! {
        #![metrics = false]
        from_iter(0..10u8) -> map(|n| n * 2) -> collect()
    };
    let metrics = off.metrics();
    let doubled: Vec<u8> = within("the run", off).await.unwrap();
    assert_eq!(doubled.len(), 10);
    assert!(!metrics.is_enabled());
    assert!(metrics.snapshot().stages().is_empty());
}
