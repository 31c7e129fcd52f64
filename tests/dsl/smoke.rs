use gopipe::pipeline;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flagship() {
    let total: u64 = pipeline! {
        from_iter(1..=1_000u64)
            -> map(|n| n * n) [workers = 4]
            -> fold(0, |acc, n| acc + n)
    }
    .await
    .unwrap();
    assert_eq!(total, (1..=1_000u64).map(|n| n * n).sum());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn branches_merge_and_stream() {
    use futures::StreamExt;
    let mut out: Vec<u32> = pipeline! {
        let odd = from_iter([1u32, 3, 5]);
        let even = from_iter([2u32, 4]) -> map(|n| n * 10);
        merge(odd, even) -> filter(|n| *n != 3)
    }
    .collect()
    .await;
    out.sort();
    assert_eq!(out, [1, 5, 20, 40]);
}
