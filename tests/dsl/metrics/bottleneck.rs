//! The bottleneck report names the slow stage of pipelines whose slow stage is known: the
//! source, the first stage, one in the middle, the sink, and a fan-out with too few workers.
//! Slow work is a real sleep (2 ms an item, as awaiting a server would be): the shares are
//! measured on the wall clock.

use std::time::Duration;

use gopipe::metrics::{Bottleneck, Position, Snapshot};
use gopipe::pipeline;

use crate::common::within;

const ITEMS: u32 = 40;

async fn slow<T>(item: T) -> T {
    tokio::time::sleep(Duration::from_millis(2)).await;
    item
}

/// Runs `run` to its end; its metrics then.
async fn finished<T>(run: gopipe::Run<T, std::convert::Infallible>) -> Snapshot {
    let metrics = run.metrics();
    within("the run", run).await.unwrap();
    metrics.snapshot()
}

fn limiting(snapshot: &Snapshot) -> gopipe::metrics::Limiting {
    match snapshot.bottleneck() {
        Bottleneck::Stage(limiting) => limiting,
        other => panic!("no bottleneck found ({other}):\n{snapshot}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_source_is_named() {
    let run = pipeline! {
        #![capacity = 4]
        generate(|emit| async move {
            for n in 0..ITEMS {
                emit.send(slow(n).await).await;
            }
        }) [name = "read"]
            -> map(|n| n + 1)
            -> count()
    };
    let snapshot = finished(run).await;
    let found = limiting(&snapshot);
    assert_eq!(
        (found.stage.as_str(), found.position),
        ("read", Position::Source),
        "{snapshot}"
    );
    let (downstream, starved) = found.downstream_starved.clone().unwrap();
    assert_eq!(downstream, "map#2");
    assert!(starved > 0.7, "{snapshot}");
    let said = snapshot.bottleneck().to_string();
    assert!(
        said.starts_with("the source `read` is the bottleneck: busy "),
        "{said}"
    );
    assert!(said.contains("its downstream `map#2` is starved"), "{said}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_first_stage_is_named_with_its_blocked_upstream_and_starved_downstream() {
    let run = pipeline! {
        #![capacity = 4]
        from_iter(0..ITEMS) -> then(slow) [name = "parse"] -> map(|n| n * 2) -> count()
    };
    let snapshot = finished(run).await;
    let found = limiting(&snapshot);
    assert_eq!(
        (found.stage.as_str(), found.position),
        ("parse", Position::Middle),
        "{snapshot}"
    );
    let (upstream, blocked) = found.upstream_blocked.clone().unwrap();
    let (downstream, starved) = found.downstream_starved.clone().unwrap();
    assert_eq!(
        (upstream.as_str(), downstream.as_str()),
        ("from_iter#1", "map#3")
    );
    assert!(blocked > 0.7 && starved > 0.7, "{snapshot}");
    assert!(
        found.more_workers_would_help,
        "one task, always busy:\n{snapshot}"
    );
    let said = snapshot.bottleneck().to_string();
    assert!(
        said.starts_with("`parse` is the bottleneck: busy ")
            && said.contains("while its upstream `from_iter#1` is blocked")
            && said.contains("its downstream `map#3` is starved")
            && said.ends_with(
                "it runs as one task: `[workers = N]` would help, where its kind allows"
            ),
        "{said}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_stage_in_the_middle_is_named() {
    let run = pipeline! {
        #![capacity = 4]
        from_iter(0..ITEMS)
            -> map(|n| n + 1)
            -> then(slow) [name = "enrich"]
            -> filter(|n| n % 2 == 0)
            -> count()
    };
    let snapshot = finished(run).await;
    let found = limiting(&snapshot);
    assert_eq!(
        (found.stage.as_str(), found.position),
        ("enrich", Position::Middle),
        "{snapshot}"
    );
    assert_eq!(found.upstream_blocked.unwrap().0, "map#2");
    assert_eq!(found.downstream_starved.unwrap().0, "filter#4");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_sink_is_named() {
    let run = pipeline! {
        #![capacity = 4]
        from_iter(0..ITEMS) -> map(|n| n + 1) -> for_each_async(|n| async move { slow(n).await; }) [name = "store"]
    };
    let snapshot = finished(run).await;
    let found = limiting(&snapshot);
    assert_eq!(
        (found.stage.as_str(), found.position),
        ("store", Position::Sink),
        "{snapshot}"
    );
    let (upstream, blocked) = found.upstream_blocked.clone().unwrap();
    assert_eq!(upstream, "map#2");
    assert!(blocked > 0.7, "{snapshot}");
    assert!(
        snapshot
            .bottleneck()
            .to_string()
            .starts_with("the sink `store` is the bottleneck"),
        "{snapshot}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fan_out_with_too_few_workers_is_named_and_more_workers_would_help() {
    let run = pipeline! {
        #![capacity = 4]
        from_iter(0..ITEMS) -> then(slow) [name = "fetch", workers = 2] -> count()
    };
    let snapshot = finished(run).await;
    let found = limiting(&snapshot);
    assert_eq!(
        (found.stage.as_str(), found.workers),
        ("fetch", 2),
        "{snapshot}"
    );
    assert!(found.more_workers_would_help, "{snapshot}");
    assert!(
        snapshot
            .bottleneck()
            .to_string()
            .ends_with("all 2 workers are busy: more workers would help"),
        "{snapshot}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fan_out_with_idle_workers_would_not_gain_from_more() {
    // The source gives an item every 2 ms; 8 workers of a 2 ms stage are mostly idle, so the
    // source is the bottleneck and the fan-out is not.
    let run = pipeline! {
        #![capacity = 4]
        generate(|emit| async move {
            for n in 0..ITEMS {
                emit.send(slow(n).await).await;
            }
        }) [name = "read"]
            -> then(slow) [name = "fetch", workers = 8]
            -> count()
    };
    let snapshot = finished(run).await;
    assert_eq!(snapshot.bottleneck().stage(), Some("read"), "{snapshot}");
    let fetch = snapshot.stage("fetch").unwrap();
    let idle = fetch
        .workers()
        .iter()
        .filter(|w| w.share(w.busy) < 0.85)
        .count();
    assert!(idle > 0, "{snapshot}");
}
