//! Property tests of recursive stages: random graphs with cycles, self-loops and diamonds,
//! walked by `recurse` / `try_recurse` with random workers, limits and faults.
//!
//! `PIPELINE_RECURSION_CASES` sets the number of cases (default: a CI-sized run; the full
//! run is 100,000).

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gopipe::diagnostics::live_tasks_of;
use gopipe::{PipelineError, pipeline};
use proptest::prelude::*;
use tokio_util::sync::CancellationToken;

fn cases() -> u32 {
    std::env::var("PIPELINE_RECURSION_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(1500)
}

/// A directed graph on nodes `0..n`: each node's successors, with repeats, self-loops and
/// cycles allowed.
type Graph = Arc<HashMap<u32, Vec<u32>>>;

#[derive(Clone, Copy, Debug)]
enum Fault {
    None,
    /// The walk fails on this node (error-channel style: reported, its children lost).
    Fail(u32),
    /// The walk panics on this node.
    Panic(u32),
    /// Every node takes this many microseconds.
    Slow(u64),
    /// The consumer takes this many items, then stops.
    StopAfter(usize),
    /// An external token cancels the run after this many microseconds.
    CancelAfter(u64),
}

#[derive(Clone, Debug)]
struct Case {
    graph: Graph,
    roots: Vec<u32>,
    workers: usize,
    max_depth: Option<usize>,
    fault: Fault,
}

fn graph() -> impl Strategy<Value = Graph> {
    (1u32..30).prop_flat_map(|nodes| {
        proptest::collection::vec(proptest::collection::vec(0..nodes, 0..4), nodes as usize)
            .prop_map(|successors| {
                Arc::new(
                    successors
                        .into_iter()
                        .enumerate()
                        .map(|(node, next)| (node as u32, next))
                        .collect(),
                )
            })
    })
}

fn case() -> impl Strategy<Value = Case> {
    graph().prop_flat_map(|graph| {
        let nodes = graph.len() as u32;
        let fault = prop_oneof![
            4 => Just(Fault::None),
            1 => (0..nodes).prop_map(Fault::Fail),
            1 => (0..nodes).prop_map(Fault::Panic),
            1 => (0u64..200).prop_map(Fault::Slow),
            1 => (0usize..10).prop_map(Fault::StopAfter),
            1 => (0u64..2000).prop_map(Fault::CancelAfter),
        ];
        (
            Just(graph),
            proptest::collection::vec(0..nodes, 1..4),
            1usize..5,
            proptest::option::of(0usize..6),
            fault,
        )
            .prop_map(|(graph, roots, workers, max_depth, fault)| Case {
                graph,
                roots,
                workers,
                max_depth,
                fault,
            })
    })
}

/// Shortest distances from `roots`, breadth first.
fn distances(graph: &Graph, roots: &[u32]) -> BTreeMap<u32, usize> {
    let mut distance = BTreeMap::new();
    let mut queue: VecDeque<u32> = VecDeque::new();
    for &root in roots {
        if distance.insert(root, 0).is_none() {
            queue.push_back(root);
        }
    }
    while let Some(node) = queue.pop_front() {
        let next = distance[&node] + 1;
        for &child in &graph[&node] {
            distance.entry(child).or_insert_with(|| {
                queue.push_back(child);
                next
            });
        }
    }
    distance
}

#[derive(Debug)]
struct Walk {
    /// Every node worked on, with the depth it was reached at.
    visits: Vec<(u32, usize)>,
    /// What the consumer received.
    received: usize,
    outcome: Result<(), PipelineError<u32>>,
    reported: Vec<u32>,
    live_tasks: usize,
}

async fn walk(case: &Case) -> Walk {
    let visits = Arc::new(Mutex::new(Vec::new()));
    let (graph, fault, record) = (case.graph.clone(), case.fault, visits.clone());
    let roots: Vec<(u32, usize)> = case.roots.iter().map(|&root| (root, 0)).collect();
    let token = CancellationToken::new();
    let take = match fault {
        Fault::StopAfter(after) => after,
        _ => usize::MAX,
    };
    let (workers, max_depth) = (case.workers, case.max_depth.unwrap_or(usize::MAX));
    let run = pipeline! {
        #![errors = channel, cancel = token.clone()]
        from_iter(roots)
            -> try_recurse(move |(node, depth): (u32, usize)| {
                let (graph, record) = (graph.clone(), record.clone());
                async move {
                    record.lock().unwrap().push((node, depth));
                    match fault {
                        Fault::Fail(at) if at == node => return Err(node),
                        Fault::Panic(at) if at == node => panic!("injected panic at {node}"),
                        Fault::Slow(micros) => tokio::time::sleep(Duration::from_micros(micros)).await,
                        _ => {}
                    }
                    let children: Vec<(u32, usize)> = graph[&node].iter().map(|&child| (child, depth + 1)).collect();
                    Ok((node, children))
                }
            }) [name = "walk", workers = workers, unique_by = |(node, _): &(u32, usize)| *node, max_depth = max_depth]
            -> take(take)
            -> count()
    };
    let id = run.id();
    let (run, mut errors) = run.split_errors();
    let cancel = async {
        if let Fault::CancelAfter(micros) = fault {
            tokio::time::sleep(Duration::from_micros(micros)).await;
            token.cancel();
        }
    };
    let (outcome, reported, ()) = tokio::join!(
        tokio::time::timeout(Duration::from_secs(20), run),
        async {
            let mut reported = Vec::new();
            while let Some(error) = errors.recv().await {
                reported.push(*error.error());
            }
            reported
        },
        cancel
    );
    let outcome = outcome.expect("the walk hung: it did not end within 20 s");
    let (received, outcome) = match outcome {
        Ok(count) => (count, Ok(())),
        Err(error) => (0, Err(error)),
    };
    let visits = visits.lock().unwrap().clone();
    Walk {
        visits,
        received,
        outcome,
        reported,
        live_tasks: live_tasks_of(id).len(),
    }
}

/// What the contract allows for `walk` of `case`; `Some(violation)` otherwise.
fn check(case: &Case, walk: &Walk) -> Option<String> {
    let distance = distances(&case.graph, &case.roots);
    let limit = case.max_depth.unwrap_or(usize::MAX);
    if walk.live_tasks != 0 {
        return Some(format!("{} tasks outlived the run", walk.live_tasks));
    }
    let mut seen = BTreeSet::new();
    let by_node: BTreeMap<u32, usize> = walk.visits.iter().copied().collect();
    for &(node, depth) in &walk.visits {
        if !seen.insert(node) {
            return Some(format!("node {node} was worked on twice"));
        }
        if depth > limit {
            return Some(format!(
                "node {node} at depth {depth}, past max_depth {limit}"
            ));
        }
        let Some(&shortest) = distance.get(&node) else {
            return Some(format!("node {node} is not reachable, yet was worked on"));
        };
        if depth < shortest {
            return Some(format!(
                "node {node} at depth {depth}, but it is {shortest} away"
            ));
        }
        // Reached through a node worked on one level up (or a root, at depth 0).
        let through_parent = depth == 0 && case.roots.contains(&node)
            || case.graph.iter().any(|(parent, children)| {
                children.contains(&node)
                    && depth
                        .checked_sub(1)
                        .is_some_and(|up| by_node.get(parent) == Some(&up))
            });
        if !through_parent {
            return Some(format!(
                "node {node} at depth {depth} has no parent one level up"
            ));
        }
    }
    let expected = |within: &dyn Fn(usize) -> bool| -> BTreeSet<u32> {
        distance
            .iter()
            .filter(|(_, d)| within(**d))
            .map(|(node, _)| *node)
            .collect()
    };
    match case.fault {
        Fault::None | Fault::Slow(_) => {
            if walk.outcome.is_err() {
                return Some(format!("the walk failed: {:?}", walk.outcome));
            }
            if walk.received != walk.visits.len() {
                return Some(format!(
                    "{} outputs for {} nodes",
                    walk.received,
                    walk.visits.len()
                ));
            }
            let reachable = expected(&|_| true);
            if case.max_depth.is_none() && seen != reachable {
                return Some(format!("worked on {seen:?}, reachable {reachable:?}"));
            }
            // One worker, one root: breadth first, each node by its shortest path.
            let single_root = case.roots.iter().collect::<BTreeSet<_>>().len() == 1;
            if case.workers == 1 && single_root {
                let within = expected(&|d| d <= limit);
                if seen != within {
                    return Some(format!("worked on {seen:?}, within the limit {within:?}"));
                }
            }
        }
        Fault::Fail(node) => {
            let failed = seen.contains(&node);
            if walk.reported != (if failed { vec![node] } else { vec![] }) {
                return Some(format!(
                    "reported {:?} for a failure at {node}",
                    walk.reported
                ));
            }
            if walk.outcome.is_err() {
                return Some(format!(
                    "a reported error failed the run: {:?}",
                    walk.outcome
                ));
            }
        }
        Fault::Panic(node) => match &walk.outcome {
            Err(PipelineError::Panicked { stage, message, .. }) => {
                if !stage.name().starts_with("walk") || !message.contains("injected panic") {
                    return Some(format!("the panic names {stage}: {message}"));
                }
            }
            Ok(()) if !seen.contains(&node) => {}
            other => return Some(format!("a panic at {node} ended the run with {other:?}")),
        },
        Fault::StopAfter(after) => {
            if walk.outcome.is_err() {
                return Some(format!("an early stop failed the run: {:?}", walk.outcome));
            }
            if walk.received > after {
                return Some(format!("{} items taken past take({after})", walk.received));
            }
        }
        Fault::CancelAfter(_) => match &walk.outcome {
            Ok(()) | Err(PipelineError::Cancelled) => {}
            other => return Some(format!("a cancel ended the run with {other:?}")),
        },
    }
    None
}

#[test]
fn random_graphs_are_walked_by_the_contract() {
    let (runtime, mut runner) = crate::setup(cases());
    let outcome = runner.run(&case(), |case: Case| {
        let walked = runtime.block_on(walk(&case));
        let violation = check(&case, &walked);
        prop_assert!(violation.is_none(), "{}", violation.unwrap_or_default());
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
}
