//! Junctions: merge of named branches, tee to several uses, zip of two.

use std::time::Duration;

use gopipe::pipeline;

use crate::common::{assert_no_live_tasks, within};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn merge_fans_in_every_branch_exactly_once() {
    let run = pipeline! {
        let a = from_iter(0..1000u32);
        let b = from_iter(1000..2000u32) -> map(|n| n);
        let c = from_iter(2000..3000u32) -> filter(|_| true);
        merge(a, b, c) -> collect()
    };
    let id = run.id();
    let mut all: Vec<u32> = within("the run", run).await.unwrap();
    all.sort_unstable();
    assert_eq!(all, (0..3000).collect::<Vec<_>>());
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tee_gives_every_use_every_item() {
    let (sums, products): (Vec<u64>, Vec<u64>) = {
        let out: Vec<(char, u64)> = pipeline! {
            let numbers = from_iter(1..=5u64) -> tee();
            let doubled = numbers -> map(|n| ('+', n + n));
            let squared = numbers -> map(|n| ('*', n * n));
            merge(doubled, squared) -> collect()
        }
        .await
        .unwrap();
        let mut sums: Vec<u64> = out
            .iter()
            .filter(|(op, _)| *op == '+')
            .map(|(_, n)| *n)
            .collect();
        let mut products: Vec<u64> = out
            .iter()
            .filter(|(op, _)| *op == '*')
            .map(|(_, n)| *n)
            .collect();
        sums.sort_unstable();
        products.sort_unstable();
        (sums, products)
    };
    assert_eq!(sums, [2, 4, 6, 8, 10]);
    assert_eq!(products, [1, 4, 9, 16, 25]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tee_branch_that_stops_early_does_not_starve_the_others() {
    let run = pipeline! {
        let numbers = from_iter(0..10_000u32) -> tee();
        let few = numbers -> take(3);
        let all = numbers -> map(|n| n);
        merge(few, all) -> count()
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), 10_003);
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_branch_that_renames_another_reads_its_items() {
    let run = pipeline! {
        let numbers = from_iter(0..100u32);
        let renamed = numbers;
        let more = from_iter(100..200u32);
        merge(renamed, more) -> collect()
    };
    let id = run.id();
    let mut all: Vec<u32> = within("the run", run).await.unwrap();
    all.sort_unstable();
    assert_eq!(all, (0..200).collect::<Vec<_>>());
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zip_pairs_in_order_and_ends_with_the_shorter_stopping_an_endless_other() {
    let run = pipeline! {
        let names = from_iter(["a", "b", "c"]);
        let numbers = from_iter(1u64..); // endless: stopped once `names` ends
        zip(names, numbers) -> collect::<Vec<_>>()
    };
    let id = run.id();
    assert_eq!(
        within("the run", run).await.unwrap(),
        [("a", 1), ("b", 2), ("c", 3)]
    );
    assert_no_live_tasks(id);

    let run = pipeline! {
        let numbers = from_iter(0u64..) -> map(|n| n * 10);
        let few = from_iter([true, false]);
        zip(numbers, few) -> collect::<Vec<_>>()
    };
    let id = run.id();
    assert_eq!(
        within("the run", run).await.unwrap(),
        [(0, true), (10, false)]
    );
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zip_of_a_teed_branch_with_a_transform_of_it_pairs_each_item_with_its_image() {
    let run = pipeline! {
        let numbers = from_iter(0..1000u64) -> tee();
        let squares = numbers -> map(|n| n * n) [workers = 3, ordered];
        zip(numbers, squares) -> collect::<Vec<_>>()
    };
    let id = run.id();
    let pairs = within("the run", run).await.unwrap();
    assert_eq!(pairs, (0..1000u64).map(|n| (n, n * n)).collect::<Vec<_>>());
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_the_result_style_zip_passes_errors_at_once_and_pairs_the_values() {
    let run = pipeline! {
        #![errors = result]
        let left = from_iter(["1", "x", "2"]) -> try_map(|s: &str| s.parse::<u32>());
        let right = from_iter(["10", "y", "20", "30"]) -> try_map(|s: &str| s.parse::<u32>());
        zip(left, right) -> collect::<Vec<_>>()
    };
    let id = run.id();
    let mut shown: Vec<String> = within("the run", run)
        .await
        .unwrap()
        .into_iter()
        .map(|item| match item {
            Ok((a, b)) => format!("{a}+{b}"),
            Err(error) => format!("error from {}", error.stage().name()),
        })
        .collect();
    // The errors pass as they come; the values pair in order around them.
    let pairs: Vec<&String> = shown.iter().filter(|s| s.contains('+')).collect();
    assert_eq!(pairs, ["1+10", "2+20"]);
    shown.retain(|s| s.starts_with("error"));
    shown.sort();
    assert_eq!(shown, ["error from try_map#2", "error from try_map#4"]);
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_zip_stops_both_sides() {
    let run = pipeline! {
        let a = from_iter(0u64..);
        let b = from_iter(0u64..);
        zip(a, b) -> drain()
    };
    tokio::time::sleep(Duration::from_millis(10)).await;
    crate::common::assert_cancel_stops(run).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zip_ends_when_either_side_ends_even_while_the_other_is_idle() {
    // The first side stays open and idle; the second ends after two items.
    let (tx, rx) = tokio::sync::mpsc::channel::<u32>(8);
    for n in 0..2 {
        tx.send(n).await.unwrap();
    }
    let run = pipeline! {
        let idle = from_channel(rx);
        let short = from_iter([10u32, 20]);
        zip(idle, short) -> collect::<Vec<_>>()
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), [(0, 10), (1, 20)]);
    assert_no_live_tasks(id);
    drop(tx);

    // The other way round: the first side ends, the second stays open and idle. (An item
    // still waiting for its partner waits, as with `futures::StreamExt::zip`.)
    let (tx, rx) = tokio::sync::mpsc::channel::<u32>(8);
    tx.send(7).await.unwrap();
    let run = pipeline! {
        let short = from_iter([1u32]);
        let idle = from_channel(rx);
        zip(short, idle) -> collect::<Vec<_>>()
    };
    let id = run.id();
    assert_eq!(within("the run", run).await.unwrap(), [(1, 7)]);
    assert_no_live_tasks(id);
    drop(tx);
}
