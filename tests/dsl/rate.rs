//! `[rate = R]`: one token bucket per stage, shared by its workers, taken by each item before
//! its code runs: on transforms, sources (a generator's emitter too) and sinks. `stops` has
//! the waits giving way to a cancel, a deadline, the consumer leaving and a pause, and the
//! invalid rates; `every_kind` runs the option on every stage that takes it. Timed on tokio's
//! paused clock, so the times are exact.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use gopipe::{Rate, pipeline};
use tokio::time::Instant;

use crate::common::{assert_no_live_tasks, within};

mod every_kind;
mod stops;

pub(super) const MS: Duration = Duration::from_millis(1);

/// When each item was handled, in ms after the clock started (in the order they were).
#[derive(Clone)]
pub(super) struct Clock {
    pub(super) start: Instant,
    seen: Arc<Mutex<Vec<u64>>>,
}

impl Clock {
    pub(super) fn new() -> Self {
        Self {
            start: Instant::now(),
            seen: Arc::default(),
        }
    }

    pub(super) fn record(&self) {
        let at = self.start.elapsed().as_millis() as u64;
        self.seen.lock().unwrap().push(at);
    }

    pub(super) fn times(&self) -> Vec<u64> {
        self.seen.lock().unwrap().clone()
    }
}

#[tokio::test(start_paused = true)]
async fn per_second_spaces_the_items_evenly() {
    let clock = Clock::new();
    let seen = clock.clone();
    let run = pipeline! {
        from_iter(0..5u32)
            -> map(move |n: u32| { seen.record(); n }) [rate = Rate::per_second(10)]
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), [0, 1, 2, 3, 4]);
    assert_eq!(clock.times(), [0, 100, 200, 300, 400]);
    assert_eq!(
        clock.start.elapsed(),
        400 * MS,
        "no wait after the last item"
    );
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn a_burst_goes_at_once_then_one_item_per_interval() {
    let clock = Clock::new();
    let seen = clock.clone();
    let run = pipeline! {
        from_iter(0..6u32)
            -> map(move |n: u32| { seen.record(); n }) [rate = Rate::per_second(10).burst(3)]
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap().len(), 6);
    assert_eq!(clock.times(), [0, 0, 0, 100, 200, 300]);
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn a_period_of_its_own_and_a_bare_number_of_items_per_second() {
    let clock = Clock::new();
    let seen = clock.clone();
    let run = pipeline! {
        from_iter(0..3u32)
            -> map(move |n: u32| { seen.record(); n }) [rate = Rate::per(1, Duration::from_millis(250))]
            -> count()
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), 3);
    assert_eq!(clock.times(), [0, 250, 500]);
    assert_no_live_tasks(id);

    let clock = Clock::new();
    let seen = clock.clone();
    let run = pipeline! {
        from_iter(0..3u32) -> map(move |n: u32| { seen.record(); n }) [rate = 4] -> count()
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), 3);
    assert_eq!(clock.times(), [0, 250, 500], "`rate = 4`: 4 a second");
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn workers_share_one_bucket_so_the_rate_is_the_stages() {
    let clock = Clock::new();
    let seen = clock.clone();
    let run = pipeline! {
        from_iter(0..8u32)
            -> map(move |n: u32| { seen.record(); n }) [workers = 4, rate = Rate::per_second(10)]
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    let mut out = within("the run", run).await.unwrap();
    out.sort_unstable();
    assert_eq!(out, (0..8).collect::<Vec<_>>());
    // A bucket per worker would have let 4 through at 0 ms, and ended at 100 ms.
    assert_eq!(clock.times(), [0, 100, 200, 300, 400, 500, 600, 700]);
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn ordered_workers_keep_input_order_under_a_rate() {
    let clock = Clock::new();
    let seen = clock.clone();
    let run = pipeline! {
        from_iter(0..6u32)
            -> map(move |n: u32| { seen.record(); n * 10 })
                [workers = 3, ordered, rate = Rate::per_second(10).burst(2)]
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    assert_eq!(
        within("the run", run).await.unwrap(),
        [0, 10, 20, 30, 40, 50]
    );
    assert_eq!(clock.times(), [0, 0, 100, 200, 300, 400]);
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn async_code_waits_for_its_token_before_it_starts() {
    let clock = Clock::new();
    let seen = clock.clone();
    let run = pipeline! {
        from_iter(0..3u32)
            -> then(move |n: u32| {
                seen.record();
                async move { tokio::time::sleep(Duration::from_millis(30)).await; n }
            }) [rate = Rate::per_second(20)]
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), [0, 1, 2]);
    // Started every 50 ms; each took 30 ms of it.
    assert_eq!(clock.times(), [0, 50, 100]);
    assert_eq!(clock.start.elapsed(), 130 * MS);
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn a_source_takes_a_token_before_each_send() {
    let clock = Clock::new();
    let seen = clock.clone();
    let run = pipeline! {
        from_iter(0..4u32) [rate = Rate::per_second(10)]
            -> inspect(move |_| seen.record())
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), [0, 1, 2, 3]);
    assert_eq!(
        clock.times(),
        [0, 100, 200, 300],
        "each sent item arrived at once"
    );
    assert_no_live_tasks(id);

    let clock = Clock::new();
    let seen = clock.clone();
    let (tx, rx) = tokio::sync::mpsc::channel(8);
    for n in 0..3u32 {
        tx.send(n).await.unwrap();
    }
    drop(tx);
    let run = pipeline! {
        from_channel(rx) [rate = 10] -> inspect(move |_| seen.record()) -> count()
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), 3);
    assert_eq!(clock.times(), [0, 100, 200]);
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn a_generators_emitter_takes_a_token_before_each_send_from_any_of_its_clones() {
    let clock = Clock::new();
    let seen = clock.clone();
    let run = pipeline! {
        generate(|emit| async move {
            let other = emit.clone();
            for n in 0..3u32 {
                emit.send(n).await;
                other.send(n + 10).await;
            }
        }) [rate = Rate::per(1, Duration::from_millis(250)).burst(2)]
            -> inspect(move |_| seen.record())
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), [0, 10, 1, 11, 2, 12]);
    assert_eq!(clock.times(), [0, 0, 250, 500, 750, 1000]);
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn a_sink_takes_a_token_before_calling_its_closure() {
    let clock = Clock::new();
    let seen = clock.clone();
    let run = pipeline! {
        from_iter(0..3u32) -> for_each(move |_| seen.record()) [rate = 10]
    };
    let id = run.id();
    within("the run", run).await.unwrap();
    assert_eq!(clock.times(), [0, 100, 200]);
    assert_no_live_tasks(id);

    // Sink workers share the bucket too.
    let clock = Clock::new();
    let seen = clock.clone();
    let run = pipeline! {
        from_iter(0..4u32)
            -> for_each(move |_| seen.record()) [workers = 3, rate = Rate::per_second(10)]
    };
    let id = run.id();
    within("the run", run).await.unwrap();
    assert_eq!(clock.times(), [0, 100, 200, 300]);
    assert_no_live_tasks(id);
}

#[tokio::test(start_paused = true)]
async fn chunks_timeout_takes_a_token_per_item_as_it_arrives() {
    let clock = Clock::new();
    let seen = clock.clone();
    let run = pipeline! {
        from_iter(0..5u32)
            -> chunks_timeout(2, Duration::from_secs(1)) [rate = Rate::per_second(10)]
            -> inspect(move |_| seen.record())
            -> collect::<Vec<_>>()
    };
    let id = run.id();
    assert_eq!(
        within("the run", run).await.unwrap(),
        [vec![0, 1], vec![2, 3], vec![4]]
    );
    // Full when the second item got its token; the last at the end of the input.
    assert_eq!(clock.times(), [100, 300, 400]);
    assert_no_live_tasks(id);
}
