//! Routing: `route(f)` and `partition(p)` send each item to one of the branches a
//! `let [a, b, ..]` names, and a block that ends in a tuple of branches ending in sinks
//! resolves to the tuple of their results. The contract on it: every item reaches its one
//! branch, each error style, early stop of a branch, cancel, pause, panics and a misroute
//! named by stage, no task left.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures::StreamExt;
use gopipe::{PipelineError, Run, StageError, pipeline};

use crate::common::{assert_cancel_stops, assert_no_live_tasks, within};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_branch_ends_in_its_own_sink_and_the_run_gives_their_results_typed() {
    let run: Run<(u32, usize), Infallible> = pipeline! {
        let [small, large] = from_iter(1..=100u32) -> route(|n: &u32| if *n < 10 { 0 } else { 1 });
        let small_total = small -> fold(0, |a, n| a + n);
        let large_count = large -> map(|n| n * 2) -> count();
        (small_total, large_count)
    };
    let id = run.id();
    let (small_total, large_count) = within("the run", run).await.unwrap();
    assert_eq!((small_total, large_count), (45, 91));
    assert_no_live_tasks(id);
}

/// Where item `n` goes among `branches`: spread by a multiplicative hash, so that every
/// branch gets items in no regular pattern.
fn spread(n: u64, branches: usize) -> usize {
    (n.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize % branches
}

/// Routes `items` by [`spread`] to the named branches, each through three ordered workers
/// into a `Vec`; the branches' items, in branch order.
macro_rules! spread_over {
    ($items:expr, capacity = $capacity:expr, [$($branch:ident => $result:ident),+]) => {{
        let branches = [$(stringify!($branch)),+].len();
        let run = pipeline! {
            #![capacity = $capacity]
            let [$($branch),+] = from_iter($items) -> route(move |n: &u64| spread(*n, branches));
            $(let $result = $branch -> map(|n| n) [workers = 3, ordered] -> collect::<Vec<u64>>();)+
            ($($result),+)
        };
        let id = run.id();
        let ($($result),+) = within("the run", run).await.unwrap();
        assert_no_live_tasks(id);
        vec![$($result),+]
    }};
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_item_reaches_exactly_its_branch_in_order_through_workers() {
    const ITEMS: u64 = 3_000;
    for capacity in [0, 1, 64] {
        let shapes = [
            spread_over!(0..ITEMS, capacity = capacity, [a => ra, b => rb]),
            spread_over!(0..ITEMS, capacity = capacity, [a => ra, b => rb, c => rc]),
            spread_over!(
                0..ITEMS,
                capacity = capacity,
                [a => ra, b => rb, c => rc, d => rd, e => re]
            ),
        ];
        for branches in shapes {
            let mut seen = 0;
            for (index, items) in branches.iter().enumerate() {
                assert!(
                    items.iter().all(|&n| spread(n, branches.len()) == index),
                    "capacity {capacity}: branch {index} of {} got another's item",
                    branches.len()
                );
                assert!(items.is_sorted(), "a branch keeps the order it was sent in");
                seen += items.len();
            }
            let expected = (0..ITEMS)
                .filter(|&n| spread(n, branches.len()) == 0)
                .count();
            assert_eq!(branches[0].len(), expected, "capacity {capacity}");
            assert_eq!(
                seen as u64, ITEMS,
                "capacity {capacity}: items lost or doubled"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sinks_of_every_kind_give_their_own_types() {
    let handled = Arc::new(AtomicUsize::new(0));
    let counter = handled.clone();
    let run = pipeline! {
        let [a, b, c, d, e, f] = from_iter(0..60u64) -> route(|n: &u64| (*n % 6) as usize);
        let total = a -> fold(0, |total, n| total + n);
        let count = b -> count();
        let words = c -> map(|n| n.to_string()) -> collect::<Vec<String>>();
        let first = d -> first();
        let last = e -> last();
        let each = f -> for_each(move |_| { counter.fetch_add(1, Ordering::Relaxed); }) [workers = 3];
        (total, count, words, first, last, each)
    };
    let id = run.id();
    let (total, count, words, first, last, each): (
        u64,
        usize,
        Vec<String>,
        Option<u64>,
        Option<u64>,
        (),
    ) = within("the run", run).await.unwrap();
    assert_eq!(total, (0..60).step_by(6).sum::<u64>());
    assert_eq!(count, 10);
    assert_eq!(words[..3], ["2", "8", "14"]);
    assert_eq!((first, last), (Some(3), Some(58)));
    assert_eq!(each, ());
    assert_eq!(handled.load(Ordering::Relaxed), 10);
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn partition_splits_by_a_predicate_and_underscore_drops_a_branch() {
    let run = pipeline! {
        let [even, odd] = from_iter(0..100u32) -> partition(|n| n % 2 == 0);
        let evens = even -> collect::<Vec<_>>();
        let odds = odd -> count();
        (evens, odds)
    };
    let id = run.id();
    let (evens, odds) = within("the run", run).await.unwrap();
    assert_eq!(evens, (0..100).step_by(2).collect::<Vec<u32>>());
    assert_eq!(odds, 50);
    assert_no_live_tasks(id);

    // The branch written `_` gets its items, and drops them; an endless source stops once
    // the branch that is read has what it needs.
    let run = pipeline! {
        let [tens, _] = from_iter(1u64..) -> partition(|n| n % 10 == 0);
        tens -> take(3) -> collect::<Vec<_>>()
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), [10, 20, 30]);
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn routed_branches_can_meet_again_and_several_sinks_can_share_a_tee() {
    let run = pipeline! {
        let [cheap, costly] = from_iter(0..1_000u64) -> route(|n: &u64| usize::from(*n >= 500));
        let done_cheaply = cheap -> map(|n| n);
        let done_slowly = costly -> then(|n| async move { tokio::task::yield_now().await; n }) [workers = 4];
        merge(done_cheaply, done_slowly) -> fold(0, |total, n| total + n)
    };
    let id = run.id();
    assert_eq!(
        within("the run", run).await.unwrap(),
        (0..1_000).sum::<u64>()
    );
    assert_no_live_tasks(id);

    let run = pipeline! {
        let numbers = from_iter(1..=10u64) -> tee();
        let total = numbers -> fold(0, |total, n| total + n);
        let count = numbers -> count();
        (total, count)
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), (55, 10));
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_branch_that_stops_early_takes_no_more_and_the_others_go_on() {
    // `first()` has its item: the evens routed after it are dropped; the odds are all
    // counted.
    let run = pipeline! {
        let [evens, odds] = from_iter(0..10_000u32) -> route(|n: &u32| (n % 2) as usize);
        let first_even = evens -> first();
        let odd_count = odds -> count();
        (first_even, odd_count)
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), (Some(0), 5_000));
    assert_no_live_tasks(id);

    // Once every branch has stopped, the route stops too, and with it an endless source.
    let run = pipeline! {
        let [evens, odds] = from_iter(0u64..) -> route(|n: &u64| (n % 2) as usize);
        let two_evens = evens -> take(2) -> collect::<Vec<_>>();
        let first_odd = odds -> map(|n| n * 10) -> first();
        (two_evens, first_odd)
    };
    let id = run.id();
    assert_eq!(
        within("the run", run).await.unwrap(),
        (vec![0, 2], Some(10))
    );
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_route_stops_every_branch() {
    let run = pipeline! {
        let [a, b, c] = from_iter(0u64..) -> route(|n: &u64| (n % 3) as usize);
        let x = a -> drain();
        let y = b -> map(|n| n + 1) [workers = 2] -> drain();
        let z = c -> for_each(|_| ()) [workers = 2];
        (x, y, z)
    };
    tokio::time::sleep(Duration::from_millis(10)).await;
    assert_cancel_stops(run).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pausing_a_routed_run_stops_its_items_until_it_resumes() {
    let taken = Arc::new(AtomicUsize::new(0));
    let counted = taken.clone();
    let run = pipeline! {
        let [a, b] = from_iter(0u64..)
            -> inspect(move |_| { counted.fetch_add(1, Ordering::Relaxed); })
            -> route(|n: &u64| (n % 2) as usize);
        let x = a -> drain();
        let y = b -> drain();
        (x, y)
    };
    let id = run.id();
    let moved = |at_least: usize| {
        let taken = taken.clone();
        within("items to move", async move {
            while taken.load(Ordering::Relaxed) < at_least {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        })
    };
    moved(1).await;
    run.pause();
    // What is in the channels drains; then nothing new comes.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let paused_at = taken.load(Ordering::Relaxed);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(
        taken.load(Ordering::Relaxed),
        paused_at,
        "the paused run kept going"
    );
    run.resume();
    moved(paused_at + 1).await;
    run.cancel();
    assert!(matches!(
        within("the run", run).await,
        Err(PipelineError::Cancelled)
    ));
    assert_no_live_tasks(id);
}

/// `n` fails the check when it is 70.
fn check(n: u32) -> Result<u32, String> {
    if n == 70 {
        Err(format!("bad {n}"))
    } else {
        Ok(n)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_the_fail_fast_style_a_branch_error_fails_the_run_naming_its_stage() {
    let run = pipeline! {
        let [low, high] = from_iter(0..100u32) -> route(|n: &u32| usize::from(*n >= 50));
        let low_total = low -> fold(0, |total, n| total + n);
        let high_count = high -> try_map(check) [name = "check"] -> count();
        (low_total, high_count)
    };
    let id = run.id();
    match within("the run", run).await {
        Err(PipelineError::Failed { stage, error, .. }) => {
            assert_eq!((stage.name(), error.as_str()), ("check", "bad 70"));
        }
        other => panic!("expected `check` to fail, got {other:?}"),
    }
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_the_channel_style_a_branch_error_is_reported_and_the_branches_go_on() {
    let (run, errors) = pipeline! {
        #![errors = channel]
        let [low, high] = from_iter(0..100u32) -> route(|n: &u32| usize::from(*n >= 50));
        let low_total = low -> fold(0, |total, n| total + n);
        let high_count = high -> try_map(check) [name = "check"] -> count();
        (low_total, high_count)
    }
    .split_errors();
    let id = run.id();
    let (outcome, errors) = within("the run", async {
        tokio::join!(run, errors.collect::<Vec<StageError<String>>>())
    })
    .await;
    assert_eq!(outcome.unwrap(), ((0..50).sum::<u32>(), 49));
    let errors: Vec<(&str, &str)> = errors
        .iter()
        .map(|error| (error.stage().name(), error.error().as_str()))
        .collect();
    assert_eq!(errors, [("check", "bad 70")]);
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_the_result_style_errors_travel_as_items_and_an_upstream_error_takes_the_last_branch() {
    let run = pipeline! {
        #![errors = result]
        let [small, large] = from_iter(["1", "x", "20", "3"])
            -> try_map(|s: &str| s.parse::<u32>().map_err(|_| format!("not a number: {s}"))) [name = "parse"]
            -> route(|n: &u32| usize::from(*n >= 10));
        let smalls = small -> try_map(check) -> collect::<Vec<_>>();
        let larges = large -> collect::<Vec<_>>();
        (smalls, larges)
    };
    let id = run.id();
    let (small, large) = within("the run", run).await.unwrap();
    let shown = |items: Vec<Result<u32, StageError<String>>>| -> Vec<String> {
        items
            .into_iter()
            .map(|item| match item {
                Ok(n) => n.to_string(),
                Err(error) => format!("{}: {}", error.stage().name(), error.error()),
            })
            .collect()
    };
    assert_eq!(shown(small), ["1", "3"]);
    assert_eq!(shown(large), ["parse: not a number: x", "20"]);
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_names_its_stage_in_a_branch_or_in_the_route() {
    let run = pipeline! {
        let [low, high] = from_iter(0..100u32) -> route(|n: &u32| usize::from(*n >= 50));
        let low_count = low -> count();
        let high_count = high -> map(|n| { assert!(n != 70, "no 70"); n }) [name = "check"] -> count();
        (low_count, high_count)
    };
    let id = run.id();
    assert_panicked(within("the run", run).await, "check", "no 70");
    assert_no_live_tasks(id);

    let run = pipeline! {
        let [low, high] = from_iter(0..100u32)
            -> route(|n: &u32| { assert!(*n < 70, "no 70"); usize::from(*n >= 50) }) [name = "pick"];
        let low_count = low -> count();
        let high_count = high -> count();
        (low_count, high_count)
    };
    let id = run.id();
    assert_panicked(within("the run", run).await, "pick", "no 70");
    assert_no_live_tasks(id);
}

#[track_caller]
fn assert_panicked<R: std::fmt::Debug, E: std::fmt::Debug>(
    outcome: Result<R, PipelineError<E>>,
    stage: &str,
    message: &str,
) {
    crate::common::assert_panicked(outcome.map(|_| ()), stage, message);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_index_out_of_range_fails_the_run_in_every_style_naming_the_route() {
    let assert_misrouted = |outcome: Result<(usize, usize), PipelineError<String>>| match outcome {
        Err(PipelineError::RouteOutOfRange {
            stage,
            index,
            branches,
        }) => assert_eq!((stage.name(), index, branches), ("pick", 2, 2)),
        other => panic!("expected a misroute, got {other:?}"),
    };
    let run = pipeline! {
        let [a, b] = from_iter(0..10u32) -> try_map(check) -> route(|n: &u32| *n as usize) [name = "pick"];
        let x = a -> count();
        let y = b -> count();
        (x, y)
    };
    let id = run.id();
    assert_misrouted(within("the run", run).await);
    assert_no_live_tasks(id);

    let (run, errors) = pipeline! {
        #![errors = channel]
        let [a, b] = from_iter(0..10u32) -> try_map(check) -> route(|n: &u32| *n as usize) [name = "pick"];
        let x = a -> count();
        let y = b -> count();
        (x, y)
    }
    .split_errors();
    let id = run.id();
    let (outcome, errors) = within("the run", async {
        tokio::join!(run, errors.collect::<Vec<_>>())
    })
    .await;
    assert_misrouted(outcome);
    assert!(errors.is_empty(), "a misroute is not an item's error");
    assert_no_live_tasks(id);

    let run = pipeline! {
        #![errors = result]
        let [a, b] = from_iter(0..10u32) -> try_map(check) -> route(|n: &u32| *n as usize) [name = "pick"];
        let x = a -> count();
        let y = b -> count();
        (x, y)
    };
    let id = run.id();
    assert_misrouted(within("the run", run).await);
    assert_no_live_tasks(id);
}
