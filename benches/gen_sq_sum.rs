//! gen -> sq -> sum of 1M u64, the Go blog's pipeline, four ways in one run:
//!
//! - `pipeline_macro`: the `pipeline!` block, as users write it;
//! - `pipeline_runtime`: the same by hand, with the runtime's `Stage` runner;
//! - `tokio_select_per_item`: how a Go programmer translates it to tokio: mpsc channels and a
//!   `select!` on `CancellationToken::cancelled()` around every send and receive;
//! - `tokio_mpsc_plain`: the same without cancellation (leaks on early stop: reference only);
//! - `sequential_iterator`: the floor.
//!
//! Run: `cargo bench --bench gen_sq_sum`. Every variant uses the same 2-worker runtime and the
//! same channel capacity.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pipeline::stage::{Stage, then};
use pipeline::{Scope, pipeline};
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

const ITEMS: u64 = 1_000_000;
const CAPACITY: usize = 128;

async fn pipeline_macro() -> u64 {
    pipeline! {
        #![capacity = CAPACITY]
        from_iter(1..=ITEMS) -> map(|n| n * n) -> fold(0u64, u64::wrapping_add)
    }
    .await
    .unwrap()
}

async fn pipeline_runtime() -> u64 {
    let scope: Scope<std::convert::Infallible> = Scope::new();
    let numbers = Stage::new("gen")
        .capacity(CAPACITY)
        .spawn_source(&scope, 1..=ITEMS);
    let mut squares = Stage::new("sq").capacity(CAPACITY).spawn(
        &scope,
        numbers,
        then(|n: u64| async move { Ok(n * n) }),
    );
    let mut total = 0u64;
    while let Some(n) = squares.recv().await {
        total = total.wrapping_add(n);
    }
    scope.join().await.unwrap();
    total
}

async fn tokio_select_per_item() -> u64 {
    let done = CancellationToken::new();
    let mut tasks = JoinSet::new();
    let (gen_tx, mut gen_rx) = mpsc::channel::<u64>(CAPACITY);
    let (sq_tx, mut sq_rx) = mpsc::channel::<u64>(CAPACITY);
    let gen_done = done.clone();
    tasks.spawn(async move {
        for n in 1..=ITEMS {
            tokio::select! {
                sent = gen_tx.send(n) => if sent.is_err() { return },
                () = gen_done.cancelled() => return,
            }
        }
    });
    let sq_done = done.clone();
    tasks.spawn(async move {
        loop {
            let n = tokio::select! {
                n = gen_rx.recv() => match n { Some(n) => n, None => return },
                () = sq_done.cancelled() => return,
            };
            tokio::select! {
                sent = sq_tx.send(n * n) => if sent.is_err() { return },
                () = sq_done.cancelled() => return,
            }
        }
    });
    let mut total = 0u64;
    loop {
        tokio::select! {
            n = sq_rx.recv() => match n {
                Some(n) => total = total.wrapping_add(n),
                None => break,
            },
            () = done.cancelled() => break,
        }
    }
    while tasks.join_next().await.is_some() {}
    total
}

async fn tokio_mpsc_plain() -> u64 {
    let mut tasks = JoinSet::new();
    let (gen_tx, mut gen_rx) = mpsc::channel::<u64>(CAPACITY);
    let (sq_tx, mut sq_rx) = mpsc::channel::<u64>(CAPACITY);
    tasks.spawn(async move {
        for n in 1..=ITEMS {
            if gen_tx.send(n).await.is_err() {
                return;
            }
        }
    });
    tasks.spawn(async move {
        while let Some(n) = gen_rx.recv().await {
            if sq_tx.send(n * n).await.is_err() {
                return;
            }
        }
    });
    let mut total = 0u64;
    while let Some(n) = sq_rx.recv().await {
        total = total.wrapping_add(n);
    }
    while tasks.join_next().await.is_some() {}
    total
}

fn sequential_iterator() -> u64 {
    (1..=ITEMS)
        .map(|n| black_box(n) * n)
        .fold(0u64, u64::wrapping_add)
}

fn gen_sq_sum(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let expected = sequential_iterator();
    for (name, total) in [
        ("pipeline_macro", runtime.block_on(pipeline_macro())),
        ("pipeline_runtime", runtime.block_on(pipeline_runtime())),
        (
            "tokio_select_per_item",
            runtime.block_on(tokio_select_per_item()),
        ),
        ("tokio_mpsc_plain", runtime.block_on(tokio_mpsc_plain())),
    ] {
        assert_eq!(total, expected, "{name} computed the wrong sum");
    }

    let mut group = c.benchmark_group("gen_sq_sum_1M");
    group.throughput(Throughput::Elements(ITEMS));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("pipeline_macro", |b| {
        b.to_async(&runtime).iter(pipeline_macro);
    });
    group.bench_function("pipeline_runtime", |b| {
        b.to_async(&runtime).iter(pipeline_runtime);
    });
    group.bench_function("tokio_select_per_item", |b| {
        b.to_async(&runtime).iter(tokio_select_per_item);
    });
    group.bench_function("tokio_mpsc_plain", |b| {
        b.to_async(&runtime).iter(tokio_mpsc_plain);
    });
    group.bench_function("sequential_iterator", |b| b.iter(sequential_iterator));
    group.finish();
}

criterion_group!(benches, gen_sq_sum);
criterion_main!(benches);
