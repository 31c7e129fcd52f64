//! Transforms: map, then, try_map, try_then, filter, filter_map, flat_map, inspect, take,
//! take_while, skip, chunks, scan.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use gopipe::{PipelineError, pipeline};

use crate::common::{assert_no_live_tasks, within};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn map_then_filter_filter_map_flat_map_inspect_compose() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let out: Vec<String> = pipeline! {
        from_iter(1..=6u32)
            -> map(|n| n * 2)
            -> then(|n| async move {
                tokio::time::sleep(Duration::from_micros(50)).await;
                n + 1
            })
            -> filter(|n| n % 3 != 0)
            -> filter_map(|n| (n < 12).then_some(n))
            -> flat_map(|n| [n, n * 100])
            -> inspect(move |n| log.lock().unwrap().push(*n))
            -> map(|n| n.to_string())
            -> collect()
    }
    .await
    .unwrap();
    // 1..=6 -> 2,4,..,12 -> 3,5,7,9,11,13 -> drop 3,9 -> 5,7,11,13 -> <12: 5,7,11
    assert_eq!(out, ["5", "500", "7", "700", "11", "1100"]);
    assert_eq!(*seen.lock().unwrap(), [5, 500, 7, 700, 11, 1100]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn try_map_and_try_then_pass_ok_values_and_fail_on_errors() {
    let parsed: Vec<i64> = pipeline! {
        from_iter(["1", "22", "-3"])
            -> try_map(|s: &str| s.parse::<i64>())
            -> try_then(|n| async move { Ok(n * 2) })
            -> collect()
    }
    .await
    .unwrap();
    assert_eq!(parsed, [2, 44, -6]);

    let outcome: Result<Vec<i64>, _> = pipeline! {
        from_iter(["1", "x"]) -> try_map(|s: &str| s.parse::<i64>()) [name = "parse"] -> collect()
    }
    .await;
    match outcome {
        Err(PipelineError::Failed { stage, .. }) => assert_eq!(stage.name(), "parse"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn take_skip_and_take_while_cut_the_stream() {
    let out: Vec<u32> = pipeline! {
        from_iter(0..100u32) -> skip(10) -> take_while(|n| *n < 50) -> take(5) -> collect()
    }
    .await
    .unwrap();
    assert_eq!(out, [10, 11, 12, 13, 14]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn take_in_the_middle_stops_an_endless_source_and_downstream_still_drains() {
    let run = pipeline! {
        from_iter(0u64..) -> take(1000) -> map(|n| n + 1) -> count()
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), 1000);
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chunks_groups_items_and_keeps_a_short_last_chunk() {
    let out: Vec<Vec<u8>> = pipeline! { from_iter(1..=7u8) -> chunks(3) -> collect() }
        .await
        .unwrap();
    assert_eq!(out, [vec![1, 2, 3], vec![4, 5, 6], vec![7]]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_zero_chunk_size_computed_at_run_time_is_an_argument_error_and_nothing_runs() {
    let size = std::hint::black_box(0);
    let pulled = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = pulled.clone();
    let items = (1..=7u8).inspect(move |_| {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    });
    let outcome: Result<Vec<Vec<u8>>, _> =
        pipeline! { from_iter(items) -> chunks(size) -> collect() }.await;
    match outcome {
        Err(PipelineError::InvalidArgument {
            stage,
            argument,
            value,
            ..
        }) => {
            assert_eq!(stage.unwrap().name(), "chunks#2");
            assert_eq!((argument, value.as_str()), ("chunks", "0"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        pulled.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "nothing ran"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scan_carries_its_state_and_emits_per_item() {
    let run = pipeline! {
        from_iter(1..=5u64)
            -> scan(Vec::new(), |seen: &mut Vec<u64>, n| { seen.push(n); Some(seen.len() as u64 * 100 + n) })
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    assert_eq!(
        within("the run", run).await.unwrap(),
        [101, 202, 303, 404, 505]
    );
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scan_returning_none_ends_the_stream_and_stops_an_endless_source() {
    let run = pipeline! {
        from_iter(1u64..)
            -> scan(0u64, |total, n| { *total += n; (*total <= 10).then_some(*total) })
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), [1, 3, 6, 10]);
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_the_result_style_scan_sees_only_values_and_errors_pass_it() {
    let run = pipeline! {
        #![errors = result]
        from_iter(["1", "x", "2", "3"])
            -> try_map(|s: &str| s.parse::<u32>())
            -> scan(0u32, |total, n| { *total += n; Some(*total) })
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    let out: Vec<Result<u32, String>> = within("the run", run)
        .await
        .unwrap()
        .into_iter()
        .map(|item| item.map_err(|error| error.stage().name().to_owned()))
        .collect();
    assert_eq!(out, [Ok(1), Err("try_map#2".to_owned()), Ok(3), Ok(6)]);
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_in_scan_names_the_stage() {
    let run = pipeline! {
        from_iter(0u32..)
            -> scan(0u32, |_, n| { assert!(n < 5, "scan saw {n}"); Some(n) }) [name = "running"]
            -> drain()
    };
    let id = run.id();
    crate::common::assert_panicked(within("the run", run).await, "running", "scan saw 5");
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_scan_stops_promptly() {
    let run = pipeline! {
        from_iter(0u64..) -> scan(0u64, |total, n| { *total = total.wrapping_add(n); Some(*total) }) -> drain()
    };
    tokio::time::sleep(Duration::from_millis(10)).await;
    crate::common::assert_cancel_stops(run).await;
}
