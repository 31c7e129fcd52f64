//! The error stream (`#![errors = channel]`) in every order of use, with 0, 1, capacity,
//! capacity + 1 and a flood of failures: no order hangs, every failure is either read or
//! counted, memory stays within the stream's capacity, and no task is left alive.

use futures::StreamExt;
use gopipe::{ErrorStream, PipelineError, PipelineId, Run, StageError, pipeline};

use crate::common::{all_tasks_exit, within};

/// The stream's capacity in these tests.
const CAPACITY: usize = 16;

/// The failure counts every order is tried with. The flood defaults to a million
/// (`PIPELINE_ERROR_FLOOD` changes it).
fn failure_counts() -> [u64; 5] {
    let flood = std::env::var("PIPELINE_ERROR_FLOOD")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    [0, 1, CAPACITY as u64, CAPACITY as u64 + 1, flood]
}

/// Items that pass besides the failures: the sink counts them.
const PASSING: u64 = 3;
const PASSED: usize = PASSING as usize;

/// `failures` items fail (item `n` fails with error `n`, in input order: one worker), then
/// `PASSING` items pass; the sink counts what passed.
fn run(failures: u64) -> Run<usize, u64, ErrorStream<u64>> {
    pipeline! {
        #![errors = channel, error_capacity = CAPACITY]
        from_iter(0..failures + PASSING)
            -> try_map(move |n: u64| if n < failures { Err(n) } else { Ok(n) }) [name = "check"]
            -> count()
    }
}

/// What one order of use saw.
struct Seen {
    id: PipelineId,
    outcome: Result<usize, PipelineError<u64>>,
    read: Vec<StageError<u64>>,
    dropped: u64,
}

/// Asserts what any order that read the stream to its end must see: every failure read or
/// counted, at most the capacity unread at once, the result saying what was dropped.
fn assert_read_or_counted(failures: u64, seen: &Seen) {
    let read = seen.read.len() as u64;
    assert_eq!(
        read + seen.dropped,
        failures,
        "each failure is read or counted"
    );
    let mut previous = None;
    for error in &seen.read {
        assert_eq!(error.stage().name(), "check");
        assert!(
            previous < Some(*error.error()),
            "errors arrive in input order"
        );
        previous = Some(*error.error());
    }
    match (&seen.outcome, seen.dropped) {
        (Ok(passed), 0) => assert_eq!(*passed, PASSED),
        (Err(PipelineError::ErrorsDropped { dropped, capacity }), lost) if lost > 0 => {
            assert_eq!((*dropped, *capacity), (lost, CAPACITY));
        }
        (outcome, dropped) => panic!("{dropped} dropped, but the run says {outcome:?}"),
    }
}

async fn read_all(errors: &mut ErrorStream<u64>) -> Vec<StageError<u64>> {
    let mut read = Vec::new();
    while let Some(error) = errors.next().await {
        read.push(error);
    }
    read
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_the_errors_first_then_await_the_run() {
    for failures in failure_counts() {
        let (run, mut errors) = run(failures).split_errors();
        let id = run.id();
        let read = within("reading the errors", read_all(&mut errors)).await;
        let outcome = within("the run", run).await;
        let seen = Seen {
            id,
            outcome,
            read,
            dropped: errors.dropped(),
        };
        assert_read_or_counted(failures, &seen);
        all_tasks_exit(seen.id).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn await_the_run_first_then_read_the_errors() {
    for failures in failure_counts() {
        let (run, mut errors) = run(failures).split_errors();
        let id = run.id();
        let outcome = within("the run", run).await;
        let read = within("reading the errors", read_all(&mut errors)).await;
        let seen = Seen {
            id,
            outcome,
            read,
            dropped: errors.dropped(),
        };
        assert_read_or_counted(failures, &seen);
        // Nobody read while the run went on: exactly the first `CAPACITY` were kept.
        let first: Vec<u64> = seen.read.iter().map(|error| *error.error()).collect();
        assert_eq!(
            first,
            (0..failures.min(CAPACITY as u64)).collect::<Vec<_>>()
        );
        all_tasks_exit(seen.id).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_the_errors_in_another_task() {
    for failures in failure_counts() {
        let (run, mut errors) = run(failures).split_errors();
        let id = run.id();
        let mut reader = tokio::task::JoinSet::new();
        reader.spawn(async move {
            let read = read_all(&mut errors).await;
            (read, errors.dropped())
        });
        let outcome = within("the run", run).await;
        let (read, dropped) = within("the reader", reader.join_next())
            .await
            .unwrap()
            .unwrap();
        let seen = Seen {
            id,
            outcome,
            read,
            dropped,
        };
        assert_read_or_counted(failures, &seen);
        all_tasks_exit(seen.id).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn never_take_the_errors() {
    for failures in failure_counts() {
        let run = run(failures);
        let id = run.id();
        let outcome = within("the run", run).await;
        match (failures, outcome) {
            (0, Ok(passed)) => assert_eq!(passed, PASSED),
            // Nobody could read them: the run's result is the first, the rest are counted.
            (
                n,
                Err(PipelineError::Failed {
                    stage,
                    error,
                    suppressed,
                    ..
                }),
            ) if n > 0 => {
                assert_eq!((stage.name(), error), ("check", 0));
                assert_eq!(suppressed as u64, n - 1, "every later failure is counted");
            }
            (n, outcome) => panic!("{n} failures, untaken stream: {outcome:?}"),
        }
        all_tasks_exit(id).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn take_the_errors_and_drop_them() {
    for failures in failure_counts() {
        let (run, errors) = run(failures).split_errors();
        let id = run.id();
        drop(errors);
        let outcome = within("the run", run).await;
        match (failures, outcome) {
            (0, Ok(passed)) => assert_eq!(passed, PASSED),
            // Errors nobody can read any more fail the run (at once, or at its end for those
            // left unread in the stream): they do not vanish.
            (n, Err(PipelineError::Failed { stage, error, .. })) if n > 0 => {
                assert_eq!(stage.name(), "check");
                assert!(error < n, "a real failure: {error}");
            }
            (n, outcome) => panic!("{n} failures, dropped stream: {outcome:?}"),
        }
        all_tasks_exit(id).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_form_run_in_the_channel_style_reports_the_same_way() {
    let failures = CAPACITY as u64 + 5;
    let (mut handle, mut errors) = pipeline! {
        #![errors = channel, error_capacity = CAPACITY]
        from_iter(0..failures + PASSING)
            -> try_map(move |n: u64| if n < failures { Err(n) } else { Ok(n) }) [name = "check"]
    }
    .split_errors();
    let id = handle.id();
    // Reads the items to their end, then joins: the errors wait in the stream meanwhile.
    let items: Vec<u64> = within("the items", (&mut handle).collect::<Vec<u64>>()).await;
    assert_eq!(items, (failures..failures + PASSING).collect::<Vec<_>>());
    match within("join", handle.join()).await {
        Err(PipelineError::ErrorsDropped {
            dropped: 5,
            capacity: CAPACITY,
        }) => {}
        other => panic!("{other:?}"),
    }
    let read = within("reading the errors", read_all(&mut errors)).await;
    assert_eq!(read.len(), CAPACITY);
    assert_eq!(errors.dropped(), 5);
    all_tasks_exit(id).await;
}
