//! A block without a sink is a handle: a stream of the output, with cancel, pause, resume,
//! join, and an error stream in the channel style.

use futures::StreamExt;
use gopipe::{PipelineError, pipeline};

use crate::common::{all_tasks_exit, assert_no_live_tasks, settle, within};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handle_streams_the_output_then_joins() {
    let mut handle = pipeline! { from_iter(0..100u32) -> map(|n| n * 2) };
    let id = handle.id();
    let mut got = Vec::new();
    while let Some(n) = handle.next().await {
        got.push(n);
    }
    assert_eq!(got, (0..100).map(|n| n * 2).collect::<Vec<_>>());
    within("join", handle.join()).await.unwrap();
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn joining_early_stops_the_stages() {
    let mut handle = pipeline! { from_iter(0u64..) -> map(|n| n + 1) };
    let id = handle.id();
    assert_eq!(handle.recv().await, Some(1));
    within("join", handle.join()).await.unwrap();
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_pause_and_resume() {
    let mut handle = pipeline! { from_iter(0u64..) -> map(|n| n) };
    let id = handle.id();
    assert_eq!(handle.recv().await, Some(0));
    handle.pause();
    assert!(handle.is_paused());
    // Items already buffered may still arrive; then nothing new is taken.
    let mut buffered = 0;
    while tokio::time::timeout(std::time::Duration::from_millis(50), handle.recv())
        .await
        .is_ok()
    {
        buffered += 1;
        assert!(buffered < 10_000, "the paused run kept producing");
    }
    handle.resume();
    assert!(within("resumed item", handle.recv()).await.is_some());
    handle.cancel();
    assert!(matches!(
        within("join", handle.join()).await,
        Err(PipelineError::Cancelled)
    ));
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropping_a_handle_or_run_cancels_it() {
    let handle = pipeline! { from_iter(0u64..) -> map(|n| n) };
    let id = handle.id();
    settle().await;
    drop(handle);
    all_tasks_exit(id).await;

    let run = pipeline! { from_iter(0u64..) -> drain() };
    let id = run.id();
    settle().await;
    drop(run);
    all_tasks_exit(id).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_handle_in_the_channel_style_has_an_error_stream() {
    let (mut handle, mut errors) = pipeline! {
        #![errors = channel]
        from_iter(["1", "x", "3"]) -> try_map(|s: &str| s.parse::<u8>())
    }
    .split_errors();
    let values: Vec<u8> = (&mut handle).collect().await;
    assert_eq!(values, [1, 3]);
    let error = errors.recv().await.unwrap();
    assert_eq!(error.stage().name(), "try_map#2");
    handle.join().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_and_a_handle_start_when_the_block_is_evaluated() {
    // Eager, like `tokio::spawn`: fed from this task before anything awaits the run.
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    let run = pipeline! { from_channel(rx) -> count() };
    for n in 0..10u8 {
        within("feeding the run", tx.send(n)).await.unwrap();
    }
    drop(tx);
    assert_eq!(within("the run", run).await.unwrap(), 10);

    // A handle whose output is not read yet already has its first items waiting.
    let (seen, mut sink_saw) = tokio::sync::mpsc::unbounded_channel();
    let handle = pipeline! {
        from_iter(0..3u64) -> inspect(move |n| { let _ = seen.send(*n); })
    };
    assert_eq!(within("the first item", sink_saw.recv()).await, Some(0));
    handle.join().await.unwrap();
}
