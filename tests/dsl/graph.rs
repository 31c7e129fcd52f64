//! The picture of the graph: every block describes its stages (kind, name, role, workers,
//! options, where each is written) and the edges between them, for each junction kind: a
//! straight chain, fan-out workers, merge, tee, route and partition, zip, and the loop of
//! `recurse`. Locations are checked against `line!()` here, so a stage described at the
//! wrong line fails.

use std::convert::Infallible;

use gopipe::graph::{Edge, Node, Role};
use gopipe::{Graph, Run, pipeline};

mod pictures;

/// `(kind, name)` of every stage, in wiring order.
fn stages(graph: Graph) -> Vec<(&'static str, &'static str)> {
    graph
        .nodes()
        .map(|node| (node.kind(), node.name()))
        .collect()
}

/// `(from, to, label)` of every edge, by stage name.
fn edges(graph: Graph) -> Vec<(&'static str, &'static str, Option<&'static str>)> {
    graph
        .edges()
        .map(|edge: Edge| (edge.from().name(), edge.to().name(), edge.label()))
        .collect()
}

/// The line of each stage, relative to `first` (the line of the block's first stage).
fn lines(graph: Graph, first: u32) -> Vec<u32> {
    graph
        .nodes()
        .map(|node: Node| {
            assert_eq!(node.location().file(), file!(), "{node:?}");
            node.location().line() - first
        })
        .collect()
}

#[tokio::test]
async fn a_straight_chain_is_its_stages_in_order_each_at_its_line() {
    let first = line!() + 2;
    let run = pipeline! {
        from_iter(0..10u64)
            -> map(|n| n + 1)
            -> filter(|n| n % 2 == 0)
            -> collect::<Vec<_>>()
    };
    let graph = run.graph();
    assert_eq!(
        stages(graph),
        [
            ("from_iter", "from_iter#1"),
            ("map", "map#2"),
            ("filter", "filter#3"),
            ("collect", "collect#4")
        ]
    );
    let roles: Vec<Role> = graph.nodes().map(|node| node.role()).collect();
    assert_eq!(
        roles,
        [Role::Source, Role::Transform, Role::Transform, Role::Sink]
    );
    assert_eq!(
        edges(graph),
        [
            ("from_iter#1", "map#2", None),
            ("map#2", "filter#3", None),
            ("filter#3", "collect#4", None)
        ]
    );
    assert_eq!(lines(graph, first), [0, 1, 2, 3]);
    // The column of each stage's kind: `from_iter` at the block's indent, `map` after `-> `.
    let columns: Vec<u32> = graph.nodes().map(|node| node.location().column()).collect();
    assert_eq!(columns, [9, 16, 16, 16]);
    assert!(
        graph
            .nodes()
            .all(|node| node.workers().is_none() && node.options().is_empty())
    );
    assert_eq!(run.await.unwrap(), [2, 4, 6, 8, 10]);
}

#[tokio::test]
async fn fan_out_workers_are_one_stage_with_its_options_as_written() {
    let workers = 3;
    let run = pipeline! {
        from_iter(0..10u64) [name = "gen"]
            -> map(|n| n * n) [workers = 4, ordered]
            -> then(|n| async move { n }) [name = "wait", workers = workers * 2, capacity = 8]
            -> for_each(|_| ()) [workers = 2]
    };
    let graph = run.graph();
    assert_eq!(
        stages(graph),
        [
            ("from_iter", "gen"),
            ("map", "map#2"),
            ("then", "wait"),
            ("for_each", "for_each#4")
        ]
    );
    let options: Vec<(Option<&str>, &str)> = graph
        .nodes()
        .map(|node| (node.workers(), node.options()))
        .collect();
    assert_eq!(
        options,
        [
            (None, ""),
            (Some("4"), "workers = 4, ordered"),
            (Some("workers * 2"), "workers = workers * 2, capacity = 8"),
            (Some("2"), "workers = 2"),
        ]
    );
    assert_eq!(graph.edges().len(), 3);
    run.await.unwrap();
}

#[tokio::test]
async fn merge_has_an_edge_from_each_branch_labelled_with_its_name_in_written_order() {
    let first = line!() + 2;
    let run = pipeline! {
        let small = from_iter(0..3u64);
        let large = from_iter(100..103u64) -> map(|n| n + 1);
        let more = from_iter(7..8u64);
        merge(large, small, more) -> count()
    };
    let graph = run.graph();
    assert_eq!(
        stages(graph),
        [
            ("from_iter", "from_iter#1"),
            ("from_iter", "from_iter#2"),
            ("map", "map#3"),
            ("from_iter", "from_iter#4"),
            ("merge", "merge#5"),
            ("count", "count#6")
        ]
    );
    assert_eq!(graph.node("merge#5").unwrap().role(), Role::Junction);
    assert_eq!(
        edges(graph),
        [
            ("from_iter#2", "map#3", None),
            ("map#3", "merge#5", Some("large")),
            ("from_iter#1", "merge#5", Some("small")),
            ("from_iter#4", "merge#5", Some("more")),
            ("merge#5", "count#6", None)
        ]
    );
    assert_eq!(lines(graph, first), [0, 1, 1, 2, 3, 3]);
    assert_eq!(run.await.unwrap(), 7);
}

#[tokio::test]
async fn tee_has_an_edge_to_each_use() {
    let run: Run<(u64, usize), Infallible> = pipeline! {
        let copies = from_iter(1..=4u64) -> tee();
        let total = copies -> fold(0, |total, n| total + n);
        let count = copies -> map(|n| n * 2) -> count();
        (total, count)
    };
    let graph = run.graph();
    assert_eq!(
        edges(graph),
        [
            ("from_iter#1", "tee#2", None),
            ("tee#2", "fold#3", Some("copies")),
            ("tee#2", "map#4", Some("copies")),
            ("map#4", "count#5", None)
        ]
    );
    assert_eq!(graph.node("tee#2").unwrap().role(), Role::Junction);
    assert_eq!(run.await.unwrap(), (10, 4));
}

#[tokio::test]
async fn route_and_partition_have_an_edge_to_each_named_branch_and_none_for_underscore() {
    let first = line!() + 2;
    let run = pipeline! {
        let [low, high, _] = from_iter(0..30u64) -> route(|n: &u64| (*n / 10) as usize);
        let [even, odd] = low -> partition(|n: &u64| n.is_multiple_of(2));
        let evens = even -> count();
        let odds = odd -> count();
        let highs = high -> count();
        (evens, odds, highs)
    };
    let graph = run.graph();
    assert_eq!(
        edges(graph),
        [
            ("from_iter#1", "route#2", None),
            ("route#2", "partition#3", Some("low")),
            ("partition#3", "count#4", Some("even")),
            ("partition#3", "count#5", Some("odd")),
            ("route#2", "count#6", Some("high"))
        ]
    );
    assert_eq!(lines(graph, first), [0, 0, 1, 2, 3, 4]);
    // `route` is written after `-> ` on the first line.
    let route = graph.node("route#2").unwrap().location();
    assert_eq!(route.column(), 53);
    assert_eq!(run.await.unwrap(), (5, 5, 10));
}

#[tokio::test]
async fn zip_has_an_edge_from_each_side_in_order() {
    let run = pipeline! {
        let numbers = from_iter(1u64..);
        let words = from_iter(["a", "b"]) -> map(str::to_owned);
        zip(numbers, words) -> collect::<Vec<_>>()
    };
    let graph = run.graph();
    assert_eq!(
        edges(graph),
        [
            ("from_iter#2", "map#3", None),
            ("from_iter#1", "zip#4", Some("numbers")),
            ("map#3", "zip#4", Some("words")),
            ("zip#4", "collect#5", None)
        ]
    );
    assert_eq!(graph.node("zip#4").unwrap().role(), Role::Junction);
    assert_eq!(run.await.unwrap().len(), 2);
}

#[tokio::test]
async fn recurse_feeds_back_into_itself_and_merges_with_another_branch() {
    let first = line!() + 2;
    let run = pipeline! {
        let tree = from_iter([3u64])
            -> recurse(|n: u64| async move { (n, (0..n).collect::<Vec<_>>()) }) [workers = 2];
        let checked = from_iter([2u64])
            -> try_recurse(|n: u64| async move {
                Ok::<_, std::io::Error>((n, (0..n).collect::<Vec<_>>()))
            }) [max_depth = 1];
        merge(tree, checked) -> fold(0, |total, n| total + n)
    };
    let graph = run.graph();
    assert_eq!(
        stages(graph),
        [
            ("from_iter", "from_iter#1"),
            ("recurse", "recurse#2"),
            ("from_iter", "from_iter#3"),
            ("try_recurse", "try_recurse#4"),
            ("merge", "merge#5"),
            ("fold", "fold#6")
        ]
    );
    assert_eq!(
        edges(graph),
        [
            ("from_iter#1", "recurse#2", None),
            ("recurse#2", "recurse#2", Some("children")),
            ("from_iter#3", "try_recurse#4", None),
            ("try_recurse#4", "try_recurse#4", Some("children")),
            ("recurse#2", "merge#5", Some("tree")),
            ("try_recurse#4", "merge#5", Some("checked")),
            ("merge#5", "fold#6", None)
        ]
    );
    assert_eq!(lines(graph, first), [0, 1, 2, 3, 6, 6]);
    assert_eq!(graph.node("recurse#2").unwrap().options(), "workers = 2");
    assert_eq!(
        graph.node("try_recurse#4").unwrap().options(),
        "max_depth = 1"
    );
    // 3 -> 0, 1, 2; 1 -> 0; 2 -> 0, 1; 1 -> 0: 7. 2 -> 0, 1, and no deeper: 3.
    assert_eq!(run.await.unwrap(), 10);
}
