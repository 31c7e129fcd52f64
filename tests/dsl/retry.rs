//! `[retry = R]` on `try_map` and `try_then`: attempts, the backoff between them, which
//! errors are retried, and how the last error is reported in each error style; `waits` has
//! the per-attempt timeout, the waits giving way to cancellation, and workers. Timed on
//! tokio's paused clock, so the times are exact.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt;
use gopipe::{Elapsed, PipelineError, Retry, StageError, pipeline};
use tokio::time::Instant;

use crate::common::{assert_no_live_tasks, within};

mod waits;

pub(super) const MS: Duration = Duration::from_millis(1);

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Error {
    Transient(u32),
    Permanent(u32),
    TimedOut,
}

impl From<Elapsed> for Error {
    fn from(_: Elapsed) -> Self {
        Error::TimedOut
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Transient(n) => write!(f, "transient error at {n}"),
            Error::Permanent(n) => write!(f, "permanent error at {n}"),
            Error::TimedOut => f.write_str("timed out"),
        }
    }
}

pub(super) fn transient(error: &Error) -> bool {
    matches!(error, Error::Transient(_) | Error::TimedOut)
}

/// Every attempt at every item: the item and when (ms after `start`).
#[derive(Clone)]
pub(super) struct Attempts {
    pub(super) start: Instant,
    seen: Arc<Mutex<Vec<(u32, u64)>>>,
}

impl Attempts {
    pub(super) fn new() -> Self {
        Self {
            start: Instant::now(),
            seen: Arc::default(),
        }
    }

    /// Records an attempt at `item`; returns which attempt at it this is (1 for the first).
    pub(super) fn record(&self, item: u32) -> usize {
        let at = self.start.elapsed().as_millis() as u64;
        let mut seen = self.seen.lock().unwrap();
        seen.push((item, at));
        seen.iter().filter(|(seen, _)| *seen == item).count()
    }

    /// When each attempt at `item` began, in ms.
    pub(super) fn times(&self, item: u32) -> Vec<u64> {
        let seen = self.seen.lock().unwrap();
        seen.iter()
            .filter(|(seen, _)| *seen == item)
            .map(|(_, at)| *at)
            .collect()
    }

    pub(super) fn count(&self) -> usize {
        self.seen.lock().unwrap().len()
    }
}

/// Item `n` fails (transiently) at its first `n` attempts, then gives `n * 10`.
fn flaky(attempts: &Attempts) -> impl FnMut(u32) -> Result<u32, Error> + Clone + use<> {
    let attempts = attempts.clone();
    move |n| {
        if attempts.record(n) <= n as usize {
            Err(Error::Transient(n))
        } else {
            Ok(n * 10)
        }
    }
}

pub(super) fn no_jitter(attempts: usize) -> Retry<Error> {
    Retry::attempts(attempts).backoff(100 * MS).jitter(false)
}

#[tokio::test(start_paused = true)]
async fn the_waits_double_from_the_backoff_up_to_the_cap_and_the_error_counts_the_attempts() {
    let attempts = Attempts::new();
    let tries = attempts.clone();
    let run = pipeline! {
        from_iter([7u32])
            -> try_map(move |n: u32| { tries.record(n); Err::<u32, _>(Error::Transient(n)) })
                [name = "fetch", retry = no_jitter(6).max_delay(500 * MS)]
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    let outcome = within("the run", run).await;
    // Waits of 100, 200, 400, then 500 (the cap), 500 ms.
    assert_eq!(attempts.times(7), [0, 100, 300, 700, 1200, 1700]);
    assert_eq!(
        attempts.start.elapsed(),
        1700 * MS,
        "no wait after the last"
    );
    let error = outcome.unwrap_err();
    assert!(matches!(error, PipelineError::Failed { .. }), "{error:?}");
    assert_eq!(error.attempts(), Some(6));
    assert_eq!(error.error(), Some(&Error::Transient(7)));
    assert_eq!(
        error.to_string(),
        "stage `fetch` failed after 6 attempts: transient error at 7"
    );
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn an_item_that_succeeds_at_a_later_attempt_passes_its_value_on() {
    let attempts = Attempts::new();
    let run = pipeline! {
        from_iter([0u32, 1, 2])
            -> try_map(flaky(&attempts)) [retry = no_jitter(3)]
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), [0, 10, 20]);
    assert_eq!(attempts.times(0), [0], "no retry of a success");
    assert_eq!(attempts.times(1), [0, 100]);
    assert_eq!(attempts.times(2), [100, 200, 400]);
    assert_no_live_tasks(id);
}

/// An item that counts its clones.
#[derive(Debug)]
struct Counted(u32, Arc<AtomicUsize>);

impl Clone for Counted {
    fn clone(&self) -> Self {
        self.1.fetch_add(1, Ordering::Relaxed);
        Counted(self.0, self.1.clone())
    }
}

#[tokio::test(start_paused = true)]
async fn every_attempt_gets_the_same_item_and_the_last_one_takes_it_without_a_clone() {
    let clones = Arc::new(AtomicUsize::new(0));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let out: Vec<u32> = pipeline! {
        from_iter([Counted(5, clones.clone())])
            -> try_then(move |item: Counted| {
                log.lock().unwrap().push(item.0);
                let attempt = log.lock().unwrap().len();
                async move { if attempt < 3 { Err(Error::Transient(item.0)) } else { Ok(item.0) } }
            }) [retry = no_jitter(3)]
            -> collect()
    }
    .await
    .unwrap();
    assert_eq!(out, [5]);
    assert_eq!(*seen.lock().unwrap(), [5, 5, 5]);
    assert_eq!(
        clones.load(Ordering::Relaxed),
        2,
        "one clone per attempt but the last"
    );
}

#[tokio::test(start_paused = true)]
async fn an_error_that_when_does_not_call_transient_fails_at_the_first_attempt() {
    let attempts = Attempts::new();
    let tries = attempts.clone();
    let run = pipeline! {
        from_iter([1u32])
            -> try_map(move |n: u32| { tries.record(n); Err::<u32, _>(Error::Permanent(n)) })
                [name = "fetch", retry = no_jitter(5).when(transient)]
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    let error = within("the run", run).await.unwrap_err();
    assert_eq!(attempts.count(), 1);
    assert_eq!(attempts.start.elapsed(), Duration::ZERO, "no wait");
    assert_eq!(error.attempts(), Some(1));
    // One attempt: the text of an error without retry.
    assert_eq!(
        error.to_string(),
        "stage `fetch` failed: permanent error at 1"
    );
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn a_count_retries_with_the_default_backoff_and_jitter() {
    let attempts = Attempts::new();
    let tries = attempts.clone();
    let run = pipeline! {
        from_iter([3u32])
            -> try_map(move |n: u32| { tries.record(n); Err::<u32, _>(Error::Transient(n)) })
                [retry = 3]
            -> count()
    };
    let id = run.id();
    let error = within("the run", run).await.unwrap_err();
    assert_eq!(error.attempts(), Some(3));
    assert!(
        error.to_string().contains("failed after 3 attempts"),
        "{error}"
    );
    // Waits drawn below 100 ms and 200 ms: not the backoff itself (that is without jitter).
    let times = attempts.times(3);
    assert!(times[1] <= 100 && times[2] - times[1] <= 200, "{times:?}");
    assert!(attempts.start.elapsed() < 300 * MS, "{times:?}");
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn in_the_error_channel_style_the_last_error_is_reported_and_the_run_goes_on() {
    let attempts = Attempts::new();
    let tries = attempts.clone();
    let (run, errors) = pipeline! {
        #![errors = channel]
        from_iter([1u32, 2, 3])
            -> try_map(move |n: u32| {
                tries.record(n);
                if n == 2 { Err(Error::Transient(n)) } else { Ok(n) }
            }) [name = "fetch", retry = no_jitter(3)]
            -> collect::<Vec<_>>()
    }
    .split_errors();
    let id = run.id();
    let (out, errors) = within("the run", async {
        tokio::join!(run, errors.collect::<Vec<StageError<Error>>>())
    })
    .await;
    assert_eq!(out.unwrap(), [1, 3]);
    assert_eq!(attempts.times(2), [0, 100, 300]);
    let [error] = &errors[..] else {
        panic!("one error: {errors:?}")
    };
    assert_eq!(error.attempts(), 3);
    assert_eq!(
        error.to_string(),
        "stage `fetch` failed after 3 attempts: transient error at 2"
    );
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn in_the_result_style_the_last_error_is_an_item_that_counts_the_attempts() {
    let run = pipeline! {
        #![errors = result]
        from_iter([1u32, 2, 3])
            -> try_then(|n: u32| async move {
                if n == 2 { Err(Error::Transient(n)) } else { Ok(n) }
            }) [name = "fetch", retry = no_jitter(4)]
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    let out = within("the run", run).await.unwrap();
    let shown: Vec<String> = out
        .iter()
        .map(|item| match item {
            Ok(n) => n.to_string(),
            Err(error) => error.to_string(),
        })
        .collect();
    assert_eq!(
        shown,
        [
            "1",
            "stage `fetch` failed after 4 attempts: transient error at 2",
            "3"
        ]
    );
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn zero_attempts_is_an_invalid_argument_and_nothing_runs() {
    let attempts = Attempts::new();
    let tries = attempts.clone();
    let none = 0;
    let outcome = pipeline! {
        from_iter([1u32])
            -> try_map(move |n: u32| { tries.record(n); Ok::<u32, Error>(n) })
                [name = "fetch", retry = none]
            -> collect::<Vec<_>>()
    }
    .await;
    match outcome {
        Err(error @ PipelineError::InvalidArgument { .. }) => {
            assert_eq!(error.stage().map(|stage| stage.name()), Some("fetch"));
            assert_eq!(
                error.to_string(),
                "stage `fetch`: `retry` must be at least 1 attempt, but it is 0 attempts; \
                 nothing ran"
            );
        }
        other => panic!("expected an invalid `retry`, got {other:?}"),
    }
    assert_eq!(attempts.count(), 0, "nothing ran");
}
