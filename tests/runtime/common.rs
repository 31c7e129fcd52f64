//! Helpers shared by the runtime and DSL tests (each uses some of them).

#![allow(dead_code)]

use std::future::Future;
use std::time::Duration;

use gopipe::PipelineId;
use gopipe::diagnostics::{LiveTask, live_tasks_of};

/// Longer than anything here should take: reaching it means something hung.
pub const HANG: Duration = Duration::from_secs(10);

/// Awaits `future`, failing the test if it has not finished within [`HANG`].
pub async fn within<F: Future>(what: &str, future: F) -> F::Output {
    match tokio::time::timeout(HANG, future).await {
        Ok(output) => output,
        Err(_) => panic!("{what} did not finish within {HANG:?}: it hung"),
    }
}

/// Asserts that no task of `pipeline` is alive now (right after `join`, nothing may be).
#[track_caller]
pub fn assert_no_live_tasks(pipeline: PipelineId) {
    let live = live_tasks_of(pipeline);
    assert!(
        live.is_empty(),
        "tasks outlived their pipeline: {}",
        names(&live)
    );
}

/// Waits for every task of `pipeline` to be gone (after a drop, aborted tasks are dropped by
/// the runtime shortly afterwards), failing the test if any is still alive after [`HANG`].
pub async fn all_tasks_exit(pipeline: PipelineId) {
    let deadline = tokio::time::Instant::now() + HANG;
    loop {
        let live = live_tasks_of(pipeline);
        if live.is_empty() {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "tasks still alive {HANG:?} after their pipeline was dropped: {}",
            names(&live)
        );
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

/// Waits until `pipeline` has exactly `count` live tasks whose stage name is `stage`.
pub async fn live_count_reaches(pipeline: PipelineId, stage: &str, count: usize) {
    within("the expected tasks to be alive", async {
        loop {
            let n = live_tasks_of(pipeline)
                .iter()
                .filter(|task| task.stage().name() == stage)
                .count();
            if n == count {
                return;
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    })
    .await;
}

pub fn names(tasks: &[LiveTask]) -> String {
    tasks
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Lets every runnable task make progress for a moment: for "nothing happened" checks.
pub async fn settle() {
    for _ in 0..10 {
        tokio::task::yield_now().await;
    }
    tokio::time::sleep(Duration::from_millis(20)).await;
}

/// Joins `scope`, which must end cancelled (not failed), with every task gone.
pub async fn join_cancelled<E: std::fmt::Debug + Send + 'static>(scope: gopipe::Scope<E>) {
    let id = scope.id();
    let outcome = within("join", scope.join()).await;
    assert!(
        matches!(outcome, Err(gopipe::PipelineError::Cancelled)),
        "expected a cancelled run, got {outcome:?}"
    );
    assert_no_live_tasks(id);
}

/// Asserts that a run failed because `stage` panicked with `message`.
#[track_caller]
pub fn assert_panicked<E: std::fmt::Debug>(
    outcome: Result<(), gopipe::PipelineError<E>>,
    stage: &str,
    message: &str,
) {
    match outcome {
        Err(gopipe::PipelineError::Panicked {
            stage: panicked,
            message: said,
            ..
        }) => {
            assert_eq!(panicked.name(), stage);
            assert_eq!(said, message);
        }
        other => panic!("expected `{stage}` to panic with {message:?}, got {other:?}"),
    }
}

/// Cancels `run`, checks that it reports the cancel, and that no task of it is left.
pub async fn assert_cancel_stops<R: Send + 'static, E: std::fmt::Debug + Send + 'static>(
    run: gopipe::Run<R, E>,
) {
    let id = run.id();
    run.cancel();
    assert!(matches!(
        within("the run", run).await,
        Err(gopipe::PipelineError::Cancelled)
    ));
    assert_no_live_tasks(id);
}
