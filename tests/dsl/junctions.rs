//! Junctions: merge of named branches, tee to several uses.

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
