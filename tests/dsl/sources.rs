//! Sources: from_iter, from_stream, from_channel, generate, try_generate.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use gopipe::{PipelineError, pipeline};

use crate::common::{assert_no_live_tasks, within};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn from_iter_sends_every_item_in_order() {
    let words = vec!["a".to_owned(), "b".to_owned(), "c".to_owned()];
    let run = pipeline! { from_iter(words) -> collect() };
    let id = run.id();
    let collected: Vec<String> = within("the run", run).await.unwrap();
    assert_eq!(collected, ["a", "b", "c"]);
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn from_stream_reads_a_stream_to_its_end() {
    let stream = futures::stream::iter(0..50u32);
    let total: u32 = pipeline! { from_stream(stream) -> fold(0, |acc, n| acc + n) }
        .await
        .unwrap();
    assert_eq!(total, (0..50).sum());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn from_channel_reads_tokio_and_pipeline_channels() {
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    let run = pipeline! { from_channel(rx) -> collect() };
    for n in 0..10u8 {
        tx.send(n).await.unwrap();
    }
    drop(tx);
    let got: Vec<u8> = within("the run", run).await.unwrap();
    assert_eq!(got, (0..10).collect::<Vec<_>>());

    let done = gopipe::Done::new();
    let (tx, rx) = gopipe::channel::channel(2, &done);
    let run = pipeline! { from_channel(rx) -> count() };
    for n in 0..7 {
        tx.send(n).await.unwrap();
    }
    drop(tx);
    assert_eq!(within("the run", run).await.unwrap(), 7);
}

/// Sets its flag when dropped: the generator future was dropped (it exited).
struct OnDrop(Arc<AtomicBool>);
impl Drop for OnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endless_generator_stops_when_the_consumer_has_enough() {
    let exited = Arc::new(AtomicBool::new(false));
    let guard = OnDrop(exited.clone());
    let run = pipeline! {
        generate(move |emit| async move {
            let _guard = guard;
            let mut n = 0u64;
            loop {
                emit.send(n).await; // never returns once nobody listens: the future is dropped
                n += 1;
            }
        })
        -> take(3)
        -> collect()
    };
    let id = run.id();
    let first: Vec<u64> = within("the run", run).await.unwrap();
    assert_eq!(first, [0, 1, 2]);
    assert!(exited.load(Ordering::SeqCst), "the generator was dropped");
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn try_generate_fails_the_run_with_its_error_naming_it() {
    let outcome: Result<Vec<u32>, _> = pipeline! {
        try_generate(|emit| async move {
            emit.send(1u32).await;
            Err::<(), _>("the feed broke".to_owned())
        }) [name = "feed"]
        -> collect()
    }
    .await;
    match outcome {
        Err(PipelineError::Failed { stage, error, .. }) => {
            assert_eq!(stage.name(), "feed");
            assert_eq!(error, "the feed broke");
        }
        other => panic!("{other:?}"),
    }
}

/// A generator that reports a bad input and goes on: `Emitter::report`.
async fn feed_with_a_bad_input<S: gopipe::Style>(
    emit: gopipe::Emitter<u32, String, S>,
) -> Result<(), String> {
    for n in 0..4u32 {
        if n == 2 {
            emit.report(format!("entry {n} is malformed")).await?;
        } else {
            emit.send(n).await;
        }
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emitter_report_goes_to_the_error_stream_and_the_generator_goes_on() {
    use futures::StreamExt;
    let (run, errors) = pipeline! {
        #![errors = channel]
        try_generate(feed_with_a_bad_input) [name = "feed"] -> collect()
    }
    .split_errors();
    let reported: Vec<_> = errors.collect().await;
    let items: Vec<u32> = within("the run", run).await.unwrap();
    assert_eq!(items, [0, 1, 3]);
    assert_eq!(reported.len(), 1);
    assert_eq!(reported[0].stage().name(), "feed");
    assert_eq!(reported[0].error(), "entry 2 is malformed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emitter_report_is_an_err_item_in_the_result_style() {
    let items: Vec<Result<u32, gopipe::StageError<String>>> = pipeline! {
        #![errors = result]
        try_generate(feed_with_a_bad_input) [name = "feed"] -> collect()
    }
    .await
    .unwrap();
    let errors: Vec<String> = items
        .iter()
        .filter_map(|item| item.as_ref().err())
        .map(|e| format!("{}: {}", e.stage().name(), e.error()))
        .collect();
    assert_eq!(errors, ["feed: entry 2 is malformed"]);
    assert_eq!(items.iter().filter(|item| item.is_ok()).count(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emitter_report_hands_the_error_back_in_the_fail_fast_style() {
    let outcome: Result<Vec<u32>, _> = pipeline! {
        try_generate(feed_with_a_bad_input) [name = "feed"] -> collect()
    }
    .await;
    match outcome {
        Err(PipelineError::Failed { stage, error, .. }) => {
            assert_eq!(
                (stage.name(), error.as_str()),
                ("feed", "entry 2 is malformed")
            );
        }
        other => panic!("{other:?}"),
    }
}
