//! Scope: owns, names and joins every task; drop aborts; fail fast, first by time.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use gopipe::diagnostics::live_tasks_of;
use gopipe::{
    Cause, PipelineError, Scope, ScopeClosed, StageName, current_pipeline, current_stage,
};

use crate::common::{
    all_tasks_exit, assert_no_live_tasks, assert_panicked, join_cancelled, live_count_reaches,
    within,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tasks_are_listed_by_stage_name_until_joined() {
    let scope: Scope<()> = Scope::new();
    let id = scope.id();
    let release = Arc::new(tokio::sync::Semaphore::new(0));
    for name in ["gen", "sq", "sum"] {
        let release = release.clone();
        scope.spawn(name, async move {
            let _permit = release.acquire().await;
            Ok(())
        });
    }
    let mut names: Vec<String> = live_tasks_of(id)
        .iter()
        .map(|task| task.stage().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["gen", "sq", "sum"]);
    assert_eq!(scope.live_tasks().len(), 3);
    release.add_permits(3);
    within("join", scope.join()).await.unwrap();
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn join_waits_for_tasks_spawned_while_it_waits() {
    let scope: Scope<()> = Scope::new();
    let id = scope.id();
    let spawner = scope.spawner();
    let finished = Arc::new(AtomicUsize::new(0));
    let counter = finished.clone();
    scope.spawn("parent", async move {
        for child in 0..5 {
            let counter = counter.clone();
            spawner
                .spawn(StageName::new("child").worker(child), async move {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    counter.fetch_add(1, Ordering::SeqCst);
                    Ok(())
                })
                .expect("the scope is open while its tasks run");
        }
        Ok(())
    });
    within("join", scope.join()).await.unwrap();
    assert_eq!(
        finished.load(Ordering::SeqCst),
        5,
        "join returned before the children"
    );
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spawner_refuses_once_its_scope_is_joined_or_dropped() {
    let scope: Scope<()> = Scope::new();
    let spawner = scope.spawner();
    scope.join().await.unwrap();
    assert_eq!(spawner.spawn("late", async { Ok(()) }), Err(ScopeClosed));

    let scope: Scope<()> = Scope::new();
    let spawner = scope.spawner();
    drop(scope);
    assert_eq!(spawner.spawn("late", async { Ok(()) }), Err(ScopeClosed));
}

/// Sets its flag when dropped: shows that a task's future was dropped (aborted).
struct DropFlag(Arc<AtomicBool>);
impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropping_a_scope_cancels_and_aborts_every_task() {
    let scope: Scope<()> = Scope::new();
    let id = scope.id();
    let done = scope.done().clone();
    let dropped = Arc::new(AtomicBool::new(false));
    let flag = DropFlag(dropped.clone());
    scope.spawn("deaf", async move {
        let _flag = flag;
        // Does not observe done at all: only an abort can stop it.
        std::future::pending::<()>().await;
        Ok(())
    });
    let (tx, mut rx) = scope.channel::<u8>(1);
    scope.spawn("listening", async move {
        while rx.recv().await.is_some() {}
        Ok(())
    });
    live_count_reaches(id, "deaf", 1).await;
    drop(scope);
    assert!(done.is_cancelled());
    assert_eq!(done.cause(), Some(Cause::Cancelled));
    all_tasks_exit(id).await;
    assert!(dropped.load(Ordering::SeqCst));
    drop(tx);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropping_an_unfinished_join_stops_the_run_too() {
    let scope: Scope<()> = Scope::new();
    let id = scope.id();
    scope.spawn("forever", std::future::pending());
    let timed_out = tokio::time::timeout(Duration::from_millis(20), scope.join()).await;
    assert!(timed_out.is_err());
    all_tasks_exit(id).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_fails_the_run_naming_its_stage_and_nothing_hangs() {
    let scope: Scope<String> = Scope::new();
    let id = scope.id();
    let (tx, mut rx) = scope.channel::<u32>(0);
    scope.spawn("producer", async move {
        for n in 0.. {
            if tx.send(n).await.is_err() {
                break;
            }
        }
        Ok(())
    });
    scope.spawn("explode", async move {
        while let Some(n) = rx.recv().await {
            if n == 3 {
                panic!("boom at item {n}");
            }
        }
        Ok(())
    });
    assert_panicked(
        within("join", scope.join()).await,
        "explode",
        "boom at item 3",
    );
    assert_no_live_tasks(id);
}

/// Panics when dropped.
struct Bomb(&'static str);

impl Drop for Bomb {
    fn drop(&mut self) {
        panic!("{}", self.0);
    }
}

/// A hand-written stage future that is done at once but keeps `Bomb` until it is dropped,
/// after it finished: its destructor runs outside its own `poll`.
struct DoneHoldingABomb(#[allow(dead_code)] Bomb);

impl std::future::Future for DoneHoldingABomb {
    type Output = Result<(), ()>;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), ()>> {
        std::task::Poll::Ready(Ok(()))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_in_a_finished_stage_destructor_fails_the_run_under_its_name() {
    let scope: Scope<()> = Scope::new();
    let id = scope.id();
    scope.spawn("holder", DoneHoldingABomb(Bomb("boom on drop")));
    assert_panicked(within("join", scope.join()).await, "holder", "boom on drop");
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_failure_by_time_is_reported_and_later_ones_counted() {
    let scope: Scope<String> = Scope::new();
    let id = scope.id();
    for worker in 0..3 {
        let done = scope.done().clone();
        // These fail only because the run was cancelled: a consequence, not the cause.
        scope.spawn(StageName::new("bystander").worker(worker), async move {
            done.cancelled().await;
            Err("noticed the cancellation".to_owned())
        });
    }
    scope.spawn("culprit", async {
        tokio::time::sleep(Duration::from_millis(10)).await;
        Err("disk full".to_owned())
    });
    let outcome = within("join", scope.join()).await;
    match outcome {
        Err(PipelineError::Failed {
            stage,
            error,
            suppressed,
            ..
        }) => {
            assert_eq!(stage.name(), "culprit");
            assert_eq!(error, "disk full");
            assert_eq!(suppressed, 3);
        }
        other => panic!("expected the culprit's error, got {other:?}"),
    }
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_early_is_not_a_failure() {
    let scope: Scope<String> = Scope::new();
    let id = scope.id();
    let (tx, mut rx) = scope.channel::<u64>(4);
    scope.spawn("endless", async move {
        let mut n = 0;
        while tx.send(n).await.is_ok() {
            n += 1;
        }
        Ok(())
    });
    let first = rx.recv().await;
    scope.stop();
    assert_eq!(first, Some(0));
    within("join", scope.join()).await.unwrap();
    assert_no_live_tasks(id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_task_knows_its_stage_and_pipeline() {
    let scope: Scope<()> = Scope::new();
    let id = scope.id();
    let (tx, mut rx) = scope.channel(1);
    scope.spawn(StageName::new("probe").worker(1), async move {
        tx.send((current_stage(), current_pipeline())).await.ok();
        Ok(())
    });
    let (stage, pipeline) = rx.recv().await.unwrap();
    assert_eq!(stage.unwrap().to_string(), "probe (worker 1)");
    assert_eq!(pipeline, Some(id));
    assert_eq!(current_stage(), None, "the test itself is not a stage");
    scope.join().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_a_parent_cancels_a_pipeline_started_inside_its_stage() {
    let outer: Scope<String> = Scope::new();
    let _outer_id = outer.id();
    // Plain tokio channels: they must get through even though the outer run is cancelled.
    let (report, inner_outcome) = tokio::sync::oneshot::channel();
    let (ids, inner_id) = tokio::sync::oneshot::channel();
    outer.spawn("host", async move {
        let inner: Scope<String> = Scope::new(); // a child of this stage's run
        ids.send(inner.id()).ok();
        let done = inner.done().clone();
        inner.spawn("nested", async move {
            done.cancelled().await;
            Ok(())
        });
        report.send(inner.join().await).ok();
        Ok(())
    });
    let inner_id = within("the inner pipeline", inner_id).await.unwrap();
    live_count_reaches(inner_id, "nested", 1).await;
    outer.cancel();
    let inner = within("the inner outcome", inner_outcome).await.unwrap();
    assert!(matches!(inner, Err(PipelineError::Cancelled)), "{inner:?}");
    join_cancelled(outer).await;
    assert_no_live_tasks(inner_id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_root_scope_inside_a_stage_is_not_cancelled_with_it() {
    let outer: Scope<()> = Scope::new();
    let (tx, mut rx) = outer.channel(1);
    outer.spawn("host", async move {
        let detached: Scope<()> = Scope::builder().root().build();
        tx.send(detached).await.ok();
        Ok(())
    });
    let detached = rx.recv().await.unwrap();
    outer.cancel();
    let _ = outer.join().await;
    assert!(!detached.done().is_cancelled());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_successful_join_cancels_the_runs_done_as_completed() {
    // errgroup cancels its context when Wait returns, whatever the outcome: so does join.
    let scope: Scope<()> = Scope::new();
    let done = scope.done().clone();
    let handed_out = done.child(); // work that was given the run's signal
    scope.spawn("quick", async { Ok(()) });
    within("join", scope.join()).await.unwrap();
    assert!(done.is_cancelled(), "the run ended: its Done says so");
    assert_eq!(done.cause(), Some(Cause::Completed));
    assert_eq!(handed_out.cause(), Some(Cause::Completed));
    assert_eq!(Cause::Completed.to_string(), "the run finished");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_join_keeps_the_failure_as_the_cause() {
    let scope: Scope<&'static str> = Scope::new();
    let done = scope.done().clone();
    scope.spawn("broken", async { Err("no") });
    assert!(within("join", scope.join()).await.is_err());
    assert!(
        matches!(done.cause(), Some(Cause::Failed { .. })),
        "the first cause wins"
    );
}

#[test]
fn causes_read_as_plain_english() {
    let failed = Cause::Failed {
        stage: gopipe::StageName::new("go").worker(5),
    };
    assert_eq!(failed.to_string(), "stage `go (worker 5)` failed");
    assert_eq!(Cause::Cancelled.to_string(), "the run was cancelled");
    assert_eq!(
        Cause::DeadlineExceeded.to_string(),
        "the run's deadline passed"
    );
    assert_eq!(
        Cause::Finished.to_string(),
        "the consumer needed no more items"
    );
}
