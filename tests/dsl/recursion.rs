//! Recursive stages: `recurse` and `try_recurse` feed each item's children back into
//! themselves, end by themselves once nothing is in flight, and keep the contract.

mod retry;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use gopipe::{PipelineError, StageError, pipeline};
use tokio_util::sync::CancellationToken;

use crate::common::{assert_no_live_tasks, within};

/// The children of `n` in a binary tree of the numbers `1..=last`.
fn children(n: u32, last: u32) -> Vec<u32> {
    [2 * n, 2 * n + 1]
        .into_iter()
        .filter(|&child| child <= last)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tree_is_walked_once_per_node_and_the_run_ends_by_itself() {
    for workers in [1, 2, 7] {
        let run = pipeline! {
            from_iter([1u32])
                -> recurse(|n: u32| async move { (n, children(n, 1000)) }) [workers = workers]
                -> collect::<Vec<u32>>()
        };
        let id = run.id();
        let mut nodes = within("the walk", run).await.unwrap();
        nodes.sort_unstable();
        assert_eq!(nodes, (1..=1000).collect::<Vec<_>>(), "{workers} workers");
        assert_no_live_tasks(id);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_input_it_ends_at_once() {
    let nodes: Vec<u32> = within(
        "the walk",
        pipeline! {
            from_iter(Vec::<u32>::new())
                -> recurse(|n: u32| async move { (n, vec![n + 1]) }) [workers = 3]
                -> collect()
        },
    )
    .await
    .unwrap();
    assert!(nodes.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn it_waits_for_input_that_comes_late_while_nothing_is_in_flight() {
    // Roots arrive slowly: between them the frontier is empty and nobody is busy, yet the
    // stage must not end while its input is open.
    let run = pipeline! {
        generate(|emit| async move {
            for root in [1u32, 100, 200] {
                tokio::time::sleep(Duration::from_millis(20)).await;
                emit.send(root).await;
            }
        })
            -> recurse(|n: u32| async move { (n, if n % 100 < 3 { vec![n + 1] } else { vec![] }) }) [workers = 2]
            -> collect::<BTreeSet<u32>>()
    };
    let nodes = within("the walk", run).await.unwrap();
    assert_eq!(
        nodes,
        BTreeSet::from([1, 2, 3, 100, 101, 102, 103, 200, 201, 202, 203])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_output_is_a_projection_of_each_item() {
    let lengths: BTreeSet<(String, usize)> = within(
        "the walk",
        pipeline! {
            from_iter(["a".to_owned()])
                -> recurse(|word: String| async move {
                    let longer = if word.len() < 3 { vec![format!("{word}a"), format!("{word}b")] } else { vec![] };
                    ((word.clone(), word.len()), longer)
                })
                -> collect()
        },
    )
    .await
    .unwrap();
    assert_eq!(lengths.len(), 1 + 2 + 4);
    assert!(lengths.contains(&("abb".to_owned(), 3)));
}

/// A graph with cycles, self-loops and diamonds.
fn graph() -> Arc<HashMap<u32, Vec<u32>>> {
    Arc::new(HashMap::from([
        (0, vec![1, 2, 0]),
        (1, vec![3, 0]),
        (2, vec![3, 2]),
        (3, vec![4, 1]),
        (4, vec![]),
        (5, vec![0]), // not reachable from 0
    ]))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unique_by_visits_each_key_once_through_cycles() {
    let graph = graph();
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    let nodes: Vec<u32> = within(
        "the walk",
        pipeline! {
            from_iter([0u32, 0])
                -> recurse(move |node: u32| {
                    let graph = graph.clone();
                    counted.fetch_add(1, Ordering::Relaxed);
                    async move { (node, graph[&node].clone()) }
                }) [workers = 3, unique_by = |node: &u32| *node]
                -> collect()
        },
    )
    .await
    .unwrap();
    let mut sorted = nodes.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, [0, 1, 2, 3, 4], "each reachable node exactly once");
    assert_eq!(calls.load(Ordering::Relaxed), 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn max_depth_drops_children_past_the_limit() {
    // A binary tree: depth d holds 2^d nodes. The item carries its own depth to check it.
    let visits: Vec<(u32, usize)> = within(
        "the walk",
        pipeline! {
            from_iter([(1u32, 0usize)])
                -> recurse(|(n, depth): (u32, usize)| async move {
                    ((n, depth), vec![(2 * n, depth + 1), (2 * n + 1, depth + 1)])
                }) [workers = 4, max_depth = 3]
                -> collect()
        },
    )
    .await
    .unwrap();
    assert_eq!(visits.len(), 1 + 2 + 4 + 8);
    assert!(visits.iter().all(|&(_, depth)| depth <= 3));
    let zero: Vec<u32> = within(
        "the walk",
        pipeline! {
            from_iter([1u32, 2])
                -> recurse(|n: u32| async move { (n, vec![n * 10]) }) [max_depth = 0]
                -> collect()
        },
    )
    .await
    .unwrap();
    assert_eq!(zero, [1, 2], "depth 0: the input only");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_worker_reaches_each_key_by_its_shortest_path() {
    // 0 -> 1 -> 2 -> 3 and a shortcut 0 -> 3: breadth first, 3 is at depth 1, so its child
    // 4 (depth 2) is within `max_depth = 2`.
    let graph: Arc<HashMap<u32, Vec<u32>>> = Arc::new(HashMap::from([
        (0, vec![1, 3]),
        (1, vec![2]),
        (2, vec![3]),
        (3, vec![4]),
        (4, vec![]),
    ]));
    let nodes: BTreeSet<u32> = within(
        "the walk",
        pipeline! {
            from_iter([0u32])
                -> recurse(move |node: u32| {
                    let graph = graph.clone();
                    async move { (node, graph[&node].clone()) }
                }) [unique_by = |node: &u32| *node, max_depth = 2]
                -> collect()
        },
    )
    .await
    .unwrap();
    assert_eq!(nodes, BTreeSet::from([0, 1, 2, 3, 4]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backlog_past_max_pending_fails_the_run_naming_the_stage() {
    // Every item has ten children and nothing dedups: the backlog grows without end.
    let run = pipeline! {
        from_iter([0u64])
            -> recurse(|n: u64| async move { (n, (0..10).map(|i| n * 10 + i).collect::<Vec<_>>()) }) [name = "explode", workers = 2, max_pending = 1000]
            -> drain()
    };
    let id = run.id();
    let error = within("the run", run).await.unwrap_err();
    match &error {
        PipelineError::TooManyPending { stage, limit } => {
            assert_eq!(stage.name(), "explode");
            assert_eq!(*limit, 1000);
        }
        other => panic!("expected TooManyPending, got {other:?}"),
    }
    assert_eq!(error.stage().map(|stage| stage.name()), Some("explode"));
    let message = error.to_string();
    assert!(
        message.contains("explode") && message.contains("1000") && message.contains("max_pending"),
        "{message}"
    );
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zero_workers_or_max_pending_is_an_invalid_argument() {
    let none = 0;
    let error = pipeline! {
        from_iter([1u32]) -> recurse(|n: u32| async move { (n, Vec::new()) }) [workers = none, name = "r"] -> drain()
    }
    .await
    .unwrap_err();
    assert!(
        matches!(
            &error,
            PipelineError::InvalidArgument {
                argument: "workers",
                ..
            }
        ),
        "{error:?}"
    );
    let error = pipeline! {
        from_iter([1u32]) -> recurse(|n: u32| async move { (n, Vec::new()) }) [max_pending = none, name = "r"] -> drain()
    }
    .await
    .unwrap_err();
    assert!(
        matches!(
            &error,
            PipelineError::InvalidArgument {
                argument: "max_pending",
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_early_stop_downstream_ends_an_endless_recursion() {
    // Each number's child is the next one: the recursion would never end by itself.
    let run = pipeline! {
        from_iter([0u64])
            -> recurse(|n: u64| async move { (n, [n + 1]) }) [workers = 3]
            -> take(100)
            -> collect::<Vec<u64>>()
    };
    let id = run.id();
    let got = within("the run", run).await.unwrap();
    assert_eq!(got.len(), 100);
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_stops_workers_waiting_for_children() {
    let token = CancellationToken::new();
    let run = pipeline! {
        #![cancel = token.clone()]
        from_iter([0u64])
            -> recurse(|n: u64| async move {
                tokio::time::sleep(Duration::from_millis(1)).await;
                (n, [n + 1])
            }) [workers = 4]
            -> drain()
    };
    let id = run.id();
    tokio::time::sleep(Duration::from_millis(30)).await;
    token.cancel();
    assert!(matches!(
        within("the run", run).await,
        Err(PipelineError::Cancelled)
    ));
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pausing_stops_taking_fed_back_items() {
    let taken = Arc::new(AtomicUsize::new(0));
    let counted = taken.clone();
    let mut handle = pipeline! {
        from_iter([0u64])
            -> recurse(move |n: u64| {
                counted.fetch_add(1, Ordering::Relaxed);
                async move { (n, [n + 1]) }
            }) [workers = 2]
    };
    let id = handle.id();
    assert_eq!(within("an item", handle.recv()).await, Some(0));
    handle.pause();
    // Items in hand finish; then nothing new is taken.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let paused_at = taken.load(Ordering::Relaxed);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(
        taken.load(Ordering::Relaxed),
        paused_at,
        "the paused run kept working"
    );
    handle.resume();
    let resumed_from = taken.load(Ordering::Relaxed);
    while taken.load(Ordering::Relaxed) == resumed_from {
        within("an item after resume", handle.recv()).await;
    }
    handle.cancel();
    assert!(matches!(
        within("join", handle.join()).await,
        Err(PipelineError::Cancelled)
    ));
    assert_no_live_tasks(id);
}

#[derive(Debug, Clone, PartialEq)]
struct Unreadable(u32);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn try_recurse_fails_fast_naming_the_stage() {
    let run = pipeline! {
        from_iter([1u32])
            -> try_recurse(|n: u32| async move {
                if n == 6 { Err(Unreadable(n)) } else { Ok((n, children(n, 100))) }
            }) [name = "walk"]
            -> drain()
    };
    let id = run.id();
    match within("the run", run).await {
        Err(PipelineError::Failed { stage, error, .. }) => {
            assert_eq!(stage.name(), "walk");
            assert_eq!(error, Unreadable(6));
        }
        other => panic!("expected the stage's failure, got {other:?}"),
    }
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn try_recurse_reports_errors_and_goes_on_in_the_channel_style() {
    let run = pipeline! {
        #![errors = channel]
        from_iter([1u32])
            -> try_recurse(|n: u32| async move {
                // 3 fails: its subtree (3, 6, 7, 12..15) is not reached.
                if n == 3 { Err(Unreadable(n)) } else { Ok((n, children(n, 15))) }
            }) [name = "walk", workers = 3]
            -> collect::<BTreeSet<u32>>()
    };
    let (run, mut errors) = run.split_errors();
    let (nodes, reported) = tokio::join!(within("the run", run), async {
        let mut reported = Vec::new();
        while let Some(error) = errors.recv().await {
            reported.push(error);
        }
        reported
    });
    assert_eq!(nodes.unwrap(), BTreeSet::from([1, 2, 4, 5, 8, 9, 10, 11]));
    assert_eq!(reported.len(), 1);
    assert_eq!(reported[0].error(), &Unreadable(3));
    assert!(reported[0].stage().name().starts_with("walk"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn try_recurse_sends_errors_on_as_items_in_the_result_style() {
    let items: Vec<Result<u32, StageError<Unreadable>>> = within(
        "the run",
        pipeline! {
            #![errors = result]
            from_iter([1u32, 40])
                -> try_map(|n: u32| if n == 40 { Err(Unreadable(n)) } else { Ok(n) }) [name = "check"]
                -> try_recurse(|n: u32| async move {
                    if n == 2 { Err(Unreadable(n)) } else { Ok((n, children(n, 7))) }
                }) [name = "walk"]
                -> collect()
        },
    )
    .await
    .unwrap();
    let values: BTreeSet<u32> = items.iter().filter_map(|item| item.clone().ok()).collect();
    assert_eq!(values, BTreeSet::from([1, 3, 6, 7]));
    let mut errors: Vec<(String, u32)> = items
        .iter()
        .filter_map(|item| item.as_ref().err())
        .map(|error| (error.stage().name().to_owned(), error.error().0))
        .collect();
    errors.sort();
    assert_eq!(
        errors,
        [("check".to_owned(), 40), ("walk".to_owned(), 2)],
        "the upstream error passes through, the stage's own is sent on"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_names_the_stage() {
    let run = pipeline! {
        from_iter([1u32])
            -> recurse(|n: u32| async move {
                assert!(n != 5, "node {n} is cursed");
                (n, children(n, 50))
            }) [name = "walk", workers = 2]
            -> drain()
    };
    let id = run.id();
    match within("the run", run).await {
        Err(PipelineError::Panicked { stage, message, .. }) => {
            assert!(stage.name().starts_with("walk"), "{stage}");
            assert!(message.contains("node 5 is cursed"), "{message}");
        }
        other => panic!("expected a panic, got {other:?}"),
    }
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_per_item_timeout_drops_the_item_and_its_children() {
    #[derive(Debug)]
    enum Error {
        Slow,
    }
    impl From<gopipe::Elapsed> for Error {
        fn from(_: gopipe::Elapsed) -> Self {
            Error::Slow
        }
    }
    let run = pipeline! {
        #![errors = channel]
        from_iter([1u32])
            -> try_recurse(|n: u32| async move {
                if n == 2 {
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                }
                Ok::<_, Error>((n, children(n, 7)))
            }) [timeout = Duration::from_millis(20)]
            -> collect::<BTreeSet<u32>>()
    };
    let (run, mut errors) = run.split_errors();
    let (nodes, timed_out) = tokio::join!(within("the run", run), async {
        let mut count = 0;
        while let Some(error) = errors.recv().await {
            assert!(matches!(error.error(), Error::Slow));
            count += 1;
        }
        count
    });
    assert_eq!(nodes.unwrap(), BTreeSet::from([1, 3, 6, 7]));
    assert_eq!(timed_out, 1);
}
