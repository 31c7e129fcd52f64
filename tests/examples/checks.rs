//! The checks, one per example.

use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::graphs::matches_its_block;
use crate::*;

/// Longer than anything here should take: reaching it means a hang.
pub(crate) const HANG: Duration = Duration::from_secs(20);

pub(crate) async fn within<F: std::future::Future>(what: &str, future: F) -> F::Output {
    tokio::time::timeout(HANG, future)
        .await
        .unwrap_or_else(|_| panic!("{what} hung"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn squares_reads_one_value_and_every_stage_exits() {
    assert_eq!(
        within("sum", squares::sum_of_squares(1000)).await.unwrap(),
        333_833_500
    );
    let first = within("first", squares::first_square()).await.unwrap();
    assert!(
        first.square >= 4 && (first.square as f64).sqrt().fract() == 0.0,
        "{first:?}"
    );
    assert_eq!(first.live_tasks, 0);
    let summed = squares::squares_summed(10);
    matches_its_block("squares_summed", summed.graph());
    assert_eq!(within("sum", summed).await.unwrap(), 385);
    matches_its_block("squares_first", first.graph);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn do_work_exits_when_cancelled() {
    let log = do_work::Log::default();
    let left = within("do_work", do_work::do_work(Duration::from_millis(50), &log)).await;
    assert_eq!(left.live_tasks, 0);
    matches_its_block("do_work", left.graph);
    assert_eq!(
        log.lines(),
        [
            "Canceling doWork goroutine...",
            "doWork exited.",
            "Done. (the pipeline was cancelled)"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rand_stream_stops_after_three() {
    let exited = rand_stream::Exited::default();
    let three = within("rand_stream", rand_stream::three_random_ints(&exited))
        .await
        .unwrap();
    assert_eq!(three.numbers.len(), 3);
    assert!(exited.get(), "the generator exited");
    assert_eq!(three.live_tasks, 0);
    matches_its_block("rand_stream", three.graph);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_error_in_each_style_arrives_at_once_and_frees_every_worker() {
    // The other workers take an hour: the error must come well before that, and none may
    // be left behind.
    for (style, outcome) in [
        (
            "fail_fast",
            within("fail fast", first_error::fail_fast(8)).await,
        ),
        (
            "error_channel",
            within("error channel", first_error::error_channel(8)).await,
        ),
        (
            "result_items",
            within("result items", first_error::result_items(8)).await,
        ),
    ] {
        assert_eq!(outcome.error, "worker 0: the disk is full");
        assert_eq!(outcome.live_tasks, 0, "{outcome:?}");
        matches_its_block(&format!("first_error_{style}"), outcome.graph);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sum_limit_stops_everyone_once_a_sum_passes_ten() {
    let limit = within("sum_limit", sum_limit::sum_until_past_ten())
        .await
        .unwrap();
    assert!(
        (11..=13).contains(&limit.sum),
        "a sum of 1s, 2s and 3s first past 10: {limit:?}"
    );
    assert_eq!(limit.live_tasks, 0);
    matches_its_block("sum_limit", limit.graph);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn controller_pauses_resumes_and_stops_the_pool() {
    let report = within(
        "controller",
        controller::control(4, Duration::from_millis(100)),
    )
    .await;
    assert!(
        report.received[0] > 0 && report.received[2] > 0,
        "{report:?}"
    );
    assert_eq!(
        report.received[1], 0,
        "nothing is handed out while paused: {report:?}"
    );
    assert!(
        report.processed[1] <= 4,
        "at most the items in hand finish while paused: {report:?}"
    );
    assert_eq!(report.live_tasks, 0);
    matches_its_block("controller", report.graph);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mirrored_query_takes_the_fastest_and_cancels_the_others() {
    let mirrors = [
        mirrored_query::Mirror {
            name: "far",
            delay: Duration::from_secs(3600),
        },
        mirrored_query::Mirror {
            name: "near",
            delay: Duration::from_millis(5),
        },
        mirrored_query::Mirror {
            name: "slow",
            delay: Duration::from_secs(3600),
        },
    ];
    let answer = within("the query", mirrored_query::query(&mirrors))
        .await
        .unwrap();
    assert_eq!(answer.body, "results from near");
    assert_eq!(answer.answered, 1);
    assert_eq!(
        answer.hung_up, 2,
        "both slow mirrors saw their connection closed early"
    );
    assert_eq!(answer.live_tasks, 0);
    matches_its_block("mirrored_query", answer.graph);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crawl_respects_depth_and_in_flight_limits() {
    let report = within("the crawl", crawl::crawl(63, &[], (3, 2), HANG, false))
        .await
        .unwrap();
    assert!(report.outcome.is_ok(), "{:?}", report.outcome);
    // A binary tree, 3 links deep: 1 + 2 + 4 + 8 pages, each once.
    assert_eq!(report.visits.len(), 15);
    assert!(report.visits.iter().all(|visit| visit.depth <= 3));
    let mut paths: Vec<&str> = report
        .visits
        .iter()
        .map(|visit| visit.path.as_str())
        .collect();
    paths.dedup();
    assert_eq!(paths.len(), 15, "no page fetched twice");
    assert!(
        report.most_in_flight <= 2,
        "{} requests at once",
        report.most_in_flight
    );
    assert_eq!(report.live_tasks, 0);
    matches_its_block("crawl", report.graph);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crawls_metrics_name_its_fetches_as_the_bottleneck() {
    let report = within("the crawl", crawl::crawl(63, &[], (4, 3), HANG, false))
        .await
        .unwrap();
    assert!(report.outcome.is_ok(), "{:?}", report.outcome);
    let snapshot = &report.metrics;
    // Every page fetched counted once on each side of the sink.
    let sink = snapshot.stage("for_each#3").unwrap().total();
    assert_eq!(sink.items_in, report.visits.len() as u64, "{snapshot}");
    // Each page takes the server 2 ms: the crawl waits on its fetches, its sink on it.
    assert_eq!(snapshot.bottleneck().stage(), Some("crawl"), "{snapshot}");
    let said = snapshot.bottleneck().to_string();
    assert!(
        said.contains("its downstream `for_each#3` is starved"),
        "{said}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_a_crawl_stops_its_requests_in_flight() {
    // Pages 1 and 2 never answer: the crawl is stuck on them when the deadline cancels it.
    let report = within(
        "the crawl",
        crawl::crawl(63, &[1, 2], (4, 4), Duration::from_millis(100), false),
    )
    .await
    .unwrap();
    assert!(
        matches!(report.outcome, Err(gopipe::PipelineError::TimedOut)),
        "{:?}",
        report.outcome
    );
    assert_eq!(report.visits.len(), 1, "only the start page answered");
    assert_eq!(report.hung_up, 2, "both requests in flight were dropped");
    assert_eq!(report.live_tasks, 0);
}

/// A directory tree under the system's temp dir, removed on drop.
struct Tree(PathBuf);

impl Tree {
    /// `dirs` directories, `depth` deep, each holding `files` files of 1..=files KiB.
    fn new(name: &str, dirs: usize, depth: usize, files: usize) -> (Tree, u64, u64) {
        let root = std::env::temp_dir().join(format!("pipeline-du-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let (mut count, mut bytes) = (0, 0);
        for dir in 0..dirs {
            let mut path = root.clone();
            for level in 0..depth {
                path.push(format!("d{}", (dir + level) % 3));
            }
            path.push(format!("leaf{dir}"));
            std::fs::create_dir_all(&path).unwrap();
            for file in 1..=files {
                std::fs::write(path.join(format!("f{file}")), vec![0u8; file * 1024]).unwrap();
                count += 1;
                bytes += (file * 1024) as u64;
            }
        }
        (Tree(root), count, bytes)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn du_counts_every_file_of_a_tree() {
    let (tree, files, bytes) = Tree::new("full", 40, 3, 5);
    let walk = du::du(
        vec![tree.path().to_owned()],
        (4, Duration::ZERO),
        false,
        CancellationToken::new(),
    );
    let report = within("du", walk).await;
    assert!(report.outcome.is_ok(), "{:?}", report.outcome);
    assert_eq!((report.files, report.bytes), (files, bytes));
    assert_eq!(report.live_tasks, 0);
    matches_its_block("du", report.graph);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn du_cancelled_mid_walk_reports_a_partial_total() {
    let (tree, files, _) = Tree::new("cut", 60, 2, 3);
    let cancel = CancellationToken::new();
    // One directory open at a time, 10 ms each (a slow disk): ~1 s for the whole tree.
    let slow_disk = (1, Duration::from_millis(10));
    let walk = du::du(
        vec![tree.path().to_owned()],
        slow_disk,
        false,
        cancel.clone(),
    );
    tokio::pin!(walk);
    // Cancel once some, not all, files are counted.
    let report = within("du", async {
        tokio::select! {
            report = &mut walk => report,
            () = tokio::time::sleep(Duration::from_millis(150)) => {
                cancel.cancel();
                walk.await
            }
        }
    })
    .await;
    assert!(
        matches!(report.outcome, Err(gopipe::PipelineError::Cancelled)),
        "{:?}",
        report.outcome
    );
    let counted = report.files;
    assert!(
        counted > 0 && counted < files,
        "counted {counted} of {files}"
    );
    assert_eq!(report.live_tasks, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graph_draws_a_walk_merged_with_a_list() {
    let usage = graph::disk_usage(vec![7, 8]);
    let (id, picture) = (usage.id(), usage.graph());
    matches_its_block("graph_disk_usage", picture);
    // The tree's files (10, 200, 300, 50, 40) and the two listed.
    assert_eq!(within("disk usage", usage).await.unwrap(), 615);
    assert!(gopipe::diagnostics::live_tasks_of(id).is_empty());
}
