//! The pictures drawn from a graph (Mermaid and DOT, with the caller's line), what they
//! escape, and that the graph's stage names are the names the run itself uses: in its
//! errors and in `diagnostics`, a fanned-out stage once for all its workers.

use std::collections::HashSet;
use std::convert::Infallible;
use std::time::Duration;

use gopipe::diagnostics::live_tasks_of;
use gopipe::{PipelineError, RunControl, Scope, pipeline};

#[tokio::test]
async fn a_failed_stage_is_named_as_in_the_graph() {
    let run = pipeline! {
        from_iter(0..10u64)
            -> try_map(|n| if n == 3 { Err("three") } else { Ok(n) }) [workers = 2]
            -> try_map(|n: u64| Ok::<_, &str>(n)) [name = "pass"]
            -> drain()
    };
    let graph = run.graph();
    let error = run.await.unwrap_err();
    let stage = error.stage().expect("a failure names its stage");
    let node = graph
        .node(stage.name())
        .expect("the failed stage is in the graph");
    assert_eq!((node.kind(), node.name()), ("try_map", "try_map#2"));
    assert!(matches!(
        error,
        PipelineError::Failed { error: "three", .. }
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_live_task_is_a_stage_of_the_graph_and_workers_share_one() {
    let mut handle = pipeline! {
        from_iter(0u64..) [name = "gen"]
            -> map(|n| n * n) [workers = 3, name = "sq"]
            -> then(|n| async move { tokio::time::sleep(Duration::from_millis(1)).await; n }) [workers = 2]
    };
    assert!(handle.recv().await.is_some(), "every stage is running");
    let graph = handle.graph();
    let live: HashSet<String> = live_tasks_of(handle.id())
        .iter()
        .map(|task| task.stage().name().to_owned())
        .filter(|name| !name.starts_with('(')) // the run's own helpers
        .collect();
    let nodes: HashSet<String> = graph.nodes().map(|node| node.name().to_owned()).collect();
    assert_eq!(live, nodes);
    assert_eq!(graph.nodes().len(), 3, "{graph:?}");
    handle.join().await.unwrap();
}

#[tokio::test]
async fn every_control_of_a_run_has_its_graph_and_a_scope_by_hand_none() {
    let handle = pipeline! { from_iter(0..3u64) -> map(|n| n + 1) };
    let control = RunControl::clone(&handle);
    assert_eq!(control.graph(), handle.graph());
    assert_eq!(handle.graph().nodes().len(), 2);
    handle.join().await.unwrap();

    let scope: Scope<Infallible> = Scope::new();
    assert!(scope.graph().is_empty());
    assert_eq!(scope.graph().to_mermaid(), "flowchart LR\n");
    scope.join().await.unwrap();
}

#[tokio::test]
async fn the_same_block_run_twice_has_the_same_graph_and_another_block_another() {
    let block = || pipeline! { from_iter(0..3u64) -> count() };
    let (first, second) = (block(), block());
    let other = pipeline! { from_iter(0..3u64) -> count() };
    assert_eq!(first.graph(), second.graph());
    assert_ne!(first.graph(), other.graph(), "another line, another graph");
    assert_eq!(
        (first.await, second.await, other.await),
        (Ok(3), Ok(3), Ok(3))
    );
}

#[tokio::test]
async fn mermaid_draws_shapes_labels_and_every_kind_of_edge() {
    let run = pipeline! {
        let [small, large] = from_iter(1..=20u64) -> partition(|n: &u64| *n < 10);
        let walked = large
            -> recurse(|n: u64| async move { (n, if n > 15 { vec![n - 10] } else { vec![] }) }) [name = "walk", workers = 2];
        merge(small, walked) -> fold(0, |total, n| total + n) [name = "sum"]
    };
    assert_eq!(
        run.graph().to_mermaid(),
        "flowchart LR
    n0([\"from_iter#35;1\"])
    n1{{\"partition#35;2\"}}
    n2[\"walk<br/>recurse [workers = 2]\"]
    n3{{\"merge#35;4\"}}
    n4[[\"sum<br/>fold\"]]
    n0 --> n1
    n1 -->|\"large\"| n2
    n2 -->|\"children\"| n2
    n1 -->|\"small\"| n3
    n2 -->|\"walked\"| n3
    n3 --> n4
"
    );
    // 1..=20, and 6..=10 again for 16..=20.
    assert_eq!(run.await.unwrap(), 210 + 40);
}

#[tokio::test]
async fn dot_draws_the_same_graph() {
    let run = pipeline! {
        let copies = from_iter(0..4u64) -> tee();
        let all = copies -> collect::<Vec<_>>();
        let count = copies -> count() [name = "how many"];
        (all, count)
    };
    assert_eq!(
        run.graph().to_dot(),
        "digraph pipeline {
    rankdir=LR;
    n0 [label=\"from_iter#1\", shape=box, style=rounded];
    n1 [label=\"tee#2\", shape=hexagon];
    n2 [label=\"collect#3\", shape=box, peripheries=2];
    n3 [label=\"how many\\ncount\", shape=box, peripheries=2];
    n0 -> n1;
    n1 -> n2 [label=\"copies\"];
    n1 -> n3 [label=\"copies\"];
}
"
    );
    assert_eq!(run.await.unwrap(), (vec![0, 1, 2, 3], 4));
}

#[tokio::test]
async fn labels_escape_names_and_options_and_take_the_callers_line_by_stage_name() {
    let run = pipeline! {
        from_iter(["a".to_owned()])
            -> recurse(|s: String| async move { (s, Vec::new()) }) [
                name = "say \"hi\" <now> #1",
                unique_by = |s: &String| s.clone(),
            ]
            -> count()
    };
    let graph = run.graph();
    let node = graph.node("say \"hi\" <now> #1").unwrap();
    assert_eq!(node.options(), "unique_by = |s: &String| s.clone()");
    let extra = |stage: &str| (stage != "count#3").then(|| format!("<{stage}>"));
    let mermaid = graph.to_mermaid_with(&extra);
    assert!(
        mermaid.contains(
            "n1[\"say #quot;hi#quot; #lt;now#gt; #35;1<br/>recurse [unique_by = |s: #amp;String| \
             s.clone()]<br/>#lt;say #quot;hi#quot; #lt;now#gt; #35;1#gt;\"]"
        ),
        "{mermaid}"
    );
    assert!(
        mermaid.contains("n0([\"from_iter#35;1<br/>#lt;from_iter#35;1#gt;\"])"),
        "{mermaid}"
    );
    assert!(mermaid.contains("n2[[\"count#35;3\"]]"), "{mermaid}");
    let dot = graph.to_dot_with(&extra);
    assert!(
        dot.contains("n1 [label=\"say \\\"hi\\\" <now> #1\\nrecurse [unique_by = |s: &String| s.clone()]\\n<say \\\"hi\\\" <now> #1>\""),
        "{dot}"
    );
    assert_eq!(run.await.unwrap(), 1);
}
