//! Routing: `route(f)` and `partition(p)` send each item to one of the branches a
//! `let [a, b, ..]` names, and a block that ends in a tuple of branches ending in sinks
//! resolves to the tuple of their results. The contract on it: every item reaches its one
//! branch, each error style, early stop of a branch, cancel, pause, panics and a misroute
//! named by stage, no task left.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use gopipe::{PipelineError, Run, pipeline};

use crate::common::{assert_cancel_stops, assert_no_live_tasks, within};

mod errors;

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

    // The same while the route waits for input: its source stays open and idle.
    let (tx, rx) = tokio::sync::mpsc::channel::<u32>(8);
    for n in [0, 1] {
        tx.send(n).await.unwrap();
    }
    let run = pipeline! {
        let [evens, odds] = from_channel(rx) -> route(|n: &u32| (n % 2) as usize);
        let first_even = evens -> first();
        let first_odd = odds -> first();
        (first_even, first_odd)
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), (Some(0), Some(1)));
    assert_no_live_tasks(id);
    drop(tx);
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
