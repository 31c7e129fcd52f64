//! Stress: many pipelines at once, a huge fan-out cancelled at once, a million runs in a row.
//!
//! Sizes are the divided by `PIPELINE_STRESS_SCALE` (default 10 for CI; set it to 1
//! for the full run: 10,000 pipelines at once, 100,000 parked workers, 1,000,000 runs). The
//! figures are printed (`--nocapture`); RELIABILITY.md records a full run.

use std::time::{Duration, Instant};

use gopipe::diagnostics::live_tasks_of;
use gopipe::{PipelineError, pipeline};
use tokio::task::JoinSet;

fn scale() -> usize {
    std::env::var("PIPELINE_STRESS_SCALE")
        .ok()
        .and_then(|scale| scale.parse().ok())
        .unwrap_or(10)
        .max(1)
}

/// Resident memory now and at its peak (`VmRSS`, `VmHWM`), in KiB.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|line| line.starts_with(name))
            .and_then(|line| line.split_whitespace().nth(1))
            .and_then(|kib| kib.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

async fn small_run(n: u64) -> u64 {
    pipeline! {
        from_iter(0..n) -> map(|x| x * 2) [workers = 2] -> filter(|x| x % 3 != 0) -> fold(0, |a, x| a + x)
    }
    .await
    .unwrap()
}

fn expected(n: u64) -> u64 {
    (0..n).map(|x| x * 2).filter(|x| x % 3 != 0).sum()
}

#[test]
fn stress() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        many_at_once(10_000 / scale()).await;
        huge_fan_out_cancelled(100_000 / scale()).await;
        runs_in_a_row(1_000_000 / scale()).await;
    });
}

/// `count` small pipelines running at once: all correct, no task left.
async fn many_at_once(count: usize) {
    let start = Instant::now();
    let mut runs = JoinSet::new();
    let mut ids = Vec::with_capacity(count);
    for i in 0..count {
        let run = pipeline! {
            from_iter(0..20u64) -> map(|x| x * 2) [workers = 2] -> filter(|x| x % 3 != 0) -> fold(0, |a, x| a + x)
        };
        ids.push(run.id());
        runs.spawn(async move { (i, run.await) });
    }
    let mut done = 0;
    while let Some(joined) = runs.join_next().await {
        let (_, total) = joined.unwrap();
        assert_eq!(total.unwrap(), expected(20));
        done += 1;
    }
    assert_eq!(done, count);
    let leaked: usize = ids.iter().map(|id| live_tasks_of(*id).len()).sum();
    assert_eq!(leaked, 0, "tasks outlived their pipelines");
    eprintln!(
        "stress: {count} pipelines ({} tasks) at once: all correct in {:?}, 0 tasks left",
        count * 5,
        start.elapsed()
    );
}

/// One fan-out of `workers` tasks, all parked waiting for input, cancelled at once.
async fn huge_fan_out_cancelled(workers: usize) {
    let (_tx, rx) = tokio::sync::mpsc::channel::<u64>(1);
    let run = pipeline! {
        from_channel(rx) -> map(|x| x) [workers = workers] -> drain()
    };
    let id = run.id();
    // Wait until every worker exists and has parked.
    let started = Instant::now();
    while live_tasks_of(id).len() < workers + 2 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the workers did not start"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    tokio::time::sleep(Duration::from_millis(50)).await;
    let (rss, _) = memory();
    let cancelled = Instant::now();
    run.cancel();
    let outcome = run.await;
    let joined = cancelled.elapsed();
    assert!(
        matches!(outcome, Err(PipelineError::Cancelled)),
        "{outcome:?}"
    );
    assert!(live_tasks_of(id).is_empty(), "every worker was joined");
    eprintln!(
        "stress: {workers} parked workers cancelled, all joined in {joined:?} ({:.2} µs per task); \
         {rss} KiB resident while parked",
        joined.as_secs_f64() * 1e6 / workers as f64
    );
}

/// `runs` small pipelines one after another: memory must not grow.
async fn runs_in_a_row(runs: usize) {
    let warm_up = runs / 10;
    let start = Instant::now();
    let mut after_warm_up = (0, 0);
    for i in 0..runs {
        if i == warm_up {
            after_warm_up = memory();
        }
        assert_eq!(small_run(8).await, expected(8));
    }
    let end = memory();
    let elapsed = start.elapsed();
    eprintln!(
        "stress: {runs} runs in a row in {elapsed:?} ({:.1} µs each); resident {} KiB after \
         {warm_up} runs, {} KiB at the end (peak {} KiB)",
        elapsed.as_secs_f64() * 1e6 / runs as f64,
        after_warm_up.0,
        end.0,
        end.1
    );
    let growth = end.0.saturating_sub(after_warm_up.0);
    assert!(
        growth < 16 * 1024,
        "resident memory grew by {growth} KiB over {runs} runs"
    );
}
