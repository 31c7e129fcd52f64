//! Fan-out: each item to exactly one worker; ordered mode keeps order in a bounded window.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use gopipe::stage::Stage;
use gopipe::{PipelineError, Scope, fan_out, fan_out_ordered};

use crate::common::{assert_no_live_tasks, settle, within};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_100k_item_fan_out_and_fan_in_delivers_every_item_exactly_once() {
    const ITEMS: usize = 100_000;
    let scope: Scope<String> = Scope::new();
    let id = scope.id();
    let numbers = Stage::new("gen").spawn_source(&scope, 0..ITEMS);
    let mut results = fan_out(&scope, "work", 8, numbers, |n| async move { Ok(n) });
    let mut seen = vec![0u8; ITEMS];
    within("the run", async {
        while let Some(n) = results.recv().await {
            seen[n] += 1;
        }
    })
    .await;
    within("join", scope.join()).await.unwrap();
    let missing = seen.iter().filter(|&&count| count == 0).count();
    let doubled = seen.iter().filter(|&&count| count > 1).count();
    assert_eq!((missing, doubled), (0, 0), "every item exactly once");
    assert_no_live_tasks(id);
}

/// A cheap deterministic "random" delay per item, in microseconds.
fn jitter(n: u64) -> u64 {
    (n.wrapping_mul(2_654_435_761) >> 7) % 300
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ordered_fan_out_keeps_input_order() {
    let scope: Scope<String> = Scope::new();
    let id = scope.id();
    let numbers = Stage::new("gen").spawn_source(&scope, 0..2000u64);
    let mut results = fan_out_ordered(&scope, "slow", 4, 16, numbers, |n| async move {
        tokio::time::sleep(Duration::from_micros(jitter(n))).await;
        Ok(n * 10)
    });
    let mut seen = Vec::new();
    within("the run", async {
        while let Some(n) = results.recv().await {
            seen.push(n);
        }
    })
    .await;
    within("join", scope.join()).await.unwrap();
    assert_eq!(seen, (0..2000u64).map(|n| n * 10).collect::<Vec<_>>());
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ordered_workers_never_run_past_the_window() {
    const WINDOW: usize = 4;
    const WORKERS: usize = 3;
    let scope: Scope<String> = Scope::new();
    let numbers = Stage::new("gen").spawn_source(&scope, 0..1000u64);
    let processed = Arc::new(AtomicUsize::new(0));
    let release = Arc::new(tokio::sync::Semaphore::new(0));
    let (counter, gate) = (processed.clone(), release.clone());
    let mut results = Stage::new("work").workers(WORKERS).ordered(WINDOW).spawn(
        &scope,
        numbers,
        gopipe::stage::then(move |n: u64| {
            let (counter, gate) = (counter.clone(), gate.clone());
            async move {
                if n == 0 {
                    // The oldest item is stuck: everyone else must stop within the window.
                    let _permit = gate.acquire().await;
                }
                counter.fetch_add(1, Ordering::SeqCst);
                Ok(n)
            }
        }),
    );
    settle().await;
    let stalled_at = processed.load(Ordering::SeqCst);
    settle().await;
    assert_eq!(
        processed.load(Ordering::SeqCst),
        stalled_at,
        "workers stalled"
    );
    // Indexes 1..WINDOW fit in the window; each other worker holds one more, blocked.
    assert!(
        stalled_at < WINDOW + WORKERS,
        "{stalled_at} items processed while item 0 was stuck (window {WINDOW})"
    );
    release.add_permits(1);
    let mut seen = Vec::new();
    within("the run", async {
        while let Some(n) = results.recv().await {
            seen.push(n);
        }
    })
    .await;
    scope.join().await.unwrap();
    assert_eq!(seen, (0..1000).collect::<Vec<_>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_busy_with_a_slow_item_holds_back_no_other_item() {
    // Item 0 blocks its worker; every other item must still get through the idle workers,
    // so none may sit in the busy worker's hand.
    for _ in 0..20 {
        let scope: Scope<String> = Scope::new();
        let (tx, numbers) = scope.channel(16);
        let release = Arc::new(tokio::sync::Semaphore::new(0));
        let gate = release.clone();
        let mut results = fan_out(&scope, "work", 3, numbers, move |n: u64| {
            let gate = gate.clone();
            async move {
                if n == 0 {
                    let _permit = gate.acquire().await;
                }
                Ok(n)
            }
        });
        // All items are waiting before the workers start taking them.
        for n in 0..12 {
            tx.send(n).await.unwrap();
        }
        drop(tx);
        let mut others: Vec<u64> = Vec::new();
        within("every item but the blocked one", async {
            while others.len() < 11 {
                others.push(results.recv().await.unwrap());
            }
        })
        .await;
        others.sort_unstable();
        assert_eq!(others, (1..12).collect::<Vec<_>>());
        release.add_permits(1);
        assert_eq!(results.recv().await, Some(0));
        scope.join().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_worker_fails_the_run_naming_the_worker() {
    let scope: Scope<String> = Scope::new();
    let id = scope.id();
    let numbers = Stage::new("gen").spawn_source(&scope, 0..);
    let results = fan_out(&scope, "check", 4, numbers, |n: u64| async move {
        if n == 50 {
            Err(format!("item {n} is bad"))
        } else {
            Ok(n)
        }
    });
    // Nobody reads the output: every other worker ends up blocked on its send.
    let outcome = within("join", scope.join()).await;
    match outcome {
        Err(PipelineError::Failed { stage, error, .. }) => {
            assert_eq!(stage.name(), "check");
            assert!(stage.worker_index().is_some());
            assert_eq!(error, "item 50 is bad");
        }
        other => panic!("expected the worker's error, got {other:?}"),
    }
    assert_no_live_tasks(id);
    drop(results);
}
