//! Stage options (workers, ordered, capacity, name, timeout) and pipeline options (cancel,
//! capacity, timeout).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use gopipe::{PipelineError, pipeline};
use tokio_util::sync::CancellationToken;

use crate::common::{assert_no_live_tasks, settle, within};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workers_really_run_concurrently() {
    // Every item waits until four are in flight at once: only four concurrent workers finish.
    let barrier = Arc::new(tokio::sync::Barrier::new(4));
    let run = pipeline! {
        from_iter(0..8u32)
            -> then(move |n| {
                let barrier = barrier.clone();
                async move {
                    barrier.wait().await;
                    n
                }
            }) [workers = 4]
            -> count()
    };
    assert_eq!(within("four concurrent workers", run).await.unwrap(), 8);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ordered_workers_keep_input_order() {
    let out: Vec<u64> = pipeline! {
        from_iter(0..500u64)
            -> then(|n| async move {
                tokio::time::sleep(Duration::from_micros((n * 7919) % 200)).await;
                n
            }) [workers = 4, ordered, capacity = 8]
            -> collect()
    }
    .await
    .unwrap();
    assert_eq!(out, (0..500).collect::<Vec<_>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn capacity_bounds_how_far_a_source_runs_ahead() {
    let produced = Arc::new(AtomicUsize::new(0));
    let counter = produced.clone();
    let gate = Arc::new(tokio::sync::Semaphore::new(0));
    let sink_gate = gate.clone();
    let run = pipeline! {
        #![capacity = 1]
        from_iter((0..10_000u32).inspect(move |_| { counter.fetch_add(1, Ordering::SeqCst); }))
            -> map(|n| n)
            -> then(move |n| {
                let gate = sink_gate.clone();
                async move {
                    gate.acquire().await.unwrap().forget();
                    n
                }
            })
            -> drain()
    };
    settle().await;
    let ahead = produced.load(Ordering::SeqCst);
    assert!(
        ahead <= 8,
        "with capacity 1 the source ran {ahead} items ahead of a blocked stage"
    );
    gate.add_permits(10_000);
    within("the run", run).await.unwrap();
    assert_eq!(produced.load(Ordering::SeqCst), 10_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_per_item_timeout_fails_the_slow_item_naming_its_stage() {
    let outcome: Result<Vec<u32>, _> = pipeline! {
        from_iter(0..10u32)
            -> then(|n| async move {
                if n == 3 {
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                }
                n
            }) [timeout = Duration::from_millis(20), name = "lookup"]
            -> collect()
    }
    .await;
    match outcome {
        Err(PipelineError::Failed { stage, error, .. }) => {
            assert_eq!(stage.name(), "lookup");
            assert_eq!(error.after(), Duration::from_millis(20));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_external_token_cancels_the_run() {
    let token = CancellationToken::new();
    let run = pipeline! {
        #![cancel = token.clone()]
        from_iter(0u64..) -> then(|n| async move { tokio::time::sleep(Duration::from_millis(1)).await; n }) -> drain()
    };
    let id = run.id();
    settle().await;
    token.cancel();
    assert!(matches!(
        within("the run", run).await,
        Err(PipelineError::Cancelled)
    ));
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_timeout_stops_everything() {
    let run = pipeline! {
        #![timeout = Duration::from_millis(50)]
        from_iter(0u64..) -> then(|n| async move { tokio::time::sleep(Duration::from_millis(1)).await; n }) -> drain()
    };
    let id = run.id();
    assert!(matches!(
        within("the run", run).await,
        Err(PipelineError::TimedOut)
    ));
    assert_no_live_tasks(id);
}
