//! Every goroutine leak the Go articles (../shared/seeds) describe, made impossible.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use gopipe::stage::{Stage, then};
use gopipe::{PipelineError, Scope, StageName, fan_out, merge};

use crate::common::{
    all_tasks_exit, assert_no_live_tasks, assert_panicked, join_cancelled, live_count_reaches,
    settle, within,
};

/// Sets its flag when the task holding it exits, like Go's `defer fmt.Println("... exited.")`.
struct OnExit(Arc<AtomicBool>);
impl Drop for OnExit {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// `newRandStream`: the consumer takes 3 numbers of an endless generator and stops; the
/// generator, blocked on its next send, exits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rand_stream_the_generator_exits_when_the_consumer_takes_three() {
    for stop_by_dropping in [false, true] {
        let scope: Scope<()> = Scope::new();
        let id = scope.id();
        let exited = Arc::new(AtomicBool::new(false));
        let (tx, mut rand_stream) = scope.channel(0); // Go's unbuffered channel
        let guard = OnExit(exited.clone());
        scope.spawn("newRandStream", async move {
            let _guard = guard;
            let mut x: u64 = 0x2545_f491_4f6c_dd1d;
            loop {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                if tx.send(x).await.is_err() {
                    return Ok(());
                }
            }
        });
        let mut three = Vec::new();
        for _ in 0..3 {
            three.push(rand_stream.recv().await.unwrap());
        }
        if stop_by_dropping {
            drop(rand_stream); // no done at all: closing the channel is enough
        } else {
            scope.stop();
        }
        within("join", scope.join()).await.unwrap();
        assert!(
            exited.load(Ordering::SeqCst),
            "newRandStream closure exited."
        );
        assert_eq!(three.len(), 3);
        assert_no_live_tasks(id);
    }
}

/// `doWork(done, nil)`: a stage receiving from a channel nobody ever writes is cancelled
/// after a delay and exits cleanly.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn do_work_a_receiver_of_a_silent_channel_is_cancelled_cleanly() {
    let scope: Scope<()> = Scope::new();
    let id = scope.id();
    let (strings_tx, mut strings) = scope.channel::<String>(0);
    let exited = Arc::new(AtomicBool::new(false));
    let guard = OnExit(exited.clone());
    scope.spawn("doWork", async move {
        let _guard = guard;
        while let Some(s) = strings.recv().await {
            println!("{s}");
        }
        Ok(())
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(!exited.load(Ordering::SeqCst));
    scope.cancel(); // "Canceling doWork goroutine..."
    join_cancelled(scope).await;
    assert!(exited.load(Ordering::SeqCst), "doWork exited.");
    assert_no_live_tasks(id);
    drop(strings_tx); // the writer existed all along; it just never wrote
}

/// The Go blog's gen -> sq (2 workers) -> merge: the consumer reads only the first value
/// and every stage exits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn squares_reading_one_value_stops_every_stage() {
    let scope: Scope<()> = Scope::new();
    let id = scope.id();
    let numbers = Stage::new("gen")
        .capacity(0)
        .spawn_source(&scope, [2u64, 3]);
    let c1 = Stage::new("sq1").capacity(0).spawn(
        &scope,
        numbers.clone(),
        then(|n: u64| async move { Ok(n * n) }),
    );
    let c2 = Stage::new("sq2").capacity(0).spawn(
        &scope,
        numbers,
        then(|n: u64| async move { Ok(n * n) }),
    );
    let mut out = merge(&scope, "merge", [c1, c2]);
    let first = out.recv().await.unwrap();
    assert!(first == 4 || first == 9);
    drop(out); // the consumer is done: no explicit cancel, the close cascades upstream
    within("join", scope.join()).await.unwrap();
    assert_no_live_tasks(id);
}

/// The error-handling article: the caller returns on the first worker error; the other
/// workers, blocked sending their results on an unbuffered channel, must not leak.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_error_returning_early_leaves_no_worker_blocked_on_its_send() {
    async fn f(workers: usize) -> (Result<(), String>, gopipe::PipelineId) {
        let scope: Scope<()> = Scope::new();
        let id = scope.id();
        let (done_tx, mut done_ch) = scope.channel::<Result<(), String>>(0);
        for worker in 0..workers {
            let done_tx = done_tx.clone();
            scope.spawn(StageName::new("worker").worker(worker), async move {
                let outcome = if worker == 0 {
                    Err(format!("worker {worker} failed"))
                } else {
                    Ok(())
                };
                let _ = done_tx.send(outcome).await; // fails only once the caller has left
                Ok(())
            });
        }
        drop(done_tx);
        while let Some(outcome) = done_ch.recv().await {
            if outcome.is_err() {
                return (outcome, id); // the Go bug: return while others still want to send
            }
        }
        (Ok(()), id)
    }
    let (outcome, id) = within("f", f(8)).await;
    assert_eq!(outcome, Err("worker 0 failed".to_owned()));
    all_tasks_exit(id).await; // dropping the scope on return cancelled and joined them
}

/// The same job as an errgroup: the first error is the run's result, and it is returned
/// while the other workers are still blocked, not after they finish on their own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_error_errgroup_style_returns_the_error_not_the_cancellation() {
    let scope: Scope<String> = Scope::new();
    let id = scope.id();
    let (results, _never_read) = scope.channel::<u32>(0);
    for worker in 0..8u32 {
        let results = results.clone();
        scope.spawn(
            StageName::new("worker").worker(worker as usize),
            async move {
                if worker == 5 {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    return Err(format!("worker {worker} failed"));
                }
                // Blocks forever: nobody reads. Then fails *because* it was cancelled.
                results
                    .send(worker)
                    .await
                    .map_err(|_| "send cancelled".to_owned())
            },
        );
    }
    drop(results);
    let outcome = within("join", scope.join()).await;
    match outcome {
        Err(PipelineError::Failed {
            stage,
            error,
            suppressed,
            ..
        }) => {
            assert_eq!(stage.to_string(), "worker (worker 5)");
            assert_eq!(error, "worker 5 failed");
            assert_eq!(
                suppressed, 7,
                "the provoked failures are counted, not reported"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_no_live_tasks(id);
}

/// Cancel while every stage is blocked sending into a full channel: all exit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_while_every_stage_is_blocked_on_a_full_channel() {
    let scope: Scope<()> = Scope::new();
    let _id = scope.id();
    let numbers = Stage::new("gen").capacity(1).spawn_source(&scope, 0u64..);
    let a = Stage::new("a")
        .capacity(1)
        .spawn(&scope, numbers, then(|n: u64| async move { Ok(n) }));
    let b = fan_out(&scope, "b", 3, a, |n: u64| async move { Ok(n) });
    settle().await; // everyone fills up and blocks: nobody reads `b`
    assert_eq!(scope.live_tasks().len(), 5);
    scope.cancel();
    join_cancelled(scope).await;
    drop(b);
}

/// A stage panics mid-pipeline: the error names it, and the stages blocked around it (on a
/// receive upstream and a send downstream) do not hang.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_stage_is_named_and_nothing_hangs() {
    let scope: Scope<()> = Scope::new();
    let id = scope.id();
    let numbers = Stage::new("gen").capacity(0).spawn_source(&scope, 0u64..);
    let checked = Stage::new("check").spawn(
        &scope,
        numbers,
        then(|n: u64| async move {
            assert!(n < 10, "item {n} is out of range");
            Ok(n)
        }),
    );
    let _unread =
        Stage::new("after")
            .capacity(0)
            .spawn(&scope, checked, then(|n: u64| async move { Ok(n) }));
    assert_panicked(
        within("join", scope.join()).await,
        "check",
        "item 10 is out of range",
    );
    assert_no_live_tasks(id);
}

/// "go channel and memory leaks": the receiver returns on an error after one item; the
/// endless sender must not stay blocked on the channel.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receiver_failing_after_one_item_releases_the_endless_sender() {
    let scope: Scope<String> = Scope::new();
    let id = scope.id();
    let (ch_tx, mut ch) = scope.channel::<()>(0);
    scope.spawn("sender", async move {
        while ch_tx.send(()).await.is_ok() {}
        Ok(())
    });
    scope.spawn("receiver", async move {
        ch.recv().await;
        Err("someThing failed".to_owned())
    });
    let outcome = within("join", scope.join()).await;
    assert_eq!(
        outcome.unwrap_err().into_error().as_deref(),
        Some("someThing failed")
    );
    assert_no_live_tasks(id);
}

/// Several producers feed several consumers; when one consumer's running sum passes 10,
/// every producer and consumer stops.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sum_limit_one_consumer_stops_all_producers_and_consumers() {
    let scope: Scope<()> = Scope::new();
    let id = scope.id();
    let (int_tx, int_rx) = scope.channel::<u64>(3);
    for sender in 0..3 {
        let int_tx = int_tx.clone();
        scope.spawn(StageName::new("sender").worker(sender), async move {
            for value in [1, 2, 3].into_iter().cycle() {
                if int_tx.send(value).await.is_err() {
                    break;
                }
            }
            Ok(())
        });
    }
    drop(int_tx);
    let (sums_tx, mut sums) = tokio::sync::mpsc::unbounded_channel();
    for receiver in 0..3 {
        let (mut int_rx, done, sums_tx) = (int_rx.clone(), scope.done().clone(), sums_tx.clone());
        scope.spawn(StageName::new("receiver").worker(receiver), async move {
            let mut sum = 0;
            while let Some(e) = int_rx.recv().await {
                sum += e;
                if sum > 10 {
                    done.cancel_with(gopipe::Cause::Finished); // "stopFunc()"
                    sums_tx.send(sum).ok();
                    break;
                }
            }
            Ok(())
        });
    }
    drop((int_rx, sums_tx));
    live_count_reaches(id, "sender", 0).await;
    within("join", scope.join()).await.unwrap();
    let mut over = Vec::new();
    while let Ok(sum) = sums.try_recv() {
        over.push(sum);
    }
    assert!(
        !over.is_empty() && over.iter().all(|&sum| sum > 10),
        "{over:?}"
    );
    assert_no_live_tasks(id);
}
