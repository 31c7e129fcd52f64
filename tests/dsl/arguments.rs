//! Runtime arguments out of range: one behaviour for all of them. The run returns
//! `PipelineError::InvalidArgument` naming the stage, the argument and the value; it is not a
//! panic, the caller's task goes on, and nothing runs (the source pulls no item).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use gopipe::{Elapsed, PipelineError, pipeline};

use crate::common::{all_tasks_exit, within};

/// Items that count how many were pulled: 0 means no stage ran.
fn counted(pulled: &Arc<AtomicUsize>) -> impl Iterator<Item = u64> + Send + 'static {
    let pulled = pulled.clone();
    (0..100u64).inspect(move |_| {
        pulled.fetch_add(1, Ordering::SeqCst);
    })
}

fn assert_invalid<T: std::fmt::Debug, E: std::fmt::Debug>(
    outcome: Result<T, PipelineError<E>>,
    stage: Option<&str>,
    argument: &str,
    value: &str,
) {
    match outcome {
        Err(PipelineError::InvalidArgument {
            stage: got_stage,
            argument: got_argument,
            value: got_value,
            ..
        }) => {
            assert_eq!(got_stage.as_ref().map(|s| s.name()), stage);
            assert_eq!((got_argument, got_value.as_str()), (argument, value));
        }
        other => panic!("expected an invalid `{argument}`, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zero_workers_from_a_variable_is_an_argument_error_not_a_panic() {
    let workers = std::hint::black_box(0);
    let pulled = Arc::new(AtomicUsize::new(0));
    let run = pipeline! {
        from_iter(counted(&pulled)) -> map(|n| n * 2) [name = "double", workers = workers] -> count()
    };
    let id = run.id();
    let outcome = within("the run", run).await;
    assert_invalid(outcome, Some("double"), "workers", "0");
    assert_eq!(pulled.load(Ordering::SeqCst), 0, "nothing ran");
    all_tasks_exit(id).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_message_names_the_stage_the_argument_and_the_value() {
    let workers = std::hint::black_box(0);
    let outcome = pipeline! {
        from_iter(0..3u64) -> map(|n| n) [name = "double", workers = workers] -> count()
    }
    .await;
    assert_eq!(
        outcome.unwrap_err().to_string(),
        "stage `double`: `workers` must be at least 1, but it is 0; nothing ran"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zero_workers_on_a_stream_form_run_is_reported_by_join() {
    let workers = std::hint::black_box(0);
    let pulled = Arc::new(AtomicUsize::new(0));
    let mut handle = pipeline! {
        from_iter(counted(&pulled)) -> map(|n| n) [workers = workers]
    };
    assert_eq!(within("the stream", handle.recv()).await, None);
    assert_invalid(handle.join().await, Some("map#2"), "workers", "0");
    assert_eq!(pulled.load(Ordering::SeqCst), 0, "nothing ran");
}

#[derive(Debug)]
struct Late;

impl From<Elapsed> for Late {
    fn from(_: Elapsed) -> Self {
        Late
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_zero_per_item_timeout_is_an_argument_error() {
    let after = std::hint::black_box(Duration::ZERO);
    let pulled = Arc::new(AtomicUsize::new(0));
    let outcome = pipeline! {
        from_iter(counted(&pulled))
            -> try_then(|n| async move { Ok::<_, Late>(n) }) [name = "fetch", timeout = after]
            -> count()
    }
    .await;
    assert_invalid(outcome, Some("fetch"), "timeout", "0ns");
    assert_eq!(pulled.load(Ordering::SeqCst), 0, "nothing ran");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_zero_run_timeout_is_an_argument_error_of_the_pipeline() {
    let timeout = std::hint::black_box(Duration::ZERO);
    let pulled = Arc::new(AtomicUsize::new(0));
    let outcome = pipeline! {
        #![timeout = timeout]
        from_iter(counted(&pulled)) -> count()
    }
    .await;
    assert_invalid(outcome, None, "timeout", "0ns");
    assert_eq!(pulled.load(Ordering::SeqCst), 0, "nothing ran");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_invalid_argument_is_reported_and_later_ones_counted() {
    let (workers, size) = std::hint::black_box((0, 0));
    let outcome = pipeline! {
        from_iter(0..10u64) -> map(|n| n) [name = "first", workers = workers] -> chunks(size) -> count()
    }
    .await;
    match outcome {
        Err(error @ PipelineError::InvalidArgument { .. }) => {
            assert_eq!(
                error.stage().map(|s| s.name()),
                Some("first"),
                "the first by position"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zero_workers_by_hand_is_the_same_argument_error() {
    let scope: gopipe::Scope<std::io::Error> = gopipe::Scope::new();
    let numbers = gopipe::stage::Stage::new("gen").spawn_source(&scope, 1..=10u64);
    let workers = std::hint::black_box(0);
    let mut squares = gopipe::fan_out(&scope, "sq", workers, numbers, |n| async move { Ok(n * n) });
    assert_eq!(within("the output", squares.recv()).await, None);
    assert_invalid(
        within("join", scope.join()).await,
        Some("sq"),
        "workers",
        "0",
    );
}
