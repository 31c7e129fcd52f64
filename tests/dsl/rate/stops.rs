//! The waits of `[rate = R]` give way at once to a cancel, the run's deadline and the
//! consumer leaving; a paused source takes no token until resumed; a rate that lets nothing
//! through is an invalid argument, and nothing runs.

use std::time::Duration;

use gopipe::{PipelineError, Rate, pipeline};
use tokio_util::sync::CancellationToken;

use super::{Clock, MS};
use crate::common::{assert_no_live_tasks, within};

const HOUR: Duration = Duration::from_secs(3600);

#[tokio::test(start_paused = true)]
async fn a_cancel_while_waiting_for_a_token_ends_the_run_at_once() {
    let clock = Clock::new();
    let seen = clock.clone();
    let token = CancellationToken::new();
    let run = pipeline! {
        #![cancel = token.clone()]
        from_iter(0..3u32)
            -> map(move |n: u32| { seen.record(); n }) [workers = 2, rate = Rate::per(1, HOUR)]
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    tokio::time::sleep(5 * MS).await; // both workers wait for the next hour's token now
    token.cancel();
    assert!(matches!(
        within("the run", run).await,
        Err(PipelineError::Cancelled)
    ));
    assert_eq!(clock.start.elapsed(), 5 * MS, "the hour was not waited for");
    assert_eq!(clock.times(), [0]);
    assert_no_live_tasks(id);

    // A sink waiting for its token, too.
    let run = pipeline! {
        from_iter(0..3u32) -> for_each(|_| ()) [rate = Rate::per(1, HOUR)]
    };
    let (id, start) = (run.id(), tokio::time::Instant::now());
    tokio::time::sleep(5 * MS).await;
    run.cancel();
    assert!(matches!(
        within("the run", run).await,
        Err(PipelineError::Cancelled)
    ));
    assert_eq!(start.elapsed(), 5 * MS);
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn the_runs_deadline_ends_a_wait_at_the_deadline() {
    let run = pipeline! {
        #![timeout = Duration::from_secs(2)]
        generate(|emit| async move { for n in 0..3u32 { emit.send(n).await } }) [rate = Rate::per(1, HOUR)]
            -> collect::<Vec<_>>()
    };
    let (id, start) = (run.id(), tokio::time::Instant::now());
    assert!(matches!(
        within("the run", run).await,
        Err(PipelineError::TimedOut)
    ));
    assert_eq!(start.elapsed(), Duration::from_secs(2));
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn an_early_stop_downstream_ends_a_wait_at_once() {
    let clock = Clock::new();
    let seen = clock.clone();
    let run = pipeline! {
        from_iter(0u32..)
            -> map(move |n: u32| { seen.record(); n }) [rate = Rate::per(1, HOUR)]
            -> take(1)
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), [0]);
    assert_eq!(clock.times(), [0]);
    assert_eq!(
        clock.start.elapsed(),
        Duration::ZERO,
        "the stage stopped at once"
    );
    assert_no_live_tasks(id);

    // An endless source waiting for its token stops when its consumer has what it needs.
    let run = pipeline! { from_iter(0u32..) [rate = Rate::per(1, HOUR)] -> first() };
    let (id, start) = (run.id(), tokio::time::Instant::now());
    assert_eq!(within("the run", run).await.unwrap(), Some(0));
    assert_eq!(start.elapsed(), Duration::ZERO);
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn a_paused_source_takes_no_token_until_resumed() {
    let mut handle = pipeline! { from_iter(0u32..) [rate = Rate::per_second(10)] };
    let (id, start) = (handle.id(), tokio::time::Instant::now());
    let at = |start: tokio::time::Instant| start.elapsed().as_millis() as u64;
    assert_eq!(handle.recv().await, Some(0));
    assert_eq!(handle.recv().await, Some(1));
    assert_eq!(at(start), 100);
    handle.pause();
    // Item 2's token came due at 200 ms, during the pause: it lapses with it.
    assert!(
        tokio::time::timeout(Duration::from_secs(1), handle.recv())
            .await
            .is_err(),
        "a paused source sent an item"
    );
    handle.resume();
    assert_eq!(handle.recv().await, Some(2));
    assert_eq!(at(start), 1100, "at once when resumed");
    assert_eq!(handle.recv().await, Some(3));
    assert_eq!(
        at(start),
        1200,
        "and not at once with it: a burst of 1 is one"
    );
    handle.cancel();
    assert!(matches!(
        within("join", handle.join()).await,
        Err(PipelineError::Cancelled)
    ));
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn a_rate_that_lets_nothing_through_is_an_invalid_argument_and_nothing_runs() {
    let cases = [
        (
            Rate::per_second(0),
            "stage `paced`: `rate` must be at least 1 item per period, but it is 0 per 1s, \
             burst 1; nothing ran",
        ),
        (
            Rate::per(5, Duration::ZERO),
            "stage `paced`: `rate` must be a period of more than zero, but it is 5 per 0ns, \
             burst 1; nothing ran",
        ),
        (
            Rate::per_second(5).burst(0),
            "stage `paced`: `rate` must be a burst of at least 1, but it is 5 per 1s, burst 0; \
             nothing ran",
        ),
    ];
    for (rate, message) in cases {
        let clock = Clock::new();
        let seen = clock.clone();
        let run = pipeline! {
            from_iter(0..3u32)
                -> map(move |n: u32| { seen.record(); n }) [name = "paced", rate = rate]
                -> collect::<Vec<_>>()
        };
        let id = run.id();
        let outcome = within("the run", run).await;
        assert_no_live_tasks(id);
        match outcome {
            Err(error @ PipelineError::InvalidArgument { .. }) => {
                assert_eq!(error.stage().map(|stage| stage.name()), Some("paced"));
                assert_eq!(error.to_string(), message);
            }
            other => panic!("expected an invalid `rate`, got {other:?}"),
        }
        assert!(clock.times().is_empty(), "nothing ran");
    }
    // A count of 0 computed at run time, as `[rate = n]`.
    let none: u32 = 0;
    let run = pipeline! { from_iter(0..3u32) [rate = none] -> count() };
    let id = run.id();
    let outcome = within("the run", run).await;
    assert_no_live_tasks(id);
    assert!(
        matches!(
            outcome,
            Err(PipelineError::InvalidArgument {
                argument: "rate",
                ..
            })
        ),
        "{outcome:?}"
    );
}
