//! The waits of `[retry = R]`: a per-item timeout bounds each attempt, and a wait gives way
//! at once to a cancel, the run's deadline or the consumer leaving; with workers, each
//! worker waits for its own items.

use std::time::Duration;

use gopipe::{PipelineError, Retry, pipeline};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::{Attempts, Error, MS, no_jitter, transient};
use crate::common::{assert_no_live_tasks, within};

const HOUR: Duration = Duration::from_secs(3600);

#[tokio::test(start_paused = true)]
async fn a_per_item_timeout_bounds_each_attempt_and_a_timed_out_attempt_is_retried() {
    let attempts = Attempts::new();
    let tries = attempts.clone();
    let run = pipeline! {
        from_iter([1u32, 2])
            -> try_then(move |n: u32| {
                let attempt = tries.record(n);
                async move {
                    // Item 1's first attempt hangs; item 2's every attempt does.
                    if n == 2 || attempt == 1 {
                        tokio::time::sleep(HOUR).await;
                    }
                    Ok::<u32, Error>(n)
                }
            }) [name = "fetch", timeout = Duration::from_secs(1), retry = no_jitter(3).when(transient)]
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    let error = within("the run", run).await.unwrap_err();
    assert_eq!(
        attempts.times(1),
        [0, 1100],
        "timed out at 1 s, retried 100 ms later"
    );
    // Item 1 passed on at 1.1 s; item 2's three attempts each timed out.
    assert_eq!(attempts.times(2), [1100, 2200, 3400]);
    assert_eq!(attempts.start.elapsed(), 4400 * MS);
    assert_eq!(
        error.to_string(),
        "stage `fetch` failed after 3 attempts: timed out"
    );
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn a_cancel_during_a_wait_ends_the_run_at_once() {
    let attempts = Attempts::new();
    let tries = attempts.clone();
    let token = CancellationToken::new();
    let run = pipeline! {
        #![cancel = token.clone()]
        from_iter([1u32])
            -> try_map(move |n: u32| { tries.record(n); Err::<u32, _>(Error::Transient(n)) })
                [retry = Retry::attempts(2).backoff(HOUR)]
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    tokio::time::sleep(5 * MS).await; // the stage waits for its hour now
    token.cancel();
    assert!(matches!(
        within("the run", run).await,
        Err(PipelineError::Cancelled)
    ));
    assert_eq!(
        attempts.start.elapsed(),
        5 * MS,
        "the wait was not waited for"
    );
    assert_eq!(attempts.count(), 1);
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn the_runs_deadline_during_a_wait_ends_it_at_the_deadline() {
    let run = pipeline! {
        #![timeout = Duration::from_secs(2)]
        from_iter([1u32])
            -> try_map(|n: u32| Err::<u32, _>(Error::Transient(n)))
                [retry = Retry::attempts(2).backoff(HOUR).jitter(false)]
            -> collect::<Vec<_>>()
    };
    let (id, start) = (run.id(), Instant::now());
    assert!(matches!(
        within("the run", run).await,
        Err(PipelineError::TimedOut)
    ));
    assert_eq!(start.elapsed(), Duration::from_secs(2));
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn the_consumer_leaving_during_a_wait_stops_the_stage_at_once() {
    let attempts = Attempts::new();
    let tries = attempts.clone();
    let run = pipeline! {
        from_iter([1u32, 2])
            -> try_map(move |n: u32| {
                tries.record(n);
                if n == 1 { Ok(n) } else { Err(Error::Transient(n)) }
            }) [retry = Retry::attempts(2).backoff(HOUR).jitter(false)]
            -> first()
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), Some(1));
    assert_eq!(attempts.times(2), [0], "item 2 waited for its retry");
    assert_eq!(
        attempts.start.elapsed(),
        Duration::ZERO,
        "and stopped at once"
    );
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn with_workers_each_worker_retries_its_own_items() {
    let attempts = Attempts::new();
    let tries = attempts.clone();
    let run = pipeline! {
        from_iter([10u32, 11, 12])
            -> try_map(move |n: u32| {
                if tries.record(n) < 3 { Err(Error::Transient(n)) } else { Ok(n) }
            }) [workers = 3, retry = no_jitter(3)]
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    let mut out = within("the run", run).await.unwrap();
    out.sort_unstable();
    assert_eq!(out, [10, 11, 12]);
    for n in 10..=12 {
        assert_eq!(attempts.times(n), [0, 100, 300], "item {n}");
    }
    // The three items' waits overlapped: one after another would take 900 ms.
    assert_eq!(attempts.start.elapsed(), 300 * MS);
    assert_no_live_tasks(id);
}
