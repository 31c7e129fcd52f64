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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn for_each_with_workers_runs_n_workers_that_share_the_items() {
    let (tx, rx) = tokio::sync::mpsc::channel::<u64>(16);
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = seen.clone();
    let run = pipeline! {
        from_channel(rx) -> for_each(move |n| sink.lock().unwrap().push(n)) [workers = 4]
    };
    let id = run.id();
    // Every worker is running, under the stage's name, before any item comes.
    crate::common::live_count_reaches(id, "for_each#2", 4).await;
    for n in 0..1000 {
        tx.send(n).await.unwrap();
    }
    drop(tx);
    within("the run", run).await.unwrap();
    let mut seen = seen.lock().unwrap().clone();
    seen.sort_unstable();
    assert_eq!(
        seen,
        (0..1000).collect::<Vec<_>>(),
        "every item exactly once"
    );
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn try_for_each_with_workers_fails_fast_naming_the_worker() {
    let run = pipeline! {
        from_iter(0u64..)
            -> try_for_each(|n| if n == 500 { Err(format!("{n} is bad")) } else { Ok(()) }) [workers = 3]
    };
    let id = run.id();
    match within("the run", run).await {
        Err(PipelineError::Failed { stage, error, .. }) => {
            assert_eq!(stage.name(), "try_for_each#2");
            assert!(stage.worker_index().is_some(), "names its worker: {stage}");
            assert_eq!(error, "500 is bad");
        }
        other => panic!("expected the sink to fail, got {other:?}"),
    }
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn try_for_each_with_workers_reports_to_the_error_stream_and_goes_on() {
    let done = Arc::new(AtomicU64::new(0));
    let counted = done.clone();
    let (run, errors) = pipeline! {
        #![errors = channel]
        from_iter(0..100u64)
            -> try_for_each(move |n| {
                if n % 10 == 0 {
                    return Err(n);
                }
                counted.fetch_add(1, Ordering::Relaxed);
                Ok(())
            }) [workers = 3]
    }
    .split_errors();
    let id = run.id();
    let (outcome, failed) = tokio::join!(
        within("the run", run),
        futures::StreamExt::collect::<Vec<_>>(errors)
    );
    outcome.unwrap();
    let mut failed: Vec<u64> = failed.into_iter().map(|error| error.into_error()).collect();
    failed.sort_unstable();
    assert_eq!(failed, (0..100).step_by(10).collect::<Vec<_>>());
    assert_eq!(done.load(Ordering::Relaxed), 90);
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_in_a_sink_worker_names_it_and_a_cancel_stops_them_all() {
    let run = pipeline! {
        from_iter(0u64..) -> for_each(|n| assert!(n < 50, "sink saw {n}")) [name = "store", workers = 2]
    };
    let id = run.id();
    match within("the run", run).await {
        Err(PipelineError::Panicked { stage, .. }) => {
            assert_eq!(stage.name(), "store");
            assert!(stage.worker_index().is_some(), "names its worker: {stage}");
        }
        other => panic!("expected a panic, got {other:?}"),
    }
    assert_no_live_tasks(id);

    let run = pipeline! { from_iter(0u64..) -> for_each(|_| ()) [workers = 3] };
    crate::common::assert_cancel_stops(run).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zero_sink_workers_at_run_time_is_an_invalid_argument() {
    let workers = 0;
    let outcome = pipeline! {
        from_iter(0..10u64) -> for_each(|_| ()) [workers = workers]
    }
    .await;
    match outcome {
        Err(PipelineError::InvalidArgument {
            stage, argument, ..
        }) => {
            assert_eq!(stage.unwrap().name(), "for_each#2");
            assert_eq!(argument, "workers");
        }
        other => panic!("expected an invalid argument, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn for_each_async_awaits_each_item_with_n_at_once() {
    // Each item waits for a moment: with 4 workers, 4 are in flight at once, never more.
    let (in_flight, most, seen) = (
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
        Arc::new(std::sync::Mutex::new(BTreeSet::new())),
    );
    let (counter, peak, record) = (in_flight.clone(), most.clone(), seen.clone());
    let run = pipeline! {
        from_iter(0..40u64)
            -> for_each_async(move |n| {
                let (counter, peak, record) = (counter.clone(), peak.clone(), record.clone());
                async move {
                    let now = counter.fetch_add(1, Ordering::SeqCst) + 1;
                    peak.fetch_max(now, Ordering::SeqCst);
                    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                    counter.fetch_sub(1, Ordering::SeqCst);
                    record.lock().unwrap().insert(n);
                }
            }) [workers = 4]
    };
    let id = run.id();
    within("the run", run).await.unwrap();
    assert_eq!(*seen.lock().unwrap(), (0..40).collect::<BTreeSet<_>>());
    let peak = most.load(Ordering::SeqCst);
    assert!((2..=4).contains(&peak), "{peak} items in flight at once");
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn try_for_each_async_fails_fast_or_reports() {
    let run = pipeline! {
        from_iter(0..10u32)
            -> try_for_each_async(|n| async move { if n == 3 { Err(format!("bad {n}")) } else { Ok(()) } }) [name = "store"]
    };
    match within("the run", run).await {
        Err(PipelineError::Failed { stage, error, .. }) => {
            assert_eq!(stage.name(), "store");
            assert_eq!(error, "bad 3");
        }
        other => panic!("expected the sink's failure, got {other:?}"),
    }
    let stored = Arc::new(AtomicU64::new(0));
    let count = stored.clone();
    let run = pipeline! {
        #![errors = channel]
        from_iter(0..10u32)
            -> try_for_each_async(move |n| {
                let count = count.clone();
                async move {
                    if n % 5 == 0 { return Err(n) }
                    count.fetch_add(1, Ordering::SeqCst);
                    Ok(())
                }
            }) [workers = 3]
    };
    let (run, mut errors) = run.split_errors();
    let (outcome, mut reported) = tokio::join!(within("the run", run), async {
        let mut reported = Vec::new();
        while let Some(error) = errors.recv().await {
            reported.push(*error.error());
        }
        reported
    });
    outcome.unwrap();
    reported.sort_unstable();
    assert_eq!(reported, [0, 5]);
    assert_eq!(stored.load(Ordering::SeqCst), 8);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancel_ends_for_each_async_mid_future() {
    let token = tokio_util::sync::CancellationToken::new();
    let run = pipeline! {
        #![cancel = token.clone()]
        from_iter(0u64..)
            -> for_each_async(|_| async { tokio::time::sleep(std::time::Duration::from_secs(3600)).await }) [workers = 2]
    };
    let id = run.id();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    token.cancel();
    assert!(matches!(
        within("the run", run).await,
        Err(PipelineError::Cancelled)
    ));
    assert_no_live_tasks(id);
}
