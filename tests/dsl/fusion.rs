//! Fusion is invisible to the contract: each test runs the same block fused (the default)
//! and with `#![fusion = false]` (every stage a task of its own), and asserts the same
//! results, the same stage names in errors and panics, and that cancel and pause are seen
//! at the very next item. What fusion does show is in the live-task listing.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use gopipe::diagnostics::live_tasks_of;
use gopipe::{PipelineError, RunControl, pipeline};
use tokio_util::sync::CancellationToken;

use crate::common::{assert_no_live_tasks, within};

const MODES: [bool; 2] = [true, false];

/// Every fusable kind in one chain, against the same chain on a std iterator.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chain_of_every_fusable_kind_gives_what_the_iterator_gives() {
    let input: Vec<u64> = (0..5000).map(|n| (n * 7919) % 1000).collect();
    let expected: Vec<u64> = input
        .iter()
        .copied()
        .skip(3)
        .map(|n| n + 1)
        .filter(|n| n % 3 != 0)
        .filter_map(|n| (n % 5 != 0).then_some(n * 2))
        .flat_map(|n| [n, n + 1])
        .inspect(|_| {})
        .scan(0u64, |total, n| {
            *total += n;
            Some(*total % 10_007)
        })
        .take_while(|&n| n != 10_006)
        .take(4000)
        .collect();
    for fusion in MODES {
        let items = input.clone();
        let run = pipeline! {
            #![fusion = fusion]
            from_iter(items)
                -> skip(3)
                -> map(|n| n + 1)
                -> filter(|n| n % 3 != 0)
                -> filter_map(|n| (n % 5 != 0).then_some(n * 2))
                -> flat_map(|n| [n, n + 1])
                -> inspect(|_| {})
                -> scan(0u64, |total, n| { *total += n; Some(*total % 10_007) })
                -> take_while(|&n| n != 10_006)
                -> take(4000)
                -> collect::<Vec<u64>>()
        };
        let id = run.id();
        let got = within("the run", run).await.unwrap();
        assert_eq!(got, expected, "fusion = {fusion}");
        assert_no_live_tasks(id);
    }
}

/// The same chain as a stream (the group gets a task of its own) and through a fan-out
/// and a boundary in the middle (three groups).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn groups_split_by_workers_and_boundaries_give_the_same_stream() {
    let expected: Vec<u64> = (0..3000u64)
        .map(|n| n * 3)
        .filter(|n| n % 2 == 0)
        .flat_map(|n| [n, n + 1])
        .map(|n| n + 7)
        .collect();
    for fusion in MODES {
        let mut handle = pipeline! {
            #![fusion = fusion]
            from_iter(0..3000u64)
                -> map(|n| n * 3)
                -> filter(|n| n % 2 == 0)
                -> then(|n| async move { n }) [workers = 3, ordered]
                -> flat_map(|n| [n, n + 1])
                -> map(|n| n + 7) [boundary]
        };
        let id = handle.id();
        let mut got = Vec::new();
        while let Some(n) = within("the next item", handle.recv()).await {
            got.push(n);
        }
        within("join", handle.join()).await.unwrap();
        assert_eq!(got, expected, "fusion = {fusion}");
        assert_no_live_tasks(id);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_in_a_fused_stage_names_that_stage() {
    for fusion in MODES {
        let run = pipeline! {
            #![fusion = fusion]
            from_iter(0..100u64) [name = "numbers"]
                -> map(|n| n + 1) [name = "first"]
                -> try_map(|n| if n == 40 { Err(format!("bad {n}")) } else { Ok(n) }) [name = "check"]
                -> map(|n| n * 2) [name = "last"]
                -> drain() [name = "sink"]
        };
        let id = run.id();
        match within("the run", run).await {
            Err(PipelineError::Failed { stage, error, .. }) => {
                assert_eq!((stage.name(), error.as_str()), ("check", "bad 40"));
            }
            other => panic!("fusion = {fusion}: expected the check's error, got {other:?}"),
        }
        assert_no_live_tasks(id);

        // The error stream and result styles carry the same name.
        let (run, mut errors) = pipeline! {
            #![fusion = fusion, errors = channel]
            from_iter(0..100u64)
                -> try_map(|n| if n % 30 == 0 { Err(n) } else { Ok(n) }) [name = "thirties"]
                -> count()
        }
        .split_errors();
        let (count, reported) = tokio::join!(run, async {
            let mut reported = Vec::new();
            while let Some(error) = errors.recv().await {
                reported.push((error.stage().name().to_owned(), *error.error()));
            }
            reported
        });
        assert_eq!(count.unwrap(), 96, "fusion = {fusion}");
        let thirties = |n: u64| ("thirties".to_owned(), n);
        assert_eq!(reported, [0, 30, 60, 90].map(thirties), "fusion = {fusion}");

        let results = pipeline! {
            #![fusion = fusion, errors = result]
            from_iter(0..10u64)
                -> try_map(|n| if n == 4 { Err(n) } else { Ok(n) }) [name = "four"]
                -> map(|n| n * 10) [name = "tens"]
                -> collect::<Vec<_>>()
        };
        let results = within("the run", results).await.unwrap();
        let failed: Vec<(&str, u64)> = results
            .iter()
            .filter_map(|item| item.as_ref().err())
            .map(|error| (error.stage().name(), *error.error()))
            .collect();
        assert_eq!(failed, [("four", 4)], "fusion = {fusion}");
        assert_eq!(results.iter().filter(|item| item.is_ok()).count(), 9);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_in_a_fused_stage_names_that_stage() {
    for fusion in MODES {
        // In the middle of a group driven by its sink, and in a group with a task of its own.
        let run = pipeline! {
            #![fusion = fusion]
            from_iter(0..100u64)
                -> map(|n| n) [name = "before"]
                -> filter(|&n| if n == 17 { panic!("boom at {n}") } else { true }) [name = "picky"]
                -> map(|n| n) [name = "after"]
                -> count()
        };
        let id = run.id();
        match within("the run", run).await {
            Err(error @ PipelineError::Panicked { .. }) => {
                assert_eq!(error.stage().map(|s| s.name()), Some("picky"));
                assert_eq!(error.panic_message(), Some("boom at 17"));
            }
            other => panic!("fusion = {fusion}: expected picky's panic, got {other:?}"),
        }
        assert_no_live_tasks(id);

        let mut handle = pipeline! {
            #![fusion = fusion]
            from_iter(0..100u64)
                -> flat_map(|n| if n == 3 { panic!("no {n}") } else { [n] }) [name = "spread"]
                -> map(|n| n) [name = "after"]
        };
        while within("the next item", handle.recv()).await.is_some() {}
        match within("join", handle.join()).await {
            Err(error @ PipelineError::Panicked { .. }) => {
                assert_eq!(error.stage().map(|s| s.name()), Some("spread"));
            }
            other => panic!("fusion = {fusion}: expected spread's panic, got {other:?}"),
        }
    }
}

/// The first stage cancels the run while it handles item 10: no stage takes another item.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancel_is_seen_at_the_next_item_of_every_fused_stage() {
    for fusion in MODES {
        let control: Arc<OnceLock<RunControl>> = Arc::new(OnceLock::new());
        let seen = Arc::new([AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0)]);
        let (a, b, sink, canceller) = (seen.clone(), seen.clone(), seen.clone(), control.clone());
        let run = pipeline! {
            #![fusion = fusion]
            from_iter(0u64..)
                -> map(move |n| {
                    a[0].fetch_add(1, Ordering::SeqCst);
                    if n == 10 {
                        wait_for(&canceller).cancel();
                    }
                    n
                }) [name = "a"]
                -> map(move |n| { b[1].fetch_add(1, Ordering::SeqCst); n }) [name = "b"]
                -> for_each(move |_| { sink[2].fetch_add(1, Ordering::SeqCst); }) [name = "sink"]
        };
        control.set(RunControl::clone(&run)).unwrap();
        let id = run.id();
        assert!(matches!(
            within("the cancelled run", run).await,
            Err(PipelineError::Cancelled)
        ));
        let counts = seen.each_ref().map(|n| n.load(Ordering::SeqCst));
        assert_eq!(
            counts[0], 11,
            "fusion = {fusion}: `a` took items after the cancel"
        );
        assert!(
            counts[1] <= 11 && counts[2] <= counts[1],
            "fusion = {fusion}: items after the cancel went on: {counts:?}"
        );
        assert_no_live_tasks(id);
    }
}

/// A cancel from a token the block watches ends a fused group that never waits (an endless
/// iterator into its sink): the group lets the watcher run, even on a one-thread runtime.
#[tokio::test(flavor = "current_thread")]
async fn a_cancel_token_ends_a_group_that_never_waits() {
    for fusion in MODES {
        let token = CancellationToken::new();
        let cancel = token.clone();
        let run = pipeline! {
            #![fusion = fusion, cancel = token]
            from_iter(0u64..)
                -> map(move |n| {
                    if n == 10 {
                        cancel.cancel();
                    }
                    n
                })
                -> drain()
        };
        let id = run.id();
        assert!(matches!(
            within("the cancelled run", run).await,
            Err(PipelineError::Cancelled)
        ));
        assert_no_live_tasks(id);
    }
}

/// The run's control, once the test has handed it over (the block's stages start before).
fn wait_for(control: &OnceLock<RunControl>) -> &RunControl {
    loop {
        match control.get() {
            Some(control) => return control,
            None => std::thread::yield_now(),
        }
    }
}

/// The first stage pauses the run while it handles item 10: no stage takes another item
/// until the resume, and then every item arrives.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pause_is_seen_at_the_next_item_of_every_fused_stage() {
    for fusion in MODES {
        let control: Arc<OnceLock<RunControl>> = Arc::new(OnceLock::new());
        let seen = Arc::new(AtomicU64::new(0));
        let (pauser, counter) = (control.clone(), seen.clone());
        let run = pipeline! {
            #![fusion = fusion]
            from_iter(0..100u64)
                -> map(move |n| {
                    counter.fetch_add(1, Ordering::SeqCst);
                    if n == 10 {
                        wait_for(&pauser).pause();
                    }
                    n
                }) [name = "a"]
                -> map(|n| n * 2) [name = "b"]
                -> collect::<Vec<u64>>() [name = "sink"]
        };
        control.set(RunControl::clone(&run)).unwrap();
        // The stages run from the block's end on; the run is awaited only to join them.
        within("the pause", async {
            while !control.get().unwrap().is_paused() {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        })
        .await;
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(
            seen.load(Ordering::SeqCst),
            11,
            "fusion = {fusion}: `a` took items while paused"
        );
        control.get().unwrap().resume();
        let got = within("the resumed run", run).await.unwrap();
        assert_eq!(got, (0..100u64).map(|n| n * 2).collect::<Vec<_>>());
        assert_eq!(seen.load(Ordering::SeqCst), 100);
    }
}

/// The names of `id`'s live tasks, sorted.
fn listed(id: gopipe::PipelineId) -> Vec<String> {
    let mut names: Vec<String> = live_tasks_of(id)
        .iter()
        .map(|task| task.stage().name().to_owned())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Waits until the live tasks of `id` are listed as `expected`.
async fn listed_as(id: gopipe::PipelineId, expected: &[&str]) {
    within("the listing", async {
        while listed(id) != expected {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_live_tasks_list_each_group_with_its_stages() {
    // Nobody reads the stream: every task stays, parked on a full channel.
    let handle = pipeline! {
        from_iter(0u64..) [name = "numbers"]
            -> map(|n| n + 1) [name = "inc"]
            -> filter(|n| n % 2 == 0) [name = "even"]
            -> map(|n| n) [name = "pass", boundary]
            -> then(|n| async move { n }) [name = "wait", workers = 2]
            -> map(|n| n) [name = "tail"]
    };
    listed_as(
        handle.id(),
        &["fused(numbers, inc, even)", "pass", "tail", "wait"],
    )
    .await;
    handle.cancel();
    assert!(matches!(
        within("join", handle.join()).await,
        Err(PipelineError::Cancelled)
    ));

    // A sink drives the group before it, in its own task.
    let gate = Arc::new(tokio::sync::Notify::new());
    let opened = gate.clone();
    let run = pipeline! {
        from_iter(0u64..) [name = "numbers"]
            -> map(|n| n + 1) [name = "inc"]
            -> for_each_async(move |_| { let gate = opened.clone(); async move { gate.notified().await } }) [name = "sink"]
    };
    listed_as(run.id(), &["fused(numbers, inc, sink)"]).await;
    run.cancel();
    assert!(matches!(
        within("the run", run).await,
        Err(PipelineError::Cancelled)
    ));

    let handle = pipeline! {
        #![fusion = false]
        from_iter(0u64..) [name = "numbers"]
            -> map(|n| n + 1) [name = "inc"]
            -> filter(|n| n % 2 == 0) [name = "even"]
    };
    listed_as(handle.id(), &["even", "inc", "numbers"]).await;
    handle.cancel();
    within("join", handle.join()).await.unwrap_err();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_fused_stage_keeps_its_own_metrics() {
    for fusion in MODES {
        let run = pipeline! {
            #![fusion = fusion]
            from_iter(0..1000u64) [name = "numbers"]
                -> filter(|n| n % 4 != 0) [name = "drop_quarter"]
                -> flat_map(|n| [n, n]) [name = "twice"]
                -> take(1000) [name = "first_1000"]
                -> count() [name = "sink"]
        };
        let metrics = run.metrics();
        assert_eq!(within("the run", run).await.unwrap(), 1000);
        let snapshot = metrics.snapshot();
        let stage = |name: &str| {
            let total = snapshot.stage(name).unwrap().total();
            (total.items_in, total.items_out, total.running)
        };
        // `take` ends at its 1000th output; what it took is what the stages before handed on.
        assert_eq!(stage("first_1000"), (1000, 1000, 0), "fusion = {fusion}");
        assert_eq!(stage("sink"), (1000, 0, 0), "fusion = {fusion}");
        let (twice_in, twice_out, _) = stage("twice");
        assert!(twice_out >= 1000 && twice_out <= 2 * twice_in, "{snapshot}");
        let (drop_in, drop_out, _) = stage("drop_quarter");
        assert!(drop_in >= drop_out && drop_out >= twice_in, "{snapshot}");
        let numbers_out = stage("numbers").1;
        assert!(numbers_out >= drop_in, "{snapshot}");
        if fusion {
            // No channel between them: what one stage handed on, the next one took.
            assert_eq!((numbers_out, drop_out), (drop_in, twice_in), "{snapshot}");
        }
    }
}
