//! `chunks_timeout(size, window)`: a chunk leaves when full, or `window` after its first item,
//! whatever the stage is doing meanwhile. Timed on tokio's paused clock, so the times are
//! exact.

use std::time::Duration;

use gopipe::{PipelineError, pipeline};
use tokio::time::Instant;

use crate::common::{assert_no_live_tasks, within};

const MS: Duration = Duration::from_millis(1);

/// Sends `(at, item)` pairs: each item at its time after the start (times ascending).
fn timed(items: &[(u64, u32)]) -> Vec<(Duration, u32)> {
    items
        .iter()
        .map(|&(at, item)| (MS * at as u32, item))
        .collect()
}

/// Runs `items` (sent at their times, the input ending at `end` ms) through
/// `chunks_timeout(size, window)` and returns each chunk with the time (ms) it reached the
/// sink.
async fn chunked(
    items: Vec<(Duration, u32)>,
    end: u64,
    size: usize,
    window: Duration,
) -> Vec<(u64, Vec<u32>)> {
    let start = Instant::now();
    let run = pipeline! {
        generate(move |emit| async move {
            for (at, item) in items {
                tokio::time::sleep_until(start + at).await;
                emit.send(item).await;
            }
            tokio::time::sleep_until(start + MS * end as u32).await;
        })
        -> chunks_timeout(size, window)
        -> map(move |chunk| (start.elapsed().as_millis() as u64, chunk))
        -> collect::<Vec<_>>()
    };
    let id = run.id();
    let out = run.await.unwrap();
    assert_no_live_tasks(id);
    out
}

#[tokio::test(start_paused = true)]
async fn a_chunk_leaves_when_full_or_when_its_window_ends() {
    let out = chunked(
        timed(&[(0, 1), (1, 2), (2, 3), (5, 4), (30, 5), (31, 6), (60, 7)]),
        65,
        3,
        10 * MS,
    )
    .await;
    assert_eq!(
        out,
        [
            (2, vec![1, 2, 3]), // full at its third item
            (15, vec![4]),      // 10 ms after its first item, at 5 ms
            (40, vec![5, 6]),   // 10 ms after 30 ms
            (65, vec![7]),      // the input ended before its window did
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn the_window_runs_from_the_first_item_and_later_items_do_not_restart_it() {
    // An item every 4 ms; a 10 ms window (rudder-server#6167 restarted it per item, so a
    // steady trickle never left).
    let items: Vec<(u64, u32)> = (0..9).map(|n| (4 * n as u64, n)).collect();
    let out = chunked(timed(&items), 100, 100, 10 * MS).await;
    assert_eq!(
        out,
        [
            (10, vec![0, 1, 2]), // items at 0, 4, 8
            (22, vec![3, 4, 5]), // first at 12
            (34, vec![6, 7, 8]), // first at 24
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn an_idle_stage_does_not_hold_a_partial_chunk() {
    // One item, then an hour of nothing; then one more, and the input ends at once.
    let out = chunked(timed(&[(0, 1), (3_600_000, 2)]), 3_600_000, 10, 50 * MS).await;
    assert_eq!(out, [(50, vec![1]), (3_600_000, vec![2])]);
}

#[tokio::test(start_paused = true)]
async fn the_last_partial_chunk_leaves_at_the_end_and_no_chunk_is_empty() {
    let start = Instant::now();
    let out: Vec<Vec<u32>> = pipeline! {
        from_iter(0..7u32) -> chunks_timeout(3, Duration::from_secs(3600)) -> collect()
    }
    .await
    .unwrap();
    assert_eq!(out, [vec![0, 1, 2], vec![3, 4, 5], vec![6]]);
    assert_eq!(
        start.elapsed(),
        Duration::ZERO,
        "nothing waited for the window"
    );

    let empty: Vec<Vec<u32>> = pipeline! {
        from_iter(0..0u32) -> chunks_timeout(3, 10 * MS) -> collect()
    }
    .await
    .unwrap();
    assert!(empty.is_empty(), "no input, no chunk: {empty:?}");
}

#[tokio::test(start_paused = true)]
async fn a_busy_stage_keeps_to_the_window_too() {
    // Items are always in hand (a source that never waits): chunks still leave by time.
    let out: Vec<Vec<u64>> = pipeline! {
        from_iter(0..100u64)
            -> then(|n| async move { tokio::time::sleep(MS).await; n })
            -> chunks_timeout(1000, 10 * MS)
            -> collect()
    }
    .await
    .unwrap();
    assert_eq!(
        out.concat(),
        (0..100).collect::<Vec<_>>(),
        "every item, in order"
    );
    assert!(
        out.len() >= 9,
        "chunks left by time, not only at the end: {}",
        out.len()
    );
    // One item a millisecond, a 10 ms window: ten items each, the one that comes as the
    // window ends starting the next chunk.
    let sizes: Vec<usize> = out.iter().map(Vec::len).collect();
    assert_eq!(sizes, [10; 10], "{sizes:?}");
}

#[tokio::test(start_paused = true)]
async fn cancel_while_a_chunk_waits_for_its_window_is_prompt() {
    let start = Instant::now();
    let run = pipeline! {
        generate(|emit| async move {
            emit.send(1u32).await;
            std::future::pending::<()>().await;
        })
        -> chunks_timeout(10, Duration::from_secs(3600))
        -> collect::<Vec<_>>()
    };
    let id = run.id();
    tokio::time::sleep(MS).await; // the chunk now holds the item and waits for its window
    run.cancel();
    assert!(matches!(
        within("the run", run).await,
        Err(PipelineError::Cancelled)
    ));
    assert_eq!(start.elapsed(), MS, "the window was not waited for");
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_early_stop_downstream_stops_the_stage_and_its_source() {
    let run = pipeline! {
        from_iter(0u64..) -> chunks_timeout(4, Duration::from_secs(3600)) -> take(2) -> collect::<Vec<_>>()
    };
    let id = run.id();
    let out = within("the run", run).await.unwrap();
    assert_eq!(out, [vec![0, 1, 2, 3], vec![4, 5, 6, 7]]);
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_the_result_style_errors_pass_the_stage_at_once_and_values_are_chunked() {
    let run = pipeline! {
        #![errors = result]
        from_iter(["1", "2", "x", "3", "4"])
            -> try_map(|s: &str| s.parse::<u32>())
            -> chunks_timeout(2, Duration::from_secs(3600))
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    let out = within("the run", run).await.unwrap();
    let shown: Vec<String> = out
        .iter()
        .map(|item| match item {
            Ok(chunk) => format!("{chunk:?}"),
            Err(error) => format!("error at {}", error.stage().name()),
        })
        .collect();
    assert_eq!(shown, ["[1, 2]", "error at try_map#2", "[3, 4]"]);
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_zero_size_or_window_is_an_invalid_argument_and_nothing_runs() {
    for (size, window, argument) in [(0, 10 * MS, "chunks"), (3, Duration::ZERO, "window")] {
        let outcome = pipeline! {
            from_iter(0..10u32) -> chunks_timeout(size, window) -> count()
        }
        .await;
        match outcome {
            Err(PipelineError::InvalidArgument {
                stage,
                argument: named,
                ..
            }) => {
                assert_eq!(stage.unwrap().name(), "chunks_timeout#2");
                assert_eq!(named, argument);
            }
            other => panic!("expected an invalid {argument}, got {other:?}"),
        }
    }
}

#[tokio::test(start_paused = true)]
async fn a_window_or_size_too_large_to_matter_means_none() {
    let out: Vec<Vec<u32>> = pipeline! {
        from_iter(0..7u32) -> chunks_timeout(3, Duration::MAX) -> collect()
    }
    .await
    .unwrap();
    assert_eq!(out, [vec![0, 1, 2], vec![3, 4, 5], vec![6]], "size only");

    let out = chunked(timed(&[(0, 1), (5, 2), (30, 3)]), 40, usize::MAX, 10 * MS).await;
    assert_eq!(out, [(10, vec![1, 2]), (40, vec![3])], "time only");
}
