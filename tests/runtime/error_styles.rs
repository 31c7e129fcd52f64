//! The three error styles: fail fast, an error channel, and Result items.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use gopipe::error_stream;
use gopipe::stage::{OnError, Stage, then};
use gopipe::{PipelineError, Scope, StageError};

use crate::common::{assert_no_live_tasks, within};

fn parse(n: u32) -> Result<u32, String> {
    if n % 10 == 3 {
        Err(format!("cannot parse {n}"))
    } else {
        Ok(n)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fail_fast_returns_the_first_error() {
    let scope: Scope<String> = Scope::new();
    let id = scope.id();
    let input = Stage::new("gen").spawn_source(&scope, 0..100u32);
    let mut parsed = Stage::new("parse").spawn(&scope, input, then(|n| async move { parse(n) }));
    let mut passed = Vec::new();
    while let Some(n) = parsed.recv().await {
        passed.push(n);
    }
    let outcome = within("join", scope.join()).await;
    // The cancel stops the consumer at once, so items already buffered may go unread; but
    // nothing after the failing item ever gets through.
    assert!([0, 1, 2].starts_with(&passed), "got {passed:?}");
    match outcome {
        Err(PipelineError::Failed { stage, error, .. }) => {
            assert_eq!(stage.name(), "parse");
            assert_eq!(error, "cannot parse 3");
        }
        other => panic!("{other:?}"),
    }
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_channel_carries_failed_items_and_the_run_goes_on() {
    let scope: Scope<String> = Scope::new();
    let id = scope.id();
    // Room for every failure: a reader that falls behind never loses one to a full stream.
    let (reporter, mut failures) = error_stream::channel(100);
    let input = Stage::new("gen").spawn_source(&scope, 0..100u32);
    let mut parsed = Stage::new("parse")
        .on_error(OnError::Report(reporter))
        .workers(3)
        .spawn(&scope, input, then(|n| async move { parse(n) }));
    let (mut good, mut bad) = (Vec::new(), Vec::new());
    within("the run", async {
        loop {
            tokio::select! {
                Some(n) = parsed.recv() => good.push(n),
                Some(failure) = failures.recv() => bad.push(failure),
                else => break,
            }
        }
    })
    .await;
    within("join", scope.join()).await.unwrap();
    good.sort_unstable();
    assert_eq!(good, (0..100).filter(|n| n % 10 != 3).collect::<Vec<_>>());
    let mut failed: Vec<u32> = bad
        .iter()
        .map(|failure: &StageError<String>| {
            assert_eq!(failure.stage().name(), "parse");
            failure
                .error()
                .trim_start_matches("cannot parse ")
                .parse()
                .unwrap()
        })
        .collect();
    failed.sort_unstable();
    assert_eq!(failed, (0..100).filter(|n| n % 10 == 3).collect::<Vec<_>>());
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_nobody_can_receive_fails_the_run_instead_of_vanishing() {
    let scope: Scope<String> = Scope::new();
    let (reporter, failures) = error_stream::channel(4);
    drop(failures);
    let input = Stage::new("gen").spawn_source(&scope, 0..100u32);
    let mut parsed = Stage::new("parse")
        .on_error(OnError::Report(reporter))
        .spawn(&scope, input, then(|n| async move { parse(n) }));
    while parsed.recv().await.is_some() {}
    let outcome = within("join", scope.join()).await;
    assert_eq!(
        outcome.unwrap_err().into_error().as_deref(),
        Some("cannot parse 3")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn result_items_carry_errors_past_later_stages_to_the_sink() {
    let scope: Scope<String> = Scope::new();
    let id = scope.id();
    let input = Stage::new("gen").results().spawn_source(&scope, 0..50u32);
    let parsed =
        Stage::new("parse")
            .results()
            .spawn(&scope, input, then(|n| async move { parse(n) }));
    let doubled_calls = Arc::new(AtomicUsize::new(0));
    let calls = doubled_calls.clone();
    let mut doubled = Stage::new("double").results().workers(2).ordered(8).spawn(
        &scope,
        parsed,
        then(move |n: u32| {
            calls.fetch_add(1, Ordering::SeqCst);
            async move { Ok::<_, String>(n * 2) }
        }),
    );
    let mut items = Vec::new();
    while let Some(item) = doubled.recv().await {
        items.push(item);
    }
    within("join", scope.join()).await.unwrap();
    assert_eq!(items.len(), 50, "the sink sees every item, Ok or Err");
    for (n, item) in (0..50u32).zip(&items) {
        match item {
            Ok(value) => assert_eq!(*value, n * 2),
            Err(error) => {
                assert_eq!(n % 10, 3);
                assert_eq!(
                    error.stage().name(),
                    "parse",
                    "the error names where it happened"
                );
                assert_eq!(error.error(), &format!("cannot parse {n}"));
            }
        }
    }
    assert_eq!(
        doubled_calls.load(Ordering::SeqCst),
        45,
        "Err items skip later stages"
    );
    assert_no_live_tasks(id);
}
